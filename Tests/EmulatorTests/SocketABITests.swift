import XCTest
import Glibc
@testable import Emulator

/// Socket ABI translation, both directions: families, types, addresses, options, MSG_* flags,
/// control messages. Linux numbers are the x86-64 glibc/kernel ones.
final class SocketABITests: XCTestCase {
    func testFamilies() {
        XCTAssertEqual(SocketABI.familyToLinux(1), 1)
        XCTAssertEqual(SocketABI.familyToLinux(2), 2)
        XCTAssertEqual(SocketABI.familyToLinux(28), 10)
        XCTAssertNil(SocketABI.familyToLinux(17), "AF_ROUTE has no host counterpart here")
        XCTAssertEqual(SocketABI.familyFromLinux(10), 28)
        XCTAssertEqual(SocketABI.familyFromLinux(2), 2)
        for f: Int32 in [0, 1, 2, 28] {
            XCTAssertEqual(SocketABI.familyFromLinux(SocketABI.familyToLinux(f)!), f)
        }
    }

    func testTypesAndCreationFlags() {
        XCTAssertEqual(SocketABI.socketTypeToLinux(1), 1)
        XCTAssertEqual(SocketABI.socketTypeToLinux(5), 5)
        XCTAssertEqual(SocketABI.socketTypeToLinux(1 | 0x1000_0000), 1 | 0x80000)
        XCTAssertEqual(SocketABI.socketTypeToLinux(2 | 0x2000_0000), 2 | 0x800)
        XCTAssertNil(SocketABI.socketTypeToLinux(0x4000_0001))
        XCTAssertEqual(SocketABI.acceptFlagsToLinux(0x3000_0000), 0x80000 | 0x800)
        XCTAssertEqual(SocketABI.acceptFlagsToLinux(0), 0)
        XCTAssertNil(SocketABI.acceptFlagsToLinux(0x4000), "accept4 refuses other bits (EINVAL)")
    }

