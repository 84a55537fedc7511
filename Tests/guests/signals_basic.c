/* signals_basic: sigaction, kill to self, siginfo for SI_USER, masks during and after a handler,
 * SA_NODEFER / SA_RESETHAND / sa_mask, blocking and pending, SIG_IGN, nested handlers, default
 * dispositions that ignore, sigaltstack, and the errors. */
#include "rt.h"

#define CHECK(what, expr) rt_printf("%-44s %s\n", what, rt_res(expr))
#define YN(c) ((c) ? "yes" : "no")

static volatile int count1, count2;
static char log_[128];
static int log_len;

static void note(const char *s)
{
    while (*s && log_len < (int)sizeof log_ - 1)
        log_[log_len++] = *s++;
    log_[log_len] = 0;
}

/* (rsp + 8) mod 16 at the entry of a called function: 0 when the caller kept the ABI alignment. */
__asm__(".text\nsp_misalign:\n\tlea 8(%rsp), %rax\n\tand $15, %eax\n\tret\n");
int sp_misalign(void);

static int seen_sig, seen_code, seen_pid, seen_uid, seen_misalign;
static uint64_t mask_inside;

static void on_usr1(int sig, const struct rt_siginfo *si, void *uc)
{
    count1++;
    seen_sig = sig == si->signo ? sig : -1;
    seen_code = si->code;
    seen_pid = si->pid;
    seen_uid = si->uid;
    seen_misalign = sp_misalign();
    rt_sigprocmask(RT_SIG_BLOCK, 0, &mask_inside);
    note("1");
}

static void on_usr2(int sig, const struct rt_siginfo *si, void *uc) { count2++; note("2"); }

static void nested_outer(int sig, const struct rt_siginfo *si, void *uc)
{
    note("(outer");
    rt_kill(rt_getpid(), RT_SIGUSR2);
    note(" outer)");
}

static void basics(void)
{
    int pid = rt_getpid();
    rt_handler old = (rt_handler)7;
    CHECK("sigaction(SIGUSR1)", rt_sigaction(RT_SIGUSR1, on_usr1, 0, RT_SIGBIT(RT_SIGUSR2), &old));
    rt_printf("previous disposition was SIG_DFL: %s\n", YN(old == RT_SIG_DFL));
    CHECK("kill(self, SIGUSR1)", rt_kill(pid, RT_SIGUSR1));
    rt_printf("handler ran before kill returned: %s (count %d)\n", YN(count1 == 1), count1);
    rt_printf("signal number %s, si_code %s\n", rt_signame(seen_sig), rt_codename(seen_code));
    rt_printf("si_pid is us: %s, si_uid is us: %s\n", YN(seen_pid == pid), YN(seen_uid == rt_getuid()));
    rt_printf("handler entered with an ABI-aligned stack: %s\n", YN(seen_misalign == 0));
    rt_printf("inside the handler: SIGUSR1 blocked %s, sa_mask SIGUSR2 blocked %s\n",
              YN(mask_inside & RT_SIGBIT(RT_SIGUSR1)), YN(mask_inside & RT_SIGBIT(RT_SIGUSR2)));
    uint64_t now;
    rt_sigprocmask(RT_SIG_BLOCK, 0, &now);
    rt_printf("after return the mask is restored: %s\n", YN(!(now & (RT_SIGBIT(RT_SIGUSR1) | RT_SIGBIT(RT_SIGUSR2)))));
    rt_sigaction(RT_SIGUSR1, RT_SIG_GET, 0, 0, &old);
    rt_printf("reading the disposition gives our handler: %s\n", YN(old == on_usr1));

    CHECK("sigaction(SIGUSR1, SA_NODEFER)", rt_sigaction(RT_SIGUSR1, on_usr1, RT_SA_NODEFER, 0, 0));
    rt_kill(pid, RT_SIGUSR1);
    rt_printf("SA_NODEFER: SIGUSR1 blocked inside %s\n", YN(mask_inside & RT_SIGBIT(RT_SIGUSR1)));

    CHECK("sigaction(SIGUSR1, SA_RESETHAND)", rt_sigaction(RT_SIGUSR1, on_usr1, RT_SA_RESETHAND, 0, 0));
    count1 = 0;
    rt_kill(pid, RT_SIGUSR1);
    rt_sigaction(RT_SIGUSR1, RT_SIG_GET, 0, 0, &old);
    rt_printf("SA_RESETHAND: ran %d time(s), disposition now SIG_DFL: %s\n", count1, YN(old == RT_SIG_DFL));
}

