import CHost
import Glibc

/// Identifies a knote within its kqueue: FreeBSD keeps one per (ident, filter).
struct KnoteKey: Hashable {
    let ident: UInt64
    let filter: Int16
}

/// One registered event (FreeBSD's knote): what the guest asked for and its state.
final class Knote {
    let ident: UInt64
    let filter: Int16
    /// kn_kevent.flags as FreeBSD keeps them: the guest's flags without the action bits,
    /// plus EV_CLEAR where FreeBSD forces it (timers, signals).
    var flags: UInt16
    var udata: UInt64
    var ext: [UInt64]
    /// The guest's fflags and data (kn_sfflags, kn_sdata).
    var sfflags: UInt32
    var sdata: Int64
    var disabled = false
    /// Descriptor filters: the descriptor is in the kqueue's read or write epoll set.
    var registered = false
    /// Descriptor filters on files epoll cannot watch (regular files, some devices): always
    /// ready, like FreeBSD's vnode filters.
    var alwaysReady = false
    /// EVFILT_USER: triggered (FreeBSD's kn_hookid).
    var triggered = false
    /// EV_FORCEONESHOT activated it.
    var forced = false
    /// EVFILT_TIMER: period in ns (0: a single expiry) and next deadline (CLOCK_MONOTONIC ns).
    var period: Int64 = 0
    var deadline: Int64 = Int64.max
    /// EVFILT_TIMER expirations / EVFILT_SIGNAL deliveries not yet reported.
    var count: Int64 = 0

    init(_ kev: FreeBSDKevent) {
        ident = kev.ident
        filter = kev.filter
        flags = kev.flags & ~(EventABI.EV_ADD | EventABI.EV_DELETE | EventABI.EV_ENABLE | EventABI.EV_DISABLE | EventABI.EV_FORCEONESHOT)
        udata = kev.udata
        ext = kev.ext
        sfflags = kev.fflags
        sdata = kev.data
    }

    var key: KnoteKey { KnoteKey(ident: ident, filter: filter) }
    var isDescriptorFilter: Bool { filter == EventABI.EVFILT_READ || filter == EventABI.EVFILT_WRITE }
}

/// A guest kqueue built on host epoll. The descriptor the guest holds is an epoll set, so
/// close, dup, close-on-exec and select/poll on the kqueue behave as on FreeBSD. Inside it:
/// two epoll sets holding the descriptors watched for reading and for writing (so each
/// (descriptor, filter) pair has its own level/edge and one-shot mode, as a knote does), an
/// eventfd that is readable while events kept in user space are pending (EVFILT_USER,
/// EVFILT_SIGNAL, expired timers, always-ready files), and a timerfd armed for the earliest
/// EVFILT_TIMER deadline. The knotes themselves are kept here, under `lock`; waiting happens
/// outside it.
final class Kqueue: @unchecked Sendable {
    let lock = Lock()
    /// The guest's kqueue descriptor.
    let epoll: Int32
    let readSet: Int32, writeSet: Int32, wakeup: Int32, timer: Int32
    var knotes: [KnoteKey: Knote] = [:]
    /// Knotes whose readiness lives here rather than in an epoll set, in registration order.
    var userSpace: [KnoteKey] = []
    var wakeupSignalled = false
    var armedDeadline = Int64.max
    /// What the inner descriptors are called in the guest's epoll set.
    static let readTag: UInt64 = 1, writeTag: UInt64 = 2, wakeupTag: UInt64 = 4, timerTag: UInt64 = 8

