/*
 * The native side of the instruction oracle: runs every form of forms.S on the host CPU with
 * seeded random inputs and prints what happened, for InstructionOracleTests.swift to replay in
 * the interpreter and compare.
 *
 * usage: native-runner [--family integer|sse|x87|all] [--records N] [--seed S] [--only NAME]... [--list]
 * (records per form default to 64, 40 for the SSE family).
 *
 * Output, one line each (all numbers hex):
 *   O <version> <records> <seed>                       header
 *   F <name> <family> <form bytes>                     a form
 *   R <seed> <flag mask> <input patches> <outcome> <output patches>
 * The input state of a record is the state space (oracle-layout.h) filled from <seed> by
 * seed_fill() (which the Swift side reimplements), with <input patches> applied: a comma list
 * of OFFSET=BYTES ("-" for none). <outcome> is "ok" when the form ran to its end, or the name
 * of the signal it raised (the state is then the one at the fault, from the signal context).
 * <output patches> list the bytes of the state space that differ from the input afterwards.
 * <flag mask> has the rflags bits that are defined for this form and input (the others are
 * undefined in the Intel/AMD manuals and not compared).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "oracle-layout.h"

/* One entry of forms.S's table. */
struct form {
    const char *name;
    const uint8_t *start, *end;
    uint32_t family, undef, rule, fix;
};
extern const struct form oracle_forms[];
extern void oracle_enter(const uint8_t *in, uint8_t *out, void *code);
extern char oracle_return[];

/* The state space of one record. */
struct state {
    uint8_t b[ST_SIZE];
};

static struct state in_state, out_state;
static sigjmp_buf fault_jump;
static volatile sig_atomic_t in_guest;
static volatile int fault_signal;

/* ---------------------------------------------------------------- random numbers */

/* splitmix64: also implemented by the Swift side for seed_fill(). */
static uint64_t splitmix(uint64_t *s) {
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint64_t rng_state;
static uint64_t rnd(void) { return splitmix(&rng_state); }
static uint64_t below(uint64_t n) { return n ? rnd() % n : 0; }
static int chance(int num, int den) { return below(den) < (uint64_t)num; }

/* ---------------------------------------------------------------- state access */

static uint64_t *gpr(struct state *s, int r) { return (uint64_t *)(s->b + ST_GPR + 8 * r); }
static uint64_t *rflags(struct state *s) { return (uint64_t *)(s->b + ST_RFLAGS); }
static uint32_t *mxcsr(struct state *s) { return (uint32_t *)(s->b + ST_MXCSR); }
static uint8_t *xmm(struct state *s, int i) { return s->b + ST_XMM + 16 * i; }
static uint8_t *mem(struct state *s, uint64_t addr) { return s->b + ST_MEM + (addr - SCRATCH_BASE); }

enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI };

/*
 * The deterministic part of an input: GPRs, xmm registers and the memory window from splitmix64
 * seeded with `seed`, in that order; rflags 0x202, mxcsr 0x1f80, everything else zero.
 */
static void seed_fill(struct state *s, uint64_t seed) {
    memset(s, 0, sizeof *s);
    uint64_t x = seed;
    for (int i = 0; i < 16; i++) *gpr(s, i) = splitmix(&x);
    for (int i = 0; i < 32; i++) {
        uint64_t v = splitmix(&x);
        memcpy(s->b + ST_XMM + 8 * i, &v, 8);
    }
    for (int i = 0; i < WINDOW_SIZE / 8; i++) {
        uint64_t v = splitmix(&x);
        memcpy(mem(s, WINDOW_BASE) + 8 * i, &v, 8);
    }
    *rflags(s) = 0x202;
    *mxcsr(s) = 0x1f80;
}

/* ---------------------------------------------------------------- input shaping */

