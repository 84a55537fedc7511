// swift-tools-version:6.0
import PackageDescription

// The interpreter's hot loop touches CPU state through raw pointers and final classes; dynamic
// exclusivity checks on class properties would cost more than the work they guard.
let fastSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"]),
]

let package = Package(
    name: "bsd-user-gdb",
    products: [
        .executable(name: "bsd-user-gdb", targets: ["bsd-user-gdb"]),
    ],
    targets: [
        // Host shims for what Swift cannot do directly: raw syscalls, atomics on guest memory,
        // host SSE/x87 arithmetic, cpuid.
        .target(name: "CHost", path: "Sources/CHost"),
        .systemLibrary(name: "CLibElf", path: "Sources/CLibElf", pkgConfig: "libelf",
                       providers: [.apt(["libelf-dev"])]),
        .systemLibrary(name: "CCapstone", path: "Sources/CCapstone", pkgConfig: "capstone",
                       providers: [.apt(["libcapstone-dev"])]),
        .target(name: "GDBStub", path: "Sources/GDBStub"),
        .target(name: "Emulator", dependencies: ["CHost", "CLibElf", "CCapstone", "GDBStub"],
                path: "Sources/Emulator", swiftSettings: fastSettings),
        .executableTarget(name: "bsd-user-gdb", dependencies: ["Emulator", "GDBStub"],
                          path: "Sources/bsd-user-gdb"),
        .testTarget(name: "EmulatorTests", dependencies: ["Emulator", "CHost"], path: "Tests/EmulatorTests"),
        .testTarget(name: "GDBStubTests", dependencies: ["GDBStub"], path: "Tests/GDBStubTests"),
    ],
    swiftLanguageModes: [.v5]
)
