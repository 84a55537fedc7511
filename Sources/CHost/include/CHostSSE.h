// Host SSE shims: the guest's floating-point SSE instructions (and a few integer ones with
// intricate semantics) executed by the host's own instruction, so that results, NaN payloads,
// signed zeros, denormals, rounding, DAZ/FTZ and the MXCSR exception flags are bit-identical to
// hardware. The interpreter keeps the host MXCSR equal to the guest's (with every exception
// masked) while guest code runs, so the shims need no ldmxcsr.
//
// Operands are passed by value (a 128-bit vector, or the low float/double of a register) and the
// small shims are static inline: Swift inlines them, so `addsd` costs about what it costs natively.
// Instructions with an immediate need one asm statement per immediate value; the large tables
// (dpps, dppd, the SSE4.2 string compares) live out of line in sse.c.
//
// The host must have SSE4.2 (x86-64-v2); `SSEHostRequirement` in the emulator checks it.
#ifndef CHOST_SSE_H
#define CHOST_SSE_H

#include <stdint.h>

/// One XMM register value (imported into Swift as SIMD2<UInt64>).
typedef uint64_t sse_v128 __attribute__((vector_size(16)));

// ---- Packed arithmetic: dst = dst op src.
#define SSE_PACKED_BINARY(insn) \
    static inline sse_v128 sse_##insn(sse_v128 a, sse_v128 b) { \
        __asm__ volatile(#insn " %1, %0" : "+x"(a) : "x"(b)); \
        return a; \
    }
SSE_PACKED_BINARY(addps)
SSE_PACKED_BINARY(addpd)
SSE_PACKED_BINARY(subps)
SSE_PACKED_BINARY(subpd)
SSE_PACKED_BINARY(mulps)
SSE_PACKED_BINARY(mulpd)
SSE_PACKED_BINARY(divps)
SSE_PACKED_BINARY(divpd)
SSE_PACKED_BINARY(minps)
SSE_PACKED_BINARY(minpd)
SSE_PACKED_BINARY(maxps)
SSE_PACKED_BINARY(maxpd)
SSE_PACKED_BINARY(haddps)
SSE_PACKED_BINARY(haddpd)
SSE_PACKED_BINARY(hsubps)
SSE_PACKED_BINARY(hsubpd)
SSE_PACKED_BINARY(addsubps)
SSE_PACKED_BINARY(addsubpd)
#undef SSE_PACKED_BINARY

// ---- Packed one-operand operations and conversions: dst = f(src).
#define SSE_PACKED_UNARY(insn) \
    static inline sse_v128 sse_##insn(sse_v128 b) { \
        sse_v128 r; \
        __asm__ volatile(#insn " %1, %0" : "=x"(r) : "x"(b)); \
        return r; \
    }
SSE_PACKED_UNARY(sqrtps)
SSE_PACKED_UNARY(sqrtpd)
SSE_PACKED_UNARY(rcpps)
SSE_PACKED_UNARY(rsqrtps)
SSE_PACKED_UNARY(cvtps2pd)
SSE_PACKED_UNARY(cvtpd2ps)
SSE_PACKED_UNARY(cvtdq2ps)
SSE_PACKED_UNARY(cvtps2dq)
SSE_PACKED_UNARY(cvttps2dq)
SSE_PACKED_UNARY(cvtdq2pd)
SSE_PACKED_UNARY(cvtpd2dq)
SSE_PACKED_UNARY(cvttpd2dq)
#undef SSE_PACKED_UNARY

// ---- Scalar arithmetic on the low element: the caller keeps the upper part of the register.
#define SSE_SCALAR_BINARY(insn, type) \
    static inline type sse_##insn(type a, type b) { \
        __asm__ volatile(#insn " %1, %0" : "+x"(a) : "x"(b)); \
        return a; \
    }
SSE_SCALAR_BINARY(addss, float)
SSE_SCALAR_BINARY(subss, float)
SSE_SCALAR_BINARY(mulss, float)
SSE_SCALAR_BINARY(divss, float)
SSE_SCALAR_BINARY(minss, float)
SSE_SCALAR_BINARY(maxss, float)
SSE_SCALAR_BINARY(addsd, double)
SSE_SCALAR_BINARY(subsd, double)
SSE_SCALAR_BINARY(mulsd, double)
SSE_SCALAR_BINARY(divsd, double)
SSE_SCALAR_BINARY(minsd, double)
SSE_SCALAR_BINARY(maxsd, double)
#undef SSE_SCALAR_BINARY

