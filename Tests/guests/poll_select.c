/* poll_select: poll, ppoll, select and pselect on pipes and sockets: readiness bits, end of
 * file and hang-up, invalid descriptors, timeouts (select leaves its timeval alone), the
 * errors, and the temporary signal masks of ppoll/pselect. */
#include "rt.h"

#define CHECK(what, expr) rt_printf("%-48s %s\n", what, rt_res(expr))
#define YN(c) ((c) ? "yes" : "no")

static int64_t now_ms(void)
{
    struct rt_timespec ts;
    rt_clock_gettime(RT_CLOCK_MONOTONIC, &ts);
    return ts.sec * 1000 + ts.nsec / 1000000;
}

static void poll_pipes(void)
{
    rt_printf("-- poll --\n");
    int p[2];
    rt_pipe2(p, 0);
    struct rt_pollfd f[3] = { { p[0], RT_POLLIN | RT_POLLRDNORM, 0 }, { p[1], RT_POLLOUT, 0 }, { -1, RT_POLLIN, 77 } };
    int r = rt_poll(f, 3, 0);
    rt_printf("empty pipe: %d ready; read end %s, write end %s, negative fd %s\n", r, rt_poll_names(f[0].revents),
              rt_poll_names(f[1].revents), rt_poll_names(f[2].revents));
    rt_write(p[1], "abc", 3);
    r = rt_poll(f, 2, 0);
    rt_printf("after a write: %d ready; read end %s\n", r, rt_poll_names(f[0].revents));
    struct rt_pollfd bad[2] = { { 900, RT_POLLIN, 0 }, { p[0], RT_POLLIN, 0 } };
    r = rt_poll(bad, 2, 1000);
    rt_printf("closed descriptor: %d ready; %s, %s\n", r, rt_poll_names(bad[0].revents), rt_poll_names(bad[1].revents));
    char buf[8];
    rt_read(p[0], buf, sizeof buf);
    int64_t t0 = now_ms();
    r = rt_poll(f, 1, 60);
    rt_printf("timeout 60 ms: %d ready, waited at least 50 ms: %s\n", r, YN(now_ms() - t0 >= 50));
    CHECK("poll(timeout -2)", rt_poll(f, 1, -2));
    CHECK("poll(no descriptors, timeout 10 ms)", rt_poll(0, 0, 10));
    rt_close(p[1]);
    f[0].events = RT_POLLIN;
    r = rt_poll(f, 1, 1000);
    rt_printf("writer closed: %d ready; read end %s\n", r, rt_poll_names(f[0].revents));
    rt_close(p[0]);

    rt_pipe2(p, 0);
    rt_close(p[0]);
    struct rt_pollfd w = { p[1], RT_POLLOUT, 0 };
    r = rt_poll(&w, 1, 1000);
    rt_printf("reader closed: %d ready; write end %s\n", r, rt_poll_names(w.revents));
    rt_close(p[1]);

    /* Many descriptors, a high one among them. */
    rt_pipe2(p, 0);
    rt_dup2(p[0], 200);
    struct rt_pollfd many[40];
    for (int i = 0; i < 40; i++)
        many[i] = (struct rt_pollfd){ i == 39 ? 200 : p[0], RT_POLLIN, 0 };
    rt_write(p[1], "x", 1);
    r = rt_poll(many, 40, 0);
    rt_printf("40 entries on one readable pipe (one as fd 200): %d ready, last %s\n", r, rt_poll_names(many[39].revents));
    rt_close(200);
    rt_close(p[0]);
    rt_close(p[1]);
}

