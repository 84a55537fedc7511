import CHost
import Glibc

/// What one Linux waitid call reported (a child changed state, or nothing with WNOHANG).
struct ChildStateChange {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var code: Int32 = 0
    /// Linux si_status: exit code or Linux signal number.
    var linuxStatus: Int32 = 0
    var usage = [UInt8](repeating: 0, count: 144)

    var freeBSDStatusWord: Int32 { WaitTranslation.statusWord(code: code, linuxStatus: linuxStatus) }

    /// The FreeBSD siginfo_t wait6 returns (zeros when nothing was found).
    var freeBSDSiginfo: [UInt8] {
        guard pid != 0 else { return [UInt8](repeating: 0, count: 80) }
        var info = SignalInfo(signo: FreeBSDSignal.SIGCHLD, code: code)
        info.pid = pid
        info.uid = uid
        info.status = WaitTranslation.siginfoStatus(code: code, linuxStatus: linuxStatus)
        return info.bytes
    }
}

/// wait4 (7) and wait6 (532) on the host's waitid, which reports everything FreeBSD's
/// kern_wait6 does (exit, stop, continue; WNOWAIT; rusage of the reaped child).
extension GuestProcess {
    func sysWait4(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let pid = Int32(truncatingIfNeeded: a[0])
        let options = Int32(truncatingIfNeeded: a[2])
        // kern_wait: wait4 always looks for exits (and ptrace traps).
        let idtype: Int32, id: Int64
        if pid == -1 { idtype = WaitTranslation.P_ALL; id = 0 }
        else if pid < 0 { idtype = WaitTranslation.P_PGID; id = -Int64(pid) }
        else { idtype = WaitTranslation.P_PID; id = Int64(pid) }
        let r = try waitForChild(t, idtype: idtype, id: id,
                                 options: options | WaitTranslation.WEXITED | WaitTranslation.WTRAPPED)
        if r.pid != 0 {
            if a[1] != 0 { try t.store(a[1], r.freeBSDStatusWord) }
            if a[3] != 0 { try t.copyOut(a[3], r.usage) }
        }
        return UInt64(r.pid)
    }

    func sysWait6(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let idtype = Int32(truncatingIfNeeded: a[0])
        let id = Int64(bitPattern: a[1])
        let r = try waitForChild(t, idtype: idtype, id: id, options: Int32(truncatingIfNeeded: a[3]))
        if r.pid != 0 {
            if a[2] != 0 { try t.store(a[2], r.freeBSDStatusWord) }
            if a[4] != 0 {
                // struct __wrusage: the child's own usage (Linux includes its reaped children), then
                // its children's (not separable on Linux: zeros).
                try t.copyOut(a[4], r.usage + [UInt8](repeating: 0, count: 144))
            }
        }
        if a[5] != 0 { try t.copyOut(a[5], r.freeBSDSiginfo) }
        return UInt64(r.pid)
    }