static uint64_t interesting64(void) {
    static const uint64_t values[] = {
        0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
        0xffffffff, 0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull, ~0ull, ~1ull,
        0xffffffffffffff80ull, 0xffffffffffff8000ull, 0xffffffff80000000ull, 0x8000000080008080ull,
    };
    switch (below(4)) {
    case 0: return below(66);
    case 1: return (uint64_t)-(int64_t)below(66);
    default: return values[below(sizeof values / sizeof values[0])];
    }
}

static uint64_t sized(uint64_t v, int log2size) {
    return log2size == 3 ? v : v & ((1ull << (8 << log2size)) - 1);
}
static int64_t sext(uint64_t v, int log2size) {
    int sh = 64 - (8 << log2size);
    return (int64_t)(v << sh) >> sh;
}

/* Reads/writes the fixup's operand: register `arg` or memory at rsi, at 1 << log2size bytes. */
static uint64_t operand_get(struct state *s, uint32_t fix) {
    int size = 1 << ((fix >> 12) & 3);
    uint64_t v = 0;
    if (fix & FX_INMEM) memcpy(&v, mem(s, *gpr(s, RSI)), size);
    else v = sized(*gpr(s, (fix >> 8) & 15), (fix >> 12) & 3);
    return v;
}
static void operand_set(struct state *s, uint32_t fix, uint64_t v) {
    int size = 1 << ((fix >> 12) & 3);
    if (fix & FX_INMEM) memcpy(mem(s, *gpr(s, RSI)), &v, size);
    else memcpy(gpr(s, (fix >> 8) & 15), &v, size);
}

/* Writes the dividend (2 * size bits) into ax, dx:ax, edx:eax or rdx:rax. */
static void set_dividend(struct state *s, int lg, unsigned __int128 n) {
    if (lg == 0) {
        uint16_t v = (uint16_t)n;
        memcpy(gpr(s, RAX), &v, 2);
        return;
    }
    int size = 1 << lg;
    uint64_t lo = (uint64_t)n, hi = (uint64_t)(n >> (8 * size));
    if (lg < 3) lo = sized(lo, lg);
    memcpy(gpr(s, RAX), &lo, size);
    memcpy(gpr(s, RDX), &hi, size);
}

static void shape_division(struct state *s, uint32_t fix, int kind) {
    int lg = (fix >> 12) & 3, bits = 8 << lg;
    int is_signed = (fix & FX_SIGNED) != 0;
    uint64_t d = operand_get(s, fix);
    if (kind == K_DIV0) {
        operand_set(s, fix, 0);
        return;
    }
    if (kind == K_DIVOVF) {
        if (is_signed) {
            operand_set(s, fix, sized(~0ull, lg)); /* -1 */
            set_dividend(s, lg, (unsigned __int128)(__int128)(-((__int128)1 << (2 * bits - 1))));
            if (chance(1, 2)) { /* MIN / -1 with a sign-extended dividend: only the quotient overflows */
                __int128 n = -((__int128)1 << (bits - 1));
                set_dividend(s, lg, (unsigned __int128)n);
            }
        } else {
            if (d == 0) d = 1;
            operand_set(s, fix, d);
            unsigned __int128 n = ((unsigned __int128)(d + below(3)) << bits) | (rnd() & sized(~0ull, lg));
            if (d + 2 > sized(~0ull, lg)) n = ((unsigned __int128)d << bits);
            set_dividend(s, lg, n);
        }
        return;
    }
    if (d == 0) {
        d = sized(rnd(), lg) | 1;
        operand_set(s, fix, d);
    }
    if (!is_signed) {
        uint64_t q = chance(1, 4) ? sized(interesting64(), lg) : sized(rnd() >> below(64), lg);
        uint64_t r = rnd() % d;
        set_dividend(s, lg, (unsigned __int128)q * d + r);
    } else {
        __int128 sd = sext(d, lg);
        __int128 q = chance(1, 4) ? sext(interesting64(), lg) : sext(rnd() >> below(64), lg);
        __int128 prod = q * sd;
        uint64_t mag = (uint64_t)(sd < 0 ? -sd : sd);
        __int128 r = (__int128)(rnd() % mag);
        if (prod < 0 || (prod == 0 && chance(1, 2))) r = -r;
        set_dividend(s, lg, (unsigned __int128)(prod + r));
    }
}

