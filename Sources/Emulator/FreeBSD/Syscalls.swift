import Glibc

/// One row of the generated syscall table, parsed once: name, status, and argument formats.
struct SyscallDescriptor {
    let number: Int
    let name: String
    let status: String
    /// Format letter and name per argument (see SyscallTable.swift).
    let args: [(Character, String)]
}

enum SyscallCatalog {
    static let descriptors: [Int: SyscallDescriptor] = {
        var out: [Int: SyscallDescriptor] = [:]
        for line in freeBSDSyscallTableText.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: false)
            guard f.count == 4, let n = Int(f[0]) else { continue }
            let args: [(Character, String)] = f[3] == "-" ? [] : f[3].split(separator: ",").map { ($0.first!, String($0.dropFirst())) }
            out[n] = SyscallDescriptor(number: n, name: f[2] == "-" ? "#\(n)" : String(f[2]), status: String(f[1]), args: args)
        }
        return out
    }()

    static func name(_ n: Int) -> String { descriptors[n]?.name ?? "#\(n)" }
}

/// What a syscall handler returns on success: the first result register, and optionally the
/// second (fork's rdx, pipe's second descriptor).
typealias SyscallValue = UInt64

extension GuestProcess {
    /// The single exit point every system call passes through: decode, trace, dispatch,
    /// write back the result (or the error), trace the result.
    func handleSyscall(_ t: GuestThread) {
        let args = t.cpu.syscallArguments()
        let trace = options.strace
        var traceLine = ""
        if trace {
            traceLine = formatCall(args, t)
            // Calls that do not come back are shown before they run.
            if args.number == 1 || args.number == 431 || args.number == 59 || args.number == 492 { log.line("\(getpid()) \(traceLine)") }
        }
        t.secondResult = nil
        let result: Result<UInt64, FreeBSDErrno>
        do {
            result = .success(try dispatch(args, t))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let v):
            t.cpu.completeSyscall(value: v, second: t.secondResult)
            if trace { log.line("\(getpid()) \(traceLine) = \(Int64(bitPattern: v)) (0x\(String(v, radix: 16)))") }
        case .failure(let e):
            if e == .ERESTART {
                t.cpu.restartSyscall()
                if trace { log.line("\(getpid()) \(traceLine) = restart") }
            } else if e == .EJUSTRETURN {
                if trace { log.line("\(getpid()) \(traceLine) = (registers set)") }
            } else {
                t.cpu.failSyscall(e.rawValue)
                if trace { log.line("\(getpid()) \(traceLine) = -1 \(e) (\(e.rawValue))") }
            }
        }
    }

    /// Renders a call truss-style from the generated table: strings quoted, pointers in hex.
    func formatCall(_ a: SyscallArgs, _ t: GuestThread) -> String {
        guard let d = SyscallCatalog.descriptors[a.number] else { return "#\(a.number)(...)" }
        var parts: [String] = []
        for (i, (fmt, _)) in d.args.enumerated() where i < 8 {
            let v = a[i]
            switch fmt {
            case "s", "b":
                if v == 0 { parts.append("NULL"); break }
                let length = fmt == "b" ? Int(min(a[i + 1], 64)) : 64
                if let bytes = fmt == "b" ? try? space.read(v, count: length) : (try? space.readCString(v, limit: 64) ?? space.read(v, count: 64)) {
                    var s = ""
                    for b in bytes.prefix(48) {
                        switch b {
                        case 10: s += "\\n"
                        case 9: s += "\\t"
                        case 34: s += "\\\""
                        case 32...126: s.append(Character(Unicode.Scalar(b)))
                        default: s += "\\x" + String(b, radix: 16)
                        }
                    }
                    parts.append("\"\(s)\"" + (bytes.count > 48 ? "..." : ""))
                } else {
                    parts.append("0x\(String(v, radix: 16))")
                }
            case "p", "x": parts.append("0x\(String(v, radix: 16))")
            case "o": parts.append("0" + String(v, radix: 8))
            case "u": parts.append(String(v))
            default: parts.append(String(Int64(bitPattern: v)))
            }
        }
        return "\(d.name)(\(parts.joined(separator: ",")))"
    }

    /// Reports a system call FreeBSD has but we do not, and returns what FreeBSD does for an
    /// unknown call: SIGSYS (fatal by default); if the guest ignores or catches it, ENOSYS.
    func unimplemented(_ a: SyscallArgs, _ t: GuestThread) throws(FreeBSDErrno) -> UInt64 {
        let call = formatCall(a, t)
        writeStderr("bsd-user-gdb: unimplemented FreeBSD syscall \(a.number) \(call) at pc=0x\(String(t.cpu.programCounter &- 2, radix: 16))\n")
        let action = self.action(FreeBSDSignal.SIGSYS)
        if action.isDefault && !t.signalLock.withLock({ t.signalMask.contains(FreeBSDSignal.SIGSYS) }) {
            t.cpu.programCounter &-= 2
            dieBySignal(FreeBSDSignal.SIGSYS, report: " (bad system call) at pc=0x\(String(t.cpu.programCounter, radix: 16))")
        }
        throw .ENOSYS
    }
}
