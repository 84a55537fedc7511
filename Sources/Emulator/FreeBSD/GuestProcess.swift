import CHost
import Glibc

/// How the emulator was asked to run the guest (the CLI's options, already parsed).
public struct EmulatorOptions: Sendable {
    public var program: String = ""
    public var arguments: [String] = []
    public var argv0: String? = nil
    public var environment: [String] = []
    public var strace = false
    public var logInAsm = false
    public var logExec = false
    public var logCPU = false
    public var logPath: String? = nil
    public var guestRoot: String? = nil
    public var gdbPort: Int? = nil
    /// Print retired guest instructions and time at exit (for benchmarks).
    public var stats = false
    /// State handed over by the guest's execve (the internal -exec-state option); nil when
    /// the emulator was started by a user.
    public var carryOver: ExecCarryOver? = nil
    public init() {}
}

/// The FreeBSD process the guest believes it is: its address space, threads, signal
/// dispositions, break, and the facts sysctl and friends report. One per emulator.
public final class GuestProcess: @unchecked Sendable {
    public let options: EmulatorOptions
    public let space: AddressSpace
    public let image: ProcessImage
    public let log: EmulatorLog
    let lock = Lock()
    var signalActions = [SignalAction](repeating: SignalAction(), count: Int(FreeBSDSignal.maxSignal) + 1)
    /// Signals sent to the process as a whole, not yet taken by a thread.
    var processPending = SignalSet()
    var processPendingInfo: [Int32: SignalInfo] = [:]
    var breakEnd: UInt64
    var nextThreadID: Int32 = 100_001
    public internal(set) var threads: [GuestThread] = []
    /// Host file descriptors the emulator uses itself; hidden from the guest.
    var privateDescriptors: Set<Int32> = []
    var umaskValue: UInt32
    var watchdogRunning = false
    /// Condition-variable sleep words by guest address (see Umtx.swift).
    var conditions: [UInt64: CondState] = [:]
    /// RLIMIT_STACK soft limit as the guest set it.
    var stackLimit: UInt64
    /// kqueues and SO_NOSIGPIPE sockets by descriptor (Descriptors.swift).
    let descriptorState = DescriptorState()
    /// In a vfork/RFSPAWN child: the pipe end whose closing (exec or exit) releases the parent.
    var vforkNotifier: Int32? = nil
    /// procctl(2) settings.
    var control = ProcessControlState()
    /// setlogin(2)'s name; nil until the guest sets one (getlogin then reports the host's).
    var loginName: String? = nil

    init(options: EmulatorOptions, space: AddressSpace, image: ProcessImage, log: EmulatorLog) {
        self.options = options
        self.space = space
        self.image = image
        self.log = log
        breakEnd = image.breakStart
        stackLimit = image.stackLimit
        let m = umask(0o022)
        umask(m)
        umaskValue = UInt32(m)
        if let fd = log.privateDescriptor { privateDescriptors.insert(fd) }
    }

    /// Loads the program named in `options` and returns the process with its main thread ready.
    public static func launch(_ options: EmulatorOptions) throws -> GuestProcess {
        let image = try ELFImage.open(options.program)
        defer { image.close() }
        if let interp = image.interpreter {
            throw LoadError.dynamicNotSupported(path: options.program, interpreter: interp)
        }
        let space = AddressSpace()
        let argv = [options.argv0 ?? options.program] + options.arguments
        let execPath = options.carryOver?.executablePath ?? absolutePath(options.program)
        let loaded = try ExecutableLoader.load(image, into: space, argv: argv, envp: options.environment,
                                               executablePath: execPath, ncpus: hostCPUCount(),
                                               hwcap: X86CPU.hardwareCapabilities, sharedPageCode: X86CPU.sharedPageCode)
        let log = try EmulatorLog(options: options)
        if let f = options.carryOver?.closeDescriptor { Glibc.close(f) }
        // What exec keeps, from the old emulator or (first start) from the host process.
        let inherited = options.carryOver ?? hostInheritedState()
        // Broken pipes are reported to the guest as EPIPE plus its own SIGPIPE, never to us.
        signal(SIGPIPE, SIG_IGN)
        host_install_bus_guard(space.arena.base, UInt(space.arena.size))
        let process = GuestProcess(options: options, space: space, image: loaded, log: log)
        let cpu = X86CPU(mmu: MMU(space: space))
        cpu.resetForExec(entry: loaded.entry, stack: loaded.stackPointer, argumentBlock: loaded.argumentBlock)
        cpu.blockLogger = log.blockLogger
        let main = process.addThread(cpu: cpu)
        host_install_wake_signal()
        process.adopt(inherited, mainThread: main)
        return process
    }

