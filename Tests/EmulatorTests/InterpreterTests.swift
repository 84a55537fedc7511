import XCTest
@testable import Emulator

final class InterpreterTests: XCTestCase {
    func testArithmeticAndFlags() {
        let s = Sandbox()
        s.cpu[.rax] = 0x7fff_ffff_ffff_ffff
        s.cpu[.rbx] = 1
        // add rax, rbx ; seto cl ; setc dl
        let code: [UInt8] = [0x48, 0x01, 0xD8, 0x0F, 0x90, 0xC1, 0x0F, 0x92, 0xC2]
        let r = s.run(code)
        XCTAssertTrue(s.completed(r, length: code.count), "\(r)")
        XCTAssertEqual(s.cpu[.rax], 0x8000_0000_0000_0000)
        XCTAssertEqual(s.cpu[.rcx] & 0xff, 1)
        XCTAssertEqual(s.cpu[.rdx] & 0xff, 0)
    }

    func testThirtyTwoBitWritesZeroExtend() {
        let s = Sandbox()
        s.cpu[.rax] = 0xffff_ffff_ffff_ffff
        s.run([0xB8, 0x01, 0x00, 0x00, 0x00])   // mov eax, 1
        XCTAssertEqual(s.cpu[.rax], 1)
        s.cpu[.rbx] = 0xffff_ffff_ffff_ffff
        s.run([0xB7, 0x12])                     // mov bh, 0x12
        XCTAssertEqual(s.cpu[.rbx], 0xffff_ffff_ffff_12ff)
    }

    func testDivideByZeroTrapsAtInstruction() {
        let s = Sandbox()
        s.cpu[.rcx] = 0
        let r = s.run([0x90, 0x48, 0xF7, 0xF1])  // nop; div rcx
        XCTAssertEqual(r, .trap(Trap(kind: .divideError)))
        XCTAssertEqual(s.cpu.rip, Sandbox.code + 1)
    }

    func testPageFaultReportsAddressAndKeepsState() {
        let s = Sandbox()
        s.cpu[.rbx] = 0xdead_0000
        s.cpu[.rax] = 5
        let r = s.run([0x48, 0xFF, 0xC0, 0x48, 0x8B, 0x03])   // inc rax; mov rax, [rbx]
        guard case .trap(let t) = r else { return XCTFail("\(r)") }
        XCTAssertEqual(t.kind, .pageFault)
        XCTAssertEqual(t.address, 0xdead_0000)
        XCTAssertEqual(t.reason, .unmapped)
        XCTAssertEqual(s.cpu.rip, Sandbox.code + 3)
        XCTAssertEqual(s.cpu[.rax], 6)
    }

    func testCallRetPushPop() {
        let s = Sandbox()
        // call +1 ; int3 (skipped) ; pop rax ; push 0x1234 ; pop rbx
        let code: [UInt8] = [0xE8, 0x01, 0x00, 0x00, 0x00, 0xCC, 0x58, 0x68, 0x34, 0x12, 0x00, 0x00, 0x5B]
        let sp = s.cpu[.rsp]
        let r = s.run(code)
        XCTAssertTrue(s.completed(r, length: code.count), "\(r)")
        XCTAssertEqual(s.cpu[.rax], Sandbox.code + 5)
        XCTAssertEqual(s.cpu[.rbx], 0x1234)
        XCTAssertEqual(s.cpu[.rsp], sp)
    }

    func testRepMovsbOverlappingForwardCopyReplicates() throws {
        let s = Sandbox()
        try s.space.write(Sandbox.data, [1, 2, 0, 0, 0, 0, 0, 0])
        s.cpu[.rsi] = Sandbox.data
        s.cpu[.rdi] = Sandbox.data + 2
        s.cpu[.rcx] = 6
        s.run([0xF3, 0xA4])   // rep movsb
        XCTAssertEqual(try s.space.read(Sandbox.data, count: 8), [1, 2, 1, 2, 1, 2, 1, 2])
        XCTAssertEqual(s.cpu[.rcx], 0)
        XCTAssertEqual(s.cpu[.rdi], Sandbox.data + 8)
    }

    func testRepStosqAndScasb() throws {
        let s = Sandbox()
        s.cpu[.rax] = 0x4141_4141_4141_4141
        s.cpu[.rdi] = Sandbox.data
        s.cpu[.rcx] = 4
        s.run([0xF3, 0x48, 0xAB])   // rep stosq
        XCTAssertEqual(try s.space.readValue(Sandbox.data + 24, as: UInt64.self), 0x4141_4141_4141_4141)
        try s.space.write(Sandbox.data + 32, Array("abcdef\0".utf8))
        s.cpu[.rdi] = Sandbox.data + 32
        s.cpu[.rax] = 0
        s.cpu[.rcx] = 100
        s.run([0xF2, 0xAE])         // repne scasb
        XCTAssertEqual(s.cpu[.rdi], Sandbox.data + 39)
        XCTAssertEqual(s.cpu[.rcx], 93)
    }

