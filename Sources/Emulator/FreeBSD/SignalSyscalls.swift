import Glibc

/// sigaction, sigprocmask, sigpending, sigaltstack: dispositions and masks as FreeBSD keeps them.
extension GuestProcess {
    func readSignalSet(_ t: GuestThread, _ p: UInt64) throws(FreeBSDErrno) -> SignalSet {
        let r = StructReader(bytes: try t.copyIn(p, count: 16))
        return SignalSet(words: (0..<4).map { r.get(UInt32.self, at: $0 * 4) })
    }

    func signalSetBytes(_ s: SignalSet) -> [UInt8] {
        var w = StructWriter(size: 16)
        for (i, v) in s.words.enumerated() { w.put(v, at: i * 4) }
        return w.bytes
    }

    func sysSigaction(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let sig = Int32(truncatingIfNeeded: a[0])
        guard sig >= 1 && sig <= FreeBSDSignal.maxSignal else { throw .EINVAL }
        var newAction: SignalAction? = nil
        if a[1] != 0 {
            let r = StructReader(bytes: try t.copyIn(a[1], count: 32))
            var act = SignalAction()
            act.handler = r.get(UInt64.self, at: 0)
            act.flags = r.get(Int32.self, at: 8)
            act.mask = SignalSet(words: (0..<4).map { r.get(UInt32.self, at: 12 + $0 * 4) })
            act.mask.dropUnblockable()
            if (sig == FreeBSDSignal.SIGKILL || sig == FreeBSDSignal.SIGSTOP) && act.handler != 0 { throw .EINVAL }
            newAction = act
        }
        let old = lock.withLock { () -> SignalAction in
            let o = signalActions[Int(sig)]
            if let n = newAction { signalActions[Int(sig)] = n }
            return o
        }
        if let n = newAction {
            // Setting a signal to be ignored discards it where it is pending (POSIX, kern_sig.c).
            if n.isIgnored || (n.isDefault && FreeBSDSignal.defaultAction(sig) == .ignore) {
                for th in lock.withLock({ threads }) {
                    th.signalLock.withLock { th.pending.remove(sig); th.pendingInfo[sig] = nil }
                }
                lock.withLock { processPending.remove(sig); processPendingInfo[sig] = nil }
            }
            mirrorDisposition(sig, n)
        }
        if a[2] != 0 {
            var w = StructWriter(size: 32)
            w.put(old.handler, at: 0)
            w.put(old.flags, at: 8)
            w.put(signalSetBytes(old.mask), at: 12)
            try t.copyOut(a[2], w.bytes)
        }
        return 0
    }

    func sysSigprocmask(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let how = Int32(truncatingIfNeeded: a[0])
        let old = t.signalLock.withLock { t.signalMask }
        if a[1] != 0 {
            let s = try readSignalSet(t, a[1])
            var m = old
            switch how {
            case 1: m.formUnion(s)
            case 2: m.subtract(s)
            case 3: m = s
            default: throw .EINVAL
            }
            t.setSignalMask(m)
        }
        if a[2] != 0 { try t.copyOut(a[2], signalSetBytes(old)) }
        return 0
    }

    func sysSigpending(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        var p = t.signalLock.withLock { t.pending }
        p.formUnion(pendingForProcess())
        try t.copyOut(a[0], signalSetBytes(p))
        return 0
    }

    /// sigsuspend: waits with a temporary mask until a handler has run; always EINTR.
    func sysSigsuspend(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let temporary = try readSignalSet(t, a[0])
        let old = t.signalLock.withLock { t.signalMask }
        t.setSignalMask(temporary)
        while true {
            if let sig = t.nextDeliverable() {
                let act = action(sig)
                if !act.isDefault && !act.isIgnored {
                    t.maskToRestore = old
                    break
                }
                t.deliverPendingSignals()   // default or ignored: consume (and maybe die)
                continue
            }
            _ = t.waitForSignal(until: nil)
        }
        // The handler runs once the call has failed with EINTR (the thread loop delivers it);
        // its frame restores `old`.
        throw .EINTR
    }

