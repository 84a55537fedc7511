/* Integer hash loop: FNV-1a style mixing over a counter (ALU, multiply, shifts). */
#include "bench_rt.h"

int bench_main(void) {
    u64 h = 1469598103934665603UL;
    for (u64 i = 0; i < 200000000UL; i++) {
        h ^= i;
        h *= 1099511628211UL;
        h ^= h >> 29;
    }
    put_u64("inthash ", h);
    return 0;
}
