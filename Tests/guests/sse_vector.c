/* sse_vector: SSE through SSE4.2 (what the emulator's CPUID advertises). Part one lets the
 * compiler vectorise plain loops; part two calls the intrinsics directly and prints every lane. */
#include "rt.h"
#include <nmmintrin.h>     /* SSE4.2, includes SSE..SSE4.1 */

#define OPQ(x) ({ __auto_type v_ = (x); __asm__ volatile("" : "+x"(v_)); v_; })
#define N 1027              /* odd length: vector body plus scalar tail */

static uint64_t hash = 0xcbf29ce484222325ull;
static void mix_bytes(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        hash ^= b[i];
        hash *= 0x100000001b3ull;
    }
}
static void report(const char *what)
{
    rt_printf("%-26s %016lx\n", what, (unsigned long)hash);
    hash = 0xcbf29ce484222325ull;
}

static float fa[N], fb[N], fc[N];
static int32_t ia[N], ib[N], ic[N];
static int16_t sa[N], sb[N], sc[N];
static uint8_t ua[N], ub[N], uc[N];
static double da[N], db[N], dc[N];

static RT_NOINLINE void init(void)
{
    uint32_t x = 12345;
    for (int i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        ia[i] = (int32_t)x >> 7;
        ib[i] = (int32_t)(x * 2654435761u) >> 9;
        sa[i] = (int16_t)(x >> 3);
        sb[i] = (int16_t)(x >> 11);
        ua[i] = (uint8_t)(x >> 5);
        ub[i] = (uint8_t)(x >> 13);
        fa[i] = (float)ia[i] / 4096.0f;
        fb[i] = (float)(ib[i] % 1000) + 0.25f;
        da[i] = (double)ia[i] / 3.0;
        db[i] = (double)ib[i] * 1e-3;
    }
}

static RT_NOINLINE void auto_vectorised(void)
{
    for (int i = 0; i < N; i++) fc[i] = fa[i] * fb[i] + fa[i];
    mix_bytes(fc, sizeof fc);
    for (int i = 0; i < N; i++) fc[i] = fa[i] < fb[i] ? fa[i] : fb[i] * 0.5f;
    mix_bytes(fc, sizeof fc);
    for (int i = 0; i < N; i++) dc[i] = da[i] / (db[i] + 1e6) - da[i];
    mix_bytes(dc, sizeof dc);
    report("float/double loops");

    for (int i = 0; i < N; i++) ic[i] = ia[i] * 3 + (ib[i] >> 2);
    mix_bytes(ic, sizeof ic);
    for (int i = 0; i < N; i++) ic[i] = ia[i] > ib[i] ? ia[i] : ib[i];
    mix_bytes(ic, sizeof ic);
    for (int i = 0; i < N; i++) ic[i] = ia[i] * ib[i];
    mix_bytes(ic, sizeof ic);
    for (int i = 0; i < N; i++) ic[i] = (int32_t)fa[i];
    mix_bytes(ic, sizeof ic);
    for (int i = 0; i < N; i++) fc[i] = (float)ib[i];
    mix_bytes(fc, sizeof fc);
    report("int32 loops");

    for (int i = 0; i < N; i++) {
        int s = sa[i] + sb[i];
        sc[i] = (int16_t)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
    }
    mix_bytes(sc, sizeof sc);
    for (int i = 0; i < N; i++) {
        unsigned s = ua[i] + ub[i];
        uc[i] = (uint8_t)(s > 255 ? 255 : s);
    }
    mix_bytes(uc, sizeof uc);
    for (int i = 0; i < N; i++) uc[i] = (uint8_t)((ua[i] + ub[i] + 1) >> 1);
    mix_bytes(uc, sizeof uc);
    for (int i = 0; i < N; i++) uc[i] = ua[N - 1 - i];
    mix_bytes(uc, sizeof uc);
    report("int16/uint8 loops");

    int64_t isum = 0;
    int32_t imax = -2147483647 - 1;
    uint32_t bytesum = 0;
    float fsum = 0;
    double dot = 0;
    for (int i = 0; i < N; i++) {
        isum += ia[i];
        imax = ia[i] > imax ? ia[i] : imax;
        bytesum += ua[i];
        fsum += fa[i];
        dot += da[i] * db[i];
    }
    union { float f; uint32_t u; } fs = { fsum };
    union { double d; uint64_t u; } ds = { dot };
    rt_printf("reductions: isum %ld imax %d bytes %u fsum %08x dot %016lx\n", (long)isum, imax,
              bytesum, fs.u, (unsigned long)ds.u);
}