/* An x87 extended value (10 bytes) from a mix of categories. */
static void random_f80(uint8_t *p) {
    uint64_t mant = rnd() | 0x8000000000000000ull;
    int sign = chance(1, 2);
    int exp;
    switch (below(16)) {
    case 0: mant = 0; exp = 0; break;                                      /* zero */
    case 1: mant = 0x8000000000000000ull; exp = 0x7fff; break;              /* infinity */
    case 2: mant = 0xc000000000000000ull | (rnd() >> 2 & -(uint64_t)chance(1, 2)); exp = 0x7fff; break; /* qNaN */
    case 3: mant = 0x8000000000000000ull | (rnd() >> 3 | 1); exp = 0x7fff; break; /* sNaN */
    case 4: mant >>= 1 + below(63); exp = 0; break;                         /* denormal */
    case 5: exp = (int)below(0x7ffe) + 1; break;                            /* any finite */
    case 6: {                                                               /* small integer or half */
        double v = (double)(int)below(41) * (chance(1, 2) ? 0.5 : 1.0);
        long double ld = v;
        memset(p, 0, 10);
        memcpy(p, &ld, 10);
        if (sign) p[9] |= 0x80;
        return;
    }
    case 7: exp = 0x3fff + (int)below(130) - 65; break;                     /* |x| up to 2^64 */
    default: exp = 0x3fff + (int)below(40) - 20; break;                     /* moderate */
    }
    uint16_t se = (uint16_t)(exp | (sign << 15));
    memcpy(p, &mant, 8);
    memcpy(p + 8, &se, 2);
}

static uint32_t random_f32(void) {
    uint32_t sign = (uint32_t)chance(1, 2) << 31;
    switch (below(14)) {
    case 0: return sign;
    case 1: return sign | 0x7f800000;
    case 2: return sign | 0x7fc00000 | (uint32_t)(rnd() & 0x3fffff & -(uint64_t)chance(1, 2));
    case 3: return sign | 0x7f800000 | (uint32_t)((rnd() & 0x3fffff) | 1);
    case 4: return sign | (uint32_t)(rnd() & 0x7fffff);
    case 5: return sign | 0x3f800000;
    case 6: { float f = (float)(int)below(41) * 0.5f; uint32_t u; memcpy(&u, &f, 4); return u | sign; }
    case 7: return sign | (uint32_t)((127 + 31 + below(3) - 1) << 23) | (uint32_t)(rnd() & 0x7fffff & -(uint64_t)chance(1, 2));
    case 8: return sign | (uint32_t)((127 + 63 + below(3) - 1) << 23) | (uint32_t)(rnd() & 0x7fffff & -(uint64_t)chance(1, 2));
    case 9: return sign | 0x7f7fffff;
    case 10: return sign | 0x00800000;
    default: return sign | (uint32_t)((127 + below(40) - 20) << 23) | (uint32_t)(rnd() & 0x7fffff);
    }
}

static uint64_t random_f64(void) {
    uint64_t sign = (uint64_t)chance(1, 2) << 63;
    switch (below(14)) {
    case 0: return sign;
    case 1: return sign | 0x7ff0000000000000ull;
    case 2: return sign | 0x7ff8000000000000ull | (rnd() & 0x7ffffffffffffull & -(uint64_t)chance(1, 2));
    case 3: return sign | 0x7ff0000000000000ull | ((rnd() & 0x7ffffffffffffull) | 1);
    case 4: return sign | (rnd() & 0xfffffffffffffull);
    case 5: return sign | 0x3ff0000000000000ull;
    case 6: { double f = (double)(int)below(41) * 0.5; uint64_t u; memcpy(&u, &f, 8); return u | sign; }
    case 7: return sign | ((1023 + 31 + below(3) - 1) << 52) | (rnd() & 0xfffffffffffffull & -(uint64_t)chance(1, 2));
    case 8: return sign | ((1023 + 63 + below(3) - 1) << 52) | (rnd() & 0xfffffffffffffull & -(uint64_t)chance(1, 2));
    case 9: return sign | 0x7fefffffffffffffull;
    case 10: return sign | 0x0010000000000000ull;
    default: return sign | ((1023 + below(60) - 30) << 52) | (rnd() & 0xfffffffffffffull);
    }
}

