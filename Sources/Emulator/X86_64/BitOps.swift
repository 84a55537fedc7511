/// bt/bts/btr/btc, bsf/bsr, tzcnt/lzcnt/popcnt, bswap, movbe.
extension X86CPU {
    func btE<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _: T.Type) throws(Trap) {
        let bits = T.bitWidth
        let kind = d.pointee.cc
        let setCF: (Bool) -> Void = { cf in self.setArithmeticFlags(cf ? EFlags.cf : 0, mask: EFlags.cf) }
        if d.pointee.rm != RegFile.memory {
            let index = (d.pointee.extra == 1 ? d.pointee.imm : reg(d.pointee.reg, UInt64.self)) & UInt64(bits - 1)
            let v: T = reg(d.pointee.rm)
            let m = T(1) << T(index)
            setCF(v & m != 0)
            switch kind {
            case 1: setReg(d.pointee.rm, v | m)
            case 2: setReg(d.pointee.rm, v & ~m)
            case 3: setReg(d.pointee.rm, v ^ m)
            default: break
            }
            return
        }
        var addr = ea(d)
        var index: UInt64
        if d.pointee.extra == 1 {
            index = d.pointee.imm & UInt64(bits - 1)
        } else {
            let off = Int64(truncatingIfNeeded: reg(d.pointee.reg, T.self).signed)
            addr = addr &+ UInt64(bitPattern: (off >> Int64(bits.trailingZeroBitCount)) &* Int64(T.byteSize))
            index = UInt64(bitPattern: off) & UInt64(bits - 1)
        }
        let m = T(1) << T(index)
        if kind == 0 {
            let v: T = try mmu.load(addr)
            setCF(v & m != 0)
            return
        }
        var old: T = 0
        let body: (T) -> T = { v in
            old = v
            switch kind {
            case 1: return v | m
            case 2: return v & ~m
            default: return v ^ m
            }
        }
        if d.pointee.prefix & Instruction.lockPrefix != 0, let p = try mmu.hostPointer(addr, size: T.byteSize, access: .write) {
            var cur: T = p.loadUnaligned(as: T.self)
            while !atomicCAS(p, &cur, body(cur)) {}
            old = cur
        } else {
            let v: T = try mmu.load(addr)
            try mmu.store(addr, body(v))
        }
        setCF(old & m != 0)
    }

    func btE(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        switch d.pointee.size {
        case 8: try btE(d, UInt64.self)
        case 4: try btE(d, UInt32.self)
        default: try btE(d, UInt16.self)
        }
    }

    func bitScan<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _ op: Op, _: T.Type) throws(Trap) {
        let v: T = try readE(d)
        switch op {
        case .bsf, .bsr:
            if v == 0 {
                setArithmeticFlags(EFlags.zf, mask: EFlags.zf)
                return   // destination unchanged (not even zero-extended), as the hardware does
            }
            let r = op == .bsf ? v.trailingZeroBitCount : T.bitWidth - 1 - v.leadingZeroBitCount
            setReg(d.pointee.reg, T(r))
            setArithmeticFlags(0, mask: EFlags.zf)
        case .tzcnt, .lzcnt:
            let r = op == .tzcnt ? v.trailingZeroBitCount : v.leadingZeroBitCount
            setReg(d.pointee.reg, T(r))
            setArithmeticFlags((v == 0 ? EFlags.cf : 0) | (r == 0 ? EFlags.zf : 0), mask: EFlags.cf | EFlags.zf)
        default: // popcnt
            setReg(d.pointee.reg, T(v.nonzeroBitCount))
            flagsValue = v == 0 ? EFlags.zf : 0
            flagOp = .none
        }
    }

    func bitScan(_ d: UnsafeMutablePointer<Instruction>, _ op: Op) throws(Trap) {
        switch d.pointee.size {
        case 8: try bitScan(d, op, UInt64.self)
        case 4: try bitScan(d, op, UInt32.self)
        default: try bitScan(d, op, UInt16.self)
        }
    }

    func bswap(_ d: UnsafeMutablePointer<Instruction>) {
        switch d.pointee.size {
        case 8: set64(d.pointee.rm, r64(d.pointee.rm).byteSwapped)
        case 4: set32(d.pointee.rm, r32(d.pointee.rm).byteSwapped)
        default: set16(d.pointee.rm, 0)   // 16-bit bswap is undefined; hardware yields zero
        }
    }

    func movbe(_ d: UnsafeMutablePointer<Instruction>, load: Bool) throws(Trap) {
        let a = ea(d)
        switch d.pointee.size {
        case 8:
            if load { set64(d.pointee.reg, (try mmu.load(a, as: UInt64.self)).byteSwapped) }
            else { try mmu.store(a, r64(d.pointee.reg).byteSwapped) }
        case 4:
            if load { set32(d.pointee.reg, (try mmu.load(a, as: UInt32.self)).byteSwapped) }
            else { try mmu.store(a, r32(d.pointee.reg).byteSwapped) }
        default:
            if load { set16(d.pointee.reg, (try mmu.load(a, as: UInt16.self)).byteSwapped) }
            else { try mmu.store(a, r16(d.pointee.reg).byteSwapped) }
        }
    }
}