#define SSE_SCALAR_UNARY(insn, rtype, type) \
    static inline rtype sse_##insn(type b) { \
        rtype r; \
        __asm__ volatile(#insn " %1, %0" : "=x"(r) : "x"(b)); \
        return r; \
    }
SSE_SCALAR_UNARY(sqrtss, float, float)
SSE_SCALAR_UNARY(rcpss, float, float)
SSE_SCALAR_UNARY(rsqrtss, float, float)
SSE_SCALAR_UNARY(sqrtsd, double, double)
SSE_SCALAR_UNARY(cvtss2sd, double, float)
SSE_SCALAR_UNARY(cvtsd2ss, float, double)
#undef SSE_SCALAR_UNARY

// ---- Integer <-> floating-point scalar conversions (32- or 64-bit integer by the operand type).
#define SSE_INT_TO_FP(name, insn, rtype, itype) \
    static inline rtype sse_##name(itype v) { \
        rtype r; \
        __asm__ volatile(#insn " %1, %0" : "=x"(r) : "r"(v)); \
        return r; \
    }
SSE_INT_TO_FP(cvtsi2ss32, cvtsi2ssl, float, int32_t)
SSE_INT_TO_FP(cvtsi2ss64, cvtsi2ssq, float, int64_t)
SSE_INT_TO_FP(cvtsi2sd32, cvtsi2sdl, double, int32_t)
SSE_INT_TO_FP(cvtsi2sd64, cvtsi2sdq, double, int64_t)
#undef SSE_INT_TO_FP

#define SSE_FP_TO_INT(name, insn, itype, type) \
    static inline itype sse_##name(type v) { \
        itype r; \
        __asm__ volatile(#insn " %1, %0" : "=r"(r) : "x"(v)); \
        return r; \
    }
SSE_FP_TO_INT(cvtss2si32, cvtss2si, int32_t, float)
SSE_FP_TO_INT(cvtss2si64, cvtss2si, int64_t, float)
SSE_FP_TO_INT(cvttss2si32, cvttss2si, int32_t, float)
SSE_FP_TO_INT(cvttss2si64, cvttss2si, int64_t, float)
SSE_FP_TO_INT(cvtsd2si32, cvtsd2si, int32_t, double)
SSE_FP_TO_INT(cvtsd2si64, cvtsd2si, int64_t, double)
SSE_FP_TO_INT(cvttsd2si32, cvttsd2si, int32_t, double)
SSE_FP_TO_INT(cvttsd2si64, cvttsd2si, int64_t, double)
#undef SSE_FP_TO_INT

// ---- (u)comiss/(u)comisd: the resulting ZF, PF and CF, at their EFLAGS bit positions.
#define SSE_COMPARE_FLAGS(insn, type) \
    static inline uint32_t sse_##insn(type a, type b) { \
        uint8_t z, p, c; \
        __asm__ volatile(#insn " %4, %3\n\tsetz %0\n\tsetp %1\n\tsetc %2" \
                         : "=q"(z), "=q"(p), "=q"(c) : "x"(a), "x"(b) : "cc"); \
        return ((uint32_t)z << 6) | ((uint32_t)p << 2) | (uint32_t)c; \
    }
SSE_COMPARE_FLAGS(comiss, float)
SSE_COMPARE_FLAGS(ucomiss, float)
SSE_COMPARE_FLAGS(comisd, double)
SSE_COMPARE_FLAGS(ucomisd, double)
#undef SSE_COMPARE_FLAGS

// ---- Compares with a predicate (legacy encodings use imm8 bits 2:0 only, as hardware does).
#define SSE_CMP_CASE(insn, i) case i: __asm__ volatile(#insn " %2, %1, %0" : "+x"(a) : "x"(b), "i"(i)); break;
#define SSE_CMP(insn, type) \
    static inline type sse_##insn(type a, type b, uint8_t imm) { \
        switch (imm & 7) { \
        SSE_CMP_CASE(insn, 0) SSE_CMP_CASE(insn, 1) SSE_CMP_CASE(insn, 2) SSE_CMP_CASE(insn, 3) \
        SSE_CMP_CASE(insn, 4) SSE_CMP_CASE(insn, 5) SSE_CMP_CASE(insn, 6) default: SSE_CMP_CASE(insn, 7) \
        } \
        return a; \
    }
