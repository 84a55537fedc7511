import Foundation
import XCTest
@testable import Emulator

/// Instruction semantics checked against the host CPU: every form of Tests/oracle/forms.S runs
/// with seeded random inputs natively (Tests/oracle/native-runner.c, in a child process) and in
/// the interpreter; registers, defined flags, mxcsr, xmm registers, memory and the way it ended
/// (completed, or which signal) must agree.
///
/// Environment:
///   ORACLE_FILTER   integer | sse | x87 | all (default all): which family of forms to check
///   ORACLE_FORMS    comma-separated form names: only these
///   ORACLE_RECORDS  random inputs per form (default: the runner's, 64 integer / 40 SSE / 64 x87)
///   ORACLE_SEED     seed of the whole run (default fixed, so runs are reproducible)
///   ORACLE_DETAILS  mismatching records printed in full per form (default 2)
///   ORACLE_RUNNER   a prebuilt native runner (default: built from Tests/oracle with cc)
///   ORACLE_REPORT   also write the report to this file
final class InstructionOracleTests: XCTestCase {
    /// Per-form result of a run.
    struct FormResult {
        var name: String
        var family: Int
        var bytes: [UInt8]
        var records = 0
        var mismatches = 0
        /// Mismatching records in which the interpreter said SIGILL and the CPU completed.
        var unimplemented = 0
        /// Where in the form the interpreter raised SIGILL (the first such record).
        var sigillOffset: Int? = nil
        var details: [String] = []
    }

    static let familyNames = [1: "integer", 2: "sse", 3: "x87"]

