/*
 * rt.c - the OS-independent half of the guest runtime: process start, printf, strings, names.
 */
#include "rt.h"

uint64_t *rt__auxv;
uint64_t rt_entry_sp;
long *rt_entry_argc;
static char **environ_;

int main(int argc, char **argv, char **envp);   /* a program may define main(void) */

/* Called by _start (start_*.S) with the address of argc and the stack pointer at entry. */
RT_NORETURN void rt__start(long *argcp, uint64_t entry_sp)
{
    int argc = (int)argcp[0];
    char **argv = (char **)(argcp + 1);
    char **envp = argv + argc + 1;
    char **e = envp;
    while (*e)
        e++;
    rt__auxv = (uint64_t *)(e + 1);
    environ_ = envp;
    rt_entry_sp = entry_sp;
    rt_entry_argc = argcp;
    rt_exit(main(argc, argv, envp));
}

int rt_getauxval(unsigned long type, uint64_t *val)
{
    for (uint64_t *a = rt__auxv; a && a[0] != 0; a += 2)
        if (a[0] == type) {
            *val = a[1];
            return 0;
        }
    return -RT_ENOENT;
}

const char *rt_getenv(const char *name)
{
    size_t n = strlen(name);
    for (char **e = environ_; e && *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return 0;
}

const char *rt_scratch_dir(int argc, char **argv)
{
    const char *d = argc > 1 ? argv[1] : rt_getenv("TMPDIR");
    return d ? d : "/tmp";
}

/* ---- fault probes: one load or store that may fault; the handler resumes at rt__probe_done ---- */

__asm__(".text\n"
        "rt__probe_read:\n\txor %eax, %eax\n"
        "rt__probe_read_insn:\n\tmovb (%rdi), %cl\n"
        "rt__probe_done:\n\tret\n"
        "rt__probe_write:\n\txor %eax, %eax\n"
        "rt__probe_write_insn:\n\tmovb %sil, (%rdi)\n\tret\n");
extern char rt__probe_read_insn[], rt__probe_write_insn[], rt__probe_done[];
int rt__probe_read(volatile void *addr);
int rt__probe_write(volatile void *addr, int value);

struct rt_siginfo rt_probe_info;

static void probe_handler(int sig, const struct rt_siginfo *si, void *uc)
{
    uint64_t *pc = rt_uc_reg(uc, RT_REG_RIP);
    if (*pc != (uint64_t)rt__probe_read_insn && *pc != (uint64_t)rt__probe_write_insn) {
        rt_sigaction(sig, RT_SIG_DFL, 0, 0, 0);     /* not ours: fault again, fatally */
        return;
    }
    rt_probe_info = *si;
    *rt_uc_reg(uc, RT_REG_RAX) = (uint64_t)sig;
    *pc = (uint64_t)rt__probe_done;
}

int rt_probe(volatile void *addr, int write, int value)
{
    rt_handler old_segv, old_bus;
    rt_sigaction(RT_SIGSEGV, probe_handler, RT_SA_NODEFER, 0, &old_segv);
    rt_sigaction(RT_SIGBUS, probe_handler, RT_SA_NODEFER, 0, &old_bus);
    rt_probe_info = (struct rt_siginfo){ 0 };
    int r = write ? rt__probe_write(addr, value) : rt__probe_read(addr);
    rt_sigaction(RT_SIGSEGV, old_segv, 0, 0, 0);
    rt_sigaction(RT_SIGBUS, old_bus, 0, 0, 0);
    return r;
}

/* ---- flag translation ---- */

unsigned long rt__to_native(unsigned long v, const struct rt__flag *t)
{
    unsigned long r = 0;
    for (; t->rt | t->native; t++)
        if ((v & t->rt) == t->rt)
            r |= t->native;
    return r;
}

unsigned long rt__from_native(unsigned long v, const struct rt__flag *t)
{
    unsigned long r = 0;
    for (; t->rt | t->native; t++)
        if ((v & t->native) == t->native)
            r |= t->rt;
    return r;
}

/* ---- names ---- */

#define RT_STR_(n) #n,
static const char *const errnames[] = { "E0", RT_ERRNOS(RT_STR_) "EUNKNOWN" };
static const char *const signames[] = { "SIG0", RT_SIGNALS(RT_STR_) };
static const char *const codenames[] = {
    "OTHER", "SI_USER", "SI_QUEUE", "SI_KERNEL", "SI_TKILL", "SEGV_MAPERR", "SEGV_ACCERR",
    "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR", "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV",
    "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV", "ILL_ILLOPC", "ILL_ILLOPN",
    "ILL_PRVOPC", "TRAP_BRKPT", "TRAP_TRACE", "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED",
    "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED",
};

const char *rt_errname(long e)
{
    if (e < 0)
        e = -e;
    return e < (long)RT_COUNT(errnames) ? errnames[e] : "EUNKNOWN";
}

const char *rt_res(long r) { return r >= 0 ? "ok" : rt_errname(r); }

const char *rt_signame(int sig)
{
    return sig > 0 && sig < (int)RT_COUNT(signames) ? signames[sig] : "SIG?";
}

const char *rt_codename(int code)
{
    return code >= 0 && code < (int)RT_COUNT(codenames) ? codenames[code] : "?";
}

/* ---- strings: memcpy/memset/memmove/memcmp/strlen use x86 string instructions on purpose ---- */

void *memcpy(void *d, const void *s, size_t n)
{
    void *r = d;
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
    return r;
}

void *memmove(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;
    if (dp <= sp || dp >= sp + n)
        return memcpy(d, s, n);
    if (n == 0)
        return d;
    dp += n - 1;
    sp += n - 1;
    __asm__ volatile("std\n\trep movsb\n\tcld" : "+D"(dp), "+S"(sp), "+c"(n) : : "memory", "cc");
    return d;
}

void *memset(void *d, int c, size_t n)
{
    void *r = d;
    __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
    return r;
}

int memcmp(const void *a, const void *b, size_t n)
{
    if (n == 0)
        return 0;
    const unsigned char *pa = a, *pb = b;
    /* repe cmpsb stops just past the first differing pair, or after the last pair. */
    __asm__ volatile("repe cmpsb" : "+S"(pa), "+D"(pb), "+c"(n) : : "memory", "cc");
    return (int)pa[-1] - (int)pb[-1];
}

size_t strlen(const char *s)
{
    size_t n = ~(size_t)0;
    __asm__ volatile("repne scasb" : "+D"(s), "+c"(n) : "a"(0) : "memory", "cc");
    return ~n - 1;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    for (; n; n--, p++)
        if (*p == (unsigned char)c)
            return (void *)p;
    return 0;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (int)(unsigned char)*a - (int)(unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (int)(unsigned char)*a - (int)(unsigned char)*b;
        if (!*a)
            break;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return 0;
    }
}

char *strcpy(char *d, const char *s)
{
    return memcpy(d, s, strlen(s) + 1);
}

const char *rt_basename(const char *path)
{
    const char *b = path;
    for (const char *p = path; *p; p++)
        if (*p == '/')
            b = p + 1;
    return b;
}

void rt_sort_strings(const char **v, int n)
{
    for (int i = 1; i < n; i++) {
        const char *x = v[i];
        int j = i - 1;
        while (j >= 0 && strcmp(v[j], x) > 0) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

/* ---- formatted output ---- */

struct sink {
    char *buf;
    size_t cap, len, total;
    int fd;     /* >= 0: flush to fd when full; < 0: snprintf, drop the excess */
};

static void sink_flush(struct sink *o)
{
    size_t off = 0;
    while (off < o->len) {
        long r = rt_write(o->fd, o->buf + off, o->len - off);
        if (r <= 0)
            break;
        off += (size_t)r;
    }
    o->len = 0;
}

static void put(struct sink *o, char c)
{
    o->total++;
    if (o->len + 1 >= o->cap) {
        if (o->fd < 0)
            return;
        sink_flush(o);
    }
    o->buf[o->len++] = c;
}

static void put_padded(struct sink *o, const char *s, size_t n, int width, int left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;
    /* zero padding goes after a sign or 0x prefix */
    if (pad == '0' && !left && n && (s[0] == '-' || s[0] == '+' || s[0] == ' ')) {
        put(o, *s++);
        n--;
    }
    if (!left)
        while (fill--)
            put(o, pad);
    while (n--)
        put(o, *s++);
    if (left)
        while (fill-- > 0)
            put(o, ' ');
}

static int fmt_uint(char *out, uint64_t v, unsigned base, int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

static const double pow10tab[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
                                   1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };

/* Fixed notation for 0 <= v < 1e18, prec <= 15 digits after the point. */
static int fmt_fixed(char *out, double v, int prec)
{
    if (prec > 15)
        prec = 15;
    if (prec < 0)
        prec = 0;
    uint64_t ip = (uint64_t)v;
    double frac = v - (double)ip;
    uint64_t scale = (uint64_t)pow10tab[prec];
    uint64_t f = (uint64_t)(frac * pow10tab[prec] + 0.5);
    if (f >= scale) {
        f -= scale;
        ip++;
    }
    int n = fmt_uint(out, ip, 10, 0);
    if (prec > 0) {
        out[n++] = '.';
        char tmp[24];
        int k = fmt_uint(tmp, f, 10, 0);
        for (int i = k; i < prec; i++)
            out[n++] = '0';
        for (int i = 0; i < k; i++)
            out[n++] = tmp[i];
    }
    return n;
}

/* Decimal exponent of v > 0 (v = m * 10^e, 1 <= m < 10); m returned through *m. */
static int decimal_exponent(double v, double *m)
{
    int e = 0;
    while (v >= 1e16) { v /= 1e16; e += 16; }
    while (v >= 10.0) { v /= 10.0; e++; }
    while (v < 1e-16) { v *= 1e16; e -= 16; }
    while (v < 1.0) { v *= 10.0; e--; }
    *m = v;
    return e;
}

static int fmt_exp(char *out, double v, int prec, int *exp10)
{
    double m = 0;
    int e = v == 0.0 ? 0 : decimal_exponent(v, &m);
    int n = fmt_fixed(out, m, prec);
    if (out[0] == '1' && out[1] == '0') {   /* rounding carried to 10.xxx */
        n = fmt_fixed(out, m / 10.0, prec);
        e++;
    }
    *exp10 = e;
    out[n++] = 'e';
    out[n++] = e < 0 ? '-' : '+';
    if (e < 0)
        e = -e;
    if (e < 10)
        out[n++] = '0';
    n += fmt_uint(out + n, (uint64_t)e, 10, 0);
    return n;
}

/* %g: C's rule, with X the exponent %e would print at precision P-1. */
static int fmt_general(char *out, double a, int prec)
{
    int e, k;
    if (prec == 0)
        prec = 1;
    k = fmt_exp(out, a, prec - 1, &e);
    if (e >= -4 && e < prec && a < 1e18)
        k = fmt_fixed(out, a, prec - 1 - e);
    int dot = -1, ex = k;
    for (int i = 0; i < k; i++) {
        if (out[i] == '.') dot = i;
        if (out[i] == 'e') { ex = i; break; }
    }
    if (dot < 0)
        return k;
    int end = ex;       /* strip trailing zeros of the fraction, and a bare point */
    while (end > dot + 1 && out[end - 1] == '0')
        end--;
    if (end == dot + 1)
        end = dot;
    memmove(out + end, out + ex, (size_t)(k - ex));
    return end + (k - ex);
}

static int fmt_double(char *out, double v, int prec, char conv, char sign)
{
    union { double d; uint64_t u; } bits = { v };
    int n = 0, e;
    if (bits.u >> 63)
        out[n++] = '-';
    else if (sign)
        out[n++] = sign;
    double a = v < 0 ? -v : v;
    if (v != v) {
        memcpy(out + n, "nan", 3);
        return n + 3;
    }
    if (a == __builtin_inf()) {
        memcpy(out + n, "inf", 3);
        return n + 3;
    }
    if (prec > 15)
        prec = 15;
    if (conv == 'g')
        return n + fmt_general(out + n, a, prec);
    if (conv == 'e' || a >= 1e18)
        return n + fmt_exp(out + n, a, prec, &e);
    return n + fmt_fixed(out + n, a, prec);
}

static void format(struct sink *o, const char *f, va_list ap)
{
    for (; *f; f++) {
        if (*f != '%') {
            put(o, *f);
            continue;
        }
        f++;
        int left = 0, width = 0, prec = -1, lng = 0;
        char pad = ' ', sign = 0;
        for (;; f++) {
            if (*f == '-') left = 1;
            else if (*f == '0') pad = '0';
            else if (*f == '+') sign = '+';
            else if (*f == ' ') { if (!sign) sign = ' '; }
            else break;
        }
        if (*f == '*') { width = va_arg(ap, int); f++; }
        else while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
        if (width < 0) { left = 1; width = -width; }
        if (*f == '.') {
            f++;
            prec = 0;
            if (*f == '*') { prec = va_arg(ap, int); f++; }
            else while (*f >= '0' && *f <= '9') prec = prec * 10 + (*f++ - '0');
        }
        for (;; f++) {
            if (*f == 'l' || *f == 'z' || *f == 'j' || *f == 't') lng = 1;
            else if (*f != 'h') break;
        }
        if (left)
            pad = ' ';
        char tmp[400];
        int n = 0;
        switch (*f) {
        case 'd': case 'i': {
            int64_t v = lng ? va_arg(ap, long) : va_arg(ap, int);
            uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
            if (v < 0) tmp[n++] = '-';
            else if (sign) tmp[n++] = sign;
            n += fmt_uint(tmp + n, u, 10, 0);
            break;
        }
        case 'u': case 'x': case 'X': case 'o': {
            uint64_t v = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            n = fmt_uint(tmp, v, *f == 'u' ? 10 : *f == 'o' ? 8 : 16, *f == 'X');
            break;
        }
        case 'p':
            tmp[0] = '0'; tmp[1] = 'x';
            n = 2 + fmt_uint(tmp + 2, (uint64_t)va_arg(ap, void *), 16, 0);
            break;
        case 'c':
            tmp[n++] = (char)va_arg(ap, int);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            size_t len = strlen(s);
            if (prec >= 0 && (size_t)prec < len) len = (size_t)prec;
            put_padded(o, s, len, width, left, ' ');
            continue;
        }
        case 'f': case 'e': case 'g':
            n = fmt_double(tmp, va_arg(ap, double), prec < 0 ? 6 : prec, *f, sign);
            break;
        case '%':
            tmp[n++] = '%';
            break;
        case 0:
            return;
        default:
            tmp[n++] = '%';
            tmp[n++] = *f;
            break;
        }
        put_padded(o, tmp, (size_t)n, width, left, pad);
    }
}

int rt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
    char dummy;
    struct sink o = { n ? buf : &dummy, n ? n : 1, 0, 0, -1 };
    format(&o, fmt, ap);
    o.buf[o.len] = 0;
    return (int)o.total;
}

int rt_snprintf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = rt_vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

static int vdprintf_(int fd, const char *fmt, va_list ap)
{
    char buf[1024];
    struct sink o = { buf, sizeof buf, 0, 0, fd };
    format(&o, fmt, ap);
    sink_flush(&o);     /* one write per call: output order survives a crash */
    return (int)o.total;
}

int rt_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vdprintf_(1, fmt, ap);
    va_end(ap);
    return r;
}

int rt_dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vdprintf_(fd, fmt, ap);
    va_end(ap);
    return r;
}

