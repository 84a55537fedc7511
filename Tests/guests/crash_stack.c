/* crash_stack: unbounded recursion overflows the main stack; SIGSEGV with no handler. */
#include "rt.h"

static volatile int never;

static RT_NOINLINE long recurse(long n)
{
    volatile char frame[256];
    frame[n & 255] = (char)n;
    if (never)
        return 0;
    return recurse(n + 1) + frame[(n * 3) & 255];
}

int main(void)
{
    rt_printf("recursing without bound\n");
    long r = recurse(0);
    rt_printf("still alive %ld\n", r);
    return 0;
}
