/* memory: mmap (anonymous, file, shared/private, FIXED, EXCL, 32BIT, STACK, GUARD), munmap,
 * mprotect with the precise faults it causes, madvise, mincore, msync, code written at run time
 * (the emulator must drop decoded code when it changes), stack growth and a large bss.
 * Not tested because FreeBSD and Linux disagree: unaligned addresses to munmap/mprotect/madvise/
 * msync/mincore and unaligned mmap offsets (FreeBSD rounds, Linux fails with EINVAL). */
#include "rt.h"

#define PG 4096
#define RW (RT_PROT_READ | RT_PROT_WRITE)
#define ANON (RT_MAP_PRIVATE | RT_MAP_ANON)
#define CHECK(what, expr) rt_printf("%-46s %s\n", what, rt_res(expr))

static const char *mmap_res(void *p) { return RT_MAP_FAILED(p) ? rt_errname((long)p) : "ok"; }

/* Probe one byte and describe the outcome: "ok" or "SIGSEGV SEGV_ACCERR addr-exact". */
static void probe(const char *what, volatile char *p, int write)
{
    int sig = rt_probe(p, write, 0x5a);
    if (!sig)
        rt_printf("%-46s ok\n", what);
    else
        rt_printf("%-46s %s %s, si_addr exact: %s\n", what, rt_signame(sig),
                  rt_codename(rt_probe_info.code), rt_probe_info.addr == (uint64_t)p ? "yes" : "no");
}

/* Like probe() but only the signal: the si_code differs between the systems here. */
static void probe_sig(const char *what, volatile char *p, int write)
{
    int sig = rt_probe(p, write, 0x5a);
    rt_printf("%-46s %s\n", what, sig ? rt_signame(sig) : "ok");
}

static void anonymous(void)
{
    char *m = rt_mmap(0, 16 * PG, RW, ANON, -1, 0);
    rt_printf("mmap 16 pages: %s, page aligned: %s\n", mmap_res(m), ((uint64_t)m & (PG - 1)) == 0 ? "yes" : "no");
    int zero = 1;
    for (int i = 0; i < 16 * PG; i++)
        if (m[i])
            zero = 0;
    rt_printf("fresh memory is zero: %s\n", zero ? "yes" : "no");
    for (int i = 0; i < 16 * PG; i++)
        m[i] = (char)(i * 7);
    CHECK("munmap page 5", rt_munmap(m + 5 * PG, PG));
    probe("read the unmapped page", m + 5 * PG + 123, 0);
    probe("write the unmapped page", m + 5 * PG, 1);
    rt_printf("neighbours intact: %s\n", m[4 * PG + 4095] == (char)((4 * PG + 4095) * 7) &&
              m[6 * PG] == (char)(6 * PG * 7) ? "yes" : "no");

    CHECK("mprotect page 0 PROT_READ", rt_mprotect(m, PG, RT_PROT_READ));
    probe("read a read-only page", m + 10, 0);
    probe("write a read-only page", m + 10, 1);
    CHECK("mprotect page 1 PROT_NONE", rt_mprotect(m + PG, PG, RT_PROT_NONE));
    probe("read a PROT_NONE page", m + PG + 4095, 0);
    CHECK("mprotect pages 0-1 back to RW", rt_mprotect(m, 2 * PG, RW));
    probe("write after restoring RW", m + PG + 1, 1);
    rt_printf("contents survived mprotect: %s\n", m[PG + 100] == (char)((PG + 100) * 7) ? "yes" : "no");

    rt_printf("%-46s %s\n", "munmap of length 0", rt_munmap(m, 0) < 0 ? "fails" : "succeeds");
    CHECK("munmap of an already unmapped page", rt_munmap(m + 5 * PG, PG));
    CHECK("munmap the rest", rt_munmap(m, 16 * PG));
    probe("read after munmap", m + 8 * PG, 0);

    rt_printf("%-46s %s\n", "mmap of length 0", mmap_res(rt_mmap(0, 0, RW, ANON, -1, 0)));
    rt_printf("%-46s %s\n", "file mmap with fd -1", mmap_res(rt_mmap(0, PG, RW, RT_MAP_PRIVATE, -1, 0)));
    rt_printf("%-46s %s\n", "file mmap with a closed fd", mmap_res(rt_mmap(0, PG, RW, RT_MAP_PRIVATE, 55, 0)));
}

