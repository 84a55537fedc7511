import XCTest
import CHost
import Glibc
@testable import Emulator

/// Wait statuses and options, SIGCHLD siginfo, the state execve carries, and exec's target
/// checks (script lines, non-FreeBSD images).
final class ProcessTranslationTests: XCTestCase {
    typealias W = WaitTranslation

    func testStatusWordFromWaitidResult() {
        XCTAssertEqual(W.statusWord(code: W.CLD_EXITED, linuxStatus: 42), 42 << 8)
        XCTAssertEqual(W.statusWord(code: W.CLD_EXITED, linuxStatus: 0), 0)
        // Linux SIGBUS (7) is FreeBSD's 10; the emulator dies by the host counterpart.
        XCTAssertEqual(W.statusWord(code: W.CLD_KILLED, linuxStatus: SIGBUS), 10)
        XCTAssertEqual(W.statusWord(code: W.CLD_DUMPED, linuxStatus: SIGSEGV), 11 | 0x80)
        XCTAssertEqual(W.statusWord(code: W.CLD_KILLED, linuxStatus: SIGUSR1), 30)
        XCTAssertEqual(W.statusWord(code: W.CLD_KILLED, linuxStatus: SIGSYS), 12)
        XCTAssertEqual(W.statusWord(code: W.CLD_KILLED, linuxStatus: SIGKILL), 9)
        XCTAssertEqual(W.statusWord(code: W.CLD_STOPPED, linuxStatus: SIGSTOP), 17 << 8 | 0x7f)
        XCTAssertEqual(W.statusWord(code: W.CLD_TRAPPED, linuxStatus: SIGTRAP), 5 << 8 | 0x7f)
        XCTAssertEqual(W.statusWord(code: W.CLD_STOPPED, linuxStatus: SIGTSTP), 18 << 8 | 0x7f)
        // FreeBSD reports "continued" as SIGCONT (0x13), Linux as 0xffff.
        XCTAssertEqual(W.statusWord(code: W.CLD_CONTINUED, linuxStatus: SIGCONT), 0x13)
    }

    func testStatusWordFromLinuxWord() {
        XCTAssertEqual(W.statusWord(linux: 0x2a00), 0x2a00)
        XCTAssertEqual(W.statusWord(linux: 7), 10)
        XCTAssertEqual(W.statusWord(linux: 0x87), 0x8a)
        XCTAssertEqual(W.statusWord(linux: 19 << 8 | 0x7f), 17 << 8 | 0x7f)
        XCTAssertEqual(W.statusWord(linux: 0xffff), 0x13)
        XCTAssertEqual(W.statusWord(linux: 0), 0)
    }

    func testSiginfoStatus() {
        XCTAssertEqual(W.siginfoStatus(code: W.CLD_EXITED, linuxStatus: 9), 9)
        XCTAssertEqual(W.siginfoStatus(code: W.CLD_KILLED, linuxStatus: SIGBUS), 10)
        XCTAssertEqual(W.siginfoStatus(code: W.CLD_STOPPED, linuxStatus: SIGSTOP), 17)
        XCTAssertEqual(W.siginfoStatus(code: W.CLD_CONTINUED, linuxStatus: SIGCONT), 19)
    }

    func testSignalFromLinuxInvertsToLinux() {
        for s in Int32(1)...31 where s != FreeBSDSignal.SIGEMT && s != FreeBSDSignal.SIGINFO {
            XCTAssertEqual(W.signalFromLinux(FreeBSDSignal.toLinux(s)), s, "FreeBSD signal \(s)")
        }
        XCTAssertEqual(W.signalFromLinux(34), 65)       // SIGRTMIN
        XCTAssertEqual(W.signalFromLinux(0), 0)
    }

    func testWaitOptions() {
        XCTAssertEqual(W.optionsToLinux(W.WNOHANG | W.WEXITED)?.options, 1 | 4)
        XCTAssertEqual(W.optionsToLinux(W.WUNTRACED)?.options, 2)
        XCTAssertEqual(W.optionsToLinux(W.WCONTINUED)?.options, 8)
        XCTAssertEqual(W.optionsToLinux(W.WEXITED | W.WNOWAIT)?.options, 4 | 0x0100_0000)
        XCTAssertEqual(W.optionsToLinux(W.WEXITED | W.WTRAPPED)?.options, 4)
        XCTAssertEqual(W.optionsToLinux(W.WEXITED | W.WTRAPPED)?.onlyTrapped, false)
        XCTAssertEqual(W.optionsToLinux(W.WTRAPPED | W.WNOHANG)?.onlyTrapped, true)
        // Unknown bits, or nothing to wait for: EINVAL.
        XCTAssertNil(W.optionsToLinux(W.WEXITED | 0x100))
        XCTAssertNil(W.optionsToLinux(W.WNOHANG))
        XCTAssertNil(W.optionsToLinux(0))
        XCTAssertNil(W.optionsToLinux(W.WNOWAIT))
    }