static uint16_t random_i16lane(void) {
    static const uint16_t values[] = {0, 0xffff, 0x8000, 0x7fff, 0x0080, 0x007f, 0xff80, 0x00ff, 0xff00, 0x8080, 0x7f7f, 1};
    return chance(1, 3) ? (uint16_t)below(20) : values[below(sizeof values / sizeof values[0])];
}

/* The data area and the xmm registers, reshaped lane by lane. */
static void shape_vectors(struct state *s, uint32_t fix) {
    uint8_t *areas[17];
    for (int i = 0; i < 16; i++) areas[i] = xmm(s, i);
    int areas_count = (fix & (FX_MEM | FX_RDI)) ? 17 : 16;
    for (int a = 0; a < areas_count; a++) {
        int n = a < 16 ? 16 : 256;
        uint8_t *p = a < 16 ? areas[a] : mem(s, DATA_MID - 0x80);
        if (fix & FX_FP32)
            for (int o = 0; o < n; o += 4) if (chance(1, 2)) { uint32_t v = random_f32(); memcpy(p + o, &v, 4); }
        if (fix & FX_FP64)
            for (int o = 0; o < n; o += 8) if (chance(1, 2)) { uint64_t v = random_f64(); memcpy(p + o, &v, 8); }
        if (fix & FX_INTV) {
            for (int o = 0; o < n; o += 2) if (chance(1, 5)) { uint16_t v = random_i16lane(); memcpy(p + o, &v, 2); }
            if (chance(1, 6)) { uint64_t v = below(70); memcpy(p, &v, 8); }   /* shift counts */
        }
        if ((fix & FX_ZEROB) && chance(2, 3)) p[below(n < 32 ? n : 32)] = 0;
    }
    /* Equal operands now and then (compares, subtractions to zero). */
    if (chance(1, 4)) {
        int from = (int)below(16), to = (int)below(16);
        int lanes = chance(1, 2);
        memcpy(xmm(s, to), xmm(s, from), lanes ? 8 : 16);
    }
    if (chance(1, 8)) memcpy(mem(s, DATA_MID + 16 * (below(8) - 4)), xmm(s, below(16)), 16);
}

