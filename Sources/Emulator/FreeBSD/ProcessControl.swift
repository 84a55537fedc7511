import CHost
import Glibc

/// The per-process settings procctl(2) changes that have no host state of their own (or whose
/// host state Linux resets differently): tracing, capability traps, ASLR/PROT_MAX/stack gap/W^X
/// policies, the parent-death signal as FreeBSD numbers it. Inherited by fork (plain copy) and
/// carried across exec with FreeBSD's rules (`afterExec`).
public struct ProcessControlState: Sendable, Equatable {
    public static let traceDisabled: UInt32 = 1, traceDisabledOnExec: UInt32 = 2, trapCapabilities: UInt32 = 4,
        stackGapDisabled: UInt32 = 8, stackGapDisabledOnExec: UInt32 = 16, wxPermitted: UInt32 = 32,
        wxDisallowedOnExec: UInt32 = 64
    public var flags: UInt32 = 0
    /// PROC_ASLR_FORCE_ENABLE 1, FORCE_DISABLE 2, NOFORCE 3; the same for PROT_MAX.
    public var aslr: Int32 = 3
    public var protmax: Int32 = 3
    /// FreeBSD signal number, 0 for none.
    public var parentDeathSignal: Int32 = 0

    public init() {}

    func has(_ f: UInt32) -> Bool { flags & f != 0 }
    mutating func set(_ f: UInt32, _ on: Bool) { if on { flags |= f } else { flags &= ~f } }

    /// do_execve's updates: tracing stays off only with DISABLE_EXEC; the stack gap and W^X
    /// follow their "on exec" requests.
    public func afterExec() -> ProcessControlState {
        var s = self
        if !s.has(Self.traceDisabledOnExec) { s.set(Self.traceDisabled, false) }
        s.set(Self.stackGapDisabled, s.has(Self.stackGapDisabledOnExec))
        if s.has(Self.wxDisallowedOnExec) { s.set(Self.wxPermitted | Self.wxDisallowedOnExec, false) }
        return s
    }

    var encoded: String { "\(flags):\(aslr):\(protmax):\(parentDeathSignal)" }

    init?(encoded: String) {
        let f = encoded.split(separator: ":")
        guard f.count == 4, let a = UInt32(f[0]), let b = Int32(f[1]), let c = Int32(f[2]), let d = Int32(f[3]) else { return nil }
        flags = a; aslr = b; protmax = c; parentDeathSignal = d
    }
}

/// procctl(2) (544): the commands that map onto this host or onto emulator state (sys/sys/procctl.h,
/// kern_procctl.c). Only the calling process can be the target; reaper operations use the host's
/// child-subreaper attribute and walk the emulator's own descendants.
extension GuestProcess {
    // Linux prctl options.
    static let PR_SET_PDEATHSIG: Int = 1, PR_SET_DUMPABLE: Int = 4, PR_SET_CHILD_SUBREAPER: Int = 36,
        PR_GET_CHILD_SUBREAPER: Int = 37, PR_SET_NO_NEW_PRIVS: Int = 38, PR_GET_NO_NEW_PRIVS: Int = 39

    /// prctl(2) (not in the Glibc module): the raw result, negative errno on failure.
    static func prctl(_ option: Int, _ arg: Int = 0) -> Int {
        host_syscall6(157, option, arg, 0, 0, 0, 0)
    }

    /// A prctl whose failure is the guest's error.
    func prctlCall(_ option: Int, _ arg: Int = 0) throws(FreeBSDErrno) {
        let r = GuestProcess.prctl(option, arg)
        if r < 0 { throw FreeBSDErrno(linux: Int32(-r)) }
    }

    static let PROC_SPROTECT: Int32 = 1, PROC_REAP_ACQUIRE: Int32 = 2, PROC_REAP_RELEASE: Int32 = 3,
        PROC_REAP_STATUS: Int32 = 4, PROC_REAP_GETPIDS: Int32 = 5, PROC_REAP_KILL: Int32 = 6,
        PROC_TRACE_CTL: Int32 = 7, PROC_TRACE_STATUS: Int32 = 8, PROC_TRAPCAP_CTL: Int32 = 9,
        PROC_TRAPCAP_STATUS: Int32 = 10, PROC_PDEATHSIG_CTL: Int32 = 11, PROC_PDEATHSIG_STATUS: Int32 = 12,
        PROC_ASLR_CTL: Int32 = 13, PROC_ASLR_STATUS: Int32 = 14, PROC_PROTMAX_CTL: Int32 = 15,
        PROC_PROTMAX_STATUS: Int32 = 16, PROC_STACKGAP_CTL: Int32 = 17, PROC_STACKGAP_STATUS: Int32 = 18,
        PROC_NO_NEW_PRIVS_CTL: Int32 = 19, PROC_NO_NEW_PRIVS_STATUS: Int32 = 20, PROC_WXMAP_CTL: Int32 = 21,
        PROC_WXMAP_STATUS: Int32 = 22

