import XCTest
import Glibc
@testable import Emulator

final class ABITranslationTests: XCTestCase {
    func testErrnoFromLinux() {
        XCTAssertEqual(FreeBSDErrno(linux: EAGAIN).rawValue, 35)
        XCTAssertEqual(FreeBSDErrno(linux: EDEADLK).rawValue, 11)
        XCTAssertEqual(FreeBSDErrno(linux: ENOSYS).rawValue, 78)
        XCTAssertEqual(FreeBSDErrno(linux: ENOTEMPTY).rawValue, 66)
        XCTAssertEqual(FreeBSDErrno(linux: ECONNREFUSED).rawValue, 61)
        XCTAssertEqual(FreeBSDErrno(linux: ENOENT).rawValue, 2)
        XCTAssertEqual(FreeBSDErrno(linux: ETIMEDOUT).rawValue, 60)
        XCTAssertEqual(FreeBSDErrno(35).description, "EAGAIN")
    }

    func testOpenFlagsBothWays() {
        // O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC
        let f: UInt32 = 0x1 | 0x200 | 0x400 | 0x100000
        let l = ABI.openFlagsToLinux(f)!
        XCTAssertEqual(l, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC)
        XCTAssertEqual(ABI.openFlagsFromLinux(O_RDWR | O_NONBLOCK | O_APPEND), 0x2 | 0x4 | 0x8)
        XCTAssertEqual(ABI.openFlagsToLinux(0x20000), O_DIRECTORY)
        XCTAssertNil(ABI.openFlagsToLinux(0x4000_0000), "unknown bits are refused")
        for bit in [UInt32(0x4), 0x8, 0x100, 0x200, 0x400, 0x800, 0x8000, 0x20000, 0x100000] {
            XCTAssertEqual(ABI.openFlagsFromLinux(ABI.openFlagsToLinux(bit)!), bit, "round trip of \(bit)")
        }
    }

    func testAtFlags() {
        XCTAssertEqual(ABI.atFlagsToLinux(0x200), AT_SYMLINK_NOFOLLOW)
        XCTAssertEqual(ABI.atFlagsToLinux(0x800), AT_REMOVEDIR)
        XCTAssertEqual(ABI.atFlagsToLinux(0x100), AT_EACCESS)
        XCTAssertNil(ABI.atFlagsToLinux(0x1))
    }

    func testSignalsBothWays() {
        XCTAssertEqual(FreeBSDSignal.toLinux(FreeBSDSignal.SIGBUS), SIGBUS)
        XCTAssertEqual(FreeBSDSignal.toLinux(FreeBSDSignal.SIGUSR1), SIGUSR1)
        XCTAssertEqual(FreeBSDSignal.toLinux(FreeBSDSignal.SIGCHLD), SIGCHLD)
        XCTAssertEqual(FreeBSDSignal.toLinux(FreeBSDSignal.SIGSYS), SIGSYS)
        for s in Int32(1)...31 where s != 7 && s != 29 {
            XCTAssertEqual(FreeBSDSignal.fromLinux(FreeBSDSignal.toLinux(s)), s, "signal \(s)")
        }
        XCTAssertEqual(FreeBSDSignal.name(11), "SIGSEGV")
    }

    func testStatLayout() {
        var st = stat()
        st.st_dev = 1; st.st_ino = 2; st.st_nlink = 3; st.st_mode = 0o100644; st.st_uid = 5; st.st_gid = 6
        st.st_size = 7; st.st_blocks = 8; st.st_blksize = 4096
        st.st_mtim = timespec(tv_sec: 9, tv_nsec: 10)
        let b = ABI.freeBSDStat(st)
        let r = StructReader(bytes: b)
        XCTAssertEqual(b.count, 224)
        XCTAssertEqual(r.get(UInt64.self, at: 8), 2)
        XCTAssertEqual(r.get(UInt64.self, at: 16), 3)
        XCTAssertEqual(r.get(UInt16.self, at: 24), 0o100644)
        XCTAssertEqual(r.get(UInt32.self, at: 28), 5)
        XCTAssertEqual(r.get(Int64.self, at: 64), 9)
        XCTAssertEqual(r.get(Int64.self, at: 112), 7)
        XCTAssertEqual(r.get(Int32.self, at: 128), 4096)
    }

    func testTermiosRoundTrip() {
        var w = StructWriter(size: 44)
        w.put(UInt32(0x100 | 0x200), at: 0)            // ICRNL | IXON
        w.put(UInt32(0x1 | 0x2), at: 4)                // OPOST | ONLCR
        w.put(UInt32(0x300 | 0x800), at: 8)            // CS8 | CREAD
        w.put(UInt32(0x8 | 0x80 | 0x100 | 0x400), at: 12) // ECHO | ISIG | ICANON | IEXTEN
        w.bytes[16 + 8] = 3                            // VINTR = ^C
        w.bytes[16 + 16] = 1                           // VMIN
        w.put(UInt32(38400), at: 36); w.put(UInt32(38400), at: 40)
        let linux = ABI.termiosToLinux(w.bytes)
        let back = ABI.termiosFromLinux(linux + [UInt8](repeating: 0, count: 28))
        XCTAssertEqual(Array(back[0..<16]), Array(w.bytes[0..<16]))
        XCTAssertEqual(back[16 + 8], 3)
        XCTAssertEqual(back[16 + 16], 1)
        XCTAssertEqual(StructReader(bytes: back).get(UInt32.self, at: 40), 38400)
    }

    func testRlimitAndClocks() {
        XCTAssertEqual(ABI.rlimitResourceToLinux(8), 7)     // NOFILE
        XCTAssertEqual(ABI.rlimitResourceToLinux(6), 8)     // MEMLOCK
        XCTAssertEqual(ABI.rlimitValueFromLinux(UInt64.max), 0x7fff_ffff_ffff_ffff)
        XCTAssertEqual(ABI.clockToLinux(4), CLOCK_MONOTONIC)
        XCTAssertEqual(ABI.clockToLinux(15), CLOCK_PROCESS_CPUTIME_ID)
        XCTAssertNil(ABI.clockToLinux(99))
    }

    func testSyscallTable() {
        XCTAssertEqual(FreeBSDSyscall.read.rawValue, 3)
        XCTAssertEqual(FreeBSDSyscall.mmap.rawValue, 477)
        XCTAssertEqual(FreeBSDSyscall.fstatat.rawValue, 552)
        XCTAssertEqual(FreeBSDSyscall.__sysctlbyname.rawValue, 570)
        XCTAssertEqual(SyscallCatalog.name(454), "_umtx_op")
        XCTAssertEqual(SyscallCatalog.descriptors[5]?.args.map { $0.1 }, ["path", "flags", "mode"])
        XCTAssertEqual(SyscallCatalog.name(38), "ostat")
    }
}
