/// One XMM register value: the type the host shims take and return.
typealias XMMValue = SIMD2<UInt64>
// Lane views of an XMM value, for the handlers written with Swift's SIMD types.
typealias U8x16 = SIMD16<UInt8>
typealias U16x8 = SIMD8<UInt16>
typealias U32x4 = SIMD4<UInt32>
typealias U64x2 = SIMD2<UInt64>
typealias I8x16 = SIMD16<Int8>
typealias I16x8 = SIMD8<Int16>
typealias I32x4 = SIMD4<Int32>
typealias I64x2 = SIMD2<Int64>

/// Operand access for the SSE handlers: XMM registers by number, lanes, and memory operands of
/// 16 bytes with the legacy-SSE alignment rule (misaligned -> #GP) and all-or-nothing stores.
extension X86CPU {
    // MARK: Registers

    @inline(__always) func xmmValue(_ n: UInt8) -> XMMValue {
        xmm.load(fromByteOffset: Int(n) &* 16, as: XMMValue.self)
    }
    @inline(__always) func setXMMValue(_ n: UInt8, _ v: XMMValue) {
        xmm.storeBytes(of: v, toByteOffset: Int(n) &* 16, as: XMMValue.self)
    }
    /// The register viewed as a vector of another lane type.
    @inline(__always) func xmmVector<V: SIMD>(_ n: UInt8, _: V.Type = V.self) -> V {
        xmm.load(fromByteOffset: Int(n) &* 16, as: V.self)
    }
    @inline(__always) func setXMMVector<V: SIMD>(_ n: UInt8, _ v: V) {
        xmm.storeBytes(of: v, toByteOffset: Int(n) &* 16, as: V.self)
    }
    @inline(__always) func xmmLane64(_ n: UInt8, _ i: Int) -> UInt64 {
        xmm.load(fromByteOffset: Int(n) &* 16 &+ i &* 8, as: UInt64.self)
    }
    @inline(__always) func setXMMLane64(_ n: UInt8, _ i: Int, _ v: UInt64) {
        xmm.storeBytes(of: v, toByteOffset: Int(n) &* 16 &+ i &* 8, as: UInt64.self)
    }
    @inline(__always) func xmmLane32(_ n: UInt8, _ i: Int) -> UInt32 {
        xmm.load(fromByteOffset: Int(n) &* 16 &+ i &* 4, as: UInt32.self)
    }
    @inline(__always) func setXMMLane32(_ n: UInt8, _ i: Int, _ v: UInt32) {
        xmm.storeBytes(of: v, toByteOffset: Int(n) &* 16 &+ i &* 4, as: UInt32.self)
    }
    /// Low float / double of a register, loaded straight into a host XMM register (no bits
    /// change: moves never touch NaN payloads).
    @inline(__always) func xmmFloat(_ n: UInt8) -> Float {
        xmm.load(fromByteOffset: Int(n) &* 16, as: Float.self)
    }
    @inline(__always) func setXMMFloat(_ n: UInt8, _ v: Float) {
        xmm.storeBytes(of: v, toByteOffset: Int(n) &* 16, as: Float.self)
    }
    @inline(__always) func xmmDouble(_ n: UInt8) -> Double {
        xmm.load(fromByteOffset: Int(n) &* 16, as: Double.self)
    }
    @inline(__always) func setXMMDouble(_ n: UInt8, _ v: Double) {
        xmm.storeBytes(of: v, toByteOffset: Int(n) &* 16, as: Double.self)
    }

    // MARK: Source operands

    /// xmm `rm` or m128; `aligned` for the forms that require 16-byte alignment.
    @inline(__always) func source128(_ d: UnsafeMutablePointer<Instruction>, aligned: Bool) throws(Trap) -> XMMValue {
        let rm = d.pointee.rm
        if rm != RegFile.memory { return xmmValue(rm) }
        return try loadM128(ea(d), aligned: aligned)
    }

