// Host x87 operations for the emulated FPU (see CHostX87.h).
//
// Each call: save the host control word, load the guest's with all exceptions masked, clear the
// host's exception flags if need be (see hx87_exec in the header), push the operands, run
// exactly one x87 instruction, read the status word, pop what is left (into `out` or nowhere),
// restore the control word. The steps are separate asm statements; this is sound because
// nothing in this file computes with `long double`, so the compiler never touches the x87
// stack between them, and volatile asm statements keep their order. Register-to-register forms
// are written as raw opcode bytes: AT&T syntax swaps the meaning of fsub/fsubr and fdiv/fdivr
// in some forms, and the bytes say exactly which Intel instruction runs (the comments give the
// Intel form).
#include "CHostX87.h"

/// C0, C1, C2, C3 in the status word.
#define CONDITION_BITS 0x4700

/// An 80-bit extended value in memory.
typedef struct { uint8_t b[10]; } f80;

#define X87(text) __asm__ volatile(text ::: "memory")
#define X87_LOAD(text, type) __asm__ volatile(text " %0" : : "m"(*(const type *)mem) : "memory")
#define X87_STORE(text, type) __asm__ volatile(text " %0" : "=m"(*(type *)mem) : : "memory")

// The eight members of a memory-operand arithmetic group: `pre` "add" `suf` and so on.
#define MEM_GROUP(base, pre, suf, type)                                       \
    case (base) + 0: X87_LOAD(pre "add" suf, type); break;                    \
    case (base) + 1: X87_LOAD(pre "mul" suf, type); break;                    \
    case (base) + 2:                                                          \
    case (base) + 3: X87_LOAD(pre "com" suf, type); break;                    \
    case (base) + 4: X87_LOAD(pre "sub" suf, type); break;                    \
    case (base) + 5: X87_LOAD(pre "subr" suf, type); break;                   \
    case (base) + 6: X87_LOAD(pre "div" suf, type); break;                    \
    case (base) + 7: X87_LOAD(pre "divr" suf, type); break;