    /// How kern_procctl treats a command: may it address a process group, is a missing
    /// process EINVAL rather than ESRCH, what is copied in and out.
    struct ProcctlCommand {
        var oneProcess = true
        var missingIsEINVAL = false
        var dataMustBeNull = false
        var copyIn = 0
        var copyOut = 0
        var copyOutOnError = false
    }

    static func procctlCommand(_ com: Int32) -> ProcctlCommand? {
        switch com {
        case PROC_SPROTECT: return ProcctlCommand(oneProcess: false, copyIn: 4)
        case PROC_REAP_ACQUIRE, PROC_REAP_RELEASE: return ProcctlCommand(dataMustBeNull: true)
        case PROC_REAP_STATUS: return ProcctlCommand(copyOut: 80)
        case PROC_REAP_GETPIDS: return ProcctlCommand(copyIn: 72)
        case PROC_REAP_KILL: return ProcctlCommand(copyIn: 80, copyOut: 80, copyOutOnError: true)
        case PROC_TRACE_CTL, PROC_TRAPCAP_CTL: return ProcctlCommand(oneProcess: false, copyIn: 4)
        case PROC_PDEATHSIG_CTL: return ProcctlCommand(missingIsEINVAL: true, copyIn: 4)
        case PROC_PDEATHSIG_STATUS: return ProcctlCommand(missingIsEINVAL: true, copyOut: 4)
        case PROC_ASLR_CTL, PROC_PROTMAX_CTL, PROC_STACKGAP_CTL, PROC_NO_NEW_PRIVS_CTL, PROC_WXMAP_CTL:
            return ProcctlCommand(copyIn: 4)
        case PROC_TRACE_STATUS, PROC_TRAPCAP_STATUS, PROC_ASLR_STATUS, PROC_PROTMAX_STATUS, PROC_STACKGAP_STATUS,
             PROC_NO_NEW_PRIVS_STATUS, PROC_WXMAP_STATUS:
            return ProcctlCommand(copyOut: 4)
        default: return nil
        }
    }

    func sysProcctl(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let idtype = Int32(truncatingIfNeeded: a[0]), id = Int64(bitPattern: a[1])
        let com = Int32(truncatingIfNeeded: a[2]), data = a[3]
        guard let cmd = GuestProcess.procctlCommand(com) else { throw .EINVAL }
        var buffer = [UInt8](repeating: 0, count: 80)
        if cmd.copyIn > 0 {
            let b = try t.copyIn(data, count: cmd.copyIn)
            for (i, v) in b.enumerated() { buffer[i] = v }
        } else if cmd.dataMustBeNull && data != 0 {
            throw .EINVAL
        }
        if idtype != WaitTranslation.P_PID && cmd.oneProcess { throw .EINVAL }
        var result: FreeBSDErrno? = nil
        switch idtype {
        case WaitTranslation.P_PID:
            if id != 0 && id != Int64(getpid()) {
                let exists = id > 0 && id <= Int64(Int32.max) && (Glibc.kill(pid_t(id), 0) == 0 || errno == EPERM)
                if !exists { throw cmd.missingIsEINVAL ? .EINVAL : .ESRCH }
                // Another process: its emulator holds that state, out of reach from here.
                throw com == GuestProcess.PROC_PDEATHSIG_CTL || com == GuestProcess.PROC_PDEATHSIG_STATUS ? .EINVAL : .EPERM
            }
        case WaitTranslation.P_PGID:
            if id != Int64(getpgrp()) {
                throw id > 0 && id <= Int64(Int32.max) && !HostProcesses.members(ofGroup: Int32(id)).isEmpty ? .EPERM : .ESRCH
            }
        default:
            throw .EINVAL
        }
        do {
            try procctlSelf(t, com, &buffer)
        } catch {
            result = error
        }
        if cmd.copyOut > 0 && (result == nil || cmd.copyOutOnError) {
            do { try t.copyOut(data, Array(buffer.prefix(cmd.copyOut))) } catch { if result == nil { result = error } }
        }
        if let e = result { throw e }
        return 0
    }

