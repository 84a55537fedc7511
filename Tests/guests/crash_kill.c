/* crash_kill: kill(getpid(), SIGKILL) ends the process at once with SIGKILL. */
#include "rt.h"

int main(void)
{
    rt_printf("sending SIGKILL to myself\n");
    rt_kill(rt_getpid(), RT_SIGKILL);
    rt_printf("still alive\n");
    return 0;
}
