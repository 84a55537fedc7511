import CHost
import Glibc

/// An absolute point on CLOCK_MONOTONIC, for timeouts.
struct Deadline {
    var ns: Int64

    static func now(_ clock: clockid_t = CLOCK_MONOTONIC) -> Int64 {
        let t = HostInputs.clock(clock) ?? timespec()
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }

    init(relative t: timespec) {
        ns = Deadline.now() &+ Int64(t.tv_sec) * 1_000_000_000 &+ Int64(t.tv_nsec)
    }

    /// An absolute time on `clock`, mapped onto the monotonic clock.
    init(absolute t: timespec, clock: clockid_t) {
        let target = Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
        ns = Deadline.now() &+ (target &- Deadline.now(clock))
    }

    var remaining: Int64 { ns &- Deadline.now() }
}

/// How a umtx sleep ended.
enum SleepOutcome { case woken, valueChanged, timedOut }

/// _umtx_op: FreeBSD's userland synchronisation primitives (sys/kern/kern_umtx.c) on host
/// futexes over the guest words. Host futexes are always used with shared keys, so private and
/// shared operations on the same word meet, as FreeBSD's AUTO_SHARE keys do on private memory.
extension GuestProcess {
    static let UMUTEX_CONTESTED: UInt32 = 0x8000_0000
    static let URWLOCK_WRITE_OWNER: UInt32 = 0x8000_0000, URWLOCK_WRITE_WAITERS: UInt32 = 0x4000_0000,
        URWLOCK_READ_WAITERS: UInt32 = 0x2000_0000, URWLOCK_MAX_READERS: UInt32 = 0x1fff_ffff, URWLOCK_PREFER_READER: UInt32 = 2
    static let USEM_HAS_WAITERS: UInt32 = 0x8000_0000

    /// Sleeps on a futex word while it holds `expected`, interruptible by guest signals. Sleeps
    /// are sliced (20 ms) so a signal posted in the instant before the sleep cannot be lost.
    func umtxSleep(_ t: GuestThread, _ word: UnsafeMutablePointer<UInt32>, expected: UInt32, deadline: Deadline?,
                   restartable: Bool) throws(FreeBSDErrno) -> SleepOutcome {
        while true {
            if let e = t.interruption(restartable: restartable) { throw e }
            var slice: Int64 = 20_000_000
            if let d = deadline {
                let left = d.remaining
                if left <= 0 { return .timedOut }
                slice = min(slice, left)
            }
            host_atomic_store32(t.blocking, 1)
            let r = HostThread.futexWait(UnsafeMutableRawPointer(word), expected: expected,
                                         timeout: timespec(tv_sec: Int(slice / 1_000_000_000), tv_nsec: Int(slice % 1_000_000_000)),
                                         privateKey: false)
            host_atomic_store32(t.blocking, 0)
            switch r {
            case 0: return .woken
            case -Int(EAGAIN): return .valueChanged
            case -Int(ETIMEDOUT), -Int(EINTR): continue
            default: throw FreeBSDErrno(linux: Int32(-r))
            }
        }
    }

    /// Host word behind a guest u32 (must be 4-byte aligned and writable).
    func umtxWord(_ t: GuestThread, _ a: UInt64) throws(FreeBSDErrno) -> UnsafeMutablePointer<UInt32> {
        guard a & 3 == 0 else { throw .EINVAL }
        guard let r = try? t.space.hostRanges(a, length: 4, access: .write).first, let p = r.baseAddress else { throw .EFAULT }
        return p.assumingMemoryBound(to: UInt32.self)
    }

    /// The timeout argument convention of every *_WAIT op (uaddr1 = size, uaddr2 = pointer).
    func umtxTimeout(_ t: GuestThread, size: UInt64, pointer: UInt64) throws(FreeBSDErrno) -> Deadline? {
        if pointer == 0 { return nil }
        if size <= 16 {
            let ts = try readTimespec(t, pointer)
            guard ts.tv_sec >= 0 else { throw .EINVAL }
            return Deadline(relative: ts)
        }
        let r = StructReader(bytes: try t.copyIn(pointer, count: 24))
        let sec = r.get(Int64.self, at: 0), nsec = r.get(Int64.self, at: 8)
        guard sec >= 0, nsec >= 0, nsec < 1_000_000_000 else { throw .EINVAL }
        let flags = r.get(UInt32.self, at: 16), clock = r.get(Int32.self, at: 20)
        let ts = timespec(tv_sec: Int(sec), tv_nsec: Int(nsec))
        if flags & 1 != 0 {
            guard let c = ABI.clockToLinux(clock) else { throw .EINVAL }
            return Deadline(absolute: ts, clock: c)
        }
        return Deadline(relative: ts)
    }

