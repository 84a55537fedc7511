import XCTest
import Glibc
import CHost
@testable import Emulator

/// Register state the SSE tests give to both the interpreter and the host CPU.
struct SSEMachineState: Equatable {
    /// Low and high halves of XMM0...XMM15.
    var xmm = [UInt64](repeating: 0, count: 32)
    var gpr = [UInt64](repeating: 0, count: 16)
    var mxcsr: UInt32 = 0x1f80
    /// Arithmetic flags (plus the always-one bit).
    var rflags: UInt64 = 0x2

    static let arithmeticFlags: UInt64 = 0x8D5
    /// GPRs the tests may use as operands (rsp holds the stack, rdi the host state pointer).
    static let usableGPRs = [0, 1, 2, 3, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15]

    /// Differences against `other`, for failure messages (empty when equal).
    func differences(_ other: SSEMachineState) -> [String] {
        var out: [String] = []
        for i in 0..<16 where xmm[2 * i] != other.xmm[2 * i] || xmm[2 * i + 1] != other.xmm[2 * i + 1] {
            out.append("xmm\(i): \(hex(xmm[2 * i + 1]))_\(hex(xmm[2 * i])) vs \(hex(other.xmm[2 * i + 1]))_\(hex(other.xmm[2 * i]))")
        }
        for i in SSEMachineState.usableGPRs where gpr[i] != other.gpr[i] {
            out.append("gpr\(i): \(hex(gpr[i])) vs \(hex(other.gpr[i]))")
        }
        if mxcsr != other.mxcsr { out.append("mxcsr: \(hex(UInt64(mxcsr))) vs \(hex(UInt64(other.mxcsr)))") }
        let f = SSEMachineState.arithmeticFlags
        if rflags & f != other.rflags & f {
            out.append("flags: \(hex(rflags & f)) vs \(hex(other.rflags & f))")
        }
        return out
    }
}

fileprivate func hex(_ v: UInt64) -> String { String(v, radix: 16) }
fileprivate func hexBytes(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined(separator: " ") }

/// Runs one instruction natively: a stub in an executable page loads the state, executes the
/// instruction, and stores the state back. The host CPU is the oracle.
final class SSEHostOracle {
    let code: UnsafeMutableRawPointer
    let state: UnsafeMutableRawPointer
    static let xmmOffset = 0, gprOffset = 256, mxcsrOffset = 384, flagsOffset = 392, hostMXCSROffset = 400

    init() {
        let p = mmap(nil, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        precondition(p != MAP_FAILED)
        code = p!
        state = .allocate(byteCount: 512, alignment: 16)
    }

    deinit {
        munmap(code, 4096)
        state.deallocate()
    }

    static func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    static func stub(_ insn: [UInt8]) -> [UInt8] {
        var c: [UInt8] = [0x53, 0x55, 0x41, 0x54, 0x41, 0x55, 0x41, 0x56, 0x41, 0x57, 0x57]  // push rbx...r15, rdi
        c += [0x0F, 0xAE, 0x97] + le32(mxcsrOffset)                          // ldmxcsr [rdi+384]
        for n in 0..<16 {                                                    // movdqu xmmN, [rdi+16N]
            c += [0xF3] + (n >= 8 ? [0x44] : []) + [0x0F, 0x6F, UInt8(0x80 | (n & 7) << 3 | 7)] + le32(16 * n)
        }
        c += [0xFF, 0xB7] + le32(flagsOffset) + [0x9D]                        // push [rdi+392]; popfq
        for n in SSEMachineState.usableGPRs {                                // mov rN, [rdi+256+8N]
            c += [UInt8(0x48 | (n >= 8 ? 4 : 0)), 0x8B, UInt8(0x80 | (n & 7) << 3 | 7)] + le32(gprOffset + 8 * n)
        }
        c += insn
        for n in SSEMachineState.usableGPRs {                                // mov [rdi+256+8N], rN
            c += [UInt8(0x48 | (n >= 8 ? 4 : 0)), 0x89, UInt8(0x80 | (n & 7) << 3 | 7)] + le32(gprOffset + 8 * n)
        }
        c += [0x9C, 0x8F, 0x87] + le32(flagsOffset)                          // pushfq; pop [rdi+392]
        c += [0x0F, 0xAE, 0x9F] + le32(mxcsrOffset)                          // stmxcsr [rdi+384]
        for n in 0..<16 {                                                    // movdqu [rdi+16N], xmmN
            c += [0xF3] + (n >= 8 ? [0x44] : []) + [0x0F, 0x7F, UInt8(0x80 | (n & 7) << 3 | 7)] + le32(16 * n)
        }
        c += [0x0F, 0xAE, 0x97] + le32(hostMXCSROffset)                      // ldmxcsr [rdi+400]
        c += [0x5F, 0x41, 0x5F, 0x41, 0x5E, 0x41, 0x5D, 0x41, 0x5C, 0x5D, 0x5B, 0xC3]
        return c
    }

    func load(_ insn: [UInt8]) {
        let s = SSEHostOracle.stub(insn)
        s.withUnsafeBytes { code.copyMemory(from: $0.baseAddress!, byteCount: s.count) }
    }

    /// Runs the instruction last given to `load`.
    func run(_ s: SSEMachineState) -> SSEMachineState {
        for i in 0..<32 { state.storeBytes(of: s.xmm[i], toByteOffset: i * 8, as: UInt64.self) }
        for i in 0..<16 { state.storeBytes(of: s.gpr[i], toByteOffset: SSEHostOracle.gprOffset + i * 8, as: UInt64.self) }
        state.storeBytes(of: s.mxcsr, toByteOffset: SSEHostOracle.mxcsrOffset, as: UInt32.self)
        state.storeBytes(of: s.rflags, toByteOffset: SSEHostOracle.flagsOffset, as: UInt64.self)
        state.storeBytes(of: UInt32(0x1f80), toByteOffset: SSEHostOracle.hostMXCSROffset, as: UInt32.self)
        let f = unsafeBitCast(code, to: (@convention(c) (UnsafeMutableRawPointer) -> Void).self)
        f(state)
        var out = s
        for i in 0..<32 { out.xmm[i] = state.load(fromByteOffset: i * 8, as: UInt64.self) }
        for i in 0..<16 { out.gpr[i] = state.load(fromByteOffset: SSEHostOracle.gprOffset + i * 8, as: UInt64.self) }
        out.mxcsr = state.load(fromByteOffset: SSEHostOracle.mxcsrOffset, as: UInt32.self)
        out.rflags = state.load(fromByteOffset: SSEHostOracle.flagsOffset, as: UInt64.self)
        return out
    }
}

/// The interpreter with code at 0x10000 and two data pages at 0x20000 (0x22000 is unmapped).
final class SSEGuestMachine {
    let space = AddressSpace()
    let mmu: MMU
    let cpu: X86CPU
    static let code: UInt64 = 0x10000
    static let data: UInt64 = 0x20000

    init() throws {
        mmu = MMU(space: space)
        cpu = X86CPU(mmu: mmu)
        _ = try space.map(.fixed(SSEGuestMachine.code), length: 0x1000, protection: .rwx)
        _ = try space.map(.fixed(SSEGuestMachine.data), length: 0x2000, protection: .rw)
    }

    func load(_ insn: [UInt8]) throws {
        try space.write(SSEGuestMachine.code, insn + [0xCC])
    }

    func set(_ s: SSEMachineState) {
        for i in 0..<16 { cpu.setXMM(i, low: s.xmm[2 * i], high: s.xmm[2 * i + 1]) }
        for i in 0..<16 { cpu[GPR(rawValue: i)!] = s.gpr[i] }
        cpu.mxcsr = s.mxcsr
        cpu.rflags = s.rflags
    }

    func get() -> SSEMachineState {
        var s = SSEMachineState()
        for i in 0..<16 { s.xmm[2 * i] = cpu.xmmLow64(i); s.xmm[2 * i + 1] = cpu.xmmHigh64(i) }
        for i in 0..<16 { s.gpr[i] = cpu[GPR(rawValue: i)!] }
        s.mxcsr = cpu.mxcsr
        s.rflags = cpu.rflags
        return s
    }

