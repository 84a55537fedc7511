import CHost

/// The SSE, SSE2, SSE3, SSSE3, SSE4.1 and SSE4.2 operations the interpreter implements. An
/// `Instruction` with `op == .sse` carries the raw value in `sub`.
///
/// Operand conventions: `reg` and `rm` are XMM numbers (0...15; `rm` is `RegFile.memory` for a
/// memory operand) unless the case says GPR, in which case they are register-file byte offsets as
/// in the integer instructions; `imm` is the imm8; `size` is the GPR or memory width where one
/// exists. Store forms with a register destination are decoded as the matching register move with
/// `reg` and `rm` swapped, so every handler writes `reg` or memory.
///
/// The floating-point operations come first and stay contiguous: they are the ones that can
/// raise SIMD floating-point exceptions (see `raisesFloatingPointExceptions`).
enum SSEOp: UInt8 {
    // MARK: Floating-point arithmetic (host shims)
    case addps, addpd, addss, addsd, subps, subpd, subss, subsd
    case mulps, mulpd, mulss, mulsd, divps, divpd, divss, divsd
    case minps, minpd, minss, minsd, maxps, maxpd, maxss, maxsd
    case sqrtps, sqrtpd, sqrtss, sqrtsd, rcpps, rcpss, rsqrtps, rsqrtss
    case haddps, haddpd, hsubps, hsubpd, addsubps, addsubpd
    /// Compare with predicate imm8 bits 2:0.
    case cmpps, cmppd, cmpss, cmpsd
    /// Set ZF/PF/CF from a scalar compare.
    case comiss, comisd, ucomiss, ucomisd
    case roundps, roundpd, roundss, roundsd, dpps, dppd

    // MARK: Conversions (host shims)
    /// cvtsi2ss/sd xmm, r/m32|64: `rm` GPR or memory, `size` the integer width.
    case cvtsi2ss, cvtsi2sd
    /// cvt(t)ss2si/cvt(t)sd2si GPR, xmm/m: `reg` GPR, `size` the integer width.
    case cvtss2si, cvttss2si, cvtsd2si, cvttsd2si
    case cvtss2sd, cvtsd2ss
    /// 64-bit source (xmm low half or m64).
    case cvtps2pd, cvtdq2pd
    case cvtpd2ps, cvtdq2ps, cvtps2dq, cvttps2dq, cvtpd2dq, cvttpd2dq

    // MARK: Data movement
    /// xmm = xmm/m128, aligned (movaps, movapd, movdqa, movntdqa, register copies).
    case movAligned
    /// xmm = xmm/m128, any alignment (movups, movupd, movdqu, lddqu).
    case movUnaligned
    /// m128 = xmm, aligned (movaps/movapd/movdqa stores, movntps, movntpd, movntdq).
    case storeAligned
    /// m128 = xmm, any alignment (movups/movupd/movdqu stores).
    case storeUnaligned
    /// Low 32 or 64 bits from another register, the rest kept (movss, movsd register forms).
    case merge32, merge64
    /// xmm = zero-extended m32 (movss load).
    case loadZero32
    /// xmm = zero-extended xmm/m64 low half (movsd load, movq xmm/m64 forms).
    case loadZero64
    /// m32 / m64 = low bits of xmm (movss, movsd, movlps, movlpd, movq stores).
    case store32, store64
    /// Low half = m64 (movlps, movlpd loads).
    case loadLow64
    /// High half = low half of xmm/m64 (movhps, movhpd loads, movlhps).
    case loadHigh64
    /// m64 = high half (movhps, movhpd stores).
    case storeHigh64
    /// Low half = high half of another register.
    case movhlps
    /// movd/movq xmm, r/m32|64 (`rm` GPR or memory, `size` 4 or 8).
    case movdToXMM
    /// movd/movq r/m32|64, xmm (`rm` GPR or memory, `size` 4 or 8).
    case movdFromXMM
    case movddup, movsldup, movshdup
    /// Byte-masked store of `reg` to [rdi] under the mask in `rm`.
    case maskmovdqu
    /// GPR `reg` = sign bits of xmm `rm`.
    case movmskps, movmskpd, pmovmskb
    /// pextrb/w/d/q, extractps: element `imm` of xmm `reg` to GPR or memory `rm` of `size` bytes.
    case pextr
    /// pinsrb/w/d/q: element `imm` of xmm `reg` from GPR or memory `rm` of `size` bytes.
    case pinsr
    case insertps
    /// movnti m32|64, GPR `reg`.
    case movnti