static void poll_sockets(void)
{
    rt_printf("-- poll on sockets --\n");
    int sv[2];
    rt_socketpair(RT_AF_UNIX, RT_SOCK_STREAM, 0, sv);
    struct rt_pollfd f[2] = { { sv[0], RT_POLLIN | RT_POLLOUT, 0 }, { sv[1], RT_POLLIN | RT_POLLRDHUP, 0 } };
    int r = rt_poll(f, 2, 0);
    rt_printf("connected pair: %d ready; %s / %s\n", r, rt_poll_names(f[0].revents), rt_poll_names(f[1].revents));
    rt_send(sv[0], "hi", 2, 0);
    r = rt_poll(f, 2, 0);
    rt_printf("after a send: %d ready; %s / %s\n", r, rt_poll_names(f[0].revents), rt_poll_names(f[1].revents));
    rt_shutdown(sv[0], RT_SHUT_WR);
    r = rt_poll(&f[1], 1, 0);
    rt_printf("peer shut down writing: %s\n", rt_poll_names(f[1].revents));
    rt_close(sv[0]);
    f[1].events = RT_POLLIN | RT_POLLOUT;
    r = rt_poll(&f[1], 1, 0);
    rt_printf("peer closed: %s\n", rt_poll_names(f[1].revents));
    rt_close(sv[1]);

    int l = rt_socket(RT_AF_INET, RT_SOCK_STREAM, 0);
    struct rt_sockaddr sa = { .family = RT_AF_INET, .addr = { 127, 0, 0, 1 } };
    rt_bind(l, &sa);
    rt_listen(l, 4);
    rt_getsockname(l, &sa);
    struct rt_pollfd lp = { l, RT_POLLIN, 0 };
    rt_printf("listener, nobody waiting: %d\n", rt_poll(&lp, 1, 0));
    int c = rt_socket(RT_AF_INET, RT_SOCK_STREAM, 0);
    rt_connect(c, &sa);
    r = rt_poll(&lp, 1, 5000);
    rt_printf("listener with a connection waiting: %d, %s\n", r, rt_poll_names(lp.revents));
    rt_close(c);
    rt_close(l);
}

static void selects(void)
{
    rt_printf("-- select --\n");
    int p[2];
    rt_pipe2(p, 0);
    rt_fd_set r, w;
    RT_FD_ZERO(&r);
    RT_FD_ZERO(&w);
    RT_FD_SET(p[0], &r);
    RT_FD_SET(p[1], &w);
    struct rt_timeval tv = { 0, 0 };
    int n = rt_select(p[1] + 1, &r, &w, 0, &tv);
    rt_printf("empty pipe: %d ready; read bit %d, write bit %d\n", n, (int)RT_FD_ISSET(p[0], &r), (int)RT_FD_ISSET(p[1], &w));
    rt_write(p[1], "z", 1);
    RT_FD_ZERO(&r);
    RT_FD_SET(p[0], &r);
    RT_FD_SET(p[1], &r);
    n = rt_select(p[1] + 1, &r, 0, 0, &tv);
    rt_printf("readable pipe (both ends in the read set): %d ready; read end %d, write end %d\n", n,
              (int)RT_FD_ISSET(p[0], &r), (int)RT_FD_ISSET(p[1], &r));
    char c;
    rt_read(p[0], &c, 1);
    RT_FD_ZERO(&r);
    RT_FD_SET(p[0], &r);
    tv = (struct rt_timeval){ 0, 60000 };
    int64_t t0 = now_ms();
    n = rt_select(p[0] + 1, &r, 0, 0, &tv);
    rt_printf("timeout 60 ms: %d ready, waited at least 50 ms %s, timeval unchanged %s, bit cleared %s\n", n,
              YN(now_ms() - t0 >= 50), YN(tv.sec == 0 && tv.usec == 60000), YN(!RT_FD_ISSET(p[0], &r)));
    tv = (struct rt_timeval){ 0, 20000 };
    CHECK("select(no sets, 20 ms)", rt_select(0, 0, 0, 0, &tv));
    RT_FD_ZERO(&r);
    RT_FD_SET(900, &r);
    tv = (struct rt_timeval){ 0, 0 };
    CHECK("select with a closed descriptor", rt_select(901, &r, 0, 0, &tv));
    CHECK("select(nd = -1)", rt_select(-1, 0, 0, 0, &tv));
    tv = (struct rt_timeval){ 0, 1000000 };
    CHECK("select(tv_usec = 1000000)", rt_select(1, 0, 0, 0, &tv));
    tv = (struct rt_timeval){ -1, 0 };
    CHECK("select(tv_sec = -1)", rt_select(1, 0, 0, 0, &tv));

    rt_dup2(p[1], 300);
    RT_FD_ZERO(&w);
    RT_FD_SET(300, &w);
    tv = (struct rt_timeval){ 0, 0 };
    n = rt_select(301, 0, &w, 0, &tv);
    rt_printf("descriptor 300 writable: %d, bit %d\n", n, (int)RT_FD_ISSET(300, &w));
    rt_close(300);

    struct rt_timespec ts = { 0, 0 };
    RT_FD_ZERO(&r);
    RT_FD_SET(p[0], &r);
    rt_write(p[1], "y", 1);
    n = rt_pselect(p[0] + 1, &r, 0, 0, &ts, 0);
    rt_printf("pselect on a readable pipe: %d, bit %d\n", n, (int)RT_FD_ISSET(p[0], &r));
    ts.nsec = 1000000000;
    CHECK("pselect(tv_nsec = 1e9)", rt_pselect(1, 0, 0, 0, &ts, 0));
    rt_close(p[0]);
    rt_close(p[1]);
}