    /// Runs the loaded instruction from state `s`; the exit and the resulting state.
    func run(_ s: SSEMachineState) -> (ExitReason, SSEMachineState) {
        set(s)
        cpu.rip = SSEGuestMachine.code
        let r = cpu.run()
        return (r, get())
    }
}

/// A small deterministic generator (SplitMix64).
struct SSETestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Interesting operand values: signed zeros, denormals, infinities, quiet and signalling NaNs with
/// payloads, integer-conversion boundaries, values that round differently per mode.
enum SSEValues {
    static let floats: [UInt32] = [
        0x0000_0000, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 0x3FC0_0000, 0x4020_0000, 0xC020_0000,
        0x3F00_0000, 0x406C_CCCD, 0x0000_0001, 0x007F_FFFF, 0x8000_0001, 0x0080_0000, 0x7F7F_FFFF,
        0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0x7FC1_2345, 0x7F81_2345, 0xFFC0_0000, 0xFF80_0001,
        0x4F00_0000, 0xCF00_0000, 0x5F00_0000, 0xDF00_0000, 0x3EAA_AAAB, 0x4B80_0001, 0x3F7F_FFFF,
    ]
    static let doubles: [UInt64] = [
        0, 0x8000_0000_0000_0000, 0x3FF0_0000_0000_0000, 0xBFF0_0000_0000_0000, 0x3FF8_0000_0000_0000,
        0x4004_0000_0000_0000, 0xC004_0000_0000_0000, 0x3FE0_0000_0000_0000, 0x400D_9999_9999_999A,
        0x0000_0000_0000_0001, 0x000F_FFFF_FFFF_FFFF, 0x8000_0000_0000_0001, 0x0010_0000_0000_0000,
        0x7FEF_FFFF_FFFF_FFFF, 0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000, 0x7FF8_0000_0000_0000,
        0x7FF8_0000_0001_2345, 0x7FF0_0000_0001_2345, 0xFFF8_0000_0000_0000, 0x41E0_0000_0000_0000,
        0xC1E0_0000_0000_0000, 0x41DF_FFFF_FFC0_0000, 0x43E0_0000_0000_0000, 0xC3E0_0000_0000_0000,
        0x3FD5_5555_5555_5555, 0x3690_0000_0000_0000, 0x47EF_FFFF_E000_0000, 0x47EF_FFFF_F000_0000,
        0x3810_0000_0000_0000, 0x380F_FFFF_FFFF_FFFF,
    ]
    static let mxcsrModes: [UInt32] = [0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0, 0x1fbf, 0xffc0]

    static func randomFloat(_ r: inout SSETestRandom) -> UInt32 {
        switch r.below(4) {
        case 0: return UInt32(truncatingIfNeeded: r.next())
        case 1: return UInt32(truncatingIfNeeded: r.next() & 0x807F_FFFF) | UInt32(0x3C + r.below(8)) << 23
        default: return floats[r.below(floats.count)]
        }
    }

    static func randomDouble(_ r: inout SSETestRandom) -> UInt64 {
        switch r.below(4) {
        case 0: return r.next()
        case 1: return (r.next() & 0x800F_FFFF_FFFF_FFFF) | UInt64(0x3FC + r.below(8)) << 52
        default: return doubles[r.below(doubles.count)]
        }
    }

    static func randomInteger(_ r: inout SSETestRandom) -> UInt64 {
        let special: [UInt64] = [0, ~0, 0x8000_0000_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, 0x8080_8080_8080_8080,
                                 0x7F7F_7F7F_7F7F_7F7F, 0x8000_8000_8000_8000, 0x0001_0002_00FF_FF00]
        switch r.below(6) {
        case 0: return special[r.below(special.count)]
        case 1: return r.next() & 0x00FF_00FF_00FF_00FF
        case 2: return UInt64(r.below(64)) | (r.next() & 0xFFFF_0000_0000_0000)
        default: return r.next()
        }
    }

    /// A register value: integers, four floats or two doubles.
    static func randomXMM(_ r: inout SSETestRandom) -> (UInt64, UInt64) {
        switch r.below(3) {
        case 0: return (randomInteger(&r), randomInteger(&r))
        case 1:
            let f = (0..<4).map { _ in UInt64(randomFloat(&r)) }
            return (f[0] | f[1] << 32, f[2] | f[3] << 32)
        default: return (randomDouble(&r), randomDouble(&r))
        }
    }

    static func randomGPR(_ r: inout SSETestRandom) -> UInt64 {
        switch r.below(5) {
        case 0: return UInt64(bitPattern: Int64(r.below(41) - 20))
        case 1: return UInt64(r.below(20))
        case 2: return randomInteger(&r)
        case 3: return randomDouble(&r)
        default: return r.next()
        }
    }

    static func randomState(_ r: inout SSETestRandom, mxcsr: UInt32) -> SSEMachineState {
        var s = SSEMachineState()
        for i in 0..<16 { (s.xmm[2 * i], s.xmm[2 * i + 1]) = randomXMM(&r) }
        for i in 0..<16 { s.gpr[i] = randomGPR(&r) }
        s.mxcsr = mxcsr
        s.rflags = (r.next() & SSEMachineState.arithmeticFlags) | 0x2
        return s
    }
}

/// Instruction encoding for the tests: legacy prefixes, REX, opcode, ModRM (+ SIB, disp), imm8.
enum SSEEncoding {
    /// ModRM.rm operand: a register number, or memory [rbx+0x10].
    enum RM { case reg(Int), mem }

    static func make(_ prefixes: [UInt8], _ opcode: [UInt8], reg: Int, rm: RM, w: Bool = false,
                     imm: UInt8? = nil, forceREX: Bool = false) -> [UInt8] {
        var rex: UInt8 = 0x40
        if w { rex |= 8 }
        if reg >= 8 { rex |= 4 }
        var modrm = UInt8((reg & 7) << 3)
        var tail: [UInt8] = []
        switch rm {
        case .reg(let n):
            if n >= 8 { rex |= 1 }
            modrm |= 0xC0 | UInt8(n & 7)
        case .mem:
            modrm |= 0x40 | 3
            tail = [0x10]
        }
        var out = prefixes
        if rex != 0x40 || forceREX { out.append(rex) }
        out += opcode
        out.append(modrm)
        out += tail
        if let imm { out.append(imm) }
        return out
    }

    /// The register pairs each encoding is tried with: low registers, REX-extended ones, a mix,
    /// and the same register twice.
    static let xmmPairs: [(Int, Int)] = [(1, 2), (9, 14), (0, 11), (12, 5), (3, 3)]
}

/// SSE decoding and semantics: every form against the host CPU (register forms), memory forms
/// against register forms, alignment and fault rules, MXCSR behaviour, and known values.
final class SSETests: XCTestCase {
    // MARK: Harness

    /// SSE_SAMPLES=n runs n times more random samples per encoding (deeper host comparisons).
    static let sampleMultiplier = Int(ProcessInfo.processInfo.environment["SSE_SAMPLES"] ?? "") ?? 1

    /// One oracle and one interpreter per test (an address space reserves a large host range).
    lazy var oracle = SSEHostOracle()
    private var machine: SSEGuestMachine?
    func guest() throws -> SSEGuestMachine {
        if let m = machine { return m }
        let m = try SSEGuestMachine()
        machine = m
        return m
    }