    // MARK: Integer
    case pand, pandn, por, pxor
    case paddb, paddw, paddd, paddq, psubb, psubw, psubd, psubq
    case paddsb, paddsw, paddusb, paddusw, psubsb, psubsw, psubusb, psubusw
    case pmullw, pmulld, pmulhw, pmulhuw, pmuludq, pmuldq, pmaddwd, pmaddubsw, pmulhrsw
    case psadbw, mpsadbw, pavgb, pavgw
    case pminub, pmaxub, pminsw, pmaxsw, pminsb, pmaxsb, pminuw, pmaxuw
    case pminsd, pmaxsd, pminud, pmaxud
    case pcmpeqb, pcmpeqw, pcmpeqd, pcmpeqq, pcmpgtb, pcmpgtw, pcmpgtd, pcmpgtq
    /// Shifts: count from xmm/m128 (`extra` 0) or from `imm` (`extra` 1, `reg` is the operand).
    case psrlw, psrld, psrlq, psraw, psrad, psllw, pslld, psllq
    /// Byte shifts by `imm` of xmm `reg`.
    case psrldq, pslldq
    case pabsb, pabsw, pabsd, psignb, psignw, psignd
    case phaddw, phaddd, phaddsw, phsubw, phsubd, phsubsw, phminposuw
    case ptest
    case packsswb, packssdw, packuswb, packusdw

    // MARK: Shuffles, unpacks, blends, extensions
    case shufps, shufpd
    case punpcklbw, punpcklwd, punpckldq, punpcklqdq, punpckhbw, punpckhwd, punpckhdq, punpckhqdq
    case pshufd, pshufhw, pshuflw, pshufb, palignr
    case blendps, blendpd, pblendw
    /// Variable blends selected by the sign bits of XMM0.
    case blendvps, blendvpd, pblendvb
    /// Sign/zero extension from a 16, 32 or 64-bit source (xmm low bits or memory).
    case pmovsxbw, pmovsxbd, pmovsxbq, pmovsxwd, pmovsxwq, pmovsxdq
    case pmovzxbw, pmovzxbd, pmovzxbq, pmovzxwd, pmovzxwq, pmovzxdq

    // MARK: SSE4.2
    case pcmpestri, pcmpestrm, pcmpistri, pcmpistrm
    /// crc32 GPR `reg` (width `extra`), r/m of `size` bytes.
    case crc32

    /// True for the operations whose result depends on MXCSR and that can raise exceptions.
    @inline(__always) var raisesFloatingPointExceptions: Bool { rawValue <= SSEOp.cvttpd2dq.rawValue }
}

/// MXCSR bits.
enum MXCSR {
    /// Exception flags IE, DE, ZE, OE, UE, PE (bits 0...5).
    static let flags: UInt32 = 0x3f
    /// Exception masks IM...PM (bits 7...12).
    static let masks: UInt32 = 0x1f80
    /// Pre-computation exceptions (invalid, denormal, divide by zero): an unmasked one stops the
    /// instruction before the post-computation ones are looked at.
    static let preComputation: UInt32 = 0x7
    /// Bits a guest may set; the others raise #GP in ldmxcsr and fxrstor.
    static let writable: UInt32 = 0xffff
    static let reset: UInt32 = 0x1f80
}

