import Glibc

/// FreeBSD <-> Linux translation for event waiting: poll(2) bits and the kqueue structures
/// and constants (sys/sys/poll.h, sys/sys/event.h). Unit-tested in KqueueTests.
public enum EventABI {
    // MARK: poll bits

    public static let POLLIN: Int16 = 0x1, POLLPRI: Int16 = 0x2, POLLOUT: Int16 = 0x4, POLLERR: Int16 = 0x8,
        POLLHUP: Int16 = 0x10, POLLNVAL: Int16 = 0x20, POLLRDNORM: Int16 = 0x40, POLLRDBAND: Int16 = 0x80,
        POLLWRBAND: Int16 = 0x100, POLLINIGNEOF: Int16 = 0x2000, POLLRDHUP: Int16 = 0x4000
    /// FreeBSD's POLLWRNORM is POLLOUT itself.
    public static let POLLWRNORM: Int16 = POLLOUT

    /// Requested events, FreeBSD -> Linux. POLLINIGNEOF asks for data like POLLIN.
    public static func pollEventsToLinux(_ e: Int16) -> Int16 {
        var out = e & (POLLIN | POLLPRI | POLLOUT | POLLRDNORM | POLLRDBAND)
        if e & POLLWRBAND != 0 { out |= 0x200 }
        if e & POLLINIGNEOF != 0 { out |= POLLIN }
        if e & POLLRDHUP != 0 { out |= Linux.POLLRDHUP }
        return out
    }

    /// Returned events, Linux -> FreeBSD, limited to what was asked for plus the three that
    /// are always reported. POSIX (and FreeBSD) never report POLLOUT together with POLLHUP.
    public static func pollReventsFromLinux(_ l: Int16, requested: Int16) -> Int16 {
        var out = l & (POLLIN | POLLPRI | POLLOUT | POLLERR | POLLHUP | POLLNVAL | POLLRDNORM | POLLRDBAND)
        if l & 0x100 != 0 { out |= POLLOUT }                 // Linux POLLWRNORM
        if l & 0x200 != 0 { out |= POLLWRBAND }
        if l & Linux.POLLRDHUP != 0 { out |= POLLRDHUP }
        if out & POLLIN != 0 && requested & POLLINIGNEOF != 0 { out |= POLLINIGNEOF }
        out &= requested | POLLERR | POLLHUP | POLLNVAL
        if out & POLLHUP != 0 { out &= ~POLLOUT }
        return out
    }

    // MARK: kqueue constants

    public static let EVFILT_READ: Int16 = -1, EVFILT_WRITE: Int16 = -2, EVFILT_AIO: Int16 = -3,
        EVFILT_VNODE: Int16 = -4, EVFILT_PROC: Int16 = -5, EVFILT_SIGNAL: Int16 = -6, EVFILT_TIMER: Int16 = -7,
        EVFILT_PROCDESC: Int16 = -8, EVFILT_FS: Int16 = -9, EVFILT_LIO: Int16 = -10, EVFILT_USER: Int16 = -11,
        EVFILT_SENDFILE: Int16 = -12, EVFILT_EMPTY: Int16 = -13
    public static let EVFILT_SYSCOUNT: Int16 = 13

    public static let EV_ADD: UInt16 = 0x1, EV_DELETE: UInt16 = 0x2, EV_ENABLE: UInt16 = 0x4, EV_DISABLE: UInt16 = 0x8,
        EV_ONESHOT: UInt16 = 0x10, EV_CLEAR: UInt16 = 0x20, EV_RECEIPT: UInt16 = 0x40, EV_DISPATCH: UInt16 = 0x80,
        EV_FORCEONESHOT: UInt16 = 0x100, EV_SYSFLAGS: UInt16 = 0xf000, EV_DROP: UInt16 = 0x1000,
        EV_FLAG1: UInt16 = 0x2000, EV_FLAG2: UInt16 = 0x4000, EV_EOF: UInt16 = 0x8000, EV_ERROR: UInt16 = 0x4000

