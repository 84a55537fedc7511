/* time: clock_gettime/clock_getres on each clock, gettimeofday, nanosleep, clock_nanosleep
 * (relative and absolute), getrandom, and their errors. Only facts are printed, never times. */
#include "rt.h"

#define CHECK(what, expr) rt_printf("%-46s %s\n", what, rt_res(expr))
#define YN(c) ((c) ? "yes" : "no")

static int64_t ns(const struct rt_timespec *t) { return t->sec * 1000000000ll + t->nsec; }

static int64_t mono_ns(void)
{
    struct rt_timespec t;
    rt_clock_gettime(RT_CLOCK_MONOTONIC, &t);
    return ns(&t);
}

static void clocks(void)
{
    static const struct { const char *name; int id; } ids[] = {
        { "REALTIME", RT_CLOCK_REALTIME }, { "MONOTONIC", RT_CLOCK_MONOTONIC },
        { "PROCESS_CPUTIME_ID", RT_CLOCK_PROCESS_CPUTIME_ID },
        { "THREAD_CPUTIME_ID", RT_CLOCK_THREAD_CPUTIME_ID },
    };
    for (int i = 0; i < (int)RT_COUNT(ids); i++) {
        struct rt_timespec t = { -1, -1 }, res = { -1, -1 };
        int r1 = rt_clock_gettime(ids[i].id, &t), r2 = rt_clock_getres(ids[i].id, &res);
        rt_printf("%-18s gettime %s getres %s nsec in range %s resolution (0, 10ms] %s\n", ids[i].name,
                  rt_res(r1), rt_res(r2), YN(t.nsec >= 0 && t.nsec < 1000000000),
                  YN(ns(&res) > 0 && ns(&res) <= 10000000));
    }
    struct rt_timespec t;
    rt_clock_gettime(RT_CLOCK_REALTIME, &t);
    rt_printf("realtime after 2023-11-14: %s, before 2100: %s\n", YN(t.sec > 1700000000), YN(t.sec < 4102444800ll));

    int monotone = 1;
    int64_t prev = mono_ns();
    for (int i = 0; i < 20000; i++) {
        int64_t now = mono_ns();
        if (now < prev)
            monotone = 0;
        prev = now;
    }
    rt_printf("monotonic never goes back over 20000 reads: %s\n", YN(monotone));

    struct rt_timespec c0, c1;
    rt_clock_gettime(RT_CLOCK_PROCESS_CPUTIME_ID, &c0);
    volatile uint64_t x = 1;
    int64_t start = mono_ns();
    while (mono_ns() - start < 30000000)    /* spin 30 ms */
        x = x * 6364136223846793005ull + 1;
    rt_clock_gettime(RT_CLOCK_PROCESS_CPUTIME_ID, &c1);
    rt_printf("process CPU time advanced while spinning: %s\n", YN(ns(&c1) > ns(&c0)));

    struct rt_timeval tv;
    CHECK("gettimeofday", rt_gettimeofday(&tv));
    rt_clock_gettime(RT_CLOCK_REALTIME, &t);
    rt_printf("gettimeofday agrees with REALTIME within 2 s: %s, usec in range %s\n",
              YN(t.sec - tv.sec <= 2 && tv.sec - t.sec <= 2), YN(tv.usec >= 0 && tv.usec < 1000000));

    CHECK("clock_gettime(unknown clock)", rt_clock_gettime(77, &t));
    CHECK("clock_getres(unknown clock)", rt_clock_getres(77, &t));
    CHECK("clock_gettime into a bad pointer", rt_clock_gettime(RT_CLOCK_MONOTONIC, (struct rt_timespec *)8));
    CHECK("clock_getres(REALTIME, NULL)", rt_clock_getres(RT_CLOCK_REALTIME, 0));
    CHECK("gettimeofday into a bad pointer", rt_gettimeofday((struct rt_timeval *)8));
}