/// What the SSE unit needs from the host CPU: the shims execute SSE3, SSSE3, SSE4.1 and SSE4.2
/// instructions (x86-64-v2), whatever the guest is told by CPUID.
public enum SSEHostRequirement {
    /// True when the host CPU has every instruction set the shims use.
    public static var isSatisfied: Bool {
        var r: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &r) { host_cpuid(1, 0, $0.baseAddress!.assumingMemoryBound(to: UInt32.self)) }
        let needed: UInt32 = (1 << 0) | (1 << 9) | (1 << 19) | (1 << 20)   // SSE3, SSSE3, SSE4.1, SSE4.2
        return r.2 & needed == needed
    }
    static let description = "an x86-64 host with SSE4.2 (x86-64-v2)"
}

// While guest code runs, the guest's MXCSR lives in two places: `mxcsr` holds its control bits
// (masks, rounding, DAZ, FTZ) and the host register holds the same control bits with every
// exception masked, plus the guest's sticky exception flags. Host FP instructions executed by the
// shims therefore round like the guest and accumulate the guest's flags, and can never fault in
// the emulator; the rare guest that unmasks exceptions takes `executeSSEUnmasked`.
extension X86CPU {
    /// Installs the guest's MXCSR in the host register (on entry to `run`).
    @inline(__always) func enterGuestMXCSR() {
        host_set_mxcsr(mxcsr | MXCSR.masks)
    }

    /// Takes the guest's MXCSR back from the host register (before `run` returns).
    @inline(__always) func leaveGuestMXCSR() {
        mxcsr = (mxcsr & ~MXCSR.flags) | (host_get_mxcsr() & MXCSR.flags)
        host_set_mxcsr(MXCSR.reset)
    }