static void p128(const char *name, __m128i v)
{
    uint32_t w[4];
    _mm_storeu_si128((__m128i *)w, v);
    rt_printf("%-18s %08x %08x %08x %08x\n", name, w[3], w[2], w[1], w[0]);
}
static void pps(const char *name, __m128 v) { p128(name, _mm_castps_si128(v)); }
static void ppd(const char *name, __m128d v) { p128(name, _mm_castpd_si128(v)); }

static RT_NOINLINE void sse2_integer(void)
{
    __m128i a = OPQ(_mm_set_epi32(0x80017fff, 0x00ff7f80, 0xfffe0001, 0x12345678));
    __m128i b = OPQ(_mm_set_epi32(0x7fff8000, 0x0101fefe, 0x00020003, 0x9abcdef0));
    p128("add_epi8", _mm_add_epi8(a, b));
    p128("add_epi16", _mm_add_epi16(a, b));
    p128("add_epi32", _mm_add_epi32(a, b));
    p128("add_epi64", _mm_add_epi64(a, b));
    p128("sub_epi8", _mm_sub_epi8(a, b));
    p128("adds_epi8", _mm_adds_epi8(a, b));
    p128("adds_epu8", _mm_adds_epu8(a, b));
    p128("subs_epi16", _mm_subs_epi16(a, b));
    p128("subs_epu16", _mm_subs_epu16(a, b));
    p128("mullo_epi16", _mm_mullo_epi16(a, b));
    p128("mulhi_epi16", _mm_mulhi_epi16(a, b));
    p128("mulhi_epu16", _mm_mulhi_epu16(a, b));
    p128("mul_epu32", _mm_mul_epu32(a, b));
    p128("madd_epi16", _mm_madd_epi16(a, b));
    p128("sad_epu8", _mm_sad_epu8(a, b));
    p128("avg_epu8", _mm_avg_epu8(a, b));
    p128("min_epu8", _mm_min_epu8(a, b));
    p128("max_epi16", _mm_max_epi16(a, b));
    p128("cmpeq_epi8", _mm_cmpeq_epi8(a, _mm_set1_epi8(0x01)));
    p128("cmpgt_epi16", _mm_cmpgt_epi16(a, b));
    p128("cmplt_epi32", _mm_cmplt_epi32(a, b));
    p128("packs_epi32", _mm_packs_epi32(a, b));
    p128("packs_epi16", _mm_packs_epi16(a, b));
    p128("packus_epi16", _mm_packus_epi16(a, b));
    p128("unpacklo_epi8", _mm_unpacklo_epi8(a, b));
    p128("unpackhi_epi16", _mm_unpackhi_epi16(a, b));
    p128("unpacklo_epi64", _mm_unpacklo_epi64(a, b));
    p128("shuffle_epi32", _mm_shuffle_epi32(a, 0x1b));
    p128("shufflelo_epi16", _mm_shufflelo_epi16(a, 0xb1));
    p128("shufflehi_epi16", _mm_shufflehi_epi16(a, 0x4e));
    p128("slli_si128", _mm_slli_si128(a, 3));
    p128("srli_si128", _mm_srli_si128(a, 5));
    p128("slli_epi16", _mm_slli_epi16(a, 4));
    p128("srai_epi16", _mm_srai_epi16(a, 3));
    p128("srai_epi32", _mm_srai_epi32(a, 31));
    p128("srli_epi64", _mm_srli_epi64(a, 9));
    p128("sll_epi32", _mm_sll_epi32(a, _mm_cvtsi32_si128(7)));
    p128("srl_epi16_big", _mm_srl_epi16(a, _mm_cvtsi32_si128(16)));
    p128("andnot", _mm_andnot_si128(a, b));
    p128("xor/or", _mm_or_si128(_mm_xor_si128(a, b), _mm_and_si128(a, b)));
    rt_printf("%-18s %04x %d\n", "movemask_epi8", _mm_movemask_epi8(a), _mm_cvtsi128_si32(a));
    rt_printf("%-18s %016lx\n", "cvtsi128_si64", (unsigned long)_mm_cvtsi128_si64(b));
    p128("insert/extract16", _mm_insert_epi16(a, _mm_extract_epi16(b, 5), 2));
}