static void placement(void)
{
    char *r = rt_mmap(0, 8 * PG, RW, ANON, -1, 0);
    memset(r, 0x11, 8 * PG);
    char *f = rt_mmap(r + 2 * PG, PG, RW, ANON | RT_MAP_FIXED, -1, 0);
    rt_printf("MAP_FIXED at a requested address: %s, exact %s, replaced content zero: %s\n", mmap_res(f),
              f == r + 2 * PG ? "yes" : "no", f[0] == 0 && f[PG - 1] == 0 ? "yes" : "no");
    rt_printf("neighbour pages untouched: %s\n", r[2 * PG - 1] == 0x11 && r[3 * PG] == 0x11 ? "yes" : "no");
    void *e = rt_mmap(r + 4 * PG, PG, RW, ANON | RT_MAP_FIXED | RT_MAP_EXCL, -1, 0);
    rt_printf("%-46s %s\n", "MAP_FIXED|MAP_EXCL over a mapping", RT_MAP_FAILED(e) ? "fails" : "succeeds");
    rt_printf("still the old content: %s\n", r[4 * PG] == 0x11 ? "yes" : "no");
    rt_munmap(r + 6 * PG, PG);
    e = rt_mmap(r + 6 * PG, PG, RW, ANON | RT_MAP_FIXED | RT_MAP_EXCL, -1, 0);
    rt_printf("MAP_FIXED|MAP_EXCL into a hole: %s, exact %s\n", mmap_res(e), e == r + 6 * PG ? "yes" : "no");
    rt_printf("%-46s %s\n", "MAP_EXCL without MAP_FIXED", mmap_res(rt_mmap(0, PG, RW, ANON | RT_MAP_EXCL, -1, 0)));
    rt_printf("%-46s %s\n", "MAP_FIXED at an unaligned address",
              mmap_res(rt_mmap(r + 1, PG, RW, ANON | RT_MAP_FIXED, -1, 0)));
    rt_munmap(r, 8 * PG);

    char *low = rt_mmap(0, 4 * PG, RW, ANON | RT_MAP_32BIT, -1, 0);
    rt_printf("MAP_32BIT: %s, below 2 GiB: %s\n", mmap_res(low),
              !RT_MAP_FAILED(low) && (uint64_t)low + 4 * PG <= 0x80000000ull ? "yes" : "no");
    low[0] = 1;
    rt_munmap(low, 4 * PG);

    char *stk = rt_mmap(0, 16 * PG, RW, ANON | RT_MAP_STACK, -1, 0);
    rt_printf("MAP_STACK: %s\n", mmap_res(stk));
    if (!RT_MAP_FAILED(stk)) {
        /* FreeBSD keeps the lowest page(s) of a MAP_STACK region as a guard: stay above it */
        stk[8 * PG] = 1;
        stk[16 * PG - 1] = 2;
        rt_printf("MAP_STACK usable: %s\n", stk[8 * PG] + stk[16 * PG - 1] == 3 ? "yes" : "no");
        rt_munmap(stk, 16 * PG);
    }

    char *g = rt_mmap(0, 4 * PG, RT_PROT_NONE, RT_MAP_GUARD, -1, 0);
    rt_printf("MAP_GUARD: %s\n", mmap_res(g));
    probe_sig("touch a MAP_GUARD page", g + PG, 0);
    char *in = rt_mmap(g + PG, PG, RW, ANON | RT_MAP_FIXED, -1, 0);
    rt_printf("MAP_FIXED inside the guard: %s, exact %s\n", mmap_res(in), in == g + PG ? "yes" : "no");
    probe("write the page mapped into the guard", g + PG + 8, 1);
    probe_sig("the next guard page still faults", g + 2 * PG, 1);
    rt_munmap(g, 4 * PG);
    rt_printf("%-46s %s\n", "MAP_GUARD with PROT_READ", mmap_res(rt_mmap(0, PG, RT_PROT_READ, RT_MAP_GUARD, -1, 0)));

    size_t huge = 256u << 20;
    char *h = rt_mmap(0, huge, RW, ANON, -1, 0);
    rt_printf("reserve 256 MiB: %s\n", mmap_res(h));
    unsigned sum = 0;
    for (size_t off = 0; off < huge; off += 1u << 20) {
        h[off] = (char)(off >> 20);
        sum += (unsigned char)h[off];
    }
    rt_printf("touch one byte per MiB: sum %u\n", sum);
    rt_munmap(h, huge);
}

