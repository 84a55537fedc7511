/* float_math: SSE scalar double/float arithmetic, sqrt, conversions and their rounding, MXCSR
 * rounding modes, NaN/inf/denormal handling, comparisons, a little x87 long double, and two
 * numeric kernels (mandelbrot, n-body). Results are printed as decimal and as exact bits. */
#include "rt.h"
#include <emmintrin.h>

#define OPQ(x) ({ __auto_type v_ = (x); __asm__ volatile("" : "+x"(v_)); v_; })
#define OPQI(x) ({ __auto_type v_ = (x); __asm__ volatile("" : "+r"(v_)); v_; })
#define OPQM(x) ({ __auto_type v_ = (x); __asm__ volatile("" : "+m"(v_)); v_; })

static uint64_t dbits(double d) { union { double d; uint64_t u; } x = { d }; return x.u; }
static uint32_t fbits(float f) { union { float f; uint32_t u; } x = { f }; return x.u; }
static double bitsd(uint64_t u) { union { uint64_t u; double d; } x = { u }; return x.d; }

#define mix rt_hash_mix
#define report(what) rt_hash_report((what), 30)

static const double vals[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 3.0, 10.0, 0.1, 1.0 / 3.0, 1e10, -1e-10, 123456.789,
    4503599627370496.0, 9007199254740993.0, 1e300, 1e-300, 2.2250738585072014e-308,
    4.9406564584124654e-324, 1.7976931348623157e308, __builtin_inf(), -__builtin_inf(),
    __builtin_nan(""), 3.141592653589793, -2.718281828459045, 65504.0, 16777217.0,
};
#define NVALS ((int)RT_COUNT(vals))

static void arithmetic(void)
{
    for (int i = 0; i < NVALS; i++)
        for (int j = 0; j < NVALS; j++) {
            double a = OPQ(vals[i]), b = OPQ(vals[j]);
            mix(dbits(a + b)); mix(dbits(a - b)); mix(dbits(a * b)); mix(dbits(a / b));
            mix(a < b); mix(a <= b); mix(a == b); mix(a != b); mix(a > b); mix(a >= b);
            mix(dbits(a < b ? a : b)); mix(dbits(a > b ? a : b));   /* minsd/maxsd shapes */
            float fa = (float)a, fb = (float)b;
            mix(fbits(fa + fb)); mix(fbits(fa * fb)); mix(fbits(fa / fb)); mix(fbits(fa - fb));
            mix(fa < fb);
        }
    report("double/float + - * / cmp");
    for (int i = 0; i < NVALS; i++) {
        double a = OPQ(vals[i]);
        mix(dbits(__builtin_sqrt(a)));
        mix(fbits(__builtin_sqrtf((float)a)));
        mix(dbits((double)(float)a));
        mix(dbits(-a));
        mix(dbits(__builtin_fabs(a)));
        mix(dbits(__builtin_copysign(2.0, a)));
    }
    report("sqrt/neg/abs/copysign/cvt");

    double third = OPQ(1.0) / OPQ(3.0);
    rt_printf("1/3 = %.15g bits %016lx\n", third, (unsigned long)dbits(third));
    rt_printf("0.1+0.2 = %.15g, == 0.3: %d\n", OPQ(0.1) + OPQ(0.2), OPQ(0.1) + OPQ(0.2) == 0.3);
    rt_printf("sqrt(2) = %.15f bits %016lx\n", __builtin_sqrt(OPQ(2.0)),
              (unsigned long)dbits(__builtin_sqrt(OPQ(2.0))));
    rt_printf("sqrtf(2) bits %08x\n", fbits(__builtin_sqrtf(OPQ(2.0f))));
    rt_printf("1e308*10 = %g, -1e308*10 = %g\n", OPQ(1e308) * 10, OPQ(-1e308) * 10);
    rt_printf("denormal: 1e-310*1e-5 = %e bits %016lx\n", OPQ(1e-310) * OPQ(1e-5),
              (unsigned long)dbits(OPQ(1e-310) * OPQ(1e-5)));
    rt_printf("min/2 bits %016lx\n", (unsigned long)dbits(OPQ(2.2250738585072014e-308) / 2));
    float f = OPQ(16777216.0f);
    rt_printf("float 2^24+1 = %.1f, 0.1f = %.10f bits %08x\n", (double)(f + 1.0f),
              (double)OPQ(0.1f), fbits(OPQ(0.1f)));
}

