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