    init(process: GuestProcess, cloexec: Bool) throws(FreeBSDErrno) {
        let e = Linux.epollCreate(cloexec: cloexec)
        if e < 0 { throw .host }
        var made: [Int32] = []
        func make(_ f: Int32) throws(FreeBSDErrno) -> Int32 {
            if f < 0 {
                let err = FreeBSDErrno.host
                for m in made { process.releasePrivateDescriptor(m) }
                close(e)
                throw err
            }
            let p = process.makePrivateDescriptor(f)
            made.append(p)
            return p
        }
        epoll = e
        readSet = try make(Linux.epollCreate(cloexec: true))
        writeSet = try make(Linux.epollCreate(cloexec: true))
        wakeup = try make(Linux.eventfd(0, Linux.EFD_CLOEXEC | Linux.EFD_NONBLOCK))
        timer = try make(Linux.timerfdCreate(CLOCK_MONOTONIC, Linux.TFD_CLOEXEC | Linux.TFD_NONBLOCK))
        for (f, tag) in [(readSet, Kqueue.readTag), (writeSet, Kqueue.writeTag), (wakeup, Kqueue.wakeupTag), (timer, Kqueue.timerTag)] {
            _ = Linux.epollCtl(e, Linux.EPOLL_CTL_ADD, f, events: Linux.EPOLLIN, data: tag)
        }
    }

    /// The last guest number of this kqueue is being closed: release the inner descriptors.
    func destroy(_ process: GuestProcess) {
        lock.withLock {
            knotes.removeAll()
            userSpace.removeAll()
        }
        for f in [readSet, writeSet, wakeup, timer] { process.releasePrivateDescriptor(f) }
    }

    // MARK: Registration (kqueue_register)

    /// Applies one change; returns FreeBSD's error, or nil.
    func register(_ kev: FreeBSDKevent, process: GuestProcess) -> FreeBSDErrno? {
        if kev.flags & (EventABI.EV_ENABLE | EventABI.EV_DISABLE) == EventABI.EV_ENABLE | EventABI.EV_DISABLE { return .EINVAL }
        switch kev.filter {
        case EventABI.EVFILT_READ, EventABI.EVFILT_WRITE, EventABI.EVFILT_TIMER, EventABI.EVFILT_USER, EventABI.EVFILT_SIGNAL:
            break
        case EventABI.EVFILT_AIO, EventABI.EVFILT_LIO, EventABI.EVFILT_SENDFILE:
            return .ENXIO
        case EventABI.EVFILT_VNODE, EventABI.EVFILT_PROC, EventABI.EVFILT_PROCDESC, EventABI.EVFILT_FS, EventABI.EVFILT_EMPTY:
            Kqueue.reportUnsupported(kev.filter)
            return .EOPNOTSUPP
        default:
            return .EINVAL
        }
        let isFd = kev.filter == EventABI.EVFILT_READ || kev.filter == EventABI.EVFILT_WRITE
        if isFd {
            if kev.ident > UInt64(Int32.max) { return .EBADF }
            let fd = Int32(kev.ident)
            if process.isPrivateDescriptor(fd) || fcntl(fd, F_GETFD) < 0 { return .EBADF }
            if fd == epoll { return .EINVAL }
        }
        return lock.withLock { () -> FreeBSDErrno? in
            let key = KnoteKey(ident: kev.ident, filter: kev.filter)
            guard let k = knotes[key] else {
                if kev.flags & EventABI.EV_ADD == 0 { return .ENOENT }
                return attach(kev)
            }
            if kev.flags & EventABI.EV_DELETE != 0 {
                drop(k)
                updateWakeup()
                return nil
            }
            if kev.flags & EventABI.EV_FORCEONESHOT != 0 {
                k.flags |= EventABI.EV_ONESHOT
                k.forced = true
            }
            if kev.flags & EventABI.EV_ENABLE != 0 { k.disabled = false }
            else if kev.flags & EventABI.EV_DISABLE != 0 { k.disabled = true }
            k.udata = kev.udata
            var err: FreeBSDErrno? = nil
            switch k.filter {
            case EventABI.EVFILT_USER: touchUser(k, kev)
            case EventABI.EVFILT_TIMER:
                if kev.flags & EventABI.EV_ADD != 0 {
                    k.count = 0
                    k.sfflags = kev.fflags
                    k.sdata = kev.data
                    err = startTimer(k)
                }
            default:
                k.sfflags = kev.fflags
                k.sdata = kev.data
            }
            if k.isDescriptorFilter && !k.alwaysReady {
                if k.disabled {
                    disarm(k)
                } else if let e = arm(k) {
                    err = FreeBSDErrno(linux: e)
                }
            }
            updateWakeup()
            return err
        }
    }

