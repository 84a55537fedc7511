import CHost
import Glibc

/// Clocks and sleeping. Time values come from `HostInputs`, the one door for non-determinism.
extension GuestProcess {
    func timespecBytes(_ ts: timespec) -> [UInt8] {
        var w = StructWriter(size: 16)
        w.put(Int64(ts.tv_sec), at: 0)
        w.put(Int64(ts.tv_nsec), at: 8)
        return w.bytes
    }

    func readTimespec(_ t: GuestThread, _ p: UInt64) throws(FreeBSDErrno) -> timespec {
        let r = StructReader(bytes: try t.copyIn(p, count: 16))
        let sec = r.get(Int64.self, at: 0), nsec = r.get(Int64.self, at: 8)
        guard nsec >= 0 && nsec < 1_000_000_000 else { throw .EINVAL }
        return timespec(tv_sec: Int(sec), tv_nsec: Int(nsec))
    }

    func sysClockGettime(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let id = Int32(truncatingIfNeeded: a[0])
        guard let c = ABI.clockToLinux(id), var ts = HostInputs.clock(c) else { throw .EINVAL }
        if id == 13 { ts.tv_nsec = 0 }   // CLOCK_SECOND
        try t.copyOut(a[1], timespecBytes(ts))
        return 0
    }

    func sysClockGetres(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let id = Int32(truncatingIfNeeded: a[0])
        guard let c = ABI.clockToLinux(id) else { throw .EINVAL }
        var ts = timespec()
        _ = try hostCall { clock_getres(c, &ts) }
        if id == 13 { ts = timespec(tv_sec: 1, tv_nsec: 0) }
        if a[1] != 0 { try t.copyOut(a[1], timespecBytes(ts)) }
        return 0
    }

    func sysGettimeofday(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        guard let ts = HostInputs.clock(CLOCK_REALTIME) else { throw .EINVAL }
        if a[0] != 0 {
            var w = StructWriter(size: 16)
            w.put(Int64(ts.tv_sec), at: 0)
            w.put(Int64(ts.tv_nsec / 1000), at: 8)
            try t.copyOut(a[0], w.bytes)
        }
        if a[1] != 0 { try t.copyOut(a[1], [UInt8](repeating: 0, count: 8)) }
        return 0
    }

    /// nanosleep / clock_nanosleep: a guest signal ends the sleep with EINTR (never restarted)
    /// and, for relative sleeps, the time left.
    func sysNanosleep(_ t: GuestThread, clock: Int32, flags: UInt64, request: UInt64, remain: UInt64) throws(FreeBSDErrno) -> UInt64 {
        guard let c = ABI.clockToLinux(clock) else { throw .EINVAL }
        guard flags & ~1 == 0 else { throw .EINVAL }
        var req = try readTimespec(t, request)
        guard req.tv_sec >= 0 else { return 0 }   // FreeBSD: a negative sleep returns at once
        let relative = flags & 1 == 0
        var rem = req
        do {
            // A guest signal ends the sleep (EINTR, never restarted); the emulator's own wakes
            // resume it for the time left.
            _ = try t.blockingCall(restartable: false) { () -> Int in
                let r = clock_nanosleep(c, relative ? 0 : TIMER_ABSTIME, &req, &rem)
                if r == 0 { return 0 }
                if r == EINTR && relative { req = rem }
                errno = r
                return -1
            }
        } catch {
            if error == .EINTR && relative && remain != 0 { try t.copyOut(remain, timespecBytes(rem)) }
            throw error
        }
        return 0
    }
}