static RT_NOINLINE void sse_float(void)
{
    __m128 a = OPQ(_mm_set_ps(-1.5f, 3.25f, 1e30f, 0.1f));
    __m128 b = OPQ(_mm_set_ps(2.0f, -0.0f, 1e10f, 3.0f));
    __m128 nan = OPQ(_mm_set_ps(__builtin_nanf(""), 1.0f, -__builtin_inff(), 4.0f));
    pps("add_ps", _mm_add_ps(a, b));
    pps("mul_ps", _mm_mul_ps(a, b));
    pps("div_ps", _mm_div_ps(a, b));
    pps("sqrt_ps", _mm_sqrt_ps(_mm_andnot_ps(_mm_set1_ps(-0.0f), a)));
    pps("min_ps(a,nan)", _mm_min_ps(a, nan));
    pps("max_ps(nan,a)", _mm_max_ps(nan, a));
    pps("cmplt_ps", _mm_cmplt_ps(a, b));
    pps("cmpunord_ps", _mm_cmpunord_ps(a, nan));
    pps("cmpneq_ps", _mm_cmpneq_ps(nan, nan));
    pps("shuffle_ps", _mm_shuffle_ps(a, b, 0x9c));
    pps("unpackhi_ps", _mm_unpackhi_ps(a, b));
    pps("movehl_ps", _mm_movehl_ps(a, b));
    pps("move_ss", _mm_move_ss(a, b));
    pps("add_ss", _mm_add_ss(a, b));
    p128("cvtps_epi32", _mm_cvtps_epi32(a));
    p128("cvttps_epi32", _mm_cvttps_epi32(a));
    pps("cvtepi32_ps", _mm_cvtepi32_ps(_mm_set_epi32(-7, 16777217, 0x7fffffff, 3)));
    rt_printf("%-18s %x\n", "movemask_ps", _mm_movemask_ps(a));
    rt_printf("%-18s %d %d\n", "comilt/ucomieq", _mm_comilt_ss(a, b), _mm_ucomieq_ss(nan, nan));

    __m128d x = OPQ(_mm_set_pd(1.0 / 3.0, -2.5));
    __m128d y = OPQ(_mm_set_pd(1e-300, 7.0));
    ppd("add_pd", _mm_add_pd(x, y));
    ppd("div_pd", _mm_div_pd(x, y));
    ppd("mul_pd(denorm)", _mm_mul_pd(y, y));
    ppd("sqrt_pd", _mm_sqrt_pd(y));
    ppd("min_pd", _mm_min_pd(x, y));
    ppd("cmple_pd", _mm_cmple_pd(x, y));
    ppd("shuffle_pd", _mm_shuffle_pd(x, y, 1));
    ppd("unpacklo_pd", _mm_unpacklo_pd(x, y));
    pps("cvtpd_ps", _mm_cvtpd_ps(x));
    ppd("cvtps_pd", _mm_cvtps_pd(a));
    p128("cvtpd_epi32", _mm_cvtpd_epi32(x));
    p128("cvttpd_epi32", _mm_cvttpd_epi32(x));
    ppd("cvtepi32_pd", _mm_cvtepi32_pd(_mm_set_epi32(0, 0, -5, 0x7fffffff)));
    ppd("sqrt_sd", _mm_sqrt_sd(x, y));
    rt_printf("%-18s %x\n", "movemask_pd", _mm_movemask_pd(x));
}

static RT_NOINLINE void sse3_ssse3(void)
{
    __m128 a = OPQ(_mm_set_ps(4.0f, 3.0f, 2.0f, 1.5f));
    __m128 b = OPQ(_mm_set_ps(-8.0f, 0.5f, 10.0f, 100.0f));
    pps("hadd_ps", _mm_hadd_ps(a, b));
    pps("hsub_ps", _mm_hsub_ps(a, b));
    pps("addsub_ps", _mm_addsub_ps(a, b));
    pps("movehdup_ps", _mm_movehdup_ps(b));
    pps("moveldup_ps", _mm_moveldup_ps(b));
    ppd("movedup_pd", _mm_movedup_pd(_mm_set_pd(9.0, -1.0)));
    ppd("hadd_pd", _mm_hadd_pd(_mm_set_pd(1.0, 2.0), _mm_set_pd(30.0, 40.0)));

    __m128i x = OPQ(_mm_set_epi32(0x80ff7f01, 0xfedcba98, 0x76543210, 0x0f1e2d3c));
    __m128i y = OPQ(_mm_set_epi32(0x0f0e0d0c, 0x83828180, 0x07060504, 0x00010203));
    p128("shuffle_epi8", _mm_shuffle_epi8(x, y));
    p128("alignr_epi8(5)", _mm_alignr_epi8(x, y, 5));
    p128("abs_epi8", _mm_abs_epi8(x));
    p128("abs_epi16", _mm_abs_epi16(x));
    p128("abs_epi32", _mm_abs_epi32(x));
    p128("hadd_epi16", _mm_hadd_epi16(x, y));
    p128("hadds_epi16", _mm_hadds_epi16(x, y));
    p128("hsub_epi32", _mm_hsub_epi32(x, y));
    p128("maddubs_epi16", _mm_maddubs_epi16(x, y));
    p128("mulhrs_epi16", _mm_mulhrs_epi16(x, y));
    p128("sign_epi8", _mm_sign_epi8(x, y));
    p128("sign_epi32", _mm_sign_epi32(x, y));
    char buf[40];
    memcpy(buf + 1, "0123456789abcdefghijk", 22);
    p128("lddqu(unaligned)", _mm_lddqu_si128((const __m128i *)(buf + 1)));
}

