/* Threads: creation and exit with a joinable done word, a futex-based lock across threads,
 * timed waits, thread-directed signals interrupting a wait (EINTR) and a read (EINTR vs
 * SA_RESTART), per-thread signal masks and alternate stacks. */
#include "rt.h"

#define NTHREADS 4
#define STACK (64 * 1024)
static char stacks[NTHREADS + 4][STACK] __attribute__((aligned(16)));
static long done[NTHREADS + 4];
static long tids[NTHREADS + 4];

/* ---- a futex lock and a shared counter ---- */
static unsigned lockword;
static long counter;
static unsigned long atomic_counter;

static void lock(void)
{
    unsigned expected = 0;
    while (!__atomic_compare_exchange_n(&lockword, &expected, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        rt_futex_wait(&lockword, 1, -1);
        expected = 0;
    }
}

static void unlock(void)
{
    __atomic_store_n(&lockword, 0, __ATOMIC_RELEASE);
    rt_futex_wake(&lockword, 1);
}

static void counting(void *arg)
{
    long n = (long)arg;
    for (long i = 0; i < n; i++) {
        lock();
        counter++;
        unlock();
        __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_SEQ_CST);
    }
    rt_thread_exit(&done[(long)arg == 20000 ? 0 : 1]);
}

/* ---- a thread sleeping in a futex wait, then a blocking read ---- */
static unsigned never;
static volatile int got_usr1, wait_result_set;
static long wait_result, read_result;
static int pipefd[2];
static char readbuf[8];

static void on_usr1(int sig, const struct rt_siginfo *si, void *uc) { (void)sig; (void)si; (void)uc; got_usr1++; }

static void sleeper(void *arg)
{
    (void)arg;
    wait_result = rt_futex_wait(&never, 0, -1);
    wait_result_set = 1;
    read_result = rt_read(pipefd[0], readbuf, sizeof readbuf);
    rt_thread_exit(&done[2]);
}

/* ---- per-thread masks ---- */
static volatile long handled_by;
static void on_usr2(int sig, const struct rt_siginfo *si, void *uc) { (void)sig; (void)si; (void)uc; handled_by = rt_thr_self(); }
static unsigned blocker_ready, blocker_go;

static void blocker(void *arg)
{
    (void)arg;
    uint64_t set = RT_SIGBIT(RT_SIGUSR2);
    rt_sigprocmask(RT_SIG_BLOCK, &set, 0);
    __atomic_store_n(&blocker_ready, 1, __ATOMIC_SEQ_CST);
    rt_futex_wake(&blocker_ready, 1);
    while (__atomic_load_n(&blocker_go, __ATOMIC_SEQ_CST) == 0) rt_futex_wait(&blocker_go, 0, -1);
    rt_thread_exit(&done[3]);
}

/* ---- an alternate stack per thread ---- */
static char altstack[32768] __attribute__((aligned(16)));
static volatile int on_alt;
static void on_alt_handler(int sig, const struct rt_siginfo *si, void *uc)
{
    (void)sig; (void)si; (void)uc;
    char local;
    on_alt = &local >= altstack && &local < altstack + sizeof altstack;
}

static void alt_thread(void *arg)
{
    (void)arg;
    struct rt_stack ss = { altstack, sizeof altstack, 0 };
    rt_sigaltstack(&ss, 0);
    rt_thread_kill(rt_thr_self(), RT_SIGWINCH);
    rt_thread_exit(&done[4]);
}

static void wait_for(unsigned *word)
{
    while (__atomic_load_n(word, __ATOMIC_SEQ_CST) == 0) rt_futex_wait(word, 0, -1);
}

static void settle(void)
{
    unsigned dummy = 0;
    rt_futex_wait(&dummy, 0, 100 * 1000 * 1000);   /* 100 ms: let the other thread block */
}

int main(int argc, char **argv, char **envp)
{
    (void)argc; (void)argv; (void)envp;

    /* 1. two counting threads */
    rt_printf("create: %s\n", rt_res(rt_thread_create(counting, (void *)20000, stacks[0], STACK, &tids[0])));
    rt_printf("create: %s\n", rt_res(rt_thread_create(counting, (void *)30000, stacks[1], STACK, &tids[1])));
    rt_printf("thread ids set before start: %s\n", tids[0] > 0 && tids[1] > 0 && tids[0] != tids[1] ? "yes" : "no");
    rt_thread_join(&done[0]);
    rt_thread_join(&done[1]);
    rt_printf("counter %ld, atomic counter %lu\n", counter, atomic_counter);

    /* 2. timed and mismatched waits */
    unsigned w = 5;
    rt_printf("wait on a different value: %s\n", rt_res(rt_futex_wait(&w, 4, -1)));
    rt_printf("wait 50 ms: %s\n", rt_res(rt_futex_wait(&w, 5, 50 * 1000 * 1000)));

    /* 3. a signal to one thread interrupts its futex wait; then SA_RESTART restarts its read */
    rt_sigaction(RT_SIGUSR1, on_usr1, 0, 0, 0);
    rt_printf("pipe: %s\n", rt_res(rt_pipe2(pipefd, 0)));
    rt_thread_create(sleeper, 0, stacks[2], STACK, &tids[2]);
    settle();
    rt_thread_kill(tids[2], RT_SIGUSR1);
    while (!wait_result_set) settle();
    rt_printf("futex wait interrupted by a signal: %s, handler ran %d time(s)\n", rt_res(wait_result), got_usr1);
    settle();
    rt_sigaction(RT_SIGUSR1, on_usr1, RT_SA_RESTART, 0, 0);
    rt_thread_kill(tids[2], RT_SIGUSR1);
    settle();
    rt_write(pipefd[1], "data", 4);
    rt_thread_join(&done[2]);
    rt_printf("read with SA_RESTART: %s, %ld bytes, handler ran %d time(s)\n", rt_res(read_result),
              read_result, got_usr1);

    /* 4. a process signal goes to a thread that does not block it */
    rt_sigaction(RT_SIGUSR2, on_usr2, 0, 0, 0);
    rt_thread_create(blocker, 0, stacks[3], STACK, &tids[3]);
    wait_for(&blocker_ready);
    rt_kill(rt_getpid(), RT_SIGUSR2);
    rt_printf("SIGUSR2 handled by the main thread (the other blocks it): %s\n", handled_by == rt_thr_self() ? "yes" : "no");
    __atomic_store_n(&blocker_go, 1, __ATOMIC_SEQ_CST);
    rt_futex_wake(&blocker_go, 1);
    rt_thread_join(&done[3]);

    /* 5. an alternate stack set in a thread is that thread's own */
    rt_sigaction(RT_SIGWINCH, on_alt_handler, RT_SA_ONSTACK, 0, 0);
    rt_thread_create(alt_thread, 0, stacks[4], STACK, &tids[4]);
    rt_thread_join(&done[4]);
    rt_printf("handler ran on the thread's alternate stack: %s\n", on_alt ? "yes" : "no");
    return 0;
}
