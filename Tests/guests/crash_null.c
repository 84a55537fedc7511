/* crash_null: a store through a null pointer ends the process with SIGSEGV. */
#include "rt.h"

int main(void)
{
    rt_printf("writing through a null pointer\n");
    volatile int *volatile p = 0;
    *p = 42;
    rt_printf("still alive\n");
    return 0;
}
