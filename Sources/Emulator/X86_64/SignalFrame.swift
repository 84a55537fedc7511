/// FreeBSD/amd64 signal delivery and return (sys/amd64/amd64/exec_machdep.c sendsig and
/// sys_sigreturn; sys/x86/include/ucontext.h): struct sigframe { handler; ucontext at 16;
/// siginfo at 896 }, the handler entered through the shared-page trampoline.
extension X86CPU {
    static let sigframeSize: UInt64 = 976
    static let ucontextOffset: UInt64 = 16
    static let siginfoOffset: UInt64 = 896
    static let mcontextSize = 800
    /// User segment selectors FreeBSD/amd64 gives processes (GUCODE_SEL, GUDATA_SEL with RPL 3).
    static let userCS: UInt64 = 0x43
    static let userSS: UInt64 = 0x3b

    /// The 512-byte FXSAVE image of the FP/SSE state (Intel SDM layout, 64-bit form), taken
    /// outside guest execution (the `mxcsr` property is current then).
    func fxImage() -> [UInt8] {
        var w = StructWriter(size: 512)
        w.put(x87.control, at: 0)
        w.put(x87StatusWord, at: 2)
        w.bytes[4] = x87.tagValid
        w.put(x87.lastOpcode & 0x7FF, at: 6)
        w.put(x87.lastIP, at: 8)
        w.put(x87.lastDP, at: 16)
        w.put(mxcsr, at: 24)
        w.put(X87SaveArea.mxcsrMask, at: 28)
        for i in 0..<8 {
            let (m, e) = stLoad(i)
            w.put(m, at: 32 + i * 16)
            w.put(e, at: 40 + i * 16)
        }
        for i in 0..<16 {
            w.put(xmmLow64(i), at: 160 + i * 16)
            w.put(xmmHigh64(i), at: 168 + i * 16)
        }
        return w.bytes
    }

    /// Loads an FXSAVE image (sigreturn, setcontext); reserved MXCSR bits are dropped.
    func loadFXImage(_ image: [UInt8]) {
        let r = StructReader(bytes: image)
        mxcsr = r.get(UInt32.self, at: 24) & X87SaveArea.mxcsrMask
        setX87ControlWord(r.get(UInt16.self, at: 0))
        setX87StatusWord(r.get(UInt16.self, at: 2))
        x87.tagValid = image[4]
        x87.lastOpcode = r.get(UInt16.self, at: 6) & 0x7FF
        x87.lastIP = r.get(UInt64.self, at: 8)
        x87.lastDP = r.get(UInt64.self, at: 16)
        for i in 0..<8 {
            let p = stSlot(i)
            p.storeBytes(of: r.get(UInt64.self, at: 32 + i * 16), as: UInt64.self)
            p.storeBytes(of: r.get(UInt16.self, at: 40 + i * 16), toByteOffset: 8, as: UInt16.self)
        }
        for i in 0..<16 {
            setXMM(i, low: r.get(UInt64.self, at: 160 + i * 16), high: r.get(UInt64.self, at: 168 + i * 16))
        }
        refreshX87ErrorSummary()
    }

    /// mcontext_t (800 bytes) of the current state.
    func machineContext(onStack: Bool, trapno: Int32, address: UInt64) -> [UInt8] {
        var w = StructWriter(size: X86CPU.mcontextSize)
        w.put(UInt64(onStack ? 1 : 0), at: 0)
        // mc_rdi..mc_r15 follow the trapframe order.
        let order: [GPR] = [.rdi, .rsi, .rdx, .rcx, .r8, .r9, .rax, .rbx, .rbp, .r10, .r11, .r12, .r13, .r14, .r15]
        for (i, r) in order.enumerated() { w.put(self[r], at: 8 + i * 8) }
        w.put(UInt32(bitPattern: trapno), at: 128)
        w.put(UInt16(0x13), at: 132)            // mc_fs, mc_gs: FreeBSD's user TLS selectors
        w.put(UInt16(0x1b), at: 134)
        w.put(address, at: 136)
        w.put(UInt32(1 | 2), at: 144)           // _MC_HASSEGS | _MC_HASBASES
        w.put(UInt16(X86CPU.userSS), at: 148)   // mc_es
        w.put(UInt16(X86CPU.userSS), at: 150)   // mc_ds
        w.put(rip, at: 160)
        w.put(X86CPU.userCS, at: 168)
        w.put(rflags, at: 176)
        w.put(self[.rsp], at: 184)
        w.put(X86CPU.userSS, at: 192)
        w.put(UInt64(X86CPU.mcontextSize), at: 200)   // mc_len
        w.put(UInt64(0x10002), at: 208)               // mc_fpformat = _MC_FPFMT_XMM
        w.put(UInt64(0x20001), at: 216)               // mc_ownedfp = _MC_FPOWNED_FPU
        w.put(fxImage(), at: 224)
        w.put(fsBase, at: 736)
        w.put(gsBase, at: 744)
        return w.bytes
    }