    /// Runs `insn` from `samples` random states (cycling through MXCSR modes) on the host and in
    /// the interpreter; records a failure per differing sample (at most 3 per encoding).
    func checkAgainstHost(_ insn: [UInt8], samples: Int = 24, seed: UInt64 = 1, prepare: ((inout SSEMachineState) -> Void)? = nil,
                          file: StaticString = #filePath, line: UInt = #line) throws {
        let oracle = self.oracle
        let guest = try self.guest()
        oracle.load(insn)
        try guest.load(insn)
        var r = SSETestRandom(state: seed &+ UInt64(insn.count) &* 7919 &+ UInt64(insn.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        var failures = 0
        for i in 0..<samples * SSETests.sampleMultiplier {
            var s = SSEValues.randomState(&r, mxcsr: SSEValues.mxcsrModes[i % SSEValues.mxcsrModes.count])
            prepare?(&s)
            let expected = oracle.run(s)
            let (exit, got) = guest.run(s)
            guard exit == .trap(Trap(kind: .breakpoint)) else {
                XCTFail("\(hexBytes(insn)): exit \(exit)", file: file, line: line)
                return
            }
            let diff = expected.differences(got)
            if !diff.isEmpty {
                failures += 1
                if failures <= 3 {
                    let inputs = (0..<16).map { "x\($0)=\(hex(s.xmm[2 * $0 + 1]))_\(hex(s.xmm[2 * $0]))" }.joined(separator: " ")
                    XCTFail("\(hexBytes(insn)) mxcsr \(hex(UInt64(s.mxcsr))): host vs interpreter: \(diff.joined(separator: "; "))\n  inputs: \(inputs) gprs: \(s.gpr.map(hex))",
                            file: file, line: line)
                }
            }
        }
    }

    /// Checks an xmm, xmm/m128 opcode with every register pair (and `imms` when it takes one).
    func checkXMM(_ prefixes: [UInt8], _ opcode: [UInt8], imms: [UInt8]? = nil, samples: Int = 24,
                  file: StaticString = #filePath, line: UInt = #line) throws {
        for (reg, rm) in SSEEncoding.xmmPairs {
            if let imms {
                for imm in imms {
                    try checkAgainstHost(SSEEncoding.make(prefixes, opcode, reg: reg, rm: .reg(rm), imm: imm),
                                         samples: samples, file: file, line: line)
                }
            } else {
                try checkAgainstHost(SSEEncoding.make(prefixes, opcode, reg: reg, rm: .reg(rm)), samples: samples, file: file, line: line)
            }
        }
    }

    /// Runs `insn` in the interpreter from `s`, expecting it to reach the int3 after it.
    @discardableResult
    func runGuest(_ m: SSEGuestMachine, _ insn: [UInt8], _ s: SSEMachineState,
                  file: StaticString = #filePath, line: UInt = #line) throws -> SSEMachineState {
        try m.load(insn)
        let (exit, out) = m.run(s)
        XCTAssertEqual(exit, .trap(Trap(kind: .breakpoint)), "\(hexBytes(insn))", file: file, line: line)
        return out
    }

    // MARK: Floating point against the host

    func testFloatingPointArithmeticMatchesHost() throws {
        for op: UInt8 in [0x58, 0x59, 0x5C, 0x5D, 0x5E, 0x5F, 0x51] {
            for p: [UInt8] in [[], [0x66], [0xF3], [0xF2]] { try checkXMM(p, [0x0F, op]) }
        }
        for op: UInt8 in [0x52, 0x53] {
            for p: [UInt8] in [[], [0xF3]] { try checkXMM(p, [0x0F, op]) }
        }
        for op: UInt8 in [0x7C, 0x7D, 0xD0] {
            for p: [UInt8] in [[0x66], [0xF2]] { try checkXMM(p, [0x0F, op]) }
        }
        for op: UInt8 in [0x54, 0x55, 0x56, 0x57] {
            for p: [UInt8] in [[], [0x66]] { try checkXMM(p, [0x0F, op]) }
        }
    }

    func testCompareMatchesHost() throws {
        for p: [UInt8] in [[], [0x66], [0xF3], [0xF2]] {
            try checkXMM(p, [0x0F, 0xC2], imms: [0, 1, 2, 3, 4, 5, 6, 7, 0x0D, 0xFA], samples: 12)
        }
        for op: UInt8 in [0x2E, 0x2F] {
            for p: [UInt8] in [[], [0x66]] { try checkXMM(p, [0x0F, op], samples: 40) }
        }
    }

    func testConversionsMatchHost() throws {
        try checkXMM([], [0x0F, 0x5A])
        try checkXMM([0x66], [0x0F, 0x5A])
        try checkXMM([0xF3], [0x0F, 0x5A])
        try checkXMM([0xF2], [0x0F, 0x5A])
        for p: [UInt8] in [[], [0x66], [0xF3]] { try checkXMM(p, [0x0F, 0x5B]) }
        for p: [UInt8] in [[0x66], [0xF3], [0xF2]] { try checkXMM(p, [0x0F, 0xE6]) }
        // cvtsi2ss/sd xmm, r32/r64 and cvt(t)ss2si/cvt(t)sd2si r32/r64, xmm.
        for p: [UInt8] in [[0xF3], [0xF2]] {
            for w in [false, true] {
                for (x, g) in [(1, 0), (10, 13), (4, 6)] {
                    try checkAgainstHost(SSEEncoding.make(p, [0x0F, 0x2A], reg: x, rm: .reg(g), w: w), samples: 30)
                    for op: UInt8 in [0x2C, 0x2D] {
                        try checkAgainstHost(SSEEncoding.make(p, [0x0F, op], reg: g, rm: .reg(x), w: w), samples: 40)
                    }
                }
            }
        }
    }

    func testSSE41FloatingPointMatchesHost() throws {
        for op: UInt8 in [0x08, 0x09, 0x0A, 0x0B] {
            try checkXMM([0x66], [0x0F, 0x3A, op], imms: [0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 0x1F, 0xF5], samples: 10)
        }
        for op: UInt8 in [0x40, 0x41] {
            try checkXMM([0x66], [0x0F, 0x3A, op], imms: [0xFF, 0x31, 0xF1, 0x7F, 0x33, 0x12, 0x00, 0xA5], samples: 10)
        }
    }

    // MARK: Integer against the host

    func testSSE2IntegerMatchesHost() throws {
        var ops: [UInt8] = Array(0x60...0x6D) + [0x74, 0x75, 0x76]
        ops += Array(0xD1...0xD5) + Array(0xD8...0xDF) + Array(0xE0...0xE5) + Array(0xE8...0xEF)
        ops += Array(0xF1...0xF6) + Array(0xF8...0xFE)
        for op in ops { try checkXMM([0x66], [0x0F, op], samples: 16) }
    }

    func testShiftsByRegisterMatchHost() throws {
        for op: UInt8 in [0xD1, 0xD2, 0xD3, 0xE1, 0xE2, 0xF1, 0xF2, 0xF3] {
            for (reg, rm) in SSEEncoding.xmmPairs {
                var r = SSETestRandom(state: UInt64(op) << 8 | UInt64(rm))
                try checkAgainstHost(SSEEncoding.make([0x66], [0x0F, op], reg: reg, rm: .reg(rm)), samples: 24) { s in
                    // Counts around the lane widths; the high quadword is ignored by hardware.
                    let counts: [UInt64] = [0, 1, 5, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1 << 32, UInt64(r.below(80))]
                    s.xmm[2 * rm] = counts[r.below(counts.count)]
                }
            }
        }
    }

    func testShiftsByImmediateMatchHost() throws {
        let counts: [UInt8] = [0, 1, 3, 7, 8, 15, 16, 17, 31, 32, 63, 64, 200]
        let groups: [(UInt8, [Int])] = [(0x71, [2, 4, 6]), (0x72, [2, 4, 6]), (0x73, [2, 3, 6, 7])]
        for (op, subs) in groups {
            for sub in subs {
                for rm in [1, 12] {
                    for c in counts {
                        try checkAgainstHost(SSEEncoding.make([0x66], [0x0F, op], reg: sub, rm: .reg(rm), imm: c), samples: 3)
                    }
                }
            }
        }
    }

    func testShufflesMatchHost() throws {
        let imms: [UInt8] = [0x00, 0x1B, 0xE4, 0x4E, 0xB1, 0x93, 0x01, 0x02, 0xFF]
        try checkXMM([0x66], [0x0F, 0x70], imms: imms, samples: 4)
        try checkXMM([0xF3], [0x0F, 0x70], imms: imms, samples: 4)
        try checkXMM([0xF2], [0x0F, 0x70], imms: imms, samples: 4)
        try checkXMM([], [0x0F, 0xC6], imms: imms, samples: 4)
        try checkXMM([0x66], [0x0F, 0xC6], imms: imms, samples: 4)
        for p: [UInt8] in [[], [0x66]] {
            try checkXMM(p, [0x0F, 0x14])
            try checkXMM(p, [0x0F, 0x15])
        }
    }

    func testSSSE3AndSSE41IntegerMatchesHost() throws {
        var ops: [UInt8] = Array(0x00...0x0B) + [0x10, 0x14, 0x15, 0x17, 0x1C, 0x1D, 0x1E]
        ops += Array(0x20...0x25) + [0x28, 0x29, 0x2B] + Array(0x30...0x35) + Array(0x37...0x41)
        for op in ops { try checkXMM([0x66], [0x0F, 0x38, op], samples: 16) }
        let imms: [UInt8] = [0, 1, 2, 3, 4, 5, 7, 8, 13, 15, 16, 17, 31, 32, 0x55, 0xAA, 0xFF]
        for op: UInt8 in [0x0C, 0x0D, 0x0E, 0x0F, 0x42, 0x21] {
            try checkXMM([0x66], [0x0F, 0x3A, op], imms: imms, samples: 3)
        }
    }

    func testStringComparesMatchHost() throws {
        let imms: [UInt8] = [0x00, 0x01, 0x04, 0x08, 0x0C, 0x0D, 0x10, 0x18, 0x1A, 0x30, 0x3A, 0x40, 0x44, 0x48, 0x4C, 0x70, 0x7F, 0x80]
        for op: UInt8 in [0x60, 0x61, 0x62, 0x63] {
            for w in [false, true] {
                for (reg, rm) in [(1, 2), (9, 14), (0, 0)] {
                    for imm in imms {
                        try checkAgainstHost(SSEEncoding.make([0x66], [0x0F, 0x3A, op], reg: reg, rm: .reg(rm), w: w, imm: imm),
                                             samples: 6) { s in
                            // Mostly short strings with NULs, as string code has.
                            for i in 0..<32 where s.xmm[i] & 0xF == 0 { s.xmm[i] &= 0xFFFF_0000_FFFF_FF00 }
                        }
                    }
                }
            }
        }
    }

    // MARK: Moves and GPR forms against the host

    func testRegisterMovesMatchHost() throws {
        for p: [UInt8] in [[], [0x66], [0xF3], [0xF2]] {
            try checkXMM(p, [0x0F, 0x10], samples: 4)
            try checkXMM(p, [0x0F, 0x11], samples: 4)
        }
        for p: [UInt8] in [[], [0x66]] {
            try checkXMM(p, [0x0F, 0x28], samples: 4)
            try checkXMM(p, [0x0F, 0x29], samples: 4)
        }
        try checkXMM([], [0x0F, 0x12], samples: 4)        // movhlps
        try checkXMM([], [0x0F, 0x16], samples: 4)        // movlhps
        for p: [UInt8] in [[0xF3], [0xF2]] { try checkXMM(p, [0x0F, 0x12], samples: 4) }
        try checkXMM([0xF3], [0x0F, 0x16], samples: 4)    // movshdup
        try checkXMM([0x66], [0x0F, 0x6F], samples: 4)
        try checkXMM([0xF3], [0x0F, 0x6F], samples: 4)
        try checkXMM([0x66], [0x0F, 0x7F], samples: 4)
        try checkXMM([0xF3], [0x0F, 0x7F], samples: 4)
        try checkXMM([0xF3], [0x0F, 0x7E], samples: 4)    // movq xmm, xmm
        try checkXMM([0x66], [0x0F, 0xD6], samples: 4)    // movq xmm, xmm (store form)
    }

    func testGPRFormsMatchHost() throws {
        let pairs = [(1, 0), (10, 13), (4, 6), (15, 3)]
        for w in [false, true] {
            for (x, g) in pairs {
                try checkAgainstHost(SSEEncoding.make([0x66], [0x0F, 0x6E], reg: x, rm: .reg(g), w: w), samples: 4)
                try checkAgainstHost(SSEEncoding.make([0x66], [0x0F, 0x7E], reg: x, rm: .reg(g), w: w), samples: 4)
                try checkAgainstHost(SSEEncoding.make([], [0x0F, 0x50], reg: g, rm: .reg(x), w: w), samples: 8)
                try checkAgainstHost(SSEEncoding.make([0x66], [0x0F, 0x50], reg: g, rm: .reg(x), w: w), samples: 8)
                try checkAgainstHost(SSEEncoding.make([0x66], [0x0F, 0xD7], reg: g, rm: .reg(x), w: w), samples: 8)
                for imm: UInt8 in [0, 1, 3, 7, 9, 0xFE] {
                    try checkAgainstHost(SSEEncoding.make([0x66], [0x0F, 0xC4], reg: x, rm: .reg(g), w: w, imm: imm), samples: 2)
                    try checkAgainstHost(SSEEncoding.make([0x66], [0x0F, 0xC5], reg: g, rm: .reg(x), w: w, imm: imm), samples: 2)
                    for op: UInt8 in [0x14, 0x15, 0x16, 0x17, 0x20, 0x22] {
                        try checkAgainstHost(SSEEncoding.make([0x66], [0x0F, 0x3A, op], reg: x, rm: .reg(g), w: w, imm: imm), samples: 2)
                    }
                }
            }
        }
    }

    func testCRC32MatchesHost() throws {
        for (reg, rm) in [(0, 1), (9, 3), (2, 12), (5, 5), (11, 13)] {
            for w in [false, true] {
                try checkAgainstHost(SSEEncoding.make([0xF2], [0x0F, 0x38, 0xF0], reg: reg, rm: .reg(rm), w: w), samples: 6)
                try checkAgainstHost(SSEEncoding.make([0xF2], [0x0F, 0x38, 0xF1], reg: reg, rm: .reg(rm), w: w), samples: 6)
                try checkAgainstHost(SSEEncoding.make([0x66, 0xF2], [0x0F, 0x38, 0xF1], reg: reg, rm: .reg(rm), w: w), samples: 6)
            }
        }
        // Byte sources AH, CH, DH, BH (no REX).
        for rm in 4...7 {
            try checkAgainstHost(SSEEncoding.make([0xF2], [0x0F, 0x38, 0xF0], reg: 1, rm: .reg(rm)), samples: 6)
        }
        // The CRC-32C check value of "123456789".
        let m = try guest()
        var s = SSEMachineState()
        s.gpr[0] = 0xFFFF_FFFF
        for byte in Array("123456789".utf8) {
            s.gpr[1] = UInt64(byte)
            s = try runGuest(m, [0xF2, 0x0F, 0x38, 0xF0, 0xC1], s)   // crc32 eax, cl
        }
        XCTAssertEqual(s.gpr[0] ^ 0xFFFF_FFFF, 0xE306_9283)
    }

    // MARK: Memory operands

    /// Each memory form gives the same result as the register form with the source in memory at
    /// [rbx+0x10] (aligned), also when the memory operand is RIP-relative.
    func testMemoryFormsMatchRegisterForms() throws {
        // (prefixes, opcode, imm) of instructions whose memory form reads what the register form reads.
        var forms: [([UInt8], [UInt8], UInt8?)] = []
        for op: UInt8 in [0x58, 0x59, 0x5C, 0x5D, 0x5E, 0x5F, 0x51, 0x5A] {
            for p: [UInt8] in [[], [0x66], [0xF3], [0xF2]] { forms.append((p, [0x0F, op], nil)) }
        }
        for p: [UInt8] in [[], [0x66]] {
            for op: UInt8 in [0x14, 0x15, 0x28, 0x2E, 0x2F, 0x54, 0x55, 0x56, 0x57] { forms.append((p, [0x0F, op], nil)) }
            forms.append((p, [0x0F, 0xC2], 1))
            forms.append((p, [0x0F, 0xC6], 0x1B))
        }
        for op in Array(UInt8(0x60)...0x6D) + [0x74, 0x75, 0x76, 0xD4, 0xDB, 0xEF, 0xFE, 0xF1, 0xE2] {
            forms.append(([0x66], [0x0F, op], nil))
        }
        forms += [([0x66], [0x0F, 0x6F], nil), ([0xF3], [0x0F, 0x6F], nil), ([0x66], [0x0F, 0x70], 0x1B),
                  ([0xF3], [0x0F, 0x7E], nil), ([0xF2], [0x0F, 0x12], nil), ([0xF3], [0x0F, 0x12], nil),
                  ([0xF3], [0x0F, 0x16], nil), ([0xF3], [0x0F, 0xE6], nil), ([0x66], [0x0F, 0xE6], nil),
                  ([0x66], [0x0F, 0x7C], nil), ([0xF2], [0x0F, 0xD0], nil), ([0xF2], [0x0F, 0xC2], 4)]
        for op in Array(UInt8(0x00)...0x0B) + [0x10, 0x17, 0x1C, 0x29, 0x2B, 0x37, 0x38, 0x3F, 0x40, 0x41] + Array(0x20...0x25) + Array(0x30...0x35) {
            forms.append(([0x66], [0x0F, 0x38, op], nil))
        }
        for op: UInt8 in [0x08, 0x0B, 0x0C, 0x0E, 0x0F, 0x21, 0x40, 0x41, 0x42, 0x61, 0x62] {
            forms.append(([0x66], [0x0F, 0x3A, op], 0x25))
        }
        let m = try guest()
        var r = SSETestRandom(state: 42)
        for (p, opcode, imm) in forms {
            for (reg, src) in [(2, 5), (10, 13)] {
                var s = SSEValues.randomState(&r, mxcsr: 0x1f80)
                let regForm = SSEEncoding.make(p, opcode, reg: reg, rm: .reg(src), imm: imm)
                let expected = try runGuest(m, regForm, s)
                // Same source in memory.
                s.gpr[3] = SSEGuestMachine.data + 0x100 - 0x10
                try m.space.write(SSEGuestMachine.data + 0x100, bytes(s.xmm[2 * src], s.xmm[2 * src + 1]))
                let memForm = SSEEncoding.make(p, opcode, reg: reg, rm: .mem, imm: imm)
                let got = try runGuest(m, memForm, s)
                var want = expected
                want.gpr[3] = s.gpr[3]
                XCTAssertEqual(want.differences(got), [], "\(hexBytes(memForm))")
                // RIP-relative: [rip+disp32] pointing at the same data.
                let ripForm = ripRelative(memForm)
                let got2 = try runGuest(m, ripForm, s)
                XCTAssertEqual(want.differences(got2), [], "\(hexBytes(ripForm))")
            }
        }
    }

    func bytes(_ lo: UInt64, _ hi: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: lo >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: hi >> (8 * $0)) }
    }

