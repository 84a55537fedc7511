import CHost
import Glibc

/// rfork(2) flags (sys/sys/unistd.h).
enum RforkFlags {
    static let RFNAMEG: UInt32 = 1 << 0, RFENVG: UInt32 = 1 << 1, RFFDG: UInt32 = 1 << 2, RFNOTEG: UInt32 = 1 << 3,
        RFPROC: UInt32 = 1 << 4, RFMEM: UInt32 = 1 << 5, RFNOWAIT: UInt32 = 1 << 6, RFCNAMEG: UInt32 = 1 << 10,
        RFCENVG: UInt32 = 1 << 11, RFCFDG: UInt32 = 1 << 12, RFTHREAD: UInt32 = 1 << 13, RFSIGSHARE: UInt32 = 1 << 14,
        RFLINUXTHPN: UInt32 = 1 << 16, RFSTOPPED: UInt32 = 1 << 17, RFHIGHPID: UInt32 = 1 << 18,
        RFTSIGZMB: UInt32 = 1 << 19, RFTSIGMASK: UInt32 = 0xff << 20, RFPROCDESC: UInt32 = 1 << 28,
        /// RFPPWAIT in the kernel; from user space (FreeBSD 13+) RFSPAWN, alone: vfork-like, caught
        /// signals reset to default in the child (posix_spawn uses it).
        RFSPAWN: UInt32 = 1 << 31
    static let kernelOnly = RFSTOPPED | RFHIGHPID | RFPROCDESC
    /// RFFLAGS plus the signal-number field: anything else is EINVAL.
    static let defined = RFFDG | RFPROC | RFMEM | RFNOWAIT | RFCFDG | RFTHREAD | RFSIGSHARE | RFLINUXTHPN |
        RFSTOPPED | RFHIGHPID | RFTSIGZMB | RFTSIGMASK | RFPROCDESC | RFSPAWN
}

/// How a new process starts, beyond a plain copy of the parent.
struct ForkRequest {
    /// The parent sleeps until the child execs or exits (vfork, RFSPAWN).
    var parentWaits = false
    /// Caught signals go back to their default action in the child (RFSPAWN).
    var dropCaughtSignals = false
    /// The child starts with no descriptors (RFCFDG).
    var closeAllDescriptors = false
    /// The child is handed to init at once (RFNOWAIT): the parent cannot wait for it.
    var detached = false
}

/// fork, vfork, rfork: one host process per guest process. The host fork copies the address
/// space (the guest's memory lives in it) and keeps only the calling thread, as FreeBSD does;
/// the child's GuestProcess forgets the other threads and restarts its helpers lazily.
///
/// vfork and RFSPAWN are forks with copied memory (the guest cannot share the emulator's
/// address space safely); the parent still waits until the child execs or exits, so output
/// ordering and the guarantee "the child runs first" hold. A vfork child that writes to the
/// parent's memory (for instance posix_spawn reporting a failed exec through RFSPAWN) is not
/// seen by the parent: posix_spawn then reports success and the child exits with 127.
extension GuestProcess {
    func sysFork(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        try forkProcess(t, ForkRequest())
    }

    func sysVfork(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        try forkProcess(t, ForkRequest(parentWaits: true))
    }

    func sysRfork(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let flags = UInt32(truncatingIfNeeded: a[0])
        typealias F = RforkFlags
        if flags & F.kernelOnly != 0 { throw .EINVAL }
        if flags & F.RFSPAWN != 0 {
            guard flags == F.RFSPAWN else { throw .EINVAL }
            return try forkProcess(t, ForkRequest(parentWaits: true, dropCaughtSignals: true))
        }
        if flags & ~F.defined != 0 { throw .EINVAL }
        if flags & F.RFTSIGMASK != 0 && flags & F.RFTSIGZMB == 0 { throw .EINVAL }
        if flags & (F.RFFDG | F.RFCFDG) == F.RFFDG | F.RFCFDG { throw .EINVAL }
        if flags & F.RFPROC == 0 {
            // Changes to the calling process itself. A descriptor table is never shared with
            // another process here, so RFFDG has nothing to unshare; RFCFDG closes everything.
            if flags & F.RFCFDG != 0 { closeGuestDescriptors() }
            return 0
        }
        // A child sharing memory, signal handlers or the descriptor table with its parent, or
        // announcing its exit with another signal, cannot be made from a host fork.
        if flags & (F.RFMEM | F.RFSIGSHARE | F.RFTHREAD | F.RFLINUXTHPN | F.RFTSIGZMB) != 0 { throw .EINVAL }
        if flags & (F.RFFDG | F.RFCFDG) == 0 { throw .EINVAL }
        return try forkProcess(t, ForkRequest(closeAllDescriptors: flags & F.RFCFDG != 0, detached: flags & F.RFNOWAIT != 0))
    }

