import Glibc

/// A FreeBSD errno value, as the guest sees it. Thrown by syscall handlers; built from Linux
/// errno values through the one translation table in this file.
public struct FreeBSDErrno: Error, Equatable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(_ v: Int32) { rawValue = v }

    public static let EPERM = FreeBSDErrno(1), ENOENT = FreeBSDErrno(2), ESRCH = FreeBSDErrno(3),
        EINTR = FreeBSDErrno(4), EIO = FreeBSDErrno(5), ENXIO = FreeBSDErrno(6), E2BIG = FreeBSDErrno(7),
        ENOEXEC = FreeBSDErrno(8), EBADF = FreeBSDErrno(9), ECHILD = FreeBSDErrno(10), EDEADLK = FreeBSDErrno(11),
        ENOMEM = FreeBSDErrno(12), EACCES = FreeBSDErrno(13), EFAULT = FreeBSDErrno(14), EBUSY = FreeBSDErrno(16),
        EEXIST = FreeBSDErrno(17), EXDEV = FreeBSDErrno(18), ENODEV = FreeBSDErrno(19), ENOTDIR = FreeBSDErrno(20),
        EISDIR = FreeBSDErrno(21), EINVAL = FreeBSDErrno(22), ENFILE = FreeBSDErrno(23), EMFILE = FreeBSDErrno(24),
        ENOTTY = FreeBSDErrno(25), EFBIG = FreeBSDErrno(27), ENOSPC = FreeBSDErrno(28), ESPIPE = FreeBSDErrno(29),
        EROFS = FreeBSDErrno(30), EPIPE = FreeBSDErrno(32), ERANGE = FreeBSDErrno(34), EAGAIN = FreeBSDErrno(35),
        EINPROGRESS = FreeBSDErrno(36), ENOTSOCK = FreeBSDErrno(38), EOPNOTSUPP = FreeBSDErrno(45),
        ENAMETOOLONG = FreeBSDErrno(63), ENOTEMPTY = FreeBSDErrno(66), ENOSYS = FreeBSDErrno(78), ETIMEDOUT = FreeBSDErrno(60),
        EOVERFLOW = FreeBSDErrno(84), ECAPMODE = FreeBSDErrno(94)
    /// Kernel-internal: restart the syscall (the arch backs the pc up to the syscall instruction).
    public static let ERESTART = FreeBSDErrno(-1)
    /// Kernel-internal: registers were set by the handler (sigreturn, exec); leave them alone.
    public static let EJUSTRETURN = FreeBSDErrno(-2)

    /// Translates a Linux errno (FreeBSD numbering differs above 34 and at 11).
    public init(linux e: Int32) {
        rawValue = FreeBSDErrno.fromLinux(e)
    }

    /// The current host `errno`, translated.
    public static var host: FreeBSDErrno { FreeBSDErrno(linux: errno) }

    static func fromLinux(_ e: Int32) -> Int32 {
        if e >= 1 && e <= 34 && e != 11 { return e }
        switch e {
        case 11: return 35        // EAGAIN
        case 35: return 11        // EDEADLK
        case 36: return 63        // ENAMETOOLONG
        case 37: return 77        // ENOLCK
        case 38: return 78        // ENOSYS
        case 39: return 66        // ENOTEMPTY
        case 40: return 62        // ELOOP
        case 42: return 83        // ENOMSG
        case 43: return 82        // EIDRM
        case 61: return 87        // ENODATA -> ENOATTR
        case 66: return 71        // EREMOTE
        case 67: return 91        // ENOLINK
        case 71: return 92        // EPROTO
        case 72: return 90        // EMULTIHOP
        case 74: return 89        // EBADMSG
        case 75: return 84        // EOVERFLOW
        case 84: return 86        // EILSEQ
        case 87: return 68        // EUSERS
        case 88: return 38        // ENOTSOCK
        case 89: return 39        // EDESTADDRREQ
        case 90: return 40        // EMSGSIZE
        case 91: return 41        // EPROTOTYPE
        case 92: return 42        // ENOPROTOOPT
        case 93: return 43        // EPROTONOSUPPORT
        case 94: return 44        // ESOCKTNOSUPPORT
        case 95: return 45        // EOPNOTSUPP
        case 96: return 46        // EPFNOSUPPORT
        case 97: return 47        // EAFNOSUPPORT
        case 98: return 48        // EADDRINUSE
        case 99: return 49        // EADDRNOTAVAIL
        case 100: return 50       // ENETDOWN
        case 101: return 51       // ENETUNREACH
        case 102: return 52       // ENETRESET
        case 103: return 53       // ECONNABORTED
        case 104: return 54       // ECONNRESET
        case 105: return 55       // ENOBUFS
        case 106: return 56       // EISCONN
        case 107: return 57       // ENOTCONN
        case 108: return 58       // ESHUTDOWN
        case 109: return 59       // ETOOMANYREFS
        case 110: return 60       // ETIMEDOUT
        case 111: return 61       // ECONNREFUSED
        case 112: return 64       // EHOSTDOWN
        case 113: return 65       // EHOSTUNREACH
        case 114: return 37       // EALREADY
        case 115: return 36       // EINPROGRESS
        case 116: return 70       // ESTALE
        case 122: return 69       // EDQUOT
        case 125: return 85       // ECANCELED
        case 130: return 96       // EOWNERDEAD
        case 131: return 95       // ENOTRECOVERABLE
        case 512...516: return 4  // kernel-internal restart codes seen as EINTR
        default: return 5         // EIO for anything without a FreeBSD counterpart
        }
    }

    static let names: [Int32: String] = [
        1: "EPERM", 2: "ENOENT", 3: "ESRCH", 4: "EINTR", 5: "EIO", 6: "ENXIO", 7: "E2BIG", 8: "ENOEXEC",
        9: "EBADF", 10: "ECHILD", 11: "EDEADLK", 12: "ENOMEM", 13: "EACCES", 14: "EFAULT", 15: "ENOTBLK",
        16: "EBUSY", 17: "EEXIST", 18: "EXDEV", 19: "ENODEV", 20: "ENOTDIR", 21: "EISDIR", 22: "EINVAL",
        23: "ENFILE", 24: "EMFILE", 25: "ENOTTY", 26: "ETXTBSY", 27: "EFBIG", 28: "ENOSPC", 29: "ESPIPE",
        30: "EROFS", 31: "EMLINK", 32: "EPIPE", 33: "EDOM", 34: "ERANGE", 35: "EAGAIN", 36: "EINPROGRESS",
        37: "EALREADY", 38: "ENOTSOCK", 39: "EDESTADDRREQ", 40: "EMSGSIZE", 41: "EPROTOTYPE", 42: "ENOPROTOOPT",
        43: "EPROTONOSUPPORT", 44: "ESOCKTNOSUPPORT", 45: "EOPNOTSUPP", 46: "EPFNOSUPPORT", 47: "EAFNOSUPPORT",
        48: "EADDRINUSE", 49: "EADDRNOTAVAIL", 50: "ENETDOWN", 51: "ENETUNREACH", 52: "ENETRESET",
        53: "ECONNABORTED", 54: "ECONNRESET", 55: "ENOBUFS", 56: "EISCONN", 57: "ENOTCONN", 58: "ESHUTDOWN",
        59: "ETOOMANYREFS", 60: "ETIMEDOUT", 61: "ECONNREFUSED", 62: "ELOOP", 63: "ENAMETOOLONG", 64: "EHOSTDOWN",
        65: "EHOSTUNREACH", 66: "ENOTEMPTY", 67: "EPROCLIM", 68: "EUSERS", 69: "EDQUOT", 70: "ESTALE",
        71: "EREMOTE", 77: "ENOLCK", 78: "ENOSYS", 79: "EFTYPE", 82: "EIDRM", 83: "ENOMSG", 84: "EOVERFLOW",
        85: "ECANCELED", 86: "EILSEQ", 87: "ENOATTR", 88: "EDOOFUS", 89: "EBADMSG", 90: "EMULTIHOP",
        91: "ENOLINK", 92: "EPROTO", 93: "ENOTCAPABLE", 94: "ECAPMODE", 95: "ENOTRECOVERABLE",
        96: "EOWNERDEAD", 97: "EINTEGRITY",
    ]

    public var description: String { FreeBSDErrno.names[rawValue] ?? "errno \(rawValue)" }
}