    /// Builds the signal frame on the guest stack (or the alternate stack) and enters the
    /// handler through the trampoline. Throws if the frame cannot be written (the caller then
    /// kills the process with SIGSEGV/SIGILL as FreeBSD does).
    public func enterSignalHandler(signal: Int32, info: SignalInfo, handler: UInt64, siginfo: Bool,
                                   savedMask: [UInt32], altStack: AlternateStack, useAltStack: Bool) throws(Trap) {
        let oldSP = self[.rsp]
        let onStack = altStack.contains(oldSP)
        var sp: UInt64
        if useAltStack && !onStack && altStack.flags & 4 == 0 {
            sp = altStack.base &+ altStack.size
        } else {
            sp = oldSP &- 128
        }
        sp &-= X86CPU.sigframeSize
        let frame = sp & ~15
        var uc = StructWriter(size: 880)
        for (i, wd) in savedMask.enumerated() { uc.put(wd, at: i * 4) }
        uc.put(machineContext(onStack: onStack, trapno: info.trapno, address: info.address), at: 16)
        uc.put(altStack.base, at: 824)
        uc.put(altStack.size, at: 832)
        let ssFlags: Int32 = altStack.flags & 4 != 0 ? 4 : (onStack || (useAltStack && !onStack) ? 1 : 0)
        uc.put(ssFlags, at: 840)
        var frameBytes = [UInt8](repeating: 0, count: Int(X86CPU.sigframeSize))
        withUnsafeBytes(of: handler.littleEndian) { for (i, b) in $0.enumerated() { frameBytes[i] = b } }
        for (i, b) in uc.bytes.enumerated() { frameBytes[Int(X86CPU.ucontextOffset) + i] = b }
        if siginfo {
            var si = info
            si.signo = signal
            for (i, b) in si.bytes.enumerated() { frameBytes[Int(X86CPU.siginfoOffset) + i] = b }
        }
        try mmu.space.write(frame, frameBytes)
        self[.rdi] = UInt64(signal)
        self[.rdx] = frame + X86CPU.ucontextOffset
        if siginfo {
            self[.rsi] = frame + X86CPU.siginfoOffset
        } else {
            self[.rsi] = UInt64(UInt32(bitPattern: info.code))
        }
        self[.rcx] = info.address
        self[.rsp] = frame
        rip = FreeBSDLayout.sharedPage
        eflagsOther &= ~(EFlags.tf | EFlags.df)
    }

    /// getcontext/swapcontext: the current user context as a ucontext_t, arranged so that
    /// resuming it looks like the syscall returned 0 (GET_MC_CLEAR_RET).
    public func userContext(signalMask: [UInt32], altStack: AlternateStack) -> [UInt8] {
        let savedRAX = self[.rax], savedRDX = self[.rdx], savedFlags = rflags
        self[.rax] = 0
        self[.rdx] = 0
        setArithmeticFlags(0, mask: EFlags.cf)
        var uc = StructWriter(size: 880)
        for (i, wd) in signalMask.enumerated() { uc.put(wd, at: i * 4) }
        uc.put(machineContext(onStack: altStack.contains(self[.rsp]), trapno: 0, address: 0), at: 16)
        uc.put(altStack.base, at: 824)
        uc.put(altStack.size, at: 832)
        uc.put(altStack.flags & 4 != 0 ? Int32(4) : (altStack.contains(self[.rsp]) ? 1 : 0), at: 840)
        self[.rax] = savedRAX
        self[.rdx] = savedRDX
        rflags = savedFlags
        return uc.bytes
    }

    /// sigreturn(2): restores the context a handler returns to; gives the signal mask to restore.
    /// Refuses contexts that would raise privilege (rflags bits outside the user set).
    public func returnFromSignal(context: UInt64) throws(FreeBSDErrno) -> [UInt32] {
        let bytes: [UInt8]
        do { bytes = try mmu.space.read(context, count: 880) } catch { throw .EFAULT }
        let r = StructReader(bytes: bytes)
        let mc = 16
        let flags = r.get(UInt32.self, at: mc + 144)
        guard flags & ~UInt32(0xf) == 0 else { throw .EINVAL }
        let newFlags = r.get(UInt64.self, at: mc + 176)
        // EFL_SECURE: only PSL_USERCHANGE bits (arithmetic, TF, DF, NT, AC, ID) may differ.
        let userChange = EFlags.arithmetic | EFlags.tf | EFlags.df | 0x4000 | EFlags.ac | EFlags.id
        guard (newFlags ^ rflags) & ~userChange == 0 else { throw .EINVAL }
        let order: [GPR] = [.rdi, .rsi, .rdx, .rcx, .r8, .r9, .rax, .rbx, .rbp, .r10, .r11, .r12, .r13, .r14, .r15]
        for (i, reg) in order.enumerated() { self[reg] = r.get(UInt64.self, at: mc + 8 + i * 8) }
        rip = r.get(UInt64.self, at: mc + 160)
        rflags = newFlags
        self[.rsp] = r.get(UInt64.self, at: mc + 184)
        if flags & 2 != 0 {
            fsBase = r.get(UInt64.self, at: mc + 736)
            gsBase = r.get(UInt64.self, at: mc + 744)
        }
        if r.get(UInt64.self, at: mc + 208) == 0x10002 {
            loadFXImage(Array(bytes[(mc + 224)..<(mc + 736)]))
        }
        return (0..<4).map { r.get(UInt32.self, at: $0 * 4) }
    }
}
