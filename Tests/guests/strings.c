/* strings: memcpy/memmove/memset/memcmp (rt uses rep movsb/stosb, repe cmpsb, repne scasb),
 * overlapping moves in both directions, the x86 string instructions with every operand size and
 * both directions, large copies, unaligned access, and scanning right up to an unmapped page. */
#include "rt.h"
#include <emmintrin.h>

#define OPQ(x) ({ __auto_type v_ = (x); __asm__ volatile("" : "+r"(v_)); v_; })

static uint64_t hash = 0xcbf29ce484222325ull;
static void mix_bytes(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        hash ^= b[i];
        hash *= 0x100000001b3ull;
    }
}

static unsigned char buf[4096], ref[4096];

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1664525u + 1013904223u;
        p[i] = (unsigned char)(seed >> 24);
    }
}

/* byte-at-a-time reference memmove */
static RT_NOINLINE void ref_move(unsigned char *d, const unsigned char *s, size_t n)
{
    volatile unsigned char *vd = d;
    if (d < s)
        for (size_t i = 0; i < n; i++) vd[i] = s[i];
    else
        for (size_t i = n; i-- > 0;) vd[i] = s[i];
}

static void overlapping_moves(void)
{
    static const size_t sizes[] = { 0, 1, 2, 3, 7, 8, 15, 16, 17, 31, 63, 64, 65, 255, 1000 };
    static const int shifts[] = { -33, -17, -16, -9, -8, -1, 1, 2, 7, 8, 15, 16, 33, 100 };
    int bad = 0;
    for (int i = 0; i < (int)RT_COUNT(sizes); i++)
        for (int j = 0; j < (int)RT_COUNT(shifts); j++) {
            size_t n = OPQ(sizes[i]);
            fill(buf, sizeof buf, (unsigned)(i * 31 + j));
            memcpy(ref, buf, sizeof buf);
            unsigned char *src = buf + 1200, *dst = src + shifts[j];
            memmove(dst, src, n);
            ref_move(ref + 1200 + shifts[j], ref + 1200, n);
            if (memcmp(buf, ref, sizeof buf) != 0)
                bad++;
            mix_bytes(buf + 1100, 1300);
        }
    rt_printf("overlapping memmove: %d mismatches, hash %016lx\n", bad, (unsigned long)hash);

    bad = 0;
    for (size_t n = 0; n < 300; n += 7)
        for (size_t a = 0; a < 16; a += 3) {
            fill(buf, 1024, (unsigned)(n + a));
            memset(ref, 0xee, 1024);
            memcpy(ref + a, buf + 512 + (15 - a), n);
            for (size_t k = 0; k < n; k++)
                if (ref[a + k] != buf[512 + 15 - a + k])
                    bad++;
            if (a && ref[a - 1] != 0xee)
                bad++;
            if (ref[a + n] != 0xee)
                bad++;
        }
    rt_printf("memcpy all sizes/alignments: %d bad bytes\n", bad);

    memset(buf, 0x5a, 1000);
    memset(buf + OPQ(3), 0, OPQ(0));
    memset(buf + 10, OPQ(0x1ff), 5);    /* only the low byte counts */
    rt_printf("memset: %02x %02x %02x %02x\n", buf[9], buf[10], buf[14], buf[15]);
}

static void compare_and_search(void)
{
    const char *a = OPQ("abcdef"), *b = OPQ("abcdeg"), *c = OPQ("abc");
    rt_printf("memcmp: %d %d %d %d\n", memcmp(a, b, 6) < 0, memcmp(b, a, 6) > 0, memcmp(a, b, 5),
              memcmp(a, b, 0));
    unsigned char hi[2] = { 0x80, 0 }, lo[2] = { 0x7f, 0 };
    rt_printf("memcmp is unsigned: %d\n", memcmp(hi, lo, 1) > 0);
    rt_printf("strcmp: %d %d %d strncmp: %d\n", strcmp(a, b) < 0, strcmp(a, c) > 0, strcmp(c, c),
              strncmp(a, b, 5));
    rt_printf("strlen: %u %u %u\n", (unsigned)strlen(a), (unsigned)strlen(OPQ("")),
              (unsigned)strlen(OPQ("a longer string, with spaces")));
    rt_printf("strchr: %s | memchr: %s\n", strchr(a, 'd'), (const char *)memchr(a, 'e', 6));
}

