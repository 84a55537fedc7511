import CHost
import Glibc

/// Process identity beyond the plain getters: process groups and sessions, user and group ids
/// (libc's wrappers apply them to every thread, as FreeBSD credentials are per process), the
/// login name, scheduling priority, the descriptor table size, and kill(2) to groups.
extension GuestProcess {
    func sysSetpgid(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let pid = Int32(truncatingIfNeeded: a[0]), pgid = Int32(truncatingIfNeeded: a[1])
        guard pgid >= 0 else { throw .EINVAL }
        return try hostCall { setpgid(pid, pgid) }
    }

    func sysGetpgid(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        try hostCall { getpgid(Int32(truncatingIfNeeded: a[0])) }
    }

    func sysGetsid(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        try hostCall { getsid(Int32(truncatingIfNeeded: a[0])) }
    }

    /// uid_t/gid_t argument: (uid_t)-1 means "unchanged" for the set*re*/set*res* calls.
    func ugid(_ v: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: v) }

    func sysSetresuid(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        try hostCall { host_setresuid(ugid(a[0]), ugid(a[1]), ugid(a[2])) }
    }

    func sysSetresgid(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        try hostCall { host_setresgid(ugid(a[0]), ugid(a[1]), ugid(a[2])) }
    }

    /// getresuid/getresgid: each pointer may be NULL.
    func sysGetresids(_ t: GuestThread, _ a: SyscallArgs, group: Bool) throws(FreeBSDErrno) -> UInt64 {
        var r: UInt32 = 0, e: UInt32 = 0, s: UInt32 = 0
        if group { _ = try hostCall { host_getresgid(&r, &e, &s) } } else { _ = try hostCall { host_getresuid(&r, &e, &s) } }
        for (p, v) in [(a[0], r), (a[1], e), (a[2], s)] where p != 0 { try t.store(p, v) }
        return 0
    }

    /// setgroups: in FreeBSD 14 the first entry is the effective group id (cr_groups[0]); the
    /// whole list also becomes the host's supplementary groups, so that getgroups reports it
    /// back in the same order.
    func sysSetgroups(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let n = Int32(truncatingIfNeeded: a[0])
        guard n >= 0 && n <= 1024 else { throw .EINVAL }
        var list: [gid_t] = []
        if n > 0 {
            let r = StructReader(bytes: try t.copyIn(a[1], count: Int(n) * 4))
            list = (0..<Int(n)).map { r.get(UInt32.self, at: $0 * 4) }
        }
        _ = try hostCall { setgroups(Int(n), list) }
        if let egid = list.first { _ = try hostCall { host_setresgid(UInt32.max, egid, UInt32.max) } }
        return 0
    }

    /// getlogin(namebuf, namelen): the session's login name, ERANGE if it does not fit.
    func sysGetlogin(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let maxLogName = 33
        let capacity = min(Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: a[1])), maxLogName)
        let name = Array((loginName ?? GuestProcess.hostLoginName()).utf8.prefix(maxLogName - 1))
        guard name.count + 1 <= capacity else { throw .ERANGE }
        try t.copyOut(a[0], name + [0])
        return 0
    }

    /// setlogin(name): privileged; names of MAXLOGNAME (33) bytes or more are EINVAL.
    func sysSetlogin(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        guard geteuid() == 0 else { throw .EPERM }
        let name: String
        do { name = try t.string(a[0], limit: 33) } catch { throw error == .ENAMETOOLONG ? .EINVAL : error }
        loginName = name
        return 0
    }

    /// The host's idea of who logged in (its login uid), else the user name of the real uid.
    static func hostLoginName() -> String {
        var buf = [CChar](repeating: 0, count: 256)
        if getlogin_r(&buf, buf.count) == 0 { return String(cString: buf) }
        if let pw = getpwuid(getuid()), let n = pw.pointee.pw_name { return String(cString: n) }
        return ""
    }

    /// getpriority: FreeBSD returns the nice value itself (-20..20), not Linux's 20 - nice.
    func sysGetpriority(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let which = Int32(truncatingIfNeeded: a[0]), who = Int32(truncatingIfNeeded: a[1])
        guard which >= 0 && which <= 2 else { throw .EINVAL }
        errno = 0
        let v = getpriority(__priority_which_t(UInt32(which)), id_t(bitPattern: who))
        if v == -1 && errno != 0 { throw .host }
        return UInt64(bitPattern: Int64(v))
    }

    /// setpriority: for this process every guest thread's host thread gets the value (Linux
    /// priorities are per thread, FreeBSD's per process).
    func sysSetpriority(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let which = Int32(truncatingIfNeeded: a[0]), who = Int32(truncatingIfNeeded: a[1])
        let prio = min(max(Int32(truncatingIfNeeded: a[2]), -20), 20)
        guard which >= 0 && which <= 2 else { throw .EINVAL }
        if which == 0 && (who == 0 || who == getpid()) {
            let tids = lock.withLock { threads.map { $0.hostTID } }.filter { $0 != 0 }
            for tid in tids.isEmpty ? [0] : tids {
                _ = try hostCall { setpriority(__priority_which_t(0), id_t(tid), prio) }
            }
            return 0
        }
        return try hostCall { setpriority(__priority_which_t(UInt32(which)), id_t(bitPattern: who), prio) }
    }

    func sysGetdtablesize(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        var rl = rlimit()
        _ = try hostCall { getrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl) }
        return UInt64(min(UInt64(rl.rlim_cur), UInt64(Int32.max)))
    }

    /// kill(2) to a process group that holds this process: the guest here gets the signal with
    /// FreeBSD semantics (its own dispositions, siginfo), the other members from the host.
    func killGroup(_ t: GuestThread, _ pgrp: Int32, _ sig: Int32) throws(FreeBSDErrno) -> UInt64 {
        let me = getpid()
        if sig != 0 {
            var info = SignalInfo(signo: sig, code: SignalCode.user)
            info.pid = me
            info.uid = getuid()
            let host = FreeBSDSignal.toLinux(sig)
            for pid in HostProcesses.members(ofGroup: pgrp) where pid != me {
                _ = Glibc.kill(pid, host)
            }
            postToProcess(sig, info: info, preferring: t)
        }
        return 0
    }
}