static void sleeps(void)
{
    struct rt_timespec req = { 0, 20000000 }, rem = { 7, 7 };
    int64_t t0 = mono_ns();
    CHECK("nanosleep(20 ms)", rt_nanosleep(&req, &rem));
    int64_t dt = mono_ns() - t0;
    rt_printf("slept at least 20 ms: %s, less than 2 s: %s\n", YN(dt >= 20000000), YN(dt < 2000000000));
    req = (struct rt_timespec){ 0, 0 };
    CHECK("nanosleep(0)", rt_nanosleep(&req, 0));
    req = (struct rt_timespec){ 0, 1000000000 };
    CHECK("nanosleep with tv_nsec = 1e9", rt_nanosleep(&req, 0));
    /* not tested: a negative tv_sec (Linux: EINVAL; FreeBSD returns 0 at once) */
    CHECK("nanosleep with a bad pointer", rt_nanosleep((struct rt_timespec *)8, 0));

    req = (struct rt_timespec){ 0, 10000000 };
    t0 = mono_ns();
    CHECK("clock_nanosleep(MONOTONIC, relative 10 ms)", rt_clock_nanosleep(RT_CLOCK_MONOTONIC, 0, &req, 0));
    rt_printf("slept at least 10 ms: %s\n", YN(mono_ns() - t0 >= 10000000));
    struct rt_timespec now;
    rt_clock_gettime(RT_CLOCK_MONOTONIC, &now);
    int64_t target = ns(&now) + 15000000;
    struct rt_timespec abs = { target / 1000000000, target % 1000000000 };
    CHECK("clock_nanosleep(MONOTONIC, ABSTIME +15 ms)",
          rt_clock_nanosleep(RT_CLOCK_MONOTONIC, RT_TIMER_ABSTIME, &abs, 0));
    rt_printf("woke at or after the deadline: %s\n", YN(mono_ns() >= target));
    abs = (struct rt_timespec){ 1, 0 };
    t0 = mono_ns();
    CHECK("clock_nanosleep(ABSTIME in the past)", rt_clock_nanosleep(RT_CLOCK_MONOTONIC, RT_TIMER_ABSTIME, &abs, 0));
    rt_printf("returned within 1 s: %s\n", YN(mono_ns() - t0 < 1000000000));
    rt_clock_gettime(RT_CLOCK_REALTIME, &now);
    now.nsec += 5000000;
    if (now.nsec >= 1000000000) { now.sec++; now.nsec -= 1000000000; }
    CHECK("clock_nanosleep(REALTIME, ABSTIME +5 ms)", rt_clock_nanosleep(RT_CLOCK_REALTIME, RT_TIMER_ABSTIME, &now, 0));
    req = (struct rt_timespec){ 0, -5 };
    CHECK("clock_nanosleep with tv_nsec < 0", rt_clock_nanosleep(RT_CLOCK_MONOTONIC, 0, &req, 0));
    req = (struct rt_timespec){ 0, 1000 };
    CHECK("clock_nanosleep(unknown clock)", rt_clock_nanosleep(77, 0, &req, 0));
    CHECK("clock_nanosleep with a bad pointer", rt_clock_nanosleep(RT_CLOCK_MONOTONIC, 0, (struct rt_timespec *)8, 0));
}

static void randomness(void)
{
    unsigned char a[64], b[64];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    rt_printf("getrandom(64) -> %ld\n", rt_getrandom(a, sizeof a, 0));
    rt_printf("getrandom(64, GRND_NONBLOCK) -> %ld\n", rt_getrandom(b, sizeof b, RT_GRND_NONBLOCK));
    int zero = 1;
    for (int i = 0; i < 64; i++)
        if (a[i])
            zero = 0;
    rt_printf("not all zero: %s, two draws differ: %s\n", YN(!zero), YN(memcmp(a, b, sizeof a) != 0));
    static unsigned char big[1000];
    rt_printf("getrandom(1000) -> %ld\n", rt_getrandom(big, sizeof big, 0));
    rt_printf("getrandom(0) -> %ld\n", rt_getrandom(a, 0, 0));
    CHECK("getrandom with flags 0x100", rt_getrandom(a, 8, 0x100));
    CHECK("getrandom into a bad pointer", rt_getrandom((void *)8, 8, 0));
}

int main(void)
{
    clocks();
    sleeps();
    randomness();
    return 0;
}