static void advice_and_residency(void)
{
    char *m = rt_mmap(0, 8 * PG, RW, ANON, -1, 0);
    for (int i = 0; i < 4; i++)
        m[i * PG] = 1;
    unsigned char vec[8];
    CHECK("mincore", rt_mincore(m, 8 * PG, vec));
    rt_printf("touched pages resident: %d %d %d %d\n", vec[0], vec[1], vec[2], vec[3]);
    rt_munmap(m + 6 * PG, 2 * PG);
    CHECK("mincore over an unmapped page", rt_mincore(m, 8 * PG, vec));
    static const struct { const char *name; int adv; } advs[] = {
        { "MADV_NORMAL", RT_MADV_NORMAL }, { "MADV_RANDOM", RT_MADV_RANDOM },
        { "MADV_SEQUENTIAL", RT_MADV_SEQUENTIAL }, { "MADV_WILLNEED", RT_MADV_WILLNEED },
        { "MADV_DONTNEED", RT_MADV_DONTNEED }, { "MADV_FREE", RT_MADV_FREE },
    };
    for (int i = 0; i < (int)RT_COUNT(advs); i++)
        CHECK(advs[i].name, rt_madvise(m, 4 * PG, advs[i].adv));
    m[0] = 42;      /* usable after DONTNEED/FREE; the old contents are not checked */
    rt_printf("writable after MADV_FREE: %s\n", m[0] == 42 ? "yes" : "no");
    CHECK("madvise with advice 77", rt_madvise(m, PG, 77));
    CHECK("msync(MS_SYNC) on anonymous memory", rt_msync(m, PG, RT_MS_SYNC));
    CHECK("msync over an unmapped range", rt_msync(m + 6 * PG, PG, RT_MS_SYNC));
    rt_munmap(m, 6 * PG);
}

static void file_mappings(const char *dir)
{
    (void)dir;
    int fd = rt_open("mapped", RT_O_CREAT | RT_O_RDWR | RT_O_TRUNC, 0644);
    static char page[PG];
    for (int p = 0; p < 3; p++) {
        memset(page, 'A' + p, PG);
        rt_write(fd, page, PG);
    }
    char *s = rt_mmap(0, 3 * PG, RW, RT_MAP_SHARED, fd, 0);
    rt_printf("MAP_SHARED file mapping: %s, sees the file: %c%c%c\n", mmap_res(s), s[0], s[PG], s[2 * PG + 7]);
    s[PG + 5] = 'z';
    CHECK("msync(MS_SYNC)", rt_msync(s, 3 * PG, RT_MS_SYNC));
    CHECK("msync(MS_ASYNC)", rt_msync(s, 3 * PG, RT_MS_ASYNC));
    CHECK("msync(MS_SYNC|MS_INVALIDATE)", rt_msync(s, 3 * PG, RT_MS_SYNC | RT_MS_INVALIDATE));
    /* not tested: MS_ASYNC|MS_INVALIDATE (FreeBSD: EINVAL, Linux: accepted) */
    char c = 0;
    rt_pread(fd, &c, 1, PG + 5);
    rt_printf("store through MAP_SHARED reaches the file: %c\n", c);
    rt_pwrite(fd, "Q", 1, 2 * PG);
    rt_printf("pwrite is visible through the mapping: %c\n", s[2 * PG]);

    char *pv = rt_mmap(0, 2 * PG, RW, RT_MAP_PRIVATE, fd, PG);
    rt_printf("MAP_PRIVATE at offset 1 page: %s, first byte %c\n", mmap_res(pv), pv[0]);
    pv[0] = 'p';
    rt_pread(fd, &c, 1, PG);
    rt_printf("private store stays private: file %c, mapping %c\n", c, pv[0]);

    CHECK("ftruncate to 5000 bytes", rt_ftruncate(fd, 5000));
    probe("read inside the last partial page", s + 4999, 0);
    rt_printf("tail of the partial page reads zero: %s\n", s[5000] == 0 && s[2 * PG - 1] == 0 ? "yes" : "no");
    probe_sig("read a whole page past EOF", s + 2 * PG + 10, 0);
    rt_munmap(s, 3 * PG);
    rt_munmap(pv, 2 * PG);
    rt_close(fd);

    int ro = rt_open("mapped", RT_O_RDONLY, 0);
    rt_printf("%-46s %s\n", "MAP_SHARED|PROT_WRITE of an O_RDONLY fd", mmap_res(rt_mmap(0, PG, RW, RT_MAP_SHARED, ro, 0)));
    char *r = rt_mmap(0, PG, RT_PROT_READ, RT_MAP_SHARED, ro, 0);
    rt_printf("read-only shared mapping: %s, byte %c\n", mmap_res(r), r[1]);
    probe("write to it", r + 1, 1);
    rt_printf("mapping survives close(fd): ");
    rt_close(ro);
    rt_printf("%c\n", r[2]);
    rt_munmap(r, PG);
    rt_unlink("mapped");
}