    /// Rewrites a [rbx+disp8] form into [rip+disp32] addressing SSEGuestMachine.data + 0x100.
    func ripRelative(_ insn: [UInt8]) -> [UInt8] {
        // The ModRM is the byte before the disp8 (0x10); an imm8 may follow.
        let hasImm = insn[insn.count - 1] != 0x10 || insn[insn.count - 2] & 0xC7 != 0x43
        let modrmAt = insn.count - (hasImm ? 3 : 2)
        var out = Array(insn[..<modrmAt])
        out.append((insn[modrmAt] & 0x38) | 0x05)
        let end = SSEGuestMachine.code + UInt64(out.count + 4 + (hasImm ? 1 : 0))
        let disp = Int32(truncatingIfNeeded: Int64(SSEGuestMachine.data + 0x100) - Int64(end))
        out += SSEHostOracle.le32(Int(disp))
        if hasImm { out.append(insn[insn.count - 1]) }
        return out
    }

    func testLoadsAndStoresThroughMemory() throws {
        let m = try guest()
        var s = SSEMachineState()
        let a = SSEGuestMachine.data + 0x200
        s.gpr[3] = a - 0x10
        s.xmm[2] = 0x1111_2222_3333_4444; s.xmm[3] = 0x5555_6666_7777_8888     // xmm1
        s.xmm[18] = 0xAAAA_BBBB_CCCC_DDDD; s.xmm[19] = 0xEEEE_FFFF_0000_1234   // xmm9
        try m.space.write(a, bytes(0x0102_0304_0506_0708, 0x090A_0B0C_0D0E_0F10))

        // movss xmm1, m32 zero-extends; movsd xmm9, m64 too.
        var o = try runGuest(m, [0xF3, 0x0F, 0x10, 0x4B, 0x10], s)
        XCTAssertEqual([o.xmm[2], o.xmm[3]], [0x0506_0708, 0])
        o = try runGuest(m, [0xF2, 0x44, 0x0F, 0x10, 0x4B, 0x10], s)
        XCTAssertEqual([o.xmm[18], o.xmm[19]], [0x0102_0304_0506_0708, 0])
        // movlps / movhps / movlpd / movhpd loads merge.
        o = try runGuest(m, [0x0F, 0x12, 0x4B, 0x10], s)
        XCTAssertEqual([o.xmm[2], o.xmm[3]], [0x0102_0304_0506_0708, 0x5555_6666_7777_8888])
        o = try runGuest(m, [0x66, 0x0F, 0x16, 0x4B, 0x10], s)
        XCTAssertEqual([o.xmm[2], o.xmm[3]], [0x1111_2222_3333_4444, 0x0102_0304_0506_0708])
        // movddup m64.
        o = try runGuest(m, [0xF2, 0x0F, 0x12, 0x4B, 0x10], s)
        XCTAssertEqual([o.xmm[2], o.xmm[3]], [0x0102_0304_0506_0708, 0x0102_0304_0506_0708])
        // movd / movq xmm, m32/m64.
        o = try runGuest(m, [0x66, 0x0F, 0x6E, 0x4B, 0x10], s)
        XCTAssertEqual([o.xmm[2], o.xmm[3]], [0x0506_0708, 0])
        o = try runGuest(m, [0x66, 0x4C, 0x0F, 0x6E, 0x4B, 0x10], s)
        XCTAssertEqual([o.xmm[18], o.xmm[19]], [0x0102_0304_0506_0708, 0])
        // pinsrb/pinsrw/pinsrd from memory, pmovzxbd from m32, insertps m32.
        o = try runGuest(m, [0x66, 0x0F, 0x3A, 0x20, 0x4B, 0x10, 0x05], s)
        XCTAssertEqual(o.xmm[2], 0x1111_0822_3333_4444)
        o = try runGuest(m, [0x66, 0x0F, 0xC4, 0x4B, 0x10, 0x07], s)
        XCTAssertEqual(o.xmm[3], 0x0708_6666_7777_8888)
        o = try runGuest(m, [0x66, 0x0F, 0x38, 0x31, 0x4B, 0x10], s)
        XCTAssertEqual([o.xmm[2], o.xmm[3]], [0x0000_0007_0000_0008, 0x0000_0005_0000_0006])
        o = try runGuest(m, [0x66, 0x0F, 0x3A, 0x21, 0x4B, 0x10, 0xD8], s)   // dst 1, zero mask 1000
        XCTAssertEqual([o.xmm[2], o.xmm[3]], [0x0506_0708_3333_4444, 0x0000_0000_7777_8888])
        // cvtsi2sd xmm1, qword [rbx+0x10]; cvttsd2si rax, [rbx+0x10].
        try m.space.write(a, bytes(UInt64(bitPattern: -42), 0))
        o = try runGuest(m, [0xF2, 0x48, 0x0F, 0x2A, 0x4B, 0x10], s)
        XCTAssertEqual(o.xmm[2], (-42.0).bitPattern)
        try m.space.write(a, bytes((-7.75).bitPattern, 0))
        o = try runGuest(m, [0xF2, 0x48, 0x0F, 0x2C, 0x43, 0x10], s)
        XCTAssertEqual(o.gpr[0], UInt64(bitPattern: -7))

        // Stores: movaps, movups, movss, movsd, movlps, movhps, movq, movd, pextrw/b/d/q, extractps, movnti, movntdq.
        func stored(_ insn: [UInt8], _ count: Int) throws -> [UInt8] {
            try m.space.write(a, [UInt8](repeating: 0xEE, count: 16))
            try runGuest(m, insn, s)
            return Array(try m.space.read(a, count: count))
        }
        let x1 = bytes(s.xmm[2], s.xmm[3])
        XCTAssertEqual(try stored([0x0F, 0x29, 0x4B, 0x10], 16), x1)
        XCTAssertEqual(try stored([0x66, 0x0F, 0x11, 0x4B, 0x10], 16), x1)
        XCTAssertEqual(try stored([0x66, 0x0F, 0x7F, 0x4B, 0x10], 16), x1)
        XCTAssertEqual(try stored([0x66, 0x0F, 0xE7, 0x4B, 0x10], 16), x1)
        XCTAssertEqual(try stored([0x0F, 0x2B, 0x4B, 0x10], 16), x1)
        XCTAssertEqual(try stored([0xF3, 0x0F, 0x11, 0x4B, 0x10], 8), Array(x1[0..<4]) + [0xEE, 0xEE, 0xEE, 0xEE])
        XCTAssertEqual(try stored([0xF2, 0x0F, 0x11, 0x4B, 0x10], 16), Array(x1[0..<8]) + [UInt8](repeating: 0xEE, count: 8))
        XCTAssertEqual(try stored([0x0F, 0x13, 0x4B, 0x10], 9), Array(x1[0..<8]) + [0xEE])
        XCTAssertEqual(try stored([0x0F, 0x17, 0x4B, 0x10], 9), Array(x1[8..<16]) + [0xEE])
        XCTAssertEqual(try stored([0x66, 0x0F, 0xD6, 0x4B, 0x10], 9), Array(x1[0..<8]) + [0xEE])
        XCTAssertEqual(try stored([0x66, 0x0F, 0x7E, 0x4B, 0x10], 5), Array(x1[0..<4]) + [0xEE])
        XCTAssertEqual(try stored([0x66, 0x48, 0x0F, 0x7E, 0x4B, 0x10], 9), Array(x1[0..<8]) + [0xEE])
        XCTAssertEqual(try stored([0x66, 0x0F, 0x3A, 0x15, 0x4B, 0x10, 0x05], 3), Array(x1[10..<12]) + [0xEE])
        XCTAssertEqual(try stored([0x66, 0x0F, 0x3A, 0x14, 0x4B, 0x10, 0x0E], 2), [x1[14], 0xEE])
        XCTAssertEqual(try stored([0x66, 0x0F, 0x3A, 0x16, 0x4B, 0x10, 0x03], 5), Array(x1[12..<16]) + [0xEE])
        XCTAssertEqual(try stored([0x66, 0x48, 0x0F, 0x3A, 0x16, 0x4B, 0x10, 0x01], 9), Array(x1[8..<16]) + [0xEE])
        XCTAssertEqual(try stored([0x66, 0x0F, 0x3A, 0x17, 0x4B, 0x10, 0x02], 5), Array(x1[8..<12]) + [0xEE])
        s.gpr[1] = 0x1234_5678_9ABC_DEF0
        XCTAssertEqual(try stored([0x48, 0x0F, 0xC3, 0x4B, 0x10], 9), bytes(0x1234_5678_9ABC_DEF0, 0)[0..<8] + [0xEE])
        XCTAssertEqual(try stored([0x0F, 0xC3, 0x4B, 0x10], 5), [0xF0, 0xDE, 0xBC, 0x9A, 0xEE])
    }

