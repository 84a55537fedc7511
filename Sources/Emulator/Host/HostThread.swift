import CHost
import Glibc

/// Host threads, thread ids, futexes and the wake signal: the Linux side of guest threads.
enum HostThread {
    static func currentTID() -> Int32 { Int32(truncatingIfNeeded: host_syscall6(186 /* gettid */, 0, 0, 0, 0, 0, 0)) }

    /// Interrupts a host thread blocked in a system call (it returns EINTR).
    static func wake(_ tid: Int32) {
        _ = host_syscall6(234 /* tgkill */, Int(getpid()), Int(tid), Int(HOST_WAKE_SIGNAL), 0, 0, 0)
    }

    /// Starts `body` on a new detached host thread with an 8 MiB stack.
    static func start(_ body: @escaping () -> Void) -> Bool {
        final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }
        let ctx = Unmanaged.passRetained(Box(body)).toOpaque()
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        pthread_attr_setstacksize(&attr, 8 << 20)
        pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
        var t = pthread_t()
        let r = pthread_create(&t, &attr, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, ctx)
        pthread_attr_destroy(&attr)
        if r != 0 { Unmanaged<Box>.fromOpaque(ctx).release() }
        return r == 0
    }

    static let FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_PRIVATE = 128, FUTEX_WAIT_BITSET = 9, FUTEX_CLOCK_REALTIME = 256

    /// futex wait on a 32-bit host word; returns 0, or a negative Linux errno (EAGAIN when the
    /// value differs, ETIMEDOUT, EINTR).
    static func futexWait(_ addr: UnsafeMutableRawPointer, expected: UInt32, timeout: timespec?, privateKey: Bool) -> Int {
        let op = FUTEX_WAIT | (privateKey ? FUTEX_PRIVATE : 0)
        if var t = timeout {
            return withUnsafePointer(to: &t) { tp in
                host_syscall6(202, Int(bitPattern: addr), op, Int(expected), Int(bitPattern: UnsafeRawPointer(tp)), 0, 0)
            }
        }
        return host_syscall6(202, Int(bitPattern: addr), op, Int(expected), 0, 0, 0)
    }

    @discardableResult
    static func futexWake(_ addr: UnsafeMutableRawPointer, count: Int32, privateKey: Bool) -> Int {
        host_syscall6(202, Int(bitPattern: addr), FUTEX_WAKE | (privateKey ? FUTEX_PRIVATE : 0), Int(count), 0, 0, 0)
    }
}