    /// sigwait / sigwaitinfo / sigtimedwait: take a pending signal from `set` without running
    /// its handler. nil deadline waits forever.
    func waitSignal(_ t: GuestThread, set: SignalSet, deadline: Deadline?) throws(FreeBSDErrno) -> (Int32, SignalInfo) {
        var wanted = set
        wanted.dropUnblockable()
        while true {
            if let got = t.takeSignal(in: wanted) { return got }
            // A signal outside the set that would run a handler interrupts the wait.
            if let e = t.interruption(restartable: deadline == nil) { throw e }
            if !t.waitForSignal(until: deadline) { throw .EAGAIN }
        }
    }

    func sysSigwait(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        // sigwait reports failure as its return value, not through errno.
        do {
            let set = try readSignalSet(t, a[0])
            let (sig, _) = try waitSignal(t, set: set, deadline: nil)
            try t.store(a[1], sig)
            return 0
        } catch {
            if error == .ERESTART { throw error }
            return UInt64(error.rawValue)
        }
    }

    func sysSigtimedwait(_ t: GuestThread, _ a: SyscallArgs, timed: Bool) throws(FreeBSDErrno) -> UInt64 {
        let set = try readSignalSet(t, a[0])
        var deadline: Deadline? = nil
        if timed && a[2] != 0 { deadline = Deadline(relative: try readTimespec(t, a[2])) }
        let (sig, info) = try waitSignal(t, set: set, deadline: deadline)
        if a[1] != 0 { try t.copyOut(a[1], info.bytes) }
        return UInt64(sig)
    }

    /// sigqueue(pid, signo, value): kill with SI_QUEUE and a value.
    func sysSigqueue(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let pid = Int32(truncatingIfNeeded: a[0]), sig = Int32(truncatingIfNeeded: a[1])
        guard sig >= 0 && sig <= FreeBSDSignal.maxSignal else { throw .EINVAL }
        guard pid == getpid() else {
            return try hostCall { Glibc.kill(pid, sig == 0 ? 0 : FreeBSDSignal.toLinux(sig)) }
        }
        if sig == 0 { return 0 }
        var info = SignalInfo(signo: sig, code: SignalCode.queue)
        info.pid = getpid()
        info.uid = getuid()
        info.value = a[2]
        postToProcess(sig, info: info, preferring: t)
        return 0
    }

    func sysGetcontext(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let mask = t.signalLock.withLock { t.signalMask }
        try t.copyOut(a[0], t.cpu.userContext(signalMask: mask.words, altStack: t.alternateStack))
        return 0
    }

    /// setcontext: like sigreturn, but the context must say it is a whole mcontext (mc_len).
    func sysSetcontext(_ t: GuestThread, _ ucp: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let len: UInt64 = try t.load(ucp + 16 + 200)
        guard len == 800 else { throw .EINVAL }
        t.setSignalMask(SignalSet(words: try t.cpu.returnFromSignal(context: ucp)))
        throw .EJUSTRETURN
    }

    func sysSwapcontext(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        guard a[0] != 0, a[1] != 0 else { throw .EINVAL }
        _ = try sysGetcontext(t, a)
        return try sysSetcontext(t, a[1])
    }

    func sysSigreturn(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        t.setSignalMask(SignalSet(words: try t.cpu.returnFromSignal(context: a[0])))
        throw .EJUSTRETURN
    }

    /// sigaltstack: remembered for signal delivery; reports SS_DISABLE until one is set.
    func sysSigaltstack(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let old = t.alternateStack
        let onStack = old.contains(t.cpu.stackPointer)
        if a[0] != 0 {
            let r = StructReader(bytes: try t.copyIn(a[0], count: 24))
            let sp = r.get(UInt64.self, at: 0), size = r.get(UInt64.self, at: 8), flags = r.get(Int32.self, at: 16)
            guard flags & ~4 == 0 else { throw .EINVAL }
            if onStack { throw .EPERM }
            if flags & 4 == 0 && size < 2048 { throw .ENOMEM }
            t.alternateStack = AlternateStack(base: sp, size: size, flags: flags)
        }
        if a[1] != 0 {
            var w = StructWriter(size: 24)
            w.put(old.base, at: 0)
            w.put(old.size, at: 8)
            w.put(old.flags & 4 != 0 ? Int32(4) : (onStack ? 1 : 0), at: 16)
            try t.copyOut(a[1], w.bytes)
        }
        return 0
    }
}