    func testMaskmovdqu() throws {
        let m = try guest()
        var s = SSEMachineState()
        s.gpr[7] = SSEGuestMachine.data + 0x300   // rdi
        s.xmm[2] = 0x0807_0605_0403_0201; s.xmm[3] = 0x100F_0E0D_0C0B_0A09
        s.xmm[4] = 0x0000_0000_8000_0080; s.xmm[5] = 0xFF00_0000_0000_0000
        try m.space.write(SSEGuestMachine.data + 0x300, [UInt8](repeating: 0xEE, count: 16))
        try runGuest(m, [0x66, 0x0F, 0xF7, 0xCA], s)   // maskmovdqu xmm1, xmm2
        var want = [UInt8](repeating: 0xEE, count: 16)
        want[0] = 0x01; want[3] = 0x04; want[15] = 0x10
        XCTAssertEqual(try m.space.read(SSEGuestMachine.data + 0x300, count: 16), want)
    }

    func testAlignmentRules() throws {
        let m = try guest()
        var s = SSEMachineState()
        s.gpr[3] = SSEGuestMachine.data + 0x108 - 0x10   // [rbx+0x10] is 8 mod 16
        func exit(_ insn: [UInt8]) throws -> ExitReason {
            try m.load(insn)
            return m.run(s).0
        }
        let gp = ExitReason.trap(Trap(kind: .generalProtection))
        let ok = ExitReason.trap(Trap(kind: .breakpoint))
        XCTAssertEqual(try exit([0x0F, 0x28, 0x4B, 0x10]), gp)            // movaps load
        XCTAssertEqual(try exit([0x0F, 0x29, 0x4B, 0x10]), gp)            // movaps store
        XCTAssertEqual(try exit([0x66, 0x0F, 0x6F, 0x4B, 0x10]), gp)      // movdqa
        XCTAssertEqual(try exit([0x66, 0x0F, 0xE7, 0x4B, 0x10]), gp)      // movntdq
        XCTAssertEqual(try exit([0x0F, 0x58, 0x4B, 0x10]), gp)            // addps
        XCTAssertEqual(try exit([0x66, 0x0F, 0xEF, 0x4B, 0x10]), gp)      // pxor
        XCTAssertEqual(try exit([0x66, 0x0F, 0x38, 0x00, 0x4B, 0x10]), gp) // pshufb
        XCTAssertEqual(try exit([0x66, 0x0F, 0x38, 0x2A, 0x4B, 0x10]), gp) // movntdqa
        XCTAssertEqual(try exit([0x0F, 0x10, 0x4B, 0x10]), ok)            // movups
        XCTAssertEqual(try exit([0x0F, 0x11, 0x4B, 0x10]), ok)
        XCTAssertEqual(try exit([0xF3, 0x0F, 0x6F, 0x4B, 0x10]), ok)      // movdqu
        XCTAssertEqual(try exit([0xF2, 0x0F, 0xF0, 0x4B, 0x10]), ok)      // lddqu
        XCTAssertEqual(try exit([0xF2, 0x0F, 0x58, 0x4B, 0x10]), ok)      // addsd
        XCTAssertEqual(try exit([0x0F, 0x12, 0x4B, 0x10]), ok)            // movlps
        XCTAssertEqual(try exit([0x66, 0x0F, 0x38, 0x20, 0x4B, 0x10]), ok) // pmovsxbw m64
        XCTAssertEqual(try exit([0x66, 0x0F, 0x3A, 0x61, 0x4B, 0x10, 0x0C]), ok) // pcmpestri
        XCTAssertEqual(try exit([0x0F, 0x5A, 0x4B, 0x10]), ok)            // cvtps2pd m64
    }

