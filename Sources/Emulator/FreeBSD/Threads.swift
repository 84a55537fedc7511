import CHost
import Glibc

/// thr_new and the other thr_* calls, rtprio_thread, cpuset affinity: FreeBSD's kernel-visible
/// threads (sys/kern/kern_thr.c), each on its own host thread.
extension GuestProcess {
    func sysThrNew(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let size = Int(a[1])
        guard size >= 0 && size <= 104 else { throw .EINVAL }
        var bytes = [UInt8](repeating: 0, count: 104)
        if size > 0 {
            let raw = try t.copyIn(a[0], count: size)
            for (i, b) in raw.enumerated() { bytes[i] = b }
        }
        let r = StructReader(bytes: bytes)
        let entry = r.get(UInt64.self, at: 0), arg = r.get(UInt64.self, at: 8)
        let stackBase = r.get(UInt64.self, at: 16), stackSize = r.get(UInt64.self, at: 24)
        let tls = r.get(UInt64.self, at: 32)
        let childTID = r.get(UInt64.self, at: 48), parentTID = r.get(UInt64.self, at: 56)
        let flags = r.get(Int32.self, at: 64)
        let cpu: X86CPU
        do {
            cpu = try t.cpu.newThreadCPU(entry: entry, argument: arg, stackBase: stackBase, stackSize: stackSize, tls: tls)
        } catch {
            throw .EFAULT
        }
        let nt = addThread(cpu: cpu)
        nt.signalMask = t.signalLock.withLock { t.signalMask }
        if childTID != 0 { try t.store(childTID, Int64(nt.tid)) }
        if parentTID != 0 { try t.store(parentTID, Int64(nt.tid)) }
        if flags & 1 != 0 { host_atomic_store32(nt.wakeWord, 0) }   // THR_SUSPENDED: not modelled, starts at once
        guard HostThread.start({ nt.run() }) else {
            lock.withLock { threads.removeAll { $0 === nt } }
            throw .EAGAIN
        }
        return 0
    }

    func sysThrExit(_ t: GuestThread, _ a: SyscallArgs) -> Never {
        if a[0] != 0 {
            // *state = 1, then wake every waiter on it (the joiner).
            try? t.store(a[0], Int64(1))
            if let p = try? t.space.hostRanges(a[0], length: 4, access: .write).first?.baseAddress {
                HostThread.futexWake(p, count: Int32.max, privateKey: false)
            }
        }
        threadExited(t)
    }

    func sysThrSetName(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let id = Int64(bitPattern: a[0])
        guard let target = lock.withLock({ threads.first { id == -1 ? $0 === t : Int64($0.tid) == id } }) else { throw .ESRCH }
        var name = a[1] == 0 ? "" : try t.string(a[1], limit: 4096)
        name = String(name.utf8.prefix(19).map { Character(Unicode.Scalar($0)) })
        target.name = name
        return 0
    }

    /// thr_suspend(timeout): sleeps until thr_wake or the (relative) timeout.
    func sysThrSuspend(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        var deadline: Deadline? = nil
        if a[0] != 0 { deadline = Deadline(relative: try readTimespec(t, a[0])) }
        while host_atomic_load32(t.wakeWord) == 0 {
            let r = try umtxSleep(t, t.wakeWord, expected: 0, deadline: deadline, restartable: deadline == nil)
            if r == .timedOut { throw .ETIMEDOUT }
        }
        host_atomic_store32(t.wakeWord, 0)
        return 0
    }

    func sysThrWake(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let id = Int64(bitPattern: a[0])
        guard let target = lock.withLock({ threads.first { Int64($0.tid) == id } }) else { throw .ESRCH }
        host_atomic_store32(target.wakeWord, 1)
        HostThread.futexWake(UnsafeMutableRawPointer(target.wakeWord), count: 1, privateKey: false)
        return 0
    }

    /// rtprio_thread(function, lwpid, rtp): threads run at the normal time-sharing priority.
    func sysRtprioThread(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        switch a[0] {
        case 0:   // RTP_LOOKUP
            var w = StructWriter(size: 4)
            w.put(UInt16(3), at: 0)   // RTP_PRIO_NORMAL
            w.put(UInt16(0), at: 2)
            try t.copyOut(a[2], w.bytes)
            return 0
        case 1:   // RTP_SET: only the normal class is allowed without privilege
            let r = StructReader(bytes: try t.copyIn(a[2], count: 4))
            guard r.get(UInt16.self, at: 0) == 3 else { throw .EPERM }
            return 0
        default:
            throw .EINVAL
        }
    }

    /// cpuset_getaffinity(level, which, id, setsize, mask): every host CPU.
    func sysCpusetGetaffinity(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let size = Int(a[3])
        let n = GuestProcess.hostCPUCount()
        guard size * 8 >= n, size <= 1 << 16 else { throw .ERANGE }
        var mask = [UInt8](repeating: 0, count: size)
        for cpu in 0..<n { mask[cpu / 8] |= 1 << UInt8(cpu % 8) }
        try t.copyOut(a[4], mask)
        return 0
    }
}