    /// A new knote (EV_ADD of something not registered yet).
    private func attach(_ kev: FreeBSDKevent) -> FreeBSDErrno? {
        let k = Knote(kev)
        k.disabled = kev.flags & EventABI.EV_DISABLE != 0
        switch kev.filter {
        case EventABI.EVFILT_READ, EventABI.EVFILT_WRITE:
            if !k.disabled, let e = arm(k) {
                if e == EPERM {
                    k.alwaysReady = true
                } else {
                    return FreeBSDErrno(linux: e)
                }
            } else if k.disabled && !Kqueue.pollable(Int32(k.ident)) {
                k.alwaysReady = true
            }
            if k.alwaysReady { userSpace.append(k.key) }
        case EventABI.EVFILT_TIMER:
            // Registered first: arming the timerfd looks for the earliest deadline among them.
            knotes[k.key] = k
            userSpace.append(k.key)
            if let e = startTimer(k) {
                drop(k)
                return e
            }
        case EventABI.EVFILT_USER:
            // FreeBSD's attach looks at kn_fflags, which registration has just zeroed: a
            // NOTE_TRIGGER given with EV_ADD does not trigger a new knote.
            userSpace.append(k.key)
        case EventABI.EVFILT_SIGNAL:
            guard kev.ident >= 1 && kev.ident <= UInt64(FreeBSDSignal.maxSignal) else { return .EINVAL }
            k.flags |= EventABI.EV_CLEAR
            userSpace.append(k.key)
        default:
            return .EINVAL
        }
        knotes[k.key] = k
        updateWakeup()
        return nil
    }

    /// Whether epoll can watch the descriptor (it refuses regular files and some devices).
    static func pollable(_ fd: Int32) -> Bool {
        let probe = Linux.epollCreate(cloexec: true)
        defer { close(probe) }
        return Linux.epollCtl(probe, Linux.EPOLL_CTL_ADD, fd, events: Linux.EPOLLIN, data: 0) == 0 || errno != EPERM
    }

    private func epollEvents(_ k: Knote) -> UInt32 {
        var e: UInt32 = k.filter == EventABI.EVFILT_READ ? (Linux.EPOLLIN | Linux.EPOLLRDHUP) : Linux.EPOLLOUT
        if k.flags & EventABI.EV_CLEAR != 0 { e |= Linux.EPOLLET }
        if k.flags & (EventABI.EV_ONESHOT | EventABI.EV_DISPATCH) != 0 { e |= Linux.EPOLLONESHOT }
        return e
    }

    /// Puts a descriptor knote into its epoll set, or re-arms it there (which also looks at
    /// the descriptor's state again, as FreeBSD re-evaluates a knote on every registration).
    /// Returns a Linux errno on failure.
    private func arm(_ k: Knote) -> Int32? {
        let set = k.filter == EventABI.EVFILT_READ ? readSet : writeSet
        let fd = Int32(truncatingIfNeeded: k.ident)
        if k.registered {
            if Linux.epollCtl(set, Linux.EPOLL_CTL_MOD, fd, events: epollEvents(k), data: k.ident) == 0 { return nil }
            if errno != ENOENT { return errno }
            k.registered = false
        }
        if Linux.epollCtl(set, Linux.EPOLL_CTL_ADD, fd, events: epollEvents(k), data: k.ident) != 0 { return errno }
        k.registered = true
        return nil
    }

    private func disarm(_ k: Knote) {
        guard k.registered else { return }
        let set = k.filter == EventABI.EVFILT_READ ? readSet : writeSet
        _ = Linux.epollCtl(set, Linux.EPOLL_CTL_DEL, Int32(truncatingIfNeeded: k.ident), events: 0, data: 0)
        k.registered = false
    }

    private func drop(_ k: Knote) {
        disarm(k)
        knotes[k.key] = nil
        if let i = userSpace.firstIndex(of: k.key) { userSpace.remove(at: i) }
        if k.filter == EventABI.EVFILT_TIMER { rearmTimer() }
    }

