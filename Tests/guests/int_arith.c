/* int_arith: integer ALU work at every width, bit builtins, 128-bit multiply, overflow checks,
 * jump tables and recursion. Inputs pass through OPQ() so the compiler cannot fold them away. */
#include "rt.h"

#define OPQ(x) ({ __auto_type v_ = (x); __asm__ volatile("" : "+r"(v_)); v_; })

#define mix rt_hash_mix
#define report(what) rt_hash_report((what), 28)

static const uint64_t seeds[] = {
    0, 1, 2, 3, 5, 7, 10, 100, 127, 128, 255, 256, 1000, 32767, 32768, 65535, 65536, 123456789,
    0x7fffffffull, 0x80000000ull, 0xffffffffull, 0x100000000ull, 0x123456789abcdefull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xfffffffffffffffeull, 0xffffffffffffffffull,
    0x5555555555555555ull, 0xaaaaaaaaaaaaaaaaull, 0xdeadbeefcafebabeull, (uint64_t)-100, (uint64_t)-7,
};
#define NSEEDS ((int)RT_COUNT(seeds))

/* One block per width: wrapping add/sub/mul, logic, shifts, unsigned and signed div/mod. */
#define WIDTH_TESTS(U, S, BITS, SMIN)                                                   \
    static void test_##U(void)                                                          \
    {                                                                                   \
        for (int i = 0; i < NSEEDS; i++)                                                \
            for (int j = 0; j < NSEEDS; j++) {                                          \
                U a = OPQ((U)seeds[i]), b = OPQ((U)seeds[j]);                           \
                mix((U)(a + b)); mix((U)(a - b)); mix((U)(a * b));                      \
                mix((U)(a & b)); mix((U)(a | b)); mix((U)(a ^ b)); mix((U)~a);          \
                mix((U)-a); mix(a < b); mix((S)a < (S)b); mix(a == b);                  \
                unsigned sh = OPQ((unsigned)(seeds[j] % BITS));                         \
                mix((U)(a << sh)); mix((U)(a >> sh)); mix((U)((S)a >> sh));             \
                if (b != 0) {                                                           \
                    mix((U)(a / b)); mix((U)(a % b));                                   \
                    if (!((S)a == (S)SMIN && (S)b == -1)) {                             \
                        mix((U)((S)a / (S)b)); mix((U)((S)a % (S)b));                   \
                    }                                                                   \
                }                                                                       \
            }                                                                           \
        report(#U " alu/shift/div");                                                   \
    }
WIDTH_TESTS(uint8_t, int8_t, 8, -128)
WIDTH_TESTS(uint16_t, int16_t, 16, -32768)
WIDTH_TESTS(uint32_t, int32_t, 32, (-2147483647 - 1))
WIDTH_TESTS(uint64_t, int64_t, 64, (-9223372036854775807ll - 1))

static void explicit_values(void)
{
    int32_t a = OPQ(-7), b = OPQ(2);
    rt_printf("-7/2 = %d, -7%%2 = %d, -7>>1 = %d\n", a / b, a % b, a >> 1);
    uint32_t u = OPQ(0xfffffff9u);
    rt_printf("0xfffffff9/2 = %u, %%2 = %u\n", u / 2, u % OPQ(2u));
    int64_t big = OPQ(-9223372036854775807ll - 1);
    rt_printf("INT64_MIN/3 = %ld, %%3 = %ld\n", (long)(big / OPQ(3)), (long)(big % OPQ(3)));
    uint64_t x = OPQ(0xdeadbeefcafebabeull);
    rt_printf("x/7 = %lu, x%%7 = %lu, x/1000000007 = %lu\n", (unsigned long)(x / 7),
              (unsigned long)(x % 7), (unsigned long)(x / OPQ(1000000007ull)));
    rt_printf("x*3 = %lx, x*5 = %lx, x*9 = %lx\n", (unsigned long)(x * 3), (unsigned long)(x * 5),
              (unsigned long)(x * 9));
    int8_t c = OPQ((int8_t)-5);
    uint8_t d = OPQ((uint8_t)250);
    rt_printf("sext8 %d %ld, zext8 %u %lu\n", c, (long)(int64_t)c, d, (unsigned long)(uint64_t)d);
    int16_t e = OPQ((int16_t)-30000);
    rt_printf("sext16 %d, as u16 %u, as u32 %u\n", e, (uint16_t)e, (uint32_t)e);
    int32_t f = OPQ(-123456);
    rt_printf("sext32 %ld, zext32 %lu\n", (long)(int64_t)f, (unsigned long)(uint32_t)f);
}

static void bit_builtins(void)
{
    for (int i = 0; i < NSEEDS; i++) {
        uint64_t v = OPQ(seeds[i]);
        uint32_t w = (uint32_t)v;
        mix((uint64_t)__builtin_popcountll(v));
        mix((uint64_t)__builtin_popcount(w));
        mix((uint64_t)__builtin_parityll(v));
        mix((uint64_t)__builtin_ffsll((long long)v));
        mix((uint64_t)__builtin_clrsbll((long long)v));
        if (v) {
            mix((uint64_t)__builtin_clzll(v));
            mix((uint64_t)__builtin_ctzll(v));
        }
        if (w) {
            mix((uint64_t)__builtin_clz(w));
            mix((uint64_t)__builtin_ctz(w));
        }
        for (unsigned r = 0; r < 70; r += 13) {
            mix(__builtin_rotateleft64(v, OPQ(r)));
            mix(__builtin_rotateright64(v, OPQ(r)));
            mix(__builtin_rotateleft32(w, OPQ(r)));
            mix(__builtin_rotateright16((uint16_t)v, OPQ(r)));
            mix(__builtin_rotateleft8((uint8_t)v, OPQ(r)));
        }
        mix(__builtin_bswap64(v));
        mix(__builtin_bswap32(w));
        mix(__builtin_bswap16((uint16_t)v));
    }
    report("bit builtins");
    uint64_t v = OPQ(0x0123456789abcdefull);
    rt_printf("popcount %d clz %d ctz %d parity %d\n", __builtin_popcountll(v),
              __builtin_clzll(v), __builtin_ctzll(v << 4), __builtin_parityll(v));
    rt_printf("bswap64 %016lx bswap32 %08x bswap16 %04x\n", (unsigned long)__builtin_bswap64(v),
              __builtin_bswap32((uint32_t)v), __builtin_bswap16((uint16_t)v));
    rt_printf("rotl64(v,12) %016lx rotr32(v,8) %08x\n", (unsigned long)__builtin_rotateleft64(v, OPQ(12u)),
              __builtin_rotateright32((uint32_t)v, OPQ(8u)));
}

static void wide_multiply(void)
{
    for (int i = 0; i < NSEEDS; i++)
        for (int j = 0; j < NSEEDS; j++) {
            uint64_t a = OPQ(seeds[i]), b = OPQ(seeds[j]);
            unsigned __int128 p = (unsigned __int128)a * b;
            __int128 s = (__int128)(int64_t)a * (int64_t)b;
            mix((uint64_t)p); mix((uint64_t)(p >> 64));
            mix((uint64_t)s); mix((uint64_t)((unsigned __int128)s >> 64));
            unsigned __int128 sum = p + ((unsigned __int128)b << 64 | a);
            mix((uint64_t)sum); mix((uint64_t)(sum >> 64));
            unsigned __int128 diff = p - ((unsigned __int128)a << 3);
            mix((uint64_t)diff); mix((uint64_t)(diff >> 64));
            mix((uint64_t)(p >> (j % 128)));
            mix((uint64_t)((uint32_t)a * (uint64_t)(uint32_t)b));
        }
    report("int128 mul/add/shift");
    uint64_t a = OPQ(0xfedcba9876543210ull), b = OPQ(0x0123456789abcdefull);
    unsigned __int128 p = (unsigned __int128)a * b;
    __int128 s = (__int128)(int64_t)a * (int64_t)b;
    rt_printf("u128 %016lx%016lx\n", (unsigned long)(p >> 64), (unsigned long)p);
    rt_printf("s128 %016lx%016lx\n", (unsigned long)((unsigned __int128)s >> 64), (unsigned long)s);
}

static void overflow_builtins(void)
{
    for (int i = 0; i < NSEEDS; i++)
        for (int j = 0; j < NSEEDS; j++) {
            uint64_t a = OPQ(seeds[i]), b = OPQ(seeds[j]);
            int64_t r64; int32_t r32; uint64_t u64; uint32_t u32; int8_t r8;
            mix(__builtin_add_overflow((int64_t)a, (int64_t)b, &r64)); mix((uint64_t)r64);
            mix(__builtin_sub_overflow((int64_t)a, (int64_t)b, &r64)); mix((uint64_t)r64);
            mix(__builtin_mul_overflow((int64_t)a, (int64_t)b, &r64)); mix((uint64_t)r64);
            mix(__builtin_add_overflow((int32_t)a, (int32_t)b, &r32)); mix((uint64_t)r32);
            mix(__builtin_mul_overflow((int32_t)a, (int32_t)b, &r32)); mix((uint64_t)r32);
            mix(__builtin_add_overflow(a, b, &u64)); mix(u64);
            mix(__builtin_sub_overflow(a, b, &u64)); mix(u64);
            mix(__builtin_mul_overflow(a, b, &u64)); mix(u64);
            mix(__builtin_mul_overflow((uint32_t)a, (uint32_t)b, &u32)); mix(u32);
            mix(__builtin_add_overflow((int8_t)a, (int8_t)b, &r8)); mix((uint64_t)r8);
            mix(__builtin_mul_overflow(a, (int64_t)b, &r64)); mix((uint64_t)r64);  /* mixed signs */
        }
    report("overflow builtins");
    int64_t r;
    int o = __builtin_mul_overflow(OPQ((int64_t)0x100000000), OPQ((int64_t)0x80000000), &r);
    rt_printf("2^32*2^31 overflows: %d (wrapped %ld)\n", o, (long)r);
    o = __builtin_add_overflow(OPQ((int64_t)0x7fffffffffffffff), OPQ((int64_t)1), &r);
    rt_printf("INT64_MAX+1 overflows: %d (wrapped %ld)\n", o, (long)r);
}

static RT_NOINLINE int dense_switch(int x)
{
    switch (x) {
    case 0: return 11; case 1: return 23; case 2: return 5; case 3: return 97;
    case 4: return -4; case 5: return 1000; case 6: return 6; case 7: return 77;
    case 8: return 8 * x; case 9: return x - 100; case 10: return 42; case 11: return 0;
    case 12: return 1 << 20; case 13: return -13; case 14: return 14; case 15: return 3;
    case 16: return 61; case 17: return 71; case 18: return 81; case 19: return 91;
    default: return -1;
    }
}

static RT_NOINLINE const char *sparse_switch(unsigned x)
{
    switch (x) {
    case 1: return "one";
    case 10: return "ten";
    case 100: return "hundred";
    case 1000: return "thousand";
    case 65536: return "64k";
    case 0xffffffffu: return "max";
    default: return "other";
    }
}

static RT_NOINLINE uint64_t fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static RT_NOINLINE unsigned ack(unsigned m, unsigned n)
{
    return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1));
}
static RT_NOINLINE int tak(int x, int y, int z)
{
    return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z;
}
static RT_NOINLINE uint64_t gcd(uint64_t a, uint64_t b) { return b ? gcd(b, a % b) : a; }