static void shape_inputs(struct state *s, const struct form *f) {
    uint32_t fix = f->fix;
    /* GPRs: interesting values, and sometimes several registers sharing (part of) a value. */
    for (int i = 0; i < 16; i++)
        if (chance(1, 4)) *gpr(s, i) = interesting64();
    if (chance(1, 4)) {
        uint64_t v = chance(1, 2) ? interesting64() : rnd();
        int width = (int)below(4);
        for (int i = 0; i < 16; i++) {
            if (!chance(1, 2)) continue;
            uint64_t *r = gpr(s, i);
            uint64_t m = width == 3 ? ~0ull : (1ull << (8 << width)) - 1;
            *r = (*r & ~m) | (v & m);
            if (width == 0 && chance(1, 2)) *r = (*r & ~0xff00ull) | ((v & 0xff) << 8); /* ah... */
        }
    }
    /* Memory (for the forms that address it): interesting quadwords, copies of register values. */
    int uses_memory = (fix & (FX_MEM | FX_STR | FX_RBX | FX_RDI | FX_BP)) != 0;
    for (int o = 0; o < WINDOW_SIZE && uses_memory; o += 8)
        if (chance(1, 8)) { uint64_t v = interesting64(); memcpy(mem(s, WINDOW_BASE + o), &v, 8); }
    if (uses_memory && chance(1, 4)) {
        uint64_t v = *gpr(s, below(16));
        memcpy(mem(s, DATA_MID + (below(64) - 32)), &v, 8);
    }
    uint64_t fl = rnd() & (U_ALL | 0x400);
    if (chance(1, 8)) fl |= 0x200000; /* ID */
    *rflags(s) = fl | 0x202;
    *gpr(s, RSP) = STACK_TOP;
    if (fix & FX_MEM) *gpr(s, RSI) = DATA_MID;
    if (fix & FX_IDX) *gpr(s, RCX) = (uint64_t)((int64_t)below(17) - 8);
    if (fix & FX_BP) *gpr(s, RBP) = STACK_TOP - 0x40 + 8 * below(16);
    if (fix & FX_CL) {
        if (chance(3, 4)) *gpr(s, RCX) = (*gpr(s, RCX) & ~0xffull) | below(chance(1, 2) ? 3 : 70);
    }
    if (fix & FX_STR) {
        *gpr(s, RSI) = DATA_MID - 0x40 + below(0x80);
        *gpr(s, RDI) = DATA_MID - 0x40 + below(0x80);
        *gpr(s, RCX) = below(9);
    }
    if (fix & FX_RDI) *gpr(s, RDI) = DATA_MID - 0x40;
    if (fix & FX_RBX) *gpr(s, RBX) = DATA_MID - 0x80;
    if (fix & FX_MXCSR) *mxcsr(s) = 0x1f80 | (uint32_t)(below(4) << 13) | (chance(1, 3) ? 0x40 : 0) | (chance(1, 3) ? 0x8000 : 0);
    if (fix & (FX_FP32 | FX_FP64 | FX_INTV | FX_ZEROB)) shape_vectors(s, fix);
    if (fix & FX_X87) {
        uint8_t *p = mem(s, DATA_MID);
        random_f80(p + X87_A);
        random_f80(p + X87_B);
        random_f80(p + X87_C);
        uint64_t d = random_f64();
        uint32_t fl32 = random_f32();
        memcpy(p + X87_M64, &d, 8);
        memcpy(p + X87_M32, &fl32, 4);
        uint64_t i64 = chance(1, 2) ? interesting64() : rnd() >> below(64);
        uint16_t i16 = (uint16_t)i64;
        uint32_t i32 = (uint32_t)(chance(1, 2) ? interesting64() : rnd() >> below(64));
        memcpy(p + X87_M16I, &i16, 2);
        memcpy(p + X87_M32I, &i32, 4);
        memcpy(p + X87_M64I, &i64, 8);
        uint16_t cw = 0x037f;
        if (chance(1, 2)) {
            static const uint16_t pcs[] = {0, 2, 3, 3};
            cw = (uint16_t)(0x007f | (pcs[below(4)] << 8) | (below(4) << 10));
        }
        memcpy(p + X87_CW, &cw, 2);
    }

    switch (fix & 0xff) {
    case K_DIV:
    case K_DIV0:
    case K_DIVOVF:
        shape_division(s, fix, fix & 0xff);
        break;
    case K_CMPXCHG:
        if (chance(1, 2)) {
            uint64_t v = operand_get(s, fix);
            memcpy(gpr(s, RAX), &v, 1 << ((fix >> 12) & 3));
        }
        break;
    case K_CMPXCHG8B:
        if (chance(1, 2)) {
            uint32_t lo, hi;
            memcpy(&lo, mem(s, DATA_MID), 4);
            memcpy(&hi, mem(s, DATA_MID + 4), 4);
            memcpy(gpr(s, RAX), &lo, 4);
            memcpy(gpr(s, RDX), &hi, 4);
        }
        break;
    case K_CMPXCHG16B:
        if (chance(1, 2)) {
            memcpy(gpr(s, RAX), mem(s, DATA_MID), 8);
            memcpy(gpr(s, RDX), mem(s, DATA_MID + 8), 8);
        }
        break;
    case K_BTIDX: {
        uint64_t v = (uint64_t)((int64_t)below(2048) - 1024);
        memcpy(gpr(s, (fix >> 8) & 15), &v, 1 << ((fix >> 12) & 3));
        break;
    }
    case K_SHXD16:
        *gpr(s, RCX) = (*gpr(s, RCX) & ~0x1full) | below(17);
        if (!chance(1, 2)) *gpr(s, RCX) &= ~0xe0ull;
        break;
    case K_POPF: {
        uint64_t v = rnd() & (U_ALL | 0x400 | 0x200 | 0x200000 | 0x3000 | 0x8028);
        memcpy(mem(s, STACK_TOP), &v, 8);
        break;
    }
    case K_CMPS: {
        uint64_t n = below(40);
        memmove(mem(s, *gpr(s, RDI) - (chance(1, 2) ? n : 0)), mem(s, *gpr(s, RSI) - (chance(1, 2) ? n : 0)), n);
        break;
    }
    case K_SCAS: {
        uint64_t n = below(40), a = *gpr(s, RAX);
        uint64_t start = *gpr(s, RDI) - (chance(1, 2) ? n : 0);
        for (uint64_t i = 0; i < n; i++) *mem(s, start + i) = (uint8_t)(a >> (8 * (i % (1 + below(8)))));
        if (chance(1, 2)) memset(mem(s, start), (int)(a & 0xff), n);
        break;
    }
    case K_STRLONG: {
        /* Strings start in the window and may run below it (zeros) or past it, within the scratch area. */
        uint64_t size = 1ull << below(4);
        *gpr(s, RSI) = WINDOW_BASE + 0x40 + below(0x80);
        *gpr(s, RDI) = chance(1, 2) ? *gpr(s, RSI) + below(17) - 8 : WINDOW_BASE + 0x40 + below(0x80);
        *gpr(s, RCX) = below(0xc0 / size + 1);
        if (chance(1, 2)) memmove(mem(s, *gpr(s, RDI) - 0x20), mem(s, *gpr(s, RSI) - 0x20), 0x40);
        break;
    }
    case K_NONCANON:
        *gpr(s, RAX) = 0x8000000000000000ull | (rnd() & 0x7fff000000000000ull) | (rnd() & 0xfff);
        if ((*gpr(s, RAX) >> 47) == 0x1ffff) *gpr(s, RAX) ^= 0x4000000000000000ull;
        break;
    case K_PCMPSTR:
        *gpr(s, RAX) = chance(1, 8) ? rnd() : (uint64_t)((int64_t)below(41) - 20);
        *gpr(s, RDX) = chance(1, 8) ? rnd() : (uint64_t)((int64_t)below(41) - 20);
        break;
    default:
        break;
    }
}