static void specials(void)
{
    double zero = OPQ(0.0), one = OPQ(1.0), inf = OPQ(__builtin_inf());
    double nan = zero / zero;
    rt_printf("0/0 bits %016lx, isnan %d\n", (unsigned long)dbits(nan), nan != nan);
    rt_printf("1/0 = %g, -1/0 = %g, 1/-0 = %g\n", one / zero, -one / zero, one / OPQ(-0.0));
    rt_printf("inf-inf bits %016lx, inf*0 bits %016lx\n", (unsigned long)dbits(inf - inf),
              (unsigned long)dbits(inf * zero));
    rt_printf("nan cmp: < %d > %d == %d != %d <= %d\n", nan < one, nan > one, nan == nan,
              nan != nan, nan <= nan);
    rt_printf("-0 == 0: %d, -0 bits %016lx, signbit(-0) %d\n", OPQ(-0.0) == zero,
              (unsigned long)dbits(OPQ(-0.0)), (int)(dbits(OPQ(-0.0)) >> 63));
    double payload = bitsd(0x7ff8000000001234ull);
    rt_printf("qnan payload survives +1: %016lx\n", (unsigned long)dbits(OPQ(payload) + one));
    double snan = bitsd(0x7ff0000000000042ull);
    rt_printf("snan quietened by *1: %016lx\n", (unsigned long)dbits(OPQ(snan) * one));
    rt_printf("min(nan,1) %g min(1,nan) %g\n", nan < one ? nan : one, one < nan ? one : nan);
    rt_printf("printf: %f %e %g %.3f %.0f %g %g %g\n", 1234.5678, 1234.5678, 1234.5678, -0.0005,
              2.5, 1e-5, 123456789.0, 0.0001234);
    rt_printf("printf: [%10.3f] [%-10.2e] [%+g] [%08.2f]\n", 3.14159, 31415.9, 2.0, -3.5);
}

static void conversions(void)
{
    static const double cv[] = { 0.0, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.7, -2.7, 1e9, -1e9,
                                 2147483647.0, -2147483648.0, 4294967295.0, 9.2233720368547748e18,
                                 -9.2233720368547758e18, 1.8446744073709550e19, 4503599627370497.5 };
    for (int i = 0; i < (int)RT_COUNT(cv); i++) {
        double d = OPQ(cv[i]);
        if (d > -2147483649.0 && d < 2147483648.0) mix((uint64_t)(int32_t)d);
        if (d > -1.0 && d < 4294967296.0) mix((uint64_t)(uint32_t)d);
        if (d >= -9.2233720368547758e18 && d < 9.2233720368547758e18) mix((uint64_t)(int64_t)d);
        if (d > -1.0 && d < 1.8446744073709552e19) mix((uint64_t)d);
        mix((uint64_t)_mm_cvtsd_si64(_mm_set_sd(d)));     /* rounds per MXCSR (nearest-even) */
        mix((uint64_t)_mm_cvttsd_si64(_mm_set_sd(d)));    /* truncates; 0x8000.. when out of range */
        mix((uint64_t)_mm_cvtsd_si32(_mm_set_sd(d)));
    }
    report("double->int conversions");
    static const uint64_t iv[] = { 0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x20000000000001ull,
                                   0x20000000000003ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
                                   0x8000000000000401ull, 0xffffffffffffffffull, (uint64_t)-5,
                                   0x1000001, 0x1000003 };
    for (int i = 0; i < (int)RT_COUNT(iv); i++) {
        uint64_t u = OPQI(iv[i]);
        mix(dbits((double)u)); mix(dbits((double)(int64_t)u));
        mix(dbits((double)(uint32_t)u)); mix(dbits((double)(int32_t)u));
        mix(fbits((float)u)); mix(fbits((float)(int64_t)u)); mix(fbits((float)(int32_t)u));
    }
    report("int->double/float conversions");
    rt_printf("cvtsd2si: 2.5->%ld 3.5->%ld -2.5->%ld 2.7->%ld; cvttsd2si: 2.7->%ld -2.7->%ld 1e30->%lx\n",
              (long)_mm_cvtsd_si64(_mm_set_sd(OPQ(2.5))), (long)_mm_cvtsd_si64(_mm_set_sd(OPQ(3.5))),
              (long)_mm_cvtsd_si64(_mm_set_sd(OPQ(-2.5))), (long)_mm_cvtsd_si64(_mm_set_sd(OPQ(2.7))),
              (long)_mm_cvttsd_si64(_mm_set_sd(OPQ(2.7))), (long)_mm_cvttsd_si64(_mm_set_sd(OPQ(-2.7))),
              (unsigned long)_mm_cvttsd_si64(_mm_set_sd(OPQ(1e30))));
    rt_printf("u64 max -> double %.1f, 2^53+1 -> %.1f, (uint64)1.8e19 = %lu\n",
              (double)OPQI(0xffffffffffffffffull), (double)OPQI(0x20000000000001ull),
              (unsigned long)(uint64_t)OPQ(1.8e19));
}