    /// FreeBSD's filt_usertouch on registration.
    private func touchUser(_ k: Knote, _ kev: FreeBSDKevent) {
        if kev.fflags & EventABI.NOTE_TRIGGER != 0 { k.triggered = true }
        let value = kev.fflags & EventABI.NOTE_FFLAGSMASK
        switch kev.fflags & EventABI.NOTE_FFCTRLMASK {
        case EventABI.NOTE_FFAND: k.sfflags &= value
        case EventABI.NOTE_FFOR: k.sfflags |= value
        case EventABI.NOTE_FFCOPY: k.sfflags = value
        default: break
        }
        k.sdata = kev.data
        if kev.flags & EventABI.EV_CLEAR != 0 { k.triggered = false }
    }

    // MARK: Timers

    /// Validates the timer's data/fflags (filt_timervalidate) and schedules its first expiry.
    private func startTimer(_ k: Knote) -> FreeBSDErrno? {
        if k.sdata < 0 { return .EINVAL }
        if k.sdata == 0 && k.flags & EventABI.EV_ONESHOT == 0 { k.sdata = 1 }
        let units = EventABI.NOTE_SECONDS | EventABI.NOTE_MSECONDS | EventABI.NOTE_USECONDS | EventABI.NOTE_NSECONDS
        if k.sfflags & ~(units | EventABI.NOTE_ABSTIME) != 0 { return .EINVAL }
        guard let ns = EventABI.timerNanoseconds(k.sdata, fflags: k.sfflags) else { return .EINVAL }
        let now = Deadline.now()
        if k.sfflags & EventABI.NOTE_ABSTIME != 0 {
            // An absolute CLOCK_REALTIME time: one expiry, no automatic EV_CLEAR.
            let real = HostInputs.clock(CLOCK_REALTIME) ?? timespec()
            let realNs = Int64(real.tv_sec) * 1_000_000_000 + Int64(real.tv_nsec)
            let delta = ns == Int64.max ? Int64.max / 2 : ns - realNs
            k.deadline = now + max(0, min(delta, Int64.max / 2))
            k.period = 0
        } else {
            k.flags |= EventABI.EV_CLEAR
            k.period = k.flags & EventABI.EV_ONESHOT != 0 ? 0 : max(ns, 1)
            k.deadline = ns > Int64.max - now ? Int64.max - 1 : now + max(ns, 1)
        }
        rearmTimer()
        return nil
    }

    /// Counts the expirations that are due and arms the timerfd for the next deadline.
    private func harvestTimers() {
        guard armedDeadline != Int64.max else { return }    // no timer pending: nothing is due
        var v: UInt64 = 0
        _ = read(timer, &v, 8)
        let now = Deadline.now()
        for key in userSpace where key.filter == EventABI.EVFILT_TIMER {
            guard let k = knotes[key], k.deadline <= now else { continue }
            if k.period > 0 {
                let n = (now - k.deadline) / k.period + 1
                k.count += n
                k.deadline = n > (Int64.max - k.deadline) / k.period ? Int64.max - 1 : k.deadline + n * k.period
            } else {
                k.count += 1
                k.deadline = Int64.max
            }
        }
        rearmTimer()
    }

    private func rearmTimer() {
        var earliest = Int64.max
        for key in userSpace where key.filter == EventABI.EVFILT_TIMER {
            if let k = knotes[key] { earliest = min(earliest, k.deadline) }
        }
        if earliest == armedDeadline { return }
        armedDeadline = earliest
        if earliest == Int64.max {
            Linux.timerfdSet(timer, value: timespec(), absolute: false)
        } else {
            let at = max(earliest, 1)
            Linux.timerfdSet(timer, value: timespec(tv_sec: Int(at / 1_000_000_000), tv_nsec: Int(at % 1_000_000_000)), absolute: true)
        }
    }

    // MARK: Signals

