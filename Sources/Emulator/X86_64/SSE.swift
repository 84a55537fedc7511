/// SSE placeholder until the SSE unit lands.
extension X86CPU {
    func executeSSE(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) { throw Trap(kind: .invalidOpcode) }
}
