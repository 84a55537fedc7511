import CHost
import Glibc

/// Sockets: socket, socketpair, bind(at), listen, accept(4), connect(at), getsockname,
/// getpeername, setsockopt/getsockopt, sendto/recvfrom, sendmsg/recvmsg, shutdown. Guest
/// sockets are host sockets; addresses, options, flags and control messages go through
/// SocketABI. Calls that can sleep run interruptibly (GuestThread.blockingCall).
extension GuestProcess {
    // MARK: Addresses

    /// A guest address argument (`len` bytes at `p`) in Linux layout.
    func readSockaddr(_ t: GuestThread, _ p: UInt64, _ len: UInt64) throws(FreeBSDErrno) -> [UInt8] {
        let n = UInt32(truncatingIfNeeded: len)
        if n > UInt32(SocketABI.maxAddressLength) { throw .ENAMETOOLONG }
        if n < 2 { throw .EINVAL }
        return try SocketABI.sockaddrToLinux(try t.copyIn(p, count: Int(n)))
    }

    /// bindat/connectat: an AF_UNIX path relative to `dirfd` becomes a path through
    /// /proc/self/fd (Linux has no *at socket calls); other families cannot use a dirfd.
    func resolveAt(_ t: GuestThread, dirfd: UInt64, _ sa: [UInt8], raw: [UInt8]) throws(FreeBSDErrno) -> [UInt8] {
        let d = Int32(truncatingIfNeeded: dirfd)
        if d == AT_FDCWD { return sa }
        guard raw.count >= 2, Int32(raw[1]) == SocketABI.AF_UNIX else { throw .EOPNOTSUPP }
        let fd = try t.fd(dirfd)
        guard let path = SocketABI.unixPath(raw) else { throw .EINVAL }
        if path.first == UInt8(ascii: "/") { return sa }
        return try SocketABI.unixSockaddr(Array("/proc/self/fd/\(fd)/".utf8) + path)
    }

    /// FreeBSD's copy-out of an address: at most the caller's length, never more than
    /// `sa_len`; the length written back is what was copied.
    func copyOutSockaddr(_ t: GuestThread, host: [UInt8], hostLength: Int, to p: UInt64, lengthAt lp: UInt64, room: UInt32) throws(FreeBSDErrno) {
        let sa = SocketABI.sockaddrFromLinux(host, length: hostLength)
        let n = min(Int(room), sa.count)
        if n > 0 { try t.copyOut(p, Array(sa.prefix(n))) }
        try t.store(lp, UInt32(n))
    }

    /// A new socket descriptor: FreeBSD defaults, stale emulator state cleared.
    func socketCreated(_ fd: Int32, family: Int32) {
        // net.inet6.ip6.v6only is 1 on FreeBSD; Linux defaults to dual-stack sockets.
        if family == SocketABI.AF_INET6 {
            var one: Int32 = 1
            setsockopt(fd, 41, 26, &one, 4)
        }
        socketCreated(fd)
    }

    // MARK: Creation

    func sysSocket(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let domain = Int32(truncatingIfNeeded: a[0])
        guard domain != SocketABI.AF_UNSPEC, let ld = SocketABI.familyToLinux(domain) else { throw .EAFNOSUPPORT }
        guard let lt = SocketABI.socketTypeToLinux(UInt32(truncatingIfNeeded: a[1])) else { throw .EINVAL }
        let fd = Int32(try hostCall { socket(ld, lt, Int32(truncatingIfNeeded: a[2])) })
        socketCreated(fd, family: domain)
        return UInt64(fd)
    }

    func sysSocketpair(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let domain = Int32(truncatingIfNeeded: a[0])
        guard domain != SocketABI.AF_UNSPEC, let ld = SocketABI.familyToLinux(domain) else { throw .EAFNOSUPPORT }
        guard let lt = SocketABI.socketTypeToLinux(UInt32(truncatingIfNeeded: a[1])) else { throw .EINVAL }
        var sv: [Int32] = [-1, -1]
        _ = try hostCall { socketpair(ld, lt, Int32(truncatingIfNeeded: a[2]), &sv) }
        try t.copyOutDescriptorPair(a[3], sv)
        socketCreated(sv[0])
        socketCreated(sv[1])
        return 0
    }

