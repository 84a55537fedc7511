import Emulator
import Glibc

/// Entry point: parse options, load the program, run it; bad input ends with one line on
/// stderr and exit status 1.
func hostEnvironment() -> [String] {
    var out: [String] = []
    var p = environ
    while let s = p.pointee {
        out.append(String(cString: s))
        p += 1
    }
    return out
}

func fail(_ message: String) -> Never {
    let line = "bsd-user-gdb: " + message + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch CommandLineParser.parse(arguments, environment: hostEnvironment()) {
case .exit(let status, let text, let toStderr):
    _ = text.withCString { write(toStderr ? 2 : 1, $0, strlen($0)) }
    exit(status)
case .run(let options):
    if !SSEHostRequirement.isSatisfied {
        fail("this host CPU lacks SSE4.2, which the interpreter uses for guest SSE instructions")
    }
    if options.gdbPort != nil {
        fail("-g: the gdb stub is not available yet")
    }
    let process: GuestProcess
    do {
        process = try GuestProcess.launch(options)
    } catch let e as LoadError {
        fail(e.description)
    } catch let e as EmulatorError {
        fail(e.description)
    } catch {
        fail("\(options.program): cannot load: \(error)")
    }
    process.run()
}