    /// One command applied to this process; `data` is the copied-in (and to be copied-out) struct.
    func procctlSelf(_ t: GuestThread, _ com: Int32, _ data: inout [UInt8]) throws(FreeBSDErrno) {
        let arg = StructReader(bytes: data).get(Int32.self, at: 0)
        func reply(_ v: Int32) { var w = StructWriter(size: 4); w.put(v, at: 0); data.replaceSubrange(0..<4, with: w.bytes) }
        typealias S = ProcessControlState
        switch com {
        case GuestProcess.PROC_SPROTECT:
            guard arg & 0xf == 1 || arg & 0xf == 2, arg & ~0xf & ~0x30 == 0 else { throw .EINVAL }
            guard geteuid() == 0 else { throw .EPERM }
        case GuestProcess.PROC_REAP_ACQUIRE:
            if isSubreaper() { throw .EBUSY }
            try prctlCall(GuestProcess.PR_SET_CHILD_SUBREAPER, 1)
        case GuestProcess.PROC_REAP_RELEASE:
            guard isSubreaper() else { throw .EINVAL }
            try prctlCall(GuestProcess.PR_SET_CHILD_SUBREAPER, 0)
        case GuestProcess.PROC_REAP_STATUS:
            data = reaperStatus()
        case GuestProcess.PROC_REAP_GETPIDS:
            try reaperPids(t, data)
        case GuestProcess.PROC_REAP_KILL:
            try reaperKill(&data)
        case GuestProcess.PROC_TRACE_CTL:
            if tracerPID() != 0 { throw .EBUSY }
            switch arg {
            case 1:
                control.set(S.traceDisabled | S.traceDisabledOnExec, false)
                _ = GuestProcess.prctl(GuestProcess.PR_SET_DUMPABLE, 1)
            case 3:
                control.set(S.traceDisabled | S.traceDisabledOnExec, true)
                _ = GuestProcess.prctl(GuestProcess.PR_SET_DUMPABLE, 0)
            case 2:
                if control.has(S.traceDisabledOnExec) { control.set(S.traceDisabledOnExec, false) }
                else { control.set(S.traceDisabled, true) }
                _ = GuestProcess.prctl(GuestProcess.PR_SET_DUMPABLE, 0)
            default: throw .EINVAL
            }
        case GuestProcess.PROC_TRACE_STATUS:
            reply(control.has(S.traceDisabled) ? -1 : tracerPID())
        case GuestProcess.PROC_TRAPCAP_CTL:
            guard arg == 1 || arg == 2 else { throw .EINVAL }
            control.set(S.trapCapabilities, arg == 1)
        case GuestProcess.PROC_TRAPCAP_STATUS:
            reply(control.has(S.trapCapabilities) ? 1 : 2)
        case GuestProcess.PROC_PDEATHSIG_CTL:
            guard arg == 0 || (arg > 0 && arg <= FreeBSDSignal.maxSignal) else { throw .EINVAL }
            try prctlCall(GuestProcess.PR_SET_PDEATHSIG, Int(arg == 0 ? 0 : FreeBSDSignal.toLinux(arg)))
            control.parentDeathSignal = arg
        case GuestProcess.PROC_PDEATHSIG_STATUS:
            reply(control.parentDeathSignal)
        case GuestProcess.PROC_ASLR_CTL:
            guard arg >= 1 && arg <= 3 else { throw .EINVAL }
            control.aslr = arg
        case GuestProcess.PROC_ASLR_STATUS:
            // The emulator lays out guest memory deterministically: never active.
            reply(control.aslr)
        case GuestProcess.PROC_PROTMAX_CTL:
            guard arg >= 1 && arg <= 3 else { throw .EINVAL }
            control.protmax = arg
        case GuestProcess.PROC_PROTMAX_STATUS:
            reply(control.protmax | (control.protmax == 1 ? Int32(bitPattern: 0x8000_0000) : 0))
        case GuestProcess.PROC_STACKGAP_CTL:
            guard arg & ~0xf == 0 else { throw .EINVAL }
            switch arg & 3 {
            case 1: if control.has(S.stackGapDisabled) { throw .EINVAL }
            case 2: control.set(S.stackGapDisabled, true)
            case 0: break
            default: throw .EINVAL
            }
            switch arg & 0xc {
            case 4: control.set(S.stackGapDisabledOnExec, false)
            case 8: control.set(S.stackGapDisabledOnExec, true)
            case 0: break
            default: throw .EINVAL
            }
        case GuestProcess.PROC_STACKGAP_STATUS:
            reply((control.has(S.stackGapDisabled) ? 2 : 1) | (control.has(S.stackGapDisabledOnExec) ? 8 : 4))
        case GuestProcess.PROC_NO_NEW_PRIVS_CTL:
            guard arg == 1 else { throw .EINVAL }
            try prctlCall(GuestProcess.PR_SET_NO_NEW_PRIVS, 1)
        case GuestProcess.PROC_NO_NEW_PRIVS_STATUS:
            reply(GuestProcess.prctl(GuestProcess.PR_GET_NO_NEW_PRIVS) == 1 ? 1 : 2)
        case GuestProcess.PROC_WXMAP_CTL:
            switch arg {
            case 1: control.set(S.wxPermitted, true)
            case 2: control.set(S.wxDisallowedOnExec, true)
            default: throw .EINVAL
            }
        case GuestProcess.PROC_WXMAP_STATUS:
            reply((control.has(S.wxPermitted) ? 1 : 0) | (control.has(S.wxDisallowedOnExec) ? 2 : 0))
        default:
            throw .EINVAL
        }
    }