static RT_NOINLINE void sse41(void)
{
    __m128i a = OPQ(_mm_set_epi32(-5, 0x7fffffff, 100, (int)0x80000000));
    __m128i b = OPQ(_mm_set_epi32(3, -1, 100, 7));
    p128("min_epi32", _mm_min_epi32(a, b));
    p128("max_epu32", _mm_max_epu32(a, b));
    p128("min_epi8", _mm_min_epi8(a, b));
    p128("max_epu16", _mm_max_epu16(a, b));
    p128("mullo_epi32", _mm_mullo_epi32(a, b));
    p128("mul_epi32", _mm_mul_epi32(a, b));
    p128("packus_epi32", _mm_packus_epi32(a, b));
    p128("cmpeq_epi64", _mm_cmpeq_epi64(a, _mm_set_epi32(-5, 0x7fffffff, 0, 0)));
    p128("blendv_epi8", _mm_blendv_epi8(a, b, _mm_set_epi32((int)0x80008000, 0x00800080, (int)0xff000000, 0x7f)));
    p128("blend_epi16", _mm_blend_epi16(a, b, 0xa5));
    p128("cvtepi8_epi32", _mm_cvtepi8_epi32(_mm_set_epi32(0, 0, 0, (int)0x80ff7f01)));
    p128("cvtepu8_epi16", _mm_cvtepu8_epi16(_mm_set_epi32(0, 0, (int)0xfedcba98, 0x76543210)));
    p128("cvtepi16_epi64", _mm_cvtepi16_epi64(_mm_set_epi32(0, 0, 0, (int)0x8000ffff)));
    p128("cvtepu32_epi64", _mm_cvtepu32_epi64(a));
    p128("insert_epi8", _mm_insert_epi8(a, 0x5a, 13));
    p128("insert_epi32", _mm_insert_epi32(a, 42, 2));
    p128("insert_epi64", _mm_insert_epi64(a, 0x1122334455667788ll, 1));
    rt_printf("%-18s %d %d %lx\n", "extract_epi8/32/64", _mm_extract_epi8(a, 15),
              _mm_extract_epi32(a, 2), (unsigned long)_mm_extract_epi64(a, 0));
    p128("minpos_epu16", _mm_minpos_epu16(_mm_set_epi16(9, 8, 7, 3, 5, 3, 10, 200)));
    p128("mpsadbw(5)", _mm_mpsadbw_epu8(_mm_set_epi32(0x01020304, 0x05060708, 0x090a0b0c, 0x0d0e0f10),
                                        _mm_set_epi32(0x11121314, 0x15161718, 0x191a1b1c, 0x1d1e1f20), 5));
    rt_printf("%-18s %d %d %d\n", "testz/testc/testnzc", _mm_testz_si128(a, b), _mm_testc_si128(a, b),
              _mm_testnzc_si128(a, b));

    __m128 f = OPQ(_mm_set_ps(-2.5f, 2.5f, -1.5f, 0.49999997f));
    __m128d d = OPQ(_mm_set_pd(-0.5, 1234.5678));
    pps("round_ps(nearest)", _mm_round_ps(f, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    pps("floor_ps", _mm_floor_ps(f));
    pps("ceil_ps", _mm_ceil_ps(f));
    pps("round_ps(trunc)", _mm_round_ps(f, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC));
    ppd("floor_pd", _mm_floor_pd(d));
    ppd("ceil_pd", _mm_ceil_pd(d));
    ppd("round_sd(nearest)", _mm_round_sd(d, _mm_set_pd(0, 2.5), _MM_FROUND_TO_NEAREST_INT));
    pps("dp_ps(0xf1)", _mm_dp_ps(_mm_set_ps(1, 2, 3, 4), _mm_set_ps(0.5f, 0.25f, 2, -1), 0xf1));
    pps("dp_ps(0x73)", _mm_dp_ps(_mm_set_ps(1, 2, 3, 4), _mm_set_ps(0.5f, 0.25f, 2, -1), 0x73));
    ppd("dp_pd(0x31)", _mm_dp_pd(_mm_set_pd(1.5, 2), _mm_set_pd(4, -0.25), 0x31));
    pps("blend_ps", _mm_blend_ps(f, _mm_set1_ps(9.0f), 0x6));
    pps("blendv_ps", _mm_blendv_ps(f, _mm_set1_ps(9.0f), f));
    pps("insert_ps", _mm_insert_ps(f, _mm_set_ps(40, 30, 20, 10), 0x9c));
    union { int i; float f; } e = { _mm_extract_ps(f, 3) };
    rt_printf("%-18s %g\n", "extract_ps", (double)e.f);
}

static RT_NOINLINE void sse42_popcnt(void)
{
    __m128i a = OPQ(_mm_set_epi64x(-3, 5));
    p128("cmpgt_epi64", _mm_cmpgt_epi64(a, _mm_set_epi64x(-4, 5)));
    uint32_t c = 0xffffffff;
    c = _mm_crc32_u8(c, 0x61);
    c = _mm_crc32_u16(c, 0x6263);
    c = _mm_crc32_u32(c, 0x64656667);
    uint64_t c64 = _mm_crc32_u64(c, 0x68696a6b6c6d6e6full);
    rt_printf("%-18s %08x %08lx\n", "crc32c", c, (unsigned long)c64);

    const char hay[17] = "hello, world!xyz";
    __m128i h = _mm_loadu_si128((const __m128i *)hay);
    __m128i set = _mm_setr_epi8(',', ' ', '!', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    __m128i range = _mm_setr_epi8('a', 'z', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    __m128i word = _mm_setr_epi8('w', 'o', 'r', 'l', 'd', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    rt_printf("%-18s %d %d %d\n", "cmpistri any/rng/sub",
              _mm_cmpistri(set, h, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY),
              _mm_cmpistri(range, h, _SIDD_UBYTE_OPS | _SIDD_CMP_RANGES | _SIDD_NEGATIVE_POLARITY),
              _mm_cmpistri(word, h, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ORDERED));
    p128("cmpistrm bitmask", _mm_cmpistrm(set, h, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY));
    p128("cmpestrm bytemask", _mm_cmpestrm(range, 2, h, 10, _SIDD_UBYTE_OPS | _SIDD_CMP_RANGES | _SIDD_UNIT_MASK));
    rt_printf("%-18s %d %d\n", "cmpestri/cmpestrc", _mm_cmpestri(word, 5, h, 16, _SIDD_CMP_EQUAL_ORDERED),
              _mm_cmpestrc(word, 5, h, 6, _SIDD_CMP_EQUAL_ORDERED));
    rt_printf("%-18s %d %ld\n", "popcnt", _mm_popcnt_u32(0xf0f0f0f1u),
              (long)_mm_popcnt_u64(0xdeadbeefcafebabeull));
}

/* Non-temporal stores, fences, prefetch and cache-line flush must simply work. */
static RT_NOINLINE void memory_ops(void)
{
    static __m128i dst[4] __attribute__((aligned(16)));
    for (int i = 0; i < 4; i++)
        _mm_stream_si128(&dst[i], _mm_set1_epi32(i * 0x01010101));
    _mm_sfence();
    _mm_prefetch((const char *)dst, _MM_HINT_T0);
    _mm_clflush(dst);
    _mm_mfence();
    _mm_lfence();
    int nt = 0x1234;
    _mm_stream_si32(&nt, 0x5678);
    _mm_sfence();
    p128("stream/fence", _mm_add_epi32(_mm_load_si128(&dst[3]), _mm_cvtsi32_si128(nt)));
    __m128i u = _mm_loadu_si128((const __m128i *)((const char *)dst + 7));
    p128("loadu(+7)", u);
    _mm_storeu_si128((__m128i *)((char *)dst + 3), _mm_set1_epi8(0x77));
    p128("storeu(+3)", _mm_load_si128(&dst[0]));
    _mm_maskmoveu_si128(_mm_set1_epi8(0x55), _mm_set_epi32(0, -1, 0, (int)0x80000080), (char *)&dst[1]);
    p128("maskmovdqu", _mm_load_si128(&dst[1]));
}

int main(void)
{
    init();
    auto_vectorised();
    sse2_integer();
    sse_float();
    sse3_ssse3();
    sse41();
    sse42_popcnt();
    memory_ops();
    return 0;
}