    /// The signal state a new process image starts with (FreeBSD execve keeps the mask,
    /// pending and ignored signals), plus what else exec carries.
    func adopt(_ c: ExecCarryOver, mainThread: GuestThread) {
        var mask = c.signalMask
        mask.dropUnblockable()
        mainThread.signalMask = mask
        for sig in Int32(1)...FreeBSDSignal.maxSignal where c.ignoredSignals.contains(sig) {
            guard sig != FreeBSDSignal.SIGKILL && sig != FreeBSDSignal.SIGSTOP else { continue }
            var a = SignalAction()
            a.handler = 1
            signalActions[Int(sig)] = a
            mirrorDisposition(sig, a)
        }
        for sig in Int32(1)...FreeBSDSignal.maxSignal where c.pendingSignals.contains(sig) && !c.ignoredSignals.contains(sig) {
            processPending.insert(sig)
            processPendingInfo[sig] = SignalInfo(signo: sig, code: SignalCode.user)
        }
        if let s = c.stackLimit { stackLimit = s }
        loginName = c.login
        control = c.control
        // The emulator's own host mask stays empty: the guest's mask is kept here.
        var none = sigset_t()
        sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
    }

    /// The first emulator of a process tree inherits the host's signal mask and ignored
    /// signals as its guest's (what a FreeBSD parent would have passed through exec).
    static func hostInheritedState() -> ExecCarryOver {
        var c = ExecCarryOver()
        var hostMask = sigset_t()
        sigprocmask(SIG_BLOCK, nil, &hostMask)
        for l in Int32(1)...64 {
            guard let f = FreeBSDSignal.fromLinux(l) else { continue }
            if sigismember(&hostMask, l) == 1 { c.signalMask.insert(f) }
            if host_signal_is_ignored(l) == 1 { c.ignoredSignals.insert(f) }
        }
        return c
    }

    @discardableResult
    func addThread(cpu: X86CPU) -> GuestThread {
        lock.withLock {
            let t = GuestThread(process: self, cpu: cpu, tid: nextThreadID)
            nextThreadID += 1
            threads.append(t)
            return t
        }
    }

    /// Runs the main thread on the calling host thread; returns only through process exit.
    public func run() -> Never {
        let main = threads[0]
        host_set_forward_target(main.cpu.attention, HostThread.currentTID())
        main.run()
    }

    /// A thread ended (thr_exit): the last one ends the process with status 0.
    func threadExited(_ t: GuestThread) -> Never {
        let remaining: [GuestThread] = lock.withLock {
            threads.removeAll { $0 === t }
            return threads
        }
        if remaining.isEmpty { exit(status: 0) }
        if let next = remaining.first { host_set_forward_target(next.cpu.attention, next.hostTID) }
        // Hand over any process-directed signal this thread would have taken.
        for th in remaining { th.nudge() }
        pthread_exit(nil)
    }

    // MARK: Signal dispositions and process-directed signals

    func action(_ sig: Int32) -> SignalAction { lock.withLock { signalActions[Int(sig)] } }
    func setAction(_ sig: Int32, _ a: SignalAction) { lock.withLock { signalActions[Int(sig)] = a } }

    func pendingForProcess() -> SignalSet { lock.withLock { processPending } }

    func takeProcessSignal(_ sig: Int32) -> SignalInfo? {
        lock.withLock {
            guard processPending.contains(sig) else { return nil }
            processPending.remove(sig)
            return processPendingInfo.removeValue(forKey: sig) ?? SignalInfo(signo: sig, code: SignalCode.user)
        }
    }

