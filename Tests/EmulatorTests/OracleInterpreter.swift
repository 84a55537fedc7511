import Foundation
@testable import Emulator

/// The interpreter side of the instruction oracle: one guest address space with the scratch
/// area and the code page at the same addresses as the native runner, and a CPU that runs one
/// form from an `OracleState` and reports the state it stopped in.
final class OracleInterpreter {
    let space: AddressSpace
    let mmu: MMU
    private(set) var cpu: X86CPU
    /// Host memory behind the guest scratch area (one contiguous piece).
    private let scratch: UnsafeMutableRawPointer
    private var codeEnd: UInt64 = OracleLayout.codeBase
    private let watchdog = OracleWatchdog()

    init() throws {
        space = AddressSpace(arenaSize: 1 << 32)
        mmu = MMU(space: space)
        _ = try space.map(.fixed(OracleLayout.scratchBase), length: UInt64(OracleLayout.scratchSize), protection: .rw)
        _ = try space.map(.fixed(OracleLayout.codeBase), length: UInt64(OracleLayout.codeSize), protection: .rwx)
        let ranges = try space.hostRanges(OracleLayout.scratchBase, length: OracleLayout.scratchSize, access: .write)
        precondition(ranges.count == 1, "the scratch area must be one host range")
        scratch = ranges[0].baseAddress!
        cpu = X86CPU(mmu: mmu)
    }

    /// Installs a form: its bytes followed by int3 at the code address, and a fresh CPU (so
    /// nothing decoded or lazily kept from the previous form survives).
    func load(form bytes: [UInt8]) throws {
        var page = [UInt8](repeating: 0xCC, count: OracleLayout.codeSize)
        page.replaceSubrange(0..<bytes.count, with: bytes)
        try space.write(OracleLayout.codeBase, page)
        codeEnd = OracleLayout.codeBase + UInt64(bytes.count)
        cpu = X86CPU(mmu: mmu)
        watchdog.watch(cpu.attention)
    }

    /// Runs the loaded form from `input`; fills `output` with the final state and returns the
    /// outcome in the native runner's terms.
    func run(_ input: OracleState, into output: OracleState) -> OracleOutcome {
        scratch.copyMemory(from: input.memory, byteCount: OracleLayout.scratchSize)
        for i in 0..<16 { cpu[GPR(rawValue: i)!] = input.gpr(i) }
        cpu.rflags = input.rflags
        cpu.mxcsr = input.mxcsr
        for i in 0..<16 { cpu.setXMM(i, low: input.xmmLow(i), high: input.xmmHigh(i)) }
        cpu.fsBase = 0
        cpu.gsBase = 0
        cpu.x87.reset()
        cpu.rip = OracleLayout.codeBase

        let outcome: OracleOutcome
        cpu.attention.pointee = 0
        watchdog.running(true)
        let exit = cpu.run()
        watchdog.running(false)
        switch exit {
        case .trap(let t):
            switch t.kind {
            case .breakpoint: outcome = cpu.rip == codeEnd ? "ok" : "SIGTRAP"
            case .divideError, .floatingPoint, .simdFloatingPoint: outcome = "SIGFPE"
            // The host is Linux, where #GP is SIGSEGV (FreeBSD would say SIGBUS for some).
            case .pageFault, .generalProtection: outcome = "SIGSEGV"
            case .invalidOpcode: outcome = "SIGILL"
            case .stop: outcome = "stop"
            }
        case .invalidInstruction: outcome = "SIGILL"
        case .syscall: outcome = "syscall"
        case .attention: outcome = "hang (stopped by the watchdog)"
        case .stepped: outcome = "stepped"
        }

        output.bytes.initializeMemory(as: UInt8.self, repeating: 0, count: OracleLayout.memory)
        for i in 0..<16 { output.setGPR(i, cpu[GPR(rawValue: i)!]) }
        output.rflags = cpu.rflags
        output.rip = cpu.rip
        output.mxcsr = cpu.mxcsr
        for i in 0..<16 { output.setXMM(i, low: cpu.xmmLow64(i), high: cpu.xmmHigh64(i)) }
        output.memory.copyMemory(from: scratch, byteCount: OracleLayout.scratchSize)
        return outcome
    }
}