/* ---- test helpers ---- */

const char *rt_poll_names(int ev)
{
    static char buf[80];
    static const struct { int bit; const char *name; } names[] = {
        { RT_POLLIN, "IN" }, { RT_POLLPRI, "PRI" }, { RT_POLLOUT, "OUT" }, { RT_POLLERR, "ERR" },
        { RT_POLLHUP, "HUP" }, { RT_POLLNVAL, "NVAL" }, { RT_POLLRDNORM, "RDNORM" },
        { RT_POLLRDBAND, "RDBAND" }, { RT_POLLWRBAND, "WRBAND" }, { RT_POLLRDHUP, "RDHUP" },
    };
    buf[0] = 0;
    for (unsigned i = 0; i < RT_COUNT(names); i++)
        if (ev & names[i].bit) {
            if (buf[0])
                strcpy(buf + strlen(buf), "|");
            strcpy(buf + strlen(buf), names[i].name);
        }
    if (!buf[0])
        strcpy(buf, "-");
    return buf;
}

static uint64_t rt__hash = 0xcbf29ce484222325ull;

void rt_hash_mix(uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        rt__hash ^= (v >> (8 * i)) & 0xff;
        rt__hash *= 0x100000001b3ull;
    }
}

void rt_hash_report(const char *what, int width)
{
    int n = (int)strlen(what);
    rt_printf("%s", what);
    while (n++ < width)
        rt_printf(" ");
    rt_printf(" %016lx\n", (unsigned long)rt__hash);
    rt__hash = 0xcbf29ce484222325ull;
}