    /// kill(2) to this process: ignored signals vanish; otherwise the signal waits at process
    /// level for a thread that does not block it (the sender first, as FreeBSD prefers).
    func postToProcess(_ sig: Int32, info: SignalInfo, preferring sender: GuestThread? = nil) {
        noteSignalForKqueues(sig)
        let a = action(sig)
        if a.isIgnored { return }
        if a.isDefault && FreeBSDSignal.defaultAction(sig) == .ignore { return }
        if sig == FreeBSDSignal.SIGKILL { dieBySignal(sig, report: "") }
        if a.isDefault && (sig == FreeBSDSignal.SIGSTOP || FreeBSDSignal.defaultAction(sig) == .stop || FreeBSDSignal.defaultAction(sig) == .resume) {
            return   // job control is not modelled
        }
        lock.withLock {
            processPending.insert(sig)
            if processPendingInfo[sig] == nil { processPendingInfo[sig] = info }
        }
        let candidates = lock.withLock { threads }
        if let s = sender, !s.signalLock.withLock({ s.signalMask.contains(sig) }) {
            s.nudge()
            return
        }
        for t in candidates where !t.signalLock.withLock({ t.signalMask.contains(sig) }) {
            t.nudge()
            startSignalWatchdog()
            return
        }
        // Everyone blocks it: it stays pending, but threads in sigwait may want it.
        for t in candidates { t.nudge() }
    }

    /// Signals that reached the emulator from outside (terminal, kill, itimers).
    func absorbForwardedSignals() {
        let bits = host_take_forwarded()
        if bits == 0 { return }
        for l in Int32(1)...63 where bits & (UInt64(1) << UInt64(l)) != 0 {
            if let s = FreeBSDSignal.fromLinux(l) {
                var origin = host_signal_origin()
                host_forwarded_origin(l, &origin)
                postToProcess(s, info: GuestProcess.forwardedInfo(s, origin))
            }
        }
    }

    /// The FreeBSD siginfo of a signal that came from outside, from its host siginfo: sender
    /// for kill/sigqueue/tgkill, child state for SIGCHLD (with FreeBSD signal numbers).
    static func forwardedInfo(_ sig: Int32, _ o: host_signal_origin) -> SignalInfo {
        var info: SignalInfo
        switch o.code {
        case 0: info = SignalInfo(signo: sig, code: SignalCode.user)              // SI_USER
        case -1: info = SignalInfo(signo: sig, code: SignalCode.queue)            // SI_QUEUE
        case -6: info = SignalInfo(signo: sig, code: SignalCode.lwp)              // SI_TKILL
        case -2: info = SignalInfo(signo: sig, code: 0x10003)                     // SI_TIMER
        case 0x80: return SignalInfo(signo: sig, code: SignalCode.kernel)         // SI_KERNEL
        default:
            guard sig == FreeBSDSignal.SIGCHLD, o.code >= 1 && o.code <= 6 else {
                return SignalInfo(signo: sig, code: o.code > 0 ? o.code : SignalCode.user)
            }
            info = SignalInfo(signo: sig, code: o.code)
            info.status = WaitTranslation.siginfoStatus(code: o.code, linuxStatus: o.status)
        }
        info.pid = o.pid
        info.uid = UInt32(bitPattern: o.uid)
        return info
    }

    /// Mirrors a guest disposition onto the host signal, so that signals from outside either do
    /// what the guest asked directly (default, ignore) or are forwarded to its handler.
    func mirrorDisposition(_ sig: Int32, _ a: SignalAction) {
        let forwardable: Set<Int32> = [FreeBSDSignal.SIGHUP, FreeBSDSignal.SIGINT, FreeBSDSignal.SIGQUIT, FreeBSDSignal.SIGTERM,
            FreeBSDSignal.SIGUSR1, FreeBSDSignal.SIGUSR2, FreeBSDSignal.SIGALRM, FreeBSDSignal.SIGVTALRM, FreeBSDSignal.SIGPROF,
            FreeBSDSignal.SIGCHLD, FreeBSDSignal.SIGWINCH, FreeBSDSignal.SIGURG, FreeBSDSignal.SIGIO, FreeBSDSignal.SIGXCPU,
            FreeBSDSignal.SIGXFSZ, FreeBSDSignal.SIGCONT, FreeBSDSignal.SIGINFO,
            // Terminal stops: a shell ignores them; left at default, the host stops the emulator.
            FreeBSDSignal.SIGTSTP, FreeBSDSignal.SIGTTIN, FreeBSDSignal.SIGTTOU]
        guard forwardable.contains(sig) || (sig >= 65 && sig <= 93) else { return }
        let host = FreeBSDSignal.toLinux(sig)
        // SIGCHLD: no zombies with SA_NOCLDWAIT (or SIG_IGN), no stop reports with SA_NOCLDSTOP;
        // the host kernel does both for the emulator's children, which are the guest's.
        var flags: Int32 = 0
        if sig == FreeBSDSignal.SIGCHLD {
            if a.flags & SignalAction.SA_NOCLDWAIT != 0 { flags |= Int32(SA_NOCLDWAIT) }
            if a.flags & SignalAction.SA_NOCLDSTOP != 0 { flags |= Int32(SA_NOCLDSTOP) }
        }
        host_mirror_signal(host, a.isIgnored ? 2 : a.isDefault ? 0 : 1, flags)
    }