    func testInetAddressBothWays() throws {
        let fbsd: [UInt8] = [16, 2, 0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]
        let linux = try SocketABI.sockaddrToLinux(fbsd)
        XCTAssertEqual(linux, [2, 0, 0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(SocketABI.sockaddrFromLinux(linux, length: 16), fbsd)
        // sa_len is not trusted on input; the length passed is.
        var sloppy = fbsd
        sloppy[0] = 99
        XCTAssertEqual(try SocketABI.sockaddrToLinux(sloppy), linux)
        XCTAssertThrowsError(try SocketABI.sockaddrToLinux(Array(fbsd.prefix(8)))) { XCTAssertEqual($0 as? FreeBSDErrno, .EINVAL) }
    }

    func testInet6AddressBothWays() throws {
        var fbsd = [UInt8](repeating: 0, count: 28)
        fbsd[0] = 28; fbsd[1] = 28
        fbsd[2] = 0x00; fbsd[3] = 0x50                   // port 80
        fbsd[4] = 0x12; fbsd[7] = 0x34                   // flowinfo
        fbsd[23] = 1                                     // ::1
        fbsd[24] = 3                                     // scope id 3
        let linux = try SocketABI.sockaddrToLinux(fbsd)
        XCTAssertEqual(linux.count, 28)
        XCTAssertEqual(Array(linux.prefix(2)), [10, 0])
        XCTAssertEqual(Array(linux[2...]), Array(fbsd[2...]))
        XCTAssertEqual(SocketABI.sockaddrFromLinux(linux, length: 28), fbsd)
        XCTAssertThrowsError(try SocketABI.sockaddrToLinux(Array(fbsd.prefix(24))))
    }

    func testUnixAddressBothWays() throws {
        let path = Array("/tmp/sock".utf8)
        // SUN_LEN style: no NUL in the length.
        let fbsd: [UInt8] = [UInt8(2 + path.count), 1] + path
        let linux = try SocketABI.sockaddrToLinux(fbsd)
        XCTAssertEqual(linux, [1, 0] + path + [0])
        let back = SocketABI.sockaddrFromLinux(linux, length: linux.count)
        XCTAssertEqual(back, [UInt8(2 + path.count + 1), 1] + path + [0])
        // A full sockaddr_un (106 bytes) with the path NUL-terminated inside.
        var full = [UInt8](repeating: 0, count: 106)
        full[0] = 106; full[1] = 1
        for (i, b) in path.enumerated() { full[2 + i] = b }
        XCTAssertEqual(try SocketABI.sockaddrToLinux(full), linux)
        // Unnamed: Linux reports the family alone, FreeBSD a 16-byte sun_noname.
        let noname = SocketABI.sockaddrFromLinux([1, 0], length: 2)
        XCTAssertEqual(noname.count, 16)
        XCTAssertEqual(Array(noname.prefix(2)), [16, 1])
        XCTAssertTrue(noname.dropFirst(2).allSatisfy { $0 == 0 })
    }

    func testAddressErrors() {
        func err(_ b: [UInt8]) -> FreeBSDErrno? {
            do { _ = try SocketABI.sockaddrToLinux(b); return nil } catch { return error }
        }
        XCTAssertEqual(err([16]), .EINVAL)
        XCTAssertEqual(err([UInt8](repeating: 0, count: 256)), .ENAMETOOLONG)
        XCTAssertEqual(err([16, 99, 0, 0]), .EAFNOSUPPORT)
        XCTAssertEqual(err([2, 1]), .EINVAL, "AF_UNIX without a path byte")
        XCTAssertEqual(err([3, 1, 0]), .ENOENT, "an empty path is not Linux's abstract namespace")
        XCTAssertEqual(err([255, 1] + [UInt8](repeating: 0x61, count: 120)), .ENAMETOOLONG)
    }

    func testSocketOptions() {
        typealias O = SocketABI.LinuxOption
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x4), O(level: 1, name: 2, value: .flag(0x4)))   // SO_REUSEADDR
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x8), O(level: 1, name: 9, value: .flag(0x8)))   // SO_KEEPALIVE
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x20)?.name, 6)        // SO_BROADCAST
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x80), O(level: 1, name: 13, value: .linger))
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x200)?.name, 15)      // SO_REUSEPORT
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x1001), O(level: 1, name: 7, value: .bufferSize))
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x1002), O(level: 1, name: 8, value: .bufferSize))
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x1005)?.name, 21)     // SO_SNDTIMEO
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x1006)?.name, 20)     // SO_RCVTIMEO
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x1007), O(level: 1, name: 4, value: .error))
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x1008)?.name, 3)      // SO_TYPE
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x1019), O(level: 1, name: 39, value: .domain))
        XCTAssertEqual(SocketABI.optionToLinux(level: 0xffff, name: 0x800)?.value, .noSigPipe)
        XCTAssertNil(SocketABI.optionToLinux(level: 0xffff, name: 0x7777))
        XCTAssertNil(SocketABI.optionToLinux(level: 1, name: 2), "Linux's SOL_SOCKET number is not FreeBSD's")
        XCTAssertEqual(SocketABI.optionToLinux(level: 6, name: 1), O(level: 6, name: 1, value: .flag(0x4)))        // TCP_NODELAY
        XCTAssertEqual(SocketABI.optionToLinux(level: 6, name: 0x100)?.name, 4)            // TCP_KEEPIDLE
        XCTAssertEqual(SocketABI.optionToLinux(level: 6, name: 0x200)?.name, 5)            // TCP_KEEPINTVL
        XCTAssertEqual(SocketABI.optionToLinux(level: 6, name: 0x400)?.name, 6)            // TCP_KEEPCNT
        XCTAssertEqual(SocketABI.optionToLinux(level: 0, name: 3), O(level: 0, name: 1, value: .passThrough))   // IP_TOS
        XCTAssertEqual(SocketABI.optionToLinux(level: 0, name: 4)?.name, 2)                // IP_TTL
        XCTAssertEqual(SocketABI.optionToLinux(level: 0, name: 12)?.name, 35)              // IP_ADD_MEMBERSHIP
        XCTAssertEqual(SocketABI.optionToLinux(level: 41, name: 27), O(level: 41, name: 26, value: .passThrough))  // IPV6_V6ONLY
        XCTAssertEqual(SocketABI.optionToLinux(level: 41, name: 4)?.name, 16)              // IPV6_UNICAST_HOPS
        // Level 0 on a Unix socket is SOL_LOCAL: LOCAL_PEERCRED, not IP_OPTIONS.
        XCTAssertEqual(SocketABI.optionToLinux(level: 0, name: 1, unixDomain: true)?.value, .peerCred)
        XCTAssertEqual(SocketABI.optionToLinux(level: 0, name: 1)?.name, 4)
    }

    func testXucredLayout() {
        let x = SocketABI.xucred(pid: 1234, uid: 1001, gid: 1002)
        XCTAssertEqual(x.count, 88)
        let r = StructReader(bytes: x)
        XCTAssertEqual(r.get(UInt32.self, at: 0), 0)
        XCTAssertEqual(r.get(UInt32.self, at: 4), 1001)
        XCTAssertEqual(r.get(Int16.self, at: 8), 1)
        XCTAssertEqual(r.get(UInt32.self, at: 12), 1002)
        XCTAssertEqual(r.get(Int32.self, at: 80), 1234)
    }

    func testMessageFlags() {
        XCTAssertEqual(SocketABI.msgFlagsToLinux(0x80), 0x40)                  // MSG_DONTWAIT
        XCTAssertEqual(SocketABI.msgFlagsToLinux(0x20000), 0x4000)             // MSG_NOSIGNAL
        XCTAssertEqual(SocketABI.msgFlagsToLinux(0x40), 0x100)                 // MSG_WAITALL
        XCTAssertEqual(SocketABI.msgFlagsToLinux(0x8), 0x80)                   // MSG_EOR
        XCTAssertEqual(SocketABI.msgFlagsToLinux(0x40000), 0x4000_0000)        // MSG_CMSG_CLOEXEC
        XCTAssertEqual(SocketABI.msgFlagsToLinux(0x1 | 0x2 | 0x4), 0x7)        // OOB, PEEK, DONTROUTE
        XCTAssertEqual(SocketABI.msgFlagsToLinux(0x4000), 0x40, "MSG_NBIO is a non-blocking call")
        XCTAssertEqual(SocketABI.msgFlagsToLinux(0x10 | 0x20 | 0x100), 0, "TRUNC/CTRUNC are results; MSG_EOF is emulated")
        XCTAssertEqual(SocketABI.msgFlagsFromLinux(0x20), 0x10)                // MSG_TRUNC
        XCTAssertEqual(SocketABI.msgFlagsFromLinux(0x8), 0x20)                 // MSG_CTRUNC
        XCTAssertEqual(SocketABI.msgFlagsFromLinux(0x80), 0x8)                 // MSG_EOR
        XCTAssertEqual(SocketABI.msgFlagsFromLinux(0x1), 0x1)
        for f: UInt32 in [0x1, 0x8] {
            XCTAssertEqual(SocketABI.msgFlagsFromLinux(SocketABI.msgFlagsToLinux(f)), f)
        }
    }

    func testControlMessagesRoundTrip() throws {
        let fds: [Int32] = [5, 9]
        var data: [UInt8] = []
        for f in fds { withUnsafeBytes(of: f.littleEndian) { data += $0 } }
        let rights = SocketABI.ControlMessage(level: 0xffff, type: 1, data: data)
        let fb = SocketABI.encodeFreeBSDControl([rights])
        XCTAssertEqual(fb.count, 24)                                   // CMSG_SPACE(8)
        let r = StructReader(bytes: fb)
        XCTAssertEqual(r.get(UInt32.self, at: 0), 24)                  // CMSG_LEN(8)
        XCTAssertEqual(r.get(Int32.self, at: 4), 0xffff)
        XCTAssertEqual(r.get(Int32.self, at: 8), 1)
        XCTAssertEqual(r.get(Int32.self, at: 16), 5)                   // CMSG_DATA at 16
        XCTAssertEqual(try SocketABI.parseFreeBSDControl(fb), [rights])

        let lm = try XCTUnwrap(try SocketABI.controlToLinux(rights))
        XCTAssertEqual(lm.level, 1)
        let lb = SocketABI.encodeLinuxControl([lm])
        XCTAssertEqual(lb.count, 24)
        XCTAssertEqual(StructReader(bytes: lb).get(UInt64.self, at: 0), 24)
        let parsed = SocketABI.parseLinuxControl(lb)
        XCTAssertEqual(parsed, [lm])
        XCTAssertEqual(SocketABI.controlFromLinux(parsed[0]), rights)
        XCTAssertEqual(SocketABI.descriptors(in: rights.data), fds)

        // Two messages, the first padded to 8.
        let one = SocketABI.ControlMessage(level: 0xffff, type: 1, data: [1, 0, 0, 0])
        let two = SocketABI.encodeFreeBSDControl([one, rights])
        XCTAssertEqual(two.count, 24 + 24)
        XCTAssertEqual(try SocketABI.parseFreeBSDControl(two), [one, rights])
    }

    func testControlMessageTranslations() throws {
        XCTAssertNil(try SocketABI.controlToLinux(.init(level: 0xffff, type: 3, data: [])), "SCM_CREDS is dropped")
        XCTAssertThrowsError(try SocketABI.controlToLinux(.init(level: 0xffff, type: 2, data: [])))
        XCTAssertEqual(try SocketABI.controlToLinux(.init(level: 41, type: 46, data: [1]))?.type, 50)  // IPV6_PKTINFO
        XCTAssertEqual(SocketABI.controlFromLinux(.init(level: 1, type: 29, data: [1]))?.type, 2)  // SCM_TIMESTAMP
        let ttl = SocketABI.controlFromLinux(.init(level: 0, type: 2, data: [64, 0, 0, 0]))
        XCTAssertEqual(ttl, .init(level: 0, type: 65, data: [64]), "IP_RECVTTL carries a u_char on FreeBSD")
        XCTAssertNil(SocketABI.controlFromLinux(.init(level: 1, type: 2, data: [])), "SCM_CREDENTIALS")
        // A length shorter than the header or past the end is EINVAL.
        var bad = SocketABI.encodeFreeBSDControl([.init(level: 0xffff, type: 1, data: [0, 0, 0, 0])])
        bad[0] = 8
        XCTAssertThrowsError(try SocketABI.parseFreeBSDControl(bad))
        bad[0] = 200
        XCTAssertThrowsError(try SocketABI.parseFreeBSDControl(bad))
    }
}
