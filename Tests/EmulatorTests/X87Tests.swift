import XCTest
import Glibc
import CHost
@testable import Emulator

/// Runs machine code on the host CPU: the bytes are copied into an executable mapping and called
/// as a C function with rdi = `data`. The host is the oracle for the interpreter's x87 unit.
enum HostCode {
    static func run(_ code: [UInt8], data: UnsafeMutableRawPointer) {
        let size = (code.count + 4095) & ~4095
        let mem = mmap(nil, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mem, mem != MAP_FAILED else { fatalError("mmap for host code failed") }
        code.withUnsafeBytes { mem.copyMemory(from: $0.baseAddress!, byteCount: code.count) }
        typealias Entry = @convention(c) (UnsafeMutableRawPointer) -> Void
        unsafeBitCast(mem, to: Entry.self)(data)
        munmap(mem, size)
    }
}

/// The input block every x87 test program reads at [rdi+0x00...0xFF]; programs write their
/// results at 0x100...0x2FF and the harness dumps the final state at 0x300 (see `X87Harness`).
enum X87TestData {
    static let size = 0x400

    static func make() -> [UInt8] {
        var d = [UInt8](repeating: 0, count: size)
        func put<T: FixedWidthInteger>(_ v: T, _ off: Int) {
            withUnsafeBytes(of: v.littleEndian) { for (i, x) in $0.enumerated() { d[off + i] = x } }
        }
        put(Double(1.5).bitPattern, 0x00)
        put(Double(-2.75).bitPattern, 0x08)
        put(Double(1e300).bitPattern, 0x10)
        put(UInt64(1), 0x18)                              // smallest double denormal
        put(UInt64(0x7FF8_0000_0000_0001), 0x20)          // double QNaN
        put(UInt64(0x7FF0_0000_0000_0001), 0x28)          // double SNaN
        put(Float(3.25).bitPattern, 0x30)
        put(Float(-0.1).bitPattern, 0x34)
        put(UInt32(1), 0x38)                              // float denormal
        put(UInt32(0x7F80_0001), 0x3C)                    // float SNaN
        put(Int16(-1234), 0x40)
        put(Int16(7), 0x42)
        put(Int32(123_456_789), 0x44)
        put(Int32(-3), 0x48)
        put(Int64(0x0123_4567_89AB_CDEF), 0x50)
        put(Int64(-5), 0x58)
        put(UInt64(0xAAAA_AAAA_AAAA_AAAB), 0x60); put(UInt16(0x3FFD), 0x68)   // m80 1/3
        put(UInt64(0x8000_0000_0000_0000), 0x70); put(UInt16(0x7000), 0x78)   // m80 2^12289
        put(UInt64(0x4000_0000_0000_0000), 0x80); put(UInt16(0x3FFF), 0x88)   // m80 unnormal (unsupported)
        for (i, b) in [UInt8(0x89), 0x67, 0x45, 0x23, 0x01, 0, 0, 0, 0, 0x80].enumerated() { d[0x90 + i] = b }   // BCD -123456789
        put(Double(0.7).bitPattern, 0xA0)
        put(Double(10).bitPattern, 0xA8)
        put(Double(1e-310).bitPattern, 0xB0)              // double denormal
        put(Double(3e9).bitPattern, 0xB8)
        put(Double(-0.0).bitPattern, 0xC0)
        put(Double.infinity.bitPattern, 0xC8)
        put(Double(0x1p70).bitPattern, 0xD0)
        put(Double(1e19).bitPattern, 0xE0)                // beyond the 2^63 range of fsin/fcos/fptan
        put(UInt16(0x0377), 0xE6)                         // overflow unmasked
        put(UInt16(0x037B), 0xE8)                         // zero-divide unmasked
        put(UInt16(0x037F), 0xEE)                         // default: round to nearest
        put(UInt16(0x077F), 0xF0)                         // round down
        put(UInt16(0x0B7F), 0xF2)                         // round up
        put(UInt16(0x0F7F), 0xF4)                         // truncate
        put(UInt16(0x007F), 0xF6)                         // single precision
        put(UInt16(0x027F), 0xF8)                         // double precision
        put(UInt16(0x037E), 0xFA)                         // invalid unmasked
        put(UInt16(0xFFFF), 0xFC)
        put(UInt16(0x0000), 0xFE)
        return d
    }
}

/// Wraps a test program so that it starts from fninit and ends by dumping the x87 state:
/// fnstsw at 0x300, fnstcw at 0x302, fnsave (which also empties the host FPU) at 0x320.
enum X87Harness {
    static let prologue: [UInt8] = [0xDB, 0xE3]                     // fninit
    static let epilogue: [UInt8] = [
        0xDD, 0xBF, 0x00, 0x03, 0x00, 0x00,                         // fnstsw WORD PTR [rdi+0x300]
        0xD9, 0xBF, 0x02, 0x03, 0x00, 0x00,                         // fnstcw WORD PTR [rdi+0x302]
        0xDD, 0xB7, 0x20, 0x03, 0x00, 0x00,                         // fnsave [rdi+0x320]
    ]
    static let saveArea = 0x320

    /// Runs `code` natively; returns the data block afterwards.
    static func runNative(_ code: [UInt8], data: [UInt8]) -> [UInt8] {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 0x1000, alignment: 4096)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: 0x1000)
        data.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: data.count) }
        HostCode.run(prologue + code + epilogue + [0xC3], data: buffer)
        return Array(UnsafeRawBufferPointer(start: buffer, count: data.count))
    }

    /// Runs `code` in the interpreter with rdi = Sandbox.data; returns the data block, or nil
    /// (after failing the test) if the run did not reach the final int3.
    static func runEmulated(_ code: [UInt8], data: [UInt8], file: StaticString, line: UInt) -> [UInt8]? {
        let s = Sandbox()
        try! s.space.write(Sandbox.data, data)
        s.cpu[.rdi] = Sandbox.data
        let full = prologue + code + epilogue
        let r = s.run(full)
        guard s.completed(r, length: full.count) else {
            XCTFail("emulated run ended with \(r) at \(String(s.cpu.rip, radix: 16))", file: file, line: line)
            return nil
        }
        return try! s.space.read(Sandbox.data, count: data.count)
    }
}

private func hex(_ bytes: ArraySlice<UInt8>) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(separator: " ")
}

private func word(_ b: [UInt8], _ off: Int) -> UInt16 { UInt16(b[off]) | UInt16(b[off + 1]) << 8 }

private func quad(_ b: [UInt8], _ off: Int) -> UInt64 {
    var v: UInt64 = 0
    for i in 0..<8 { v |= UInt64(b[off + i]) << (8 * i) }
    return v
}

private func bytes<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
    withUnsafeBytes(of: v.littleEndian) { Array($0) }
}

/// The 10 significant bytes of a Swift Float80 (the host's extended format).
private func float80Bytes(_ v: Float80) -> [UInt8] {
    withUnsafeBytes(of: v) { Array($0.prefix(10)) }
}

/// The x87 unit and fxsave/fxrstor: host-CPU comparisons of byte-coded programs, plus the
/// interpreter-only behaviour (unmasked exceptions, faults, state images) checked by hand.
final class X87Tests: XCTestCase {
    /// Runs `code` natively and emulated and compares results (0x100...0x2FF), the final status
    /// and control words, tag word and FOP, and every non-empty register. `ignoring` lists byte
    /// ranges that legitimately differ (addresses, selectors, stale contents of empty registers);
    /// `flagSlots` are offsets of saved RFLAGS, compared on the arithmetic flags only.
    func checkAgainstHost(_ code: [UInt8], ignoring: [Range<Int>] = [], flagSlots: [Int] = [],
                          file: StaticString = #filePath, line: UInt = #line) {
        let data = X87TestData.make()
        var native = X87Harness.runNative(code, data: data)
        guard var emulated = X87Harness.runEmulated(code, data: data, file: file, line: line) else { return }
        for r in ignoring {
            for i in r { native[i] = 0; emulated[i] = 0 }
        }
        for slot in flagSlots {
            for i in 0..<8 {
                let keep: UInt8 = i == 0 ? 0xD5 : (i == 1 ? 0x08 : 0)   // CF PF AF ZF SF, OF
                native[slot + i] &= keep
                emulated[slot + i] &= keep
            }
        }
        var offsets: [Int] = []
        for i in 0x100..<0x300 where native[i] != emulated[i] { offsets.append(i) }
        if let first = offsets.first {
            let start = first & ~15
            XCTFail("results differ at \(offsets.map { String($0, radix: 16) })\n native:   \(hex(native[start..<start + 32]))\n emulated: \(hex(emulated[start..<start + 32]))",
                    file: file, line: line)
        }
        XCTAssertEqual(String(word(emulated, 0x300), radix: 16), String(word(native, 0x300), radix: 16), "status word", file: file, line: line)
        XCTAssertEqual(String(word(emulated, 0x302), radix: 16), String(word(native, 0x302), radix: 16), "control word", file: file, line: line)
        let area = X87Harness.saveArea
        XCTAssertEqual(String(word(emulated, area + 8), radix: 16), String(word(native, area + 8), radix: 16), "tag word", file: file, line: line)
        XCTAssertEqual(String(word(emulated, area + 18), radix: 16), String(word(native, area + 18), radix: 16), "FOP", file: file, line: line)
        let top = Int(word(native, area + 4) >> 11) & 7
        let tags = word(native, area + 8)
        for i in 0..<8 where (tags >> UInt16(((top + i) & 7) * 2)) & 3 != 3 {
            let off = area + 28 + 10 * i
            XCTAssertEqual(hex(emulated[off..<off + 10]), hex(native[off..<off + 10]), "ST(\(i))", file: file, line: line)
        }
    }

    // MARK: Host-oracle comparisons (every decoded form appears in at least one program)

