/// SSE2...SSE4.1 integer operations done in Swift: shifts and ptest. The lane-wise arithmetic
/// that Swift's SIMD types lower to one instruction is inline in SSE.swift; saturating,
/// multiply-high, horizontal, min/max and compare operations use host instructions (CHostSSE.h),
/// which are exact by construction and inline to a single instruction.
extension X86CPU {
    /// The shift count: `imm` for the immediate forms (`extra` 1), else the low 64 bits of
    /// xmm/m128.
    @inline(__always) func shiftCount(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) -> UInt64 {
        if d.pointee.extra != 0 { return UInt64(d.pointee.sseImmediate) }
        return try source128(d, aligned: true)[0]
    }

    /// psrlw/d/q: counts at or above the lane width give zero.
    @inline(__always) func shiftRightLogical<V: SIMD>(_ d: UnsafeMutablePointer<Instruction>, _: V.Type) throws(Trap)
    where V.Scalar: FixedWidthInteger {
        let count = try shiftCount(d)
        let r = d.pointee.reg
        if count >= UInt64(V.Scalar.bitWidth) {
            setXMMVector(r, V(repeating: 0))
        } else {
            setXMMVector(r, xmmVector(r, V.self) &>> V.Scalar(truncatingIfNeeded: count))
        }
    }

    /// psllw/d/q: counts at or above the lane width give zero.
    @inline(__always) func shiftLeft<V: SIMD>(_ d: UnsafeMutablePointer<Instruction>, _: V.Type) throws(Trap)
    where V.Scalar: FixedWidthInteger {
        let count = try shiftCount(d)
        let r = d.pointee.reg
        if count >= UInt64(V.Scalar.bitWidth) {
            setXMMVector(r, V(repeating: 0))
        } else {
            setXMMVector(r, xmmVector(r, V.self) &<< V.Scalar(truncatingIfNeeded: count))
        }
    }

    /// psraw/d: counts at or above the lane width fill with the sign.
    @inline(__always) func shiftRightArithmetic<V: SIMD>(_ d: UnsafeMutablePointer<Instruction>, _: V.Type) throws(Trap)
    where V.Scalar: FixedWidthInteger & SignedInteger {
        let count = min(try shiftCount(d), UInt64(V.Scalar.bitWidth - 1))
        let r = d.pointee.reg
        setXMMVector(r, xmmVector(r, V.self) &>> V.Scalar(truncatingIfNeeded: count))
    }

    /// pslldq/psrldq xmm, imm: whole-register byte shift; counts above 15 give zero.
    @inline(__always) func byteShift(_ d: UnsafeMutablePointer<Instruction>, left: Bool) {
        let r = d.pointee.reg
        setXMMValue(r, X86CPU.shift128(xmmValue(r), bytes: Int(d.pointee.sseImmediate), left: left))
    }

    /// A 128-bit value shifted by whole bytes.
    @inline(__always) static func shift128(_ v: XMMValue, bytes: Int, left: Bool) -> XMMValue {
        if bytes >= 16 { return XMMValue(0, 0) }
        if bytes == 0 { return v }
        let bits = UInt64(bytes * 8)
        let lo = v[0], hi = v[1]
        if left {
            if bits >= 64 { return XMMValue(0, lo << (bits - 64)) }
            return XMMValue(lo << bits, hi << bits | lo >> (64 - bits))
        }
        if bits >= 64 { return XMMValue(hi >> (bits - 64), 0) }
        return XMMValue(lo >> bits | hi << (64 - bits), hi >> bits)
    }

    /// ptest: ZF = (dst AND src) == 0, CF = (NOT dst AND src) == 0; the other flags cleared.
    @inline(__always) func ptest(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let b = try source128(d, aligned: true)
        let a = xmmValue(d.pointee.reg)
        let and = a & b, andn = ~a & b
        var f: UInt64 = 0
        if and[0] | and[1] == 0 { f |= EFlags.zf }
        if andn[0] | andn[1] == 0 { f |= EFlags.cf }
        setArithmeticFlags(f, mask: EFlags.arithmetic)
    }
}
