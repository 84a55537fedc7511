import CHost
import Glibc

/// Linux event and socket calls Glibc's Swift overlay does not export (epoll, eventfd,
/// timerfd, accept4, ppoll, pselect6): raw system calls that return -1 and set errno on
/// failure, like their libc namesakes.
extension Linux {
    static let EPOLL_CTL_ADD: Int32 = 1, EPOLL_CTL_DEL: Int32 = 2, EPOLL_CTL_MOD: Int32 = 3
    static let EPOLLIN: UInt32 = 0x1, EPOLLPRI: UInt32 = 0x2, EPOLLOUT: UInt32 = 0x4, EPOLLERR: UInt32 = 0x8,
        EPOLLHUP: UInt32 = 0x10, EPOLLRDHUP: UInt32 = 0x2000, EPOLLONESHOT: UInt32 = 0x4000_0000,
        EPOLLET: UInt32 = 0x8000_0000
    static let EPOLL_CLOEXEC: Int32 = 0o2000000
    static let EFD_CLOEXEC: Int32 = 0o2000000, EFD_NONBLOCK: Int32 = 0o4000
    static let TFD_CLOEXEC: Int32 = 0o2000000, TFD_NONBLOCK: Int32 = 0o4000, TFD_TIMER_ABSTIME: Int32 = 1
    static let SOCK_CLOEXEC: Int32 = 0o2000000, SOCK_NONBLOCK: Int32 = 0o4000
    static let POLLRDHUP: Int16 = 0x2000
    static let F_GETPIPE_SZ: Int32 = 1032
    static let SIOCINQ: UInt = 0x541b, SIOCOUTQ: UInt = 0x5411

    /// One `struct epoll_event` as the x86-64 kernel lays it out (packed: 12 bytes).
    struct EpollEvent {
        var events: UInt32
        var data: UInt64
    }

    @inline(__always)
    static func result(_ r: Int) -> Int {
        if r < 0 && r > -4096 { errno = Int32(-r); return -1 }
        return r
    }

    static func epollCreate(cloexec: Bool) -> Int32 {
        Int32(truncatingIfNeeded: result(host_syscall6(291, cloexec ? Int(EPOLL_CLOEXEC) : 0, 0, 0, 0, 0, 0)))
    }

