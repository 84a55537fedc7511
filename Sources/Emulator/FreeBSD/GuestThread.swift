import Glibc

/// One guest thread: its CPU, FreeBSD thread id and signal mask, and the loop that runs the
/// interpreter and services what it stops for (system calls, traps).
public final class GuestThread: @unchecked Sendable {
    public unowned let process: GuestProcess
    public let cpu: X86CPU
    public let tid: Int32
    var signalMask = SignalSet()
    /// sigaltstack: base, size, flags (SS_DISABLE = 4 until the guest sets one).
    var alternateStack: (UInt64, UInt64, Int32) = (0, 0, 4)
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
        }
    }

    /// Turns a CPU trap into the signal FreeBSD/amd64 would send (sys/amd64/amd64/trap.c).
    func deliverTrap(_ t: Trap) {
        let pc = cpu.programCounter
        switch t.kind {
        case .pageFault:
            raiseSynchronous(FreeBSDSignal.SIGSEGV, code: t.reason == .protection && t.address < guestAddressLimit ? SignalCode.segvAccess : SignalCode.segvMapping, address: t.address)
        case .generalProtection:
            raiseSynchronous(FreeBSDSignal.SIGBUS, code: SignalCode.busObject, address: pc)
        case .divideError:
            raiseSynchronous(FreeBSDSignal.SIGFPE, code: SignalCode.fpeIntegerDivide, address: pc)
        case .invalidOpcode:
            raiseSynchronous(FreeBSDSignal.SIGILL, code: SignalCode.illPrivilegedOpcode, address: pc)
        case .breakpoint:
            // int3 is a trap: the guest sees the pc after it.
            cpu.programCounter = pc &+ 1
            raiseSynchronous(FreeBSDSignal.SIGTRAP, code: SignalCode.trapBreakpoint, address: cpu.programCounter)
        case .floatingPoint, .simdFloatingPoint:
            raiseSynchronous(FreeBSDSignal.SIGFPE, code: t.address == 0 ? 0 : Int32(t.address), address: pc)
        case .stop:
            break
        }
    }

    /// A synchronous signal: delivered to this thread; if it is blocked or ignored FreeBSD
    /// resets it to the default action (trapsignal), which for these signals kills the process.
    func raiseSynchronous(_ sig: Int32, code: Int32, address: UInt64) {
        let action = process.signalActions[Int(sig)]
        if action.isDefault || action.isIgnored || signalMask.contains(sig) {
            let what = sig == FreeBSDSignal.SIGSEGV || sig == FreeBSDSignal.SIGBUS ? " (address 0x\(String(address, radix: 16)))" : ""
            process.dieBySignal(sig, report: "\(what) at pc=0x\(String(cpu.programCounter, radix: 16))")
        }
        // Handlers run once signal delivery lands; until then a handled fault is fatal too.
        process.dieBySignal(sig, report: " (handler not run: signal delivery is not implemented yet) at pc=0x\(String(cpu.programCounter, radix: 16))")
    }

    /// An asynchronous signal sent to this process (kill, raise).
    func postSignal(_ sig: Int32, code: Int32) {
        let action = process.signalActions[Int(sig)]
        if action.isIgnored { return }
        if action.isDefault {
            switch FreeBSDSignal.defaultAction(sig) {
            case .ignore, .resume: return
            case .stop: return
            case .terminate, .terminateCore:
                if signalMask.contains(sig) { return }
                process.dieBySignal(sig, report: "")
            }
        }
        process.dieBySignal(sig, report: " (handler not run: signal delivery is not implemented yet)")
    }
}
