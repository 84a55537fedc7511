/// mul, imul (one, two and three operands), div, idiv.
extension X86CPU {
    @inline(__always) private func setMulFlags(size: Int, low: UInt64, overflow: Bool) {
        setFlags(.mul, size: size, res: low, a: overflow ? 1 : 0, b: 0)
    }

    func mulE(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        switch d.pointee.size {
        case 1:
            let r = UInt16(r8(0)) &* UInt16(try readE(d, UInt8.self))
            set16(0, r)
            setMulFlags(size: 1, low: UInt64(r & 0xff), overflow: r >> 8 != 0)
        case 2:
            let r = UInt32(r16(0)) &* UInt32(try readE(d, UInt16.self))
            set16(0, UInt16(truncatingIfNeeded: r)); set16(16, UInt16(r >> 16))
            setMulFlags(size: 2, low: UInt64(r & 0xffff), overflow: r >> 16 != 0)
        case 4:
            let r = UInt64(r32(0)) &* UInt64(try readE(d, UInt32.self))
            set32(0, UInt32(truncatingIfNeeded: r)); set32(16, UInt32(r >> 32))
            setMulFlags(size: 4, low: r & 0xffff_ffff, overflow: r >> 32 != 0)
        default:
            let (hi, lo) = r64(0).multipliedFullWidth(by: try readE(d, UInt64.self))
            set64(0, lo); set64(16, hi)
            setMulFlags(size: 8, low: lo, overflow: hi != 0)
        }
    }

    func imulE(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        switch d.pointee.size {
        case 1:
            let r = Int16(Int8(bitPattern: r8(0))) &* Int16(Int8(bitPattern: try readE(d, UInt8.self)))
            set16(0, UInt16(bitPattern: r))
            setMulFlags(size: 1, low: UInt64(UInt16(bitPattern: r) & 0xff), overflow: r != Int16(Int8(truncatingIfNeeded: r)))
        case 2:
            let r = Int32(Int16(bitPattern: r16(0))) &* Int32(Int16(bitPattern: try readE(d, UInt16.self)))
            let u = UInt32(bitPattern: r)
            set16(0, UInt16(truncatingIfNeeded: u)); set16(16, UInt16(u >> 16))
            setMulFlags(size: 2, low: UInt64(u & 0xffff), overflow: r != Int32(Int16(truncatingIfNeeded: r)))
        case 4:
            let r = Int64(Int32(bitPattern: r32(0))) &* Int64(Int32(bitPattern: try readE(d, UInt32.self)))
            let u = UInt64(bitPattern: r)
            set32(0, UInt32(truncatingIfNeeded: u)); set32(16, UInt32(u >> 32))
            setMulFlags(size: 4, low: u & 0xffff_ffff, overflow: r != Int64(Int32(truncatingIfNeeded: r)))
        default:
            let (hi, lo) = Int64(bitPattern: r64(0)).multipliedFullWidth(by: Int64(bitPattern: try readE(d, UInt64.self)))
            set64(0, lo); set64(16, UInt64(bitPattern: hi))
            let overflow = hi != (Int64(bitPattern: lo) >> 63)
            setMulFlags(size: 8, low: lo, overflow: overflow)
        }
    }

    /// Two- and three-operand imul: reg = a * b truncated; CF=OF when the signed product does not fit.
    @inline(__always) func imulTrunc<T: GuestInt>(_ a: T, _ b: T) -> T {
        let (hi, lo) = Int64(a.signed).multipliedFullWidth(by: Int64(b.signed))
        let full = lo
        let r = T(truncatingIfNeeded: full)
        let fits: Bool
        if T.bitWidth == 64 {
            fits = hi == (Int64(bitPattern: lo) >> 63)
        } else {
            fits = Int64(bitPattern: full) == Int64(r.signed)
        }
        setMulFlags(size: T.byteSize, low: r.u64, overflow: !fits)
        return r
    }

    @_transparent func imulG<T: GuestInt>(_ d: UnsafeMutablePointer<Instruction>, threeOperand: Bool, _: T.Type) throws(Trap) {
        let e: T = try readE(d)
        let other: T = threeOperand ? T(truncatingIfNeeded: d.pointee.imm) : reg(d.pointee.reg)
        setReg(d.pointee.reg, imulTrunc(e, other))
    }

