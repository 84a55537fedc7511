import CHost
import Glibc

/// What execve found at a path: the FreeBSD executable to run and the argument vector it gets
/// (scripts put their interpreter in front, as imgact_shell.c does).
struct ExecTarget: Equatable {
    /// The host path of the FreeBSD ELF file the new emulator loads.
    var program: String
    var argv: [String]
}

/// execve (59) and fexecve (492). The emulator is one host process per guest process, so a new
/// image is a new emulator: after checking the target as FreeBSD's exec would (missing file,
/// permissions, image format), the emulator re-executes itself (/proc/self/exe) with its own
/// options, the new program and argv, and the guest's environment as its real environment.
/// The host exec closes the guest's close-on-exec descriptors and the emulator's own; signals
/// the guest caught return to their default action while ignored ones stay ignored (the host
/// does both); the signal mask and the rest FreeBSD keeps travel in `ExecCarryOver`.
///
/// Paths are looked up as they are, except that an absolute path (the program or a script's
/// interpreter) is first tried under the -L guest root when one is given and it exists
/// there. Only FreeBSD/amd64 executables can be run: anything else (a Linux binary, an
/// unknown format, a script whose interpreter is not a FreeBSD executable) fails with ENOEXEC,
/// as FreeBSD fails for images it has no activator for.
extension GuestProcess {
    func sysExecve(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let path = try t.string(a[0])
        let (argv, envp) = try execArguments(t, argv: a[1], envp: a[2])
        let target = try GuestProcess.resolveExecTarget(path: path, argv: argv, guestRoot: options.guestRoot)
        try replaceImage(t, target: target, envp: envp, carry: nil)
    }

