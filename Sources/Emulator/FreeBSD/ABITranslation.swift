import Glibc

/// FreeBSD <-> Linux translation of flags, constants and structures, in one place per area so
/// each table can be unit-tested in both directions.
public enum ABI {
    // MARK: open(2) flags

    static let openFlagPairs: [(UInt32, Int32)] = [
        (0x4, O_NONBLOCK), (0x8, O_APPEND), (0x40, O_ASYNC), (0x80, O_SYNC), (0x100, O_NOFOLLOW),
        (0x200, O_CREAT), (0x400, O_TRUNC), (0x800, O_EXCL), (0x8000, O_NOCTTY), (0x10000, Linux.O_DIRECT),
        (0x20000, O_DIRECTORY), (0x100000, O_CLOEXEC), (0x1000000, O_DSYNC),
    ]
    public static let openExec: UInt32 = 0x40000, openSharedLock: UInt32 = 0x10, openExclusiveLock: UInt32 = 0x20,
        openPath: UInt32 = 0x400000, openEmptyPath: UInt32 = 0x2000000
    /// Bits FreeBSD knows but Linux has no use for here (locking is done separately, O_VERIFY,
    /// O_TTY_INIT, O_RESOLVE_BENEATH).
    static let openIgnored: UInt32 = 0x10 | 0x20 | 0x80000 | 0x200000 | 0x800000

    public static func openFlagsToLinux(_ f: UInt32) -> Int32? {
        var out = Int32(f & 3)
        var rest = f & ~3
        for (b, l) in openFlagPairs where f & b != 0 { out |= l; rest &= ~b }
        if f & openExec != 0 { out = (out & ~3) | Linux.O_PATH; rest &= ~openExec }
        if f & openPath != 0 { out |= Linux.O_PATH; rest &= ~openPath }
        rest &= ~(openIgnored | openEmptyPath)
        return rest == 0 ? out : nil
    }

    public static func openFlagsFromLinux(_ l: Int32) -> UInt32 {
        var out = UInt32(l & 3)
        for (b, lf) in openFlagPairs where l & lf == lf && lf != 0 {
            if lf == O_SYNC && l & O_SYNC != O_SYNC { continue }
            out |= b
        }
        if l & Linux.O_PATH != 0 { out |= openPath }
        // Linux reports O_LARGEFILE on 64-bit: FreeBSD has no such bit.
        return out
    }

    // MARK: *at flags

    public static func atFlagsToLinux(_ f: UInt32) -> Int32? {
        var out: Int32 = 0
        var rest = f
        if f & 0x100 != 0 { out |= AT_EACCESS; rest &= ~0x100 }
        if f & 0x200 != 0 { out |= AT_SYMLINK_NOFOLLOW; rest &= ~0x200 }
        if f & 0x400 != 0 { out |= AT_SYMLINK_FOLLOW; rest &= ~0x400 }
        if f & 0x800 != 0 { out |= AT_REMOVEDIR; rest &= ~0x800 }
        if f & 0x4000 != 0 { out |= Linux.AT_EMPTY_PATH; rest &= ~0x4000 }
        rest &= ~0x2000   // AT_RESOLVE_BENEATH: not enforced
        return rest == 0 ? out : nil
    }

    // MARK: struct stat (224 bytes, sys/sys/stat.h, ino64 layout)

    public static func freeBSDStat(_ s: stat) -> [UInt8] {
        var w = StructWriter(size: 224)
        w.put(UInt64(s.st_dev), at: 0)
        w.put(UInt64(s.st_ino), at: 8)
        w.put(UInt64(s.st_nlink), at: 16)
        w.put(UInt16(truncatingIfNeeded: s.st_mode), at: 24)
        w.put(UInt32(s.st_uid), at: 28)
        w.put(UInt32(s.st_gid), at: 32)
        w.put(UInt64(s.st_rdev), at: 40)
        w.put(Int64(s.st_atim.tv_sec), at: 48); w.put(Int64(s.st_atim.tv_nsec), at: 56)
        w.put(Int64(s.st_mtim.tv_sec), at: 64); w.put(Int64(s.st_mtim.tv_nsec), at: 72)
        w.put(Int64(s.st_ctim.tv_sec), at: 80); w.put(Int64(s.st_ctim.tv_nsec), at: 88)
        // Birth time unknown on this path: FreeBSD reports -1 seconds for "not available".
        w.put(Int64(-1), at: 96); w.put(Int64(0), at: 104)
        w.put(Int64(s.st_size), at: 112)
        w.put(Int64(s.st_blocks), at: 120)
        w.put(Int32(truncatingIfNeeded: s.st_blksize), at: 128)
        return w.bytes
    }

