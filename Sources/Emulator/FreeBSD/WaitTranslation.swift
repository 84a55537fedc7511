/// The numbers of wait4/wait6 and their translation between FreeBSD and Linux (sys/sys/wait.h,
/// kern_exit.c kern_wait6): options, id types, and the status word, whose signal numbers must be
/// FreeBSD's. Pure functions, unit-tested.
public enum WaitTranslation {
    // FreeBSD wait options.
    public static let WNOHANG: Int32 = 1, WUNTRACED: Int32 = 2, WCONTINUED: Int32 = 4, WNOWAIT: Int32 = 8,
        WEXITED: Int32 = 16, WTRAPPED: Int32 = 32, WLINUXCLONE: Int32 = 0x80
    // Linux waitid options.
    public static let linuxWNOHANG: Int32 = 1, linuxWSTOPPED: Int32 = 2, linuxWEXITED: Int32 = 4,
        linuxWCONTINUED: Int32 = 8, linuxWNOWAIT: Int32 = 0x0100_0000, linuxWCLONE: Int32 = Int32(bitPattern: 0x8000_0000)

    // FreeBSD idtype_t (sys/sys/types.h P_* enum).
    public static let P_PID: Int32 = 0, P_PPID: Int32 = 1, P_PGID: Int32 = 2, P_SID: Int32 = 3, P_CID: Int32 = 4,
        P_UID: Int32 = 5, P_GID: Int32 = 6, P_ALL: Int32 = 7, P_LWPID: Int32 = 8, P_JAILID: Int32 = 12
    // Linux idtype for waitid.
    public static let linuxP_ALL: Int32 = 0, linuxP_PID: Int32 = 1, linuxP_PGID: Int32 = 2

    // si_code for SIGCHLD (same numbers on both systems).
    public static let CLD_EXITED: Int32 = 1, CLD_KILLED: Int32 = 2, CLD_DUMPED: Int32 = 3, CLD_TRAPPED: Int32 = 4,
        CLD_STOPPED: Int32 = 5, CLD_CONTINUED: Int32 = 6

    /// FreeBSD wait options as Linux waitid options, or nil when FreeBSD refuses them (EINVAL):
    /// unknown bits, or no event to wait for. WTRAPPED has no Linux equivalent (ptrace stops
    /// reach only a tracer) and is dropped; `onlyTrapped` tells the caller nothing else remains.
    public static func optionsToLinux(_ o: Int32) -> (options: Int32, onlyTrapped: Bool)? {
        let known = WNOHANG | WUNTRACED | WCONTINUED | WNOWAIT | WEXITED | WTRAPPED | WLINUXCLONE
        guard o & ~known == 0 else { return nil }
        guard o & (WEXITED | WUNTRACED | WCONTINUED | WTRAPPED) != 0 else { return nil }
        var l: Int32 = 0
        if o & WNOHANG != 0 { l |= linuxWNOHANG }
        if o & WUNTRACED != 0 { l |= linuxWSTOPPED }
        if o & WCONTINUED != 0 { l |= linuxWCONTINUED }
        if o & WNOWAIT != 0 { l |= linuxWNOWAIT }
        if o & WEXITED != 0 { l |= linuxWEXITED }
        if o & WLINUXCLONE != 0 { l |= linuxWCLONE }
        let events = linuxWEXITED | linuxWSTOPPED | linuxWCONTINUED
        return (l, l & events == 0)
    }

    /// The FreeBSD status word for a child state change, built from the Linux waitid result
    /// (si_code and si_status; si_status holds a Linux signal number except for CLD_EXITED).
    /// Exited: code << 8; killed: signal (| 0x80 for a core); stopped or trapped: signal << 8 | 0x7f;
    /// continued: SIGCONT (0x13) where Linux says 0xffff.
    public static func statusWord(code: Int32, linuxStatus: Int32) -> Int32 {
        switch code {
        case CLD_EXITED: return (linuxStatus & 0xff) << 8
        case CLD_KILLED: return signalFromLinux(linuxStatus)
        case CLD_DUMPED: return signalFromLinux(linuxStatus) | 0x80
        case CLD_STOPPED, CLD_TRAPPED: return signalFromLinux(linuxStatus) << 8 | 0x7f
        case CLD_CONTINUED: return FreeBSDSignal.SIGCONT
        default: return 0
        }
    }

    /// A Linux wait status word (as wait4 gives it) in FreeBSD terms.
    public static func statusWord(linux s: Int32) -> Int32 {
        if s == 0xffff { return FreeBSDSignal.SIGCONT }
        if s & 0x7f == 0 { return s & 0xff00 }
        if s & 0xff == 0x7f { return signalFromLinux((s >> 8) & 0xff) << 8 | 0x7f }
        return signalFromLinux(s & 0x7f) | (s & 0x80)
    }

    /// si_status as FreeBSD reports it: the exit code, or the FreeBSD signal number.
    public static func siginfoStatus(code: Int32, linuxStatus: Int32) -> Int32 {
        switch code {
        case CLD_EXITED: return linuxStatus
        case CLD_CONTINUED: return FreeBSDSignal.SIGCONT
        default: return signalFromLinux(linuxStatus)
        }
    }

    /// Host signal numbers seen in child statuses: the inverse of FreeBSDSignal.toLinux (the
    /// emulator dies by the Linux counterpart of the guest's fatal signal).
    public static func signalFromLinux(_ s: Int32) -> Int32 {
        if s == 0 { return 0 }
        return FreeBSDSignal.fromLinux(s) ?? s
    }
}