    func testForwardedSigchldInfo() {
        let killed = GuestProcess.forwardedInfo(FreeBSDSignal.SIGCHLD, host_signal_origin(code: 2, pid: 1234, uid: 1000, status: SIGBUS))
        XCTAssertEqual(killed.code, W.CLD_KILLED)
        XCTAssertEqual(killed.status, 10)
        XCTAssertEqual(killed.pid, 1234)
        XCTAssertEqual(killed.uid, 1000)
        let exited = GuestProcess.forwardedInfo(FreeBSDSignal.SIGCHLD, host_signal_origin(code: 1, pid: 5, uid: 0, status: 9))
        XCTAssertEqual(exited.status, 9)
        let user = GuestProcess.forwardedInfo(FreeBSDSignal.SIGUSR1, host_signal_origin(code: 0, pid: 77, uid: 3, status: 0))
        XCTAssertEqual(user.code, SignalCode.user)
        XCTAssertEqual(user.pid, 77)
        let kernel = GuestProcess.forwardedInfo(FreeBSDSignal.SIGALRM, host_signal_origin(code: 0x80, pid: 0, uid: 0, status: 0))
        XCTAssertEqual(kernel.code, SignalCode.kernel)
        // The FreeBSD siginfo layout: status at 20.
        let b = exited.bytes
        XCTAssertEqual(b.count, 80)
        XCTAssertEqual(StructReader(bytes: b).get(Int32.self, at: 20), 9)
        XCTAssertEqual(StructReader(bytes: b).get(Int32.self, at: 12), 5)
    }

    func testChildStateChangeSiginfo() {
        var c = ChildStateChange()
        XCTAssertEqual(c.freeBSDSiginfo, [UInt8](repeating: 0, count: 80))
        c.pid = 42; c.code = W.CLD_KILLED; c.linuxStatus = SIGUSR2; c.uid = 7
        let r = StructReader(bytes: c.freeBSDSiginfo)
        XCTAssertEqual(r.get(Int32.self, at: 0), FreeBSDSignal.SIGCHLD)
        XCTAssertEqual(r.get(Int32.self, at: 8), W.CLD_KILLED)
        XCTAssertEqual(r.get(Int32.self, at: 12), 42)
        XCTAssertEqual(r.get(UInt32.self, at: 16), 7)
        XCTAssertEqual(r.get(Int32.self, at: 20), 31)
        XCTAssertEqual(c.freeBSDStatusWord, 31)
    }

    func testExecCarryOverRoundTrip() {
        var c = ExecCarryOver()
        c.signalMask.insert(FreeBSDSignal.SIGTERM)
        c.signalMask.insert(100)
        c.ignoredSignals.insert(FreeBSDSignal.SIGINFO)
        c.pendingSignals.insert(FreeBSDSignal.SIGUSR1)
        c.logDescriptor = 1001
        c.closeDescriptor = 1002
        c.executablePath = "/a path/with,comma=and=equals"
        c.login = "root"
        c.stackLimit = 1 << 24
        c.control.flags = ProcessControlState.trapCapabilities
        c.control.parentDeathSignal = 30
        let decoded = ExecCarryOver(encoded: c.encoded)
        XCTAssertEqual(decoded, c)
        XCTAssertEqual(ExecCarryOver(encoded: ExecCarryOver().encoded), ExecCarryOver())
        XCTAssertNil(ExecCarryOver(encoded: "mask=zz"))
        XCTAssertNil(ExecCarryOver(encoded: "what=1"))
        XCTAssertNil(ExecCarryOver(encoded: "log"))
    }

    func testGuestLoaderVariablesDoNotReachTheHostLoader() {
        let guest = ["PATH=/bin", "LD_LIBRARY_PATH=/usr/local/lib", "X=LD_Y", "GLIBC_TUNABLES=a=b", "LD_PRELOAD="]
        let (host, renamed) = ExecCarryOver.hostEnvironment(forGuest: guest)
        XCTAssertEqual(renamed, [1, 3, 4])
        XCTAssertFalse(host.contains { $0.hasPrefix("LD_") || $0.hasPrefix("GLIBC_TUNABLES") })
        var c = ExecCarryOver()
        c.renamedEnvironment = renamed
        let back = ExecCarryOver(encoded: c.encoded)!
        XCTAssertEqual(back.guestEnvironment(from: host), guest)
    }

