import Glibc

/// FreeBSD signal numbers, names, default actions, and the mapping to Linux signals (used when
/// the emulator must die by the guest's signal, and for signals arriving from outside).
public enum FreeBSDSignal {
    public static let SIGHUP: Int32 = 1, SIGINT: Int32 = 2, SIGQUIT: Int32 = 3, SIGILL: Int32 = 4,
        SIGTRAP: Int32 = 5, SIGABRT: Int32 = 6, SIGEMT: Int32 = 7, SIGFPE: Int32 = 8, SIGKILL: Int32 = 9,
        SIGBUS: Int32 = 10, SIGSEGV: Int32 = 11, SIGSYS: Int32 = 12, SIGPIPE: Int32 = 13, SIGALRM: Int32 = 14,
        SIGTERM: Int32 = 15, SIGURG: Int32 = 16, SIGSTOP: Int32 = 17, SIGTSTP: Int32 = 18, SIGCONT: Int32 = 19,
        SIGCHLD: Int32 = 20, SIGTTIN: Int32 = 21, SIGTTOU: Int32 = 22, SIGIO: Int32 = 23, SIGXCPU: Int32 = 24,
        SIGXFSZ: Int32 = 25, SIGVTALRM: Int32 = 26, SIGPROF: Int32 = 27, SIGWINCH: Int32 = 28, SIGINFO: Int32 = 29,
        SIGUSR1: Int32 = 30, SIGUSR2: Int32 = 31, SIGTHR: Int32 = 32, SIGLIBRT: Int32 = 33
    public static let maxSignal: Int32 = 128

    static let names: [String] = ["0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGEMT",
        "SIGFPE", "SIGKILL", "SIGBUS", "SIGSEGV", "SIGSYS", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGURG", "SIGSTOP",
        "SIGTSTP", "SIGCONT", "SIGCHLD", "SIGTTIN", "SIGTTOU", "SIGIO", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
        "SIGPROF", "SIGWINCH", "SIGINFO", "SIGUSR1", "SIGUSR2", "SIGTHR", "SIGLIBRT"]

    public static func name(_ s: Int32) -> String {
        if s > 0 && Int(s) < names.count { return names[Int(s)] }
        if s >= 65 && s <= 126 { return "SIGRTMIN+\(s - 65)" }
        return "signal \(s)"
    }

    /// The Linux signal with the same meaning (FreeBSD-only signals map to the nearest one with
    /// the same default action).
    public static func toLinux(_ s: Int32) -> Int32 {
        switch s {
        case 1...6, 8, 9, 11, 13, 14, 15, 21, 22, 24...28: return s
        case SIGEMT: return Glibc.SIGBUS
        case SIGBUS: return Glibc.SIGBUS
        case SIGSYS: return Glibc.SIGSYS
        case SIGURG: return Glibc.SIGURG
        case SIGSTOP: return Glibc.SIGSTOP
        case SIGTSTP: return Glibc.SIGTSTP
        case SIGCONT: return Glibc.SIGCONT
        case SIGCHLD: return Glibc.SIGCHLD
        case SIGIO: return Glibc.SIGIO
        case SIGINFO: return Glibc.SIGWINCH
        case SIGUSR1: return Glibc.SIGUSR1
        case SIGUSR2: return Glibc.SIGUSR2
        case 65...126: return min(Int32(34) + (s - 65), 64)
        default: return Glibc.SIGTERM
        }
    }

    /// The FreeBSD signal for a Linux one (signals arriving from outside the emulator).
    public static func fromLinux(_ s: Int32) -> Int32? {
        for f in Int32(1)...33 where toLinux(f) == s && f != SIGEMT && f != SIGINFO { return f }
        if s >= 34 && s <= 64 { return 65 + (s - 34) }
        return nil
    }

    public enum DefaultAction { case terminate, terminateCore, ignore, stop, resume }

    public static func defaultAction(_ s: Int32) -> DefaultAction {
        switch s {
        case SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGEMT, SIGFPE, SIGBUS, SIGSEGV, SIGSYS: return .terminateCore
        case SIGURG, SIGCHLD, SIGIO, SIGWINCH, SIGINFO, SIGTHR, SIGLIBRT: return .ignore
        case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: return .stop
        case SIGCONT: return .resume
        default: return .terminate
        }
    }
}

/// FreeBSD si_code values (sys/sys/signal.h).
public enum SignalCode {
    public static let user: Int32 = 0x10001, queue: Int32 = 0x10002, lwp: Int32 = 0x10007, kernel: Int32 = 0x10006
    public static let illOpcode: Int32 = 1, illPrivilegedOpcode: Int32 = 5
    public static let busAlignment: Int32 = 1, busAddress: Int32 = 2, busObject: Int32 = 3
    public static let segvMapping: Int32 = 1, segvAccess: Int32 = 2
    public static let fpeIntegerDivide: Int32 = 2
    public static let trapBreakpoint: Int32 = 1, trapTrace: Int32 = 2
}

/// A 128-bit FreeBSD signal set: signal n is bit n-1.
public struct SignalSet: Equatable, Sendable {
    public var bits: (UInt64, UInt64) = (0, 0)
    public init() {}
    public init(words: [UInt32]) {
        bits = (UInt64(words[0]) | UInt64(words[1]) << 32, UInt64(words[2]) | UInt64(words[3]) << 32)
    }
    public var words: [UInt32] {
        [UInt32(truncatingIfNeeded: bits.0), UInt32(bits.0 >> 32), UInt32(truncatingIfNeeded: bits.1), UInt32(bits.1 >> 32)]
    }
    public func contains(_ s: Int32) -> Bool {
        let i = Int(s - 1)
        return i < 64 ? bits.0 & (1 << UInt64(i)) != 0 : bits.1 & (1 << UInt64(i - 64)) != 0
    }
    public mutating func insert(_ s: Int32) {
        let i = Int(s - 1)
        if i < 64 { bits.0 |= 1 << UInt64(i) } else { bits.1 |= 1 << UInt64(i - 64) }
    }
    public mutating func remove(_ s: Int32) {
        let i = Int(s - 1)
        if i < 64 { bits.0 &= ~(1 << UInt64(i)) } else { bits.1 &= ~(1 << UInt64(i - 64)) }
    }
    public mutating func formUnion(_ o: SignalSet) { bits.0 |= o.bits.0; bits.1 |= o.bits.1 }
    public mutating func subtract(_ o: SignalSet) { bits.0 &= ~o.bits.0; bits.1 &= ~o.bits.1 }
    public static func == (a: SignalSet, b: SignalSet) -> Bool { a.bits == b.bits }
    /// SIGKILL and SIGSTOP can never be blocked.
    public mutating func dropUnblockable() { remove(FreeBSDSignal.SIGKILL); remove(FreeBSDSignal.SIGSTOP) }
}

/// A signal disposition as sigaction(2) records it (struct sigaction: handler, flags, mask).
public struct SignalAction: Sendable {
    public var handler: UInt64 = 0     // SIG_DFL 0, SIG_IGN 1
    public var flags: Int32 = 0
    public var mask = SignalSet()
    public static let SA_ONSTACK: Int32 = 1, SA_RESTART: Int32 = 2, SA_RESETHAND: Int32 = 4,
        SA_NOCLDSTOP: Int32 = 8, SA_NODEFER: Int32 = 16, SA_NOCLDWAIT: Int32 = 32, SA_SIGINFO: Int32 = 64
    public var isDefault: Bool { handler == 0 }
    public var isIgnored: Bool { handler == 1 }
}