    @_transparent func imulG(_ d: UnsafeMutablePointer<Instruction>, threeOperand: Bool) throws(Trap) {
        switch d.pointee.size {
        case 8: try imulG(d, threeOperand: threeOperand, UInt64.self)
        case 4: try imulG(d, threeOperand: threeOperand, UInt32.self)
        default: try imulG(d, threeOperand: threeOperand, UInt16.self)
        }
    }

    func divE(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let de = Trap(kind: .divideError)
        switch d.pointee.size {
        case 1:
            let v = UInt16(try readE(d, UInt8.self))
            guard v != 0 else { throw de }
            let n = r16(0)
            let q = n / v
            guard q <= 0xff else { throw de }
            set8(0, UInt8(q)); set8(1, UInt8(n % v))
        case 2:
            let v = UInt32(try readE(d, UInt16.self))
            guard v != 0 else { throw de }
            let n = UInt32(r16(16)) << 16 | UInt32(r16(0))
            let q = n / v
            guard q <= 0xffff else { throw de }
            set16(0, UInt16(q)); set16(16, UInt16(n % v))
        case 4:
            let v = UInt64(try readE(d, UInt32.self))
            guard v != 0 else { throw de }
            let n = UInt64(r32(16)) << 32 | UInt64(r32(0))
            let q = n / v
            guard q <= 0xffff_ffff else { throw de }
            set32(0, UInt32(q)); set32(16, UInt32(n % v))
        default:
            let v = try readE(d, UInt64.self)
            let hi = r64(16)
            guard v != 0, hi < v else { throw de }
            let (q, r) = v.dividingFullWidth((high: hi, low: r64(0)))
            set64(0, q); set64(16, r)
        }
    }

    func idivE(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let de = Trap(kind: .divideError)
        switch d.pointee.size {
        case 1:
            let v = Int32(Int8(bitPattern: try readE(d, UInt8.self)))
            guard v != 0 else { throw de }
            let n = Int32(Int16(bitPattern: r16(0)))
            let q = n / v
            guard q >= -128 && q <= 127 else { throw de }
            set8(0, UInt8(truncatingIfNeeded: q)); set8(1, UInt8(truncatingIfNeeded: n % v))
        case 2:
            let v = Int64(Int16(bitPattern: try readE(d, UInt16.self)))
            guard v != 0 else { throw de }
            let n = Int64(Int32(bitPattern: UInt32(r16(16)) << 16 | UInt32(r16(0))))
            let q = n / v
            guard q >= -32768 && q <= 32767 else { throw de }
            set16(0, UInt16(truncatingIfNeeded: q)); set16(16, UInt16(truncatingIfNeeded: n % v))
        case 4:
            let v = Int64(Int32(bitPattern: try readE(d, UInt32.self)))
            guard v != 0 else { throw de }
            let n = Int64(bitPattern: UInt64(r32(16)) << 32 | UInt64(r32(0)))
            // n / -1 with n = Int64.min cannot occur here: |n| < 2^63 always fits the check below.
            if v == -1 && n == Int64.min { throw de }
            let q = n / v
            guard q >= Int64(Int32.min) && q <= Int64(Int32.max) else { throw de }
            set32(0, UInt32(truncatingIfNeeded: q)); set32(16, UInt32(truncatingIfNeeded: n % v))
        default:
            let v = Int64(bitPattern: try readE(d, UInt64.self))
            guard v != 0 else { throw de }
            let hi = Int64(bitPattern: r64(16)), lo = r64(0)
            // Divide magnitudes as unsigned 128-bit, then fix signs and check the range.
            let negN = hi < 0
            var nHi = UInt64(bitPattern: hi), nLo = lo
            if negN { nLo = ~nLo &+ 1; nHi = ~nHi &+ (nLo == 0 ? 1 : 0) }
            let mag = v < 0 ? UInt64(bitPattern: 0 &- v) : UInt64(v)
            guard nHi < mag else { throw de }
            let (q, r) = mag.dividingFullWidth((high: nHi, low: nLo))
            let negQ = negN != (v < 0)
            if negQ { guard q <= UInt64(1) << 63 else { throw de } } else { guard q < UInt64(1) << 63 else { throw de } }
            set64(0, negQ ? 0 &- q : q)
            set64(16, negN ? 0 &- r : r)
        }
    }
}