    /// The host fork and both sides' bookkeeping. Returns the child's pid in the parent
    /// (rdx 0) and 0 in the child (rdx 1).
    func forkProcess(_ t: GuestThread, _ request: ForkRequest) throws(FreeBSDErrno) -> UInt64 {
        var waitPipe: [Int32] = [-1, -1]
        if request.parentWaits || request.detached {
            guard host_pipe2(&waitPipe, O_CLOEXEC) == 0 else { throw .host }
            for i in 0..<2 {
                // Out of the guest's way, like the emulator's other descriptors.
                let high = fcntl(waitPipe[i], F_DUPFD_CLOEXEC, 1000)
                if high >= 0 { close(waitPipe[i]); waitPipe[i] = high }
            }
        }
        log.flush()
        // No other thread may be half-way through the process or address-space tables while
        // the child's copy of them is taken.
        lock.lock()
        space.lock.lock()
        let pid = fork()
        let forkErrno = errno
        if pid != 0 {
            space.lock.unlock()
            lock.unlock()
        }
        if pid < 0 {
            for f in waitPipe where f >= 0 { close(f) }
            throw forkErrno == ENOMEM ? .ENOMEM : .EAGAIN
        }
        if pid == 0 {
            becomeForkChild(t)
            if request.detached {
                // The intermediate process: start the real child, report its pid, vanish, so
                // that the child is reparented to init (or the nearest subreaper).
                let grandchild = fork()
                if grandchild != 0 {
                    var v = grandchild
                    _ = withUnsafeBytes(of: &v) { write(waitPipe[1], $0.baseAddress, 4) }
                    Glibc._exit(0)
                }
                becomeForkChild(t)
                close(waitPipe[0])
                close(waitPipe[1])
            } else if request.parentWaits {
                close(waitPipe[0])
                // Kept open (close-on-exec) until this process execs or exits.
                vforkNotifier = waitPipe[1]
                privateDescriptors.insert(waitPipe[1])
            }
            if request.closeAllDescriptors { closeGuestDescriptors() }
            if request.dropCaughtSignals {
                for s in Int32(1)...FreeBSDSignal.maxSignal {
                    let a = action(s)
                    if !a.isDefault && !a.isIgnored {
                        setAction(s, SignalAction())
                        mirrorDisposition(s, SignalAction())
                    }
                }
            }
            t.secondResult = 1
            return 0
        }
        var childPID = pid
        if request.detached {
            close(waitPipe[1])
            var v: Int32 = 0
            let n = withUnsafeMutableBytes(of: &v) { p -> Int in
                while true {
                    let r = read(waitPipe[0], p.baseAddress, 4)
                    if r < 0 && errno == EINTR { continue }
                    return r
                }
            }
            close(waitPipe[0])
            var st: Int32 = 0
            while waitpid(pid, &st, 0) < 0 && errno == EINTR {}
            guard n == 4 else { throw .EAGAIN }
            childPID = v
        } else if request.parentWaits {
            close(waitPipe[1])
            // EOF once the child has exec'd (close-on-exec) or exited.
            var b: UInt8 = 0
            while true {
                let r = read(waitPipe[0], &b, 1)
                if r < 0 && errno == EINTR { continue }
                break
            }
            close(waitPipe[0])
        }
        t.secondResult = 0
        return UInt64(childPID)
    }

    /// The child side of a host fork: only the calling thread exists; locks another thread may
    /// have held are reset; helper threads and signal forwarding start afresh.
    func becomeForkChild(_ t: GuestThread) {
        lock.reinitializeAfterFork()
        space.lock.reinitializeAfterFork()
        splitLock.reinitializeAfterFork()
        log.reinitializeAfterFork()
        t.signalLock.reinitializeAfterFork()
        threads = [t]
        t.hostTID = HostThread.currentTID()
        host_atomic_store32(t.blocking, 0)
        host_set_forward_target(t.cpu.attention, t.hostTID)
        watchdogRunning = false
        // A new process has no pending signals (FreeBSD clears them at fork) and no waiters.
        processPending = SignalSet()
        processPendingInfo = [:]
        t.pending = SignalSet()
        t.pendingInfo = [:]
        _ = host_take_forwarded()
        for c in conditions.values { c.waiters = 0 }
        descriptorsAfterFork()
        // The parent-death signal is not inherited (FreeBSD and Linux alike).
        control.parentDeathSignal = 0
        // A vfork child's own children must not hold its parent's wait open.
        if let n = vforkNotifier {
            close(n)
            privateDescriptors.remove(n)
            vforkNotifier = nil
        }
    }

    /// Closes every descriptor the guest can see (RFCFDG).
    func closeGuestDescriptors() {
        var low: UInt32 = 0
        for p in privateDescriptors.sorted() where p >= 0 {
            if UInt32(p) > low { _ = host_syscall6(436 /* close_range */, Int(low), Int(p) - 1, 0, 0, 0, 0) }
            low = UInt32(p) + 1
        }
        _ = host_syscall6(436, Int(low), Int(UInt32.max), 0, 0, 0, 0)
    }
}
