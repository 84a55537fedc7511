import XCTest
@testable import GDBStub

final class PacketTests: XCTestCase {
    func testFrameEscapesAndChecksum() {
        XCTAssertEqual(String(decoding: Packet.frame(Array("OK".utf8)), as: UTF8.self), "$OK#9a")
        XCTAssertEqual(Packet.frame([UInt8(ascii: "#")]), Array("$}\u{03}#80".utf8))
    }
}
