/* crash_abort: kill(getpid(), SIGABRT) with the default action ends the process with SIGABRT,
 * even when the signal was blocked before (it is unblocked first, as abort(3) does). */
#include "rt.h"

int main(void)
{
    uint64_t set = RT_SIGBIT(RT_SIGABRT);
    rt_sigprocmask(RT_SIG_BLOCK, &set, 0);
    rt_printf("kill(self, SIGABRT) while blocked: %s\n", rt_res(rt_kill(rt_getpid(), RT_SIGABRT)));
    rt_printf("still running while it is blocked\n");
    rt_sigprocmask(RT_SIG_UNBLOCK, &set, 0);
    rt_printf("still alive after unblocking\n");
    return 0;
}
