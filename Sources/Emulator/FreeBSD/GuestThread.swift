import CHost
import Glibc

/// One guest thread: its CPU, FreeBSD thread id, signal mask and pending signals, and the loop
/// that runs the interpreter and services what it stops for (system calls, traps, signals).
/// Each guest thread runs on its own host thread.
public final class GuestThread: @unchecked Sendable {
    public unowned let process: GuestProcess
    public let cpu: X86CPU
    public let tid: Int32
    /// The Linux thread id of the host thread running this guest thread.
    var hostTID: Int32 = 0
    /// Guards `pending`, `pendingInfo` and `signalMask` against posters on other threads.
    let signalLock = Lock()
    var signalMask = SignalSet()
    var pending = SignalSet()
    var pendingInfo: [Int32: SignalInfo] = [:]
    var alternateStack = AlternateStack()
    /// Second return value of the current syscall (rdx on amd64), if any.
    var secondResult: UInt64? = nil
    /// Non-zero while the thread is inside a host call that may block (posters wake it).
    let blocking: UnsafeMutablePointer<UInt32>
    var name = ""
    /// thr_suspend/thr_wake: a wake that arrived before the suspend is not lost.
    let wakeWord: UnsafeMutablePointer<UInt32>
    /// Bumped (and futex-woken) whenever a signal is posted for this thread: sigsuspend and
    /// sigwait sleep on it.
    let signalWord: UnsafeMutablePointer<UInt32>
    /// sigsuspend, ppoll, pselect: the mask the next handler's frame must restore (the one
    /// before the call), put back once the call is over if no handler ran (FreeBSD's
    /// TDP_OLDMASK).
    var maskToRestore: SignalSet? = nil

    init(process: GuestProcess, cpu: X86CPU, tid: Int32) {
        self.process = process
        self.cpu = cpu
        self.tid = tid
        blocking = .allocate(capacity: 1)
        blocking.initialize(to: 0)
        wakeWord = .allocate(capacity: 1)
        wakeWord.initialize(to: 0)
        signalWord = .allocate(capacity: 1)
        signalWord.initialize(to: 0)
    }

    deinit {
        blocking.deallocate()
        wakeWord.deallocate()
        signalWord.deallocate()
    }

    var space: AddressSpace { process.space }

    func run() -> Never {
        hostTID = HostThread.currentTID()
        while true {
            switch cpu.run(singleStep: false) {
            case .syscall:
                process.handleSyscall(self)
            case .trap(let trap):
                deliverTrap(trap)
            case .invalidInstruction(let bytes):
                let hex = bytes.map { b -> String in let s = String(b, radix: 16); return s.count == 1 ? "0" + s : s }.joined(separator: " ")
                writeStderr("bsd-user-gdb: unimplemented or invalid instruction at pc=0x\(String(cpu.programCounter, radix: 16)): \(hex)\n")
                raiseSynchronous(FreeBSDSignal.SIGILL, code: SignalCode.illPrivilegedOpcode, address: cpu.programCounter)
            case .attention, .stepped:
                host_atomic_store32(cpu.attention, 0)
            }
            deliverPendingSignals()
            if let m = maskToRestore {
                // No handler took it (sigsuspend's signal went elsewhere, ppoll/pselect ended
                // without one): restore the mask, then deliver what it no longer blocks.
                maskToRestore = nil
                setSignalMask(m)
                deliverPendingSignals()
            }
        }
    }

    // MARK: Traps (synchronous signals)

    /// Turns a CPU trap into the signal FreeBSD/amd64 would send (sys/amd64/amd64/trap.c).
    func deliverTrap(_ t: Trap) {
        let pc = cpu.programCounter
        switch t.kind {
        case .pageFault where t.reason == .beyondEndOfObject:
            raiseSynchronous(FreeBSDSignal.SIGBUS, code: SignalCode.busObject, address: t.address, trapno: 12)
        case .pageFault:
            let code = t.reason == .protection && t.address < guestAddressLimit ? SignalCode.segvAccess : SignalCode.segvMapping
            raiseSynchronous(FreeBSDSignal.SIGSEGV, code: code, address: t.address, trapno: 12)
        case .generalProtection:
            raiseSynchronous(FreeBSDSignal.SIGBUS, code: SignalCode.busObject, address: pc, trapno: 9)
        case .divideError:
            raiseSynchronous(FreeBSDSignal.SIGFPE, code: SignalCode.fpeIntegerDivide, address: pc, trapno: 18)
        case .invalidOpcode:
            raiseSynchronous(FreeBSDSignal.SIGILL, code: SignalCode.illPrivilegedOpcode, address: pc, trapno: 1)
        case .breakpoint:
            // int3 is a trap: the guest sees the pc after it.
            cpu.programCounter = pc &+ 1
            raiseSynchronous(FreeBSDSignal.SIGTRAP, code: SignalCode.trapBreakpoint, address: cpu.programCounter, trapno: 3)
        case .floatingPoint, .simdFloatingPoint:
            raiseSynchronous(FreeBSDSignal.SIGFPE, code: Int32(truncatingIfNeeded: t.address), address: pc,
                             trapno: t.kind == .floatingPoint ? 6 : 19)
        case .stop:
            break
        }
    }