    func testLoads() { checkAgainstHost(X87Programs.loads) }
    func testLoadsOfSpecialValues() { checkAgainstHost(X87Programs.loads2) }
    func testStores() { checkAgainstHost(X87Programs.stores) }
    func testStoresOutOfRange() { checkAgainstHost(X87Programs.storesOutOfRange) }
    func testArithmeticM32() { checkAgainstHost(X87Programs.arithM32) }
    func testArithmeticM64() { checkAgainstHost(X87Programs.arithM64) }
    func testArithmeticM32Int() { checkAgainstHost(X87Programs.arithM32Int) }
    func testArithmeticM16Int() { checkAgainstHost(X87Programs.arithM16Int) }
    func testArithmeticRegisters() { checkAgainstHost(X87Programs.arithRegisters) }
    func testCompares() { checkAgainstHost(X87Programs.compares) }
    func testCompareEFlags() {
        checkAgainstHost(X87Programs.compareEFlags, flagSlots: [0x100, 0x108, 0x110, 0x120, 0x130, 0x138, 0x140])
    }
    func testExamine() { checkAgainstHost(X87Programs.examine) }
    func testTranscendentals() { checkAgainstHost(X87Programs.transcendentals) }
    func testRoundingModesAndConstants() { checkAgainstHost(X87Programs.roundingAndConstants) }
    func testPrecisionControl() { checkAgainstHost(X87Programs.precisionControl) }
    func testStackOperations() { checkAgainstHost(X87Programs.stackOperations) }
    func testConditionalMoves() { checkAgainstHost(X87Programs.conditionalMoves) }
    func testStackFaultsMasked() { checkAgainstHost(X87Programs.stackFaultsMasked, flagSlots: [0x150]) }
    func testStackWrapAround() { checkAgainstHost(X87Programs.stackWrapAround) }
    /// fprem/fprem1 leave C0, C1, C3 alone for some operands, even when the host's own condition
    /// bits (from an earlier host operation) differ from the guest's.
    func testRemainderConditionBits() { checkAgainstHost(X87Programs.premConditionBits) }
    func testStatusAndControl() { checkAgainstHost(X87Programs.statusAndControl) }
    func testEnvironmentSaveRestore() {
        // FIP, FCS, FDP, FDS hold addresses and selectors; ST(6), ST(7) are empty when saved.
        checkAgainstHost(X87Programs.environment, ignoring: [
            0x10C..<0x112, 0x114..<0x11A,                        // fnstenv
            0x13C..<0x142, 0x144..<0x14A, 0x168..<0x17C,         // fnsave
            0x1A6..<0x1AE,                                       // 16-bit fnstenv
            0x1C6..<0x1CE, 0x1FA..<0x21E,                        // 16-bit fnsave
        ])
    }
    func testDigitGenerationLoop() {
        checkAgainstHost(X87Programs.digitLoop)
        // The digits __ldtoa-style code gets from pi: exact for the first 18.
        let data = X87TestData.make()
        guard let out = X87Harness.runEmulated(X87Programs.digitLoop, data: data, file: #filePath, line: #line) else { return }
        let digits = (0..<18).map { out[0x100 + 4 * $0] }
        XCTAssertEqual(digits, [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3])
        XCTAssertEqual(quad(out, 0x1C0) & 0xffff_ffff, 996)     // binary exponent of 1e300 (fxtract)
        XCTAssertEqual(quad(out, 0x1C4) & 0xffff_ffff, 300)     // decimal exponent: 996 / log2(10), rounded
    }
    func testFxsaveLayoutMatchesHost64() {
        // FOP/FIP/FDP (AMD stores them only with an exception pending), MXCSR flags and XMM
        // registers differ by nature; ST(4)...ST(7) are empty. MXCSR_MASK is the host's limited
        // to the 16 bits the emulated MXCSR has.
        checkAgainstHost(X87Programs.fxsaveLayout64, ignoring: [0x106..<0x120, 0x160..<0x2A0])
        XCTAssertEqual(X87SaveArea.mxcsrMask, hx87_mxcsr_mask() & 0xFFFF)
    }
    func testFxsaveLayoutMatchesHost32() {
        checkAgainstHost(X87Programs.fxsaveLayout32, ignoring: [0x106..<0x120, 0x160..<0x2A0])
    }

    // MARK: Interpreter-only checks (unmasked exceptions, faults, state images)

    /// A sandbox with the test data at Sandbox.data and rdi pointing at it.
    private func sandbox(rdi: UInt64 = Sandbox.data) -> Sandbox {
        let s = Sandbox()
        try! s.space.write(Sandbox.data, X87TestData.make())
        s.cpu[.rdi] = rdi
        return s
    }

    private func st(_ cpu: X86CPU, _ i: Int) -> [UInt8] {
        let p = cpu.x87.regs + ((cpu.x87.top + i) & 7) * 16
        return Array(UnsafeRawBufferPointer(start: p, count: 10))
    }

    func testUnmaskedInvalidTrapsAtNextWaitingInstruction() throws {
        let s = sandbox()
        let code = X87Programs.unmaskedInvalid
        XCTAssertEqual(s.run(code), .trap(Trap(kind: .floatingPoint)))
        XCTAssertEqual(s.cpu.rip, Sandbox.code + UInt64(code.count - 2), "trap at fnop, after the non-waiting fnstsw")
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x100, as: UInt16.self), 0xB881)   // B, TOP 7, ES, IE
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x102, as: UInt16.self), 0x037E)
        XCTAssertEqual(st(s.cpu, 0), float80Bytes(-1), "fsqrt with unmasked IE leaves its operand")
    }

    func testUnmaskedZeroDivideAndPendingExceptionFromFldcw() throws {
        let s = sandbox()
        let code = X87Programs.unmaskedZeroDivide
        XCTAssertEqual(s.run(code), .trap(Trap(kind: .floatingPoint)))
        XCTAssertEqual(s.cpu.rip, Sandbox.code + UInt64(code.count - 2), "trap at the final fld1")
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x100, as: UInt16.self), 0xB084)   // ST(0) stays 0
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x102, as: UInt16.self), 0x3004)   // masked: 1/0 = inf
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x104, as: UInt16.self), 0xB084)   // fldcw unmasks ZE
        XCTAssertEqual(st(s.cpu, 0), float80Bytes(.infinity))
        XCTAssertEqual(s.cpu.x87.top, 6)
    }

    func testUnmaskedOverflowLeavesMemoryDestination() throws {
        let s = sandbox()
        let code = X87Programs.unmaskedOverflowStore
        XCTAssertEqual(s.run(code), .trap(Trap(kind: .floatingPoint)))
        XCTAssertEqual(s.cpu.rip, Sandbox.code + UInt64(code.count - 2))
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x100, as: UInt32.self), 0)
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x104, as: UInt16.self), 0xB8A8)   // B, TOP 7, ES, PE, OE
    }

    func testUnmaskedStackOverflowPushesNothing() throws {
        let s = sandbox()
        let code = X87Programs.unmaskedStackOverflow
        XCTAssertTrue(s.completed(s.run(code), length: code.count))
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x100, as: UInt16.self), 0x82C1)   // B, C1, ES, SF, IE; TOP 0
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x102, as: UInt16.self), 0x0200)
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x104, as: UInt16.self), 0x0000)
        XCTAssertEqual(s.cpu.x87.tagValid, 0xFF)
        XCTAssertEqual(st(s.cpu, 0), float80Bytes(.pi))
        for i in 1..<8 { XCTAssertEqual(st(s.cpu, i), float80Bytes(1)) }
    }

    func testFwaitRaisesPendingException() {
        let s = sandbox()
        let p = UnsafeMutablePointer<Instruction>.allocate(capacity: 1)
        defer { p.deallocate() }
        p.initialize(to: Instruction())
        X87Decoder.decodeWait(&p.pointee)
        XCTAssertEqual(p.pointee.op, .x87)
        XCTAssertNoThrow(try s.cpu.executeX87(p))
        s.cpu.x87.status = X87Status.zeroDivide | X87Status.errorSummary | X87Status.busy
        XCTAssertThrowsError(try s.cpu.executeX87(p)) { XCTAssertEqual($0 as? Trap, Trap(kind: .floatingPoint)) }
    }

    func testInstructionAndDataPointers() throws {
        let s = sandbox()
        s.cpu.fsBase = 0x800
        let code = X87Programs.instructionPointers
        XCTAssertTrue(s.completed(s.run(code), length: code.count))
        let env = try s.space.read(Sandbox.data + 0x100, count: 28)
        XCTAssertEqual(quad(env, 12) & 0xffff_ffff, Sandbox.code)         // FIP: the fld
        XCTAssertEqual(word(env, 18), 0x547)                              // FOP: DD 47
        XCTAssertEqual(quad(env, 20) & 0xffff_ffff, Sandbox.data + 8)     // FDP
        XCTAssertEqual(word(env, 2), 0xFFFF)
        let fx = try s.space.read(Sandbox.data + 0x200, count: 32)
        XCTAssertEqual(word(fx, 6), 0x1EB)                                // fldpi
        XCTAssertEqual(quad(fx, 8), Sandbox.code + 9)
        XCTAssertEqual(quad(fx, 16), Sandbox.data + 8)                    // fldpi has no memory operand
        let save = try s.space.read(Sandbox.data + 0x130, count: 108)
        XCTAssertEqual(quad(save, 12) & 0xffff_ffff, Sandbox.code + 21)   // the fs: fstp
        XCTAssertEqual(word(save, 18), 0x19F)
        XCTAssertEqual(quad(save, 20) & 0xffff_ffff, Sandbox.data + 0x120, "FDP is the offset, without the fs base")
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x920, as: UInt32.self), 0x4049_0FDB)   // pi rounded to nearest float
        XCTAssertEqual(s.cpu.x87.control, 0x037F, "fnsave reinitializes")
        XCTAssertEqual(s.cpu.x87.tagValid, 0)
    }

    func testStoreCrossingIntoUnmappedPageChangesNothing() throws {
        let s = sandbox(rdi: Sandbox.data + 0xFFA)
        let r = s.run(X87Programs.pageCrossingStore)
        guard case .trap(let t) = r else { return XCTFail("\(r)") }
        XCTAssertEqual(t.kind, .pageFault)
        XCTAssertEqual(t.address, Sandbox.data + 0x1000)
        XCTAssertEqual(s.cpu.rip, Sandbox.code + 2)
        XCTAssertEqual(try s.space.read(Sandbox.data + 0xFFA, count: 6), [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(s.cpu.x87.top, 7, "not popped")
        XCTAssertEqual(s.cpu.x87.tagValid, 0x80)
    }

    func testFnsaveCrossingIntoUnmappedPageChangesNothing() throws {
        let s = sandbox(rdi: Sandbox.data + 0xFC0)
        let r = s.run(X87Programs.pageCrossingSave)
        guard case .trap(let t) = r else { return XCTFail("\(r)") }
        XCTAssertEqual(t.kind, .pageFault)
        XCTAssertEqual(try s.space.read(Sandbox.data + 0xFC0, count: 64), [UInt8](repeating: 0, count: 64))
        XCTAssertEqual(s.cpu.x87.top, 7)
        XCTAssertEqual(s.cpu.x87.tagValid, 0x80)
    }

    func testFxsaveFxrstorRoundTrip() throws {
        let s = sandbox()
        try s.space.write(Sandbox.data + 0x200, [UInt8](repeating: 0xAA, count: 512))
        for i in 0..<16 { s.cpu.setXMM(i, low: UInt64(i) * 0x0101_0101_0101_0101, high: ~UInt64(i)) }
        s.cpu.mxcsr = 0x3F80
        let code = X87Programs.stateForSave
        XCTAssertTrue(s.completed(s.run(code), length: code.count))
        let area = try s.space.read(Sandbox.data + 0x200, count: 512)
        XCTAssertEqual(word(area, 0), 0x0B7F)
        XCTAssertEqual(word(area, 2), s.cpu.x87StatusWord)
        XCTAssertEqual(word(area, 2) >> 11 & 7, 4)
        XCTAssertEqual(area[4], 0xF0, "abridged tag: physical registers 4...7")
        XCTAssertEqual(area[5], 0)
        XCTAssertEqual(UInt32(truncatingIfNeeded: quad(area, 24)), 0x3F80)
        XCTAssertEqual(UInt32(truncatingIfNeeded: quad(area, 24) >> 32), X87SaveArea.mxcsrMask)
        let expected: [Float80] = [-2.75, 0, .pi, 1]
        for (i, v) in expected.enumerated() {
            XCTAssertEqual(Array(area[32 + 16 * i..<42 + 16 * i]), float80Bytes(v), "ST(\(i))")
            XCTAssertEqual(Array(area[42 + 16 * i..<48 + 16 * i]), [0, 0, 0, 0, 0, 0])
        }
        for i in 0..<16 {
            XCTAssertEqual(quad(area, 160 + 16 * i), UInt64(i) * 0x0101_0101_0101_0101)
            XCTAssertEqual(quad(area, 168 + 16 * i), ~UInt64(i))
        }
        XCTAssertEqual(Array(area[416..<512]), [UInt8](repeating: 0xAA, count: 96), "bytes 416...511 are left alone")

        let saved = (s.cpu.x87.control, s.cpu.x87StatusWord, s.cpu.x87.tagValid, s.cpu.x87.lastIP, s.cpu.x87.lastOpcode,
                     (0..<8).map { st(s.cpu, $0) })
        s.cpu.x87.reset()
        s.cpu.x87.lastIP = 0
        for i in 0..<16 { s.cpu.setXMM(i, low: 0, high: 0) }
        s.cpu.mxcsr = 0x1F80
        XCTAssertTrue(s.completed(s.run(X87Programs.restoreState), length: X87Programs.restoreState.count))
        XCTAssertEqual(s.cpu.x87.control, saved.0)
        XCTAssertEqual(s.cpu.x87StatusWord, saved.1)
        XCTAssertEqual(s.cpu.x87.tagValid, saved.2)
        XCTAssertEqual(s.cpu.x87.lastIP, saved.3)
        XCTAssertEqual(s.cpu.x87.lastOpcode, saved.4)
        for i in 0..<4 { XCTAssertEqual(st(s.cpu, i), saved.5[i]) }
        XCTAssertEqual(s.cpu.mxcsr, 0x3F80)
        for i in 0..<16 {
            XCTAssertEqual(s.cpu.xmmLow64(i), UInt64(i) * 0x0101_0101_0101_0101)
            XCTAssertEqual(s.cpu.xmmHigh64(i), ~UInt64(i))
        }
    }

    func testFxrstorRejectsReservedMXCSRBitsBeforeChangingState() throws {
        let s = sandbox()
        var area = [UInt8](repeating: 0, count: 512)
        area[24] = 0x80; area[25] = 0x1F; area[26] = 0x01   // MXCSR 0x11F80: bit 16 reserved
        try s.space.write(Sandbox.data + 0x200, area)
        XCTAssertEqual(s.run(X87Programs.invalidRestore), .trap(Trap(kind: .generalProtection)))
        XCTAssertEqual(s.cpu.rip, Sandbox.code + 2)
        XCTAssertEqual(s.cpu.x87.top, 7)
        XCTAssertEqual(s.cpu.x87.tagValid, 0x80)
        XCTAssertEqual(s.cpu.mxcsr, 0x1F80)
    }

    func testMisalignedFxsaveIsGeneralProtection() {
        let s = sandbox(rdi: Sandbox.data + 8)
        XCTAssertEqual(s.run(X87Programs.saveState), .trap(Trap(kind: .generalProtection)))
        XCTAssertEqual(s.cpu.rip, Sandbox.code)
        let r = s.run(X87Programs.restoreState)
        XCTAssertEqual(r, .trap(Trap(kind: .generalProtection)))
    }

    func testLdmxcsrAndStmxcsr() throws {
        let s = sandbox()
        try s.space.write(Sandbox.data + 0x104, bytes(UInt32(0x9FC0)))
        XCTAssertTrue(s.completed(s.run(X87Programs.mxcsr), length: X87Programs.mxcsr.count))
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x100, as: UInt32.self), 0x1F80)
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 0x108, as: UInt32.self), 0x9FC0)
        try s.space.write(Sandbox.data + 0x104, bytes(UInt32(0x1_1F80)))
        XCTAssertEqual(s.run(X87Programs.mxcsr), .trap(Trap(kind: .generalProtection)))
    }

    func testLongDoubleArithmeticMatchesSwiftFloat80() throws {
        let s = sandbox()
        let a: Float80 = 2 / 3 as Float80
        let b: Float80 = 1.0e-5
        try s.space.write(Sandbox.data, float80Bytes(a))
        try s.space.write(Sandbox.data + 0x10, float80Bytes(b))
        let code = X87Programs.longDoubleDivide
        XCTAssertTrue(s.completed(s.run(code), length: code.count))
        let out = try s.space.read(Sandbox.data + 0x100, count: 0x50)
        XCTAssertEqual(Array(out[0x00..<0x0A]), float80Bytes(a / b))
        XCTAssertEqual(Array(out[0x10..<0x1A]), float80Bytes(a * b))
        XCTAssertEqual(Array(out[0x20..<0x2A]), float80Bytes(a + b))
        XCTAssertEqual(Array(out[0x30..<0x3A]), float80Bytes(b - a))
        XCTAssertEqual(Array(out[0x40..<0x4A]), float80Bytes(a.squareRoot()))
    }

    func testResetForExecResetsX87() {
        let s = sandbox()
        XCTAssertTrue(s.completed(s.run(X87Programs.stateForSave), length: X87Programs.stateForSave.count))
        s.cpu.resetForExec(entry: Sandbox.code, stack: Sandbox.stackTop - 0x100, argumentBlock: 0)
        XCTAssertEqual(s.cpu.x87.control, 0x037F)
        XCTAssertEqual(s.cpu.x87StatusWord, 0)
        XCTAssertEqual(s.cpu.x87.tagValid, 0)
        XCTAssertEqual(s.cpu.mxcsr, 0x1F80)
    }

    func testHostBufferLayout() {
        // hx87_exec reads the memory operand at offset 0 and writes results at 16 and 32.
        XCTAssertEqual(MemoryLayout<X87HostBuffers>.offset(of: \.mem), 0)
        XCTAssertEqual(MemoryLayout<X87HostBuffers>.offset(of: \.out0), 16)
        XCTAssertEqual(MemoryLayout<X87HostBuffers>.offset(of: \.out1), 32)
    }

    func testUndefinedEncodingsAreInvalid() {
        let encodings: [[UInt8]] = [
            [0xD9, 0xD1], [0xD9, 0xE2], [0xD9, 0xE3], [0xD9, 0xE6], [0xD9, 0xE7], [0xD9, 0xEF], [0xD9, 0x0F],
            [0xDA, 0xE8], [0xDA, 0xF0], [0xDA, 0xF8], [0xDB, 0xE5], [0xDB, 0xF8], [0xDB, 0x27], [0xDB, 0x37],
            [0xDD, 0xF0], [0xDD, 0xF8], [0xDD, 0x2F], [0xDE, 0xD8], [0xDF, 0xE1], [0xDF, 0xF8],
            [0xF0, 0xD8, 0x07],   // lock fadd
        ]
        for e in encodings {
            let s = sandbox()
            let r = s.run(e)
            guard case .invalidInstruction(let b) = r else { XCTFail("\(e.map { String($0, radix: 16) }): \(r)"); continue }
            XCTAssertEqual(Array(b.prefix(e.count)), e)
            XCTAssertEqual(s.cpu.rip, Sandbox.code)
        }
    }
}

