/// TEMPORARY (x87 branch only): ldmxcsr/stmxcsr and the live-MXCSR accessors fxsave/fxrstor
/// use, until the SSE unit lands. The SSE branch defines the same three members in SSE.swift
/// (keeping the guest MXCSR live in the host register during `run`); at merge, delete this file.
/// Here the guest MXCSR is simply the `mxcsr` property.
extension X86CPU {
    /// The guest's MXCSR while guest code runs (stmxcsr, fxsave).
    var liveMXCSR: UInt32 { mxcsr }

    /// Loads the guest's MXCSR (ldmxcsr, fxrstor); #GP on reserved bits.
    func setLiveMXCSR(_ v: UInt32) throws(Trap) {
        guard v & ~UInt32(0xFFFF) == 0 else { throw Trap(kind: .generalProtection) }
        mxcsr = v
    }

    /// ldmxcsr m32 (`store` false) and stmxcsr m32 (`store` true).
    func executeMXCSR(_ d: UnsafeMutablePointer<Instruction>, store: Bool) throws(Trap) {
        let addr = ea(d)
        if store {
            try mmu.store(addr, liveMXCSR)
        } else {
            try setLiveMXCSR(try mmu.load(addr, as: UInt32.self))
        }
    }
}