    /// A synchronous signal (trapsignal): delivered at once to this thread if it is caught and
    /// not blocked; otherwise FreeBSD resets it to the default action, which kills.
    func raiseSynchronous(_ sig: Int32, code: Int32, address: UInt64, trapno: Int32 = 0) {
        let action = process.action(sig)
        var info = SignalInfo(signo: sig, code: code, address: address)
        info.trapno = trapno
        if !action.isDefault && !action.isIgnored && !signalLock.withLock({ signalMask.contains(sig) }) {
            deliver(sig, info: info, action: action)
            return
        }
        let what = sig == FreeBSDSignal.SIGSEGV || sig == FreeBSDSignal.SIGBUS ? " (address 0x\(String(address, radix: 16)))" : ""
        process.dieBySignal(sig, report: "\(what) at pc=0x\(String(cpu.programCounter, radix: 16))")
    }

    // MARK: Asynchronous signals

    /// A signal for this thread (thr_kill, or a process signal routed here): queued, delivered
    /// when the thread is back between guest instructions and the signal is not blocked.
    func post(_ sig: Int32, info: SignalInfo) {
        process.noteSignalForKqueues(sig)
        signalLock.withLock {
            pending.insert(sig)
            if pendingInfo[sig] == nil { pendingInfo[sig] = info }
        }
        nudge()
    }

    /// Makes the thread look at its signals soon: attention at the next block boundary, and an
    /// interruption if it is blocked in a host call.
    func nudge() {
        _ = host_fetch_add32(signalWord)
        HostThread.futexWake(UnsafeMutableRawPointer(signalWord), count: Int32.max, privateKey: true)
        host_atomic_store32(cpu.attention, 1)
        if host_atomic_load32(blocking) != 0 && hostTID != 0 { HostThread.wake(hostTID) }
    }

    /// The first signal this thread could take now, thread-directed first, then process-directed.
    func nextDeliverable() -> Int32? {
        process.absorbForwardedSignals()
        return signalLock.withLock { () -> Int32? in
            var candidates = pending
            candidates.formUnion(process.pendingForProcess())
            candidates.subtract(signalMask)
            if candidates == SignalSet() { return nil }
            for s in Int32(1)...FreeBSDSignal.maxSignal where candidates.contains(s) { return s }
            return nil
        }
    }

    func deliverPendingSignals() {
        while let sig = nextDeliverable() {
            let info: SignalInfo
            let own = signalLock.withLock { () -> SignalInfo? in
                guard pending.contains(sig) else { return nil }
                pending.remove(sig)
                return pendingInfo.removeValue(forKey: sig) ?? SignalInfo(signo: sig, code: SignalCode.user)
            }
            if let o = own {
                info = o
            } else if let p = process.takeProcessSignal(sig) {
                info = p
            } else {
                continue
            }
            let action = process.action(sig)
            if action.isIgnored { continue }
            if action.isDefault {
                switch FreeBSDSignal.defaultAction(sig) {
                case .terminate, .terminateCore: process.dieBySignal(sig, report: "")
                default: continue
                }
            }
            deliver(sig, info: info, action: action)
        }
    }