    /// Closes the one race of interruptible calls: a wake that lands just before a thread
    /// enters its blocking host call. While some thread blocks with a deliverable signal, it is
    /// woken again every 20 ms.
    func startSignalWatchdog() {
        let start = lock.withLock { () -> Bool in
            if watchdogRunning { return false }
            watchdogRunning = true
            return true
        }
        guard start else { return }
        _ = HostThread.start { [unowned self] in
            // Signals from outside go to guest threads, never to this helper.
            var all = sigset_t()
            sigfillset(&all)
            pthread_sigmask(SIG_BLOCK, &all, nil)
            while true {
                usleep(20_000)
                absorbForwardedSignals()
                for t in lock.withLock({ threads }) where host_atomic_load32(t.blocking) != 0 {
                    if t.signalLock.withLock({ () -> Bool in
                        var c = t.pending
                        c.formUnion(processPending)
                        c.subtract(t.signalMask)
                        return c != SignalSet()
                    }) {
                        t.nudge()
                    }
                }
            }
        }
    }

    /// Ends the whole process with `status` (exit(2) from any thread).
    func exit(status: Int32) -> Never {
        reportStats()
        log.flush()
        Glibc._exit(status)
    }

    /// Ends the emulator by the guest's fatal signal, after the one-line report: the host kills
    /// itself with the corresponding Linux signal so the parent sees the same death.
    func dieBySignal(_ sig: Int32, report: String) -> Never {
        reportStats()
        writeStderr("bsd-user-gdb: guest killed by \(FreeBSDSignal.name(sig))\(report)\n")
        log.flush()
        let host = FreeBSDSignal.toLinux(sig)
        var rl = rlimit(rlim_cur: 0, rlim_max: 0)
        getrlimit(Int32(RLIMIT_CORE.rawValue), &rl)
        rl.rlim_cur = 0
        setrlimit(Int32(RLIMIT_CORE.rawValue), &rl)
        signal(host, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, host)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        kill(getpid(), host)
        // A signal whose default action on Linux does not kill (should not happen): exit as a shell would show it.
        Glibc._exit(128 + sig)
    }

    let startTime = HostInputs.clock(CLOCK_MONOTONIC) ?? timespec()

    func reportStats() {
        guard options.stats else { return }
        let now = HostInputs.clock(CLOCK_MONOTONIC) ?? timespec()
        let seconds = Double(now.tv_sec - startTime.tv_sec) + Double(now.tv_nsec - startTime.tv_nsec) / 1e9
        let count = threads.reduce(UInt64(0)) { $0 + $1.cpu.retired }
        let mips = seconds > 0 ? Double(count) / seconds / 1e6 : 0
        writeStderr("bsd-user-gdb: stats: \(count) guest instructions in \(String(format3(seconds))) s (\(Int(mips)) million/s)\n")
    }

    static func absolutePath(_ p: String) -> String {
        if p.hasPrefix("/") { return p }
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return p }
        let cwd = String(cString: buf)
        return cwd == "/" ? "/" + p : cwd + "/" + p
    }

    static func hostCPUCount() -> Int {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? n : 1
    }
}

func format3(_ v: Double) -> String {
    let ms = Int((v * 1000).rounded())
    let frac = String(ms % 1000)
    return "\(ms / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
}

/// Writes a line to the emulator's stderr without buffering.
func writeStderr(_ s: String) {
    let bytes = Array(s.utf8)
    var off = 0
    while off < bytes.count {
        let n = bytes.withUnsafeBytes { write(2, $0.baseAddress! + off, $0.count - off) }
        if n <= 0 { if errno == EINTR { continue }; return }
        off += n
    }
}
