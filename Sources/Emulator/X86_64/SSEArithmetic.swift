/// Scalar floating-point shapes: the host shim computes the low element, the rest of the
/// destination register is kept (packed shapes are `binary128` / `unary128`).
extension X86CPU {
    /// xmm `reg`[31:0] = f(xmm `reg`[31:0], xmm/m32).
    @inline(__always) func scalarSingle(_ d: UnsafeMutablePointer<Instruction>, _ f: (Float, Float) -> Float) throws(Trap) {
        let b = try sourceFloat(d)
        let r = d.pointee.reg
        setXMMFloat(r, f(xmmFloat(r), b))
    }

    /// xmm `reg`[63:0] = f(xmm `reg`[63:0], xmm/m64).
    @inline(__always) func scalarDouble(_ d: UnsafeMutablePointer<Instruction>, _ f: (Double, Double) -> Double) throws(Trap) {
        let b = try sourceDouble(d)
        let r = d.pointee.reg
        setXMMDouble(r, f(xmmDouble(r), b))
    }

    /// xmm `reg`[31:0] = f(xmm/m32) (sqrtss, rcpss, rsqrtss, roundss).
    @inline(__always) func scalarSingleUnary(_ d: UnsafeMutablePointer<Instruction>, _ f: (Float) -> Float) throws(Trap) {
        setXMMFloat(d.pointee.reg, f(try sourceFloat(d)))
    }

    /// xmm `reg`[63:0] = f(xmm/m64) (sqrtsd, roundsd).
    @inline(__always) func scalarDoubleUnary(_ d: UnsafeMutablePointer<Instruction>, _ f: (Double) -> Double) throws(Trap) {
        setXMMDouble(d.pointee.reg, f(try sourceDouble(d)))
    }

    /// comiss/ucomiss: ZF, PF, CF from the compare; OF, SF, AF cleared.
    @inline(__always) func compareScalarSingle(_ d: UnsafeMutablePointer<Instruction>, _ f: (Float, Float) -> UInt32) throws(Trap) {
        let b = try sourceFloat(d)
        setArithmeticFlags(UInt64(f(xmmFloat(d.pointee.reg), b)), mask: EFlags.arithmetic)
    }

    /// comisd/ucomisd.
    @inline(__always) func compareScalarDouble(_ d: UnsafeMutablePointer<Instruction>, _ f: (Double, Double) -> UInt32) throws(Trap) {
        let b = try sourceDouble(d)
        setArithmeticFlags(UInt64(f(xmmDouble(d.pointee.reg), b)), mask: EFlags.arithmetic)
    }
}