/* MXCSR rounding control: results of the same division and conversion in all four modes. */
static void rounding_modes(void)
{
    unsigned saved = _mm_getcsr();
    rt_printf("mxcsr default masks/rc: %04x\n", saved & 0xff80);
    static const char *names[] = { "nearest", "down", "up", "zero" };
    for (unsigned rc = 0; rc < 4; rc++) {
        _mm_setcsr((saved & ~0x6000u) | (rc << 13));
        double q = OPQ(1.0) / OPQ(3.0), nq = OPQ(-1.0) / OPQ(3.0);
        float fq = OPQ(2.0f) / OPQ(3.0f);
        long r1 = (long)_mm_cvtsd_si64(_mm_set_sd(OPQ(2.5)));
        long r2 = (long)_mm_cvtsd_si64(_mm_set_sd(OPQ(-2.5)));
        double s = __builtin_sqrt(OPQ(2.0));
        double sum = OPQ(1.0) + OPQ(1e-17);
        rt_printf("%-7s 1/3 %016lx -1/3 %016lx 2/3f %08x cvt(2.5) %ld cvt(-2.5) %ld sqrt2 %016lx 1+1e-17 %016lx\n",
                  names[rc], (unsigned long)dbits(q), (unsigned long)dbits(nq), fbits(fq), r1, r2,
                  (unsigned long)dbits(s), (unsigned long)dbits(sum));
    }
    _mm_setcsr(saved);
    /* sticky exception flags: precision after 1/3, invalid after 0/0, divide-by-zero after 1/0 */
    _mm_setcsr(saved & ~0x3fu);
    volatile double r = OPQ(1.0) / OPQ(3.0);
    unsigned f1 = _mm_getcsr() & 0x3f;
    r = OPQ(0.0) / OPQ(0.0);
    unsigned f2 = _mm_getcsr() & 0x3f;
    r = OPQ(1.0) / OPQ(0.0);
    unsigned f3 = _mm_getcsr() & 0x3f;
    (void)r;
    _mm_setcsr(saved);
    rt_printf("mxcsr flags: after 1/3 %02x, +0/0 %02x, +1/0 %02x\n", f1, f2, f3);
}

