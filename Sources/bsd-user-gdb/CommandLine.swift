import Emulator
import Glibc

/// qemu-user compatible command-line options.
enum CommandLineParser {
    static let version = "0.1.0"

    static let usage = """
    usage: bsd-user-gdb [options] PROGRAM [ARGUMENTS...]

    Runs a FreeBSD/amd64 executable on this Linux host.

    Options:
      -h, --help          show this help and exit
      --version           show the version and exit
      -E VAR=VALUE        set VAR in the guest's environment
      -U VAR              remove VAR from the guest's environment
      -0 ARGV0            use ARGV0 as the program's argv[0]
      -L PATH             guest root for the dynamic loader and its libraries (used by dynamic executables)
      -g PORT             wait for a gdb/lldb connection on 127.0.0.1:PORT (not available yet)
      -strace             print every system call with its arguments and result
      -d ITEMS            log ITEMS (comma separated): in_asm, exec, cpu; -d help lists them
      -D FILE             write -d and -strace output to FILE instead of stderr
      -stats              at exit, print how many guest instructions ran and how fast

    """

    enum Outcome {
        case run(EmulatorOptions)
        case exit(Int32, String, toStderr: Bool)
    }

    static func parse(_ args: [String], environment: [String]) -> Outcome {
        var o = EmulatorOptions()
        var env = environment
        var i = 0
        func value(_ flag: String) -> String? {
            guard i + 1 < args.count else { return nil }
            i += 1
            return args[i]
        }
        while i < args.count {
            let a = args[i]
            if !a.hasPrefix("-") || a == "-" { break }
            if a == "--" { i += 1; break }
            switch a {
            case "-h", "-help", "--help":
                return .exit(0, usage, toStderr: false)
            case "-version", "--version":
                return .exit(0, "bsd-user-gdb \(version)\n", toStderr: false)
            case "-strace":
                o.strace = true
            case "-stats", "--stats":
                o.stats = true
            case "-E":
                guard let v = value(a), let eq = v.firstIndex(of: "="), eq != v.startIndex else {
                    return .exit(1, "bsd-user-gdb: -E needs VAR=VALUE\n" + usage, toStderr: true)
                }
                let name = String(v[..<eq])
                env.removeAll { $0.hasPrefix(name + "=") }
                env.append(v)
            case "-U":
                guard let v = value(a), !v.isEmpty else { return .exit(1, "bsd-user-gdb: -U needs a variable name\n" + usage, toStderr: true) }
                env.removeAll { $0.hasPrefix(v + "=") }
            case "-0":
                guard let v = value(a) else { return .exit(1, "bsd-user-gdb: -0 needs an argument\n" + usage, toStderr: true) }
                o.argv0 = v
            case "-L":
                guard let v = value(a) else { return .exit(1, "bsd-user-gdb: -L needs a path\n" + usage, toStderr: true) }
                o.guestRoot = v
            case "-g":
                guard let v = value(a), let port = Int(v), port > 0, port < 65536 else {
                    return .exit(1, "bsd-user-gdb: -g needs a port number (1-65535)\n" + usage, toStderr: true)
                }
                o.gdbPort = port
            case "-D":
                guard let v = value(a) else { return .exit(1, "bsd-user-gdb: -D needs a file name\n" + usage, toStderr: true) }
                o.logPath = v
            case ExecCarryOver.option:
                // Internal: written by the emulator itself when the guest calls execve.
                guard let v = value(a), let state = ExecCarryOver(encoded: v) else {
                    return .exit(1, "bsd-user-gdb: \(ExecCarryOver.option) needs the state an exec passes\n", toStderr: true)
                }
                o.carryOver = state
            case "-d":
                guard let v = value(a) else { return .exit(1, "bsd-user-gdb: -d needs a list of items\n" + usage, toStderr: true) }
                for item in v.split(separator: ",") {
                    switch item {
                    case "in_asm": o.logInAsm = true
                    case "exec": o.logExec = true
                    case "cpu": o.logCPU = true
                    case "help":
                        return .exit(0, "Log items (comma separated):\nin_asm  disassembly of each translated block\nexec    each block executed\ncpu     registers before each block\n", toStderr: false)
                    default:
                        return .exit(1, "bsd-user-gdb: unknown log item '\(item)' (try -d help)\n", toStderr: true)
                    }
                }
            default:
                return .exit(1, "bsd-user-gdb: unknown option '\(a)'\n" + usage, toStderr: true)
            }
            i += 1
        }
        guard i < args.count else { return .exit(1, "bsd-user-gdb: no program given\n" + usage, toStderr: true) }
        o.program = args[i]
        o.arguments = Array(args[(i + 1)...])
        o.environment = o.carryOver?.guestEnvironment(from: env) ?? env
        return .run(o)
    }
}