    func testProcessControlAcrossExec() {
        typealias S = ProcessControlState
        var s = S()
        s.flags = S.traceDisabled | S.stackGapDisabledOnExec | S.wxPermitted | S.wxDisallowedOnExec
        let after = s.afterExec()
        XCTAssertFalse(after.has(S.traceDisabled))
        XCTAssertTrue(after.has(S.stackGapDisabled))
        XCTAssertFalse(after.has(S.wxPermitted))
        s.flags = S.traceDisabled | S.traceDisabledOnExec
        XCTAssertTrue(s.afterExec().has(S.traceDisabled))
    }

    func testInterpreterLine() throws {
        func parse(_ s: String) throws(FreeBSDErrno) -> (String, String?) {
            try GuestProcess.parseInterpreterLine(Array(s.utf8))
        }
        XCTAssertEqual(try parse("#!/bin/sh\n").0, "/bin/sh")
        XCTAssertNil(try parse("#!/bin/sh\n").1)
        let (i, a) = try parse("#!  /usr/bin/env   python3 -u  \nrest")
        XCTAssertEqual(i, "/usr/bin/env")
        XCTAssertEqual(a, "python3 -u")
        XCTAssertThrowsError(try parse("#!\n")) { XCTAssertEqual($0 as? FreeBSDErrno, .ENOEXEC) }
        XCTAssertThrowsError(try parse("#!   \n")) { XCTAssertEqual($0 as? FreeBSDErrno, .ENOEXEC) }
        XCTAssertThrowsError(try parse("#!/bin/sh")) { XCTAssertEqual($0 as? FreeBSDErrno, .ENOEXEC) }
    }

    func testExecTargetChecks() throws {
        var template = Array("/tmp/exectarget.XXXXXX".utf8CString)
        guard let d = mkdtemp(&template) else { throw XCTSkip("no temporary directory") }
        let dir = String(cString: d)
        defer { _ = system("rm -rf '\(dir)'") }
        func write(_ name: String, _ text: String, mode: mode_t) -> String {
            let p = dir + "/" + name
            let fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, mode)
            _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
            close(fd)
            chmod(p, mode)
            return p
        }
        func resolve(_ p: String, root: String? = nil) -> FreeBSDErrno? {
            do { _ = try GuestProcess.resolveExecTarget(path: p, argv: ["x"], guestRoot: root); return nil } catch { return error }
        }
        XCTAssertEqual(resolve(dir + "/missing"), .ENOENT)
        XCTAssertEqual(resolve(dir), .EACCES)
        XCTAssertEqual(resolve(write("text", "hello\n", mode: 0o755)), .ENOEXEC)
        XCTAssertEqual(resolve(write("noexec", "hello\n", mode: 0o644)), .EACCES)
        XCTAssertEqual(resolve(write("missing.sh", "#!/nonexistent/sh\n", mode: 0o755)), .ENOENT)
        // A Linux executable is not something FreeBSD can run.
        if access("/bin/true", X_OK) == 0 {
            XCTAssertEqual(resolve("/bin/true"), .ENOEXEC)
            XCTAssertEqual(resolve(write("linux.sh", "#!/bin/true\n", mode: 0o755)), .ENOEXEC)
        }
        // A script cannot interpret a script.
        let inner = write("inner.sh", "#!/bin/true\n", mode: 0o755)
        XCTAssertEqual(resolve(write("outer.sh", "#!\(inner)\n", mode: 0o755)), .ENOEXEC)
        // Under a guest root, absolute paths are looked up there first.
        _ = mkdir(dir + "/root", 0o755)
        _ = mkdir(dir + "/root/bin", 0o755)
        _ = write("root/bin/prog", "text\n", mode: 0o755)
        XCTAssertEqual(GuestProcess.locate("/bin/prog", guestRoot: dir + "/root"), dir + "/root/bin/prog")
        XCTAssertEqual(GuestProcess.locate("/bin/absent-here", guestRoot: dir + "/root"), "/bin/absent-here")
        XCTAssertEqual(GuestProcess.locate("relative", guestRoot: dir + "/root"), "relative")
    }

    func testRforkFlagsRefused() {
        // Checked before any process is made (fork itself is exercised by the guest tests).
        XCTAssertEqual(RforkFlags.RFSPAWN, 0x8000_0000)
        XCTAssertEqual(RforkFlags.kernelOnly & RforkFlags.RFSPAWN, 0)
        XCTAssertNotEqual(RforkFlags.defined & RforkFlags.RFPROCDESC, 0)
    }
}
