/*
 * Layout shared by the instruction oracle's pieces: forms.S (the instruction snippets and their
 * table), state-switch.S (entering and leaving a snippet natively), native-runner.c (the host
 * side) and, by hand, Tests/EmulatorTests/InstructionOracleTests.swift (the interpreter side).
 * Plain #defines only, so the assembler files can include it too. Change both sides together.
 */
#ifndef ORACLE_LAYOUT_H
#define ORACLE_LAYOUT_H

/* ---- Guest addresses, identical natively and in the interpreter. */

/* Scratch data: read-write, SCRATCH_SIZE bytes; the page after it is left inaccessible. */
#define SCRATCH_BASE 0x1000000000
#define SCRATCH_SIZE 0x4000
/* The part of the scratch area that gets random contents; the rest starts as zeros. */
#define WINDOW_BASE (SCRATCH_BASE + 0x1000)
#define WINDOW_SIZE 0x200
/* Memory operands are addressed through rsi = DATA_MID (16-byte aligned, 128 bytes each side). */
#define DATA_MID (SCRATCH_BASE + 0x1080)
/* rsp points here: 128 bytes of random stack above and below it are in the window. */
#define STACK_TOP (SCRATCH_BASE + 0x1180)
/* The form's bytes are copied here (natively followed by a jump back, in the interpreter by int3). */
#define CODE_BASE 0x1000100000
#define CODE_SIZE 0x1000

/*
 * ---- The state space: one byte array holding everything a form can read or change. Records
 * describe inputs and outputs as byte patches over it.
 *   [ST_GPR,   +0x80)  rax rcx rdx rbx rsp rbp rsi rdi r8 ... r15, 8 bytes each
 *   [ST_RFLAGS, +8)    rflags
 *   [ST_RIP,    +8)    rip (outputs only: where execution stopped)
 *   [ST_MXCSR,  +4)    mxcsr
 *   [ST_XMM,  +0x100)  xmm0 ... xmm15, 16 bytes each
 *   [ST_MEM, +SCRATCH_SIZE)  the scratch area, SCRATCH_BASE upward
 */
#define ST_GPR 0x0
#define ST_RFLAGS 0x80
#define ST_RIP 0x88
#define ST_MXCSR 0x90
#define ST_XMM 0x100
#define ST_MEM 0x1000
#define ST_SIZE (ST_MEM + SCRATCH_SIZE)

/* ---- Form families (ORACLE_FILTER=integer|sse|x87|all). */
#define FAM_INT 1
#define FAM_SSE 2
#define FAM_X87 3

/* ---- EFLAGS bits, for the "undefined flags" masks of the form table. */
#define U_CF 0x1
#define U_PF 0x4
#define U_AF 0x10
#define U_ZF 0x40
#define U_SF 0x80
#define U_OF 0x800
#define U_ALL (U_CF | U_PF | U_AF | U_ZF | U_SF | U_OF)
#define U_LOGIC U_AF                            /* and, or, xor, test */
#define U_MUL (U_SF | U_ZF | U_AF | U_PF)       /* mul, imul */
#define U_BT (U_OF | U_SF | U_AF | U_PF)        /* bt, bts, btr, btc */
#define U_BSF (U_CF | U_OF | U_SF | U_AF | U_PF) /* bsf, bsr */
#define U_CNT (U_OF | U_SF | U_AF | U_PF)       /* tzcnt, lzcnt */

/*
 * ---- Flag rules whose undefined flags depend on the shift count:
 * rule = kind | width << 8 | count << 16, with count RULE_CL when it comes from cl.
 */
#define R_NONE 0
#define R_SHIFT 1 /* shl, shr */
#define R_SAR 2
#define R_ROT 3   /* rol, ror */
#define R_RC 4    /* rcl, rcr */
#define R_SHXD 5  /* shld, shrd */
#define RULE_CL 0xFF
#define RULE(kind, width, count) ((kind) | ((width) << 8) | ((count) << 16))

/*
 * ---- Input fixups: how random inputs are shaped before a form runs.
 * fix = kind | arg register << 8 | log2(size) << 12 | FX_INMEM | FX_SIGNED | flags.
 */
#define K_NONE 0
#define K_DIV 1         /* rdx:rax made divisible without overflow by the divisor */
#define K_DIV0 2        /* divisor forced to zero: #DE */
#define K_DIVOVF 3      /* quotient forced out of range: #DE */
#define K_CMPXCHG 4     /* accumulator equals the destination half of the time */
#define K_CMPXCHG8B 5
#define K_CMPXCHG16B 6
#define K_BTIDX 7       /* bit-offset register kept within +-1024 bits */
#define K_SHXD16 8      /* cl & 31 <= 16 (16-bit shld/shrd beyond 16 is undefined) */
#define K_POPF 9        /* the flags image on the stack is one popf may load */
#define K_CMPS 10       /* destination string partly equal to the source */
#define K_SCAS 11       /* destination string partly equal to the accumulator */
#define K_NONCANON 12   /* rax non-canonical */
#define K_PCMPSTR 13    /* rax/rdx explicit lengths in -20...20 */
#define K_STRLONG 14    /* rep strings of up to 0xc0 bytes around the window's start */

#define FX_ARG(r) ((r) << 8)
#define FX_SIZE8 (0 << 12)
#define FX_SIZE16 (1 << 12)
#define FX_SIZE32 (2 << 12)
#define FX_SIZE64 (3 << 12)
#define FX_INMEM (1 << 14)   /* the fixup's operand is at (%rsi), not in register `arg` */
#define FX_SIGNED (1 << 15)
#define FX_MEM (1 << 16)     /* rsi = DATA_MID */
#define FX_IDX (1 << 17)     /* rcx small signed index (-8...8) */
#define FX_BP (1 << 18)      /* rbp points into the stack part of the window, 8-aligned */
#define FX_STR (1 << 19)     /* rsi, rdi inside the data area, rcx in 0...8 */
#define FX_MXCSR (1 << 20)   /* random rounding mode, DAZ and FTZ */
#define FX_X87 (1 << 21)     /* x87 operand slots at (%rsi) filled with interesting values */
#define FX_FP32 (1 << 22)    /* xmm lanes and data hold interesting float32 values */
#define FX_FP64 (1 << 23)    /* ... float64 values */
#define FX_INTV (1 << 24)    /* xmm bytes/words hold interesting integer values */
#define FX_CL (1 << 25)      /* rcx small (shift counts in cl) */
#define FX_RDI (1 << 26)     /* rdi = DATA_MID - 0x40 (maskmovdqu) */
#define FX_RBX (1 << 27)     /* rbx = DATA_MID - 0x80 (xlat table) */
#define FX_ZEROB (1 << 28)   /* some zero bytes in xmm and data (string compares) */

/*
 * x87 operand slots, relative to rsi: three extended values loaded by the prologue, then
 * narrower operands; results are stored below rsi.
 */
#define X87_A 0x00      /* m80, becomes st(0) */
#define X87_B 0x10      /* m80, st(1) */
#define X87_C 0x20      /* m80, st(2) */
#define X87_M64 0x30    /* double */
#define X87_M32 0x38    /* float */
#define X87_M16I 0x3c   /* int16 */
#define X87_CW 0x3e     /* control word loaded by the prologue */
#define X87_M32I 0x40   /* int32 */
#define X87_M64I 0x48   /* int64 */

#endif
