/// Shifts and rotates: shl/sal, shr, sar, rol, ror, rcl, rcr, shld, shrd.
extension X86CPU {
    /// Sets all arithmetic flags now: SF/ZF/PF from `res`, CF and OF as given, AF cleared.
    @inline(__always) func setFlagsFromResult(_ res: UInt64, size: Int, cf: Bool, of: Bool) {
        let mask = X86CPU.mask(size)
        let r = res & mask
        var f: UInt64 = 0
        if cf { f |= EFlags.cf }
        if of { f |= EFlags.of }
        if r == 0 { f |= EFlags.zf }
        if r & X86CPU.signBit(size) != 0 { f |= EFlags.sf }
        if (r & 0xff).nonzeroBitCount & 1 == 0 { f |= EFlags.pf }
        flagsValue = f
        flagOp = .none
    }

    /// Only CF and OF change (rotates).
    @inline(__always) func setCarryOverflow(cf: Bool, of: Bool) {
        var f = arithmeticFlags() & ~(EFlags.cf | EFlags.of)
        if cf { f |= EFlags.cf }
        if of { f |= EFlags.of }
        flagsValue = f
        flagOp = .none
    }

    /// shl/shr/sar inline (they are hot); rotates go through `rotateValue`.
    @_transparent func shiftValue<T: GuestInt>(_ kind: UInt8, _ a: T, _ rawCount: UInt64) -> T {
        let bits = UInt64(T.bitWidth)
        let count = rawCount & (bits == 64 ? 63 : 31)
        if count == 0 { return a }
        let size = T.byteSize
        switch kind {
        case 4, 6: // shl / sal
            let r: T = count >= bits ? 0 : a << T(count)
            setFlags(.shl, size: size, res: r.u64, a: a.u64, b: count)
            return r
        case 5: // shr
            let r: T = count >= bits ? 0 : a >> T(count)
            setFlags(.shr, size: size, res: r.u64, a: a.u64, b: count)
            return r
        case 7: // sar
            let r = T(truncatingIfNeeded: a.signed >> T.Signed(min(count, bits - 1)))
            setFlags(.sar, size: size, res: r.u64, a: a.u64, b: count)
            return r
        default:
            return rotateValue(kind, a, count)
        }
    }

    @inline(never) func rotateValue<T: GuestInt>(_ kind: UInt8, _ a: T, _ count: UInt64) -> T {
        let bits = UInt64(T.bitWidth)
        switch kind {
        case 0: // rol
            let n = T(count % bits)
            let r = n == 0 ? a : (a << n) | (a >> (T(bits) - n))
            let cf = r & 1 != 0
            setCarryOverflow(cf: cf, of: r.msb != cf)
            return r
        case 1: // ror
            let n = T(count % bits)
            let r = n == 0 ? a : (a >> n) | (a << (T(bits) - n))
            setCarryOverflow(cf: r.msb, of: r.msb != ((r >> (T.bitWidth - 2)) & 1 != 0))
            return r
        case 2: // rcl
            let n = bits < 32 ? count % (bits + 1) : count
            if n == 0 { return a }
            var v = a
            var cf = carryFlag
            for _ in 0..<n {
                let out = v.msb
                v = (v << 1) | (cf ? 1 : 0)
                cf = out
            }
            setCarryOverflow(cf: cf, of: v.msb != cf)
            return v
        default: // rcr
            let n = bits < 32 ? count % (bits + 1) : count
            if n == 0 { return a }
            var v = a
            var cf = carryFlag
            let of = a.msb != cf
            for _ in 0..<n {
                let out = v & 1 != 0
                v = (v >> 1) | (cf ? T(1) << (T.bitWidth - 1) : 0)
                cf = out
            }
            setCarryOverflow(cf: cf, of: of)
            return v
        }
    }

    @_transparent func shiftE<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, _: T.Type) throws(Trap) {
        let count = d.pointee.extra == 1 ? UInt64(r8(8)) : d.pointee.imm
        let kind = d.pointee.cc
        if d.pointee.rm != RegFile.memory {
            setReg(d.pointee.rm, shiftValue(kind, reg(d.pointee.rm, T.self), count))
        } else {
            let addr = ea(d)
            let a: T = try mmu.load(addr)
            let saved = (flagOp, flagSize, flagRes, flagA, flagB, flagsValue)
            let r = shiftValue(kind, a, count)
            do {
                try mmu.store(addr, r)
            } catch {
                (flagOp, flagSize, flagRes, flagA, flagB, flagsValue) = saved
                throw error
            }
        }
    }

    @_transparent func shiftE(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        switch d.pointee.size {
        case 8: try shiftE(d, UInt64.self)
        case 4: try shiftE(d, UInt32.self)
        case 2: try shiftE(d, UInt16.self)
        default: try shiftE(d, UInt8.self)
        }
    }

    func doubleShift<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, left: Bool, _: T.Type) throws(Trap) {
        let bits = UInt64(T.bitWidth)
        let raw = d.pointee.extra == 1 ? UInt64(r8(8)) : d.pointee.imm
        let count = raw & (bits == 64 ? 63 : 31)
        let a: T = try readE(d)
        if count == 0 { try writeE(d, a); return }
        let b: T = reg(d.pointee.reg)
        // Work in 64 (or 128) bits so that counts beyond a 16-bit width behave like hardware.
        let r: T
        let cf: Bool
        if T.bitWidth == 64 {
            let n = count
            if left {
                r = T(truncatingIfNeeded: (a.u64 << n) | (b.u64 >> (64 - n)))
                cf = (a.u64 >> (64 - n)) & 1 != 0
            } else {
                r = T(truncatingIfNeeded: (a.u64 >> n) | (b.u64 << (64 - n)))
                cf = (a.u64 >> (n - 1)) & 1 != 0
            }
        } else if left {
            // a:b, or a:b:a for 16-bit operands (counts above 16 bring a back in, as hardware does).
            let total: UInt64 = T.bitWidth == 16 ? 48 : 64
            let ext = T.bitWidth == 16 ? (a.u64 << 32) | (b.u64 << 16) | a.u64 : (a.u64 << 32) | b.u64
            r = T(truncatingIfNeeded: ext >> (total - bits - count))
            cf = (ext >> (total - count)) & 1 != 0
        } else {
            let wide = (b.u64 << bits) | a.u64
            let ext = T.bitWidth == 16 ? (a.u64 << 32) | wide : wide
            r = T(truncatingIfNeeded: ext >> count)
            cf = (ext >> (count - 1)) & 1 != 0
        }
        try writeE(d, r)
        setFlagsFromResult(r.u64, size: T.byteSize, cf: cf, of: r.msb != a.msb)
    }

    func doubleShift(_ d: UnsafeMutablePointer<Instruction>, left: Bool) throws(Trap) {
        switch d.pointee.size {
        case 8: try doubleShift(d, left: left, UInt64.self)
        case 4: try doubleShift(d, left: left, UInt32.self)
        default: try doubleShift(d, left: left, UInt16.self)
        }
    }
}