/* Code generated at run time. The emulator caches decoded blocks, so it must notice both an
 * mprotect-mediated rewrite and a direct store into an RWX page. */
typedef int (*fn_t)(void);

static void jit(void)
{
    unsigned char code[] = { 0xb8, 42, 0, 0, 0, 0xc3 };   /* mov $42, %eax; ret */
    unsigned char *p = rt_mmap(0, PG, RW, ANON, -1, 0);
    memcpy(p, code, sizeof code);
    CHECK("mprotect code page to R|X", rt_mprotect(p, PG, RT_PROT_READ | RT_PROT_EXEC));
    rt_printf("call generated code: %d\n", ((fn_t)p)());
    rt_mprotect(p, PG, RW);
    p[1] = 43;
    rt_mprotect(p, PG, RT_PROT_READ | RT_PROT_EXEC);
    rt_printf("after rewriting via mprotect: %d\n", ((fn_t)p)());
    probe("write the R|X page", (char *)p + 100, 1);
    rt_munmap(p, PG);

    unsigned char *x = rt_mmap(0, PG, RW | RT_PROT_EXEC, ANON, -1, 0);
    rt_printf("mmap RWX: %s\n", mmap_res(x));
    if (RT_MAP_FAILED(x))
        return;
    memcpy(x, code, sizeof code);
    int sum = 0;
    for (int i = 0; i < 5; i++) {
        x[1] = (unsigned char)(10 + i);     /* plain store, no syscall in between */
        sum = sum * 100 + ((fn_t)x)();
    }
    rt_printf("self-modified RWX code returns: %d\n", sum);
    memcpy(x + 64, code, sizeof code);
    x[65] = 99;
    rt_printf("new code placed after executed code: %d\n", ((fn_t)(x + 64))());
    rt_munmap(x, PG);
    unsigned char *nx = rt_mmap(0, PG, RW, ANON, -1, 0);
    memcpy(nx, code, sizeof code);
    rt_printf("%-46s %s\n", "(calling into a non-executable page is not tested)", "ok");
    rt_munmap(nx, PG);
}

static RT_NOINLINE unsigned deep(unsigned n)
{
    volatile char frame[1024];
    frame[0] = (char)n;
    frame[1023] = (char)(n >> 8);
    if (n == 0)
        return 0;
    unsigned r = deep(n - 1);
    return r + (unsigned char)frame[0] + (unsigned char)frame[1023];
}

static char big_bss[8 << 20];

int main(int argc, char **argv)
{
    const char *dir = rt_scratch_dir(argc, argv);
    if (rt_chdir(dir) < 0)
        return 2;
    anonymous();
    placement();
    advice_and_residency();
    file_mappings(dir);
    jit();
    rt_printf("stack growth: 3000 x 1 KiB frames -> %u\n", deep(3000));
    big_bss[0] = 1;
    big_bss[sizeof big_bss - 1] = 2;
    rt_printf("8 MiB bss usable: %s\n", big_bss[0] + big_bss[sizeof big_bss - 1] + big_bss[4 << 20] == 3 ? "yes" : "no");
    return 0;
}