    func sysUmtxOp(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let obj = a[0], op = a[1], val = a[2], uaddr1 = a[3], uaddr2 = a[4]
        switch op {
        case 2, 11, 15:   // WAIT (u_long), WAIT_UINT, WAIT_UINT_PRIVATE
            let word = try umtxWord(t, obj)
            let deadline = try umtxTimeout(t, size: uaddr1, pointer: uaddr2)
            let expected32 = UInt32(truncatingIfNeeded: val)
            if op == 2 {
                let full: UInt64 = try t.load(obj)
                if full != val { return 0 }
            } else if host_atomic_load32(word) != expected32 {
                return 0
            }
            if try umtxSleep(t, word, expected: expected32, deadline: deadline, restartable: deadline == nil) == .timedOut {
                throw .ETIMEDOUT
            }
            return 0
        case 3, 16:       // WAKE, WAKE_PRIVATE
            let word = try umtxWord(t, obj)
            HostThread.futexWake(UnsafeMutableRawPointer(word), count: Int32(truncatingIfNeeded: min(val, UInt64(Int32.max))), privateKey: false)
            return 0
        case 21:          // NWAKE_PRIVATE: wake all waiters on each of `val` addresses
            for i in 0..<Int(min(val, 1 << 16)) {
                let addr: UInt64 = try t.load(obj + UInt64(i * 8))
                let word = try umtxWord(t, addr)
                HostThread.futexWake(UnsafeMutableRawPointer(word), count: Int32.max, privateKey: false)
            }
            return 0
        case 4, 5:        // MUTEX_TRYLOCK, MUTEX_LOCK
            return try mutexLock(t, obj, tryOnly: op == 4, deadline: op == 5 ? umtxTimeout(t, size: uaddr1, pointer: uaddr2) : nil)
        case 6:           // MUTEX_UNLOCK
            return try mutexUnlock(t, obj)
        case 17:          // MUTEX_WAIT: wait until the mutex is free, without taking it
            let owner = try umtxWord(t, obj)
            let deadline = try umtxTimeout(t, size: uaddr1, pointer: uaddr2)
            while true {
                let o = host_atomic_load32(owner)
                if o == 0 || o == GuestProcess.UMUTEX_CONTESTED { return 0 }
                var expected = o
                if o & GuestProcess.UMUTEX_CONTESTED == 0 {
                    if !host_cas32(owner, &expected, o | GuestProcess.UMUTEX_CONTESTED) { continue }
                }
                if try umtxSleep(t, owner, expected: o | GuestProcess.UMUTEX_CONTESTED, deadline: deadline, restartable: deadline == nil) == .timedOut {
                    throw .ETIMEDOUT
                }
                return 0
            }
        case 18, 22:      // MUTEX_WAKE, MUTEX_WAKE2
            let owner = try umtxWord(t, obj)
            wakeMutexWaiter(owner)
            return 0
        case 7:           // SET_CEILING: priority protection is not modelled
            if uaddr1 != 0 { try t.store(uaddr1, UInt32(0)) }
            return 0
        case 8:           // CV_WAIT
            return try condWait(t, obj, flags: val, mutex: uaddr1, timeout: uaddr2)
        case 9, 10:       // CV_SIGNAL, CV_BROADCAST
            return try condWake(t, obj, all: op == 10)
        case 12:          // RW_RDLOCK
            return try rwLock(t, obj, write: false, flags: UInt32(truncatingIfNeeded: val), deadline: umtxTimeout(t, size: uaddr1, pointer: uaddr2))
        case 13:          // RW_WRLOCK
            return try rwLock(t, obj, write: true, flags: 0, deadline: umtxTimeout(t, size: uaddr1, pointer: uaddr2))
        case 14:          // RW_UNLOCK
            return try rwUnlock(t, obj)
        case 23:          // SEM2_WAIT
            let count = try umtxWord(t, obj)
            let deadline = try umtxTimeout(t, size: uaddr1, pointer: uaddr2)
            while true {
                let c = host_atomic_load32(count)
                if c & ~GuestProcess.USEM_HAS_WAITERS != 0 { return 0 }
                var e = c
                if c & GuestProcess.USEM_HAS_WAITERS == 0 && !host_cas32(count, &e, c | GuestProcess.USEM_HAS_WAITERS) { continue }
                if try umtxSleep(t, count, expected: c | GuestProcess.USEM_HAS_WAITERS, deadline: deadline, restartable: deadline == nil) == .timedOut {
                    throw .ETIMEDOUT
                }
                return 0
            }
        case 24:          // SEM2_WAKE: clear the waiters bit; everyone re-checks
            let count = try umtxWord(t, obj)
            while true {
                var c = host_atomic_load32(count)
                if c & GuestProcess.USEM_HAS_WAITERS == 0 || host_cas32(count, &c, c & ~GuestProcess.USEM_HAS_WAITERS) { break }
            }
            HostThread.futexWake(UnsafeMutableRawPointer(count), count: Int32.max, privateKey: false)
            return 0
        case 26:          // ROBUST_LISTS: accepted; owner-death recovery is not modelled
            guard val <= 24 else { throw .EINVAL }
            return 0
        case 27:          // GET_MIN_TIMEOUT
            if uaddr1 != 0 { try t.store(uaddr1, Int64(0)) }
            return 0
        case 28:          // SET_MIN_TIMEOUT
            return 0
        default:
            throw .EINVAL
        }
    }

