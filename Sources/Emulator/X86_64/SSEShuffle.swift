/// Shuffles, unpacks, blends, byte alignment and the SSE4.1 sign/zero extensions, in Swift.
extension X86CPU {
    /// shufps: two elements from the destination, two from the source, chosen by imm.
    @inline(__always) func shufps(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let b = unsafeBitCast(try source128(d, aligned: true), to: U32x4.self)
        let r = d.pointee.reg
        let a = xmmVector(r, U32x4.self)
        let i = Int(d.pointee.sseImmediate)
        setXMMVector(r, U32x4(a[i & 3], a[(i >> 2) & 3], b[(i >> 4) & 3], b[(i >> 6) & 3]))
    }

    /// shufpd: one element from each.
    @inline(__always) func shufpd(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let b = try source128(d, aligned: true)
        let r = d.pointee.reg
        let a = xmmValue(r)
        let i = Int(d.pointee.sseImmediate)
        setXMMValue(r, XMMValue(a[i & 1], b[(i >> 1) & 1]))
    }

    /// punpckl*/punpckh* (and unpcklps/pd, unpckhps/pd): interleave the low or high halves.
    @inline(__always) func unpack<V: SIMD>(_ d: UnsafeMutablePointer<Instruction>, _: V.Type, high: Bool) throws(Trap) {
        let b = unsafeBitCast(try source128(d, aligned: true), to: V.self)
        let r = d.pointee.reg
        let a = xmmVector(r, V.self)
        let half = V.scalarCount / 2
        let start = high ? half : 0
        var out = a
        for i in 0..<half {
            out[2 * i] = a[start + i]
            out[2 * i + 1] = b[start + i]
        }
        setXMMVector(r, out)
    }

    /// pshufd: each dword from the source element imm selects.
    @inline(__always) func pshufd(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let s = unsafeBitCast(try source128(d, aligned: true), to: U32x4.self)
        let i = Int(d.pointee.sseImmediate)
        setXMMVector(d.pointee.reg, U32x4(s[i & 3], s[(i >> 2) & 3], s[(i >> 4) & 3], s[(i >> 6) & 3]))
    }

    /// pshuflw / pshufhw: shuffle the words of one half, copy the other half.
    @inline(__always) func pshufw(_ d: UnsafeMutablePointer<Instruction>, high: Bool) throws(Trap) {
        let s = unsafeBitCast(try source128(d, aligned: true), to: U16x8.self)
        let i = Int(d.pointee.sseImmediate)
        var out = s
        let base = high ? 4 : 0
        for k in 0..<4 { out[base + k] = s[base + ((i >> (2 * k)) & 3)] }
        setXMMVector(d.pointee.reg, out)
    }

    /// palignr: bytes imm...imm+15 of the 32-byte concatenation destination:source.
    @inline(__always) func palignr(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let b = try source128(d, aligned: true)
        let r = d.pointee.reg
        let a = xmmValue(r)
        let n = Int(d.pointee.sseImmediate)
        let out: XMMValue
        if n >= 32 {
            out = XMMValue(0, 0)
        } else if n >= 16 {
            out = X86CPU.shift128(a, bytes: n - 16, left: false)
        } else {
            out = X86CPU.shift128(b, bytes: n, left: false) | X86CPU.shift128(a, bytes: 16 - n, left: true)
        }
        setXMMValue(r, out)
    }

    /// blendps/blendpd/pblendw: imm bit i set takes lane i from the source.
    @inline(__always) func blend<V: SIMD>(_ d: UnsafeMutablePointer<Instruction>, _: V.Type) throws(Trap) {
        let b = unsafeBitCast(try source128(d, aligned: true), to: V.self)
        let r = d.pointee.reg
        var out = xmmVector(r, V.self)
        let imm = Int(d.pointee.sseImmediate)
        for i in 0..<V.scalarCount where imm & (1 << i) != 0 { out[i] = b[i] }
        setXMMVector(r, out)
    }

    /// blendvps/blendvpd/pblendvb: lanes whose XMM0 lane is negative come from the source.
    @inline(__always) func blendVariable<V: SIMD>(_ d: UnsafeMutablePointer<Instruction>, _: V.Type) throws(Trap)
    where V.Scalar: FixedWidthInteger & SignedInteger {
        let b = unsafeBitCast(try source128(d, aligned: true), to: V.self)
        let r = d.pointee.reg
        let mask = xmmVector(0, V.self)
        setXMMVector(r, xmmVector(r, V.self).replacing(with: b, where: mask .< 0))
    }

    /// pmovsx*/pmovzx*: the low lanes of the source (register, or memory of exactly the bytes
    /// used), each sign- or zero-extended by the signedness of `From`.
    @inline(__always) func extend<From: FixedWidthInteger, To: FixedWidthInteger>(
        _ d: UnsafeMutablePointer<Instruction>, from _: From.Type, to _: To.Type
    ) throws(Trap) {
        let count = 16 / MemoryLayout<To>.size
        let sourceBytes = count * MemoryLayout<From>.size
        let src: UInt64
        if d.pointee.rm != RegFile.memory {
            src = xmmLane64(d.pointee.rm, 0)
        } else {
            let a = ea(d)
            switch sourceBytes {
            case 8: src = try mmu.load(a, as: UInt64.self)
            case 4: src = UInt64(try mmu.load(a, as: UInt32.self))
            default: src = UInt64(try mmu.load(a, as: UInt16.self))
            }
        }
        let base = Int(d.pointee.reg) &* 16
        let bits = UInt64(From.bitWidth)
        for i in 0..<count {
            let lane = From(truncatingIfNeeded: src >> (UInt64(i) &* bits))
            xmm.storeBytes(of: To(truncatingIfNeeded: lane), toByteOffset: base &+ i &* MemoryLayout<To>.size, as: To.self)
        }
    }
}