    func testStoreAcrossPageIsAllOrNothing() throws {
        let m = try guest()
        var s = SSEMachineState()
        let last = SSEGuestMachine.data + 0x2000 - 8   // 8 bytes before the unmapped page
        s.gpr[3] = last - 0x10
        s.xmm[2] = 0x1111_1111_1111_1111; s.xmm[3] = 0x2222_2222_2222_2222
        try m.space.write(last, [UInt8](repeating: 0xEE, count: 8))
        try m.load([0x0F, 0x11, 0x4B, 0x10])   // movups [rbx+0x10], xmm1
        let (exit, _) = m.run(s)
        guard case .trap(let t) = exit else { return XCTFail("\(exit)") }
        XCTAssertEqual(t.kind, .pageFault)
        XCTAssertEqual(t.address, SSEGuestMachine.data + 0x2000)
        XCTAssertEqual(try m.space.read(last, count: 8), [UInt8](repeating: 0xEE, count: 8))
        // A load that crosses into a mapped page works.
        s.gpr[3] = SSEGuestMachine.data + 0x1000 - 8 - 0x10
        try m.space.write(SSEGuestMachine.data + 0x1000 - 8, bytes(0x0102_0304_0506_0708, 0x1112_1314_1516_1718))
        let o = try runGuest(m, [0x0F, 0x10, 0x4B, 0x10], s)
        XCTAssertEqual([o.xmm[2], o.xmm[3]], [0x0102_0304_0506_0708, 0x1112_1314_1516_1718])
    }

    // MARK: Decoding