    // MARK: umutex

    func mutexLock(_ t: GuestThread, _ obj: UInt64, tryOnly: Bool, deadline: Deadline?) throws(FreeBSDErrno) -> UInt64 {
        let owner = try umtxWord(t, obj)
        let me = UInt32(bitPattern: t.tid)
        let contested = GuestProcess.UMUTEX_CONTESTED
        while true {
            var o = host_atomic_load32(owner)
            if o == 0 {
                if host_cas32(owner, &o, me) { return 0 }
                continue
            }
            if o == contested {
                if host_cas32(owner, &o, me | contested) { return 0 }
                continue
            }
            if o & ~contested == me { throw .EDEADLK }
            if tryOnly { throw .EBUSY }
            if o & contested == 0 {
                if !host_cas32(owner, &o, o | contested) { continue }
            }
            if try umtxSleep(t, owner, expected: o | contested, deadline: deadline, restartable: deadline == nil) == .timedOut {
                throw .ETIMEDOUT
            }
        }
    }

    func mutexUnlock(_ t: GuestThread, _ obj: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let owner = try umtxWord(t, obj)
        let me = UInt32(bitPattern: t.tid)
        var o = host_atomic_load32(owner)
        guard o & ~GuestProcess.UMUTEX_CONTESTED == me else { throw .EPERM }
        if o & GuestProcess.UMUTEX_CONTESTED == 0 {
            if host_cas32(owner, &o, 0) { return 0 }
        }
        // Contested: leave it unowned-but-contested so the next locker comes here too.
        host_atomic_store32(owner, GuestProcess.UMUTEX_CONTESTED)
        wakeMutexWaiter(owner)
        return 0
    }

    /// Wakes one waiter; if nobody was waiting, the contested mark goes away.
    func wakeMutexWaiter(_ owner: UnsafeMutablePointer<UInt32>) {
        let woken = HostThread.futexWake(UnsafeMutableRawPointer(owner), count: 1, privateKey: false)
        if woken == 0 {
            var c = GuestProcess.UMUTEX_CONTESTED
            _ = host_cas32(owner, &c, 0)
        }
    }

    // MARK: ucond

    /// A condition variable's sleep word and waiter count, kept by the emulator per guest
    /// address (the guest struct has no room for a sequence counter).
    final class CondState {
        let word = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
        var waiters = 0
        init() { word.initialize(to: 0) }
    }

    func condState(_ a: UInt64) -> CondState {
        lock.withLock {
            if let s = conditions[a] { return s }
            let s = CondState()
            conditions[a] = s
            return s
        }
    }