    /// Runs the handler: frame on the (alternate) stack, mask widened, SA_RESETHAND applied.
    func deliver(_ sig: Int32, info: SignalInfo, action: SignalAction) {
        let saved = signalLock.withLock { () -> SignalSet in
            if let m = maskToRestore {
                maskToRestore = nil
                return m
            }
            return signalMask
        }
        do {
            try cpu.enterSignalHandler(signal: sig, info: info, handler: action.handler,
                                       siginfo: action.flags & SignalAction.SA_SIGINFO != 0, savedMask: saved.words,
                                       altStack: alternateStack, useAltStack: action.flags & SignalAction.SA_ONSTACK != 0)
        } catch {
            // FreeBSD: a frame that cannot be written kills the process with SIGILL.
            process.dieBySignal(FreeBSDSignal.SIGILL, report: " (cannot build the frame for \(FreeBSDSignal.name(sig)) at sp=0x\(String(cpu.stackPointer, radix: 16)))")
        }
        signalLock.withLock {
            signalMask.formUnion(action.mask)
            if action.flags & SignalAction.SA_NODEFER == 0 { signalMask.insert(sig) }
            signalMask.dropUnblockable()
        }
        if action.flags & SignalAction.SA_RESETHAND != 0 && sig != FreeBSDSignal.SIGILL && sig != FreeBSDSignal.SIGTRAP {
            process.setAction(sig, SignalAction())
        }
    }

    /// Sets the signal mask (sigprocmask, sigreturn, sigsuspend) and looks for newly unblocked signals.
    func setSignalMask(_ m: SignalSet) {
        var mask = m
        mask.dropUnblockable()
        signalLock.withLock { signalMask = mask }
    }

    /// Takes a pending signal from `set` (thread-directed first), for sigwait and friends.
    func takeSignal(in set: SignalSet) -> (Int32, SignalInfo)? {
        process.absorbForwardedSignals()
        for s in Int32(1)...FreeBSDSignal.maxSignal where set.contains(s) {
            let own = signalLock.withLock { () -> SignalInfo? in
                guard pending.contains(s) else { return nil }
                pending.remove(s)
                return pendingInfo.removeValue(forKey: s) ?? SignalInfo(signo: s, code: SignalCode.user)
            }
            if let i = own { return (s, i) }
            if let i = process.takeProcessSignal(s) { return (s, i) }
        }
        return nil
    }

    /// Sleeps until a signal is posted for this thread or the deadline passes (false then).
    func waitForSignal(until deadline: Deadline?) -> Bool {
        let seen = host_atomic_load32(signalWord)
        var slice: Int64 = 20_000_000
        if let d = deadline {
            let left = d.remaining
            if left <= 0 { return false }
            slice = min(slice, left)
        }
        host_atomic_store32(blocking, 1)
        _ = HostThread.futexWait(UnsafeMutableRawPointer(signalWord), expected: seen,
                                 timeout: timespec(tv_sec: Int(slice / 1_000_000_000), tv_nsec: Int(slice % 1_000_000_000)),
                                 privateKey: true)
        host_atomic_store32(blocking, 0)
        return true
    }

    // MARK: Blocking host calls

    /// The error an interrupted call returns: ERESTART when the signal's handler asked for
    /// SA_RESTART and the call may be restarted, EINTR otherwise.
    func interruption(restartable: Bool) -> FreeBSDErrno? {
        guard let sig = nextDeliverable() else { return nil }
        let action = process.action(sig)
        if action.isIgnored || (action.isDefault && FreeBSDSignal.defaultAction(sig) != .terminate && FreeBSDSignal.defaultAction(sig) != .terminateCore) {
            // Nothing will run for it: deliver (discard) it and carry on.
            deliverPendingSignals()
            return nil
        }
        return restartable && action.flags & SignalAction.SA_RESTART != 0 ? .ERESTART : .EINTR
    }

    /// Runs a host call that may block (returns -1 and sets errno on failure). A guest signal
    /// for this thread interrupts it, with FreeBSD's EINTR / restart rules; a wake of the
    /// emulator's own making is retried.
    func blockingCall(restartable: Bool = true, _ body: () -> Int) throws(FreeBSDErrno) -> UInt64 {
        while true {
            if let r = try attemptBlocking(restartable: restartable, body) { return UInt64(r) }
        }
    }

    /// One interruptible attempt at a blocking host call: the result, FreeBSD's EINTR /
    /// ERESTART when a guest signal interrupted it, or nil when the host call was interrupted
    /// by a wake of the emulator's own making (the caller decides how to go on).
    func attemptBlocking(restartable: Bool, _ body: () -> Int) throws(FreeBSDErrno) -> Int? {
        if let e = interruption(restartable: restartable) { throw e }
        host_atomic_store32(blocking, 1)
        if let e = interruption(restartable: restartable) {
            host_atomic_store32(blocking, 0)
            throw e
        }
        let r = body()
        let err = errno
        host_atomic_store32(blocking, 0)
        if r >= 0 { return r }
        if err == EINTR {
            if let e = interruption(restartable: restartable) { throw e }
            return nil
        }
        throw FreeBSDErrno(linux: err)
    }
}