SSE_CMP(cmpps, sse_v128)
SSE_CMP(cmppd, sse_v128)
SSE_CMP(cmpss, float)
SSE_CMP(cmpsd, double)
#undef SSE_CMP
#undef SSE_CMP_CASE

// ---- SSE4.1 rounding (imm8 bits 3:0 matter: rounding control, MXCSR select, precision mask).
#define SSE_ROUND_CASE(insn, i) case i: __asm__ volatile(#insn " %2, %1, %0" : "=x"(r) : "x"(b), "i"(i)); break;
#define SSE_ROUND(insn, type) \
    static inline type sse_##insn(type b, uint8_t imm) { \
        type r; \
        switch (imm & 15) { \
        SSE_ROUND_CASE(insn, 0) SSE_ROUND_CASE(insn, 1) SSE_ROUND_CASE(insn, 2) SSE_ROUND_CASE(insn, 3) \
        SSE_ROUND_CASE(insn, 4) SSE_ROUND_CASE(insn, 5) SSE_ROUND_CASE(insn, 6) SSE_ROUND_CASE(insn, 7) \
        SSE_ROUND_CASE(insn, 8) SSE_ROUND_CASE(insn, 9) SSE_ROUND_CASE(insn, 10) SSE_ROUND_CASE(insn, 11) \
        SSE_ROUND_CASE(insn, 12) SSE_ROUND_CASE(insn, 13) SSE_ROUND_CASE(insn, 14) default: SSE_ROUND_CASE(insn, 15) \
        } \
        return r; \
    }
SSE_ROUND(roundps, sse_v128)
SSE_ROUND(roundpd, sse_v128)
SSE_ROUND(roundss, float)
SSE_ROUND(roundsd, double)
#undef SSE_ROUND
#undef SSE_ROUND_CASE

// ---- Out of line (sse.c): dot products and SSE4.2 string compares, one case per immediate.
sse_v128 sse_dpps(sse_v128 a, sse_v128 b, uint8_t imm);
sse_v128 sse_dppd(sse_v128 a, sse_v128 b, uint8_t imm);
/// pcmpestri: returns ECX | flags << 32 (CF, ZF, SF, OF at their EFLAGS positions; the others
/// clear). `la` and `lb` are the already-saturated lengths (0...16).
uint64_t sse_pcmpestri(sse_v128 a, sse_v128 b, int32_t la, int32_t lb, uint8_t imm);
/// pcmpistri: as pcmpestri, with implicit (NUL-terminated) lengths.
uint64_t sse_pcmpistri(sse_v128 a, sse_v128 b, uint8_t imm);
/// pcmpestrm: returns the mask (the XMM0 result); `flags` receives the EFLAGS bits.
sse_v128 sse_pcmpestrm(sse_v128 a, sse_v128 b, int32_t la, int32_t lb, uint8_t imm, uint32_t *flags);
sse_v128 sse_pcmpistrm(sse_v128 a, sse_v128 b, uint8_t imm, uint32_t *flags);

// ---- Integer operations whose saturation, rounding or horizontal semantics are easiest to get
// exactly right from the host instruction (SSE2, SSSE3, SSE4.1). No MXCSR involvement.
#define SSE_INT_BINARY(insn) \
    static inline sse_v128 sse_##insn(sse_v128 a, sse_v128 b) { \
        __asm__(#insn " %1, %0" : "+x"(a) : "x"(b)); \
        return a; \
    }