static volatile int usr1;
static uint64_t mask_in_handler;
static void on_usr1(int sig, const struct rt_siginfo *si, void *uc)
{
    usr1++;
    rt_sigprocmask(RT_SIG_BLOCK, 0, &mask_in_handler);
}

static void masks(void)
{
    rt_printf("-- temporary signal masks --\n");
    rt_sigaction(RT_SIGUSR1, on_usr1, 0, 0, 0);
    uint64_t block = RT_SIGBIT(RT_SIGUSR1), none = 0, now;
    rt_sigprocmask(RT_SIG_BLOCK, &block, 0);
    rt_kill(rt_getpid(), RT_SIGUSR1);
    rt_printf("SIGUSR1 pending while blocked, handler runs: %d\n", usr1);
    int p[2];
    rt_pipe2(p, 0);
    struct rt_pollfd f = { p[0], RT_POLLIN, 0 };
    struct rt_timespec ts = { 5, 0 };
    int64_t t0 = now_ms();
    int r = rt_ppoll(&f, 1, &ts, &none);
    rt_printf("ppoll with SIGUSR1 unblocked: %s after less than 4 s %s, handler ran %d time(s)\n", rt_res(r),
              YN(now_ms() - t0 < 4000), usr1);
    rt_printf("inside the handler SIGUSR1 was blocked: %s\n", YN(mask_in_handler & block));
    rt_sigprocmask(RT_SIG_BLOCK, 0, &now);
    rt_printf("after ppoll SIGUSR1 is blocked again: %s\n", YN(now & block));

    rt_kill(rt_getpid(), RT_SIGUSR1);
    rt_fd_set rs;
    RT_FD_ZERO(&rs);
    RT_FD_SET(p[0], &rs);
    r = rt_pselect(p[0] + 1, &rs, 0, 0, &ts, &none);
    rt_printf("pselect with SIGUSR1 unblocked: %s, handler ran %d time(s)\n", rt_res(r), usr1);
    rt_sigprocmask(RT_SIG_BLOCK, 0, &now);
    rt_printf("after pselect SIGUSR1 is blocked again: %s\n", YN(now & block));

    /* A mask that blocks more than the current one: nothing is delivered during the call and the
     * wider mask does not stay. */
    rt_sigprocmask(RT_SIG_UNBLOCK, &block, 0);
    uint64_t wide = RT_SIGBIT(RT_SIGUSR1) | RT_SIGBIT(RT_SIGUSR2);
    ts = (struct rt_timespec){ 0, 10000000 };
    r = rt_ppoll(&f, 1, &ts, &wide);
    rt_sigprocmask(RT_SIG_BLOCK, 0, &now);
    rt_printf("ppoll with a wider mask: %d ready, SIGUSR2 blocked afterwards: %s\n", r, YN(now & RT_SIGBIT(RT_SIGUSR2)));
    ts = (struct rt_timespec){ -1, 0 };
    CHECK("ppoll(tv_sec = -1)", rt_ppoll(&f, 1, &ts, 0));
    ts = (struct rt_timespec){ 0, 1000000000 };
    CHECK("ppoll(tv_nsec = 1e9)", rt_ppoll(&f, 1, &ts, 0));
    rt_write(p[1], "q", 1);
    r = rt_ppoll(&f, 1, 0, 0);
    rt_printf("ppoll without a timeout on a readable pipe: %d, %s\n", r, rt_poll_names(f.revents));
    rt_close(p[0]);
    rt_close(p[1]);
    rt_sigaction(RT_SIGUSR1, RT_SIG_DFL, 0, 0, 0);
}

int main(void)
{
    poll_pipes();
    poll_sockets();
    selects();
    masks();
    return 0;
}