    func isSubreaper() -> Bool {
        var v: Int32 = 0
        let r = withUnsafeMutablePointer(to: &v) { GuestProcess.prctl(GuestProcess.PR_GET_CHILD_SUBREAPER, Int(bitPattern: $0)) }
        return r == 0 && v != 0
    }

    func tracerPID() -> Int32 {
        guard let s = HostProcesses.read("/proc/self/status") else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix("TracerPid:") {
            return Int32(line.dropFirst(10).trimmingWhitespace) ?? 0
        }
        return 0
    }

    /// The reaper whose subtree the reaper calls describe: this process when it is a subreaper,
    /// else init (Linux does not show which ancestor is a subreaper).
    func reaperSubtree() -> (reaper: Int32, owned: Bool, members: [(pid: Int32, subtree: Int32, parent: Int32)]) {
        if isSubreaper() { return (getpid(), true, HostProcesses.descendants(of: getpid())) }
        // Under init, FreeBSD lists every process init reaps; this process's own subtree is
        // what the guest can act on and what these calls report.
        return (1, false, HostProcesses.descendants(of: getpid()).map { ($0.pid, $0.subtree, $0.parent) })
    }

    func reaperStatus() -> [UInt8] {
        let (reaper, owned, members) = reaperSubtree()
        var w = StructWriter(size: 80)
        w.put(UInt32((owned ? 1 : 0) | (reaper == 1 ? 2 : 0)), at: 0)
        w.put(UInt32(members.filter { $0.parent == reaper }.count), at: 4)
        w.put(UInt32(members.count), at: 8)
        w.put(reaper, at: 12)
        // The reaper's most recent child, or -1.
        let first = members.filter { $0.parent == reaper }.map { $0.pid }.max() ?? -1
        w.put(first, at: 16)
        return w.bytes
    }

    func reaperPids(_ t: GuestThread, _ data: [UInt8]) throws(FreeBSDErrno) {
        let r = StructReader(bytes: data)
        let capacity = Int(r.get(UInt32.self, at: 0))
        let out = r.get(UInt64.self, at: 64)
        let (reaper, _, members) = reaperSubtree()
        var bytes: [UInt8] = []
        for m in members.prefix(capacity) {
            var w = StructWriter(size: 72)
            w.put(m.pid, at: 0)
            w.put(m.subtree, at: 4)
            var flags: UInt32 = 1                                   // REAPER_PIDINFO_VALID
            if m.parent == reaper { flags |= 2 }                    // REAPER_PIDINFO_CHILD
            switch HostProcesses.info(m.pid)?.state {
            case "T", "t": flags |= 8                               // REAPER_PIDINFO_STOPPED
            case "Z": flags |= 0x10                                 // REAPER_PIDINFO_ZOMBIE
            case "X": flags |= 0x20                                 // REAPER_PIDINFO_EXITING
            default: break
            }
            w.put(flags, at: 8)
            bytes += w.bytes
        }
        if !bytes.isEmpty { try t.copyOut(out, bytes) }
    }

    func reaperKill(_ data: inout [UInt8]) throws(FreeBSDErrno) {
        let r = StructReader(bytes: data)
        let sig = r.get(Int32.self, at: 0), flags = r.get(UInt32.self, at: 4), subtree = r.get(Int32.self, at: 8)
        guard sig > 0 && sig <= FreeBSDSignal.maxSignal, flags & ~3 == 0, flags != 3 else { throw .EINVAL }
        let (reaper, _, members) = reaperSubtree()
        var killed: UInt32 = 0, failed: Int32 = -1
        var error: FreeBSDErrno = .ESRCH
        for m in members {
            if flags & 1 != 0 && m.parent != reaper { continue }            // REAPER_KILL_CHILDREN
            if flags & 2 != 0 && m.subtree != subtree { continue }         // REAPER_KILL_SUBTREE
            if Glibc.kill(m.pid, FreeBSDSignal.toLinux(sig)) == 0 {
                killed += 1
            } else if failed == -1 {
                failed = m.pid
                error = .host
            }
        }
        var w = StructWriter(size: 80)
        w.bytes = data
        w.put(killed, at: 12)
        w.put(failed, at: 16)
        data = w.bytes
        if killed == 0 { throw error }
    }
}