    func testMMXAndUndefinedFormsAreInvalid() throws {
        let m = try guest()
        let s = SSEMachineState()
        let invalid: [[UInt8]] = [
            [0x0F, 0x6F, 0xC1],             // movq mm0, mm1
            [0x0F, 0xFC, 0xC1],             // paddb mm0, mm1
            [0x0F, 0xEF, 0xC1],             // pxor mm
            [0x0F, 0x38, 0x00, 0xC1],       // pshufb mm
            [0x0F, 0x3A, 0x0F, 0xC1, 0x01], // palignr mm
            [0x0F, 0x2A, 0xC1],             // cvtpi2ps
            [0x0F, 0x2D, 0xC1],             // cvtps2pi
            [0x0F, 0x77],                   // emms
            [0xF2, 0x0F, 0x5B, 0xC1],       // no F2 form
            [0x66, 0x0F, 0x12, 0xC1],       // movlpd needs memory
            [0x0F, 0x13, 0xC1],             // movlps store needs memory
            [0x66, 0x0F, 0xE7, 0xC1],       // movntdq needs memory
            [0x66, 0x0F, 0x38, 0x2A, 0xC1], // movntdqa needs memory
            [0x66, 0x0F, 0x50, 0x03],       // movmskpd needs a register
            [0x66, 0x0F, 0x73, 0xC9, 0x01], // 66 0F 73 /1 undefined
            [0x0F, 0xC3, 0xC1],             // movnti needs memory
            [0xF3, 0x0F, 0x38, 0x00, 0xC1], // pshufb with F3
            [0x66, 0x0F, 0x38, 0x36, 0xC1], // undefined
            [0x66, 0x0F, 0x3A, 0x44, 0xC1, 0x00], // pclmulqdq: not advertised
        ]
        for insn in invalid {
            try m.load(insn)
            let (exit, _) = m.run(s)
            guard case .invalidInstruction = exit else {
                XCTFail("\(hexBytes(insn)): \(exit)")
                continue
            }
        }
    }

    func testDecodedLengths() {
        func length(_ b: [UInt8]) -> Int {
            let r = b.withUnsafeBufferPointer { Decoder.decode($0.baseAddress!, available: b.count, pc: 0x1000) }
            guard case .instruction(let d) = r else { return -1 }
            return Int(d.length)
        }
        XCTAssertEqual(length([0xF2, 0x0F, 0x58, 0xC1]), 4)
        XCTAssertEqual(length([0x66, 0x45, 0x0F, 0x3A, 0x0F, 0xC1, 0x08]), 7)
        XCTAssertEqual(length([0x66, 0x0F, 0x3A, 0x61, 0x44, 0x24, 0x08, 0x0C]), 8)
        XCTAssertEqual(length([0xF3, 0x0F, 0x7E, 0x05, 0, 0, 0, 0]), 8)
        XCTAssertEqual(length([0x66, 0x0F, 0x73, 0xD8, 0x08]), 5)
        XCTAssertEqual(length([0xF2, 0x48, 0x0F, 0x38, 0xF1, 0x04, 0x8B]), 7)
        // RIP-relative with an immediate after the displacement: disp is relative to the end.
        let b: [UInt8] = [0x66, 0x0F, 0x3A, 0x0F, 0x05, 0x10, 0, 0, 0, 0x04]
        let r = b.withUnsafeBufferPointer { Decoder.decode($0.baseAddress!, available: b.count, pc: 0x1000) }
        guard case .instruction(let d) = r else { return XCTFail() }
        XCTAssertEqual(d.disp, 0x1000 + 10 + 0x10)
        XCTAssertEqual(d.imm, 4)
    }

    // MARK: Known values

    func testKnownValues() throws {
        let m = try guest()
        var s = SSEMachineState()
        s.xmm[0] = 1.5.bitPattern; s.xmm[2] = 2.25.bitPattern; s.xmm[3] = 0xDEAD
        // addsd xmm0, xmm1 keeps the upper half of xmm0.
        s.xmm[1] = 0x1234
        var o = try runGuest(m, [0xF2, 0x0F, 0x58, 0xC1], s)
        XCTAssertEqual(o.xmm[0], 3.75.bitPattern)
        XCTAssertEqual(o.xmm[1], 0x1234)
        // sqrtsd xmm8, xmm1.
        s.xmm[2] = 2.0.bitPattern
        o = try runGuest(m, [0xF2, 0x44, 0x0F, 0x51, 0xC1], s)
        XCTAssertEqual(o.xmm[16], 2.0.squareRoot().bitPattern)
        // pxor xmm3, xmm3 clears.
        s.xmm[6] = 0x55; s.xmm[7] = 0x66
        o = try runGuest(m, [0x66, 0x0F, 0xEF, 0xDB], s)
        XCTAssertEqual([o.xmm[6], o.xmm[7]], [0, 0])
        // pcmpeqb + pmovmskb, as strlen does.
        s.xmm[0] = 0x0011_2233_4455_6677; s.xmm[1] = 0x8899_AABB_CCDD_EE00   // bytes 6... zero
        s.xmm[2] = 0; s.xmm[3] = 0
        o = try runGuest(m, [0x66, 0x0F, 0x74, 0xC8], s)      // pcmpeqb xmm1, xmm0
        XCTAssertEqual([o.xmm[2], o.xmm[3]], [0xFF00_0000_0000_0000, 0x0000_0000_0000_00FF])
        o = try runGuest(m, [0x66, 0x0F, 0xD7, 0xC1], o)      // pmovmskb eax, xmm1
        XCTAssertEqual(o.gpr[0], 0x0180)
        // ucomisd with a NaN: ZF PF CF set; OF SF AF clear.
        s.xmm[0] = Double.nan.bitPattern; s.xmm[2] = 1.0.bitPattern
        s.rflags = 0x2 | 0x800 | 0x80 | 0x10
        o = try runGuest(m, [0x66, 0x0F, 0x2E, 0xC1], s)
        XCTAssertEqual(o.rflags & SSEMachineState.arithmeticFlags, 0x45)
        // comisd 1 < 2: CF only.
        s.xmm[0] = 1.0.bitPattern; s.xmm[2] = 2.0.bitPattern
        o = try runGuest(m, [0x66, 0x0F, 0x2F, 0xC1], s)
        XCTAssertEqual(o.rflags & SSEMachineState.arithmeticFlags, 0x1)
        // cvttsd2si rax, xmm0 of 1e300: the integer indefinite value.
        s.xmm[0] = 1e300.bitPattern
        o = try runGuest(m, [0xF2, 0x48, 0x0F, 0x2C, 0xC0], s)
        XCTAssertEqual(o.gpr[0], 0x8000_0000_0000_0000)
        XCTAssertEqual(o.mxcsr & 0x3f, 0x1)   // IE
        // cvtsi2sd xmm0, eax zero-extends nothing: upper half kept.
        s.gpr[0] = 0xFFFF_FFFF_FFFF_FFFE; s.xmm[1] = 0x77
        o = try runGuest(m, [0xF2, 0x0F, 0x2A, 0xC0], s)
        XCTAssertEqual([o.xmm[0], o.xmm[1]], [(-2.0).bitPattern, 0x77])
        // pshufb with a high bit clears, palignr by 4.
        s.xmm[0] = 0x0706_0504_0302_0100; s.xmm[1] = 0x0F0E_0D0C_0B0A_0908
        s.xmm[2] = 0x8000_0000_0000_0F01; s.xmm[3] = 0
        o = try runGuest(m, [0x66, 0x0F, 0x38, 0x00, 0xC1], s)
        XCTAssertEqual([o.xmm[0], o.xmm[1]], [0x0000_0000_0000_0F01, 0])
        o = try runGuest(m, [0x66, 0x0F, 0x3A, 0x0F, 0xC1, 0x04], s)
        XCTAssertEqual([o.xmm[0], o.xmm[1]], [0x0000_0000_8000_0000, 0x0302_0100_0000_0000])
        // pcmpistri: index of the first 'c' in "abcabc".
        s.xmm[0] = 0x63; s.xmm[1] = 0
        s.xmm[2] = 0x0000_6362_6163_6261; s.xmm[3] = 0
        o = try runGuest(m, [0x66, 0x0F, 0x3A, 0x63, 0xC1, 0x00], s)
        XCTAssertEqual(o.gpr[1], 2)
    }

    // MARK: MXCSR

