/* Floating-point loop: a small n-body style update in double precision (SSE2 scalar math). */
#include "bench_rt.h"

int bench_main(void) {
    double x = 0.5, y = 0.25, vx = 0.01, vy = -0.02, acc = 0;
    for (u64 i = 0; i < 40000000UL; i++) {
        double r2 = x * x + y * y + 0.01;
        double inv = 1.0 / (r2 * __builtin_sqrt(r2));
        vx -= x * inv * 1e-6;
        vy -= y * inv * 1e-6;
        x += vx * 1e-3;
        y += vy * 1e-3;
        acc += r2;
    }
    put_u64("floatloop ", (u64)(acc * 1000.0) ^ (u64)(x * 1e9));
    return 0;
}