    // MARK: resource limits

    public static func rlimitResourceToLinux(_ r: Int32) -> Int32? {
        switch r {
        case 0...5: return r
        case 6: return 8    // MEMLOCK
        case 7: return 6    // NPROC
        case 8: return 7    // NOFILE
        case 10: return 9   // AS / VMEM
        default: return nil
        }
    }

    static let freeBSDInfinity: UInt64 = 0x7fff_ffff_ffff_ffff
    public static func rlimitValueFromLinux(_ v: UInt64) -> UInt64 { v == UInt64.max || v > freeBSDInfinity ? freeBSDInfinity : v }
    public static func rlimitValueToLinux(_ v: UInt64) -> UInt64 { v >= freeBSDInfinity ? UInt64.max : v }

    // MARK: clocks

    public static func clockToLinux(_ c: Int32) -> clockid_t? {
        switch c {
        case 0, 9: return CLOCK_REALTIME
        case 10: return CLOCK_REALTIME_COARSE
        case 13: return CLOCK_REALTIME_COARSE      // CLOCK_SECOND: seconds are truncated by the caller
        case 4, 11: return CLOCK_MONOTONIC
        case 12: return CLOCK_MONOTONIC_COARSE
        case 5, 7: return CLOCK_BOOTTIME           // UPTIME, UPTIME_PRECISE
        case 8: return CLOCK_BOOTTIME              // UPTIME_FAST
        case 1: return CLOCK_PROCESS_CPUTIME_ID    // VIRTUAL: user CPU time of the process
        case 2: return CLOCK_PROCESS_CPUTIME_ID    // PROF
        case 14: return CLOCK_THREAD_CPUTIME_ID
        case 15: return CLOCK_PROCESS_CPUTIME_ID
        default: return nil
        }
    }

    // MARK: termios (struct termios 44 bytes; sys/sys/_termios.h)

    static let iflagPairs: [(UInt32, UInt32)] = [(0x1, 0o1), (0x2, 0o2), (0x4, 0o4), (0x8, 0o10), (0x10, 0o20),
        (0x20, 0o40), (0x40, 0o100), (0x80, 0o200), (0x100, 0o400), (0x200, 0o2000), (0x400, 0o10000),
        (0x800, 0o4000), (0x2000, 0o20000)]
    static let oflagPairs: [(UInt32, UInt32)] = [(0x1, 0o1), (0x2, 0o4), (0x10, 0o10), (0x20, 0o20), (0x40, 0o40)]
    static let lflagPairs: [(UInt32, UInt32)] = [(0x1, 0o4000), (0x2, 0o20), (0x4, 0o40), (0x8, 0o10), (0x10, 0o100),
        (0x20, 0o2000), (0x40, 0o1000), (0x80, 0o1), (0x100, 0o2), (0x400, 0o100000), (0x800, 0o200000),
        (0x400000, 0o400), (0x800000, 0o10000), (0x20000000, 0o40000), (0x80000000, 0o200)]
    /// FreeBSD c_cc index -> Linux c_cc index.
    static let ccPairs: [(Int, Int)] = [(0, 4), (1, 11), (2, 16), (3, 2), (4, 14), (5, 3), (6, 12), (8, 0), (9, 1),
        (10, 10), (12, 8), (13, 9), (14, 15), (15, 13), (16, 6), (17, 5)]