    /// Runs emulator work inside `run` that is not guest code and may use host floating point
    /// (Swift `Double`, and the standard library's hashed collections size themselves with it)
    /// under the default MXCSR, so that it neither raises the guest's sticky exception flags nor
    /// obeys the guest's rounding, DAZ or FTZ. Only for slow paths: it costs an stmxcsr and two
    /// ldmxcsr.
    @inline(__always) func withHostMXCSR<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let guest = host_get_mxcsr()
        host_set_mxcsr(MXCSR.reset)
        defer { host_set_mxcsr(guest) }
        return try body()
    }

    /// The guest's MXCSR while guest code runs (stmxcsr, fxsave).
    @inline(__always) var liveMXCSR: UInt32 {
        (mxcsr & ~MXCSR.flags) | (host_get_mxcsr() & MXCSR.flags)
    }

    /// Loads the guest's MXCSR while guest code runs (ldmxcsr, fxrstor); #GP on reserved bits.
    func setLiveMXCSR(_ v: UInt32) throws(Trap) {
        guard v & ~MXCSR.writable == 0 else { throw Trap(kind: .generalProtection) }
        mxcsr = v
        host_set_mxcsr(v | MXCSR.masks)
    }

    /// ldmxcsr m32 (`store` false) and stmxcsr m32 (`store` true).
    func executeMXCSR(_ d: UnsafeMutablePointer<Instruction>, store: Bool) throws(Trap) {
        let addr = ea(d)
        if store {
            try mmu.store(addr, liveMXCSR)
        } else {
            try setLiveMXCSR(try mmu.load(addr, as: UInt32.self))
        }
    }

    /// Executes one SSE instruction (`d.sub` is an `SSEOp`).
    func executeSSE(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        // The decoder stores only valid raw values, and a payload-free enum with implicit raw values
        // is laid out as its raw value: no range check needed.
        let op = unsafeBitCast(UInt8(truncatingIfNeeded: d.pointee.sub), to: SSEOp.self)
        if _slowPath(mxcsr & MXCSR.masks != MXCSR.masks) && op.raisesFloatingPointExceptions {
            try executeSSEUnmasked(d)
            return
        }
        switch op {
        // Floating point.
        case .addps: try binary128(d) { sse_addps($0, $1) }
        case .addpd: try binary128(d) { sse_addpd($0, $1) }
        case .addss: try scalarSingle(d) { sse_addss($0, $1) }
        case .addsd: try scalarDouble(d) { sse_addsd($0, $1) }
        case .subps: try binary128(d) { sse_subps($0, $1) }
        case .subpd: try binary128(d) { sse_subpd($0, $1) }
        case .subss: try scalarSingle(d) { sse_subss($0, $1) }
        case .subsd: try scalarDouble(d) { sse_subsd($0, $1) }
        case .mulps: try binary128(d) { sse_mulps($0, $1) }
        case .mulpd: try binary128(d) { sse_mulpd($0, $1) }
        case .mulss: try scalarSingle(d) { sse_mulss($0, $1) }
        case .mulsd: try scalarDouble(d) { sse_mulsd($0, $1) }
        case .divps: try binary128(d) { sse_divps($0, $1) }
        case .divpd: try binary128(d) { sse_divpd($0, $1) }
        case .divss: try scalarSingle(d) { sse_divss($0, $1) }
        case .divsd: try scalarDouble(d) { sse_divsd($0, $1) }
        case .minps: try binary128(d) { sse_minps($0, $1) }
        case .minpd: try binary128(d) { sse_minpd($0, $1) }
        case .minss: try scalarSingle(d) { sse_minss($0, $1) }
        case .minsd: try scalarDouble(d) { sse_minsd($0, $1) }
        case .maxps: try binary128(d) { sse_maxps($0, $1) }
        case .maxpd: try binary128(d) { sse_maxpd($0, $1) }
        case .maxss: try scalarSingle(d) { sse_maxss($0, $1) }
        case .maxsd: try scalarDouble(d) { sse_maxsd($0, $1) }
        case .sqrtps: try unary128(d) { sse_sqrtps($0) }
        case .sqrtpd: try unary128(d) { sse_sqrtpd($0) }
        case .sqrtss: try scalarSingleUnary(d) { sse_sqrtss($0) }
        case .sqrtsd: try scalarDoubleUnary(d) { sse_sqrtsd($0) }
        case .rcpps: try unary128(d) { sse_rcpps($0) }
        case .rcpss: try scalarSingleUnary(d) { sse_rcpss($0) }
        case .rsqrtps: try unary128(d) { sse_rsqrtps($0) }
        case .rsqrtss: try scalarSingleUnary(d) { sse_rsqrtss($0) }
        case .haddps: try binary128(d) { sse_haddps($0, $1) }
        case .haddpd: try binary128(d) { sse_haddpd($0, $1) }
        case .hsubps: try binary128(d) { sse_hsubps($0, $1) }
        case .hsubpd: try binary128(d) { sse_hsubpd($0, $1) }
        case .addsubps: try binary128(d) { sse_addsubps($0, $1) }
        case .addsubpd: try binary128(d) { sse_addsubpd($0, $1) }
        case .cmpps:
            let b = try source128(d, aligned: true)
            setXMMValue(d.pointee.reg, sse_cmpps(xmmValue(d.pointee.reg), b, d.pointee.sseImmediate))
        case .cmppd:
            let b = try source128(d, aligned: true)
            setXMMValue(d.pointee.reg, sse_cmppd(xmmValue(d.pointee.reg), b, d.pointee.sseImmediate))
        case .cmpss:
            let b = try sourceFloat(d)
            setXMMFloat(d.pointee.reg, sse_cmpss(xmmFloat(d.pointee.reg), b, d.pointee.sseImmediate))
        case .cmpsd:
            let b = try sourceDouble(d)
            setXMMDouble(d.pointee.reg, sse_cmpsd(xmmDouble(d.pointee.reg), b, d.pointee.sseImmediate))
        case .comiss: try compareScalarSingle(d) { sse_comiss($0, $1) }
        case .comisd: try compareScalarDouble(d) { sse_comisd($0, $1) }
        case .ucomiss: try compareScalarSingle(d) { sse_ucomiss($0, $1) }
        case .ucomisd: try compareScalarDouble(d) { sse_ucomisd($0, $1) }
        case .roundps: setXMMValue(d.pointee.reg, sse_roundps(try source128(d, aligned: true), d.pointee.sseImmediate))
        case .roundpd: setXMMValue(d.pointee.reg, sse_roundpd(try source128(d, aligned: true), d.pointee.sseImmediate))
        case .roundss: setXMMFloat(d.pointee.reg, sse_roundss(try sourceFloat(d), d.pointee.sseImmediate))
        case .roundsd: setXMMDouble(d.pointee.reg, sse_roundsd(try sourceDouble(d), d.pointee.sseImmediate))
        case .dpps:
            let b = try source128(d, aligned: true)
            setXMMValue(d.pointee.reg, sse_dpps(xmmValue(d.pointee.reg), b, d.pointee.sseImmediate))
        case .dppd:
            let b = try source128(d, aligned: true)
            setXMMValue(d.pointee.reg, sse_dppd(xmmValue(d.pointee.reg), b, d.pointee.sseImmediate))

        // Conversions.
        case .cvtsi2ss: try cvtsi2ss(d)
        case .cvtsi2sd: try cvtsi2sd(d)
        case .cvtss2si: try cvtss2si(d, truncating: false)
        case .cvttss2si: try cvtss2si(d, truncating: true)
        case .cvtsd2si: try cvtsd2si(d, truncating: false)
        case .cvttsd2si: try cvtsd2si(d, truncating: true)
        case .cvtss2sd: try cvtss2sd(d)
        case .cvtsd2ss: try cvtsd2ss(d)
        case .cvtps2pd: try convertLow64(d) { sse_cvtps2pd($0) }
        case .cvtdq2pd: try convertLow64(d) { sse_cvtdq2pd($0) }
        case .cvtpd2ps: try unary128(d) { sse_cvtpd2ps($0) }
        case .cvtdq2ps: try unary128(d) { sse_cvtdq2ps($0) }
        case .cvtps2dq: try unary128(d) { sse_cvtps2dq($0) }
        case .cvttps2dq: try unary128(d) { sse_cvttps2dq($0) }
        case .cvtpd2dq: try unary128(d) { sse_cvtpd2dq($0) }
        case .cvttpd2dq: try unary128(d) { sse_cvttpd2dq($0) }

        // Data movement.
        case .movAligned: setXMMValue(d.pointee.reg, try source128(d, aligned: true))
        case .movUnaligned: setXMMValue(d.pointee.reg, try source128(d, aligned: false))
        case .storeAligned: try storeM128(ea(d), xmmValue(d.pointee.reg), aligned: true)
        case .storeUnaligned: try storeM128(ea(d), xmmValue(d.pointee.reg), aligned: false)
        case .merge32: setXMMLane32(d.pointee.reg, 0, xmmLane32(d.pointee.rm, 0))
        case .merge64: setXMMLane64(d.pointee.reg, 0, xmmLane64(d.pointee.rm, 0))
        case .loadZero32: setXMMValue(d.pointee.reg, XMMValue(UInt64(try mmu.load(ea(d), as: UInt32.self)), 0))
        case .loadZero64: setXMMValue(d.pointee.reg, XMMValue(try source64(d), 0))
        case .store32: try mmu.store(ea(d), xmmLane32(d.pointee.reg, 0))
        case .store64: try mmu.store(ea(d), xmmLane64(d.pointee.reg, 0))
        case .loadLow64: setXMMLane64(d.pointee.reg, 0, try mmu.load(ea(d), as: UInt64.self))
        case .loadHigh64: setXMMLane64(d.pointee.reg, 1, try source64(d))
        case .storeHigh64: try mmu.store(ea(d), xmmLane64(d.pointee.reg, 1))
        case .movhlps: setXMMLane64(d.pointee.reg, 0, xmmLane64(d.pointee.rm, 1))
        case .movdToXMM: try movdToXMM(d)
        case .movdFromXMM: try movdFromXMM(d)
        case .movddup:
            let v = try source64(d)
            setXMMValue(d.pointee.reg, XMMValue(v, v))
        case .movsldup: try movDuplicate32(d, odd: false)
        case .movshdup: try movDuplicate32(d, odd: true)
        case .maskmovdqu: try maskmovdqu(d)
        case .movmskps: movmskps(d)
        case .movmskpd: movmskpd(d)
        case .pmovmskb: set64(d.pointee.reg, UInt64(sse_pmovmskb(xmmValue(d.pointee.rm))))
        case .pextr: try pextr(d)
        case .pinsr: try pinsr(d)
        case .insertps: try insertps(d)
        case .movnti:
            if d.pointee.size == 8 { try mmu.store(ea(d), r64(d.pointee.reg)) } else { try mmu.store(ea(d), r32(d.pointee.reg)) }

        // Integer.
        case .pand: try integerOp(d, U64x2.self) { $0 & $1 }
        case .pandn: try integerOp(d, U64x2.self) { ~$0 & $1 }
        case .por: try integerOp(d, U64x2.self) { $0 | $1 }
        case .pxor: try integerOp(d, U64x2.self) { $0 ^ $1 }
        case .paddb: try integerOp(d, U8x16.self) { $0 &+ $1 }
        case .paddw: try integerOp(d, U16x8.self) { $0 &+ $1 }
        case .paddd: try integerOp(d, U32x4.self) { $0 &+ $1 }
        case .paddq: try integerOp(d, U64x2.self) { $0 &+ $1 }
        case .psubb: try integerOp(d, U8x16.self) { $0 &- $1 }
        case .psubw: try integerOp(d, U16x8.self) { $0 &- $1 }
        case .psubd: try integerOp(d, U32x4.self) { $0 &- $1 }
        case .psubq: try integerOp(d, U64x2.self) { $0 &- $1 }
        case .paddsb: try binary128(d) { sse_paddsb($0, $1) }
        case .paddsw: try binary128(d) { sse_paddsw($0, $1) }
        case .paddusb: try binary128(d) { sse_paddusb($0, $1) }
        case .paddusw: try binary128(d) { sse_paddusw($0, $1) }
        case .psubsb: try binary128(d) { sse_psubsb($0, $1) }
        case .psubsw: try binary128(d) { sse_psubsw($0, $1) }
        case .psubusb: try binary128(d) { sse_psubusb($0, $1) }
        case .psubusw: try binary128(d) { sse_psubusw($0, $1) }
        case .pmullw: try integerOp(d, U16x8.self) { $0 &* $1 }
        case .pmulld: try integerOp(d, U32x4.self) { $0 &* $1 }
        case .pmulhw: try binary128(d) { sse_pmulhw($0, $1) }
        case .pmulhuw: try binary128(d) { sse_pmulhuw($0, $1) }
        case .pmuludq: try binary128(d) { sse_pmuludq($0, $1) }
        case .pmuldq: try binary128(d) { sse_pmuldq($0, $1) }
        case .pmaddwd: try binary128(d) { sse_pmaddwd($0, $1) }
        case .pmaddubsw: try binary128(d) { sse_pmaddubsw($0, $1) }
        case .pmulhrsw: try binary128(d) { sse_pmulhrsw($0, $1) }
        case .psadbw: try binary128(d) { sse_psadbw($0, $1) }
        case .mpsadbw:
            let b = try source128(d, aligned: true)
            setXMMValue(d.pointee.reg, sse_mpsadbw(xmmValue(d.pointee.reg), b, d.pointee.sseImmediate))
        case .pavgb: try binary128(d) { sse_pavgb($0, $1) }
        case .pavgw: try binary128(d) { sse_pavgw($0, $1) }
        case .pminub: try binary128(d) { sse_pminub($0, $1) }
        case .pmaxub: try binary128(d) { sse_pmaxub($0, $1) }
        case .pminsw: try binary128(d) { sse_pminsw($0, $1) }
        case .pmaxsw: try binary128(d) { sse_pmaxsw($0, $1) }
        case .pminsb: try binary128(d) { sse_pminsb($0, $1) }
        case .pmaxsb: try binary128(d) { sse_pmaxsb($0, $1) }
        case .pminuw: try binary128(d) { sse_pminuw($0, $1) }
        case .pmaxuw: try binary128(d) { sse_pmaxuw($0, $1) }
        case .pminsd: try binary128(d) { sse_pminsd($0, $1) }
        case .pmaxsd: try binary128(d) { sse_pmaxsd($0, $1) }
        case .pminud: try binary128(d) { sse_pminud($0, $1) }
        case .pmaxud: try binary128(d) { sse_pmaxud($0, $1) }
        case .pcmpeqb: try binary128(d) { sse_pcmpeqb($0, $1) }
        case .pcmpeqw: try binary128(d) { sse_pcmpeqw($0, $1) }
        case .pcmpeqd: try binary128(d) { sse_pcmpeqd($0, $1) }
        case .pcmpeqq: try binary128(d) { sse_pcmpeqq($0, $1) }
        case .pcmpgtb: try binary128(d) { sse_pcmpgtb($0, $1) }
        case .pcmpgtw: try binary128(d) { sse_pcmpgtw($0, $1) }
        case .pcmpgtd: try binary128(d) { sse_pcmpgtd($0, $1) }
        case .pcmpgtq: try binary128(d) { sse_pcmpgtq($0, $1) }
        case .psrlw: try shiftRightLogical(d, U16x8.self)
        case .psrld: try shiftRightLogical(d, U32x4.self)
        case .psrlq: try shiftRightLogical(d, U64x2.self)
        case .psraw: try shiftRightArithmetic(d, I16x8.self)
        case .psrad: try shiftRightArithmetic(d, I32x4.self)
        case .psllw: try shiftLeft(d, U16x8.self)
        case .pslld: try shiftLeft(d, U32x4.self)
        case .psllq: try shiftLeft(d, U64x2.self)
        case .psrldq: byteShift(d, left: false)
        case .pslldq: byteShift(d, left: true)
        case .pabsb: try unary128(d) { sse_pabsb($0) }
        case .pabsw: try unary128(d) { sse_pabsw($0) }
        case .pabsd: try unary128(d) { sse_pabsd($0) }
        case .psignb: try binary128(d) { sse_psignb($0, $1) }
        case .psignw: try binary128(d) { sse_psignw($0, $1) }
        case .psignd: try binary128(d) { sse_psignd($0, $1) }
        case .phaddw: try binary128(d) { sse_phaddw($0, $1) }
        case .phaddd: try binary128(d) { sse_phaddd($0, $1) }
        case .phaddsw: try binary128(d) { sse_phaddsw($0, $1) }
        case .phsubw: try binary128(d) { sse_phsubw($0, $1) }
        case .phsubd: try binary128(d) { sse_phsubd($0, $1) }
        case .phsubsw: try binary128(d) { sse_phsubsw($0, $1) }
        case .phminposuw: try unary128(d) { sse_phminposuw($0) }
        case .ptest: try ptest(d)
        case .packsswb: try binary128(d) { sse_packsswb($0, $1) }
        case .packssdw: try binary128(d) { sse_packssdw($0, $1) }
        case .packuswb: try binary128(d) { sse_packuswb($0, $1) }
        case .packusdw: try binary128(d) { sse_packusdw($0, $1) }

        // Shuffles.
        case .shufps: try shufps(d)
        case .shufpd: try shufpd(d)
        case .punpcklbw: try unpack(d, U8x16.self, high: false)
        case .punpcklwd: try unpack(d, U16x8.self, high: false)
        case .punpckldq: try unpack(d, U32x4.self, high: false)
        case .punpcklqdq: try unpack(d, U64x2.self, high: false)
        case .punpckhbw: try unpack(d, U8x16.self, high: true)
        case .punpckhwd: try unpack(d, U16x8.self, high: true)
        case .punpckhdq: try unpack(d, U32x4.self, high: true)
        case .punpckhqdq: try unpack(d, U64x2.self, high: true)
        case .pshufd: try pshufd(d)
        case .pshufhw: try pshufw(d, high: true)
        case .pshuflw: try pshufw(d, high: false)
        case .pshufb: try binary128(d) { sse_pshufb($0, $1) }
        case .palignr: try palignr(d)
        case .blendps: try blend(d, U32x4.self)
        case .blendpd: try blend(d, U64x2.self)
        case .pblendw: try blend(d, U16x8.self)
        case .blendvps: try blendVariable(d, I32x4.self)
        case .blendvpd: try blendVariable(d, I64x2.self)
        case .pblendvb: try blendVariable(d, I8x16.self)
        case .pmovsxbw: try extend(d, from: Int8.self, to: Int16.self)
        case .pmovsxbd: try extend(d, from: Int8.self, to: Int32.self)
        case .pmovsxbq: try extend(d, from: Int8.self, to: Int64.self)
        case .pmovsxwd: try extend(d, from: Int16.self, to: Int32.self)
        case .pmovsxwq: try extend(d, from: Int16.self, to: Int64.self)
        case .pmovsxdq: try extend(d, from: Int32.self, to: Int64.self)
        case .pmovzxbw: try extend(d, from: UInt8.self, to: UInt16.self)
        case .pmovzxbd: try extend(d, from: UInt8.self, to: UInt32.self)
        case .pmovzxbq: try extend(d, from: UInt8.self, to: UInt64.self)
        case .pmovzxwd: try extend(d, from: UInt16.self, to: UInt32.self)
        case .pmovzxwq: try extend(d, from: UInt16.self, to: UInt64.self)
        case .pmovzxdq: try extend(d, from: UInt32.self, to: UInt64.self)

        // SSE4.2.
        case .pcmpestri: try pcmpestri(d)
        case .pcmpestrm: try pcmpestrm(d)
        case .pcmpistri: try pcmpistri(d)
        case .pcmpistrm: try pcmpistrm(d)
        case .crc32: try crc32(d)
        }
    }

    /// A floating-point instruction while the guest has unmasked some exception: run it with all
    /// exceptions masked and fresh flags, and if it raised an unmasked one, undo its register
    /// effects (floating-point instructions write only XMM `reg`, a GPR or EFLAGS), record the
    /// flags as hardware would and deliver #XM.
    @inline(never)
    func executeSSEUnmasked(_ d: UnsafeMutablePointer<Instruction>) throws(Trap) {
        let control = mxcsr
        let before = host_get_mxcsr()
        let savedXMM = xmmValue(d.pointee.reg & 15)
        let savedGPR = d.pointee.reg < 128 ? regs.loadUnaligned(fromByteOffset: Int(d.pointee.reg & ~7), as: UInt64.self) : 0
        let savedFlags = rflags
        host_set_mxcsr((before & ~MXCSR.flags) | MXCSR.masks)
        // Make the re-entrant call take the ordinary path.
        mxcsr = control | MXCSR.masks
        defer { mxcsr = control }
        do {
            try executeSSE(d)
        } catch {
            host_set_mxcsr(before)
            throw error
        }
        let raised = host_get_mxcsr() & MXCSR.flags
        let unmasked = raised & ~(control >> 7) & MXCSR.flags
        if unmasked == 0 {
            host_set_mxcsr(before | raised)
            return
        }
        setXMMValue(d.pointee.reg & 15, savedXMM)
        if d.pointee.reg < 128 { regs.storeBytes(of: savedGPR, toByteOffset: Int(d.pointee.reg & ~7), as: UInt64.self) }
        rflags = savedFlags
        let recorded = unmasked & MXCSR.preComputation != 0 ? raised & MXCSR.preComputation : raised
        host_set_mxcsr(before | recorded)
        throw Trap(kind: .simdFloatingPoint)
    }
}

extension Instruction {
    /// The immediate byte of an SSE instruction.
    @inline(__always) var sseImmediate: UInt8 { UInt8(truncatingIfNeeded: imm) }
}
