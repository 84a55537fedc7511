// Host x87 arithmetic for the emulated x87 FPU. The emulator keeps the guest's register stack
// itself (X87State); for each instruction that computes something it hands the operands to
// `hx87_exec`, which runs the very same x87 instruction on the host FPU under the guest's
// control word (with every exception masked) and returns the results and the host status word.
// Results, rounding, NaN propagation, condition codes and transcendental values are therefore
// bit-identical to the host CPU.
#ifndef CHOST_X87_H
#define CHOST_X87_H

#include <stdint.h>

/// Host operations. The first six groups are indexed by the ModRM reg field (0...7: add, mul,
/// com, comp, sub, subr, div, divr); `comp` runs as `com` on the host (the emulator pops).
enum hx87_op {
    /// D8 /k: ST(0) op m32fp.
    HX87_ARITH_M32FP = 0,
    /// DC /k: ST(0) op m64fp.
    HX87_ARITH_M64FP = 8,
    /// DA /k: ST(0) op m32int.
    HX87_ARITH_M32INT = 16,
    /// DE /k: ST(0) op m16int.
    HX87_ARITH_M16INT = 24,
    /// D8 C0+8k+1: ST(0) = ST(0) op ST(1); the guest's ST(i) is loaded as host ST(1).
    HX87_ARITH_ST0_STI = 32,
    /// DC C0+8k+1: ST(1) = ST(1) op ST(0) (k 2 and 3 run as D8 D1, a plain fcom).
    HX87_ARITH_STI_ST0 = 40,
    /// fucom ST(1) (DD E1); fcomi ST(0), ST(1) (DB F1); fucomi (DB E9).
    HX87_FUCOM = 48, HX87_FCOMI, HX87_FUCOMI,
    /// Loads that convert: push the value of the memory operand.
    HX87_FLD_M32FP, HX87_FLD_M64FP, HX87_FILD_M16, HX87_FILD_M32, HX87_FILD_M64, HX87_FBLD,
    /// Stores that convert: store ST(0) to the memory operand and pop (the emulator decides
    /// whether the guest pops).
    HX87_FSTP_M32FP, HX87_FSTP_M64FP, HX87_FISTP_M16, HX87_FISTP_M32, HX87_FISTP_M64,
    HX87_FISTTP_M16, HX87_FISTTP_M32, HX87_FISTTP_M64, HX87_FBSTP,
    /// Constants (pushed; rounded by the control word's RC as the hardware does).
    HX87_FLD1, HX87_FLDL2T, HX87_FLDL2E, HX87_FLDPI, HX87_FLDLG2, HX87_FLDLN2, HX87_FLDZ,
    /// Operations on ST(0) alone (fptan, fsincos, fxtract push a second value).
    HX87_FTST, HX87_FXAM, HX87_FSQRT, HX87_FRNDINT, HX87_F2XM1, HX87_FSIN, HX87_FCOS,
    HX87_FPTAN, HX87_FSINCOS, HX87_FXTRACT,
    /// Operations on ST(0) and ST(1) (the last three pop).
    HX87_FSCALE, HX87_FPREM, HX87_FPREM1, HX87_FPATAN, HX87_FYL2X, HX87_FYL2XP1,
    HX87_OP_COUNT
};

/// What one host operation left behind.
typedef struct hx87_result {
    /// The host status word after the operation: the exception flags this operation raised
    /// (see `hx87_exec`), C0-C3, and TOP.
    uint16_t status;
    /// How many values were left on the host stack (the ones `keep` asked for are in `out`).
    uint8_t depth;
    /// ZF, PF and CF (EFLAGS bit positions) after fcomi/fucomi; 0 otherwise.
    uint8_t eflags;
} hx87_result;

/// Runs host operation `op` under control word `cw` (exceptions are masked on the host whatever
/// `cw` says). `st1`, then `st0`, are pushed first when not NULL (10-byte extended values).
/// `mem` is the memory operand (read by loads and arithmetic, written by stores; 2...10 bytes).
/// Of the `depth` results left on the host stack (host ST(0) first), result i is stored in the
/// 16-byte slot `out` + 16 i if bit i of `keep` is set, else discarded (storing an extended
/// value costs more than the arithmetic). The host's control word is restored and its register
/// stack left empty.
///
/// `sw` is the guest's status word. The result's exception flags are those the operation
/// raised that are not among the host's flags from before; host flags are cleared first
/// (fnclex, which is slow) only if some of them are not among the guest's. The caller merges
/// the result into the guest's flags, so a flag raised again that the guest already has is
/// not lost; and an unmasked flag the guest already has would have trapped earlier. For fprem
/// and fprem1, which leave C0, C1 and C3 unchanged for some operands, the guest's condition
/// bits are installed in the host status word first (fnstenv/fldenv), so that all of C0-C3
/// come back as the guest's would be.
hx87_result hx87_exec(uint32_t op, uint16_t cw, uint16_t sw, uint32_t keep,
                      const void *st0, const void *st1, void *mem, void *out);

/// MXCSR_MASK as the host's own fxsave reports it (0xFFBF if the host reports 0).
uint32_t hx87_mxcsr_mask(void);

#endif