    static func mapBits(_ v: UInt32, _ pairs: [(UInt32, UInt32)], toLinux: Bool) -> UInt32 {
        var out: UInt32 = 0
        for (f, l) in pairs {
            if toLinux { if v & f != 0 { out |= l } } else { if v & l != 0 { out |= f } }
        }
        return out
    }

    static func cflagToLinux(_ c: UInt32) -> UInt32 {
        var out: UInt32 = ((c >> 8) & 3) << 4          // CSIZE
        if c & 0x400 != 0 { out |= 0o100 }              // CSTOPB
        if c & 0x800 != 0 { out |= 0o200 }              // CREAD
        if c & 0x1000 != 0 { out |= 0o400 }             // PARENB
        if c & 0x2000 != 0 { out |= 0o1000 }            // PARODD
        if c & 0x4000 != 0 { out |= 0o2000 }            // HUPCL
        if c & 0x8000 != 0 { out |= 0o4000 }            // CLOCAL
        return out
    }

    static func cflagFromLinux(_ l: UInt32) -> UInt32 {
        var out: UInt32 = ((l >> 4) & 3) << 8
        if l & 0o100 != 0 { out |= 0x400 }
        if l & 0o200 != 0 { out |= 0x800 }
        if l & 0o400 != 0 { out |= 0x1000 }
        if l & 0o1000 != 0 { out |= 0x2000 }
        if l & 0o2000 != 0 { out |= 0x4000 }
        if l & 0o4000 != 0 { out |= 0x8000 }
        return out
    }

    static let baudCodes: [(UInt32, UInt32)] = [(0, 0), (50, 1), (75, 2), (110, 3), (134, 4), (150, 5), (200, 6),
        (300, 7), (600, 8), (1200, 9), (1800, 10), (2400, 11), (4800, 12), (9600, 13), (19200, 14), (38400, 15),
        (57600, 0o10001), (115200, 0o10002), (230400, 0o10003), (460800, 0o10004)]

    /// Linux kernel struct termios (36 bytes: 4 flags, c_line, 19 c_cc) -> FreeBSD (44 bytes).
    public static func termiosFromLinux(_ l: [UInt8]) -> [UInt8] {
        let r = StructReader(bytes: l)
        var w = StructWriter(size: 44)
        let cflag = r.get(UInt32.self, at: 8)
        w.put(mapBits(r.get(UInt32.self, at: 0), iflagPairs, toLinux: false), at: 0)
        w.put(mapBits(r.get(UInt32.self, at: 4), oflagPairs, toLinux: false), at: 4)
        w.put(cflagFromLinux(cflag), at: 8)
        w.put(mapBits(r.get(UInt32.self, at: 12), lflagPairs, toLinux: false), at: 12)
        for (f, li) in ccPairs { w.bytes[16 + f] = l[17 + li] }
        w.bytes[16 + 7] = 0xff; w.bytes[16 + 11] = 0xff; w.bytes[16 + 18] = 0xff  // VERASE2, VSTATUS, spare: _POSIX_VDISABLE
        let code = cflag & 0o10017
        let speed = baudCodes.first { $0.1 == code }?.0 ?? 38400
        w.put(speed, at: 36)
        w.put(speed, at: 40)
        return w.bytes
    }

    public static func termiosToLinux(_ f: [UInt8]) -> [UInt8] {
        let r = StructReader(bytes: f)
        var w = StructWriter(size: 36)
        let speed = r.get(UInt32.self, at: 40)
        let code = baudCodes.first { $0.0 == speed }?.1 ?? 0o17
        w.put(mapBits(r.get(UInt32.self, at: 0), iflagPairs, toLinux: true), at: 0)
        w.put(mapBits(r.get(UInt32.self, at: 4), oflagPairs, toLinux: true), at: 4)
        w.put(cflagToLinux(r.get(UInt32.self, at: 8)) | code, at: 8)
        w.put(mapBits(r.get(UInt32.self, at: 12), lflagPairs, toLinux: true), at: 12)
        for (fi, li) in ccPairs { w.bytes[17 + li] = f[16 + fi] }
        return w.bytes
    }
}