static void x87(void)
{
    long double a = OPQM(1.0L), b = OPQM(3.0L);
    long double t = a / b;
    unsigned char raw[16] = { 0 };
    memcpy(raw, &t, 10);
    uint64_t mant;
    memcpy(&mant, raw, 8);
    rt_printf("x87 1/3: mantissa %016lx exp %02x%02x\n", (unsigned long)mant, raw[9], raw[8]);
    long double s = __builtin_sqrtl(t * 12.0L);
    rt_printf("x87 sqrt(4) = %.15g, (1/3)*3 == 1: %d\n", (double)s, t * 3.0L == 1.0L);
    long double big = (long double)OPQI(0x7fffffffffffffffll);
    rt_printf("x87 int64 roundtrip %ld, to double %.1f\n", (long)(int64_t)big, (double)big);
    unsigned short cw;
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    rt_printf("x87 control word %04x\n", cw);
}

static void mandelbrot(void)
{
    int total = 0;
    for (int y = 0; y < 21; y++) {
        char line[64];
        int n = 0;
        for (int x = 0; x < 60; x++) {
            double cr = -2.1 + x * (2.8 / 60), ci = -1.2 + y * (2.4 / 20);
            double zr = 0, zi = 0;
            int it = 0;
            while (it < 200 && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                it++;
            }
            total += it;
            line[n++] = " .:-=+*#%@"[it >= 200 ? 9 : it % 9];
        }
        line[n] = 0;
        rt_printf("|%s|\n", line);
    }
    rt_printf("mandelbrot iterations %d\n", total);
}

struct body { double x, y, z, vx, vy, vz, m; };

static double energy(struct body *b, int n)
{
    double e = 0;
    for (int i = 0; i < n; i++) {
        e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < n; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].m * b[j].m / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void nbody(void)
{
    const double pi = 3.141592653589793, mass = 4 * pi * pi, dpy = 365.24;
    struct body b[5] = {
        { 0, 0, 0, 0, 0, 0, mass },
        { 4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
          1.66007664274403694e-03 * dpy, 7.69901118419740425e-03 * dpy, -6.90460016972063023e-05 * dpy,
          9.54791938424326609e-04 * mass },
        { 8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
          -2.76742510726862411e-03 * dpy, 4.99852801234917238e-03 * dpy, 2.30417297573763929e-05 * dpy,
          2.85885980666130812e-04 * mass },
        { 1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
          2.96460137564761618e-03 * dpy, 2.37847173959480950e-03 * dpy, -2.96589568540237556e-05 * dpy,
          4.36624404335156298e-05 * mass },
        { 1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
          2.68067772490389322e-03 * dpy, 1.62824170038242295e-03 * dpy, -9.51592254519715870e-05 * dpy,
          5.15138902046611451e-05 * mass },
    };
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < 5; i++) {
        px += b[i].vx * b[i].m; py += b[i].vy * b[i].m; pz += b[i].vz * b[i].m;
    }
    b[0].vx = -px / mass; b[0].vy = -py / mass; b[0].vz = -pz / mass;
    rt_printf("nbody energy before %.9f\n", energy(b, 5));
    for (int step = 0; step < 1000; step++) {
        for (int i = 0; i < 5; i++)
            for (int j = i + 1; j < 5; j++) {
                double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
                double d2 = dx * dx + dy * dy + dz * dz;
                double mag = 0.01 / (d2 * __builtin_sqrt(d2));
                b[i].vx -= dx * b[j].m * mag; b[i].vy -= dy * b[j].m * mag; b[i].vz -= dz * b[j].m * mag;
                b[j].vx += dx * b[i].m * mag; b[j].vy += dy * b[i].m * mag; b[j].vz += dz * b[i].m * mag;
            }
        for (int i = 0; i < 5; i++) {
            b[i].x += 0.01 * b[i].vx; b[i].y += 0.01 * b[i].vy; b[i].z += 0.01 * b[i].vz;
        }
    }
    double e = energy(b, 5);
    rt_printf("nbody energy after  %.9f bits %016lx\n", e, (unsigned long)dbits(e));
}

int main(void)
{
    arithmetic();
    specials();
    conversions();
    rounding_modes();
    x87();
    mandelbrot();
    nbody();
    return 0;
}