    func signalPosted(_ sig: Int32) {
        lock.withLock {
            guard let k = knotes[KnoteKey(ident: UInt64(sig), filter: EventABI.EVFILT_SIGNAL)] else { return }
            k.count += 1
            updateWakeup()
        }
    }

    // MARK: Descriptors closing

    /// knote_fdclose: the guest closes `fd`; its descriptor knotes go.
    func descriptorClosing(_ fd: Int32) {
        lock.withLock {
            var changed = false
            for f in [EventABI.EVFILT_READ, EventABI.EVFILT_WRITE] {
                if let k = knotes[KnoteKey(ident: UInt64(UInt32(bitPattern: fd)), filter: f)] {
                    drop(k)
                    changed = true
                }
            }
            if changed { updateWakeup() }
        }
    }

    // MARK: Collecting events (kqueue_scan)

    /// Which of the inner descriptors are ready now (a bit set of the tags).
    func readyTags() -> UInt64 {
        Linux.epollPoll(epoll, max: 4).reduce(0) { $0 | $1.data }
    }

    /// Up to `max` pending events, without waiting; applies EV_ONESHOT, EV_CLEAR and
    /// EV_DISPATCH to what it returns. `ready` says which inner descriptors the guest's epoll
    /// set reported (when the caller just waited on it), so that quiet ones are not asked.
    func scan(max: Int, ready: UInt64? = nil) -> [FreeBSDKevent] {
        let tags = ready ?? readyTags()
        return lock.withLock {
            var out: [FreeBSDKevent] = []
            if tags & Kqueue.timerTag != 0 { harvestTimers() }
            var i = 0
            while i < userSpace.count && out.count < max {
                let key = userSpace[i]
                i += 1
                guard let k = knotes[key], let ev = userSpaceEvent(k, consume: true) else { continue }
                out.append(ev)
                if afterReport(k) { i -= 1 }
            }
            for (set, filter, tag) in [(readSet, EventABI.EVFILT_READ, Kqueue.readTag), (writeSet, EventABI.EVFILT_WRITE, Kqueue.writeTag)]
                where out.count < max && tags & tag != 0 {
                for e in Linux.epollPoll(set, max: max - out.count) {
                    guard let k = knotes[KnoteKey(ident: e.data, filter: filter)], !k.disabled,
                          let ev = descriptorEvent(k, events: e.events) else { continue }
                    out.append(ev)
                    _ = afterReport(k)
                }
            }
            updateWakeup()
            return out
        }
    }

    /// Applies the post-report rules; true if the knote was dropped (EV_ONESHOT).
    private func afterReport(_ k: Knote) -> Bool {
        k.forced = false
        if k.flags & EventABI.EV_ONESHOT != 0 {
            drop(k)
            return true
        }
        if k.flags & EventABI.EV_DISPATCH != 0 { k.disabled = true }
        return false
    }

    private func event(_ k: Knote, flags: UInt16? = nil, fflags: UInt32 = 0, data: Int64) -> FreeBSDKevent {
        FreeBSDKevent(ident: k.ident, filter: k.filter, flags: flags ?? k.flags, fflags: fflags, data: data, udata: k.udata, ext: k.ext)
    }

    /// The event of a knote kept in user space if it is active; `consume` applies EV_CLEAR.
    private func userSpaceEvent(_ k: Knote, consume: Bool) -> FreeBSDKevent? {
        if k.disabled { return nil }
        switch k.filter {
        case EventABI.EVFILT_USER:
            guard k.triggered || k.forced else { return nil }
            // A one-shot knote is reported as it is kept (kn_kevent, whose fflags and data a
            // user knote never sets); others go through filt_usertouch, which reports the
            // saved fflags and data.
            if k.flags & EventABI.EV_ONESHOT != 0 { return event(k, data: 0) }
            if consume && k.flags & EventABI.EV_CLEAR != 0 { k.triggered = false }
            return event(k, fflags: k.sfflags, data: k.sdata)
        case EventABI.EVFILT_TIMER, EventABI.EVFILT_SIGNAL:
            guard k.count > 0 || k.forced else { return nil }
            let n = k.count
            if consume && k.flags & EventABI.EV_CLEAR != 0 { k.count = 0 }
            return event(k, data: n)
        case EventABI.EVFILT_READ:
            let fd = Int32(truncatingIfNeeded: k.ident)
            var st = stat()
            guard fstat(fd, &st) == 0 else { return nil }
            if st.st_mode & S_IFMT == S_IFREG {
                let off = lseek(fd, 0, SEEK_CUR)
                let left = Int64(st.st_size) - Int64(max(off, 0))
                guard left != 0 || k.sfflags & EventABI.NOTE_FILE_POLL != 0 || k.forced else { return nil }
                return event(k, data: left)
            }
            return event(k, data: 0)
        case EventABI.EVFILT_WRITE:
            return event(k, data: 0)
        default:
            return nil
        }
    }