/* ---------------------------------------------------------------- undefined flags */

static uint64_t defined_flags(const struct form *f, const struct state *in) {
    uint64_t undef = f->undef;
    int kind = f->rule & 0xff, width = (f->rule >> 8) & 0xff, count = (f->rule >> 16) & 0xff;
    if (kind != R_NONE) {
        uint64_t raw = count == RULE_CL ? (*(const uint64_t *)(in->b + ST_GPR + 8 * RCX) & 0xff) : (uint64_t)count;
        uint64_t c = raw & (width == 64 ? 63 : 31);
        if (c != 0) {
            switch (kind) {
            case R_SHIFT:
                undef |= U_AF | (c > 1 ? U_OF : 0) | (c >= (uint64_t)width ? U_CF : 0);
                break;
            case R_SAR:
            case R_SHXD:
                undef |= U_AF | (c > 1 ? U_OF : 0);
                break;
            case R_ROT:
            case R_RC:
                undef |= c > 1 ? U_OF : 0;
                break;
            }
        }
    }
    /* RF (bit 16) shows up in signal contexts only; bits above 21 do not exist. */
    return 0x3fffff & ~undef & ~0x10000ull;
}

/* ---------------------------------------------------------------- running */

static void on_fault(int sig, siginfo_t *si, void *ctx) {
    (void)si;
    if (!in_guest) {
        signal(sig, SIG_DFL);
        return; /* the host itself faulted: re-executes and dies with the default action */
    }
    in_guest = 0;
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    static const int order[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                  REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
    for (int i = 0; i < 16; i++) *gpr(&out_state, i) = (uint64_t)g[order[i]];
    *rflags(&out_state) = (uint64_t)g[REG_EFL];
    memcpy(out_state.b + ST_RIP, &g[REG_RIP], 8);
    if (uc->uc_mcontext.fpregs) {
        *mxcsr(&out_state) = uc->uc_mcontext.fpregs->mxcsr;
        for (int i = 0; i < 16; i++) memcpy(xmm(&out_state, i), &uc->uc_mcontext.fpregs->_xmm[i], 16);
    }
    fault_signal = sig;
    siglongjmp(fault_jump, 1);
}

/* Runs the form once from in_state into out_state; returns 0, or the signal it raised. */
static __attribute__((noinline)) int execute(uint8_t *code) {
    fault_signal = 0;
    if (sigsetjmp(fault_jump, 1) == 0) {
        in_guest = 1;
        oracle_enter(in_state.b, out_state.b, code);
        in_guest = 0;
        return 0;
    }
    return fault_signal;
}

static const char *signal_name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGTRAP: return "SIGTRAP";
    default: return "SIG?";
    }
}