    func testLockCmpxchgAndXadd() throws {
        let s = Sandbox()
        try s.space.writeValue(Sandbox.data, UInt64(10))
        s.cpu[.rbx] = Sandbox.data
        s.cpu[.rax] = 10
        s.cpu[.rcx] = 99
        s.run([0xF0, 0x48, 0x0F, 0xB1, 0x0B])   // lock cmpxchg [rbx], rcx
        XCTAssertEqual(try s.space.readValue(Sandbox.data, as: UInt64.self), 99)
        s.cpu[.rdx] = 1
        s.run([0xF0, 0x48, 0x0F, 0xC1, 0x13])   // lock xadd [rbx], rdx
        XCTAssertEqual(s.cpu[.rdx], 99)
        XCTAssertEqual(try s.space.readValue(Sandbox.data, as: UInt64.self), 100)
    }

    func testCPUIDDescribesAdvertisedFeaturesOnly() {
        let s = Sandbox()
        s.cpu[.rax] = 0
        s.run([0x0F, 0xA2])
        XCTAssertEqual(UInt32(truncatingIfNeeded: s.cpu[.rbx]), 0x756e_6547)   // "Genu"
        s.cpu[.rax] = 1
        s.run([0x0F, 0xA2])
        let ecx = UInt32(truncatingIfNeeded: s.cpu[.rcx])
        XCTAssertEqual(ecx & (1 << 28), 0, "no AVX")
        XCTAssertEqual(ecx & (1 << 27), 0, "no OSXSAVE")
        XCTAssertNotEqual(ecx & (1 << 20), 0, "SSE4.2")
    }

    func testInvalidInstructionReportsBytes() {
        let s = Sandbox()
        let r = s.run([0x0F, 0x0B])   // ud2
        XCTAssertEqual(r, .invalidInstruction([0x0F, 0x0B, 0xCC] + [UInt8](repeating: 0, count: 12)))
    }

    func testSelfModifyingCodeIsSeen() throws {
        let s = Sandbox()
        // mov byte [rip+1], 0x90 would be fiddly; instead run, patch, run again.
        s.run([0xB8, 0x01, 0x00, 0x00, 0x00])
        XCTAssertEqual(s.cpu[.rax], 1)
        s.run([0xB8, 0x02, 0x00, 0x00, 0x00])
        XCTAssertEqual(s.cpu[.rax], 2, "rewritten code is re-decoded")
    }

    func testDecoderLengthsAndForms() {
        func decode(_ b: [UInt8]) -> Instruction? {
            var buf = b + [UInt8](repeating: 0x90, count: 16)
            let r = buf.withUnsafeMutableBufferPointer { Decoder.decode($0.baseAddress!, available: 15, pc: 0x1000) }
            if case .instruction(let d) = r { return d }
            return nil
        }
        let lea = decode([0x48, 0x8D, 0x44, 0x8B, 0x10])!     // lea rax, [rbx+rcx*4+0x10]
        XCTAssertEqual(lea.op, .lea)
        XCTAssertEqual(lea.length, 5)
        XCTAssertEqual(lea.scale, 2)
        XCTAssertEqual(lea.disp, 0x10)
        let rip = decode([0x48, 0x8B, 0x05, 0x10, 0x00, 0x00, 0x00])!  // mov rax, [rip+0x10]
        XCTAssertEqual(rip.disp, 0x1000 + 7 + 0x10)
        let imm64 = decode([0x48, 0xB8, 1, 2, 3, 4, 5, 6, 7, 8])!
        XCTAssertEqual(imm64.imm, 0x0807060504030201)
        let jcc = decode([0x0F, 0x84, 0x00, 0x01, 0x00, 0x00])!
        XCTAssertEqual(jcc.op, .jcc)
        XCTAssertEqual(jcc.imm, 0x1000 + 6 + 0x100)
        XCTAssertEqual(decode([0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00])?.op, .nop)
        XCTAssertEqual(decode([0xF0, 0x01, 0xC0])?.op, .invalid, "lock on a register operand is invalid")
        let ah = decode([0x88, 0xE0])!   // mov al, ah
        XCTAssertEqual(ah.reg, 1)        // ah is byte 1 of rax
        let spl = decode([0x40, 0x88, 0xE0])!   // mov al, spl
        XCTAssertEqual(spl.reg, 32)
    }
}