    /// kern_wait6 on the host: validates the options as FreeBSD does, maps the id type, and
    /// blocks (interruptibly, restartable under SA_RESTART) unless WNOHANG.
    func waitForChild(_ t: GuestThread, idtype: Int32, id: Int64, options: Int32) throws(FreeBSDErrno) -> ChildStateChange {
        guard let (linuxOptions, onlyTrapped) = WaitTranslation.optionsToLinux(options) else { throw .EINVAL }
        var idtype = idtype, id = id
        // WAIT_MYPGRP (0) with P_PID or P_PGID means the caller's process group.
        if id == 0 && (idtype == WaitTranslation.P_PID || idtype == WaitTranslation.P_PGID) {
            idtype = WaitTranslation.P_PGID
            id = Int64(getpgrp())
        }
        let linuxType: Int32
        switch idtype {
        case WaitTranslation.P_ALL: linuxType = WaitTranslation.linuxP_ALL; id = 0
        case WaitTranslation.P_PID: linuxType = WaitTranslation.linuxP_PID
        case WaitTranslation.P_PGID: linuxType = WaitTranslation.linuxP_PGID
        case WaitTranslation.P_JAILID:
            // Every process is in jail 0 here.
            guard id == 0 else { throw .ECHILD }
            linuxType = WaitTranslation.linuxP_ALL
        case WaitTranslation.P_SID, WaitTranslation.P_UID, WaitTranslation.P_GID:
            return try waitForMatchingChild(t, idtype: idtype, id: id, linuxOptions: linuxOptions, onlyTrapped: onlyTrapped)
        default:
            // kern_wait6 matches no child for other id types: ECHILD.
            throw .ECHILD
        }
        guard id >= 0 && id <= Int64(Int32.max) else { throw .ECHILD }
        if onlyTrapped {
            // Nothing here is ever ptrace-stopped for the guest: FreeBSD would sleep until a signal.
            _ = try hostWaitid(linuxType, Int32(id), WaitTranslation.linuxWEXITED | WaitTranslation.linuxWNOHANG | WaitTranslation.linuxWNOWAIT)
            if options & WaitTranslation.WNOHANG != 0 { return ChildStateChange() }
            _ = try t.blockingCall(restartable: true) { Int(pause()) }
            return ChildStateChange()
        }
        if linuxOptions & WaitTranslation.linuxWNOHANG != 0 {
            return try hostWaitid(linuxType, Int32(id), linuxOptions)
        }
        var result = ChildStateChange()
        _ = try t.blockingCall(restartable: true) { () -> Int in
            let (r, err) = GuestProcess.rawWaitid(linuxType, Int32(id), linuxOptions)
            if err != 0 { errno = err; return -1 }
            result = r
            return 0
        }
        return result
    }

    /// One waitid(2) (raw: the libc wrapper has no rusage argument); the Linux errno on failure.
    static func rawWaitid(_ type: Int32, _ id: Int32, _ options: Int32) -> (ChildStateChange, Int32) {
        var info = [UInt8](repeating: 0, count: 128)
        var usage = [UInt8](repeating: 0, count: 144)
        let r = info.withUnsafeMutableBytes { ip in
            usage.withUnsafeMutableBytes { up in
                host_syscall6(247, Int(type), Int(id), Int(bitPattern: ip.baseAddress), Int(options), Int(bitPattern: up.baseAddress), 0)
            }
        }
        var c = ChildStateChange()
        if r < 0 { return (c, Int32(-r)) }
        let rd = StructReader(bytes: info)
        c.pid = rd.get(Int32.self, at: 16)
        guard c.pid != 0 else { return (c, 0) }
        c.code = rd.get(Int32.self, at: 8)
        c.uid = rd.get(UInt32.self, at: 20)
        c.linuxStatus = rd.get(Int32.self, at: 24)
        c.usage = usage
        return (c, 0)
    }

    func hostWaitid(_ type: Int32, _ id: Int32, _ options: Int32) throws(FreeBSDErrno) -> ChildStateChange {
        while true {
            let (c, err) = GuestProcess.rawWaitid(type, id, options)
            if err == EINTR { continue }
            if err != 0 { throw FreeBSDErrno(linux: err) }
            return c
        }
    }

    /// P_SID, P_UID, P_GID: Linux cannot wait on these sets, so the matching children are
    /// polled one by one (every 10 ms while blocking).
    func waitForMatchingChild(_ t: GuestThread, idtype: Int32, id: Int64, linuxOptions: Int32, onlyTrapped: Bool) throws(FreeBSDErrno) -> ChildStateChange {
        while true {
            let matching = HostProcesses.children(of: getpid()).filter { pid in
                guard let info = HostProcesses.info(pid) else { return false }
                switch idtype {
                case WaitTranslation.P_SID: return Int64(info.session) == id
                case WaitTranslation.P_UID: return Int64(info.uid) == id
                default: return Int64(info.gid) == id
                }
            }
            guard !matching.isEmpty else { throw .ECHILD }
            if !onlyTrapped {
                for pid in matching {
                    let r = try hostWaitid(WaitTranslation.linuxP_PID, pid, linuxOptions | WaitTranslation.linuxWNOHANG)
                    if r.pid != 0 { return r }
                }
            }
            if linuxOptions & WaitTranslation.linuxWNOHANG != 0 { return ChildStateChange() }
            var ts = timespec(tv_sec: 0, tv_nsec: 10_000_000)
            do {
                _ = try t.blockingCall(restartable: true) { Int(nanosleep(&ts, nil)) }
            } catch {
                throw error
            }
        }
    }
}