/* The string instructions directly: each operand size, forward and backward. */
static void string_instructions(void)
{
    uint64_t src[8], dst[8];
    for (int i = 0; i < 8; i++)
        src[i] = 0x1111111111111111ull * (uint64_t)(i + 1);

    memset(dst, 0, sizeof dst);
    void *d = dst, *s = src;
    size_t n = 5;
    __asm__ volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
    rt_printf("rep movsq: %lx %lx, rdi advanced %ld, rcx %lu\n", (unsigned long)dst[4],
              (unsigned long)dst[5], (long)((char *)d - (char *)dst), (unsigned long)n);

    memset(dst, 0, sizeof dst);
    d = (char *)dst + 30;
    s = (char *)src + 30;
    n = 6;
    __asm__ volatile("std\n\trep movsw\n\tcld" : "+D"(d), "+S"(s), "+c"(n) : : "memory", "cc");
    rt_printf("std rep movsw: %04x %04x %04x, rdi moved %ld\n", ((uint16_t *)dst)[15],
              ((uint16_t *)dst)[10], ((uint16_t *)dst)[9], (long)((char *)d - ((char *)dst + 30)));

    d = dst;
    n = 3;
    __asm__ volatile("rep stosl" : "+D"(d), "+c"(n) : "a"(0xdeadbeef) : "memory");
    d = (char *)dst + 20;
    n = 4;
    __asm__ volatile("rep stosq" : "+D"(d), "+c"(n) : "a"(0x0102030405060708ull) : "memory");
    rt_printf("rep stosl/stosq: %lx %lx %lx\n", (unsigned long)dst[0], (unsigned long)dst[1],
              (unsigned long)dst[3]);

    d = dst;
    n = 0;
    __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(0xff) : "memory");
    rt_printf("rep stosb with rcx=0 leaves rdi: %s\n", d == dst ? "yes" : "no");

    const char *text = "find the x here";
    const char *p = text;
    n = 100;
    __asm__ volatile("repne scasb" : "+D"(p), "+c"(n) : "a"('x') : "memory", "cc");
    rt_printf("repne scasb: found at %ld, rcx %lu\n", (long)(p - text - 1), (unsigned long)n);

    uint64_t words[4] = { 7, 7, 7, 9 };
    const uint64_t *w = words;
    n = 4;
    __asm__ volatile("repe scasq" : "+D"(w), "+c"(n) : "a"(7ull) : "memory", "cc");
    rt_printf("repe scasq: stopped after %ld, rcx %lu\n", (long)(w - words), (unsigned long)n);

    const char *x1 = "same prefix-A", *x2 = "same prefix-B";
    const char *q1 = x1, *q2 = x2;
    n = 13;
    unsigned char below;
    __asm__ volatile("repe cmpsb" : "+S"(q1), "+D"(q2), "+c"(n), "=@ccb"(below) : : "memory");
    rt_printf("repe cmpsb: mismatch at %ld, below %d\n", (long)(q1 - x1 - 1), below);

    const unsigned char *l = (const unsigned char *)"\x03\x05\x07";
    unsigned sum = 0;
    for (int i = 0; i < 3; i++) {
        unsigned char v;
        __asm__ volatile("lodsb" : "=a"(v), "+S"(l) : : "memory");
        sum = sum * 10 + v;
    }
    rt_printf("lodsb: %u\n", sum);

    uint32_t dd[2] = { 0, 0 };
    void *dp = dd;
    __asm__ volatile("stosl" : "+D"(dp) : "a"(0xabcdu) : "memory");
    const void *sp = src;
    dp = (char *)dd + 4;
    __asm__ volatile("movsl" : "+D"(dp), "+S"(sp) : : "memory");
    rt_printf("stosl/movsl: %x %x\n", dd[0], dd[1]);
}

