import CHost

/// The SSE operations that dominate compiled floating-point and memory code, dispatched from the
/// main switch without a call: scalar double/single arithmetic, compares, int<->double
/// conversions, 128/64-bit moves and the logic ops used for zeroing and masking. Everything
/// else (and the rare unmasked-exception mode) goes through `executeSSE`.
extension SSEOp {
    static func isHot(_ sub: UInt16) -> Bool {
        guard let op = SSEOp(rawValue: UInt8(truncatingIfNeeded: sub)), sub < 256 else { return false }
        switch op {
        case .addsd, .subsd, .mulsd, .divsd, .sqrtsd, .addss, .subss, .mulss, .divss,
             .ucomisd, .comisd, .cvtsi2sd, .cvttsd2si,
             .movAligned, .movUnaligned, .storeAligned, .storeUnaligned, .merge64, .loadZero64, .store64,
             .movdToXMM, .movdFromXMM, .pxor, .pand, .por, .paddq, .paddd:
            return true
        default:
            return false
        }
    }
}

extension X86CPU {
    @_transparent func executeSSEHot(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let op = unsafeBitCast(UInt8(truncatingIfNeeded: d.pointee.sub), to: SSEOp.self)
        if _slowPath(mxcsr & MXCSR.masks != MXCSR.masks) {
            try executeSSE(d)
            return
        }
        switch op {
        case .addsd: try scalarDouble(d) { sse_addsd($0, $1) }
        case .subsd: try scalarDouble(d) { sse_subsd($0, $1) }
        case .mulsd: try scalarDouble(d) { sse_mulsd($0, $1) }
        case .divsd: try scalarDouble(d) { sse_divsd($0, $1) }
        case .sqrtsd: try scalarDoubleUnary(d) { sse_sqrtsd($0) }
        case .addss: try scalarSingle(d) { sse_addss($0, $1) }
        case .subss: try scalarSingle(d) { sse_subss($0, $1) }
        case .mulss: try scalarSingle(d) { sse_mulss($0, $1) }
        case .divss: try scalarSingle(d) { sse_divss($0, $1) }
        case .ucomisd: try compareScalarDouble(d) { sse_ucomisd($0, $1) }
        case .comisd: try compareScalarDouble(d) { sse_comisd($0, $1) }
        case .movAligned: setXMMValue(d.pointee.reg, try source128(d, aligned: true))
        case .movUnaligned: setXMMValue(d.pointee.reg, try source128(d, aligned: false))
        case .storeAligned: try storeM128(ea(d), xmmValue(d.pointee.reg), aligned: true)
        case .storeUnaligned: try storeM128(ea(d), xmmValue(d.pointee.reg), aligned: false)
        case .merge64: setXMMLane64(d.pointee.reg, 0, xmmLane64(d.pointee.rm, 0))
        case .loadZero64: setXMMValue(d.pointee.reg, XMMValue(try source64(d), 0))
        case .store64: try mmu.store(ea(d), xmmLane64(d.pointee.reg, 0))
        case .pxor: try integerOp(d, U64x2.self) { $0 ^ $1 }
        case .pand: try integerOp(d, U64x2.self) { $0 & $1 }
        case .por: try integerOp(d, U64x2.self) { $0 | $1 }
        case .paddq: try integerOp(d, U64x2.self) { $0 &+ $1 }
        case .paddd: try integerOp(d, U32x4.self) { $0 &+ $1 }
        default: try executeSSE(d)
        }
    }
}
