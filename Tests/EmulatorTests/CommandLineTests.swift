import XCTest
import Foundation

/// Runs the real bsd-user-gdb binary: refusals of bad input must be one clear line and exit 1.
final class CommandLineTests: XCTestCase {
    static var binary: String {
        if let b = ProcessInfo.processInfo.environment["BSD_USER_GDB"] { return b }
        // The binary built with this test bundle sits next to it.
        let beside = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent().appendingPathComponent("bsd-user-gdb").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for config in ["release", "debug"] {
            let p = here.appendingPathComponent(".build/\(config)/bsd-user-gdb").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return "bsd-user-gdb"
    }

    struct Outcome { let status: Int32; let stdout: String; let stderr: String; let signal: Bool }

    static func run(_ args: [String]) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                       stderr: String(decoding: e, as: UTF8.self), signal: p.terminationReason == .uncaughtSignal)
    }

    func testHelpAndVersion() throws {
        let h = try Self.run(["--help"])
        XCTAssertEqual(h.status, 0)
        XCTAssertTrue(h.stdout.contains("usage: bsd-user-gdb"))
        let v = try Self.run(["--version"])
        XCTAssertEqual(v.status, 0)
        XCTAssertTrue(v.stdout.hasPrefix("bsd-user-gdb "))
    }

    func testBadOptions() throws {
        for args in [["-bogus", "x"], ["-E"], ["-E", "NOEQUALS", "x"], ["-g", "notaport", "x"], ["-d", "nothing", "x"], ["-exec-state", "garbage", "x"], []] {
            let r = try Self.run(args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.stderr.hasPrefix("bsd-user-gdb: "), "\(args): \(r.stderr)")
        }
    }

    func testRefusedPrograms() throws {
        let cases: [([UInt8], String)] = [
            (TestELF.make(code: [0x90], osabi: 3, note: false), "not a FreeBSD executable"),
            (TestELF.make(code: [0x90], machine: 183), "AArch64"),
            (TestELF.make(code: [0x90], elfClass: 1), "not a 64-bit ELF"),
            (Array("not an elf at all".utf8), "not an ELF file"),
            (Array(TestELF.make(code: [0x90]).prefix(0x150)), "truncated"),
            (TestELF.make(code: [0x90], interpreter: "/libexec/ld-elf.so.1"), "not supported yet"),
        ]
        for (i, (bytes, message)) in cases.enumerated() {
            let path = TestELF.write(bytes, name: "cli\(i)")
            let r = try Self.run([path])
            XCTAssertEqual(r.status, 1, message)
            XCTAssertFalse(r.signal, message)
            XCTAssertTrue(r.stderr.contains(message), "expected '\(message)' in: \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line: \(r.stderr)")
        }
        let missing = try Self.run(["/nonexistent/prog"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("No such file"))
        let linux = try Self.run(["/bin/true"])
        XCTAssertEqual(linux.status, 1)
        XCTAssertTrue(linux.stderr.contains("Linux"))
    }

    func testExitStatusAndStrace() throws {
        // mov edi, 42 ; mov eax, 1 (exit) ; syscall
        let code: [UInt8] = [0xBF, 42, 0, 0, 0, 0xB8, 1, 0, 0, 0, 0x0F, 0x05]
        let path = TestELF.write(TestELF.make(code: code), name: "exit42")
        let r = try Self.run(["-strace", path])
        XCTAssertEqual(r.status, 42)
        XCTAssertTrue(r.stderr.contains("exit(42)"), r.stderr)
    }

    func testUnimplementedSyscallKillsWithSIGSYS() throws {
        // mov eax, 26 (ptrace) ; syscall
        let code: [UInt8] = [0xB8, 26, 0, 0, 0, 0x0F, 0x05]
        let path = TestELF.write(TestELF.make(code: code), name: "sigsys")
        let r = try Self.run([path])
        XCTAssertTrue(r.signal)
        XCTAssertEqual(r.status, SIGSYS)
        XCTAssertTrue(r.stderr.contains("unimplemented FreeBSD syscall 26 ptrace("), r.stderr)
        XCTAssertTrue(r.stderr.contains("at pc=0x400205"), r.stderr)
        XCTAssertTrue(r.stderr.contains("guest killed by SIGSYS"), r.stderr)
    }

    /// FreeBSD's kern_mprotect answers a range with a hole with EINVAL (Linux: ENOMEM).
    func testMprotectOfUnmappedRangeIsEINVAL() throws {
        // mov edi, 0x10000000 ; mov esi, 4096 ; mov edx, 1 ; mov eax, 74 (mprotect) ; syscall ;
        // mov edi, eax ; mov eax, 1 (exit) ; syscall
        let code: [UInt8] = [0xBF, 0, 0, 0, 0x10, 0xBE, 0, 0x10, 0, 0, 0xBA, 1, 0, 0, 0, 0xB8, 74, 0, 0, 0,
                             0x0F, 0x05, 0x89, 0xC7, 0xB8, 1, 0, 0, 0, 0x0F, 0x05]
        let r = try Self.run([TestELF.write(TestELF.make(code: code), name: "mprotect")])
        XCTAssertEqual(r.status, 22)
    }

    func testNullWriteKillsWithSIGSEGV() throws {
        // xor eax, eax ; mov [rax], eax
        let path = TestELF.write(TestELF.make(code: [0x31, 0xC0, 0x89, 0x00]), name: "segv")
        let r = try Self.run([path])
        XCTAssertTrue(r.signal)
        XCTAssertEqual(r.status, SIGSEGV)
        XCTAssertTrue(r.stderr.contains("guest killed by SIGSEGV (address 0x0) at pc=0x400202"), r.stderr)
    }
}