static void masking(void)
{
    int pid = rt_getpid();
    rt_sigaction(RT_SIGUSR1, on_usr1, 0, 0, 0);
    rt_sigaction(RT_SIGUSR2, on_usr2, 0, 0, 0);
    count1 = count2 = 0;
    uint64_t set = RT_SIGBIT(RT_SIGUSR1), old, pend = 0;
    CHECK("sigprocmask(SIG_BLOCK, SIGUSR1)", rt_sigprocmask(RT_SIG_BLOCK, &set, &old));
    rt_printf("old mask was empty of USR1/USR2: %s\n", YN(!(old & (RT_SIGBIT(RT_SIGUSR1) | RT_SIGBIT(RT_SIGUSR2)))));
    rt_kill(pid, RT_SIGUSR1);
    rt_kill(pid, RT_SIGUSR1);
    rt_printf("blocked: handler ran %d times\n", count1);
    CHECK("sigpending", rt_sigpending(&pend));
    rt_printf("pending: SIGUSR1 %s SIGUSR2 %s\n", YN(pend & RT_SIGBIT(RT_SIGUSR1)), YN(pend & RT_SIGBIT(RT_SIGUSR2)));
    CHECK("sigprocmask(SIG_UNBLOCK, SIGUSR1)", rt_sigprocmask(RT_SIG_UNBLOCK, &set, 0));
    rt_printf("after unblocking it ran %d time (standard signals do not queue)\n", count1);
    rt_sigpending(&pend);
    rt_printf("nothing pending now: %s\n", YN(!(pend & RT_SIGBIT(RT_SIGUSR1))));

    set = RT_SIGBIT(RT_SIGUSR2);
    rt_sigprocmask(RT_SIG_SETMASK, &set, 0);
    rt_kill(pid, RT_SIGUSR2);
    CHECK("sigaction(SIGUSR2, SIG_IGN) while pending", rt_sigaction(RT_SIGUSR2, RT_SIG_IGN, 0, 0, 0));
    rt_sigpending(&pend);
    rt_printf("ignoring discards the pending signal: %s\n", YN(!(pend & RT_SIGBIT(RT_SIGUSR2))));
    set = 0;
    rt_sigprocmask(RT_SIG_SETMASK, &set, 0);
    rt_kill(pid, RT_SIGUSR2);
    rt_printf("ignored SIGUSR2 did nothing: %s\n", YN(count2 == 0));

    set = ~0ull & ~1ull;
    rt_sigprocmask(RT_SIG_SETMASK, &set, 0);
    rt_sigprocmask(RT_SIG_SETMASK, 0, &old);
    rt_printf("blocking everything leaves SIGKILL/SIGSTOP unblocked: %s, SIGTERM blocked: %s\n",
              YN(!(old & RT_SIGBIT(RT_SIGKILL)) && !(old & RT_SIGBIT(RT_SIGSTOP))), YN(old & RT_SIGBIT(RT_SIGTERM)));
    set = 0;
    rt_sigprocmask(RT_SIG_SETMASK, &set, 0);
    CHECK("sigprocmask with how = 42", rt_sigprocmask(42, &set, 0));
}

static void nesting_and_defaults(void)
{
    int pid = rt_getpid();
    log_len = 0;
    rt_sigaction(RT_SIGUSR1, nested_outer, 0, 0, 0);
    rt_sigaction(RT_SIGUSR2, on_usr2, 0, 0, 0);
    rt_kill(pid, RT_SIGUSR1);
    rt_printf("nested delivery order: %s\n", log_);

    static const int ignored[] = { RT_SIGCHLD, RT_SIGURG, RT_SIGWINCH, RT_SIGCONT };
    for (int i = 0; i < (int)RT_COUNT(ignored); i++) {
        rt_sigaction(ignored[i], RT_SIG_DFL, 0, 0, 0);
        rt_kill(pid, ignored[i]);
        rt_printf("%s with the default action: still running\n", rt_signame(ignored[i]));
    }
    CHECK("sigaction(SIGKILL)", rt_sigaction(RT_SIGKILL, on_usr1, 0, 0, 0));
    CHECK("sigaction(SIGSTOP)", rt_sigaction(RT_SIGSTOP, RT_SIG_IGN, 0, 0, 0));
    CHECK("sigaction(signal 0)", rt_sigaction(0, on_usr1, 0, 0, 0));
    CHECK("sigaction(SIGKILL) read only", rt_sigaction(RT_SIGKILL, RT_SIG_GET, 0, 0, 0));
}

static char altstack[64 * 1024] __attribute__((aligned(16)));
static int on_alt, altflags_inside;

static void on_alt_handler(int sig, const struct rt_siginfo *si, void *uc)
{
    char here;
    on_alt = &here >= altstack && &here < altstack + sizeof altstack;
    struct rt_stack cur;
    rt_sigaltstack(0, &cur);
    altflags_inside = cur.flags;
}

static void alternate_stack(void)
{
    struct rt_stack ss = { altstack, sizeof altstack, 0 }, old;
    CHECK("sigaltstack query", rt_sigaltstack(0, &old));
    rt_printf("initially disabled: %s\n", YN(old.flags & RT_SS_DISABLE));
    CHECK("sigaltstack(64 KiB)", rt_sigaltstack(&ss, 0));
    rt_sigaltstack(0, &old);
    rt_printf("reads back: base %s size %s flags %d\n", YN(old.sp == altstack), YN(old.size == sizeof altstack), old.flags);
    rt_sigaction(RT_SIGUSR1, on_alt_handler, RT_SA_ONSTACK, 0, 0);
    rt_kill(rt_getpid(), RT_SIGUSR1);
    rt_printf("SA_ONSTACK handler ran on the alternate stack: %s, SS_ONSTACK inside: %s\n", YN(on_alt),
              YN(altflags_inside & RT_SS_ONSTACK));
    rt_sigaction(RT_SIGUSR1, on_alt_handler, 0, 0, 0);
    rt_kill(rt_getpid(), RT_SIGUSR1);
    rt_printf("without SA_ONSTACK it ran on the normal stack: %s\n", YN(!on_alt));
    struct rt_stack tiny = { altstack, 512, 0 };
    CHECK("sigaltstack(512 bytes)", rt_sigaltstack(&tiny, 0));
    struct rt_stack off = { 0, 0, RT_SS_DISABLE };
    CHECK("sigaltstack(SS_DISABLE)", rt_sigaltstack(&off, 0));
    rt_sigaltstack(0, &old);
    rt_printf("disabled again: %s\n", YN(old.flags & RT_SS_DISABLE));
}

int main(void)
{
    basics();
    masking();
    nesting_and_defaults();
    alternate_stack();
    return 0;
}