SSE_INT_BINARY(paddsb)
SSE_INT_BINARY(paddsw)
SSE_INT_BINARY(paddusb)
SSE_INT_BINARY(paddusw)
SSE_INT_BINARY(psubsb)
SSE_INT_BINARY(psubsw)
SSE_INT_BINARY(psubusb)
SSE_INT_BINARY(psubusw)
SSE_INT_BINARY(pmulhw)
SSE_INT_BINARY(pmulhuw)
SSE_INT_BINARY(pmaddwd)
SSE_INT_BINARY(psadbw)
SSE_INT_BINARY(pavgb)
SSE_INT_BINARY(pavgw)
SSE_INT_BINARY(packsswb)
SSE_INT_BINARY(packssdw)
SSE_INT_BINARY(packuswb)
SSE_INT_BINARY(packusdw)
SSE_INT_BINARY(pshufb)
SSE_INT_BINARY(phaddw)
SSE_INT_BINARY(phaddd)
SSE_INT_BINARY(phaddsw)
SSE_INT_BINARY(phsubw)
SSE_INT_BINARY(phsubd)
SSE_INT_BINARY(phsubsw)
SSE_INT_BINARY(pmaddubsw)
SSE_INT_BINARY(pmulhrsw)
SSE_INT_BINARY(psignb)
SSE_INT_BINARY(psignw)
SSE_INT_BINARY(psignd)
SSE_INT_BINARY(pmuldq)
SSE_INT_BINARY(pmuludq)
SSE_INT_BINARY(pminub)
SSE_INT_BINARY(pmaxub)
SSE_INT_BINARY(pminsw)
SSE_INT_BINARY(pmaxsw)
SSE_INT_BINARY(pminsb)
SSE_INT_BINARY(pmaxsb)
SSE_INT_BINARY(pminuw)
SSE_INT_BINARY(pmaxuw)
SSE_INT_BINARY(pminsd)
SSE_INT_BINARY(pmaxsd)
SSE_INT_BINARY(pminud)
SSE_INT_BINARY(pmaxud)
SSE_INT_BINARY(pcmpeqb)
SSE_INT_BINARY(pcmpeqw)
SSE_INT_BINARY(pcmpeqd)
SSE_INT_BINARY(pcmpeqq)
SSE_INT_BINARY(pcmpgtb)
SSE_INT_BINARY(pcmpgtw)
SSE_INT_BINARY(pcmpgtd)
SSE_INT_BINARY(pcmpgtq)
#undef SSE_INT_BINARY

#define SSE_INT_UNARY(insn) \
    static inline sse_v128 sse_##insn(sse_v128 b) { \
        sse_v128 r; \
        __asm__(#insn " %1, %0" : "=x"(r) : "x"(b)); \
        return r; \
    }
SSE_INT_UNARY(pabsb)
SSE_INT_UNARY(pabsw)
SSE_INT_UNARY(pabsd)
#undef SSE_INT_UNARY

static inline sse_v128 sse_phminposuw(sse_v128 b) {
    sse_v128 r;
    __asm__("phminposuw %1, %0" : "=x"(r) : "x"(b));
    return r;
}
static inline uint32_t sse_pmovmskb(sse_v128 b) {
    uint32_t r;
    __asm__("pmovmskb %1, %0" : "=r"(r) : "x"(b));
    return r;
}
#define SSE_MPSADBW_CASE(i) case i: __asm__("mpsadbw %2, %1, %0" : "+x"(a) : "x"(b), "i"(i)); break;
/// mpsadbw: imm8 bits 2:0 select the blocks; the others are ignored.
static inline sse_v128 sse_mpsadbw(sse_v128 a, sse_v128 b, uint8_t imm) {
    switch (imm & 7) {
    SSE_MPSADBW_CASE(0) SSE_MPSADBW_CASE(1) SSE_MPSADBW_CASE(2) SSE_MPSADBW_CASE(3)
    SSE_MPSADBW_CASE(4) SSE_MPSADBW_CASE(5) SSE_MPSADBW_CASE(6) default: SSE_MPSADBW_CASE(7)
    }
    return a;
}
#undef SSE_MPSADBW_CASE

// ---- crc32 (SSE4.2): CRC-32C steps of 1, 2, 4 or 8 bytes.
static inline uint32_t sse_crc32_8(uint32_t c, uint8_t v) { __asm__("crc32b %1, %0" : "+r"(c) : "r"(v)); return c; }
static inline uint32_t sse_crc32_16(uint32_t c, uint16_t v) { __asm__("crc32w %1, %0" : "+r"(c) : "r"(v)); return c; }
static inline uint32_t sse_crc32_32(uint32_t c, uint32_t v) { __asm__("crc32l %1, %0" : "+r"(c) : "r"(v)); return c; }
static inline uint64_t sse_crc32_64(uint64_t c, uint64_t v) { __asm__("crc32q %1, %0" : "+r"(c) : "r"(v)); return c; }

#endif