hx87_result hx87_exec(uint32_t op, uint16_t cw, uint16_t sw, uint32_t keep,
                      const void *st0, const void *st1, void *mem, void *out) {
    hx87_result r = {0, 0, 0};
    uint16_t saved_cw, masked_cw = (uint16_t)(cw | 0x3f), before, after;
    __asm__ volatile("fnstcw %0\n\tfldcw %2\n\tfnstsw %1" : "=m"(saved_cw), "=m"(before) : "m"(masked_cw) : "memory");
    // The host's flags are sticky; clearing them costs more than the operation, so keep them
    // while they are a subset of the guest's (the usual case: they came from the guest).
    uint16_t present = before & 0x3f;
    if (present & ~sw & 0x3f) {
        X87("fnclex");
        present = 0;
    }
    if (op == HX87_FPREM || op == HX87_FPREM1) {
        uint16_t env[14];   // 28-byte environment; the status word is env[2]
        __asm__ volatile("fnstenv %0" : "=m"(env) : : "memory");
        env[2] = (uint16_t)((env[2] & ~CONDITION_BITS) | (sw & CONDITION_BITS));
        __asm__ volatile("fldenv %0" : : "m"(env) : "memory");
    }
    if (st1) __asm__ volatile("fldt %0" : : "m"(*(const f80 *)st1) : "memory");
    if (st0) __asm__ volatile("fldt %0" : : "m"(*(const f80 *)st0) : "memory");

    switch (op) {
    MEM_GROUP(HX87_ARITH_M32FP, "f", "s", float)
    MEM_GROUP(HX87_ARITH_M64FP, "f", "l", double)
    MEM_GROUP(HX87_ARITH_M32INT, "fi", "l", int32_t)
    MEM_GROUP(HX87_ARITH_M16INT, "fi", "s", int16_t)

    case HX87_ARITH_ST0_STI + 0: X87(".byte 0xd8, 0xc1"); break;   // fadd st(0), st(1)
    case HX87_ARITH_ST0_STI + 1: X87(".byte 0xd8, 0xc9"); break;   // fmul st(0), st(1)
    case HX87_ARITH_ST0_STI + 2:
    case HX87_ARITH_ST0_STI + 3:
    case HX87_ARITH_STI_ST0 + 2:
    case HX87_ARITH_STI_ST0 + 3: X87(".byte 0xd8, 0xd1"); break;   // fcom st(1)
    case HX87_ARITH_ST0_STI + 4: X87(".byte 0xd8, 0xe1"); break;   // fsub st(0), st(1): st0 = st0 - st1
    case HX87_ARITH_ST0_STI + 5: X87(".byte 0xd8, 0xe9"); break;   // fsubr st(0), st(1): st0 = st1 - st0
    case HX87_ARITH_ST0_STI + 6: X87(".byte 0xd8, 0xf1"); break;   // fdiv st(0), st(1): st0 = st0 / st1
    case HX87_ARITH_ST0_STI + 7: X87(".byte 0xd8, 0xf9"); break;   // fdivr st(0), st(1): st0 = st1 / st0
    case HX87_ARITH_STI_ST0 + 0: X87(".byte 0xdc, 0xc1"); break;   // fadd st(1), st(0)
    case HX87_ARITH_STI_ST0 + 1: X87(".byte 0xdc, 0xc9"); break;   // fmul st(1), st(0)
    case HX87_ARITH_STI_ST0 + 4: X87(".byte 0xdc, 0xe1"); break;   // fsubr st(1), st(0): st1 = st0 - st1
    case HX87_ARITH_STI_ST0 + 5: X87(".byte 0xdc, 0xe9"); break;   // fsub st(1), st(0): st1 = st1 - st0
    case HX87_ARITH_STI_ST0 + 6: X87(".byte 0xdc, 0xf1"); break;   // fdivr st(1), st(0): st1 = st0 / st1
    case HX87_ARITH_STI_ST0 + 7: X87(".byte 0xdc, 0xf9"); break;   // fdiv st(1), st(0): st1 = st1 / st0

    case HX87_FUCOM: X87(".byte 0xdd, 0xe1"); break;               // fucom st(1)
    case HX87_FCOMI:
    case HX87_FUCOMI: {
        uint8_t zf, pf, cf;
        if (op == HX87_FCOMI) {
            __asm__ volatile(".byte 0xdb, 0xf1" : "=@ccz"(zf), "=@ccp"(pf), "=@ccc"(cf) : : "memory");   // fcomi st(0), st(1)
        } else {
            __asm__ volatile(".byte 0xdb, 0xe9" : "=@ccz"(zf), "=@ccp"(pf), "=@ccc"(cf) : : "memory");   // fucomi st(0), st(1)
        }
        r.eflags = (uint8_t)((zf << 6) | (pf << 2) | cf);
        break;
    }

    case HX87_FLD_M32FP: X87_LOAD("flds", float); break;
    case HX87_FLD_M64FP: X87_LOAD("fldl", double); break;
    case HX87_FILD_M16: X87_LOAD("filds", int16_t); break;
    case HX87_FILD_M32: X87_LOAD("fildl", int32_t); break;
    case HX87_FILD_M64: X87_LOAD("fildll", int64_t); break;
    case HX87_FBLD: X87_LOAD("fbld", f80); break;

    case HX87_FSTP_M32FP: X87_STORE("fstps", float); break;
    case HX87_FSTP_M64FP: X87_STORE("fstpl", double); break;
    case HX87_FISTP_M16: X87_STORE("fistps", int16_t); break;
    case HX87_FISTP_M32: X87_STORE("fistpl", int32_t); break;
    case HX87_FISTP_M64: X87_STORE("fistpll", int64_t); break;
    case HX87_FISTTP_M16: X87_STORE("fisttps", int16_t); break;
    case HX87_FISTTP_M32: X87_STORE("fisttpl", int32_t); break;
    case HX87_FISTTP_M64: X87_STORE("fisttpll", int64_t); break;
    case HX87_FBSTP: X87_STORE("fbstp", f80); break;

    case HX87_FLD1: X87("fld1"); break;
    case HX87_FLDL2T: X87("fldl2t"); break;
    case HX87_FLDL2E: X87("fldl2e"); break;
    case HX87_FLDPI: X87("fldpi"); break;
    case HX87_FLDLG2: X87("fldlg2"); break;
    case HX87_FLDLN2: X87("fldln2"); break;
    case HX87_FLDZ: X87("fldz"); break;

    case HX87_FTST: X87("ftst"); break;
    case HX87_FXAM: X87("fxam"); break;
    case HX87_FSQRT: X87("fsqrt"); break;
    case HX87_FRNDINT: X87("frndint"); break;
    case HX87_F2XM1: X87("f2xm1"); break;
    case HX87_FSIN: X87("fsin"); break;
    case HX87_FCOS: X87("fcos"); break;
    case HX87_FPTAN: X87("fptan"); break;
    case HX87_FSINCOS: X87("fsincos"); break;
    case HX87_FXTRACT: X87("fxtract"); break;

    case HX87_FSCALE: X87("fscale"); break;
    case HX87_FPREM: X87("fprem"); break;
    case HX87_FPREM1: X87("fprem1"); break;
    case HX87_FPATAN: X87("fpatan"); break;
    case HX87_FYL2X: X87("fyl2x"); break;
    case HX87_FYL2XP1: X87("fyl2xp1"); break;
    default: break;
    }

    __asm__ volatile("fnstsw %0" : "=m"(after) : : "memory");
    // TOP counts down as values are pushed; what is left is the difference from before.
    unsigned depth = ((unsigned)(before >> 11) - (unsigned)(after >> 11)) & 7;
    for (unsigned i = 0; i < depth; i++) {
        if (i < 2 && (keep >> i) & 1) {
            __asm__ volatile("fstpt %0" : "=m"(*(f80 *)((char *)out + 16 * i)) : : "memory");
        } else {
            X87("fstp %%st(0)");
        }
    }
    __asm__ volatile("fldcw %0" : : "m"(saved_cw) : "memory");
    r.status = (uint16_t)((after & ~0x3f) | (after & 0x3f & ~present));
    r.depth = (uint8_t)(depth < 2 ? depth : 2);
    return r;
}

uint32_t hx87_mxcsr_mask(void) {
    uint8_t area[512] __attribute__((aligned(16)));
    for (int i = 0; i < 512; i++) area[i] = 0;
    __asm__ volatile("fxsave64 %0" : "=m"(area) : : "memory");
    uint32_t mask = (uint32_t)area[28] | (uint32_t)area[29] << 8 | (uint32_t)area[30] << 16 | (uint32_t)area[31] << 24;
    return mask ? mask : 0xffbf;
}
