import XCTest
import Glibc
@testable import Emulator

/// Builds tiny ELF files for loader and end-to-end tests.
enum TestELF {
    /// A static x86-64 executable: one RX PT_LOAD at 0x400000 holding `code` (entry at its
    /// start), optional FreeBSD ABI note and OS/ABI byte.
    static func make(code: [UInt8], osabi: UInt8 = 9, machine: UInt16 = 62, elfClass: UInt8 = 2,
                     note: Bool = true, interpreter: String? = nil) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: 0x1000)
        func put<T: FixedWidthInteger>(_ v: T, _ off: Int) {
            withUnsafeBytes(of: v.littleEndian) { for (i, x) in $0.enumerated() { b[off + i] = x } }
        }
        b[0] = 0x7f; b[1] = 0x45; b[2] = 0x4c; b[3] = 0x46
        b[4] = elfClass; b[5] = 1; b[6] = 1; b[7] = osabi
        put(UInt16(2), 16)            // ET_EXEC
        put(machine, 18)
        put(UInt32(1), 20)
        let base: UInt64 = 0x400000
        let codeOff = 0x200
        put(base + UInt64(codeOff), 24)   // e_entry
        put(UInt64(64), 32)           // e_phoff
        put(UInt16(64), 52)           // e_ehsize
        put(UInt16(56), 54)           // e_phentsize
        var phnum: UInt16 = 1
        // PT_LOAD covering the whole file.
        let fileSize = UInt64(codeOff + code.count)
        var ph = 64
        put(UInt32(1), ph); put(UInt32(5), ph + 4); put(UInt64(0), ph + 8); put(base, ph + 16); put(base, ph + 24)
        put(fileSize, ph + 32); put(fileSize, ph + 40); put(UInt64(0x1000), ph + 48)
        ph += 56
        if note {
            let noteOff = 0x180
            put(UInt32(4), ph); put(UInt32(4), ph + 4); put(UInt64(noteOff), ph + 8); put(base + UInt64(noteOff), ph + 16)
            put(UInt64(24), ph + 32); put(UInt64(24), ph + 40); put(UInt64(4), ph + 48)
            ph += 56
            phnum += 1
            put(UInt32(8), noteOff); put(UInt32(4), noteOff + 4); put(UInt32(1), noteOff + 8)
            for (i, c) in "FreeBSD".utf8.enumerated() { b[noteOff + 12 + i] = c }
            put(UInt32(1400097), noteOff + 20)
        }
        if let interp = interpreter {
            let off = 0x1c0
            put(UInt32(3), ph); put(UInt32(4), ph + 4); put(UInt64(off), ph + 8); put(base + UInt64(off), ph + 16)
            put(UInt64(interp.utf8.count + 1), ph + 32); put(UInt64(interp.utf8.count + 1), ph + 40); put(UInt64(1), ph + 48)
            for (i, c) in interp.utf8.enumerated() { b[off + i] = c }
            phnum += 1
        }
        put(phnum, 56)
        for (i, c) in code.enumerated() { b[codeOff + i] = c }
        return Array(b.prefix(codeOff + code.count))
    }

    /// One scratch directory per test process, removed when the process exits.
    static let scratch: String = {
        let dir = NSTemporaryDirectoryPath() + "/bsd-user-gdb-tests-\(getpid())"
        mkdir(dir, 0o755)
        atexit {
            let d = TestELF.NSTemporaryDirectoryPath() + "/bsd-user-gdb-tests-\(getpid())"
            if let entries = opendir(d) {
                while let e = readdir(entries) {
                    let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
                    if name != "." && name != ".." { unlink(d + "/" + name) }
                }
                closedir(entries)
            }
            rmdir(d)
        }
        return dir
    }()

    static func write(_ bytes: [UInt8], name: String = "prog") -> String {
        let path = scratch + "/\(name)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o755)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return path
    }

    static func NSTemporaryDirectoryPath() -> String {
        if let t = getenv("TMPDIR") { return String(cString: t) }
        return "/tmp"
    }
}

/// A bare CPU over a fresh address space with code at 0x10000 and a scratch page at 0x20000.
struct Sandbox {
    let space = AddressSpace(arenaSize: 1 << 32)
    let cpu: X86CPU
    static let code: UInt64 = 0x10000
    static let data: UInt64 = 0x20000
    static let stackTop: UInt64 = 0x40000

    init() {
        cpu = X86CPU(mmu: MMU(space: space))
        _ = try! space.map(.fixed(Sandbox.code), length: 0x1000, protection: .rwx)
        _ = try! space.map(.fixed(Sandbox.data), length: 0x1000, protection: .rw)
        _ = try! space.map(.fixed(Sandbox.stackTop - 0x4000), length: 0x4000, protection: .rw)
        cpu[.rsp] = Sandbox.stackTop - 0x100
    }

    /// Runs `bytes` followed by int3; returns how the run ended.
    @discardableResult
    func run(_ bytes: [UInt8]) -> ExitReason {
        try! space.write(Sandbox.code, bytes + [0xCC])
        cpu.rip = Sandbox.code
        return cpu.run()
    }

    /// True if the run reached the int3 placed after the code.
    func completed(_ r: ExitReason, length: Int) -> Bool {
        r == .trap(Trap(kind: .breakpoint)) && cpu.rip == Sandbox.code + UInt64(length)
    }
}