    func testInstructionsMatchHostCPU() throws {
        let env = ProcessInfo.processInfo.environment
        let filter = env["ORACLE_FILTER"] ?? "all"
        guard ["integer", "sse", "x87", "all"].contains(filter) else {
            XCTFail("ORACLE_FILTER must be integer, sse, x87 or all, not \(filter)")
            return
        }
        let detailsPerForm = Int(env["ORACLE_DETAILS"] ?? "") ?? 2

        let started = Date()
        let prebuilt = env["ORACLE_RUNNER"]
        let runner = try prebuilt ?? buildNativeRunner()
        defer {
            if prebuilt == nil {
                try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: runner).deletingLastPathComponent().path)
            }
        }
        var arguments = ["--family", filter]
        if let n = env["ORACLE_RECORDS"] { arguments += ["--records", n] }
        if let s = env["ORACLE_SEED"] { arguments += ["--seed", s] }
        for name in (env["ORACLE_FORMS"] ?? "").split(separator: ",") { arguments += ["--only", String(name)] }
        let output = try runProcess(runner, arguments)
        let nativeSeconds = Date().timeIntervalSince(started)

        let machine = try OracleInterpreter()
        let input = OracleState(), expected = OracleState(), actual = OracleState()
        var results: [FormResult] = []
        var runSeed: UInt64 = 0

        try output.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var reader = OracleOutputReader(text: raw.bindMemory(to: UInt8.self))
            while let line = try reader.next() {
                switch line {
                case .header(_, let seed):
                    runSeed = seed
                case .form(let name, let family, let bytes):
                    try machine.load(form: bytes)
                    results.append(FormResult(name: name, family: family, bytes: bytes))
                case .record(let r):
                    guard !results.isEmpty else { throw OracleOutputReader.FormatError(line: "record before form") }
                    input.seedFill(r.seed)
                    guard reader.apply(r.inputPatches, to: input) else { throw OracleOutputReader.FormatError(line: "input patches") }
                    expected.copy(from: input)
                    guard reader.apply(r.outputPatches, to: expected) else { throw OracleOutputReader.FormatError(line: "output patches") }
                    let outcome = machine.run(input, into: actual)
                    var diff = OracleDifference.compare(native: expected, interpreter: actual, definedFlags: r.definedFlags)
                    if outcome != r.outcome {
                        diff.lines.insert("outcome: native \(r.outcome) interpreter \(outcome)", at: 0)
                    }
                    let i = results.count - 1
                    results[i].records += 1
                    if !diff.isEmpty {
                        results[i].mismatches += 1
                        if outcome == "SIGILL" && r.outcome == "ok" {
                            results[i].unimplemented += 1
                            if results[i].sigillOffset == nil {
                                results[i].sigillOffset = Int(truncatingIfNeeded: actual.rip &- OracleLayout.codeBase)
                            }
                        }
                        if results[i].details.count < detailsPerForm {
                            results[i].details.append(describe(results[i], r, input, diff))
                        }
                    }
                }
            }
        }

        let report = summarize(results, filter: filter, seed: runSeed, seconds: Date().timeIntervalSince(started),
                               nativeSeconds: nativeSeconds)
        print(report)
        if let path = env["ORACLE_REPORT"] {
            try report.write(toFile: path, atomically: true, encoding: .utf8)
        }
        XCTAssertFalse(results.isEmpty, "the native runner produced no forms for filter \(filter)")
        for r in results where r.mismatches > 0 {
            if r.unimplemented == r.mismatches {
                let at = r.sigillOffset.map { " at +\($0)" } ?? ""
                XCTFail("\(r.name): not implemented by the interpreter (SIGILL\(at) in \(bytesText(r.bytes)))")
            } else {
                XCTFail("\(r.name): \(r.mismatches) of \(r.records) records differ from the host CPU\n"
                        + (r.details.first ?? ""))
            }
        }
    }

    // MARK: Reporting

    func bytesText(_ b: [UInt8]) -> String { b.map { oracleHex(UInt64($0), 2) }.joined(separator: " ") }

    /// One mismatching record in full: the form, how to rerun it, its inputs and the differences.
    func describe(_ form: FormResult, _ r: OracleRecord, _ input: OracleState, _ diff: OracleDifference) -> String {
        var s = "MISMATCH \(form.name) [\(bytesText(form.bytes))] record seed \(oracleHex(r.seed))\n"
        var regs: [String] = []
        for i in 0..<16 { regs.append("\(OracleLayout.gprNames[i])=\(oracleHex(input.gpr(i)))") }
        s += "  in:  " + regs[0..<8].joined(separator: " ") + "\n"
        s += "       " + regs[8..<16].joined(separator: " ") + "\n"
        s += "       rflags=\(oracleHex(input.rflags)) (\(OracleDifference.flagNames(input.rflags & 0x3fffff)))"
        if form.family != 1 { s += " mxcsr=\(oracleHex(UInt64(input.mxcsr), 4))" }
        s += "\n"
        if form.family == 2 {
            for i in 0..<16 {
                s += (i % 2 == 0 ? "       " : " ")
                s += "xmm\(i)=\(oracleHex(input.xmmHigh(i), 16))\(oracleHex(input.xmmLow(i), 16))"
                if i % 2 == 1 { s += "\n" }
            }
        }
        // Memory around rsi and rsp when they point into the scratch area.
        for (label, reg) in [("(rsi)", 6), ("(rdi)", 7), ("(rsp)", 4)] {
            let a = input.gpr(reg)
            guard a >= OracleLayout.scratchBase + 0x40,
                  a <= OracleLayout.scratchBase + UInt64(OracleLayout.scratchSize) - 0x40 else { continue }
            var line = "       \(label) \(oracleHex(a - 32)):"
            for k in 0..<80 {
                if k % 16 == 0 { line += " " }
                line += oracleHex(UInt64(input.memoryByte(a - 32 + UInt64(k))), 2)
            }
            s += line + "\n"
        }
        for l in diff.lines { s += "  " + l + "\n" }
        s += "  defined flags: \(oracleHex(r.definedFlags)); rerun: ORACLE_FORMS=\(form.name)\n"
        return s
    }

    func summarize(_ results: [FormResult], filter: String, seed: UInt64, seconds: Double, nativeSeconds: Double) -> String {
        var s = "\n==== instruction oracle (filter \(filter), seed \(oracleHex(seed))) ====\n"
        let records = results.reduce(0) { $0 + $1.records }
        let failing = results.filter { $0.mismatches > 0 }
        for fam in [1, 2, 3] {
            let f = results.filter { $0.family == fam }
            guard !f.isEmpty else { continue }
            let bad = f.filter { $0.mismatches > 0 }
            let unimplemented = bad.filter { $0.unimplemented == $0.mismatches }
            s += "\(Self.familyNames[fam]!): \(f.count) forms, \(f.reduce(0) { $0 + $1.records }) records, "
            s += "\(bad.count) forms mismatch (\(unimplemented.count) of them not implemented)\n"
        }
        s += "total: \(results.count) forms, \(records) records compared, \(failing.count) forms mismatch, "
        s += String(format: "%.1f s (native runner %.1f s)\n", seconds, nativeSeconds)
        let unimplemented = failing.filter { $0.unimplemented == $0.mismatches }
        let wrong = failing.filter { $0.unimplemented != $0.mismatches }
        if !wrong.isEmpty {
            s += "\n---- mismatches by form (form: mismatching records / records) ----\n"
            for r in wrong { s += "\(r.name): \(r.mismatches)/\(r.records)\n" }
            s += "\n---- details ----\n"
            for r in wrong { s += r.details.joined() }
        }
        if !unimplemented.isEmpty {
            s += "\n---- not implemented by the interpreter (SIGILL where the CPU completes) ----\n"
            for r in unimplemented {
                s += "\(r.name) [\(bytesText(r.bytes))]"
                if let o = r.sigillOffset, o >= 0, o < r.bytes.count { s += " at +\(o): \(bytesText(Array(r.bytes[o...].prefix(4))))" }
                s += "\n"
            }
        }
        return s
    }

    // MARK: The native runner

    /// Builds Tests/oracle into a temporary directory with the host C compiler.
    func buildNativeRunner() throws -> String {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("oracle")
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("bsd-user-gdb-oracle-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let exe = dir.appendingPathComponent("native-runner").path
        let files = ["native-runner.c", "forms.S", "state-switch.S"].map { sources.appendingPathComponent($0).path }
        var lastError: Error? = nil
        for cc in ["cc", "gcc", "clang"] {
            do {
                _ = try runProcess("/usr/bin/env", [cc, "-O1", "-o", exe] + files)
                return exe
            } catch {
                lastError = error
            }
        }
        throw lastError!
    }

    /// A child process that failed.
    struct ProcessFailure: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var description: String { "\(command) exited with status \(status)" }
    }

    /// Runs a program and returns its standard output (its standard error goes to ours).
    func runProcess(_ path: String, _ arguments: [String]) throws -> Foundation.Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw ProcessFailure(command: ([path] + arguments).joined(separator: " "), status: p.terminationStatus)
        }
        return data
    }
}