    // MARK: Naming and connecting

    func sysBind(_ t: GuestThread, _ a: SyscallArgs, at: Bool) throws(FreeBSDErrno) -> UInt64 {
        let (s, p, len) = at ? (a[1], a[2], a[3]) : (a[0], a[1], a[2])
        let f = try t.fd(s)
        var sa = try readSockaddr(t, p, len)
        if at { sa = try resolveAt(t, dirfd: a[0], sa, raw: try t.copyIn(p, count: Int(UInt32(truncatingIfNeeded: len)))) }
        return try hostCall { sa.withUnsafeBytes { bind(f, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t($0.count)) } }
    }

    func sysListen(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        return try hostCall { listen(f, Int32(truncatingIfNeeded: a[1])) }
    }

    /// accept (flags nil: the new socket inherits O_NONBLOCK from the listener, as FreeBSD's
    /// ACCEPT4_INHERIT does) and accept4.
    func sysAccept(_ t: GuestThread, _ a: SyscallArgs, flags: UInt64?) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        var lflags: Int32 = 0
        if let fl = flags {
            guard let x = SocketABI.acceptFlagsToLinux(UInt32(truncatingIfNeeded: fl)) else { throw .EINVAL }
            lflags = x
        } else {
            let st = fcntl(f, F_GETFL)
            if st >= 0 && st & O_NONBLOCK != 0 { lflags |= Linux.SOCK_NONBLOCK }
        }
        var room: UInt32 = 0
        if a[1] != 0 { room = try t.load(a[2], UInt32.self) }
        var buf = [UInt8](repeating: 0, count: 128)
        var len = socklen_t(128)
        let nfd = Int32(try t.blockingCall(restartable: true) { () -> Int in
            len = 128
            return buf.withUnsafeMutableBytes { Int(Linux.accept4(f, $0.baseAddress, &len, lflags)) }
        })
        socketCreated(nfd)
        if a[1] != 0 {
            do {
                try copyOutSockaddr(t, host: buf, hostLength: Int(len), to: a[1], lengthAt: a[2], room: room)
            } catch {
                close(nfd)
                throw error
            }
        }
        return UInt64(nfd)
    }

    func sysConnect(_ t: GuestThread, _ a: SyscallArgs, at: Bool) throws(FreeBSDErrno) -> UInt64 {
        let (s, p, len) = at ? (a[1], a[2], a[3]) : (a[0], a[1], a[2])
        let f = try t.fd(s)
        var sa = try readSockaddr(t, p, len)
        if at { sa = try resolveAt(t, dirfd: a[0], sa, raw: try t.copyIn(p, count: Int(UInt32(truncatingIfNeeded: len)))) }
        // FreeBSD never restarts connect; an interrupted one goes on in the background and
        // a wake of the emulator's own making must not turn into EALREADY: wait it out.
        if let r = try t.attemptBlocking(restartable: false, { sa.withUnsafeBytes {
            Int(connect(f, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t($0.count)))
        } }) {
            return UInt64(r)
        }
        var pfd = [UInt8](repeating: 0, count: 8)
        withUnsafeBytes(of: f) { for (i, b) in $0.enumerated() { pfd[i] = b } }
        pfd[4] = UInt8(Linux.EPOLLOUT)
        _ = try t.blockingCall(restartable: false) { pfd.withUnsafeMutableBytes { Linux.ppoll($0.baseAddress, 1, timeout: nil) } }
        var err: Int32 = 0
        var elen = socklen_t(4)
        _ = try hostCall { getsockopt(f, SOL_SOCKET, SO_ERROR, &err, &elen) }
        if err != 0 { throw FreeBSDErrno(linux: err) }
        return 0
    }

    func sysSockname(_ t: GuestThread, _ a: SyscallArgs, peer: Bool) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        let room = try t.load(a[2], UInt32.self)
        var buf = [UInt8](repeating: 0, count: 128)
        var len = socklen_t(128)
        _ = try hostCall {
            buf.withUnsafeMutableBytes { b -> Int32 in
                let sa = b.baseAddress!.assumingMemoryBound(to: sockaddr.self)
                return peer ? getpeername(f, sa, &len) : getsockname(f, sa, &len)
            }
        }
        try copyOutSockaddr(t, host: buf, hostLength: Int(len), to: a[1], lengthAt: a[2], room: room)
        return 0
    }

    func sysShutdown(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        let how = Int32(truncatingIfNeeded: a[1])
        guard how >= 0 && how <= 2 else {
            _ = try hostCall { fcntl(f, F_GETFD) }
            throw .EINVAL
        }
        return try hostCall { shutdown(f, how) }
    }

    // MARK: Options

    /// Checks that `f` is an open socket (EBADF, ENOTSOCK otherwise) and returns its family.
    func socketFamily(_ f: Int32) throws(FreeBSDErrno) -> Int32 {
        var v: Int32 = 0
        var len = socklen_t(4)
        _ = try hostCall { getsockopt(f, SOL_SOCKET, SO_DOMAIN, &v, &len) }
        return v
    }

    func sysSetsockopt(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        let level = Int32(truncatingIfNeeded: a[1]), name = Int32(truncatingIfNeeded: a[2])
        let size = Int32(truncatingIfNeeded: a[4])
        if a[3] == 0 && size != 0 { throw .EFAULT }
        guard size >= 0 else { throw .EINVAL }
        let family = try socketFamily(f)
        guard let opt = SocketABI.optionToLinux(level: level, name: name, unixDomain: family == AF_UNIX) else { throw .ENOPROTOOPT }
        let value = size > 0 ? try t.copyIn(a[3], count: Int(min(size, 1 << 16))) : []
        func int() throws(FreeBSDErrno) -> Int32 {
            guard value.count >= 4 else { throw .EINVAL }
            return StructReader(bytes: value).get(Int32.self, at: 0)
        }
        switch opt.value {
        case .passThrough, .bufferSize, .flag, .linger:
            return try hostCall { value.withUnsafeBytes { setsockopt(f, opt.level, opt.name, $0.baseAddress, socklen_t(value.count)) } }
        case .noSigPipe:
            try setNoSigPipe(f, try int() != 0)
            return 0
        case .accepted:
            _ = try int()
            return 0
        case .error, .domain, .peerCred, .listenQueue:
            throw .ENOPROTOOPT
        }
    }

    func sysGetsockopt(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        let level = Int32(truncatingIfNeeded: a[1]), name = Int32(truncatingIfNeeded: a[2])
        var room: UInt32 = 0
        if a[3] != 0 { room = try t.load(a[4], UInt32.self) }
        guard Int32(bitPattern: room) >= 0 else { throw .EINVAL }
        let family = try socketFamily(f)
        guard let opt = SocketABI.optionToLinux(level: level, name: name, unixDomain: family == AF_UNIX) else { throw .ENOPROTOOPT }
        func hostInt() throws(FreeBSDErrno) -> Int32 {
            var v: Int32 = 0
            var len = socklen_t(4)
            _ = try hostCall { getsockopt(f, opt.level, opt.name, &v, &len) }
            return v
        }
        func intBytes(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        let result: [UInt8]
        switch opt.value {
        case .passThrough:
            var buf = [UInt8](repeating: 0, count: max(Int(room), 1))
            var len = socklen_t(room)
            _ = try hostCall { buf.withUnsafeMutableBytes { getsockopt(f, opt.level, opt.name, $0.baseAddress, &len) } }
            result = Array(buf.prefix(Int(len)))
        case .flag, .linger:
            var buf = [UInt8](repeating: 0, count: 8)
            var len = socklen_t(8)
            _ = try hostCall { buf.withUnsafeMutableBytes { getsockopt(f, opt.level, opt.name, $0.baseAddress, &len) } }
            var r = Array(buf.prefix(Int(len)))
            if r.count >= 4 {
                let on = StructReader(bytes: r).get(Int32.self, at: 0) != 0
                var b: Int32 = 0x80                     // SO_LINGER
                if case .flag(let bit) = opt.value { b = bit }
                withUnsafeBytes(of: (on ? b : 0).littleEndian) { for i in 0..<4 { r[i] = $0[i] } }
            }
            result = r
        case .bufferSize:
            result = intBytes(try hostInt() / 2)
        case .error:
            let e = try hostInt()
            result = intBytes(e == 0 ? 0 : FreeBSDErrno(linux: e).rawValue)
        case .domain:
            result = intBytes(SocketABI.familyFromLinux(try hostInt()))
        case .noSigPipe:
            result = intBytes(hasNoSigPipe(f) ? SocketABI.SO_NOSIGPIPE : 0)
        case .accepted(let v):
            result = intBytes(v)
        case .peerCred:
            var cred = [Int32](repeating: 0, count: 3)
            var len = socklen_t(12)
            _ = try hostCall { getsockopt(f, SOL_SOCKET, SO_PEERCRED, &cred, &len) }
            if cred[0] == 0 { throw .ENOTCONN }
            result = SocketABI.xucred(pid: cred[0], uid: UInt32(bitPattern: cred[1]), gid: UInt32(bitPattern: cred[2]))
        case .listenQueue(let which):
            var info = [UInt8](repeating: 0, count: 104)
            var len = socklen_t(104)
            var v: Int32 = 0
            if which != 2 && getsockopt(f, 6, 11, &info, &len) == 0 && len >= 32 && info[0] == 10 {
                v = Int32(bitPattern: StructReader(bytes: info).get(UInt32.self, at: which == 0 ? 28 : 24))
            }
            result = intBytes(v)
        }
        return try finishGetsockopt(t, a, result, room: room)
    }

    /// sooptcopyout: at most the caller's room, and the length written back is what was copied.
    private func finishGetsockopt(_ t: GuestThread, _ a: SyscallArgs, _ value: [UInt8], room: UInt32) throws(FreeBSDErrno) -> UInt64 {
        let n = min(Int(room), value.count)
        if n > 0 { try t.copyOut(a[3], Array(value.prefix(n))) }
        try t.store(a[4], UInt32(n))
        return 0
    }

    // MARK: Sending

    func sysSendto(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        guard a[2] <= UInt64(Int.max) else { throw .EINVAL }
        let name = a[4] != 0 ? try readSockaddr(t, a[4], a[5]) : nil
        let iov = a[2] > 0 ? try t.iovecs(a[1], Int(a[2]), write: false) : []
        return try sendMessage(t, f, iov: iov, name: name, control: [], flags: UInt32(truncatingIfNeeded: a[3]))
    }

    /// struct msghdr (48 bytes): name, namelen, iov, iovlen, control, controllen.
    func readMessageHeader(_ t: GuestThread, _ p: UInt64) throws(FreeBSDErrno) -> (UInt64, UInt32, UInt64, Int32, UInt64, UInt32) {
        let h = StructReader(bytes: try t.copyIn(p, count: 48))
        let iovLen = h.get(Int32.self, at: 24)
        guard iovLen >= 0 && iovLen <= 1024 else { throw .EMSGSIZE }
        return (h.get(UInt64.self, at: 0), h.get(UInt32.self, at: 8), h.get(UInt64.self, at: 16), iovLen,
                h.get(UInt64.self, at: 32), h.get(UInt32.self, at: 40))
    }

    func sysSendmsg(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        let (namePtr, nameLen, iovPtr, iovLen, ctlPtr, ctlLen) = try readMessageHeader(t, a[1])
        let iov = try t.guestIovecs(iovPtr, count: UInt64(iovLen), write: false)
        let name = namePtr != 0 ? try readSockaddr(t, namePtr, UInt64(nameLen)) : nil
        var control: [SocketABI.ControlMessage] = []
        if ctlPtr != 0 {
            guard ctlLen >= 12 else { throw .EINVAL }
            for m in try SocketABI.parseFreeBSDControl(try t.copyIn(ctlPtr, count: Int(min(ctlLen, 1 << 16)))) {
                guard let lm = try SocketABI.controlToLinux(m) else { continue }
                if lm.level == 1 && lm.type == 1 {
                    for fd in SocketABI.descriptors(in: lm.data) {
                        if isPrivateDescriptor(fd) || fcntl(fd, F_GETFD) < 0 { throw .EBADF }
                        // A kqueue cannot travel over a Unix socket (its file is not DFLAG_PASSABLE).
                        if kqueue(for: fd) != nil { throw .EOPNOTSUPP }
                    }
                }
                control.append(lm)
            }
        }
        return try sendMessage(t, f, iov: iov, name: name, control: SocketABI.encodeLinuxControl(control),
                               flags: UInt32(truncatingIfNeeded: a[2]))
    }

    /// The host sendmsg shared by sendto and sendmsg: interruptible (restarted under
    /// SA_RESTART when nothing was sent), EPIPE raises SIGPIPE unless MSG_NOSIGNAL or
    /// SO_NOSIGPIPE, MSG_EOF shuts the sending side down afterwards.
    func sendMessage(_ t: GuestThread, _ f: Int32, iov: [iovec], name: [UInt8]?, control: [UInt8], flags: UInt32) throws(FreeBSDErrno) -> UInt64 {
        var iov = iov
        var name = name ?? []
        var control = control
        let lflags = SocketABI.msgFlagsToLinux(flags) | Int32(MSG_NOSIGNAL)
        let n: UInt64
        do {
            n = try t.blockingCall(restartable: true) { () -> Int in
                iov.withUnsafeMutableBufferPointer { iv in
                    name.withUnsafeMutableBytes { nm in
                        control.withUnsafeMutableBytes { ct in
                            var m = msghdr()
                            m.msg_name = nm.count > 0 ? nm.baseAddress : nil
                            m.msg_namelen = socklen_t(nm.count)
                            m.msg_iov = iv.baseAddress
                            m.msg_iovlen = iv.count
                            m.msg_control = ct.count > 0 ? ct.baseAddress : nil
                            m.msg_controllen = ct.count
                            return sendmsg(f, &m, lflags)
                        }
                    }
                }
            }
        } catch {
            if error == .EPIPE && flags & SocketABI.MSG_NOSIGNAL == 0 && !hasNoSigPipe(f) {
                t.post(FreeBSDSignal.SIGPIPE, info: SignalInfo(signo: FreeBSDSignal.SIGPIPE, code: SignalCode.kernel))
            }
            throw error
        }
        if flags & SocketABI.MSG_EOF != 0 { shutdown(f, Int32(SHUT_WR)) }
        return n
    }

    // MARK: Receiving

    func sysRecvfrom(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        guard a[2] <= UInt64(Int.max) else { throw .EINVAL }
        var room: UInt32 = 0
        if a[5] != 0 { room = try t.load(a[5], UInt32.self) }
        let iov = a[2] > 0 ? try t.iovecs(a[1], Int(a[2]), write: true) : []
        let r = try receiveMessage(t, f, iov: iov, controlRoom: 0, flags: UInt32(truncatingIfNeeded: a[3]), wantName: a[4] != 0)
        if a[5] != 0 {
            if a[4] != 0 && room > 0 {
                try copyOutSockaddr(t, host: r.name, hostLength: r.nameLength, to: a[4], lengthAt: a[5], room: room)
            } else {
                try t.store(a[5], a[4] != 0 ? UInt32(0) : room)
            }
        }
        return r.count
    }

    func sysRecvmsg(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let f = try t.fd(a[0])
        let (namePtr, nameLen, iovPtr, iovLen, ctlPtr, ctlLen) = try readMessageHeader(t, a[1])
        let iov = try t.guestIovecs(iovPtr, count: UInt64(iovLen), write: true)
        let flags = UInt32(truncatingIfNeeded: a[2])
        let r = try receiveMessage(t, f, iov: iov, controlRoom: ctlPtr != 0 ? Int(ctlLen) : 0, flags: flags, wantName: namePtr != 0)

        // Fields the call does not produce are written back as they were (FreeBSD copies the
        // whole msghdr out).
        var outNameLen: UInt32 = namePtr == 0 ? nameLen : 0
        if namePtr != 0 && nameLen > 0 && r.nameLength > 0 {
            let sa = SocketABI.sockaddrFromLinux(r.name, length: r.nameLength)
            let n = min(Int(nameLen), sa.count)
            if n > 0 { try t.copyOut(namePtr, Array(sa.prefix(n))) }
            outNameLen = UInt32(n)
        }
        // Control messages: whole messages while they fit (kern_recvit); the first that does
        // not fit and all after it are dropped with MSG_CTRUNC, their descriptors closed.
        // FreeBSD's soreceive ORs what happened into the caller's flags: msg_flags comes back
        // with the flags the call was made with.
        var msgFlags = SocketABI.msgFlagsFromLinux(r.flags) | flags
        var ctl: [UInt8] = []
        var truncated = false
        for lm in SocketABI.parseLinuxControl(r.control) {
            let isRights = lm.level == 1 && lm.type == 1
            guard !truncated, let m = SocketABI.controlFromLinux(lm) else {
                if isRights { for fd in SocketABI.descriptors(in: lm.data) { close(fd) } }
                continue
            }
            let bytes = SocketABI.freeBSDControlBytes(m)
            if ctl.count + bytes.count > Int(ctlLen) {
                truncated = true
                msgFlags |= 0x20
                if isRights { for fd in SocketABI.descriptors(in: lm.data) { close(fd) } }
                continue
            }
            ctl += bytes
        }
        if ctlPtr == 0 {
            msgFlags &= ~0x20                            // no control asked for: nothing was cut
        } else if r.flags & 0x8 != 0 {
            msgFlags |= 0x20                             // the host truncated too
        }
        if !ctl.isEmpty { try t.copyOut(ctlPtr, ctl) }
        var w = StructWriter(size: 4)
        w.put(outNameLen, at: 0)
        try t.copyOut(a[1] + 8, w.bytes)
        w.put(ctlPtr == 0 ? ctlLen : UInt32(ctl.count), at: 0)
        try t.copyOut(a[1] + 40, w.bytes)
        w.put(msgFlags, at: 0)
        try t.copyOut(a[1] + 44, w.bytes)
        return r.count
    }

    /// What one host recvmsg produced.
    struct Received {
        var count: UInt64
        var name: [UInt8]
        var nameLength: Int
        var control: [UInt8]
        var flags: Int32
    }

    /// The host recvmsg shared by recvfrom and recvmsg (restarted under SA_RESTART).
    func receiveMessage(_ t: GuestThread, _ f: Int32, iov: [iovec], controlRoom: Int, flags: UInt32, wantName: Bool) throws(FreeBSDErrno) -> Received {
        var iov = iov
        var name = [UInt8](repeating: 0, count: 128)
        // Room for every descriptor the sender may have passed, so that the ones the guest's
        // buffer cannot take are closed here, as FreeBSD does, rather than by Linux.
        var control = [UInt8](repeating: 0, count: controlRoom > 0 ? min(controlRoom + 4096, 1 << 16) : 0)
        var m = msghdr()
        let lflags = SocketABI.msgFlagsToLinux(flags)
        let n = try t.blockingCall(restartable: true) { () -> Int in
            iov.withUnsafeMutableBufferPointer { iv in
                name.withUnsafeMutableBytes { nm in
                    control.withUnsafeMutableBytes { ct in
                        m = msghdr()
                        m.msg_name = nm.baseAddress
                        m.msg_namelen = socklen_t(nm.count)
                        m.msg_iov = iv.baseAddress
                        m.msg_iovlen = iv.count
                        m.msg_control = ct.count > 0 ? ct.baseAddress : nil
                        m.msg_controllen = ct.count
                        return recvmsg(f, &m, lflags)
                    }
                }
            }
        }
        var nameLength = Int(m.msg_namelen)
        if nameLength == 0 && wantName && Self.isUnixDatagram(f) {
            // A datagram from an unbound Unix socket: FreeBSD names the sender sun_noname.
            name = [UInt8(AF_UNIX), 0]
            nameLength = 2
        }
        return Received(count: n, name: name, nameLength: nameLength,
                        control: Array(control.prefix(Int(m.msg_controllen))), flags: m.msg_flags)
    }

    static func isUnixDatagram(_ f: Int32) -> Bool {
        var v: Int32 = 0
        var len = socklen_t(4)
        guard getsockopt(f, SOL_SOCKET, SO_DOMAIN, &v, &len) == 0, v == AF_UNIX else { return false }
        return getsockopt(f, SOL_SOCKET, SO_TYPE, &v, &len) == 0 && v == Int32(SOCK_DGRAM.rawValue)
    }
}