static void large_copies(void)
{
    size_t big = 3u << 20;
    unsigned char *a = rt_mmap(0, big, RT_PROT_READ | RT_PROT_WRITE, RT_MAP_PRIVATE | RT_MAP_ANON, -1, 0);
    unsigned char *b = rt_mmap(0, big, RT_PROT_READ | RT_PROT_WRITE, RT_MAP_PRIVATE | RT_MAP_ANON, -1, 0);
    if (RT_MAP_FAILED(a) || RT_MAP_FAILED(b)) {
        rt_printf("mmap failed\n");
        return;
    }
    for (size_t i = 0; i < big; i += 4096)
        a[i] = (unsigned char)(i >> 12);
    __builtin_memcpy(b, a, 1u << 20);
    __builtin_memset(b + (1u << 20), 0xab, 1u << 20);
    __builtin_memmove(b + (2u << 20) + 1, b + 4095, (1u << 20) - 1);
    uint64_t h = 0;
    for (size_t i = 0; i < big; i += 511)
        h = h * 31 + b[i];
    rt_printf("large memcpy/memset/memmove: %016lx\n", (unsigned long)h);

    struct blob { char bytes[333]; } x, y;
    for (int i = 0; i < 333; i++)
        x.bytes[i] = (char)(i * 3);
    y = x;                                  /* compiler-generated struct copy */
    rt_printf("struct copy equal: %s\n", memcmp(&x, &y, sizeof x) == 0 ? "yes" : "no");
    rt_munmap(a, big);
    rt_munmap(b, big);
}

struct __attribute__((packed)) unaligned { char c; uint64_t q; uint32_t l; uint16_t w; double d; };

static void unaligned_access(void)
{
    static unsigned char raw[64];
    for (int i = 0; i < 64; i++)
        raw[i] = (unsigned char)(i * 7 + 1);
    struct unaligned *u = (struct unaligned *)(raw + OPQ(1));
    rt_printf("unaligned q %016lx l %08x w %04x\n", (unsigned long)u->q, u->l, u->w);
    u->q = 0x8877665544332211ull;
    u->d = 2.5;
    uint64_t back;
    memcpy(&back, raw + 2, 8);
    rt_printf("unaligned store %016lx, d %g\n", (unsigned long)back, u->d);
    __m128i v = _mm_loadu_si128((const __m128i *)(raw + OPQ(3)));
    rt_printf("movdqu +3: %08x\n", _mm_cvtsi128_si32(v));
}

/* SSE2 strlen with 16-byte aligned loads: never touches the next page. */
static size_t strlen_sse2(const char *s)
{
    const char *p = (const char *)((uintptr_t)s & ~(uintptr_t)15);
    unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_load_si128((const __m128i *)p),
                                                               _mm_setzero_si128()));
    mask >>= (uintptr_t)s & 15;
    if (mask)
        return (size_t)__builtin_ctz(mask);
    for (;;) {
        p += 16;
        mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_load_si128((const __m128i *)p),
                                                          _mm_setzero_si128()));
        if (mask)
            return (size_t)(p - s) + (size_t)__builtin_ctz(mask);
    }
}

static void page_boundary(void)
{
    char *m = rt_mmap(0, 8192, RT_PROT_READ | RT_PROT_WRITE, RT_MAP_PRIVATE | RT_MAP_ANON, -1, 0);
    if (RT_MAP_FAILED(m) || rt_mprotect(m + 4096, 4096, RT_PROT_NONE) != 0) {
        rt_printf("setup failed\n");
        return;
    }
    int bad = 0;
    for (int len = 0; len < 100; len++) {
        char *s = m + 4095 - len;           /* the NUL is the last byte of the readable page */
        memset(s, 'a' + len % 26, (size_t)len);
        s[len] = 0;
        if (strlen(s) != (size_t)len || strlen_sse2(s) != (size_t)len)
            bad++;
        if (len > 0 && memchr(s, 0, (size_t)len + 1) != s + len)
            bad++;
        char copy[128];
        memcpy(copy, s, (size_t)len + 1);
        if (strcmp(copy, s) != 0 || memcmp(copy, s, (size_t)len + 1) != 0)
            bad++;
    }
    rt_printf("string ops ending at a PROT_NONE page: %d failures\n", bad);
    memmove(m + 4096 - 100, m + 4096 - 150, 100);   /* overlapping, ends exactly at the page end */
    rt_printf("memmove up to the page end: ok\n");
    rt_munmap(m, 8192);
}

int main(void)
{
    overlapping_moves();
    compare_and_search();
    string_instructions();
    large_copies();
    unaligned_access();
    page_boundary();
    return 0;
}
