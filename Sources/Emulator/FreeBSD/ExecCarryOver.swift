/// What a FreeBSD process keeps across execve that a fresh emulator cannot learn from the host:
/// the calling thread's signal mask and pending signals, which signals are ignored (FreeBSD's
/// own numbering, including those Linux lacks), the emulator's log descriptor, the login
/// name, the RLIMIT_STACK the guest set, procctl settings. execve re-executes the emulator and
/// hands this over in one internal option (`-exec-state`), which the new emulator reads and
/// drops before the guest sees its arguments.
public struct ExecCarryOver: Sendable, Equatable {
    public var signalMask = SignalSet()
    public var pendingSignals = SignalSet()
    public var ignoredSignals = SignalSet()
    /// The -D log file, already open (appended to, not truncated).
    public var logDescriptor: Int32? = nil
    /// A descriptor the new emulator closes once the program is loaded (fexecve's image).
    public var closeDescriptor: Int32? = nil
    /// AT_EXECPATH when the program path is not the real name (fexecve).
    public var executablePath: String? = nil
    public var login: String? = nil
    public var stackLimit: UInt64? = nil
    public var control = ProcessControlState()
    /// Positions in the environment of guest variables renamed so the host's dynamic loader and
    /// libc leave them alone (LD_*, GLIBC_TUNABLES): the guest's, not the emulator's.
    public var renamedEnvironment: [Int] = []

    public init() {}

    /// The option name on the emulator's command line.
    public static let option = "-exec-state"

    /// key=value pairs separated by commas; sets as 32 hex digits, strings hex-encoded.
    public var encoded: String {
        var parts: [String] = []
        func set(_ s: SignalSet) -> String { ExecCarryOver.hex64(s.bits.1) + ExecCarryOver.hex64(s.bits.0) }
        parts.append("mask=" + set(signalMask))
        if pendingSignals != SignalSet() { parts.append("pending=" + set(pendingSignals)) }
        if ignoredSignals != SignalSet() { parts.append("ignore=" + set(ignoredSignals)) }
        if let f = logDescriptor { parts.append("log=\(f)") }
        if let f = closeDescriptor { parts.append("close=\(f)") }
        if let p = executablePath { parts.append("path=" + ExecCarryOver.hexString(p)) }
        if let l = login { parts.append("login=" + ExecCarryOver.hexString(l)) }
        if let s = stackLimit { parts.append("stack=\(s)") }
        if control != ProcessControlState() { parts.append("control=" + control.encoded) }
        if !renamedEnvironment.isEmpty { parts.append("renamed=" + renamedEnvironment.map(String.init).joined(separator: ":")) }
        return parts.joined(separator: ",")
    }

    public init?(encoded: String) {
        for part in encoded.split(separator: ",") {
            guard let eq = part.firstIndex(of: "=") else { return nil }
            let key = part[..<eq], value = String(part[part.index(after: eq)...])
            switch key {
            case "mask": guard let s = ExecCarryOver.set(value) else { return nil }; signalMask = s
            case "pending": guard let s = ExecCarryOver.set(value) else { return nil }; pendingSignals = s
            case "ignore": guard let s = ExecCarryOver.set(value) else { return nil }; ignoredSignals = s
            case "log": guard let f = Int32(value) else { return nil }; logDescriptor = f
            case "close": guard let f = Int32(value) else { return nil }; closeDescriptor = f
            case "path": guard let p = ExecCarryOver.unhex(value) else { return nil }; executablePath = p
            case "login": guard let l = ExecCarryOver.unhex(value) else { return nil }; login = l
            case "stack": guard let s = UInt64(value) else { return nil }; stackLimit = s
            case "control": guard let c = ProcessControlState(encoded: value) else { return nil }; control = c
            case "renamed":
                let list = value.split(separator: ":").compactMap { Int($0) }
                guard list.count == value.split(separator: ":").count else { return nil }
                renamedEnvironment = list
            default: return nil
            }
        }
    }

    /// What the host would take as its own in a new emulator's environment.
    static let hostOwnedPrefixes = ["LD_", "GLIBC_TUNABLES="]
    static let renamePrefix = "BSD_USER_GDB_GUEST_"

    /// The real environment for the new emulator: the guest's, with host-owned variables renamed;
    /// their positions go into `renamedEnvironment`.
    public static func hostEnvironment(forGuest env: [String]) -> (environment: [String], renamed: [Int]) {
        var out = env, renamed: [Int] = []
        for (i, e) in env.enumerated() where hostOwnedPrefixes.contains(where: { e.hasPrefix($0) }) {
            out[i] = renamePrefix + e
            renamed.append(i)
        }
        return (out, renamed)
    }

    /// The guest's environment back from the one the emulator was started with.
    public func guestEnvironment(from env: [String]) -> [String] {
        var out = env
        for i in renamedEnvironment where i >= 0 && i < out.count && out[i].hasPrefix(ExecCarryOver.renamePrefix) {
            out[i] = String(out[i].dropFirst(ExecCarryOver.renamePrefix.count))
        }
        return out
    }

    static func hex64(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    static func set(_ s: String) -> SignalSet? {
        guard s.count == 32, let hi = UInt64(s.prefix(16), radix: 16), let lo = UInt64(s.suffix(16), radix: 16) else { return nil }
        var set = SignalSet()
        set.bits = (lo, hi)
        return set
    }

    static func hexString(_ s: String) -> String {
        s.utf8.map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined()
    }

    static func unhex(_ s: String) -> String? {
        guard s.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var i = s.startIndex
        while i < s.endIndex {
            let j = s.index(i, offsetBy: 2)
            guard let b = UInt8(s[i..<j], radix: 16) else { return nil }
            bytes.append(b)
            i = j
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