/* Prints the bytes of `b` that differ from `a` as OFFSET=BYTES runs ("-" if none). */
static void print_patches(const struct state *a, const struct state *b) {
    static const char digits[] = "0123456789abcdef";
    static char line[2 * ST_SIZE + 4096];
    size_t n = 0;
    for (size_t i = 0; i < ST_SIZE;) {
        uint64_t x, y;
        if ((i & 7) == 0 && i + 8 <= ST_SIZE) {
            memcpy(&x, a->b + i, 8);
            memcpy(&y, b->b + i, 8);
            if (x == y) { i += 8; continue; }
        }
        if (a->b[i] == b->b[i]) { i++; continue; }
        /* A run ends after 4 equal bytes: cheaper than starting a new one. */
        size_t last = i;
        for (size_t j = i; j < ST_SIZE && j < last + 5; j++)
            if (a->b[j] != b->b[j]) last = j;
        if (n) line[n++] = ',';
        n += (size_t)sprintf(line + n, "%zx=", i);
        for (size_t k = i; k <= last; k++) {
            line[n++] = digits[b->b[k] >> 4];
            line[n++] = digits[b->b[k] & 15];
        }
        i = last + 1;
    }
    if (!n) line[n++] = '-';
    fwrite(line, 1, n, stdout);
}

static uint64_t hash_name(const char *s) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++) h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
    return h;
}

