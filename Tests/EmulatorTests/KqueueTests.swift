import XCTest
import Glibc
@testable import Emulator

/// Event ABI: struct kevent (both sizes), kqueue constants, poll bits both ways, timer units.
final class KqueueTests: XCTestCase {
    func testKeventLayout() {
        let k = FreeBSDKevent(ident: 0x1122_3344_5566_7788, filter: -1, flags: 0x21, fflags: 0xdead_beef,
                              data: -5, udata: 0xcafe, ext: [1, 2, 3, 4])
        let b = k.bytes()
        XCTAssertEqual(b.count, 64)
        let r = StructReader(bytes: b)
        XCTAssertEqual(r.get(UInt64.self, at: 0), 0x1122_3344_5566_7788)
        XCTAssertEqual(r.get(Int16.self, at: 8), -1)
        XCTAssertEqual(r.get(UInt16.self, at: 10), 0x21)
        XCTAssertEqual(r.get(UInt32.self, at: 12), 0xdead_beef)
        XCTAssertEqual(r.get(Int64.self, at: 16), -5)
        XCTAssertEqual(r.get(UInt64.self, at: 24), 0xcafe)
        XCTAssertEqual(r.get(UInt64.self, at: 32), 1)
        XCTAssertEqual(r.get(UInt64.self, at: 56), 4)
        XCTAssertEqual(FreeBSDKevent(bytes: b), k)
        // Several in a row.
        XCTAssertEqual(FreeBSDKevent(bytes: [UInt8](repeating: 0, count: 64) + b, at: 64), k)
    }

    func testFreeBSD11KeventLayout() {
        let k = FreeBSDKevent(ident: 7, filter: -11, flags: 0x1, fflags: 0x100_0000, data: 9, udata: 0x42, ext: [5, 6, 7, 8])
        let b = k.bytes(compat11: true)
        XCTAssertEqual(b.count, 32)
        let back = FreeBSDKevent(bytes: b, compat11: true)
        XCTAssertEqual(back.ident, 7)
        XCTAssertEqual(back.filter, -11)
        XCTAssertEqual(back.fflags, 0x100_0000)
        XCTAssertEqual(back.data, 9)
        XCTAssertEqual(back.udata, 0x42)
        XCTAssertEqual(back.ext, [0, 0, 0, 0], "the old structure has no ext: it reads as zero")
    }

    func testConstants() {
        // sys/sys/event.h
        XCTAssertEqual([EventABI.EVFILT_READ, EventABI.EVFILT_WRITE, EventABI.EVFILT_TIMER, EventABI.EVFILT_USER, EventABI.EVFILT_SIGNAL],
                       [-1, -2, -7, -11, -6])
        XCTAssertEqual([EventABI.EV_ADD, EventABI.EV_DELETE, EventABI.EV_ENABLE, EventABI.EV_DISABLE, EventABI.EV_ONESHOT,
                        EventABI.EV_CLEAR, EventABI.EV_RECEIPT, EventABI.EV_DISPATCH, EventABI.EV_FORCEONESHOT],
                       [0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100])
        XCTAssertEqual(EventABI.EV_EOF, 0x8000)
        XCTAssertEqual(EventABI.EV_ERROR, 0x4000)
        XCTAssertEqual(EventABI.NOTE_TRIGGER, 0x0100_0000)
        XCTAssertEqual(EventABI.NOTE_FFCOPY, EventABI.NOTE_FFAND | EventABI.NOTE_FFOR)
        XCTAssertEqual(EventABI.NOTE_FFLAGSMASK, 0xff_ffff)
    }

    func testPollBitsToLinux() {
        XCTAssertEqual(EventABI.pollEventsToLinux(0x1 | 0x4 | 0x40), 0x1 | 0x4 | 0x40)   // IN, OUT, RDNORM
        XCTAssertEqual(EventABI.pollEventsToLinux(0x2 | 0x80), 0x2 | 0x80)              // PRI, RDBAND
        XCTAssertEqual(EventABI.pollEventsToLinux(0x100), 0x200, "POLLWRBAND")
        XCTAssertEqual(EventABI.pollEventsToLinux(0x4000), 0x2000, "POLLRDHUP")
        XCTAssertEqual(EventABI.pollEventsToLinux(0x2000), 0x1, "POLLINIGNEOF asks for data")
        XCTAssertEqual(EventABI.pollEventsToLinux(0x8 | 0x10 | 0x20), 0, "ERR/HUP/NVAL are not requests")
    }

    func testPollBitsFromLinux() {
        let all: Int16 = 0x1 | 0x2 | 0x4 | 0x40 | 0x80 | 0x100 | 0x4000
        XCTAssertEqual(EventABI.pollReventsFromLinux(0x1 | 0x40, requested: all), 0x1 | 0x40)
        XCTAssertEqual(EventABI.pollReventsFromLinux(0x200, requested: all), 0x100, "POLLWRBAND")
        XCTAssertEqual(EventABI.pollReventsFromLinux(0x100, requested: all), 0x4, "Linux POLLWRNORM is FreeBSD POLLOUT")
        XCTAssertEqual(EventABI.pollReventsFromLinux(0x2000, requested: all), 0x4000, "POLLRDHUP")
        XCTAssertEqual(EventABI.pollReventsFromLinux(0x4 | 0x10, requested: all), 0x10, "never POLLOUT with POLLHUP")
        XCTAssertEqual(EventABI.pollReventsFromLinux(0x8 | 0x20, requested: 0x1), 0x8 | 0x20, "always reported")
        XCTAssertEqual(EventABI.pollReventsFromLinux(0x1 | 0x4, requested: 0x1), 0x1, "only what was asked for")
        XCTAssertEqual(EventABI.pollReventsFromLinux(0x1, requested: 0x2000), 0x2000, "POLLINIGNEOF answered as such")
        for bit: Int16 in [0x1, 0x2, 0x4, 0x40, 0x80, 0x100, 0x4000] {
            XCTAssertEqual(EventABI.pollReventsFromLinux(EventABI.pollEventsToLinux(bit), requested: bit), bit, "round trip of \(bit)")
        }
    }

    func testTimerUnits() {
        XCTAssertEqual(EventABI.timerNanoseconds(5, fflags: 0), 5_000_000, "milliseconds by default")
        XCTAssertEqual(EventABI.timerNanoseconds(5, fflags: EventABI.NOTE_MSECONDS), 5_000_000)
        XCTAssertEqual(EventABI.timerNanoseconds(5, fflags: EventABI.NOTE_SECONDS), 5_000_000_000)
        XCTAssertEqual(EventABI.timerNanoseconds(5, fflags: EventABI.NOTE_USECONDS), 5_000)
        XCTAssertEqual(EventABI.timerNanoseconds(5, fflags: EventABI.NOTE_NSECONDS | EventABI.NOTE_ABSTIME), 5)
        XCTAssertNil(EventABI.timerNanoseconds(5, fflags: EventABI.NOTE_SECONDS | EventABI.NOTE_USECONDS))
        XCTAssertEqual(EventABI.timerNanoseconds(Int64.max / 2, fflags: EventABI.NOTE_SECONDS), Int64.max, "saturates")
    }
}
