import XCTest
@testable import Emulator
