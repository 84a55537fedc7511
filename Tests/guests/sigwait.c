/* Waiting for signals: sigsuspend runs the handler and returns EINTR with the old mask back,
 * sigtimedwait takes blocked signals without running handlers and times out with EAGAIN, and
 * getcontext/setcontext-free code keeps its state across all of it. */
#include "rt.h"

static volatile int handled;
static void on_usr1(int sig, const struct rt_siginfo *si, void *uc) { (void)sig; (void)si; (void)uc; handled++; }

int main(int argc, char **argv, char **envp)
{
    (void)argc; (void)argv; (void)envp;
    rt_sigaction(RT_SIGUSR1, on_usr1, 0, 0, 0);
    uint64_t usr1 = RT_SIGBIT(RT_SIGUSR1), usr2 = RT_SIGBIT(RT_SIGUSR2), both = usr1 | usr2, old = 0, now = 0;

    /* sigsuspend: block USR1, send it (pending), suspend with an empty mask */
    rt_sigprocmask(RT_SIG_BLOCK, &usr1, &old);
    rt_kill(rt_getpid(), RT_SIGUSR1);
    rt_printf("pending before suspend: %s\n", handled == 0 ? "yes" : "no");
    uint64_t empty = 0;
    int r = rt_sigsuspend(&empty);
    rt_sigprocmask(RT_SIG_BLOCK, 0, &now);
    rt_printf("sigsuspend: %s, handler ran %d, USR1 blocked again: %s\n", rt_res(r), handled,
              (now & usr1) ? "yes" : "no");

    /* sigtimedwait: take a blocked signal without its handler */
    rt_sigprocmask(RT_SIG_BLOCK, &both, 0);
    rt_kill(rt_getpid(), RT_SIGUSR2);
    int s = rt_sigtimedwait(&both, -1);
    rt_printf("sigtimedwait took %s, handler count still %d\n", s > 0 ? rt_signame(s) : rt_res(s), handled);
    s = rt_sigtimedwait(&both, 20 * 1000 * 1000);
    rt_printf("nothing pending, 20 ms: %s\n", s > 0 ? rt_signame(s) : rt_res(s));
    rt_kill(rt_getpid(), RT_SIGUSR1);
    rt_kill(rt_getpid(), RT_SIGUSR2);
    int a = rt_sigtimedwait(&both, 0);
    int b = rt_sigtimedwait(&both, 0);
    rt_printf("two pending, taken lowest first: %s then %s\n", rt_signame(a), rt_signame(b));
    uint64_t pending = 1;
    rt_sigpending(&pending);
    rt_printf("none left pending: %s\n", pending == 0 ? "yes" : "no");
    return 0;
}