    /// Low 64 bits of xmm `rm`, or m64.
    @inline(__always) func source64(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) -> UInt64 {
        let rm = d.pointee.rm
        if rm != RegFile.memory { return xmmLane64(rm, 0) }
        return try mmu.load(ea(d))
    }

    /// Low 32 bits of xmm `rm`, or m32.
    @inline(__always) func source32(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) -> UInt32 {
        let rm = d.pointee.rm
        if rm != RegFile.memory { return xmmLane32(rm, 0) }
        return try mmu.load(ea(d))
    }

    @inline(__always) func sourceDouble(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) -> Double {
        let rm = d.pointee.rm
        if rm != RegFile.memory { return xmmDouble(rm) }
        return Double(bitPattern: try mmu.load(ea(d), as: UInt64.self))
    }

    @inline(__always) func sourceFloat(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) -> Float {
        let rm = d.pointee.rm
        if rm != RegFile.memory { return xmmFloat(rm) }
        return Float(bitPattern: try mmu.load(ea(d), as: UInt32.self))
    }

    // MARK: 16-byte memory operands

    @inline(__always) func loadM128(_ a: UInt64, aligned: Bool) throws(Trap) -> XMMValue {
        if aligned && a & 15 != 0 { throw Trap(kind: .generalProtection) }
        if let p = try mmu.hostPointer(a, size: 16, access: .read) {
            return p.loadUnaligned(as: XMMValue.self)
        }
        return try loadM128Split(a)
    }

    /// A 16-byte load that crosses a page.
    @inline(never)
    func loadM128Split(_ a: UInt64) throws(Trap) -> XMMValue {
        let lo: UInt64 = try mmu.load(a)
        let hi: UInt64 = try mmu.load(a &+ 8)
        return XMMValue(lo, hi)
    }

    @inline(__always) func storeM128(_ a: UInt64, _ v: XMMValue, aligned: Bool) throws(Trap) {
        if aligned && a & 15 != 0 { throw Trap(kind: .generalProtection) }
        if let p = try mmu.hostPointer(a, size: 16, access: .write) {
            p.storeBytes(of: v, as: XMMValue.self)
            return
        }
        try storeM128Split(a, v)
    }

    /// A 16-byte store that crosses a page: both pages are checked before anything is written,
    /// so a faulting store changes no memory.
    @inline(never)
    func storeM128Split(_ a: UInt64, _ v: XMMValue) throws(Trap) {
        _ = try mmu.hostPointer(a, size: 1, access: .write)
        _ = try mmu.hostPointer((a | 0xfff) &+ 1, size: 1, access: .write)
        try mmu.store(a, v[0])
        try mmu.store(a &+ 8, v[1])
    }

    // MARK: Common shapes

    /// xmm `reg` = f(xmm `reg`, xmm/m128 aligned): packed arithmetic and most integer shims.
    @inline(__always) func binary128(_ d: UnsafeMutablePointer<Instruction>, _ f: (XMMValue, XMMValue) -> XMMValue) throws(Trap) {
        let b = try source128(d, aligned: true)
        let r = d.pointee.reg
        setXMMValue(r, f(xmmValue(r), b))
    }

    /// xmm `reg` = f(xmm/m128 aligned).
    @inline(__always) func unary128(_ d: UnsafeMutablePointer<Instruction>, _ f: (XMMValue) -> XMMValue) throws(Trap) {
        setXMMValue(d.pointee.reg, f(try source128(d, aligned: true)))
    }

    /// xmm `reg` = f(xmm `reg`, xmm/m128 aligned) on lanes of type V, in Swift.
    @inline(__always) func integerOp<V: SIMD>(_ d: UnsafeMutablePointer<Instruction>, _: V.Type, _ f: (V, V) -> V) throws(Trap) {
        let b = unsafeBitCast(try source128(d, aligned: true), to: V.self)
        let r = d.pointee.reg
        setXMMVector(r, f(xmmVector(r, V.self), b))
    }
}
