/// A FreeBSD siginfo_t (80 bytes on every LP64 architecture): what a handler with SA_SIGINFO
/// receives.
public struct SignalInfo: Sendable, Equatable {
    public var signo: Int32
    public var code: Int32
    public var errno: Int32 = 0
    public var pid: Int32 = 0
    public var uid: UInt32 = 0
    public var status: Int32 = 0
    public var address: UInt64 = 0
    public var value: UInt64 = 0
    public var trapno: Int32 = 0

    public init(signo: Int32, code: Int32, address: UInt64 = 0) {
        self.signo = signo
        self.code = code
        self.address = address
    }

    var bytes: [UInt8] {
        var w = StructWriter(size: 80)
        w.put(signo, at: 0)
        w.put(errno, at: 4)
        w.put(code, at: 8)
        w.put(pid, at: 12)
        w.put(uid, at: 16)
        w.put(status, at: 20)
        w.put(address, at: 24)
        w.put(value, at: 32)
        w.put(trapno, at: 40)
        return w.bytes
    }
}

/// The alternate signal stack (sigaltstack) of a thread.
public struct AlternateStack: Sendable {
    public var base: UInt64 = 0
    public var size: UInt64 = 0
    /// SS_ONSTACK 1, SS_DISABLE 4.
    public var flags: Int32 = 4
    public func contains(_ sp: UInt64) -> Bool { flags & 4 == 0 && sp > base && sp <= base &+ size }
}
