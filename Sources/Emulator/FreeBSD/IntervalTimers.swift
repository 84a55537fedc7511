import Glibc

/// setitimer (83) / getitimer (86): ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF on the host's
/// timers (struct itimerval has the same layout). Expiry raises the host SIGALRM, SIGVTALRM or
/// SIGPROF, which reaches the guest's handler through signal forwarding, or does the default
/// (terminate) directly. VIRTUAL and PROF count the emulator's CPU time for the guest's.
extension GuestProcess {
    func sysGetitimer(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let which = Int32(truncatingIfNeeded: a[0])
        guard which >= 0 && which <= 2 else { throw .EINVAL }
        var v = itimerval()
        _ = try hostCall { getitimer(__itimer_which_t(UInt32(which)), &v) }
        try t.copyOut(a[1], GuestProcess.itimervalBytes(v))
        return 0
    }

    func sysSetitimer(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let which = Int32(truncatingIfNeeded: a[0])
        guard which >= 0 && which <= 2 else { throw .EINVAL }
        if a[1] == 0 {
            // FreeBSD: no new value means getitimer into the old-value pointer.
            var b = a
            b.a = (a[0], a[2], 0, 0, 0, 0, 0, 0)
            return a[2] == 0 ? 0 : try sysGetitimer(t, b)
        }
        let r = StructReader(bytes: try t.copyIn(a[1], count: 32))
        let fields = (0..<4).map { r.get(Int64.self, at: $0 * 8) }
        // itimerfix: seconds not negative, microseconds within a second.
        for i in [0, 2] where fields[i] < 0 || fields[i + 1] < 0 || fields[i + 1] >= 1_000_000 { throw .EINVAL }
        var nv = itimerval(it_interval: timeval(tv_sec: Int(fields[0]), tv_usec: Int(fields[1])),
                           it_value: timeval(tv_sec: Int(fields[2]), tv_usec: Int(fields[3])))
        var old = itimerval()
        _ = try hostCall { setitimer(__itimer_which_t(UInt32(which)), &nv, &old) }
        if a[2] != 0 { try t.copyOut(a[2], GuestProcess.itimervalBytes(old)) }
        return 0
    }

    static func itimervalBytes(_ v: itimerval) -> [UInt8] {
        var w = StructWriter(size: 32)
        w.put(Int64(v.it_interval.tv_sec), at: 0)
        w.put(Int64(v.it_interval.tv_usec), at: 8)
        w.put(Int64(v.it_value.tv_sec), at: 16)
        w.put(Int64(v.it_value.tv_usec), at: 24)
        return w.bytes
    }
}
