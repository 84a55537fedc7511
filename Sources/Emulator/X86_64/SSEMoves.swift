/// SSE data movement that needs more than one line: GPR <-> XMM moves, element insert and
/// extract, duplicates, sign-bit masks and the masked byte store.
extension X86CPU {
    /// movd/movq xmm, r/m32|64: zero-extended into the whole register.
    @inline(__always) func movdToXMM(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let v: UInt64 = d.pointee.size == 8 ? try readE(d, UInt64.self) : UInt64(try readE(d, UInt32.self))
        setXMMValue(d.pointee.reg, XMMValue(v, 0))
    }

    /// movd/movq r/m32|64, xmm (a 32-bit register destination is zero-extended).
    @inline(__always) func movdFromXMM(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        if d.pointee.size == 8 {
            try writeE(d, xmmLane64(d.pointee.reg, 0))
        } else {
            try writeE(d, xmmLane32(d.pointee.reg, 0))
        }
    }

    /// movsldup (even elements) / movshdup (odd elements), each duplicated.
    @inline(__always) func movDuplicate32(_ d: UnsafeMutablePointer<Instruction>, odd: Bool) throws(Trap) {
        let s = unsafeBitCast(try source128(d, aligned: true), to: U32x4.self)
        let r = odd ? U32x4(s[1], s[1], s[3], s[3]) : U32x4(s[0], s[0], s[2], s[2])
        setXMMVector(d.pointee.reg, r)
    }

    /// maskmovdqu: bytes of xmm `reg` whose mask byte in xmm `rm` has its top bit set go to
    /// [rdi] (edi with a 67 prefix) in the segment `seg`. The first and last selected bytes are
    /// checked before anything is written.
    func maskmovdqu(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        var base = r64(UInt8(GPR.rdi.rawValue * 8))
        if d.pointee.prefix & Instruction.addr32Prefix != 0 { base &= 0xffff_ffff }
        base = base &+ r64(d.pointee.seg)
        let data = xmmVector(d.pointee.reg, U8x16.self)
        let mask = xmmVector(d.pointee.rm, U8x16.self)
        var selected: UInt32 = 0
        for i in 0..<16 where mask[i] & 0x80 != 0 { selected |= 1 << UInt32(i) }
        if selected == 0 { return }
        let first = UInt64(selected.trailingZeroBitCount)
        let last = UInt64(31 - selected.leadingZeroBitCount)
        _ = try mmu.hostPointer(base &+ first, size: 1, access: .write)
        _ = try mmu.hostPointer(base &+ last, size: 1, access: .write)
        for i in 0..<16 where selected & (1 << UInt32(i)) != 0 {
            try mmu.store(base &+ UInt64(i), data[i])
        }
    }

    /// movmskps GPR, xmm: the four sign bits.
    @inline(__always) func movmskps(_ d: UnsafeMutablePointer<Instruction>) {
        let v = xmmVector(d.pointee.rm, U32x4.self) &>> 31
        set64(d.pointee.reg, UInt64(v[0] | v[1] << 1 | v[2] << 2 | v[3] << 3))
    }

    /// movmskpd GPR, xmm: the two sign bits.
    @inline(__always) func movmskpd(_ d: UnsafeMutablePointer<Instruction>) {
        let v = xmmValue(d.pointee.rm) &>> 63
        set64(d.pointee.reg, v[0] | v[1] << 1)
    }

    /// pextrb/w/d/q and extractps: element imm of xmm `reg` to a GPR (zero-extended) or memory.
    func pextr(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let size = Int(d.pointee.size)
        let index = Int(d.pointee.sseImmediate) & (16 / size - 1)
        let at = Int(d.pointee.reg) &* 16 &+ index &* size
        let v: UInt64
        switch size {
        case 1: v = UInt64(xmm.load(fromByteOffset: at, as: UInt8.self))
        case 2: v = UInt64(xmm.load(fromByteOffset: at, as: UInt16.self))
        case 4: v = UInt64(xmm.load(fromByteOffset: at, as: UInt32.self))
        default: v = xmm.load(fromByteOffset: at, as: UInt64.self)
        }
        if d.pointee.rm != RegFile.memory {
            set64(d.pointee.rm, v)
            return
        }
        let a = ea(d)
        switch size {
        case 1: try mmu.store(a, UInt8(truncatingIfNeeded: v))
        case 2: try mmu.store(a, UInt16(truncatingIfNeeded: v))
        case 4: try mmu.store(a, UInt32(truncatingIfNeeded: v))
        default: try mmu.store(a, v)
        }
    }

    /// pinsrb/w/d/q: element imm of xmm `reg` from the low bits of a GPR or from memory.
    func pinsr(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let size = Int(d.pointee.size)
        let index = Int(d.pointee.sseImmediate) & (16 / size - 1)
        let at = Int(d.pointee.reg) &* 16 &+ index &* size
        switch size {
        case 1: xmm.storeBytes(of: try readE(d, UInt8.self), toByteOffset: at, as: UInt8.self)
        case 2: xmm.storeBytes(of: try readE(d, UInt16.self), toByteOffset: at, as: UInt16.self)
        case 4: xmm.storeBytes(of: try readE(d, UInt32.self), toByteOffset: at, as: UInt32.self)
        default: xmm.storeBytes(of: try readE(d, UInt64.self), toByteOffset: at, as: UInt64.self)
        }
    }

    /// insertps xmm, xmm/m32, imm: source element imm[7:6] (register form) into element
    /// imm[5:4], then the elements in imm[3:0] zeroed.
    func insertps(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let imm = Int(d.pointee.sseImmediate)
        let value: UInt32
        if d.pointee.rm != RegFile.memory {
            value = xmmLane32(d.pointee.rm, imm >> 6)
        } else {
            value = try mmu.load(ea(d))
        }
        var r = xmmVector(d.pointee.reg, U32x4.self)
        r[(imm >> 4) & 3] = value
        for i in 0..<4 where imm & (1 << i) != 0 { r[i] = 0 }
        setXMMVector(d.pointee.reg, r)
    }
}