static void run_form(const struct form *f, int records, uint64_t seed) {
    size_t len = (size_t)(f->end - f->start);
    uint8_t *code = (uint8_t *)CODE_BASE;
    memcpy(code, f->start, len);
    /* jmp *0(%rip); .quad oracle_return */
    static const uint8_t jmp[6] = {0xff, 0x25, 0, 0, 0, 0};
    uint64_t back = (uint64_t)(uintptr_t)oracle_return;
    memcpy(code + len, jmp, 6);
    memcpy(code + len + 6, &back, 8);
    __builtin___clear_cache((char *)code, (char *)code + len + 14);

    printf("F %s %u ", f->name, f->family);
    for (size_t i = 0; i < len; i++) printf("%02x", f->start[i]);
    printf("\n");

    uint64_t form_seed = seed ^ hash_name(f->name);
    for (int r = 0; r < records; r++) {
        uint64_t sx = form_seed + (uint64_t)r * 0x632be59bd9b4e019ull;
        uint64_t rec_seed = splitmix(&sx);
        struct state base;
        seed_fill(&base, rec_seed);
        in_state = base;
        rng_state = rec_seed ^ 0x5851f42d4c957f2dull;
        shape_inputs(&in_state, f);
        uint64_t mask = defined_flags(f, &in_state);

        memcpy((void *)SCRATCH_BASE, mem(&in_state, SCRATCH_BASE), SCRATCH_SIZE);
        out_state = in_state;
        if (execute(code) == 0) {
            uint64_t rip = CODE_BASE + len;
            memcpy(out_state.b + ST_RIP, &rip, 8);
        }
        memcpy(mem(&out_state, SCRATCH_BASE), (void *)SCRATCH_BASE, SCRATCH_SIZE);

        printf("R %llx %llx ", (unsigned long long)rec_seed, (unsigned long long)mask);
        print_patches(&base, &in_state);
        printf(" %s ", fault_signal ? signal_name(fault_signal) : "ok");
        print_patches(&in_state, &out_state);
        printf("\n");
    }
}

static int family_wanted(const char *filter, uint32_t family) {
    if (!filter || !strcmp(filter, "all")) return 1;
    if (!strcmp(filter, "integer")) return family == FAM_INT;
    if (!strcmp(filter, "sse")) return family == FAM_SSE;
    if (!strcmp(filter, "x87")) return family == FAM_X87;
    return 0;
}

static void map_fixed(uint64_t addr, size_t len, int prot) {
    void *p = mmap((void *)addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != (void *)addr) {
        perror("native-runner: mmap");
        exit(2);
    }
}

int main(int argc, char **argv) {
    const char *family = "all";
    int records = 0; /* 0: the family's default below */
    uint64_t seed = 0x0ddba11;
    const char *only[64];
    int nonly = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--family") && i + 1 < argc) family = argv[++i];
        else if (!strcmp(argv[i], "--records") && i + 1 < argc) records = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--only") && i + 1 < argc && nonly < 64) only[nonly++] = argv[++i];
        else if (!strcmp(argv[i], "--list")) {
            for (const struct form *f = oracle_forms; f->name; f++) printf("%s %u\n", f->name, f->family);
            return 0;
        } else {
            fprintf(stderr, "usage: %s [--family integer|sse|x87|all] [--records N] [--seed S] [--only NAME]... [--list]\n", argv[0]);
            return 2;
        }
    }
    if (strcmp(family, "all") && strcmp(family, "integer") && strcmp(family, "sse") && strcmp(family, "x87")) {
        fprintf(stderr, "native-runner: unknown family %s\n", family);
        return 2;
    }

    /* Guard pages around the scratch area make out-of-range accesses fault. */
    map_fixed(SCRATCH_BASE - 0x10000, 0x10000, PROT_NONE);
    map_fixed(SCRATCH_BASE, SCRATCH_SIZE, PROT_READ | PROT_WRITE);
    map_fixed(SCRATCH_BASE + SCRATCH_SIZE, 0x10000, PROT_NONE);
    map_fixed(CODE_BASE, CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC);

    static uint8_t altstack[1 << 16];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);

    static char outbuf[1 << 20];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    printf("O 1 %x %llx\n", records, (unsigned long long)seed);
    for (const struct form *f = oracle_forms; f->name; f++) {
        if (!family_wanted(family, f->family)) continue;
        if (nonly) {
            int hit = 0;
            for (int i = 0; i < nonly; i++) hit |= !strcmp(only[i], f->name);
            if (!hit) continue;
        }
        int n = records ? records : f->family == FAM_SSE ? 40 : 64;
        run_form(f, n, seed);
    }
    fflush(stdout);
    return 0;
}
