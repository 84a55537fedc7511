/// Branches, calls, returns, loops, and the instructions that leave the interpreter.
extension X86CPU {
    @inline(__always) func callRel(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        try push64(rip)
        rip = d.pointee.imm
    }

    @inline(__always) func callE(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let target: UInt64 = try readE(d)
        try push64(rip)
        rip = target
    }

    @inline(__always) func ret(popExtra: UInt64) throws(Trap) {
        let sp = rsp
        let target: UInt64 = try mmu.load(sp)
        rsp = sp &+ 8 &+ popExtra
        rip = target
    }

    func loopFamily(_ d: UnsafeMutablePointer<Instruction>) {
        let addr32 = d.pointee.prefix & Instruction.addr32Prefix != 0
        var count = addr32 ? UInt64(r32(8)) : r64(8)
        let taken: Bool
        if d.pointee.op == .jrcxz {
            taken = count == 0
        } else {
            count &-= 1
            if addr32 { set32(8, UInt32(truncatingIfNeeded: count)) } else { set64(8, count) }
            switch d.pointee.op {
            case .loope: taken = count != 0 && condition(4)
            case .loopne: taken = count != 0 && !condition(4)
            default: taken = count != 0
            }
        }
        if taken { rip = d.pointee.imm }
    }

    func syscallInstruction() {
        set64(8, rip)        // rcx = return address, as the hardware does
        set64(88, rflags)    // r11 = rflags
        exitRequest = .syscall
    }

    func xlat(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        var a = r64(24) &+ UInt64(r8(0))
        if d.pointee.prefix & Instruction.addr32Prefix != 0 { a &= 0xffff_ffff }
        set8(0, try mmu.load(a &+ r64(d.pointee.seg)))
    }
}
