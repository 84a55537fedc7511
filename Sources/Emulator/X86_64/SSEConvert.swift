import CHost

/// Conversions between integers, single and double precision, done by the host instruction so
/// that rounding (MXCSR.RC), the integer indefinite value and the exception flags match.
extension X86CPU {
    /// cvtsi2ss xmm, r/m32|64.
    @inline(__always) func cvtsi2ss(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let f: Float
        if d.pointee.size == 8 {
            f = sse_cvtsi2ss64(Int64(bitPattern: try readE(d, UInt64.self)))
        } else {
            f = sse_cvtsi2ss32(Int32(bitPattern: try readE(d, UInt32.self)))
        }
        setXMMFloat(d.pointee.reg, f)
    }

    /// cvtsi2sd xmm, r/m32|64.
    @inline(__always) func cvtsi2sd(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let f: Double
        if d.pointee.size == 8 {
            f = sse_cvtsi2sd64(Int64(bitPattern: try readE(d, UInt64.self)))
        } else {
            f = sse_cvtsi2sd32(Int32(bitPattern: try readE(d, UInt32.self)))
        }
        setXMMDouble(d.pointee.reg, f)
    }

    /// cvtss2si / cvttss2si r32|64, xmm/m32.
    @inline(__always) func cvtss2si(_ d: UnsafeMutablePointer<Instruction>, truncating: Bool) throws(Trap) {
        let x = try sourceFloat(d)
        if d.pointee.size == 8 {
            set64(d.pointee.reg, UInt64(bitPattern: truncating ? sse_cvttss2si64(x) : sse_cvtss2si64(x)))
        } else {
            set32(d.pointee.reg, UInt32(bitPattern: truncating ? sse_cvttss2si32(x) : sse_cvtss2si32(x)))
        }
    }

    /// cvtsd2si / cvttsd2si r32|64, xmm/m64.
    @inline(__always) func cvtsd2si(_ d: UnsafeMutablePointer<Instruction>, truncating: Bool) throws(Trap) {
        let x = try sourceDouble(d)
        if d.pointee.size == 8 {
            set64(d.pointee.reg, UInt64(bitPattern: truncating ? sse_cvttsd2si64(x) : sse_cvtsd2si64(x)))
        } else {
            set32(d.pointee.reg, UInt32(bitPattern: truncating ? sse_cvttsd2si32(x) : sse_cvtsd2si32(x)))
        }
    }

    /// cvtss2sd xmm, xmm/m32: low double of `reg` from the low float of the source.
    @inline(__always) func cvtss2sd(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        setXMMDouble(d.pointee.reg, sse_cvtss2sd(try sourceFloat(d)))
    }

    /// cvtsd2ss xmm, xmm/m64: low float of `reg`, bits 127:32 kept.
    @inline(__always) func cvtsd2ss(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        setXMMFloat(d.pointee.reg, sse_cvtsd2ss(try sourceDouble(d)))
    }

    /// cvtps2pd, cvtdq2pd: two elements from the low 64 bits of xmm/m64.
    @inline(__always) func convertLow64(_ d: UnsafeMutablePointer<Instruction>, _ f: (XMMValue) -> XMMValue) throws(Trap) {
        setXMMValue(d.pointee.reg, f(XMMValue(try source64(d), 0)))
    }
}