/* Computed goto: a tiny bytecode interpreter. */
static RT_NOINLINE long run_bytecode(const unsigned char *code, long acc)
{
    static void *ops[] = { &&op_halt, &&op_inc, &&op_dbl, &&op_neg, &&op_sq };
    const unsigned char *pc = code;
    goto *ops[*pc++];
op_inc: acc++; goto *ops[*pc++];
op_dbl: acc *= 2; goto *ops[*pc++];
op_neg: acc = -acc; goto *ops[*pc++];
op_sq: acc *= acc; goto *ops[*pc++];
op_halt: return acc;
}

int main(void)
{
    test_uint8_t();
    test_uint16_t();
    test_uint32_t();
    test_uint64_t();
    explicit_values();
    bit_builtins();
    wide_multiply();
    overflow_builtins();

    for (int i = -2; i < 22; i++)
        mix((uint64_t)dense_switch(OPQ(i)));
    report("dense switch");
    rt_printf("switch:");
    for (int i = 0; i < 22; i += 3)
        rt_printf(" %d", dense_switch(OPQ(i)));
    rt_printf("\n");
    static const unsigned keys[] = { 0, 1, 10, 11, 100, 1000, 65536, 0xffffffffu };
    rt_printf("sparse:");
    for (int i = 0; i < (int)RT_COUNT(keys); i++)
        rt_printf(" %s", sparse_switch(OPQ(keys[i])));
    rt_printf("\n");

    rt_printf("fib(27) = %lu\n", (unsigned long)fib(OPQ(27u)));
    rt_printf("ack(2,3) = %u, ack(3,5) = %u\n", ack(2, OPQ(3u)), ack(3, OPQ(5u)));
    rt_printf("tak(18,12,6) = %d\n", tak(OPQ(18), 12, 6));
    rt_printf("gcd = %lu\n", (unsigned long)gcd(OPQ(0x123456789abcdefull * 6), OPQ(0xfedcba987654321ull * 9)));
    static const unsigned char prog[] = { 1, 1, 2, 4, 3, 1, 4, 0 };
    rt_printf("bytecode = %ld\n", run_bytecode(prog, OPQ(3l)));

    /* byte-wise wraparound and carry chains */
    uint8_t s8 = 0;
    uint16_t s16 = 0;
    for (int i = 0; i < 1000; i++) {
        s8 = (uint8_t)(s8 + OPQ((uint8_t)(i * 7)));
        s16 = (uint16_t)(s16 * 31 + (uint16_t)i);
    }
    rt_printf("u8 sum %u, u16 poly %u\n", s8, s16);
    return 0;
}
