/// Operand access shared by the instruction handlers: effective addresses, E (ModRM r/m)
/// operands in registers or memory, the stack.
extension X86CPU {
    @inline(__always) func ea(_ d: UnsafeMutablePointer<Instruction>) -> UInt64 {
        var a = d.pointee.disp &+ r64(d.pointee.base) &+ (r64(d.pointee.index) << UInt64(d.pointee.scale))
        if d.pointee.prefix & Instruction.addr32Prefix != 0 { a &= 0xffff_ffff }
        return a &+ r64(d.pointee.seg)
    }

    @inline(__always) func readE<T: FixedWidthInteger>(_ d: UnsafeMutablePointer<Instruction>, _: T.Type = T.self) throws(Trap) -> T {
        if d.pointee.rm != RegFile.memory { return reg(d.pointee.rm) }
        return try mmu.load(ea(d))
    }

    @inline(__always) func writeE<T: FixedWidthInteger>(_ d: UnsafeMutablePointer<Instruction>, _ v: T) throws(Trap) {
        if d.pointee.rm != RegFile.memory { setReg(d.pointee.rm, v); return }
        try mmu.store(ea(d), v)
    }

    @inline(__always) var rsp: UInt64 {
        get { r64(32) }
        set { set64(32, newValue) }
    }

    @inline(__always) func push64(_ v: UInt64) throws(Trap) {
        let sp = rsp &- 8
        try mmu.store(sp, v)
        rsp = sp
    }

    @inline(__always) func pop64() throws(Trap) -> UInt64 {
        let sp = rsp
        let v: UInt64 = try mmu.load(sp)
        rsp = sp &+ 8
        return v
    }

    @inline(__always) func push16(_ v: UInt16) throws(Trap) {
        let sp = rsp &- 2
        try mmu.store(sp, v)
        rsp = sp
    }

    @inline(__always) func pop16() throws(Trap) -> UInt16 {
        let sp = rsp
        let v: UInt16 = try mmu.load(sp)
        rsp = sp &+ 2
        return v
    }
}

/// Unsigned integer widths the handlers are generic over.
protocol GuestInt: FixedWidthInteger, UnsignedInteger {
    associatedtype Signed: FixedWidthInteger & SignedInteger
}
extension UInt8: GuestInt { typealias Signed = Int8 }
extension UInt16: GuestInt { typealias Signed = Int16 }
extension UInt32: GuestInt { typealias Signed = Int32 }
extension UInt64: GuestInt { typealias Signed = Int64 }

extension GuestInt {
    @inline(__always) var u64: UInt64 { UInt64(truncatingIfNeeded: self) }
    @inline(__always) var signed: Signed { Signed(truncatingIfNeeded: self) }
    @inline(__always) static var byteSize: Int { MemoryLayout<Self>.size }
    @inline(__always) var msb: Bool { self >> (Self.bitWidth - 1) != 0 }
}