    static func epollCtl(_ ep: Int32, _ op: Int32, _ fd: Int32, events: UInt32, data: UInt64) -> Int32 {
        var buf = (UInt32(0), UInt32(0), UInt32(0))
        return withUnsafeMutableBytes(of: &buf) { raw -> Int32 in
            raw.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: UInt32(truncatingIfNeeded: data), toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: UInt32(truncatingIfNeeded: data >> 32), toByteOffset: 8, as: UInt32.self)
            return Int32(truncatingIfNeeded: result(host_syscall6(233, Int(ep), Int(op), Int(fd), Int(bitPattern: raw.baseAddress!), 0, 0)))
        }
    }

    /// epoll_pwait2 with a nanosecond timeout (nil = forever; falls back to epoll_wait in
    /// milliseconds, rounded up, before Linux 5.11). Fills `events`; returns their number, or -1
    /// with errno set.
    static func epollWait(_ ep: Int32, into events: inout [EpollEvent], max: Int, timeout: timespec?) -> Int {
        let n = Swift.max(1, max)
        var raw = [UInt8](repeating: 0, count: 12 * n)
        let r: Int = raw.withUnsafeMutableBytes { b in
            if var ts = timeout {
                let r2 = withUnsafePointer(to: &ts) { tp in
                    host_syscall6(441, Int(ep), Int(bitPattern: b.baseAddress!), n, Int(bitPattern: UnsafeRawPointer(tp)), 0, 0)
                }
                if r2 != -Int(ENOSYS) { return result(r2) }
                let ms = ts.tv_sec > 2_000_000 ? Int(Int32.max) : ts.tv_sec * 1000 + (ts.tv_nsec + 999_999) / 1_000_000
                return result(host_syscall6(232, Int(ep), Int(bitPattern: b.baseAddress!), n, ms, 0, 0))
            }
            return result(host_syscall6(232, Int(ep), Int(bitPattern: b.baseAddress!), n, -1, 0, 0))
        }
        events.removeAll(keepingCapacity: true)
        if r <= 0 { return r }
        raw.withUnsafeBytes { b in
            for i in 0..<r {
                let ev = b.loadUnaligned(fromByteOffset: i * 12, as: UInt32.self)
                let lo = b.loadUnaligned(fromByteOffset: i * 12 + 4, as: UInt32.self)
                let hi = b.loadUnaligned(fromByteOffset: i * 12 + 8, as: UInt32.self)
                events.append(EpollEvent(events: ev, data: UInt64(lo) | UInt64(hi) << 32))
            }
        }
        return r
    }

    /// The ready events without waiting (errors read as none).
    static func epollPoll(_ ep: Int32, max: Int) -> [EpollEvent] {
        var events: [EpollEvent] = []
        _ = epollWait(ep, into: &events, max: max, timeout: timespec())
        return events
    }

    static func eventfd(_ initial: UInt32, _ flags: Int32) -> Int32 {
        Int32(truncatingIfNeeded: result(host_syscall6(290, Int(initial), Int(flags), 0, 0, 0, 0)))
    }

    static func timerfdCreate(_ clock: Int32, _ flags: Int32) -> Int32 {
        Int32(truncatingIfNeeded: result(host_syscall6(283, Int(clock), Int(flags), 0, 0, 0, 0)))
    }

    /// Arms (or with a zero value disarms) a timerfd: one expiry at `value` (absolute when
    /// `absolute`), no interval.
    @discardableResult
    static func timerfdSet(_ fd: Int32, value: timespec, absolute: Bool) -> Int32 {
        var spec = (timespec(), value)    // it_interval, it_value
        return withUnsafePointer(to: &spec) { p in
            Int32(truncatingIfNeeded: result(host_syscall6(286, Int(fd), absolute ? Int(TFD_TIMER_ABSTIME) : 0,
                                                           Int(bitPattern: UnsafeRawPointer(p)), 0, 0, 0)))
        }
    }

    static func accept4(_ fd: Int32, _ addr: UnsafeMutableRawPointer?, _ len: UnsafeMutablePointer<socklen_t>?, _ flags: Int32) -> Int32 {
        Int32(truncatingIfNeeded: result(host_syscall6(288, Int(fd), Int(bitPattern: addr), Int(bitPattern: len), Int(flags), 0, 0)))
    }

    /// ppoll with an optional timeout and no signal mask (the emulator keeps guest masks itself).
    static func ppoll(_ fds: UnsafeMutableRawPointer?, _ n: Int, timeout: timespec?) -> Int {
        if var ts = timeout {
            return withUnsafePointer(to: &ts) { tp in
                result(host_syscall6(271, Int(bitPattern: fds), n, Int(bitPattern: UnsafeRawPointer(tp)), 0, 8, 0))
            }
        }
        return result(host_syscall6(271, Int(bitPattern: fds), n, 0, 0, 8, 0))
    }

    /// pselect6 on raw fd_set buffers; the kernel's update of the timeout stays on our copy.
    static func pselect(_ nd: Int32, _ r: UnsafeMutableRawPointer?, _ w: UnsafeMutableRawPointer?, _ e: UnsafeMutableRawPointer?,
                        timeout: timespec?) -> Int {
        if var ts = timeout {
            return withUnsafeMutablePointer(to: &ts) { tp in
                result(host_syscall6(270, Int(nd), Int(bitPattern: r), Int(bitPattern: w), Int(bitPattern: e),
                                     Int(bitPattern: UnsafeMutableRawPointer(tp)), 0))
            }
        }
        return result(host_syscall6(270, Int(nd), Int(bitPattern: r), Int(bitPattern: w), Int(bitPattern: e), 0, 0))
    }
}