    /// The event of a descriptor knote epoll reported (FreeBSD's socket and pipe filters).
    private func descriptorEvent(_ k: Knote, events: UInt32) -> FreeBSDKevent? {
        let fd = Int32(truncatingIfNeeded: k.ident)
        if k.filter == EventABI.EVFILT_READ {
            let eof = events & (Linux.EPOLLRDHUP | Linux.EPOLLHUP) != 0
            let data = Kqueue.readableBytes(fd)
            if !eof && k.sfflags & EventABI.NOTE_LOWAT != 0 && data < k.sdata { return nil }
            return event(k, flags: k.flags | (eof ? EventABI.EV_EOF : 0), data: data)
        }
        let eof = events & (Linux.EPOLLHUP | Linux.EPOLLERR) != 0
        return event(k, flags: k.flags | (eof ? EventABI.EV_EOF : 0), data: Kqueue.writableSpace(fd))
    }

    /// Bytes a read would return now: FIONREAD; for a listening TCP socket the number of
    /// connections waiting to be accepted (TCP_INFO's tcpi_unacked on a listener).
    static func readableBytes(_ fd: Int32) -> Int64 {
        var n: Int32 = 0
        if ioctl(fd, Linux.SIOCINQ, &n) == 0 { return Int64(n) }
        var info = [UInt8](repeating: 0, count: 104)
        var len = socklen_t(info.count)
        if getsockopt(fd, 6, 11, &info, &len) == 0 && len >= 28 && info[0] == 10 {   // TCP_INFO, TCP_LISTEN
            return Int64(StructReader(bytes: info).get(UInt32.self, at: 24))
        }
        return 1
    }

    /// Room for writing now: send buffer minus queued bytes, or a pipe's free space.
    static func writableSpace(_ fd: Int32) -> Int64 {
        var size: Int32 = 0
        var len = socklen_t(4)
        var queued: Int32 = 0
        if getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, &len) == 0 {
            _ = ioctl(fd, Linux.SIOCOUTQ, &queued)
            return Int64(max(0, size / 2 - queued))
        }
        let pipeSize = fcntl(fd, Linux.F_GETPIPE_SZ)
        if pipeSize > 0 {
            _ = ioctl(fd, Linux.SIOCINQ, &queued)
            return Int64(max(0, pipeSize - queued))
        }
        return 0
    }

    /// Keeps the eventfd readable exactly while a user-space knote is active, so that a wait
    /// on the kqueue (here or by select/poll on its descriptor) ends at once.
    private func updateWakeup() {
        var active = false
        for key in userSpace {
            if let k = knotes[key], userSpaceEvent(k, consume: false) != nil { active = true; break }
        }
        if active && !wakeupSignalled {
            var one: UInt64 = 1
            _ = write(wakeup, &one, 8)
            wakeupSignalled = true
        } else if !active && wakeupSignalled {
            var v: UInt64 = 0
            _ = read(wakeup, &v, 8)
            wakeupSignalled = false
        }
    }

    nonisolated(unsafe) static var reported: Set<Int16> = []
    static let reportLock = Lock()

    static func reportUnsupported(_ filter: Int16) {
        let first = reportLock.withLock { reported.insert(filter).inserted }
        guard first else { return }
        let names: [Int16: String] = [-4: "EVFILT_VNODE", -5: "EVFILT_PROC", -8: "EVFILT_PROCDESC", -9: "EVFILT_FS", -13: "EVFILT_EMPTY"]
        writeStderr("bsd-user-gdb: kevent filter \(names[filter] ?? String(filter)) is not supported (EOPNOTSUPP)\n")
    }
}

