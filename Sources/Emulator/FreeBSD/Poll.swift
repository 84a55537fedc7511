import CHost
import Glibc

/// poll, ppoll, select, pselect. The host call does the waiting on translated descriptors and
/// bits; timeouts are FreeBSD's (poll: -1 only means forever; select leaves the timeval
/// alone); none of them restarts after a signal (EINTR), and ppoll/pselect run with the
/// guest's temporary signal mask, restored when the call returns (or in the frame of the
/// handler that interrupted it).
extension GuestProcess {
    func sysPoll(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let ms = Int32(truncatingIfNeeded: a[2])
        var timeout: Int64? = nil
        if ms != -1 {
            guard ms >= 0 else { throw .EINVAL }
            timeout = Int64(ms) * 1_000_000
        }
        return try pollCommon(t, fds: a[0], count: a[1], timeout: timeout, mask: nil)
    }

    func sysPpoll(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        var timeout: Int64? = nil
        if a[2] != 0 {
            let r = StructReader(bytes: try t.copyIn(a[2], count: 16))
            let sec = r.get(Int64.self, at: 0), nsec = r.get(Int64.self, at: 8)
            guard sec >= 0 && nsec >= 0 && nsec < 1_000_000_000 else { throw .EINVAL }
            timeout = sec > Int64(Int32.max) ? nil : sec * 1_000_000_000 + nsec
        }
        let mask = a[3] != 0 ? try readSignalSet(t, a[3]) : nil
        return try pollCommon(t, fds: a[0], count: a[1], timeout: timeout, mask: mask)
    }

