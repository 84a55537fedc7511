/// amd64 thread creation as FreeBSD's thr_new does it (cpu_copy_thread, cpu_set_upcall,
/// cpu_set_user_tls): the new thread starts with the creator's registers and FP state, then
/// rip = entry, rdi = argument, rsp 16-aligned minus 8 over a zero return address, rbp = 0,
/// fs base = the TLS pointer.
extension X86CPU {
    public func newThreadCPU(entry: UInt64, argument: UInt64, stackBase: UInt64, stackSize: UInt64,
                             tls: UInt64) throws(Trap) -> X86CPU {
        let t = X86CPU(mmu: MMU(space: mmu.space))
        t.regs.copyMemory(from: regs, byteCount: RegFile.size)
        t.xmm.copyMemory(from: xmm, byteCount: 256)
        t.mxcsr = mxcsr
        t.x87.regs.copyMemory(from: x87.regs, byteCount: 128)
        t.x87.control = x87.control
        t.x87.status = x87.status
        t.x87.tagValid = x87.tagValid
        t.x87.top = x87.top
        t.rflags = rflags
        t.blockLogger = blockLogger
        let sp = ((stackBase &+ stackSize) & ~15) &- 8
        try mmu.store(sp, UInt64(0))
        t[.rsp] = sp
        t[.rbp] = 0
        t[.rdi] = argument
        t.rip = entry
        t.fsBase = tls
        return t
    }
}
