import XCTest
@testable import Emulator

final class MemoryTests: XCTestCase {
    func testMapReadWriteAndFaults() throws {
        let space = AddressSpace(arenaSize: 1 << 32)
        let a = try space.map(.fixed(0x100000), length: 0x2000, protection: .rw)
        XCTAssertEqual(a, 0x100000)
        try space.writeValue(0x100ffc, UInt64(0x1122334455667788))   // crosses a page
        XCTAssertEqual(try space.readValue(0x100ffc, as: UInt64.self), 0x1122334455667788)
        XCTAssertThrowsError(try space.readValue(0x102000, as: UInt8.self)) { e in
            XCTAssertEqual((e as? Trap)?.reason, .unmapped)
        }
        try space.protect(0x101000, length: 0x1000, protection: .read)
        XCTAssertThrowsError(try space.writeValue(0x101000, UInt8(1))) { e in
            XCTAssertEqual((e as? Trap)?.reason, .protection)
        }
        XCTAssertEqual(try space.readValue(0x101000, as: UInt8.self), 0x44)
        try space.unmap(0x100000, length: 0x1000)
        XCTAssertNil(space.mapping(containing: 0x100000))
        XCTAssertNotNil(space.mapping(containing: 0x101000))
    }

    func testHintPlacementAndExclusive() throws {
        let space = AddressSpace(arenaSize: 1 << 32)
        _ = try space.map(.fixed(0x200000), length: 0x1000, protection: .rw)
        let b = try space.map(.hint(0x200000), length: 0x1000, protection: .rw)
        XCTAssertEqual(b, 0x201000, "a hint over a used page moves up to the next free one")
        XCTAssertThrowsError(try space.map(.fixedExclusive(0x200000), length: 0x1000, protection: .rw))
        let aligned = try space.map(.hint(0x300001), length: 0x1000, protection: .rw, alignment: 1 << 20)
        XCTAssertEqual(aligned & ((1 << 20) - 1), 0)
        let low = try space.map(.hint(0), length: 0x1000, protection: .rw, limit: 0x8000_0000)
        XCTAssertLessThan(low, 0x8000_0000)
    }

    func testFixedMappingReplacesAndZeroes() throws {
        let space = AddressSpace(arenaSize: 1 << 32)
        _ = try space.map(.fixed(0x400000), length: 0x3000, protection: .rw)
        try space.writeValue(0x401000, UInt32(7))
        _ = try space.map(.fixed(0x401000), length: 0x1000, protection: .rw)
        XCTAssertEqual(try space.readValue(0x401000, as: UInt32.self), 0)
        XCTAssertEqual(space.mappings.count, 3)
    }

    func testTLBSeesUnmapAfterSync() throws {
        let space = AddressSpace(arenaSize: 1 << 32)
        let mmu = MMU(space: space)
        _ = try space.map(.fixed(0x500000), length: 0x1000, protection: .rw)
        try mmu.store(0x500010, UInt64(42))
        XCTAssertEqual(try mmu.load(0x500010, as: UInt64.self), 42)
        try space.unmap(0x500000, length: 0x1000)
        mmu.sync()
        XCTAssertThrowsError(try mmu.load(0x500010, as: UInt64.self))
    }

    func testCStringAndHostRanges() throws {
        let space = AddressSpace(arenaSize: 1 << 32)
        _ = try space.map(.fixed(0x600000), length: 0x2000, protection: .rw)
        try space.write(0x600ffe, Array("hello".utf8) + [0])
        XCTAssertEqual(try space.readCString(0x600ffe).map { String(decoding: $0, as: UTF8.self) }, "hello")
        XCTAssertNil(try space.readCString(0x600ffe, limit: 3))
        let r = try space.hostRanges(0x600800, length: 0x1000, access: .write)
        XCTAssertEqual(r.reduce(0) { $0 + $1.count }, 0x1000)
    }
}