    func testGuestRoundingModeAndStickyFlags() throws {
        let m = try guest()
        var s = SSEMachineState()
        s.xmm[0] = 1.0.bitPattern; s.xmm[2] = 3.0.bitPattern
        let div: [UInt8] = [0xF2, 0x0F, 0x5E, 0xC1]   // divsd xmm0, xmm1
        s.mxcsr = 0x1f80
        let nearest = try runGuest(m, div, s)
        s.mxcsr = 0x3f80   // round down
        let down = try runGuest(m, div, s)
        s.mxcsr = 0x5f80   // round up
        let up = try runGuest(m, div, s)
        XCTAssertEqual(nearest.xmm[0], (1.0 / 3.0).bitPattern)
        XCTAssertEqual(down.xmm[0], nearest.xmm[0])
        XCTAssertEqual(up.xmm[0], nearest.xmm[0] + 1)
        XCTAssertEqual(nearest.mxcsr, 0x1fa0)   // PE
        XCTAssertEqual(up.mxcsr, 0x5fa0)
        // The host's MXCSR is back to the default after run().
        XCTAssertEqual(host_get_mxcsr(), 0x1f80)
        // FTZ: a tiny product flushes to zero with UE|PE.
        s.mxcsr = 0x9f80
        s.xmm[0] = 0x0010_0000_0000_0000; s.xmm[2] = 0.5.bitPattern
        let ftz = try runGuest(m, [0xF2, 0x0F, 0x59, 0xC1], s)
        XCTAssertEqual(ftz.xmm[0], 0)
        XCTAssertEqual(ftz.mxcsr & 0x3f, 0x30)
    }

    func testUnmaskedExceptionTrapsAndLeavesDestination() throws {
        let m = try guest()
        var s = SSEMachineState()
        s.xmm[0] = 1.0.bitPattern; s.xmm[1] = 0x99; s.xmm[2] = 0
        s.mxcsr = 0x1f80 & ~0x200   // divide-by-zero unmasked
        try m.load([0xF2, 0x0F, 0x5E, 0xC1])   // divsd xmm0, xmm1
        let (exit, o) = m.run(s)
        XCTAssertEqual(exit, .trap(Trap(kind: .simdFloatingPoint)))
        XCTAssertEqual(o.xmm[0], 1.0.bitPattern)
        XCTAssertEqual(o.mxcsr, (0x1f80 & ~0x200) | 0x4)   // ZE recorded
        XCTAssertEqual(m.cpu.rip, SSEGuestMachine.code)
        // Masked exceptions of the same instruction do not trap: 1/3 only raises PE (masked).
        s.xmm[2] = 3.0.bitPattern
        let (exit2, o2) = m.run(s)
        XCTAssertEqual(exit2, .trap(Trap(kind: .breakpoint)))
        XCTAssertEqual(o2.xmm[0], (1.0 / 3.0).bitPattern)
        XCTAssertEqual(o2.mxcsr & 0x3f, 0x20)
        // An unmasked invalid operation in comisd leaves the flags alone.
        s.mxcsr = 0x1f80 & ~0x80
        s.xmm[0] = Double.nan.bitPattern; s.rflags = 0x2 | 0x1
        try m.load([0x66, 0x0F, 0x2F, 0xC1])
        let (exit3, o3) = m.run(s)
        XCTAssertEqual(exit3, .trap(Trap(kind: .simdFloatingPoint)))
        XCTAssertEqual(o3.rflags & SSEMachineState.arithmeticFlags, 0x1)
        XCTAssertEqual(o3.mxcsr & 0x3f, 0x1)
    }

    func testHostHasTheInstructionSetsTheShimsUse() {
        XCTAssertTrue(SSEHostRequirement.isSatisfied, SSEHostRequirement.description)
    }

    func testLdmxcsrAndStmxcsr() throws {
        let m = try guest()
        let cpu = m.cpu
        // Drive the handlers directly: the 0F AE group dispatch belongs to the x87/fxsave unit.
        var d = Instruction()
        d.base = UInt8(GPR.rbx.rawValue * 8)
        cpu[.rbx] = SSEGuestMachine.data + 0x400
        try m.space.write(SSEGuestMachine.data + 0x400, [0x80, 0x3f, 0, 0])
        cpu.mxcsr = 0x1f80
        cpu.enterGuestMXCSR()
        try withUnsafeMutablePointer(to: &d) { (p) throws(Trap) in
            try cpu.executeMXCSR(p, store: false)
            XCTAssertEqual(cpu.mxcsr, 0x3f80)
            XCTAssertEqual(cpu.liveMXCSR, 0x3f80)
            cpu[.rbx] = SSEGuestMachine.data + 0x404
            try cpu.executeMXCSR(p, store: true)
        }
        cpu.leaveGuestMXCSR()
        XCTAssertEqual(try m.space.read(SSEGuestMachine.data + 0x404, count: 4), [0x80, 0x3f, 0, 0])
        // Reserved bits: #GP.
        try m.space.write(SSEGuestMachine.data + 0x400, [0x80, 0x1f, 0x01, 0])
        cpu[.rbx] = SSEGuestMachine.data + 0x400
        cpu.enterGuestMXCSR()
        XCTAssertThrowsError(try withUnsafeMutablePointer(to: &d) { (p) throws(Trap) in try cpu.executeMXCSR(p, store: false) })
        cpu.leaveGuestMXCSR()
        XCTAssertEqual(cpu.mxcsr, 0x3f80)
    }

    // MARK: Throughput (release builds: SSE_BENCH=1 swift test -c release -Xswiftc -enable-testing)

    func testThroughput() throws {
        guard ProcessInfo.processInfo.environment["SSE_BENCH"] != nil else { throw XCTSkip("set SSE_BENCH=1") }
        let m = try guest()
        func measure(_ name: String, _ body: [UInt8]) throws {
            // mov ecx, N; loop: body; dec ecx; jnz loop; int3
            let n = 2_000_000
            var code: [UInt8] = [0xB9] + SSEHostOracle.le32(n)
            code += body + [0xFF, 0xC9, 0x75, UInt8(truncatingIfNeeded: -(body.count + 4))]
            try m.space.write(SSEGuestMachine.code, code + [0xCC])
            var s = SSEMachineState()
            s.xmm[0] = 1.0.bitPattern; s.xmm[2] = 1e-9.bitPattern; s.xmm[4] = 0.999999.bitPattern
            s.gpr[3] = SSEGuestMachine.data + 0x100
            m.set(s)
            m.cpu.rip = SSEGuestMachine.code
            let start = DispatchTime.now().uptimeNanoseconds
            let r = m.cpu.run()
            let ns = Double(DispatchTime.now().uptimeNanoseconds - start)
            XCTAssertEqual(r, .trap(Trap(kind: .breakpoint)))
            let insns = Double(n) * Double(countInstructions(body) + 2)
            print("\(name): \(String(format: "%.2f", ns / insns)) ns/instruction")
        }
        try measure("integer add/mov", [0x48, 0x01, 0xD8, 0x48, 0x89, 0xC2, 0x48, 0x31, 0xD6, 0x48, 0x8D, 0x04, 0x10])
        try measure("addsd/mulsd/movsd/cvttsd2si", [0xF2, 0x0F, 0x58, 0xC1, 0xF2, 0x0F, 0x59, 0xC2, 0xF2, 0x0F, 0x10, 0xD8,
                                                   0xF2, 0x48, 0x0F, 0x2C, 0xC3])
        try measure("movsd load/store, divsd, sqrtsd", [0xF2, 0x0F, 0x10, 0x4B, 0x10, 0xF2, 0x0F, 0x5E, 0xC9, 0xF2, 0x0F, 0x51, 0xD1,
                                                       0xF2, 0x0F, 0x11, 0x53, 0x18])
        try measure("pxor/movaps/pcmpeqb/pmovmskb", [0x66, 0x0F, 0xEF, 0xE4, 0x0F, 0x28, 0xEC, 0x66, 0x0F, 0x74, 0xE8, 0x66, 0x0F, 0xD7, 0xC5])
        try measure("movdqu load/store, paddd, pshufd", [0xF3, 0x0F, 0x6F, 0x4B, 0x10, 0x66, 0x0F, 0xFE, 0xC9, 0x66, 0x0F, 0x70, 0xD1, 0x1B,
                                                        0xF3, 0x0F, 0x7F, 0x53, 0x20])
    }

    func countInstructions(_ b: [UInt8]) -> Int {
        var n = 0, i = 0
        while i < b.count {
            let r = Array(b[i...]).withUnsafeBufferPointer { Decoder.decode($0.baseAddress!, available: $0.count, pc: 0) }
            guard case .instruction(let d) = r else { break }
            i += Int(d.length)
            n += 1
        }
        return n
    }
}