/// The test programs: bytes produced by GNU as (Intel syntax) from the source in the comments.
/// DC/DE register forms are commented with the Intel SDM's names, which differ from what AT&T
/// tradition (and GNU as) calls them.
enum X87Programs {
    /// loads
    static let loads: [UInt8] = [
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0x47, 0x30,                           // fld DWORD PTR [rdi+0x30]
        0xD9, 0x47, 0x34,                           // fld DWORD PTR [rdi+0x34]
        0xD9, 0x47, 0x38,                           // fld DWORD PTR [rdi+0x38]
        0xDF, 0x47, 0x40,                           // fild WORD PTR [rdi+0x40]
        0xDB, 0x47, 0x44,                           // fild DWORD PTR [rdi+0x44]
        0xDF, 0x6F, 0x50,                           // fild QWORD PTR [rdi+0x50]
    ]

    /// loads2
    static let loads2: [UInt8] = [
        0xDB, 0x6F, 0x60,                           // fld TBYTE PTR [rdi+0x60]
        0xDB, 0x6F, 0x70,                           // fld TBYTE PTR [rdi+0x70]
        0xDF, 0xA7, 0x90, 0x00, 0x00, 0x00,         // fbld TBYTE PTR [rdi+0x90]
        0xDD, 0x47, 0x18,                           // fld QWORD PTR [rdi+0x18]
        0xD9, 0x47, 0x3C,                           // fld DWORD PTR [rdi+0x3C]
        0xDD, 0x47, 0x20,                           // fld QWORD PTR [rdi+0x20]
        0xDF, 0x6F, 0x58,                           // fild QWORD PTR [rdi+0x58]
        0xDF, 0x47, 0x42,                           // fild WORD PTR [rdi+0x42]
    ]