/// Stops a run that does not end (an interpreter bug looping forever): a thread that raises
/// the CPU's attention word when the same run is still going after a second.
final class OracleWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var attention: UnsafeMutablePointer<UInt32>?
    private var runs = 0
    private var isRunning = false

    init() {
        let t = Thread { [weak self] in
            var seen = -1
            while let w = self {
                w.lock.lock()
                if w.isRunning && w.runs == seen { w.attention?.pointee = 1 }
                seen = w.runs
                w.lock.unlock()
                Thread.sleep(forTimeInterval: 1)
            }
        }
        t.start()
    }

    func watch(_ a: UnsafeMutablePointer<UInt32>) {
        lock.lock(); attention = a; lock.unlock()
    }

    func running(_ on: Bool) {
        lock.lock()
        isRunning = on
        if on { runs &+= 1 }
        lock.unlock()
    }
}

/// The differences between the native and the interpreted result of one record, in words.
struct OracleDifference {
    var lines: [String] = []
    var isEmpty: Bool { lines.isEmpty }

    static func flagNames(_ bits: UInt64) -> String {
        let names: [(UInt64, String)] = [(1, "CF"), (4, "PF"), (0x10, "AF"), (0x40, "ZF"), (0x80, "SF"), (0x100, "TF"),
                                         (0x200, "IF"), (0x400, "DF"), (0x800, "OF"), (0x3000, "IOPL"), (0x4000, "NT"),
                                         (0x40000, "AC"), (0x200000, "ID")]
        let known = names.reduce(0) { $0 | $1.0 }
        var parts = names.filter { bits & $0.0 != 0 }.map { $0.1 }
        if bits & ~known != 0 { parts.append("0x" + oracleHex(bits & ~known)) }
        return parts.joined(separator: ",")
    }

    /// Compares everything but the outcome: GPRs, rip, rflags (only `definedFlags`), mxcsr,
    /// xmm registers and the scratch memory.
    static func compare(native: OracleState, interpreter: OracleState, definedFlags: UInt64) -> OracleDifference {
        var d = OracleDifference()
        for i in 0..<16 where native.gpr(i) != interpreter.gpr(i) {
            d.lines.append("\(OracleLayout.gprNames[i]): native \(oracleHex(native.gpr(i), 16)) interpreter \(oracleHex(interpreter.gpr(i), 16))")
        }
        if native.rip != interpreter.rip {
            d.lines.append("rip: native \(oracleHex(native.rip)) interpreter \(oracleHex(interpreter.rip))")
        }
        let flagDiff = (native.rflags ^ interpreter.rflags) & definedFlags
        if flagDiff != 0 {
            d.lines.append("rflags: native \(oracleHex(native.rflags)) interpreter \(oracleHex(interpreter.rflags)), differ in \(flagNames(flagDiff))")
        }
        if native.mxcsr != interpreter.mxcsr {
            d.lines.append("mxcsr: native \(oracleHex(UInt64(native.mxcsr), 4)) interpreter \(oracleHex(UInt64(interpreter.mxcsr), 4))")
        }
        for i in 0..<16 where native.xmmLow(i) != interpreter.xmmLow(i) || native.xmmHigh(i) != interpreter.xmmHigh(i) {
            d.lines.append("xmm\(i): native \(oracleHex(native.xmmHigh(i), 16))\(oracleHex(native.xmmLow(i), 16))"
                           + " interpreter \(oracleHex(interpreter.xmmHigh(i), 16))\(oracleHex(interpreter.xmmLow(i), 16))")
        }
        if memcmp(native.memory, interpreter.memory, OracleLayout.scratchSize) != 0 {
            var a = 0
            let n = native.memory.assumingMemoryBound(to: UInt8.self)
            let e = interpreter.memory.assumingMemoryBound(to: UInt8.self)
            while a < OracleLayout.scratchSize {
                if n[a] == e[a] { a += 1; continue }
                var b = a
                while b < OracleLayout.scratchSize && b < a + 16 && n[b] != e[b] { b += 1 }
                let hexN = (a..<b).map { oracleHex(UInt64(n[$0]), 2) }.joined()
                let hexE = (a..<b).map { oracleHex(UInt64(e[$0]), 2) }.joined()
                d.lines.append("mem \(oracleHex(OracleLayout.scratchBase + UInt64(a))): native \(hexN) interpreter \(hexE)")
                a = b
                if d.lines.count > 24 { d.lines.append("..."); break }
            }
        }
        return d
    }
}

/// Lower-case hex, zero-padded to `width` digits.
func oracleHex(_ v: UInt64, _ width: Int = 1) -> String {
    let s = String(v, radix: 16)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
