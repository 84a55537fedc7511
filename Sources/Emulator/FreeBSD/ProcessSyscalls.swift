import Glibc

/// Process and thread identity, limits, usage, exit, kill, sysarch.
extension GuestProcess {
    func sysExit(_ t: GuestThread, _ a: SyscallArgs) -> Never {
        exit(status: Int32(truncatingIfNeeded: a[0]) & 0xff)
    }

    func sysGetgroups(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let n = Int32(truncatingIfNeeded: a[0])
        guard n >= 0 else { throw .EINVAL }
        var list = [gid_t](repeating: 0, count: Int(max(n, 0)) + 1)
        let count = try hostCall { getgroups(n, &list) }
        if n > 0 {
            var bytes: [UInt8] = []
            for g in list.prefix(Int(count)) { withUnsafeBytes(of: UInt32(g).littleEndian) { bytes += $0 } }
            try t.copyOut(a[1], bytes)
        }
        return count
    }

    func sysGetrlimit(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let r = Int32(truncatingIfNeeded: a[0])
        var cur: UInt64, max: UInt64
        if r == 3 {
            // RLIMIT_STACK: the main stack the loader mapped.
            var rl = rlimit()
            getrlimit(Int32(RLIMIT_STACK.rawValue), &rl)
            cur = stackLimit
            max = ABI.rlimitValueFromLinux(UInt64(rl.rlim_max))
        } else if let lr = ABI.rlimitResourceToLinux(r) {
            var rl = rlimit()
            _ = try hostCall { getrlimit(__rlimit_resource_t(UInt32(lr)), &rl) }
            cur = ABI.rlimitValueFromLinux(UInt64(rl.rlim_cur))
            max = ABI.rlimitValueFromLinux(UInt64(rl.rlim_max))
        } else if r >= 0 && r < 16 {
            cur = ABI.freeBSDInfinity
            max = ABI.freeBSDInfinity
        } else {
            throw .EINVAL
        }
        var w = StructWriter(size: 16)
        w.put(cur, at: 0)
        w.put(max, at: 8)
        try t.copyOut(a[1], w.bytes)
        return 0
    }

    func sysSetrlimit(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let r = Int32(truncatingIfNeeded: a[0])
        let rd = StructReader(bytes: try t.copyIn(a[1], count: 16))
        let cur = rd.get(UInt64.self, at: 0), max = rd.get(UInt64.self, at: 8)
        guard cur <= max else { throw .EINVAL }
        if r == 3 {
            // The main stack is mapped at exec; the limit is recorded for getrlimit and children.
            stackLimit = cur
            return 0
        }
        guard let lr = ABI.rlimitResourceToLinux(r) else {
            if r >= 0 && r < 16 { return 0 }
            throw .EINVAL
        }
        var rl = rlimit(rlim_cur: rlim_t(ABI.rlimitValueToLinux(cur)), rlim_max: rlim_t(ABI.rlimitValueToLinux(max)))
        return try hostCall { setrlimit(__rlimit_resource_t(UInt32(lr)), &rl) }
    }

    func sysGetrusage(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let who = Int32(truncatingIfNeeded: a[0])
        guard who == 0 || who == -1 || who == 1 else { throw .EINVAL }
        var ru = rusage()
        _ = try hostCall { getrusage(__rusage_who_t(who), &ru) }
        // struct rusage has the same layout on FreeBSD/amd64 and Linux/x86-64 (144 bytes).
        try withUnsafeBytes(of: &ru) { (b) throws(FreeBSDErrno) in try t.copyOut(a[1], Array(b.prefix(144))) }
        return 0
    }

    func sysKill(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let pid = Int32(truncatingIfNeeded: a[0])
        let sig = Int32(truncatingIfNeeded: a[1])
        guard sig >= 0 && sig <= FreeBSDSignal.maxSignal else { throw .EINVAL }
        let me = getpid()
        if pid == me {
            if sig != 0 {
                var info = SignalInfo(signo: sig, code: SignalCode.user)
                info.pid = me
                info.uid = getuid()
                postToProcess(sig, info: info, preferring: t)
            }
            return 0
        }
        // Our own process group: this process by FreeBSD rules, the rest through the host.
        if pid == 0 { return try killGroup(t, getpgrp(), sig) }
        if pid < -1 && -pid == getpgrp() { return try killGroup(t, -pid, sig) }
        // Other processes, groups, or everyone but us (-1): the host delivers; an emulator there
        // turns the Linux signal back into FreeBSD's.
        return try hostCall { Glibc.kill(pid, sig == 0 ? 0 : FreeBSDSignal.toLinux(sig)) }
    }

    func sysThrKill(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let id = Int64(bitPattern: a[0]), sig = Int32(truncatingIfNeeded: a[1])
        guard sig >= 0 && sig <= FreeBSDSignal.maxSignal else { throw .EINVAL }
        let targets = lock.withLock { threads.filter { id == -1 || Int64($0.tid) == id } }
        guard !targets.isEmpty else { throw .ESRCH }
        if sig == 0 { return 0 }
        var info = SignalInfo(signo: sig, code: SignalCode.lwp)
        info.pid = getpid()
        info.uid = getuid()
        if id == -1 {
            postToProcess(sig, info: info, preferring: t)
            return 0
        }
        let a = action(sig)
        if a.isIgnored || (a.isDefault && FreeBSDSignal.defaultAction(sig) == .ignore) { return 0 }
        if sig == FreeBSDSignal.SIGKILL { dieBySignal(sig, report: "") }
        targets[0].post(sig, info: info)
        if targets[0] !== t { startSignalWatchdog() }
        return 0
    }

    /// sysarch(2): TLS base registers.
    func sysSysarch(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        switch a[0] {
        case 128: try t.store(a[1], t.cpu.fsBase)                 // AMD64_GET_FSBASE
        case 129: t.cpu.fsBase = try t.load(a[1], UInt64.self)    // AMD64_SET_FSBASE
        case 130: try t.store(a[1], t.cpu.gsBase)                 // AMD64_GET_GSBASE
        case 131: t.cpu.gsBase = try t.load(a[1], UInt64.self)    // AMD64_SET_GSBASE
        default: throw .EINVAL
        }
        return 0
    }

    func sysGetrandom(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        guard a[2] & ~7 == 0 else { throw .EINVAL }
        let n = Int(min(a[1], 1 << 20))
        if n == 0 { return 0 }
        try t.copyOut(a[0], HostInputs.randomBytes(n))
        return UInt64(n)
    }
}
