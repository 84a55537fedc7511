import Foundation

/// The guest addresses and the state-space layout shared with the native runner; mirrors
/// Tests/oracle/oracle-layout.h (change both together).
enum OracleLayout {
    static let scratchBase: UInt64 = 0x10_0000_0000
    static let scratchSize = 0x4000
    static let windowBase: UInt64 = scratchBase + 0x1000
    static let windowSize = 0x200
    static let codeBase: UInt64 = 0x10_0010_0000
    static let codeSize = 0x1000

    // Offsets in the state space.
    static let gpr = 0x0
    static let rflags = 0x80
    static let rip = 0x88
    static let mxcsr = 0x90
    static let xmm = 0x100
    static let memory = 0x1000
    static let stateSize = memory + scratchSize

    static let gprNames = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                           "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]
}

/// splitmix64, the generator the native runner's seed_fill() uses for the bulk of each input.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// One machine state in the oracle's byte layout (registers, then the scratch memory), as the
/// native runner describes inputs and outputs. Owns its bytes; copied only on purpose.
final class OracleState {
    let bytes: UnsafeMutableRawPointer

    init() {
        bytes = .allocate(byteCount: OracleLayout.stateSize, alignment: 16)
        bytes.initializeMemory(as: UInt8.self, repeating: 0, count: OracleLayout.stateSize)
    }
    deinit { bytes.deallocate() }

    func copy(from other: OracleState) {
        bytes.copyMemory(from: other.bytes, byteCount: OracleLayout.stateSize)
    }

    /// The deterministic part of an input: the same as native-runner.c's seed_fill().
    func seedFill(_ seed: UInt64) {
        bytes.initializeMemory(as: UInt8.self, repeating: 0, count: OracleLayout.stateSize)
        var g = SplitMix64(state: seed)
        for i in 0..<16 { bytes.storeBytes(of: g.next(), toByteOffset: OracleLayout.gpr + 8 * i, as: UInt64.self) }
        for i in 0..<32 { bytes.storeBytes(of: g.next(), toByteOffset: OracleLayout.xmm + 8 * i, as: UInt64.self) }
        let window = OracleLayout.memory + Int(OracleLayout.windowBase - OracleLayout.scratchBase)
        for i in 0..<(OracleLayout.windowSize / 8) {
            bytes.storeBytes(of: g.next(), toByteOffset: window + 8 * i, as: UInt64.self)
        }
        bytes.storeBytes(of: UInt64(0x202), toByteOffset: OracleLayout.rflags, as: UInt64.self)
        bytes.storeBytes(of: UInt32(0x1f80), toByteOffset: OracleLayout.mxcsr, as: UInt32.self)
    }

    func gpr(_ i: Int) -> UInt64 { bytes.load(fromByteOffset: OracleLayout.gpr + 8 * i, as: UInt64.self) }
    func setGPR(_ i: Int, _ v: UInt64) { bytes.storeBytes(of: v, toByteOffset: OracleLayout.gpr + 8 * i, as: UInt64.self) }
    var rflags: UInt64 {
        get { bytes.load(fromByteOffset: OracleLayout.rflags, as: UInt64.self) }
        set { bytes.storeBytes(of: newValue, toByteOffset: OracleLayout.rflags, as: UInt64.self) }
    }
    var rip: UInt64 {
        get { bytes.load(fromByteOffset: OracleLayout.rip, as: UInt64.self) }
        set { bytes.storeBytes(of: newValue, toByteOffset: OracleLayout.rip, as: UInt64.self) }
    }
    var mxcsr: UInt32 {
        get { bytes.load(fromByteOffset: OracleLayout.mxcsr, as: UInt32.self) }
        set { bytes.storeBytes(of: newValue, toByteOffset: OracleLayout.mxcsr, as: UInt32.self) }
    }
    func xmmLow(_ i: Int) -> UInt64 { bytes.load(fromByteOffset: OracleLayout.xmm + 16 * i, as: UInt64.self) }
    func xmmHigh(_ i: Int) -> UInt64 { bytes.load(fromByteOffset: OracleLayout.xmm + 16 * i + 8, as: UInt64.self) }
    func setXMM(_ i: Int, low: UInt64, high: UInt64) {
        bytes.storeBytes(of: low, toByteOffset: OracleLayout.xmm + 16 * i, as: UInt64.self)
        bytes.storeBytes(of: high, toByteOffset: OracleLayout.xmm + 16 * i + 8, as: UInt64.self)
    }
    /// Host pointer to the state's copy of the scratch area.
    var memory: UnsafeMutableRawPointer { bytes + OracleLayout.memory }
    func memoryByte(_ addr: UInt64) -> UInt8 {
        bytes.load(fromByteOffset: OracleLayout.memory + Int(addr - OracleLayout.scratchBase), as: UInt8.self)
    }
}

