import CHost

/// mov and its relatives, exchanges, conditional moves and sets, sign extensions, stack
/// operations, flag-register instructions.
extension X86CPU {
    @inline(__always) func movEG<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _: T.Type) throws(Trap) {
        try writeE(d, reg(d.pointee.reg, T.self))
    }
    @inline(__always) func movGE<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _: T.Type) throws(Trap) {
        setReg(d.pointee.reg, try readE(d, T.self))
    }
    @inline(__always) func movEI<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _: T.Type) throws(Trap) {
        try writeE(d, T(truncatingIfNeeded: d.pointee.imm))
    }

    @inline(__always) func movExtend(_ d: UnsafeMutablePointer<Instruction>, signed: Bool) throws(Trap) {
        let v: UInt64
        switch d.pointee.extra {
        case 1:
            let b: UInt8 = try readE(d)
            v = signed ? UInt64(bitPattern: Int64(Int8(bitPattern: b))) : UInt64(b)
        case 2:
            let h: UInt16 = try readE(d)
            v = signed ? UInt64(bitPattern: Int64(Int16(bitPattern: h))) : UInt64(h)
        default:
            let w: UInt32 = try readE(d)
            v = signed ? UInt64(bitPattern: Int64(Int32(bitPattern: w))) : UInt64(w)
        }
        switch d.pointee.size {
        case 8: set64(d.pointee.reg, v)
        case 4: set32(d.pointee.reg, UInt32(truncatingIfNeeded: v))
        default: set16(d.pointee.reg, UInt16(truncatingIfNeeded: v))
        }
    }

    @inline(__always) func lea(_ d: UnsafeMutablePointer<Instruction>) {
        let a = ea(d)
        switch d.pointee.size {
        case 8: set64(d.pointee.reg, a)
        case 4: set32(d.pointee.reg, UInt32(truncatingIfNeeded: a))
        default: set16(d.pointee.reg, UInt16(truncatingIfNeeded: a))
        }
    }

    func moffs(_ d: UnsafeMutablePointer<Instruction>, load: Bool) throws(Trap) {
        let a = d.pointee.disp &+ r64(d.pointee.seg)
        switch d.pointee.size {
        case 8: if load { set64(0, try mmu.load(a)) } else { try mmu.store(a, r64(0)) }
        case 4: if load { set32(0, try mmu.load(a)) } else { try mmu.store(a, r32(0)) }
        case 2: if load { set16(0, try mmu.load(a)) } else { try mmu.store(a, r16(0)) }
        default: if load { set8(0, try mmu.load(a)) } else { try mmu.store(a, r8(0)) }
        }
    }

    /// xchg: with a memory operand it is always atomic (implicitly locked).
    func xchg<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _: T.Type) throws(Trap) {
        let g: T = reg(d.pointee.reg)
        if d.pointee.rm != RegFile.memory {
            let e: T = reg(d.pointee.rm)
            setReg(d.pointee.rm, g)
            setReg(d.pointee.reg, e)
            return
        }
        let a = ea(d)
        if let p = try mmu.hostPointer(a, size: T.byteSize, access: .write) {
            var cur: T = p.loadUnaligned(as: T.self)
            while !atomicCAS(p, &cur, g) {}
            setReg(d.pointee.reg, cur)
        } else {
            splitLock.lock()
            defer { splitLock.unlock() }
            let old: T = try mmu.load(a)
            try mmu.store(a, g)
            setReg(d.pointee.reg, old)
        }
    }

    func xadd<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _: T.Type) throws(Trap) {
        let g: T = reg(d.pointee.reg)
        if d.pointee.rm != RegFile.memory {
            let e: T = reg(d.pointee.rm)
            let sum = alu(.add, e, g)
            setReg(d.pointee.reg, e)
            setReg(d.pointee.rm, sum)
            return
        }
        var old: T = 0
        try modifyMemory(d, T.self) { v in old = v; return alu(.add, v, g) }
        setReg(d.pointee.reg, old)
    }

    func cmpxchg<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _: T.Type) throws(Trap) {
        let acc: T = reg(0)
        let src: T = reg(d.pointee.reg)
        if d.pointee.rm != RegFile.memory {
            let dst: T = reg(d.pointee.rm)
            _ = alu(.cmp, acc, dst)
            if acc == dst { setReg(d.pointee.rm, src) } else { setReg(0, dst) }
            return
        }
        let a = ea(d)
        if let p = try mmu.hostPointer(a, size: T.byteSize, access: .write) {
            var expected = acc
            let ok = atomicCAS(p, &expected, src)
            _ = alu(.cmp, acc, expected)
            if !ok { setReg(0, expected) }
            return
        }
        splitLock.lock()
        defer { splitLock.unlock() }
        let dst: T = try mmu.load(a)
        try mmu.store(a, acc == dst ? src : dst)
        _ = alu(.cmp, acc, dst)
        if acc != dst { setReg(0, dst) }
    }

    func cmpxchg8b(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let a = ea(d)
        let expected = UInt64(r32(16)) << 32 | UInt64(r32(0))
        let desired = UInt64(r32(8)) << 32 | UInt64(r32(24))
        var cur = expected
        let ok: Bool
        if let p = try mmu.hostPointer(a, size: 8, access: .write) {
            ok = host_cas64(p, &cur, desired)
        } else {
            splitLock.lock()
            defer { splitLock.unlock() }
            cur = try mmu.load(a)
            ok = cur == expected
            try mmu.store(a, ok ? desired : cur)
        }
        setArithmeticFlags(ok ? EFlags.zf : 0, mask: EFlags.zf)
        if !ok { set32(0, UInt32(truncatingIfNeeded: cur)); set32(16, UInt32(cur >> 32)) }
    }

    func cmpxchg16b(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let a = ea(d)
        guard a & 15 == 0 else { throw Trap(kind: .generalProtection) }
        guard let p = try mmu.hostPointer(a, size: 16, access: .write) else { throw Trap(kind: .generalProtection) }
        var expected: (UInt64, UInt64) = (r64(0), r64(16))
        let ok = withUnsafeMutableBytes(of: &expected) { e in
            host_cas128(p, e.baseAddress!.assumingMemoryBound(to: UInt64.self), r64(24), r64(8))
        }
        setArithmeticFlags(ok ? EFlags.zf : 0, mask: EFlags.zf)
        if !ok { set64(0, expected.0); set64(16, expected.1) }
    }

    func cmov<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _: T.Type) throws(Trap) {
        let v: T = try readE(d)
        if condition(d.pointee.cc) { setReg(d.pointee.reg, v) }
        else if T.bitWidth == 32 { setReg(d.pointee.reg, reg(d.pointee.reg, T.self)) }
    }

    func signExtendAccumulator(_ d: UnsafeMutablePointer<Instruction>) {
        switch d.pointee.size {
        case 8: set64(0, UInt64(bitPattern: Int64(Int32(bitPattern: r32(0)))))
        case 4: set32(0, UInt32(bitPattern: Int32(Int16(bitPattern: r16(0)))))
        default: set16(0, UInt16(bitPattern: Int16(Int8(bitPattern: r8(0)))))
        }
    }

    func signIntoDX(_ d: UnsafeMutablePointer<Instruction>) {
        switch d.pointee.size {
        case 8: set64(16, r64(0) >> 63 != 0 ? ~0 : 0)
        case 4: set32(16, r32(0) >> 31 != 0 ? ~0 : 0)
        default: set16(16, r16(0) >> 15 != 0 ? ~0 : 0)
        }
    }

    // MARK: Stack

    @inline(__always) func pushE(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        if d.pointee.size == 2 { try push16(try readE(d)); return }
        try push64(try readE(d, UInt64.self))
    }

    @inline(__always) func popE(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        if d.pointee.size == 2 {
            let v = try pop16()
            if d.pointee.rm == RegFile.memory {
                do { try mmu.store(ea(d), v) } catch { rsp = rsp &- 2; throw error }
            } else { set16(d.pointee.rm, v) }
            return
        }
        let sp = rsp
        let v: UInt64 = try mmu.load(sp)
        if d.pointee.rm == RegFile.memory {
            // The address is computed with the incremented rsp, as the manual says.
            rsp = sp &+ 8
            do { try mmu.store(ea(d), v) } catch { rsp = sp; throw error }
        } else {
            rsp = sp &+ 8
            set64(d.pointee.rm, v)
        }
    }

    func enter(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let size = UInt64(d.pointee.imm)
        let level = Int(d.pointee.extra & 31)
        if d.pointee.size == 2 { try enter(size: size, level: level, UInt16.self) } else { try enter(size: size, level: level, UInt64.self) }
    }

    /// enter at operand width T: with a 66 prefix the pushes are 16-bit and only BP (not all of
    /// RBP) receives the frame pointer.
    private func enter<T: GuestInt>(size: UInt64, level: Int, _: T.Type) throws(Trap) {
        let width = UInt64(T.byteSize)
        var sp = rsp &- width
        try mmu.store(sp, reg(40, T.self))
        let frame = T(truncatingIfNeeded: sp)
        if level > 0 {
            var bp = r64(40)
            for _ in 1..<level {
                bp &-= width
                sp &-= width
                try mmu.store(sp, try mmu.load(bp, as: T.self))
            }
            sp &-= width
            try mmu.store(sp, frame)
        }
        setReg(40, frame)
        rsp = sp &- size
    }

    func leave(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let bp = r64(40)
        if d.pointee.size == 2 {
            // 66 leave pops only BP; the upper bits of RBP stay.
            let v: UInt16 = try mmu.load(bp)
            set16(40, v)
            rsp = bp &+ 2
            return
        }
        let v: UInt64 = try mmu.load(bp)
        set64(40, v)
        rsp = bp &+ 8
    }

    // MARK: Flags register

    func pushf(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let f = rflags
        if d.pointee.size == 2 { try push16(UInt16(truncatingIfNeeded: f)) } else { try push64(f) }
    }

    func popf(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let v: UInt64 = d.pointee.size == 2 ? (rflags & ~0xffff) | UInt64(try pop16()) : try pop64()
        // In user mode (CPL 3 > IOPL 0) popf leaves IF alone, as it does IOPL.
        rflags = (v & ~EFlags.if) | (eflagsOther & EFlags.if)
    }

    func lahf() {
        let f = rflags
        set8(1, UInt8(truncatingIfNeeded: f & 0xd5) | 0x02)
    }

    func sahf() {
        let ah = UInt64(r8(1))
        setArithmeticFlags(ah, mask: EFlags.cf | EFlags.pf | EFlags.af | EFlags.zf | EFlags.sf)
    }
}
