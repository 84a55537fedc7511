/// x87 placeholder until the x87 unit lands.
extension X86CPU {
    func executeX87(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) { throw Trap(kind: .invalidOpcode) }
    /// fxsave (cc 0), fxrstor (1), ldmxcsr (2), stmxcsr (3).
    func executeFPState(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) { throw Trap(kind: .invalidOpcode) }
}
