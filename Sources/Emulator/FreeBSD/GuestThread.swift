import Glibc

/// One guest thread: its CPU, FreeBSD thread id, signal mask and pending signals, and the loop
/// that runs the interpreter and services what it stops for (system calls, traps, signals).
public final class GuestThread: @unchecked Sendable {
    public unowned let process: GuestProcess
    public let cpu: X86CPU
    public let tid: Int32
    var signalMask = SignalSet()
    var pending = SignalSet()
    var pendingInfo: [Int32: SignalInfo] = [:]
    var alternateStack = AlternateStack()
    /// Second return value of the current syscall (rdx on amd64), if any.
    var secondResult: UInt64? = nil

    init(process: GuestProcess, cpu: X86CPU, tid: Int32) {
        self.process = process
        self.cpu = cpu
        self.tid = tid
    }

    var space: AddressSpace { process.space }

    func run() -> Never {
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
                cpu.attention.pointee = 0
            }
            if pending != SignalSet() { deliverPendingSignals() }
        }
    }

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
        let action = process.signalActions[Int(sig)]
        var info = SignalInfo(signo: sig, code: code, address: address)
        info.trapno = trapno
        if !action.isDefault && !action.isIgnored && !signalMask.contains(sig) {
            deliver(sig, info: info, action: action)
            return
        }
        let what = sig == FreeBSDSignal.SIGSEGV || sig == FreeBSDSignal.SIGBUS ? " (address 0x\(String(address, radix: 16)))" : ""
        process.dieBySignal(sig, report: "\(what) at pc=0x\(String(cpu.programCounter, radix: 16))")
    }

    /// An asynchronous signal for this thread (kill, thr_kill, raise): queued, delivered when
    /// the thread returns to guest code and the signal is not blocked.
    func postSignal(_ sig: Int32, code: Int32, sender: Int32 = getpid()) {
        let action = process.signalActions[Int(sig)]
        if action.isIgnored { return }
        if action.isDefault {
            switch FreeBSDSignal.defaultAction(sig) {
            case .ignore, .resume: return
            case .stop: return      // job control is not modelled: a stop signal is discarded
            default: break
            }
        }
        if sig == FreeBSDSignal.SIGKILL { process.dieBySignal(sig, report: "") }
        var info = SignalInfo(signo: sig, code: code)
        info.pid = sender
        info.uid = getuid()
        pending.insert(sig)
        pendingInfo[sig] = info
    }

    func deliverPendingSignals() {
        for sig in Int32(1)...FreeBSDSignal.maxSignal where pending.contains(sig) && !signalMask.contains(sig) {
            pending.remove(sig)
            let info = pendingInfo.removeValue(forKey: sig) ?? SignalInfo(signo: sig, code: SignalCode.user)
            let action = process.signalActions[Int(sig)]
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
        let saved = signalMask
        do {
            try cpu.enterSignalHandler(signal: sig, info: info, handler: action.handler,
                                       siginfo: action.flags & SignalAction.SA_SIGINFO != 0, savedMask: saved.words,
                                       altStack: alternateStack, useAltStack: action.flags & SignalAction.SA_ONSTACK != 0)
        } catch {
            // FreeBSD: a frame that cannot be written kills the process with SIGILL.
            process.dieBySignal(FreeBSDSignal.SIGILL, report: " (cannot build the frame for \(FreeBSDSignal.name(sig)) at sp=0x\(String(cpu.stackPointer, radix: 16)))")
        }
        signalMask.formUnion(action.mask)
        if action.flags & SignalAction.SA_NODEFER == 0 { signalMask.insert(sig) }
        signalMask.dropUnblockable()
        if action.flags & SignalAction.SA_RESETHAND != 0 && sig != FreeBSDSignal.SIGILL && sig != FreeBSDSignal.SIGTRAP {
            process.signalActions[Int(sig)] = SignalAction()
        }
    }
}
