/* Memory copy loop: copy a 1 MiB buffer back and forth, tweaking and checksumming it
 * (loads/stores, vectorised by the compiler where it can). */
#include "bench_rt.h"

static u64 a[1 << 17], b[1 << 17];

int bench_main(void) {
    for (u64 i = 0; i < (1 << 17); i++) a[i] = i * 2654435761UL;
    u64 sum = 0;
    for (int round = 0; round < 4000; round++) {
        u64 *src = (round & 1) ? b : a, *dst = (round & 1) ? a : b;
        for (u64 i = 0; i < (1 << 17); i++) dst[i] = src[i] + (u64)round;
        u64 s = 0;
        for (u64 i = 0; i < (1 << 17); i += 64) s ^= dst[i] * (i + 1);
        sum += s;
    }
    put_u64("memcopy ", sum);
    return 0;
}