    /// stores
    static let stores: [UInt8] = [
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0x97, 0x00, 0x01, 0x00, 0x00,         // fst DWORD PTR [rdi+0x100]
        0xDD, 0x97, 0x08, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x108]
        0xDF, 0x97, 0x10, 0x01, 0x00, 0x00,         // fist WORD PTR [rdi+0x110]
        0xDB, 0x97, 0x14, 0x01, 0x00, 0x00,         // fist DWORD PTR [rdi+0x114]
        0xD9, 0xC0,                                 // fld st(0)
        0xDF, 0xBF, 0x18, 0x01, 0x00, 0x00,         // fistp QWORD PTR [rdi+0x118]
        0xD9, 0xC0,                                 // fld st(0)
        0xDF, 0x8F, 0x20, 0x01, 0x00, 0x00,         // fisttp WORD PTR [rdi+0x120]
        0xD9, 0xC0,                                 // fld st(0)
        0xDB, 0x8F, 0x24, 0x01, 0x00, 0x00,         // fisttp DWORD PTR [rdi+0x124]
        0xD9, 0xC0,                                 // fld st(0)
        0xDD, 0x8F, 0x28, 0x01, 0x00, 0x00,         // fisttp QWORD PTR [rdi+0x128]
        0xD9, 0xC0,                                 // fld st(0)
        0xDF, 0xB7, 0x30, 0x01, 0x00, 0x00,         // fbstp TBYTE PTR [rdi+0x130]
        0xD9, 0xC0,                                 // fld st(0)
        0xDB, 0xBF, 0x40, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x140]
        0xD9, 0x47, 0x34,                           // fld DWORD PTR [rdi+0x34]
        0xD9, 0x9F, 0x50, 0x01, 0x00, 0x00,         // fstp DWORD PTR [rdi+0x150]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDD, 0x9F, 0x58, 0x01, 0x00, 0x00,         // fstp QWORD PTR [rdi+0x158]
        0xDF, 0x6F, 0x50,                           // fild QWORD PTR [rdi+0x50]
        0xDF, 0xB7, 0x60, 0x01, 0x00, 0x00,         // fbstp TBYTE PTR [rdi+0x160]
        0xDF, 0x47, 0x40,                           // fild WORD PTR [rdi+0x40]
        0xDF, 0x9F, 0x70, 0x01, 0x00, 0x00,         // fistp WORD PTR [rdi+0x170]
        0xDB, 0x47, 0x44,                           // fild DWORD PTR [rdi+0x44]
        0xDB, 0x9F, 0x74, 0x01, 0x00, 0x00,         // fistp DWORD PTR [rdi+0x174]
    ]

    /// storesOutOfRange
    static let storesOutOfRange: [UInt8] = [
        0xDD, 0x47, 0x10,                           // fld QWORD PTR [rdi+0x10]
        0xD9, 0x97, 0x00, 0x01, 0x00, 0x00,         // fst DWORD PTR [rdi+0x100]
        0xDB, 0x97, 0x04, 0x01, 0x00, 0x00,         // fist DWORD PTR [rdi+0x104]
        0xDF, 0x97, 0x08, 0x01, 0x00, 0x00,         // fist WORD PTR [rdi+0x108]
        0xDD, 0x8F, 0x10, 0x01, 0x00, 0x00,         // fisttp QWORD PTR [rdi+0x110]
        0xDD, 0xBF, 0xF0, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1F0]
        0xDB, 0xE2,                                 // fnclex
        0xDD, 0x87, 0xB8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xB8]
        0xDB, 0x97, 0x18, 0x01, 0x00, 0x00,         // fist DWORD PTR [rdi+0x118]
        0xDF, 0xBF, 0x20, 0x01, 0x00, 0x00,         // fistp QWORD PTR [rdi+0x120]
        0xDD, 0xBF, 0xF2, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1F2]
        0xDB, 0xE2,                                 // fnclex
        0xDD, 0x47, 0x20,                           // fld QWORD PTR [rdi+0x20]
        0xD9, 0x97, 0x28, 0x01, 0x00, 0x00,         // fst DWORD PTR [rdi+0x128]
        0xDF, 0x9F, 0x2C, 0x01, 0x00, 0x00,         // fistp WORD PTR [rdi+0x12C]
        0xDD, 0xBF, 0xF4, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1F4]
        0xDB, 0xE2,                                 // fnclex
        0xDD, 0x87, 0xB0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xB0]
        0xD9, 0x97, 0x30, 0x01, 0x00, 0x00,         // fst DWORD PTR [rdi+0x130]
        0xDD, 0x9F, 0x38, 0x01, 0x00, 0x00,         // fstp QWORD PTR [rdi+0x138]
        0xDD, 0xBF, 0xF6, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1F6]
        0xDB, 0xE2,                                 // fnclex
        0xDD, 0x87, 0xC8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xC8]
        0xDF, 0xB7, 0x40, 0x01, 0x00, 0x00,         // fbstp TBYTE PTR [rdi+0x140]
        0xDD, 0xBF, 0xF8, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1F8]
        0xDB, 0xE2,                                 // fnclex
        0xDD, 0x47, 0x28,                           // fld QWORD PTR [rdi+0x28]
        0xDD, 0x97, 0x50, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x150]
        0xDB, 0xBF, 0x58, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x158]
        0xDD, 0xBF, 0xFA, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1FA]
    ]

    /// arithM32
    static let arithM32: [UInt8] = [
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xD8, 0x47, 0x30,                           // fadd DWORD PTR [rdi+0x30]
        0xDB, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x100]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xD8, 0x4F, 0x30,                           // fmul DWORD PTR [rdi+0x30]
        0xDB, 0xBF, 0x0A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x10a]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xD8, 0x67, 0x30,                           // fsub DWORD PTR [rdi+0x30]
        0xDB, 0xBF, 0x14, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x114]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xD8, 0x6F, 0x30,                           // fsubr DWORD PTR [rdi+0x30]
        0xDB, 0xBF, 0x1E, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x11e]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xD8, 0x77, 0x30,                           // fdiv DWORD PTR [rdi+0x30]
        0xDB, 0xBF, 0x28, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x128]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xD8, 0x7F, 0x30,                           // fdivr DWORD PTR [rdi+0x30]
        0xDB, 0xBF, 0x32, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x132]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xD8, 0x57, 0x30,                           // fcom DWORD PTR [rdi+0x30]
        0xDD, 0xBF, 0x3C, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x13c]
        0xD8, 0x57, 0x34,                           // fcom DWORD PTR [rdi+0x34]
        0xDD, 0xBF, 0x3E, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x13e]
        0xD8, 0x5F, 0x30,                           // fcomp DWORD PTR [rdi+0x30]
        0xDD, 0xBF, 0x40, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x140]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD8, 0x47, 0x34,                           // fadd DWORD PTR [rdi+0x34]
        0xDB, 0xBF, 0x42, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x142]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD8, 0x4F, 0x34,                           // fmul DWORD PTR [rdi+0x34]
        0xDB, 0xBF, 0x4C, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x14c]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD8, 0x67, 0x34,                           // fsub DWORD PTR [rdi+0x34]
        0xDB, 0xBF, 0x56, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x156]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD8, 0x6F, 0x34,                           // fsubr DWORD PTR [rdi+0x34]
        0xDB, 0xBF, 0x60, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x160]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD8, 0x77, 0x34,                           // fdiv DWORD PTR [rdi+0x34]
        0xDB, 0xBF, 0x6A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x16a]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD8, 0x7F, 0x34,                           // fdivr DWORD PTR [rdi+0x34]
        0xDB, 0xBF, 0x74, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x174]
    ]

    /// arithM64
    static let arithM64: [UInt8] = [
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDC, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fadd QWORD PTR [rdi+0xa0]
        0xDB, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x100]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDC, 0x8F, 0xA0, 0x00, 0x00, 0x00,         // fmul QWORD PTR [rdi+0xa0]
        0xDB, 0xBF, 0x0A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x10a]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDC, 0xA7, 0xA0, 0x00, 0x00, 0x00,         // fsub QWORD PTR [rdi+0xa0]
        0xDB, 0xBF, 0x14, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x114]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDC, 0xAF, 0xA0, 0x00, 0x00, 0x00,         // fsubr QWORD PTR [rdi+0xa0]
        0xDB, 0xBF, 0x1E, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x11e]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDC, 0xB7, 0xA0, 0x00, 0x00, 0x00,         // fdiv QWORD PTR [rdi+0xa0]
        0xDB, 0xBF, 0x28, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x128]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDC, 0xBF, 0xA0, 0x00, 0x00, 0x00,         // fdivr QWORD PTR [rdi+0xa0]
        0xDB, 0xBF, 0x32, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x132]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDC, 0x97, 0xA0, 0x00, 0x00, 0x00,         // fcom QWORD PTR [rdi+0xa0]
        0xDD, 0xBF, 0x3C, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x13c]
        0xDC, 0x17,                                 // fcom QWORD PTR [rdi+0x0]
        0xDD, 0xBF, 0x3E, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x13e]
        0xDC, 0x9F, 0xA0, 0x00, 0x00, 0x00,         // fcomp QWORD PTR [rdi+0xa0]
        0xDD, 0xBF, 0x40, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x140]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDC, 0x07,                                 // fadd QWORD PTR [rdi+0x0]
        0xDB, 0xBF, 0x42, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x142]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDC, 0x0F,                                 // fmul QWORD PTR [rdi+0x0]
        0xDB, 0xBF, 0x4C, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x14c]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDC, 0x27,                                 // fsub QWORD PTR [rdi+0x0]
        0xDB, 0xBF, 0x56, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x156]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDC, 0x2F,                                 // fsubr QWORD PTR [rdi+0x0]
        0xDB, 0xBF, 0x60, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x160]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDC, 0x37,                                 // fdiv QWORD PTR [rdi+0x0]
        0xDB, 0xBF, 0x6A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x16a]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDC, 0x3F,                                 // fdivr QWORD PTR [rdi+0x0]
        0xDB, 0xBF, 0x74, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x174]
    ]

    /// arithM32Int
    static let arithM32Int: [UInt8] = [
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDA, 0x47, 0x44,                           // fiadd DWORD PTR [rdi+0x44]
        0xDB, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x100]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDA, 0x4F, 0x44,                           // fimul DWORD PTR [rdi+0x44]
        0xDB, 0xBF, 0x0A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x10a]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDA, 0x67, 0x44,                           // fisub DWORD PTR [rdi+0x44]
        0xDB, 0xBF, 0x14, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x114]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDA, 0x6F, 0x44,                           // fisubr DWORD PTR [rdi+0x44]
        0xDB, 0xBF, 0x1E, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x11e]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDA, 0x77, 0x44,                           // fidiv DWORD PTR [rdi+0x44]
        0xDB, 0xBF, 0x28, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x128]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDA, 0x7F, 0x44,                           // fidivr DWORD PTR [rdi+0x44]
        0xDB, 0xBF, 0x32, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x132]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDA, 0x57, 0x44,                           // ficom DWORD PTR [rdi+0x44]
        0xDD, 0xBF, 0x3C, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x13c]
        0xDA, 0x5F, 0x48,                           // ficomp DWORD PTR [rdi+0x48]
        0xDD, 0xBF, 0x3E, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x13e]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDA, 0x47, 0x48,                           // fiadd DWORD PTR [rdi+0x48]
        0xDB, 0xBF, 0x40, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x140]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDA, 0x4F, 0x48,                           // fimul DWORD PTR [rdi+0x48]
        0xDB, 0xBF, 0x4A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x14a]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDA, 0x67, 0x48,                           // fisub DWORD PTR [rdi+0x48]
        0xDB, 0xBF, 0x54, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x154]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDA, 0x6F, 0x48,                           // fisubr DWORD PTR [rdi+0x48]
        0xDB, 0xBF, 0x5E, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x15e]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDA, 0x77, 0x48,                           // fidiv DWORD PTR [rdi+0x48]
        0xDB, 0xBF, 0x68, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x168]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDA, 0x7F, 0x48,                           // fidivr DWORD PTR [rdi+0x48]
        0xDB, 0xBF, 0x72, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x172]
    ]

    /// arithM16Int
    static let arithM16Int: [UInt8] = [
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDE, 0x47, 0x40,                           // fiadd WORD PTR [rdi+0x40]
        0xDB, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x100]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDE, 0x4F, 0x40,                           // fimul WORD PTR [rdi+0x40]
        0xDB, 0xBF, 0x0A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x10a]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDE, 0x67, 0x40,                           // fisub WORD PTR [rdi+0x40]
        0xDB, 0xBF, 0x14, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x114]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDE, 0x6F, 0x40,                           // fisubr WORD PTR [rdi+0x40]
        0xDB, 0xBF, 0x1E, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x11e]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDE, 0x77, 0x40,                           // fidiv WORD PTR [rdi+0x40]
        0xDB, 0xBF, 0x28, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x128]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDE, 0x7F, 0x40,                           // fidivr WORD PTR [rdi+0x40]
        0xDB, 0xBF, 0x32, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x132]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDE, 0x57, 0x40,                           // ficom WORD PTR [rdi+0x40]
        0xDD, 0xBF, 0x3C, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x13c]
        0xDE, 0x5F, 0x42,                           // ficomp WORD PTR [rdi+0x42]
        0xDD, 0xBF, 0x3E, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x13e]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDE, 0x47, 0x42,                           // fiadd WORD PTR [rdi+0x42]
        0xDB, 0xBF, 0x40, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x140]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDE, 0x4F, 0x42,                           // fimul WORD PTR [rdi+0x42]
        0xDB, 0xBF, 0x4A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x14a]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDE, 0x67, 0x42,                           // fisub WORD PTR [rdi+0x42]
        0xDB, 0xBF, 0x54, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x154]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDE, 0x6F, 0x42,                           // fisubr WORD PTR [rdi+0x42]
        0xDB, 0xBF, 0x5E, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x15e]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDE, 0x77, 0x42,                           // fidiv WORD PTR [rdi+0x42]
        0xDB, 0xBF, 0x68, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x168]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDE, 0x7F, 0x42,                           // fidivr WORD PTR [rdi+0x42]
        0xDB, 0xBF, 0x72, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x172]
    ]

    /// arithRegisters
    static let arithRegisters: [UInt8] = [
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xD9, 0x47, 0x34,                           // fld DWORD PTR [rdi+0x34]
        0xD8, 0xC2,                                 // fadd st, st(2)
        0xD8, 0xC9,                                 // fmul st, st(1)
        0xD8, 0xE2,                                 // fsub st, st(2)
        0xD8, 0xE9,                                 // fsubr st, st(1)
        0xD8, 0xF2,                                 // fdiv st, st(2)
        0xD8, 0xF9,                                 // fdivr st, st(1)
        0xDB, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x100]
        0xD9, 0x47, 0x34,                           // fld DWORD PTR [rdi+0x34]
        0xDC, 0xC2,                                 // fadd st(2), st
        0xDC, 0xC9,                                 // fmul st(1), st
        0xDC, 0xEA,                                 // fsub st(2), st(0)   (Intel SDM naming)
        0xDC, 0xE1,                                 // fsubr st(1), st(0)   (Intel SDM naming)
        0xDC, 0xFA,                                 // fdiv st(2), st(0)   (Intel SDM naming)
        0xDC, 0xF1,                                 // fdivr st(1), st(0)   (Intel SDM naming)
        0xD9, 0xC0,                                 // fld st(0)
        0xD9, 0xC2,                                 // fld st(2)
        0xD9, 0xC4,                                 // fld st(4)
        0xDE, 0xC1,                                 // faddp st(1), st
        0xDE, 0xCA,                                 // fmulp st(2), st
        0xDE, 0xE9,                                 // fsubp st(1), st(0)   (Intel SDM naming)
        0xDE, 0xE2,                                 // fsubrp st(2), st(0)   (Intel SDM naming)
        0xD9, 0xC1,                                 // fld st(1)
        0xDE, 0xF9,                                 // fdivp st(1), st(0)   (Intel SDM naming)
        0xD9, 0xC2,                                 // fld st(2)
        0xDE, 0xF1,                                 // fdivrp st(1), st(0)   (Intel SDM naming)
        0xD8, 0xC0,                                 // fadd st, st(0)
        0xD8, 0xC8,                                 // fmul st(0), st
    ]

    /// compares
    static let compares: [UInt8] = [
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDD, 0x47, 0x20,                           // fld QWORD PTR [rdi+0x20]
        0xD8, 0xD1,                                 // fcom st(1)
        0xDD, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x100]
        0xDD, 0xE1,                                 // fucom st(1)
        0xDD, 0xBF, 0x02, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x102]
        0xDB, 0xE2,                                 // fnclex
        0xD9, 0xC9,                                 // fxch st(1)
        0xD8, 0xD2,                                 // fcom st(2)
        0xDD, 0xBF, 0x04, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x104]
        0xD8, 0xD3,                                 // fcom st(3)
        0xDD, 0xBF, 0x06, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x106]
        0xDD, 0xE2,                                 // fucom st(2)
        0xDD, 0xBF, 0x08, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x108]
        0xDD, 0xE3,                                 // fucom st(3)
        0xDD, 0xBF, 0x0A, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x10A]
        0xD8, 0xDB,                                 // fcomp st(3)
        0xDD, 0xBF, 0x0C, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x10C]
        0xDD, 0xEA,                                 // fucomp st(2)
        0xDD, 0xBF, 0x0E, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x10E]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDE, 0xD9,                                 // fcompp
        0xDD, 0xBF, 0x10, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x110]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDD, 0x47, 0x20,                           // fld QWORD PTR [rdi+0x20]
        0xDA, 0xE9,                                 // fucompp
        0xDD, 0xBF, 0x12, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x112]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDC, 0xD1,                                 // .byte 0xDC, 0xD1
        0xDD, 0xBF, 0x14, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x114]
        0xDC, 0xD9,                                 // .byte 0xDC, 0xD9
        0xDD, 0xBF, 0x16, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x116]
        0xDE, 0xD1,                                 // .byte 0xDE, 0xD1
        0xDD, 0xBF, 0x18, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x118]
        0xD9, 0xE4,                                 // ftst
        0xDD, 0xBF, 0x1A, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x11A]
        0xDD, 0x87, 0xC0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xC0]
        0xD9, 0xE4,                                 // ftst
        0xDD, 0xBF, 0x1C, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x11C]
        0xDD, 0x47, 0x20,                           // fld QWORD PTR [rdi+0x20]
        0xD9, 0xE4,                                 // ftst
        0xDD, 0xBF, 0x1E, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x11E]
    ]

    /// compareEFlags
    static let compareEFlags: [UInt8] = [
        0xDD, 0x47, 0x20,                           // fld QWORD PTR [rdi+0x20]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0x31, 0xC0,                                 // xor eax, eax
        0xDB, 0xF1,                                 // fcomi st, st(1)
        0x9C,                                       // pushfq
        0x8F, 0x87, 0x00, 0x01, 0x00, 0x00,         // pop QWORD PTR [rdi+0x100]
        0x83, 0xC8, 0xFF,                           // or eax, -1
        0xDB, 0xF2,                                 // fcomi st, st(2)
        0x9C,                                       // pushfq
        0x8F, 0x87, 0x08, 0x01, 0x00, 0x00,         // pop QWORD PTR [rdi+0x108]
        0xDB, 0xEB,                                 // fucomi st, st(3)
        0x9C,                                       // pushfq
        0x8F, 0x87, 0x10, 0x01, 0x00, 0x00,         // pop QWORD PTR [rdi+0x110]
        0xDD, 0xBF, 0x18, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x118]
        0xDB, 0xF3,                                 // fcomi st, st(3)
        0x9C,                                       // pushfq
        0x8F, 0x87, 0x20, 0x01, 0x00, 0x00,         // pop QWORD PTR [rdi+0x120]
        0xDD, 0xBF, 0x28, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x128]
        0xDB, 0xE2,                                 // fnclex
        0xD9, 0xCA,                                 // fxch st(2)
        0xDB, 0xE9,                                 // fucomi st, st(1)
        0x9C,                                       // pushfq
        0x8F, 0x87, 0x30, 0x01, 0x00, 0x00,         // pop QWORD PTR [rdi+0x130]
        0xDF, 0xF1,                                 // fcomip st, st(1)
        0x9C,                                       // pushfq
        0x8F, 0x87, 0x38, 0x01, 0x00, 0x00,         // pop QWORD PTR [rdi+0x138]
        0xDF, 0xE9,                                 // fucomip st, st(1)
        0x9C,                                       // pushfq
        0x8F, 0x87, 0x40, 0x01, 0x00, 0x00,         // pop QWORD PTR [rdi+0x140]
        0xDD, 0xBF, 0x48, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x148]
    ]

    /// examine
    static let examine: [UInt8] = [
        0xD9, 0xEE,                                 // fldz
        0xD9, 0xE5,                                 // fxam
        0xDD, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x100]
        0xD9, 0xE0,                                 // fchs
        0xD9, 0xE5,                                 // fxam
        0xDD, 0xBF, 0x02, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x102]
        0xDD, 0x47, 0x18,                           // fld QWORD PTR [rdi+0x18]
        0xD9, 0xE5,                                 // fxam
        0xDD, 0xBF, 0x04, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x104]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0xE5,                                 // fxam
        0xDD, 0xBF, 0x06, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x106]
        0xDD, 0x87, 0xC8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xC8]
        0xD9, 0xE0,                                 // fchs
        0xD9, 0xE5,                                 // fxam
        0xDD, 0xBF, 0x08, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x108]
        0xDD, 0x47, 0x20,                           // fld QWORD PTR [rdi+0x20]
        0xD9, 0xE5,                                 // fxam
        0xDD, 0xBF, 0x0A, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x10A]
        0xDB, 0xAF, 0x80, 0x00, 0x00, 0x00,         // fld TBYTE PTR [rdi+0x80]
        0xD9, 0xE5,                                 // fxam
        0xDD, 0xBF, 0x0C, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x10C]
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE0,                                 // fchs
        0xDD, 0xC0,                                 // ffree st(0)
        0xD9, 0xE5,                                 // fxam
        0xDD, 0xBF, 0x0E, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x10E]
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xF7,                                 // fincstp
        0xD9, 0xE5,                                 // fxam
        0xDD, 0xBF, 0x10, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x110]
        0xD9, 0xF6,                                 // fdecstp
    ]

    /// transcendentals
    static let transcendentals: [UInt8] = [
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xD9, 0xFE,                                 // fsin
        0xDB, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x100]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xD9, 0xFF,                                 // fcos
        0xDB, 0xBF, 0x0A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x10A]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xD9, 0xFB,                                 // fsincos
        0xDB, 0xBF, 0x14, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x114]
        0xDB, 0xBF, 0x1E, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x11E]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xD9, 0xF2,                                 // fptan
        0xDB, 0xBF, 0x28, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x128]
        0xDB, 0xBF, 0x32, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x132]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xD9, 0xF3,                                 // fpatan
        0xDB, 0xBF, 0x3C, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x13C]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xD9, 0xF0,                                 // f2xm1
        0xDB, 0xBF, 0x46, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x146]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xD9, 0xF1,                                 // fyl2x
        0xDB, 0xBF, 0x50, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x150]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xD9, 0x47, 0x34,                           // fld DWORD PTR [rdi+0x34]
        0xD9, 0xF9,                                 // fyl2xp1
        0xDB, 0xBF, 0x5A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x15A]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xD9, 0xFA,                                 // fsqrt
        0xDB, 0xBF, 0x64, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x164]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0xFA,                                 // fsqrt
        0xDB, 0xBF, 0x6E, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x16E]
        0xDD, 0xBF, 0xF0, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1F0]
        0xDB, 0xE2,                                 // fnclex
        0xDD, 0x87, 0xA8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA8]
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xD9, 0xFD,                                 // fscale
        0xDB, 0xBF, 0x78, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x178]
        0xDD, 0xD8,                                 // fstp st(0)
        0xDD, 0x47, 0x10,                           // fld QWORD PTR [rdi+0x10]
        0xD9, 0xF4,                                 // fxtract
        0xDB, 0xBF, 0x82, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x182]
        0xDB, 0xBF, 0x8C, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x18C]
        0xD9, 0xEE,                                 // fldz
        0xD9, 0xF4,                                 // fxtract
        0xDB, 0xBF, 0x96, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x196]
        0xDB, 0xBF, 0xA0, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1A0]
        0xDD, 0xBF, 0xF2, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1F2]
        0xDB, 0xE2,                                 // fnclex
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xDD, 0x87, 0xA8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA8]
        0xD9, 0xF8,                                 // fprem
        0xDD, 0xBF, 0xF4, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1F4]
        0xDB, 0xBF, 0xAA, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1AA]
        0xDD, 0x87, 0xA8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA8]
        0xD9, 0xF5,                                 // fprem1
        0xDD, 0xBF, 0xF6, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1F6]
        0xDB, 0xBF, 0xB4, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1B4]
        0xDD, 0x47, 0x10,                           // fld QWORD PTR [rdi+0x10]
        0xD9, 0xF8,                                 // fprem
        0xDD, 0xBF, 0xF8, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1F8]
        0xDB, 0xBF, 0xBE, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1BE]
        0xDD, 0xD8,                                 // fstp st(0)
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0xFC,                                 // frndint
        0xDB, 0xBF, 0xC8, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1C8]
        0xDD, 0x87, 0xE0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xE0]
        0xD9, 0xFE,                                 // fsin
        0xDD, 0xBF, 0xFA, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1FA]
        0xDB, 0xBF, 0xD2, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1D2]
        0xDD, 0x87, 0xE0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xE0]
        0xD9, 0xF2,                                 // fptan
        0xDD, 0xBF, 0xFC, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1FC]
        0xDB, 0xBF, 0xDC, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1DC]
        0xDD, 0x87, 0xE0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xE0]
        0xD9, 0xFB,                                 // fsincos
        0xDD, 0xBF, 0xFE, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x1FE]
        0xDB, 0xBF, 0xE6, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1E6]
    ]

    /// roundingAndConstants
    static let roundingAndConstants: [UInt8] = [
        0xD9, 0xAF, 0xF0, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xf0]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0xFC,                                 // frndint
        0xDF, 0x9F, 0x50, 0x01, 0x00, 0x00,         // fistp WORD PTR [rdi+0x150]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDB, 0x97, 0x52, 0x01, 0x00, 0x00,         // fist DWORD PTR [rdi+0x152]
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xD8, 0x77, 0x30,                           // fdiv DWORD PTR [rdi+0x30]
        0xD9, 0x97, 0x54, 0x01, 0x00, 0x00,         // fst DWORD PTR [rdi+0x154]
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE9,                                 // fldl2t
        0xD9, 0xEA,                                 // fldl2e
        0xD9, 0xEB,                                 // fldpi
        0xD9, 0xEC,                                 // fldlg2
        0xD9, 0xED,                                 // fldln2
        0xD9, 0xEE,                                 // fldz
        0xD9, 0xE8,                                 // fld1
        0xDC, 0xB7, 0xA0, 0x00, 0x00, 0x00,         // fdiv QWORD PTR [rdi+0xA0]
        0xDB, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x100]
        0xDB, 0xBF, 0x0A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x10a]
        0xDB, 0xBF, 0x14, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x114]
        0xDB, 0xBF, 0x1E, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x11e]
        0xDB, 0xBF, 0x28, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x128]
        0xDB, 0xBF, 0x32, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x132]
        0xDB, 0xBF, 0x3C, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x13c]
        0xDB, 0xBF, 0x46, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x146]
        0xD9, 0xAF, 0xF2, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xf2]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0xFC,                                 // frndint
        0xDF, 0x9F, 0xA8, 0x01, 0x00, 0x00,         // fistp WORD PTR [rdi+0x1a8]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDB, 0x97, 0xAA, 0x01, 0x00, 0x00,         // fist DWORD PTR [rdi+0x1aa]
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xD8, 0x77, 0x30,                           // fdiv DWORD PTR [rdi+0x30]
        0xD9, 0x97, 0xAC, 0x01, 0x00, 0x00,         // fst DWORD PTR [rdi+0x1ac]
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE9,                                 // fldl2t
        0xD9, 0xEA,                                 // fldl2e
        0xD9, 0xEB,                                 // fldpi
        0xD9, 0xEC,                                 // fldlg2
        0xD9, 0xED,                                 // fldln2
        0xD9, 0xEE,                                 // fldz
        0xD9, 0xE8,                                 // fld1
        0xDC, 0xB7, 0xA0, 0x00, 0x00, 0x00,         // fdiv QWORD PTR [rdi+0xA0]
        0xDB, 0xBF, 0x58, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x158]
        0xDB, 0xBF, 0x62, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x162]
        0xDB, 0xBF, 0x6C, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x16c]
        0xDB, 0xBF, 0x76, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x176]
        0xDB, 0xBF, 0x80, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x180]
        0xDB, 0xBF, 0x8A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x18a]
        0xDB, 0xBF, 0x94, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x194]
        0xDB, 0xBF, 0x9E, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x19e]
        0xD9, 0xAF, 0xF4, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xf4]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0xFC,                                 // frndint
        0xDF, 0x9F, 0x00, 0x02, 0x00, 0x00,         // fistp WORD PTR [rdi+0x200]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDB, 0x97, 0x02, 0x02, 0x00, 0x00,         // fist DWORD PTR [rdi+0x202]
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xD8, 0x77, 0x30,                           // fdiv DWORD PTR [rdi+0x30]
        0xD9, 0x97, 0x04, 0x02, 0x00, 0x00,         // fst DWORD PTR [rdi+0x204]
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE9,                                 // fldl2t
        0xD9, 0xEA,                                 // fldl2e
        0xD9, 0xEB,                                 // fldpi
        0xD9, 0xEC,                                 // fldlg2
        0xD9, 0xED,                                 // fldln2
        0xD9, 0xEE,                                 // fldz
        0xD9, 0xE8,                                 // fld1
        0xDC, 0xB7, 0xA0, 0x00, 0x00, 0x00,         // fdiv QWORD PTR [rdi+0xA0]
        0xDB, 0xBF, 0xB0, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1b0]
        0xDB, 0xBF, 0xBA, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1ba]
        0xDB, 0xBF, 0xC4, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1c4]
        0xDB, 0xBF, 0xCE, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1ce]
        0xDB, 0xBF, 0xD8, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1d8]
        0xDB, 0xBF, 0xE2, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1e2]
        0xDB, 0xBF, 0xEC, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1ec]
        0xDB, 0xBF, 0xF6, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x1f6]
        0xD9, 0xAF, 0xEE, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xee]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0xFC,                                 // frndint
        0xDF, 0x9F, 0x58, 0x02, 0x00, 0x00,         // fistp WORD PTR [rdi+0x258]
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xDB, 0x97, 0x5A, 0x02, 0x00, 0x00,         // fist DWORD PTR [rdi+0x25a]
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xD8, 0x77, 0x30,                           // fdiv DWORD PTR [rdi+0x30]
        0xD9, 0x97, 0x5C, 0x02, 0x00, 0x00,         // fst DWORD PTR [rdi+0x25c]
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE9,                                 // fldl2t
        0xD9, 0xEA,                                 // fldl2e
        0xD9, 0xEB,                                 // fldpi
        0xD9, 0xEC,                                 // fldlg2
        0xD9, 0xED,                                 // fldln2
        0xD9, 0xEE,                                 // fldz
        0xD9, 0xE8,                                 // fld1
        0xDC, 0xB7, 0xA0, 0x00, 0x00, 0x00,         // fdiv QWORD PTR [rdi+0xA0]
        0xDB, 0xBF, 0x08, 0x02, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x208]
        0xDB, 0xBF, 0x12, 0x02, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x212]
        0xDB, 0xBF, 0x1C, 0x02, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x21c]
        0xDB, 0xBF, 0x26, 0x02, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x226]
        0xDB, 0xBF, 0x30, 0x02, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x230]
        0xDB, 0xBF, 0x3A, 0x02, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x23a]
        0xDB, 0xBF, 0x44, 0x02, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x244]
        0xDB, 0xBF, 0x4E, 0x02, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x24e]
    ]

    /// precisionControl
    static let precisionControl: [UInt8] = [
        0xD9, 0xAF, 0xF6, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xF6]
        0xD9, 0xE8,                                 // fld1
        0xD8, 0x77, 0x30,                           // fdiv DWORD PTR [rdi+0x30]
        0xDB, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x100]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xD9, 0xFA,                                 // fsqrt
        0xDB, 0xBF, 0x0A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x10A]
        0xD9, 0xAF, 0xF8, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xF8]
        0xD9, 0xE8,                                 // fld1
        0xD8, 0x77, 0x30,                           // fdiv DWORD PTR [rdi+0x30]
        0xDB, 0xBF, 0x14, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x114]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xD9, 0xFA,                                 // fsqrt
        0xDB, 0xBF, 0x1E, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x11E]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xD9, 0xFE,                                 // fsin
        0xDB, 0xBF, 0x28, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x128]
        0xDB, 0xE2,                                 // fnclex
        0xD9, 0xAF, 0xFC, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xFC]
        0xD9, 0xBF, 0x32, 0x01, 0x00, 0x00,         // fnstcw WORD PTR [rdi+0x132]
        0xD9, 0xAF, 0xFE, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xFE]
        0xD9, 0xBF, 0x34, 0x01, 0x00, 0x00,         // fnstcw WORD PTR [rdi+0x134]
        0xD9, 0xAF, 0xFC, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xFC]
    ]

    /// stackOperations
    static let stackOperations: [UInt8] = [
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xEB,                                 // fldpi
        0xD9, 0xEE,                                 // fldz
        0xD9, 0xCA,                                 // fxch st(2)
        0xD9, 0xC1,                                 // fld st(1)
        0xDD, 0xD4,                                 // fst st(4)
        0xDD, 0xD9,                                 // fstp st(1)
        0xDD, 0x07,                                 // fld QWORD PTR [rdi]
        0xD9, 0xE0,                                 // fchs
        0xDD, 0x97, 0x00, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x100]
        0xD9, 0xE1,                                 // fabs
        0xDD, 0x97, 0x08, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x108]
        0xD9, 0xC9,                                 // fxch
        0xD9, 0xD0,                                 // fnop
        0xDD, 0xC2,                                 // ffree st(2)
        0xD9, 0xF7,                                 // fincstp
        0xD9, 0xF6,                                 // fdecstp
        0xD9, 0xF6,                                 // fdecstp
        0xD9, 0xF7,                                 // fincstp
        0xD9, 0x47, 0x30,                           // fld DWORD PTR [rdi+0x30]
        0xDF, 0xC1,                                 // .byte 0xDF, 0xC1
        0xD9, 0xCB,                                 // .byte 0xD9, 0xCB
        0xDD, 0xCA,                                 // .byte 0xDD, 0xCA
        0xDF, 0xCB,                                 // .byte 0xDF, 0xCB
        0xD9, 0xD9,                                 // .byte 0xD9, 0xD9
        0xDF, 0xD1,                                 // .byte 0xDF, 0xD1
        0xDF, 0xD9,                                 // .byte 0xDF, 0xD9
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
    ]

    /// conditionalMoves
    static let conditionalMoves: [UInt8] = [
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xEE,                                 // fldz
        0xD9, 0xEB,                                 // fldpi
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xB8, 0x01, 0x00, 0x00, 0x00,               // mov eax, 1
        0x83, 0xF8, 0x02,                           // cmp eax, 2
        0xDA, 0xC1,                                 // fcmovb st, st(1)
        0xDD, 0x97, 0x00, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x100]
        0xDB, 0xC2,                                 // fcmovnb st, st(2)
        0xDD, 0x97, 0x08, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x108]
        0xDA, 0xCB,                                 // fcmove st, st(3)
        0xDD, 0x97, 0x10, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x110]
        0xDB, 0xCA,                                 // fcmovne st, st(2)
        0xDD, 0x97, 0x18, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x118]
        0xDA, 0xD3,                                 // fcmovbe st, st(3)
        0xDD, 0x97, 0x20, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x120]
        0xDB, 0xD1,                                 // fcmovnbe st, st(1)
        0xDD, 0x97, 0x28, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x128]
        0xDA, 0xD9,                                 // fcmovu st, st(1)
        0xDD, 0x97, 0x30, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x130]
        0xDB, 0xDA,                                 // fcmovnu st, st(2)
        0xDD, 0x97, 0x38, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x138]
        0x83, 0xF8, 0x01,                           // cmp eax, 1
        0xDA, 0xC1,                                 // fcmovb st, st(1)
        0xDD, 0x97, 0x40, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x140]
        0xDB, 0xC2,                                 // fcmovnb st, st(2)
        0xDD, 0x97, 0x48, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x148]
        0xDA, 0xCB,                                 // fcmove st, st(3)
        0xDD, 0x97, 0x50, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x150]
        0xDB, 0xC9,                                 // fcmovne st, st(1)
        0xDD, 0x97, 0x58, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x158]
        0xDA, 0xD2,                                 // fcmovbe st, st(2)
        0xDD, 0x97, 0x60, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x160]
        0xDB, 0xD1,                                 // fcmovnbe st, st(1)
        0xDD, 0x97, 0x68, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x168]
        0xB8, 0x03, 0x00, 0x00, 0x00,               // mov eax, 3
        0x83, 0xF8, 0x01,                           // cmp eax, 1
        0xDA, 0xD9,                                 // fcmovu st, st(1)
        0xDD, 0x97, 0x70, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x170]
        0xDB, 0xDA,                                 // fcmovnu st, st(2)
        0xDD, 0x97, 0x78, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x178]
        0xDB, 0xD3,                                 // fcmovnbe st, st(3)
        0xDD, 0x97, 0x80, 0x01, 0x00, 0x00,         // fst QWORD PTR [rdi+0x180]
    ]

    /// stackFaultsMasked
    static let stackFaultsMasked: [UInt8] = [
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xEB,                                 // fldpi
        0xDD, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x100]
        0xD9, 0x47, 0x30,                           // fld DWORD PTR [rdi+0x30]
        0xD9, 0xC2,                                 // fld st(2)
        0xDD, 0xBF, 0x02, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x102]
        0xDB, 0xE2,                                 // fnclex
        0xDB, 0xE3,                                 // fninit
        0xD9, 0xE8,                                 // fld1
        0xD8, 0xC1,                                 // fadd st, st(1)
        0xDD, 0xBF, 0x04, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x104]
        0xDB, 0xBF, 0x06, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x106]
        0xD9, 0x97, 0x10, 0x01, 0x00, 0x00,         // fst DWORD PTR [rdi+0x110]
        0xDF, 0x97, 0x14, 0x01, 0x00, 0x00,         // fist WORD PTR [rdi+0x114]
        0xDB, 0x9F, 0x18, 0x01, 0x00, 0x00,         // fistp DWORD PTR [rdi+0x118]
        0xDD, 0x8F, 0x20, 0x01, 0x00, 0x00,         // fisttp QWORD PTR [rdi+0x120]
        0xDD, 0x9F, 0x28, 0x01, 0x00, 0x00,         // fstp QWORD PTR [rdi+0x128]
        0xDF, 0xB7, 0x30, 0x01, 0x00, 0x00,         // fbstp TBYTE PTR [rdi+0x130]
        0xDB, 0xBF, 0x3A, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x13A]
        0xDD, 0xBF, 0x44, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x144]
        0xDB, 0xE3,                                 // fninit
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xCB,                                 // fxch st(3)
        0xDD, 0xBF, 0x46, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x146]
        0xD8, 0xD5,                                 // fcom st(5)
        0xDD, 0xBF, 0x48, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x148]
        0xDB, 0xF6,                                 // fcomi st, st(6)
        0x9C,                                       // pushfq
        0x8F, 0x87, 0x50, 0x01, 0x00, 0x00,         // pop QWORD PTR [rdi+0x150]
        0xDB, 0xE3,                                 // fninit
        0xD9, 0xFE,                                 // fsin
        0xD9, 0xF2,                                 // fptan
        0xD9, 0xC5,                                 // fld st(5)
        0xD9, 0xE0,                                 // fchs
        0xDD, 0xBF, 0x58, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x158]
        0xDB, 0xE3,                                 // fninit
        0xD9, 0xE8,                                 // fld1
        0xDA, 0xCC,                                 // fcmove st, st(4)
        0xDE, 0xD9,                                 // fcompp
        0xDD, 0xBF, 0x5A, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x15A]
        0xDB, 0xE3,                                 // fninit
        0xD9, 0xE8,                                 // fld1
        0xDE, 0xC2,                                 // faddp st(2), st
        0xDD, 0xBF, 0x5C, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x15C]
        0xDB, 0xE3,                                 // fninit
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xF3,                                 // fpatan
        0xDD, 0xBF, 0x5E, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x15E]
        0xDB, 0xE3,                                 // fninit
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xFD,                                 // fscale
        0xDD, 0xBF, 0x60, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x160]
        0xDB, 0xE3,                                 // fninit
        0xD9, 0xEE,                                 // fldz
        0xDD, 0xD3,                                 // fst st(3)
        0xDE, 0x47, 0x40,                           // fiadd WORD PTR [rdi+0x40]
        0xD9, 0xC3,                                 // fld st(3)
        0xD9, 0xF6,                                 // fdecstp
        0xD9, 0xE4,                                 // ftst
        0xDD, 0xBF, 0x62, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x162]
        0xDB, 0xE3,                                 // fninit
        0xD8, 0x47, 0x30,                           // fadd DWORD PTR [rdi+0x30]
        0xDC, 0x17,                                 // fcom QWORD PTR [rdi]
        0xDD, 0xBF, 0x64, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x164]
        0xDB, 0xE3,                                 // fninit
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xF4,                                 // fxtract
        0xDD, 0xBF, 0x66, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x166]
    ]

    /// stackWrapAround
    static let stackWrapAround: [UInt8] = [
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xF7,                                 // fincstp
        0xD9, 0xF7,                                 // fincstp
        0xD9, 0xF7,                                 // fincstp
        0xD9, 0xF7,                                 // fincstp
        0xD9, 0xF7,                                 // fincstp
        0xD9, 0xF7,                                 // fincstp
        0xD9, 0xF7,                                 // fincstp
        0xD9, 0xF7,                                 // fincstp
        0xD9, 0xEB,                                 // fldpi
        0xD9, 0xF6,                                 // fdecstp
        0xD9, 0xF6,                                 // fdecstp
        0xD9, 0xF6,                                 // fdecstp
        0xD9, 0xF6,                                 // fdecstp
        0xD9, 0xF6,                                 // fdecstp
        0xD9, 0xF6,                                 // fdecstp
        0xD9, 0xF6,                                 // fdecstp
        0xD9, 0xF6,                                 // fdecstp
        0xD9, 0xF6,                                 // fdecstp
        0xD9, 0xEA,                                 // fldl2e
        0xD9, 0xE8,                                 // fld1
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xE8,                                 // fld1
    ]

    /// statusAndControl
    static let statusAndControl: [UInt8] = [
        0xD9, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fnstcw WORD PTR [rdi+0x100]
        0xD9, 0xE8,                                 // fld1
        0xD8, 0x77, 0x30,                           // fdiv DWORD PTR [rdi+0x30]
        0xDF, 0xE0,                                 // fnstsw ax
        0x66, 0x89, 0x87, 0x02, 0x01, 0x00, 0x00,   // mov WORD PTR [rdi+0x102], ax
        0xDB, 0xE2,                                 // fnclex
        0xDF, 0xE0,                                 // fnstsw ax
        0x66, 0x89, 0x87, 0x04, 0x01, 0x00, 0x00,   // mov WORD PTR [rdi+0x104], ax
        0xD9, 0xEE,                                 // fldz
        0xD8, 0xF8,                                 // fdivr st, st(0)
        0xDD, 0xBF, 0x06, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x106]
        0xDB, 0xE2,                                 // fnclex
        0xD9, 0xE8,                                 // fld1
        0xD8, 0xF1,                                 // fdiv st, st(1)
        0xDD, 0xBF, 0x08, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x108]
        0xD9, 0xAF, 0xF2, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xF2]
        0xD9, 0xBF, 0x0A, 0x01, 0x00, 0x00,         // fnstcw WORD PTR [rdi+0x10A]
        0xDB, 0xE0,                                 // .byte 0xDB, 0xE0
        0xDB, 0xE1,                                 // .byte 0xDB, 0xE1
        0xDB, 0xE4,                                 // .byte 0xDB, 0xE4
        0xDB, 0xE3,                                 // fninit
        0xD9, 0xBF, 0x0C, 0x01, 0x00, 0x00,         // fnstcw WORD PTR [rdi+0x10C]
        0xDD, 0xBF, 0x0E, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x10E]
    ]

    /// environment
    static let environment: [UInt8] = [
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xEB,                                 // fldpi
        0xD9, 0xEE,                                 // fldz
        0xDD, 0x47, 0x18,                           // fld QWORD PTR [rdi+0x18]
        0xDD, 0x87, 0xC8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xC8]
        0xDB, 0xAF, 0x80, 0x00, 0x00, 0x00,         // fld TBYTE PTR [rdi+0x80]
        0xDC, 0x47, 0x08,                           // fadd QWORD PTR [rdi+0x08]
        0xD9, 0xB7, 0x00, 0x01, 0x00, 0x00,         // fnstenv [rdi+0x100]
        0xD9, 0xBF, 0x20, 0x01, 0x00, 0x00,         // fnstcw WORD PTR [rdi+0x120]
        0xD9, 0xA7, 0x00, 0x01, 0x00, 0x00,         // fldenv [rdi+0x100]
        0xD9, 0xBF, 0x22, 0x01, 0x00, 0x00,         // fnstcw WORD PTR [rdi+0x122]
        0xD9, 0xAF, 0xF2, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xF2]
        0xDD, 0xB7, 0x30, 0x01, 0x00, 0x00,         // fnsave [rdi+0x130]
        0xD9, 0xBF, 0x24, 0x01, 0x00, 0x00,         // fnstcw WORD PTR [rdi+0x124]
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xDD, 0xA7, 0x30, 0x01, 0x00, 0x00,         // frstor [rdi+0x130]
        0xD9, 0xBF, 0x26, 0x01, 0x00, 0x00,         // fnstcw WORD PTR [rdi+0x126]
        0xD8, 0xC9,                                 // fmul st, st(1)
        0xDD, 0xBF, 0x28, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x128]
        0x66, 0xD9, 0xB7, 0xA0, 0x01, 0x00, 0x00,   // data16 fnstenv [rdi+0x1A0]
        0xD9, 0xAF, 0xF4, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xF4]
        0x66, 0xD9, 0xA7, 0xA0, 0x01, 0x00, 0x00,   // data16 fldenv [rdi+0x1A0]
        0xD9, 0xBF, 0xB0, 0x01, 0x00, 0x00,         // fnstcw WORD PTR [rdi+0x1B0]
        0x66, 0xDD, 0xB7, 0xC0, 0x01, 0x00, 0x00,   // data16 fnsave [rdi+0x1C0]
        0x66, 0xDD, 0xA7, 0xC0, 0x01, 0x00, 0x00,   // data16 frstor [rdi+0x1C0]
    ]

    /// digitLoop
    static let digitLoop: [UInt8] = [
        0xDD, 0x87, 0xA8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA8]
        0xD9, 0xEB,                                 // fldpi
        0xB9, 0x18, 0x00, 0x00, 0x00,               // mov ecx, 24
        0x48, 0x8D, 0x97, 0x00, 0x01, 0x00, 0x00,   // lea rdx, [rdi+0x100]
        // next:
        0xD9, 0xC0,                                 // fld st(0)
        0xDB, 0x0A,                                 // fisttp DWORD PTR [rdx]
        0xDB, 0x02,                                 // fild DWORD PTR [rdx]
        0xDE, 0xE9,                                 // fsubp st(1), st(0)   (Intel SDM naming)
        0xD8, 0xC9,                                 // fmul st, st(1)
        0x48, 0x83, 0xC2, 0x04,                     // add rdx, 4
        0xFF, 0xC9,                                 // dec ecx
        0x75, 0xEE,                                 // jnz next
        0xDD, 0x47, 0x10,                           // fld QWORD PTR [rdi+0x10]
        0xDD, 0x87, 0xA8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA8]
        0xD9, 0xC1,                                 // fld st(1)
        0xD9, 0xF4,                                 // fxtract
        0xDD, 0xD8,                                 // fstp st(0)
        0xDB, 0x9F, 0xC0, 0x01, 0x00, 0x00,         // fistp DWORD PTR [rdi+0x1C0]
        0xDB, 0x87, 0xC0, 0x01, 0x00, 0x00,         // fild DWORD PTR [rdi+0x1C0]
        0xD9, 0xE9,                                 // fldl2t
        0xDE, 0xF9,                                 // fdivp st(1), st(0)   (Intel SDM naming)
        0xD9, 0xFC,                                 // frndint
        0xDB, 0x9F, 0xC4, 0x01, 0x00, 0x00,         // fistp DWORD PTR [rdi+0x1C4]
    ]

    /// fxsaveLayout64
    static let fxsaveLayout64: [UInt8] = [
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xEB,                                 // fldpi
        0xD9, 0xEE,                                 // fldz
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0xAF, 0xF2, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xF2]
        0xD8, 0xC1,                                 // fadd st, st(1)
        0x48, 0x0F, 0xAE, 0x87, 0x00, 0x01, 0x00, 0x00,// fxsave64 [rdi+0x100]
    ]

    /// fxsaveLayout32
    static let fxsaveLayout32: [UInt8] = [
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xEB,                                 // fldpi
        0xD9, 0xEE,                                 // fldz
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0xAF, 0xF2, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xF2]
        0xD8, 0xF1,                                 // fdiv st, st(1)
        0x0F, 0xAE, 0x87, 0x00, 0x01, 0x00, 0x00,   // fxsave [rdi+0x100]
    ]

    /// unmaskedInvalid
    static let unmaskedInvalid: [UInt8] = [
        0xD9, 0xAF, 0xFA, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xFA]
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE0,                                 // fchs
        0xD9, 0xFA,                                 // fsqrt
        0xDD, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x100]
        0xD9, 0xBF, 0x02, 0x01, 0x00, 0x00,         // fnstcw WORD PTR [rdi+0x102]
        0xD9, 0xD0,                                 // fnop
    ]

    /// unmaskedZeroDivide
    static let unmaskedZeroDivide: [UInt8] = [
        0xD9, 0xAF, 0xE8, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xE8]
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xEE,                                 // fldz
        0xD8, 0xF9,                                 // fdivr st, st(1)
        0xDD, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x100]
        0xDB, 0xE2,                                 // fnclex
        0xD9, 0xD0,                                 // fnop
        0xD9, 0xAF, 0xEE, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xEE]
        0xD8, 0xF9,                                 // fdivr st, st(1)
        0xDD, 0xBF, 0x02, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x102]
        0xD9, 0xAF, 0xE8, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xE8]
        0xDD, 0xBF, 0x04, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x104]
        0xD9, 0xE8,                                 // fld1
    ]

    /// unmaskedOverflowStore
    static let unmaskedOverflowStore: [UInt8] = [
        0xD9, 0xAF, 0xE6, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xE6]
        0xDD, 0x47, 0x10,                           // fld QWORD PTR [rdi+0x10]
        0xD9, 0x97, 0x00, 0x01, 0x00, 0x00,         // fst DWORD PTR [rdi+0x100]
        0xDD, 0xBF, 0x04, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x104]
        0xD9, 0xD0,                                 // fnop
    ]

    /// unmaskedStackOverflow
    static let unmaskedStackOverflow: [UInt8] = [
        0xD9, 0xAF, 0xFA, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xFA]
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xEB,                                 // fldpi
        0xDD, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x100]
        0xDB, 0xE2,                                 // fnclex
        0xDD, 0xBF, 0x02, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x102]
        0xDD, 0xD8,                                 // fstp st(0)
        0xD9, 0xEB,                                 // fldpi
        0xDD, 0xBF, 0x04, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x104]
    ]

    /// instructionPointers
    static let instructionPointers: [UInt8] = [
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0xB7, 0x00, 0x01, 0x00, 0x00,         // fnstenv [rdi+0x100]
        0xD9, 0xEB,                                 // fldpi
        0xDB, 0xE2,                                 // fnclex
        0x48, 0x0F, 0xAE, 0x87, 0x00, 0x02, 0x00, 0x00,// fxsave64 [rdi+0x200]
        0x64, 0xD9, 0x9F, 0x20, 0x01, 0x00, 0x00,   // fstp DWORD PTR fs:[rdi+0x120]
        0xDD, 0xB7, 0x30, 0x01, 0x00, 0x00,         // fnsave [rdi+0x130]
    ]

    /// pageCrossingStore
    static let pageCrossingStore: [UInt8] = [
        0xD9, 0xE8,                                 // fld1
        0xDB, 0x3F,                                 // fstp TBYTE PTR [rdi]
    ]

    /// invalidRestore
    static let invalidRestore: [UInt8] = [
        0xD9, 0xE8,                                 // fld1
        0x48, 0x0F, 0xAE, 0x8F, 0x00, 0x02, 0x00, 0x00,// fxrstor64 [rdi+0x200]
    ]

    /// pageCrossingSave
    static let pageCrossingSave: [UInt8] = [
        0xD9, 0xE8,                                 // fld1
        0xDD, 0x37,                                 // fnsave [rdi]
    ]

    /// mxcsr
    static let mxcsr: [UInt8] = [
        0x0F, 0xAE, 0x9F, 0x00, 0x01, 0x00, 0x00,   // stmxcsr DWORD PTR [rdi+0x100]
        0x0F, 0xAE, 0x97, 0x04, 0x01, 0x00, 0x00,   // ldmxcsr DWORD PTR [rdi+0x104]
        0x0F, 0xAE, 0x9F, 0x08, 0x01, 0x00, 0x00,   // stmxcsr DWORD PTR [rdi+0x108]
    ]

    /// restoreState
    static let restoreState: [UInt8] = [
        0x48, 0x0F, 0xAE, 0x8F, 0x00, 0x02, 0x00, 0x00,// fxrstor64 [rdi+0x200]
    ]

    /// stateForSave
    static let stateForSave: [UInt8] = [
        0xD9, 0xE8,                                 // fld1
        0xD9, 0xEB,                                 // fldpi
        0xD9, 0xEE,                                 // fldz
        0xDD, 0x47, 0x08,                           // fld QWORD PTR [rdi+0x08]
        0xD9, 0xAF, 0xF2, 0x00, 0x00, 0x00,         // fldcw WORD PTR [rdi+0xF2]
        0xD8, 0xC1,                                 // fadd st, st(1)
        0x48, 0x0F, 0xAE, 0x87, 0x00, 0x02, 0x00, 0x00,// fxsave64 [rdi+0x200]
    ]

    /// saveState
    static let saveState: [UInt8] = [
        0x48, 0x0F, 0xAE, 0x87, 0x00, 0x02, 0x00, 0x00,// fxsave64 [rdi+0x200]
    ]

    /// longDoubleDivide
    static let longDoubleDivide: [UInt8] = [
        0xDB, 0x2F,                                 // fld TBYTE PTR [rdi+0x00]
        0xDB, 0x6F, 0x10,                           // fld TBYTE PTR [rdi+0x10]
        0xDE, 0xF9,                                 // fdivp st(1), st(0)   (Intel SDM naming)
        0xDB, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x100]
        0xDB, 0x2F,                                 // fld TBYTE PTR [rdi+0x00]
        0xDB, 0x6F, 0x10,                           // fld TBYTE PTR [rdi+0x10]
        0xDE, 0xC9,                                 // fmulp st(1), st
        0xDB, 0xBF, 0x10, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x110]
        0xDB, 0x2F,                                 // fld TBYTE PTR [rdi+0x00]
        0xDB, 0x6F, 0x10,                           // fld TBYTE PTR [rdi+0x10]
        0xDE, 0xC1,                                 // faddp st(1), st
        0xDB, 0xBF, 0x20, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x120]
        0xDB, 0x2F,                                 // fld TBYTE PTR [rdi+0x00]
        0xDB, 0x6F, 0x10,                           // fld TBYTE PTR [rdi+0x10]
        0xDE, 0xE1,                                 // fsubrp st(1), st(0)   (Intel SDM naming)
        0xDB, 0xBF, 0x30, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x130]
        0xDB, 0x2F,                                 // fld TBYTE PTR [rdi+0x00]
        0xD9, 0xFA,                                 // fsqrt
        0xDB, 0xBF, 0x40, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x140]
    ]

    /// premConditionBits
    static let premConditionBits: [UInt8] = [
        0xD9, 0xE8,                                 // fld1
        0xDD, 0x47, 0x20,                           // fld QWORD PTR [rdi+0x20]
        0xDE, 0xD9,                                 // fcompp
        0xDB, 0xE3,                                 // fninit
        0xDD, 0x87, 0xA8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA8]
        0xDD, 0x87, 0xC8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xC8]
        0xD9, 0xF8,                                 // fprem
        0xDD, 0xBF, 0x00, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x100]
        0xDB, 0xBF, 0x10, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x110]
        0xD9, 0xE8,                                 // fld1
        0xDD, 0x47, 0x20,                           // fld QWORD PTR [rdi+0x20]
        0xDE, 0xD9,                                 // fcompp
        0xD9, 0xEE,                                 // fldz
        0xDD, 0x87, 0xA8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA8]
        0xD9, 0xF5,                                 // fprem1
        0xDD, 0xBF, 0x02, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x102]
        0xDB, 0xBF, 0x20, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x120]
        0xDD, 0x87, 0xA8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA8]
        0xD9, 0xE0,                                 // fchs
        0xD9, 0xE5,                                 // fxam
        0xDB, 0xE3,                                 // fninit
        0xDD, 0x47, 0x20,                           // fld QWORD PTR [rdi+0x20]
        0xDD, 0x87, 0xA0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA0]
        0xD9, 0xF8,                                 // fprem
        0xDD, 0xBF, 0x04, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x104]
        0xDB, 0xBF, 0x30, 0x01, 0x00, 0x00,         // fstp TBYTE PTR [rdi+0x130]
        0xDD, 0x87, 0xA8, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xA8]
        0xDD, 0x87, 0xD0, 0x00, 0x00, 0x00,         // fld QWORD PTR [rdi+0xD0]
        0xD9, 0xF8,                                 // fprem
        0xDD, 0xBF, 0x06, 0x01, 0x00, 0x00,         // fnstsw WORD PTR [rdi+0x106]
    ]

}