/// How one run of a form ended, in the native runner's words: "ok" or a signal name.
typealias OracleOutcome = String

/// One line of the native runner's output, decoded as far as the comparison needs; patches
/// stay as byte ranges of the output text and are applied with `apply(_:to:)`.
struct OracleRecord {
    var seed: UInt64
    var definedFlags: UInt64
    var inputPatches: Range<Int>
    var outcome: OracleOutcome
    var outputPatches: Range<Int>
}

/// Reads the native runner's line format (see the comment at the top of native-runner.c).
struct OracleOutputReader {
    /// What one line says.
    enum Line {
        case header(records: Int, seed: UInt64)
        case form(name: String, family: Int, bytes: [UInt8])
        case record(OracleRecord)
    }
    /// A line the reader does not understand (the runner and the reader disagree on the format).
    struct FormatError: Error, CustomStringConvertible {
        var line: String
        var description: String { "malformed native-runner line: \(line)" }
    }

    let text: UnsafeBufferPointer<UInt8>
    private var pos = 0

    init(text: UnsafeBufferPointer<UInt8>) { self.text = text }

    mutating func next() throws -> Line? {
        while pos < text.count {
            let start = pos
            while pos < text.count && text[pos] != 0x0A { pos += 1 }
            let end = pos
            pos += 1
            if end == start { continue }
            var fields: [Range<Int>] = []
            var i = start
            while i < end {
                var j = i
                while j < end && text[j] != 0x20 { j += 1 }
                fields.append(i..<j)
                i = j + 1
            }
            let bad = FormatError(line: string(start..<end))
            switch text[start] {
            case UInt8(ascii: "O"):
                guard fields.count == 4, let n = hex(fields[2]), let s = hex(fields[3]) else { throw bad }
                return .header(records: Int(n), seed: s)
            case UInt8(ascii: "F"):
                guard fields.count >= 3, let fam = hex(fields[2]) else { throw bad }
                var code: [UInt8] = []
                if fields.count > 3 {
                    let r = fields[3]
                    var k = r.lowerBound
                    while k + 1 < r.upperBound {
                        guard let b = OracleOutputReader.byte(text[k], text[k + 1]) else { throw bad }
                        code.append(b)
                        k += 2
                    }
                }
                return .form(name: string(fields[1]), family: Int(fam), bytes: code)
            case UInt8(ascii: "R"):
                guard fields.count == 6, let seed = hex(fields[1]), let mask = hex(fields[2]) else { throw bad }
                return .record(OracleRecord(seed: seed, definedFlags: mask, inputPatches: fields[3],
                                            outcome: string(fields[4]), outputPatches: fields[5]))
            default:
                throw bad
            }
        }
        return nil
    }

    func string(_ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[r]), as: UTF8.self)
    }

    func hex(_ r: Range<Int>) -> UInt64? {
        guard !r.isEmpty, r.count <= 16 else { return nil }
        var v: UInt64 = 0
        for k in r {
            guard let d = OracleOutputReader.digit(text[k]) else { return nil }
            v = v << 4 | UInt64(d)
        }
        return v
    }

    @inline(__always) static func digit(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }
    @inline(__always) static func byte(_ hi: UInt8, _ lo: UInt8) -> UInt8? {
        guard let h = digit(hi), let l = digit(lo) else { return nil }
        return h << 4 | l
    }

    /// Applies OFFSET=BYTES,... patches (or "-") to a state. Returns false if malformed.
    func apply(_ patches: Range<Int>, to state: OracleState) -> Bool {
        if patches.count == 1 && text[patches.lowerBound] == UInt8(ascii: "-") { return true }
        var k = patches.lowerBound
        let end = patches.upperBound
        while k < end {
            var offset = 0
            while k < end && text[k] != UInt8(ascii: "=") {
                guard let d = OracleOutputReader.digit(text[k]) else { return false }
                offset = offset << 4 | Int(d)
                k += 1
            }
            k += 1
            while k + 1 < end && text[k] != UInt8(ascii: ",") {
                guard let b = OracleOutputReader.byte(text[k], text[k + 1]), offset < OracleLayout.stateSize else { return false }
                state.bytes.storeBytes(of: b, toByteOffset: offset, as: UInt8.self)
                offset += 1
                k += 2
            }
            k += 1
        }
        return true
    }
}
