/// Why the interpreter handed control back to its thread.
public enum ExitReason: Error, Equatable {
    /// The guest executed its system-call instruction; the pc is past it.
    case syscall
    /// A synchronous exception; the pc is at the faulting instruction.
    case trap(Trap)
    /// Something set the attention word (stop request, pending signal).
    case attention
    /// Invalid or unimplemented instruction at the pc (SIGILL), with its bytes for the report.
    case invalidInstruction([UInt8])
    /// The debugger's single step finished.
    case stepped
}

/// Up to eight system-call arguments (FreeBSD passes at most eight).
public struct SyscallArgs: Sendable {
    public var number: Int = 0
    public var a: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    public subscript(_ i: Int) -> UInt64 {
        switch i {
        case 0: return a.0
        case 1: return a.1
        case 2: return a.2
        case 3: return a.3
        case 4: return a.4
        case 5: return a.5
        case 6: return a.6
        default: return a.7
        }
    }
    public init() {}
    public init(number: Int, _ v: [UInt64]) {
        self.number = number
        let x = v + [UInt64](repeating: 0, count: max(0, 8 - v.count))
        a = (x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7])
    }
}

/// The architecture seam: what the OS layer, the debugger and crash reports need from a guest
/// CPU. amd64 implements it in X86_64/; aarch64 and riscv64 will follow with the same set.
public protocol GuestCPU: AnyObject {
    var programCounter: UInt64 { get set }
    var stackPointer: UInt64 { get set }
    var retiredInstructions: UInt64 { get }
    /// TLS pointer register (amd64: fs base).
    var threadPointer: UInt64 { get set }
    /// Runs guest code until it needs the OS or stops.
    func run(singleStep: Bool) -> ExitReason
    /// The pending system call's number and arguments (following the ABI's indirect-syscall rules).
    func syscallArguments() -> SyscallArgs
    /// Completes the pending system call.
    func completeSyscall(value: UInt64, second: UInt64?)
    func failSyscall(_ errno: Int32)
    /// Backs the pc up so that the system-call instruction runs again.
    func restartSyscall()
    /// Puts the CPU in its initial state for a new program (exec) with the given stack and entry.
    func resetForExec(entry: UInt64, stack: UInt64, argumentBlock: UInt64)
    /// A one-line-per-register dump for -d cpu and crash reports.
    func registerDump() -> String
    /// Builds the architecture's signal frame and enters `handler` through the trampoline.
    func enterSignalHandler(signal: Int32, info: SignalInfo, handler: UInt64, siginfo: Bool,
                            savedMask: [UInt32], altStack: AlternateStack, useAltStack: Bool) throws(Trap)
    /// sigreturn: restores the interrupted context from the ucontext at `context`; returns the
    /// signal mask it carries.
    func returnFromSignal(context: UInt64) throws(FreeBSDErrno) -> [UInt32]
    /// The architecture's signal trampoline, placed in the shared page.
    static var sharedPageCode: [UInt8] { get }
    /// AT_HWCAP and AT_HWCAP2 values.
    static var hardwareCapabilities: (UInt64, UInt64) { get }
}
