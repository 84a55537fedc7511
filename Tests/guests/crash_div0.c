/* crash_div0: integer division by zero ends the process with SIGFPE. */
#include "rt.h"

int main(void)
{
    volatile int a = 1, b = 0;
    rt_printf("dividing by zero\n");
    rt_printf("still alive %d\n", a / b);
    return 0;
}
