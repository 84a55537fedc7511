/* crash_ud2: __builtin_trap (ud2) ends the process with SIGILL. */
#include "rt.h"

int main(void)
{
    rt_printf("executing ud2\n");
    __builtin_trap();
}
