import Glibc

/// Where -strace and -d output goes: stderr, or the -D file (kept on a high descriptor the
/// guest cannot see). Also builds the per-block logger for -d in_asm/exec/cpu.
public final class EmulatorLog: @unchecked Sendable {
    let fd: Int32
    public let privateDescriptor: Int32?
    private var blockLoggerStorage: BlockLogger? = nil
    var blockLogger: BlockLogger? { blockLoggerStorage }
    private var buffer: [UInt8] = []
    private let lock = Lock()

    init(options: EmulatorOptions) throws {
        if let inherited = options.carryOver?.logDescriptor, fcntl(inherited, F_SETFD, FD_CLOEXEC) == 0 {
            // The log of the emulator this one replaced (the guest exec'd): kept, appended to.
            fd = inherited
            privateDescriptor = inherited
        } else if let path = options.logPath {
            let f = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if f < 0 { throw EmulatorError.usage("cannot open log file \(path): \(String(cString: strerror(errno)))") }
            let high = fcntl(f, F_DUPFD_CLOEXEC, 1000)
            close(f)
            fd = high
            privateDescriptor = high
        } else {
            fd = 2
            privateDescriptor = nil
        }
        if options.logInAsm || options.logExec || options.logCPU {
            blockLoggerStorage = BlockLogger(inAsm: options.logInAsm, exec: options.logExec, cpu: options.logCPU, log: self)
        }
    }

    public func line(_ s: String) {
        lock.withLock {
            buffer.append(contentsOf: s.utf8)
            buffer.append(10)
            if buffer.count > 1 << 16 || fd == 2 { flushLocked() }
        }
    }

    public func flush() { lock.withLock { flushLocked() } }

    /// The child of a fork: the lock may have been held by a thread that does not exist there
    /// (the buffer was flushed before the fork).
    func reinitializeAfterFork() {
        lock.reinitializeAfterFork()
        buffer.removeAll(keepingCapacity: true)
    }

    private func flushLocked() {
        var off = 0
        while off < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + off, buffer.count - off) }
            if n <= 0 { if errno == EINTR { continue }; break }
            off += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Errors the CLI reports as one line and exit status 1.
public enum EmulatorError: Error, CustomStringConvertible {
    case usage(String)
    public var description: String {
        switch self {
        case .usage(let s): return s
        }
    }
}

/// -d logging at block granularity: disassembly of each newly decoded block (in_asm), each
/// block executed (exec), registers before each block (cpu).
final class BlockLogger {
    let inAsm: Bool, exec: Bool, cpu: Bool
    unowned let log: EmulatorLog
    let disassembler = Disassembler()

    init(inAsm: Bool, exec: Bool, cpu: Bool, log: EmulatorLog) {
        self.inAsm = inAsm
        self.exec = exec
        self.cpu = cpu
        self.log = log
    }

    func decoded(pc: UInt64, bytes: [UInt8]) {
        guard inAsm else { return }
        var s = "IN:\n"
        for line in disassembler.disassemble(bytes, at: pc) { s += line + "\n" }
        log.line(s)
    }

    func executing(pc: UInt64, cpu state: GuestCPU) {
        if cpu { log.line(state.registerDump()) }
        if exec { log.line("Trace: 0x\(String(pc, radix: 16))") }
    }
}
