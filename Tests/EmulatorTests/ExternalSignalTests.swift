import XCTest
import Foundation

/// Signals sent to the emulator from outside reach the guest's handler, interrupting a sleep.
final class ExternalSignalTests: XCTestCase {
    /// A FreeBSD program: sigaction(SIGTERM, handler); write "ready\n"; loop { nanosleep(1s) };
    /// the handler writes "got\n" and exits 0.
    static let program: [UInt8] = {
        var c: [UInt8] = []
        func le32(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        c += [0x48, 0x8D, 0x35] + le32(0x260 - 0x207)        // lea rsi, [rip+sa]
        c += [0xBF, 15, 0, 0, 0]                             // mov edi, SIGTERM
        c += [0x31, 0xD2]                                    // xor edx, edx
        c += [0xB8, 0xA0, 0x01, 0, 0]                        // mov eax, 416 (sigaction)
        c += [0x0F, 0x05]
        c += [0xBF, 1, 0, 0, 0]                              // mov edi, 1
        c += [0x48, 0x8D, 0x35] + le32(0x290 - 0x221)        // lea rsi, [rip+ready]
        c += [0xBA, 6, 0, 0, 0]                              // mov edx, 6
        c += [0xB8, 4, 0, 0, 0]                              // mov eax, 4 (write)
        c += [0x0F, 0x05]
        c += [0x48, 0x8D, 0x3D] + le32(0x280 - 0x234)        // loop: lea rdi, [rip+ts]
        c += [0x31, 0xF6]                                    // xor esi, esi
        c += [0xB8, 0xF0, 0, 0, 0]                           // mov eax, 240 (nanosleep)
        c += [0x0F, 0x05]
        c += [0xEB, 0xEE]                                    // jmp loop
        c += [0xBF, 1, 0, 0, 0]                              // handler: mov edi, 1
        c += [0x48, 0x8D, 0x35] + le32(0x296 - 0x24B)        // lea rsi, [rip+msg]
        c += [0xBA, 4, 0, 0, 0]                              // mov edx, 4
        c += [0xB8, 4, 0, 0, 0]                              // mov eax, 4
        c += [0x0F, 0x05]
        c += [0x31, 0xFF]                                    // xor edi, edi
        c += [0xB8, 1, 0, 0, 0]                              // mov eax, 1 (exit)
        c += [0x0F, 0x05]
        precondition(c.count == 0x60)
        c += withUnsafeBytes(of: UInt64(0x40023F).littleEndian) { Array($0) } + [UInt8](repeating: 0, count: 24)
        c += withUnsafeBytes(of: Int64(1).littleEndian) { Array($0) } + [UInt8](repeating: 0, count: 8)
        c += Array("ready\n".utf8) + Array("got\n".utf8)
        return c
    }()

    func testSIGTERMFromOutsideRunsTheGuestHandler() throws {
        let path = TestELF.write(TestELF.make(code: ExternalSignalTests.program), name: "sigterm")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        p.arguments = [path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(10)
        while !seen.contains("ready") && Date() < deadline {
            seen += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        XCTAssertTrue(seen.contains("ready"), seen)
        kill(p.processIdentifier, SIGTERM)
        let rest = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        seen += String(decoding: rest, as: UTF8.self)
        XCTAssertEqual(seen, "ready\ngot\n")
        XCTAssertEqual(p.terminationReason, .exit)
        XCTAssertEqual(p.terminationStatus, 0)
    }
}