    func sysFexecve(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let fd = try t.fd(a[0])
        let (argv, envp) = try execArguments(t, argv: a[1], envp: a[2])
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .EBADF }
        guard st.st_mode & S_IFMT == S_IFREG, st.st_mode & 0o111 != 0 else { throw .EACCES }
        let procPath = "/proc/self/fd/\(fd)"
        // Scripts read through the descriptor FreeBSD names /dev/fd/N; it stays open for them.
        var target = try GuestProcess.resolveExecTarget(path: procPath, argv: argv, guestRoot: options.guestRoot,
                                                        scriptName: "/dev/fd/\(fd)")
        var carry = ExecCarryOver()
        if target.program == procPath {
            // The image itself: a private duplicate the new emulator loads from and closes.
            let dupFD = fcntl(fd, F_DUPFD, 1000)
            guard dupFD >= 0 else { throw .host }
            target.program = "/proc/self/fd/\(dupFD)"
            carry.closeDescriptor = dupFD
            carry.executablePath = HostProcesses.readLink(procPath)
        }
        defer { if let d = carry.closeDescriptor { close(d) } }
        try replaceImage(t, target: target, envp: envp, carry: carry)
    }

    /// argv (required) and envp (may be NULL) as strings, within FreeBSD's ARG_MAX.
    func execArguments(_ t: GuestThread, argv: UInt64, envp: UInt64) throws(FreeBSDErrno) -> ([String], [String]) {
        guard argv != 0 else { throw .EFAULT }
        var budget = GuestProcess.argMax
        let args = try stringVector(t, argv, budget: &budget)
        let env = envp == 0 ? [] : try stringVector(t, envp, budget: &budget)
        // FreeBSD 14 refuses an empty argument vector.
        guard !args.isEmpty else { throw .EINVAL }
        return (args, env)
    }

    /// ARG_MAX on FreeBSD/amd64: room for all argument and environment strings.
    static let argMax = 512 * 1024

    func stringVector(_ t: GuestThread, _ p: UInt64, budget: inout Int) throws(FreeBSDErrno) -> [String] {
        var out: [String] = []
        var i: UInt64 = 0
        while true {
            let sp: UInt64 = try t.load(p &+ i * 8)
            if sp == 0 { return out }
            let bytes: [UInt8]?
            do { bytes = try space.readCString(sp, limit: max(budget, 1)) } catch { throw .EFAULT }
            guard let b = bytes, b.count + 1 <= budget else { throw .E2BIG }
            budget -= b.count + 1
            out.append(String(decoding: b, as: UTF8.self))
            i += 1
        }
    }

    /// FreeBSD's lookup of an exec target: permissions, then the image activators (ELF, "#!").
    static func resolveExecTarget(path: String, argv: [String], guestRoot: String?, scriptName: String? = nil) throws(FreeBSDErrno) -> ExecTarget {
        guard !path.isEmpty else { throw .ENOENT }
        let file = locate(path, guestRoot: guestRoot)
        let header = try readImageHeader(file)
        if header.starts(with: [0x23, 0x21]) {     // "#!"
            let (interpreter, argument) = try parseInterpreterLine(header)
            let interpreterFile = locate(interpreter, guestRoot: guestRoot)
            let interpreterHeader = try readImageHeader(interpreterFile)
            // A script cannot be the interpreter of a script.
            guard !interpreterHeader.starts(with: [0x23, 0x21]) else { throw .ENOEXEC }
            try checkFreeBSDImage(interpreterFile)
            var newArgv = [interpreter]
            if let a = argument { newArgv.append(a) }
            newArgv.append(scriptName ?? path)
            newArgv += argv.dropFirst()
            return ExecTarget(program: interpreterFile, argv: newArgv)
        }
        try checkFreeBSDImage(file)
        return ExecTarget(program: file, argv: argv)
    }

    /// An absolute path under the guest root when it exists there, else the path itself.
    static func locate(_ path: String, guestRoot: String?) -> String {
        if let root = guestRoot, !root.isEmpty, path.hasPrefix("/") {
            let candidate = (root.hasSuffix("/") ? String(root.dropLast()) : root) + path
            var st = stat()
            if stat(candidate, &st) == 0 { return candidate }
        }
        return path
    }

    /// exec_check_permissions, then the first page of the file.
    static func readImageHeader(_ file: String) throws(FreeBSDErrno) -> [UInt8] {
        var st = stat()
        guard stat(file, &st) == 0 else { throw .host }
        guard st.st_mode & S_IFMT == S_IFREG else { throw .EACCES }
        guard st.st_mode & 0o111 != 0, access(file, X_OK) == 0 else { throw .EACCES }
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw errno == EACCES ? .EACCES : .host }
        defer { close(fd) }
        var page = [UInt8](repeating: 0, count: 4096)
        var got = 0
        while got < page.count {
            let n = page.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, $0.count - got, off_t(got)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            got += n
        }
        return Array(page.prefix(got))
    }

    /// The "#!" line (imgact_shell.c): interpreter up to a blank, the rest of the line (trimmed)
    /// as one optional argument; the line must end within the first page.
    static func parseInterpreterLine(_ header: [UInt8]) throws(FreeBSDErrno) -> (String, String?) {
        guard let end = header.firstIndex(where: { $0 == 10 || $0 == 0 }) else { throw .ENOEXEC }
        var i = 2
        while i < end && (header[i] == 32 || header[i] == 9) { i += 1 }
        let interpStart = i
        while i < end && header[i] != 32 && header[i] != 9 { i += 1 }
        guard i > interpStart else { throw .ENOEXEC }
        guard i - interpStart < 1024 else { throw .ENAMETOOLONG }
        let interpreter = String(decoding: header[interpStart..<i], as: UTF8.self)
        while i < end && (header[i] == 32 || header[i] == 9) { i += 1 }
        var last = end
        while last > i && (header[last - 1] == 32 || header[last - 1] == 9 || header[last - 1] == 13) { last -= 1 }
        let argument = last > i ? String(decoding: header[i..<last], as: UTF8.self) : nil
        return (interpreter, argument)
    }

    /// The ELF activator's test: a FreeBSD/amd64 executable, else ENOEXEC.
    static func checkFreeBSDImage(_ file: String) throws(FreeBSDErrno) {
        do {
            let image = try ELFImage.open(file)
            image.close()
        } catch {
            if case .cannotOpen = error { throw .EACCES }
            throw .ENOEXEC
        }
    }

    /// The point of no return: becomes the new program by exec'ing a fresh emulator. Returns
    /// only when the host exec fails (with everything put back).
    func replaceImage(_ t: GuestThread, target: ExecTarget, envp: [String], carry base: ExecCarryOver?) throws(FreeBSDErrno) -> Never {
        var carry = base ?? ExecCarryOver()
        carry.signalMask = t.signalLock.withLock { t.signalMask }
        var pending = t.signalLock.withLock { t.pending }
        pending.formUnion(pendingForProcess())
        carry.pendingSignals = pending
        carry.ignoredSignals = lock.withLock {
            var s = SignalSet()
            for sig in Int32(1)...FreeBSDSignal.maxSignal where signalActions[Int(sig)].isIgnored { s.insert(sig) }
            return s
        }
        carry.login = loginName
        if stackLimit != image.stackLimit { carry.stackLimit = stackLimit }
        carry.control = control.afterExec()
        let logFD = log.privateDescriptor
        carry.logDescriptor = logFD
        let (hostEnv, renamed) = ExecCarryOver.hostEnvironment(forGuest: envp)
        carry.renamedEnvironment = renamed
        let emulatorArgv = reexecArguments(target: target, carry: carry)

        log.flush()
        // The log survives the exec; the emulator ignores SIGPIPE for itself, the new image
        // must find it as the guest left it.
        if let f = logFD { _ = fcntl(f, F_SETFD, 0) }
        let guestIgnoresPipe = carry.ignoredSignals.contains(FreeBSDSignal.SIGPIPE)
        if !guestIgnoresPipe { signal(SIGPIPE, SIG_DFL) }
        let restoreDescriptors = prepareDescriptorsForExec()
        let err = GuestProcess.hostExec("/proc/self/exe", emulatorArgv, hostEnv)
        restoreDescriptors()
        if !guestIgnoresPipe { signal(SIGPIPE, SIG_IGN) }
        if let f = logFD { _ = fcntl(f, F_SETFD, FD_CLOEXEC) }
        throw err == ENOENT ? .ENOENT : FreeBSDErrno(linux: err)
    }

    /// The new emulator's command line: the options this one runs with, the carried state,
    /// argv[0], then the program and its arguments.
    func reexecArguments(target: ExecTarget, carry: ExecCarryOver) -> [String] {
        var args = [HostProcesses.readLink("/proc/self/exe") ?? "bsd-user-gdb"]
        if options.strace { args.append("-strace") }
        var items: [String] = []
        if options.logInAsm { items.append("in_asm") }
        if options.logExec { items.append("exec") }
        if options.logCPU { items.append("cpu") }
        if !items.isEmpty { args += ["-d", items.joined(separator: ",")] }
        if options.stats { args.append("-stats") }
        if let root = options.guestRoot { args += ["-L", root] }
        args += [ExecCarryOver.option, carry.encoded]
        args += ["-0", target.argv[0], "--", target.program]
        args += target.argv.dropFirst()
        return args
    }

    /// execve(2) on the host; returns the errno if it comes back.
    static func hostExec(_ path: String, _ argv: [String], _ envp: [String]) -> Int32 {
        func cStrings(_ v: [String]) -> [UnsafeMutablePointer<CChar>?] { v.map { strdup($0) } + [nil] }
        let a = cStrings(argv), e = cStrings(envp)
        defer { for p in a + e { free(p) } }
        execve(path, a, e)
        return errno
    }
}

extension HostProcesses {
    static func readLink(_ path: String) -> String? {
        var buf = [CChar](repeating: 0, count: 4097)
        let n = readlink(path, &buf, 4096)
        guard n > 0 else { return nil }
        return String(decoding: buf.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