    /// The largest pollfd array FreeBSD accepts: FD_SETSIZE or the descriptor limit.
    func pollLimit() -> Int {
        var rl = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl)
        return max(1024, Int(min(rl.rlim_cur, UInt(Int32.max))))
    }

    private func pollCommon(_ t: GuestThread, fds: UInt64, count: UInt64, timeout: Int64?, mask: SignalSet?) throws(FreeBSDErrno) -> UInt64 {
        let n = Int(UInt32(truncatingIfNeeded: count))
        guard n <= pollLimit() else { throw .EINVAL }
        let guest = n > 0 ? try t.copyIn(fds, count: n * 8) : []
        let r = StructReader(bytes: guest)
        var host = [UInt8](repeating: 0, count: max(n, 1) * 8)
        var requested = [Int16](repeating: 0, count: n)
        var hidden = [Bool](repeating: false, count: n)
        for i in 0..<n {
            var fd = r.get(Int32.self, at: i * 8)
            requested[i] = r.get(Int16.self, at: i * 8 + 4)
            if fd >= 0 && isPrivateDescriptor(fd) {
                hidden[i] = true
                fd = -1
            }
            withUnsafeBytes(of: fd.littleEndian) { for (j, b) in $0.enumerated() { host[i * 8 + j] = b } }
            withUnsafeBytes(of: EventABI.pollEventsToLinux(requested[i]).littleEndian) { for (j, b) in $0.enumerated() { host[i * 8 + 4 + j] = b } }
        }
        if let m = mask { t.useTemporaryMask(m) }
        let deadline = timeout.map { Deadline(after: $0) }
        // A descriptor the guest does not have is POLLNVAL, which ends the wait at once.
        // FreeBSD looks at the descriptors before it sleeps: ready descriptors win over a
        // pending signal.
        let immediate = hidden.contains(true) || timeout == 0
        let first = try hostCall { host.withUnsafeMutableBytes { Linux.ppoll($0.baseAddress, n, timeout: timespec()) } }
        if first == 0 && !immediate {
            _ = try t.blockingCall(restartable: false) { () -> Int in
                host.withUnsafeMutableBytes { Linux.ppoll($0.baseAddress, n, timeout: deadline?.remainingTimespec) }
            }
        }
        var count = 0
        var w = StructWriter(size: n * 8)
        w.bytes = guest
        let answers = StructReader(bytes: host)
        for i in 0..<n {
            var rev: Int16
            if hidden[i] {
                rev = EventABI.POLLNVAL
            } else {
                let lrev = answers.get(Int16.self, at: i * 8 + 6)
                rev = EventABI.pollReventsFromLinux(lrev, requested: requested[i])
                if rev & (EventABI.POLLHUP | EventABI.POLLERR) != 0 {
                    rev = fifoEndAdjusted(r.get(Int32.self, at: i * 8), rev, requested: requested[i])
                }
            }
            if rev != 0 { count += 1 }
            w.put(rev, at: i * 8 + 6)
        }
        if n > 0 { try t.copyOut(fds, w.bytes) }
        return UInt64(count)
    }

    /// FreeBSD's pipe_poll: the read end at EOF reports POLLIN with POLLHUP (Linux: POLLHUP
    /// alone); the write end whose reader is gone reports POLLHUP (Linux: POLLERR).
    private func fifoEndAdjusted(_ fd: Int32, _ rev: Int16, requested: Int16) -> Int16 {
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFIFO else { return rev }
        var out = rev
        let mode = fcntl(fd, F_GETFL) & O_ACCMODE
        if out & EventABI.POLLHUP != 0 && mode != O_WRONLY {
            out |= requested & (EventABI.POLLIN | EventABI.POLLRDNORM)
        }
        if out & EventABI.POLLERR != 0 && mode == O_WRONLY {
            out = (out & ~(EventABI.POLLERR | EventABI.POLLOUT)) | EventABI.POLLHUP
        }
        return out
    }

    func sysSelect(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        var timeout: Int64? = nil
        if a[4] != 0 {
            let r = StructReader(bytes: try t.copyIn(a[4], count: 16))
            timeout = try selectTimeout(sec: r.get(Int64.self, at: 0), usec: r.get(Int64.self, at: 8))
        }
        return try selectCommon(t, nd: a[0], sets: (a[1], a[2], a[3]), timeout: timeout, mask: nil)
    }

    func sysPselect(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        var timeout: Int64? = nil
        if a[4] != 0 {
            let r = StructReader(bytes: try t.copyIn(a[4], count: 16))
            // FreeBSD converts the timespec to a timeval (microseconds, truncated) first.
            let nsec = r.get(Int64.self, at: 8)
            timeout = try selectTimeout(sec: r.get(Int64.self, at: 0), usec: nsec / 1000)
        }
        let mask = a[5] != 0 ? try readSignalSet(t, a[5]) : nil
        return try selectCommon(t, nd: a[0], sets: (a[1], a[2], a[3]), timeout: timeout, mask: mask)
    }

    private func selectTimeout(sec: Int64, usec: Int64) throws(FreeBSDErrno) -> Int64? {
        guard sec >= 0 && usec >= 0 && usec < 1_000_000 else { throw .EINVAL }
        return sec > Int64(Int32.max) ? nil : sec * 1_000_000_000 + usec * 1000
    }

    private func selectCommon(_ t: GuestThread, nd ndArg: UInt64, sets: (UInt64, UInt64, UInt64), timeout: Int64?,
                              mask: SignalSet?) throws(FreeBSDErrno) -> UInt64 {
        let nd = Int32(truncatingIfNeeded: ndArg)
        guard nd >= 0 else { throw .EINVAL }
        let limit = Int32(pollLimit())
        let n = min(nd, limit)
        let words = (Int(n) + 63) / 64
        let bytes = words * 8
        let pointers = [sets.0, sets.1, sets.2]
        var buffers: [[UInt8]] = []
        for p in pointers {
            if p == 0 || bytes == 0 { buffers.append([]); continue }
            var b = try t.copyIn(p, count: bytes)
            // Bits past nd in the last word are not looked at.
            if n % 64 != 0 {
                let keep = Int(n % 64)
                for bit in keep..<64 { b[(words - 1) * 8 + bit / 8] &= ~(UInt8(1) << UInt8(bit % 8)) }
            }
            // FreeBSD refuses a bit for a descriptor that is not open (Linux ignores those past
            // its table); the emulator's own descriptors are not open as far as the guest knows.
            for i in 0..<Int(n) where b[i / 8] & (1 << UInt8(i % 8)) != 0 {
                if fcntl(Int32(i), F_GETFD) < 0 || (i >= 1000 && isPrivateDescriptor(Int32(i))) { throw .EBADF }
            }
            buffers.append(b)
        }
        if let m = mask { t.useTemporaryMask(m) }
        let deadline = timeout.map { Deadline(after: $0) }
        var work = buffers
        func attempt(_ limit: timespec?) -> Int {
            var rs = buffers[0], ws = buffers[1], es = buffers[2]
            let r = rs.withUnsafeMutableBytes { r in
                ws.withUnsafeMutableBytes { w in
                    es.withUnsafeMutableBytes { e in
                        Linux.pselect(n, r.count > 0 ? r.baseAddress : nil, w.count > 0 ? w.baseAddress : nil,
                                      e.count > 0 ? e.baseAddress : nil, timeout: limit)
                    }
                }
            }
            work = [rs, ws, es]
            return r
        }
        // As poll: a first look without sleeping, then the interruptible wait.
        var ready = try hostCall { attempt(timespec()) }
        if ready == 0 && timeout != 0 {
            ready = try t.blockingCall(restartable: false) { attempt(deadline?.remainingTimespec) }
        }
        for (i, p) in pointers.enumerated() where p != 0 && bytes > 0 {
            // Only the words the guest passed in are written back (FreeBSD copies `nd` bits
            // rounded up to whole fd_mask words).
            try t.copyOut(p, work[i])
        }
        return ready
    }
}

extension GuestThread {
    /// ppoll/pselect: runs the rest of the call with `mask` and makes the thread put its
    /// current mask back when the call returns; a handler that runs for a signal the call
    /// was interrupted by saves the original mask in its frame (FreeBSD's TDP_OLDMASK).
    func useTemporaryMask(_ mask: SignalSet) {
        let old = signalLock.withLock { signalMask }
        if maskToRestore == nil { maskToRestore = old }
        setSignalMask(mask)
    }
}

extension Deadline {
    /// `ns` nanoseconds from now (saturating).
    init(after ns: Int64) {
        let now = Deadline.now()
        self.init(relative: timespec())
        self.ns = ns > Int64.max - now ? Int64.max : now + ns
    }

    /// What is left as a timespec, never negative: the timeout of a retried host call.
    var remainingTimespec: timespec {
        let left = max(0, remaining)
        return timespec(tv_sec: Int(left / 1_000_000_000), tv_nsec: Int(left % 1_000_000_000))
    }
}