    func condWait(_ t: GuestThread, _ obj: UInt64, flags: UInt64, mutex: UInt64, timeout: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let hasWaiters = try umtxWord(t, obj)
        let cv = condState(obj)
        let seq = host_atomic_load32(cv.word)
        lock.withLock { cv.waiters += 1 }
        defer { lock.withLock { cv.waiters -= 1 } }
        host_atomic_store32(hasWaiters, 1)
        _ = try mutexUnlock(t, mutex)
        var deadline: Deadline? = nil
        if timeout != 0 {
            let ts = try readTimespec(t, timeout)
            if flags & 2 != 0 {   // CVWAIT_ABSTIME, clock from c_clockid when CVWAIT_CLOCKID
                var clock: Int32 = 0
                if flags & 4 != 0 { clock = try t.load(obj + 8, Int32.self) }
                guard let c = ABI.clockToLinux(clock) else { throw .EINVAL }
                deadline = Deadline(absolute: ts, clock: c)
            } else {
                deadline = Deadline(relative: ts)
            }
        }
        if try umtxSleep(t, cv.word, expected: seq, deadline: deadline, restartable: false) == .timedOut {
            throw .ETIMEDOUT
        }
        return 0
    }

    func condWake(_ t: GuestThread, _ obj: UInt64, all: Bool) throws(FreeBSDErrno) -> UInt64 {
        let hasWaiters = try umtxWord(t, obj)
        let cv = condState(obj)
        _ = host_fetch_add32(cv.word)
        let waiting = lock.withLock { cv.waiters }
        HostThread.futexWake(UnsafeMutableRawPointer(cv.word), count: all ? Int32.max : 1, privateKey: false)
        if all || waiting <= 1 { host_atomic_store32(hasWaiters, 0) }
        return 0
    }

    // MARK: urwlock

    func rwLock(_ t: GuestThread, _ obj: UInt64, write: Bool, flags: UInt32, deadline: Deadline?) throws(FreeBSDErrno) -> UInt64 {
        let state = try umtxWord(t, obj)
        let lockFlags: UInt32 = try t.load(obj + 4)
        let preferReader = (flags | lockFlags) & GuestProcess.URWLOCK_PREFER_READER != 0
        while true {
            var s = host_atomic_load32(state)
            let readers = s & GuestProcess.URWLOCK_MAX_READERS
            if write {
                if s & GuestProcess.URWLOCK_WRITE_OWNER == 0 && readers == 0 {
                    if host_cas32(state, &s, s | GuestProcess.URWLOCK_WRITE_OWNER) { return 0 }
                    continue
                }
                if s & GuestProcess.URWLOCK_WRITE_WAITERS == 0 {
                    if !host_cas32(state, &s, s | GuestProcess.URWLOCK_WRITE_WAITERS) { continue }
                    s |= GuestProcess.URWLOCK_WRITE_WAITERS
                }
            } else {
                let blockedByWriter = s & GuestProcess.URWLOCK_WRITE_OWNER != 0 ||
                    (!preferReader && s & GuestProcess.URWLOCK_WRITE_WAITERS != 0)
                if !blockedByWriter {
                    guard readers < GuestProcess.URWLOCK_MAX_READERS else { throw .EAGAIN }
                    if host_cas32(state, &s, s + 1) { return 0 }
                    continue
                }
                if s & GuestProcess.URWLOCK_READ_WAITERS == 0 {
                    if !host_cas32(state, &s, s | GuestProcess.URWLOCK_READ_WAITERS) { continue }
                    s |= GuestProcess.URWLOCK_READ_WAITERS
                }
            }
            if try umtxSleep(t, state, expected: s, deadline: deadline, restartable: deadline == nil) == .timedOut {
                throw .ETIMEDOUT
            }
        }
    }

    func rwUnlock(_ t: GuestThread, _ obj: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let state = try umtxWord(t, obj)
        let waiters = GuestProcess.URWLOCK_WRITE_WAITERS | GuestProcess.URWLOCK_READ_WAITERS
        while true {
            var s = host_atomic_load32(state)
            var n: UInt32
            if s & GuestProcess.URWLOCK_WRITE_OWNER != 0 {
                n = s & ~GuestProcess.URWLOCK_WRITE_OWNER
            } else if s & GuestProcess.URWLOCK_MAX_READERS != 0 {
                n = s - 1
            } else {
                throw .EPERM
            }
            let free = n & (GuestProcess.URWLOCK_WRITE_OWNER | GuestProcess.URWLOCK_MAX_READERS) == 0
            let wake = free && n & waiters != 0
            if wake { n &= ~waiters }
            if host_cas32(state, &s, n) {
                if wake { HostThread.futexWake(UnsafeMutableRawPointer(state), count: Int32.max, privateKey: false) }
                return 0
            }
        }
    }
}
