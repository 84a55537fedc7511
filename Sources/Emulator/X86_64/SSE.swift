/// SSE placeholder until the SSE unit lands.
extension X86CPU {
    func executeSSE(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) { throw Trap(kind: .invalidOpcode) }
    func executeX87(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) { throw Trap(kind: .invalidOpcode) }
    func executeFPState(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) { throw Trap(kind: .invalidOpcode) }
}