    public static let NOTE_FFNOP: UInt32 = 0, NOTE_FFAND: UInt32 = 0x4000_0000, NOTE_FFOR: UInt32 = 0x8000_0000,
        NOTE_FFCOPY: UInt32 = 0xc000_0000, NOTE_FFCTRLMASK: UInt32 = 0xc000_0000, NOTE_FFLAGSMASK: UInt32 = 0x00ff_ffff,
        NOTE_TRIGGER: UInt32 = 0x0100_0000
    public static let NOTE_LOWAT: UInt32 = 0x1, NOTE_FILE_POLL: UInt32 = 0x2
    public static let NOTE_SECONDS: UInt32 = 0x1, NOTE_MSECONDS: UInt32 = 0x2, NOTE_USECONDS: UInt32 = 0x4,
        NOTE_NSECONDS: UInt32 = 0x8, NOTE_ABSTIME: UInt32 = 0x10
    public static let KQUEUE_CLOEXEC: UInt32 = 0x1

    /// Size of `struct kevent` since FreeBSD 12 and of the FreeBSD 11 one (no `ext`).
    public static let keventSize = 64, kevent11Size = 32

    /// EVFILT_TIMER `data` in the unit its `fflags` select -> nanoseconds; nil for a unit
    /// combination FreeBSD refuses. Large values saturate.
    public static func timerNanoseconds(_ data: Int64, fflags: UInt32) -> Int64? {
        let unit: Int64
        switch fflags & (NOTE_SECONDS | NOTE_MSECONDS | NOTE_USECONDS | NOTE_NSECONDS) {
        case NOTE_SECONDS: unit = 1_000_000_000
        case NOTE_MSECONDS, 0: unit = 1_000_000
        case NOTE_USECONDS: unit = 1_000
        case NOTE_NSECONDS: unit = 1
        default: return nil
        }
        let (v, overflow) = data.multipliedReportingOverflow(by: unit)
        return overflow ? Int64.max : v
    }
}

/// FreeBSD's `struct kevent` (64 bytes: ident, filter, flags, fflags, data, udata, ext[4]);
/// also reads and writes the 32-byte FreeBSD 11 form (freebsd11_kevent, syscall 363).
public struct FreeBSDKevent: Equatable, Sendable {
    public var ident: UInt64
    public var filter: Int16
    public var flags: UInt16
    public var fflags: UInt32
    public var data: Int64
    public var udata: UInt64
    public var ext: [UInt64]

    public init(ident: UInt64, filter: Int16, flags: UInt16, fflags: UInt32 = 0, data: Int64 = 0, udata: UInt64 = 0,
                ext: [UInt64] = [0, 0, 0, 0]) {
        self.ident = ident; self.filter = filter; self.flags = flags; self.fflags = fflags
        self.data = data; self.udata = udata; self.ext = ext
    }

    public init(bytes b: [UInt8], at off: Int = 0, compat11: Bool = false) {
        let size = compat11 ? EventABI.kevent11Size : EventABI.keventSize
        let r = StructReader(bytes: Array(b[off..<(off + size)]))
        ident = r.get(UInt64.self, at: 0)
        filter = r.get(Int16.self, at: 8)
        flags = r.get(UInt16.self, at: 10)
        fflags = r.get(UInt32.self, at: 12)
        data = r.get(Int64.self, at: 16)
        udata = r.get(UInt64.self, at: 24)
        ext = compat11 ? [0, 0, 0, 0] : (0..<4).map { r.get(UInt64.self, at: 32 + $0 * 8) }
    }

    public func bytes(compat11: Bool = false) -> [UInt8] {
        var w = StructWriter(size: compat11 ? EventABI.kevent11Size : EventABI.keventSize)
        w.put(ident, at: 0)
        w.put(filter, at: 8)
        w.put(flags, at: 10)
        w.put(fflags, at: 12)
        w.put(data, at: 16)
        w.put(udata, at: 24)
        if !compat11 { for i in 0..<4 { w.put(ext[i], at: 32 + i * 8) } }
        return w.bytes
    }
}
