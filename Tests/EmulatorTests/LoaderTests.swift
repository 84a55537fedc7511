import XCTest
import Glibc
@testable import Emulator

final class LoaderTests: XCTestCase {
    func testRecognisesFreeBSDByNoteOrOSABI() throws {
        let exitCode: [UInt8] = [0xB8, 0x01, 0, 0, 0, 0x31, 0xFF, 0x0F, 0x05]
        let byNote = TestELF.write(TestELF.make(code: exitCode, osabi: 0, note: true), name: "note")
        XCTAssertEqual(try ELFImage.open(byNote).freeBSDVersion, 1400097)
        let byABI = TestELF.write(TestELF.make(code: exitCode, osabi: 9, note: false), name: "abi")
        XCTAssertNoThrow(try ELFImage.open(byABI))
    }

    func testRefusals() {
        func refusal(_ bytes: [UInt8], _ name: String) -> LoadError? {
            do { _ = try ELFImage.open(TestELF.write(bytes, name: name)); return nil } catch { return error }
        }
        let ok = TestELF.make(code: [0x90])
        if case .notFreeBSD = refusal(TestELF.make(code: [0x90], osabi: 0, note: false), "linuxlike") {} else { XCTFail("System V ELF without note") }
        if case .notFreeBSD = refusal(TestELF.make(code: [0x90], osabi: 3, note: false), "linux") {} else { XCTFail("Linux ELF") }
        if case .wrongArchitecture = refusal(TestELF.make(code: [0x90], machine: 183), "arm") {} else { XCTFail("AArch64") }
        if case .wrongClass = refusal(TestELF.make(code: [0x90], elfClass: 1), "32") {} else { XCTFail("32-bit") }
        if case .notELF = refusal(Array("#!/bin/sh\necho hi\n".utf8), "script") {} else { XCTFail("script") }
        if case .truncated = refusal(Array(ok.prefix(40)), "short") {} else { XCTFail("truncated header") }
        if case .truncated = refusal(Array(ok.prefix(0x150)), "cut") {} else { XCTFail("truncated segments") }
        do { _ = try ELFImage.open("/nonexistent/program"); XCTFail() } catch {
            XCTAssertTrue(error.description.contains("No such file"))
        }
        do { _ = try ELFImage.open("/tmp"); XCTFail() } catch {
            XCTAssertTrue(error.description.contains("directory"))
        }
        if case .notFreeBSD = refusal(Array((try? Data(path: "/bin/true")) ?? []), "true") {} else { XCTFail("host /bin/true") }
    }

    func testProcessImageStack() throws {
        let path = TestELF.write(TestELF.make(code: [0x90]), name: "stack")
        let image = try ELFImage.open(path)
        let space = AddressSpace(arenaSize: 1 << 36)
        let p = try ExecutableLoader.load(image, into: space, argv: ["prog", "a"], envp: ["X=1"], executablePath: path,
                                          ncpus: 2, hwcap: (0, 0), sharedPageCode: X86CPU.sharedPageCode)
        XCTAssertEqual(p.entry, 0x400200)
        XCTAssertEqual(p.stackPointer % 16, 8, "rsp is 8 mod 16 as FreeBSD sets it")
        XCTAssertEqual(try space.readValue(p.argumentBlock, as: UInt64.self), 2)
        let argv0 = try space.readValue(p.argumentBlock + 8, as: UInt64.self)
        XCTAssertEqual(try space.readCString(argv0).map { String(decoding: $0, as: UTF8.self) }, "prog")
        XCTAssertEqual(try space.readValue(p.argumentBlock + 24, as: UInt64.self), 0, "argv terminator")
        // auxv follows envp's terminator.
        let auxv = p.argumentBlock + 8 * (1 + 3 + 2)
        XCTAssertEqual(try space.readValue(auxv, as: UInt64.self), 3)   // AT_PHDR first
        XCTAssertEqual(p.psStrings, 0x7fff_ffff_efe0)
        XCTAssertEqual(try space.readValue(p.psStrings + 8, as: UInt32.self), 2)
    }
}

extension Array where Element == UInt8 {
    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FreeBSDErrno.ENOENT }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buf, buf.count)
            if n <= 0 { break }
            out += buf.prefix(n)
        }
        self = out
    }
}
typealias Data = [UInt8]