/// kqueue, kqueuex, kevent and the FreeBSD 11 kevent.
extension GuestProcess {
    func sysKqueue(_ t: GuestThread, flags: UInt64?) throws(FreeBSDErrno) -> UInt64 {
        var cloexec = false
        if let f = flags {
            guard UInt32(truncatingIfNeeded: f) & ~EventABI.KQUEUE_CLOEXEC == 0 else { throw .EINVAL }
            cloexec = f & UInt64(EventABI.KQUEUE_CLOEXEC) != 0
        }
        let k = try Kqueue(process: self, cloexec: cloexec)
        registerKqueue(k, at: k.epoll)
        return UInt64(k.epoll)
    }

    func sysKevent(_ t: GuestThread, _ a: SyscallArgs, compat11: Bool) throws(FreeBSDErrno) -> UInt64 {
        let kqfd = try t.fd(a[0])
        guard let kq = kqueue(for: kqfd) else {
            throw .EBADF
        }
        let size = compat11 ? EventABI.kevent11Size : EventABI.keventSize
        let nchanges = Int(Int32(truncatingIfNeeded: a[2]))
        let nevents = Int(Int32(truncatingIfNeeded: a[4]))
        guard nevents >= 0 else { throw .EINVAL }
        var timeout: (Int64, Int64)? = nil
        if a[5] != 0 {
            let r = StructReader(bytes: try t.copyIn(a[5], count: 16))
            timeout = (r.get(Int64.self, at: 0), r.get(Int64.self, at: 8))
        }

        // The changes first; errors become EV_ERROR events while there is room.
        var room = nevents
        var out = a[3]
        var nerrors = 0
        if nchanges > 0 {
            for i in 0..<nchanges {
                var kev = FreeBSDKevent(bytes: try t.copyIn(a[1] &+ UInt64(i * size), count: size), compat11: compat11)
                if kev.filter == 0 { continue }
                kev.flags &= ~EventABI.EV_SYSFLAGS
                let err = kq.register(kev, process: self)
                if err != nil || kev.flags & EventABI.EV_RECEIPT != 0 {
                    if room == 0 {
                        if let e = err { throw e }
                        return 0
                    }
                    kev.flags = EventABI.EV_ERROR
                    kev.data = Int64(err?.rawValue ?? 0)
                    try? t.copyOut(out, kev.bytes(compat11: compat11))
                    out &+= UInt64(size)
                    room -= 1
                    nerrors += 1
                }
            }
        }
        if nerrors > 0 { return UInt64(nerrors) }
        if room == 0 { return 0 }

        var deadline: Deadline? = nil
        var poll = false
        if let (sec, nsec) = timeout {
            guard sec >= 0 && nsec >= 0 && nsec < 1_000_000_000 else { throw .EINVAL }
            if sec == 0 && nsec == 0 {
                poll = true
            } else if sec <= Int64(Int32.max) {
                deadline = Deadline(after: sec * 1_000_000_000 + nsec)
            }
        }
        var ready: UInt64? = nil
        var woken: [Linux.EpollEvent] = []
        while true {
            let events = kq.scan(max: room, ready: ready)
            if !events.isEmpty {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(events.count * size)
                for e in events { bytes += e.bytes(compat11: compat11) }
                try t.copyOut(out, bytes)
                return UInt64(events.count)
            }
            if poll { return 0 }
            let n = try t.blockingCall(restartable: false) {
                Linux.epollWait(kq.epoll, into: &woken, max: 4, timeout: deadline?.remainingTimespec)
            }
            if n == 0, let d = deadline, d.remaining <= 0 { return 0 }
            ready = woken.reduce(0) { $0 | $1.data }
        }
    }
}
