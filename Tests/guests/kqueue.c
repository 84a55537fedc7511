/* kqueue: kqueue/kqueuex/kevent with EVFILT_READ, EVFILT_WRITE, EVFILT_TIMER, EVFILT_USER and
 * EVFILT_SIGNAL; level and edge (EV_CLEAR) triggering, EV_ONESHOT, EV_DISPATCH, EV_RECEIPT,
 * EV_ENABLE/EV_DISABLE, EV_FORCEONESHOT, errors as EV_ERROR events, knotes dropped by close,
 * the kqueue descriptor in poll, the FreeBSD 11 kevent.
 *
 * Linux has no kqueue: the Linux build prints the values FreeBSD gives (the `want` of each
 * line) and the FreeBSD build prints what it observes, so the two outputs agree exactly when the
 * emulator behaves as FreeBSD does. */
#include "rt.h"

static int failures;

/* One observed value and the FreeBSD value. */
static void show(const char *what, long got, long want)
{
    long v = rt_is_freebsd ? got : want;
    rt_printf("%-58s %ld\n", what, v);
    if (rt_is_freebsd && got != want)
        failures++;
}

static void show_err(const char *what, long got, long want)
{
    rt_printf("%-58s %s\n", what, rt_is_freebsd ? rt_res(got) : rt_res(want));
    if (rt_is_freebsd && (got < 0 ? got : 0) != (want < 0 ? want : 0))
        failures++;
}

static struct rt_timespec zero = { 0, 0 };

static int changes(int kq, struct rt_kevent *ch, int n) { return rt_kevent(kq, ch, n, 0, 0, 0); }

static int add(int kq, uint64_t ident, int filter, int flags, unsigned fflags, long data, void *udata)
{
    struct rt_kevent k;
    RT_EV_SET(&k, ident, (int16_t)filter, (uint16_t)flags, fflags, data, udata);
    return changes(kq, &k, 1);
}

static int collect(int kq, struct rt_kevent *ev, int n, const struct rt_timespec *ts)
{
    memset(ev, 0, sizeof *ev * (size_t)n);
    return rt_kevent(kq, 0, 0, ev, n, ts);
}

static int64_t now_ms(void)
{
    struct rt_timespec ts;
    rt_clock_gettime(RT_CLOCK_MONOTONIC, &ts);
    return ts.sec * 1000 + ts.nsec / 1000000;
}

static void sleep_ms(int ms)
{
    struct rt_timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    rt_nanosleep(&ts, 0);
}

static void creation(void)
{
    rt_printf("-- kqueue --\n");
    int kq = rt_kqueue();
    show("kqueue() gives a descriptor", kq >= 0, 1);
    show("  not close-on-exec", rt_fcntl(kq, RT_F_GETFD, 0), 0);
    int kq2 = rt_kqueuex(RT_KQUEUE_CLOEXEC);
    show("kqueuex(KQUEUE_CLOEXEC) is close-on-exec", rt_fcntl(kq2, RT_F_GETFD, 0), RT_FD_CLOEXEC);
    show_err("kqueuex(2)", rt_kqueuex(2), -RT_EINVAL);
    struct rt_kevent ev[4];
    show("kevent on an empty kqueue, zero timeout", collect(kq, ev, 4, &zero), 0);
    int64_t t0 = now_ms();
    struct rt_timespec ts = { 0, 60000000 };
    show("kevent with a 60 ms timeout returns nothing", collect(kq, ev, 4, &ts), 0);
    show("  after at least 50 ms", now_ms() - t0 >= 50, 1);
    int p[2];
    rt_pipe2(p, 0);
    show_err("kevent on a pipe", rt_kevent(p[0], 0, 0, ev, 1, &zero), -RT_EBADF);
    show_err("kevent on a closed descriptor", rt_kevent(950, 0, 0, ev, 1, &zero), -RT_EBADF);
    struct rt_timespec bad = { 0, 1000000000 };
    show_err("kevent with tv_nsec = 1e9", collect(kq, ev, 1, &bad), -RT_EINVAL);
    show_err("  the same with no room for events", rt_kevent(kq, 0, 0, 0, 0, &bad), 0);
    int dup = rt_dup(kq);
    show("a dup of the kqueue works", rt_kevent(dup, 0, 0, ev, 1, &zero), 0);
    rt_close(dup);
    show("the original still works", rt_kevent(kq, 0, 0, ev, 1, &zero), 0);
    rt_close(p[0]);
    rt_close(p[1]);
    rt_close(kq2);
    rt_close(kq);
}

static void read_write(void)
{
    rt_printf("-- EVFILT_READ / EVFILT_WRITE on pipes --\n");
    int kq = rt_kqueue();
    struct rt_kevent ev[4];
    int p[2];
    rt_pipe2(p, 0);
    show("add EVFILT_READ (level)", add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_ADD, 0, 0, (void *)0x1234), 0);
    show("nothing to read: events", collect(kq, ev, 4, &zero), 0);
    rt_write(p[1], "hello", 5);
    int n = collect(kq, ev, 4, &zero);
    show("5 bytes written: events", n, 1);
    show("  ident is the read end", ev[0].ident == (uint64_t)p[0], 1);
    show("  filter", ev[0].filter, RT_EVFILT_READ);
    show("  flags (EV_ADD is not kept)", ev[0].flags, 0);
    show("  data (bytes to read)", ev[0].data, 5);
    show("  udata", (long)ev[0].udata, 0x1234);
    show("level-triggered: reported again", collect(kq, ev, 4, &zero), 1);
    char buf[16];
    rt_read(p[0], buf, sizeof buf);
    show("after reading it all: events", collect(kq, ev, 4, &zero), 0);
    rt_write(p[1], "ab", 2);
    rt_close(p[1]);
    n = collect(kq, ev, 4, &zero);
    show("writer closed: events", n, 1);
    show("  EV_EOF", (ev[0].flags & RT_EV_EOF) != 0, 1);
    show("  data still counts what is left", ev[0].data, 2);
    rt_close(p[0]);
    show("after close(read end): events", collect(kq, ev, 4, &zero), 0);
    show_err("EV_DELETE of the closed descriptor", add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_DELETE, 0, 0, 0), -RT_EBADF);

    /* The descriptor number reused by a new pipe has no knote. */
    rt_pipe2(p, 0);
    rt_write(p[1], "x", 1);
    show("reused descriptor number: events", collect(kq, ev, 4, &zero), 0);
    show_err("EV_DELETE on it", add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_DELETE, 0, 0, 0), -RT_ENOENT);

    show("add EVFILT_WRITE on the write end", add(kq, (uint64_t)p[1], RT_EVFILT_WRITE, RT_EV_ADD, 0, 0, 0), 0);
    n = collect(kq, ev, 4, &zero);
    show("writable: events", n, 1);
    show("  filter", ev[0].filter, RT_EVFILT_WRITE);
    show("  data > 0 (room in the pipe)", ev[0].data > 0, 1);
    show("  no EV_EOF", (ev[0].flags & RT_EV_EOF) != 0, 0);
    rt_close(p[0]);
    n = collect(kq, ev, 4, &zero);
    show("reader closed: events", n, 1);
    show("  EV_EOF", (ev[0].flags & RT_EV_EOF) != 0, 1);
    rt_close(p[1]);

    /* EV_CLEAR: edge-triggered. */
    rt_pipe2(p, 0);
    add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_ADD | RT_EV_CLEAR, 0, 0, 0);
    rt_write(p[1], "abc", 3);
    n = collect(kq, ev, 4, &zero);
    show("EV_CLEAR: first report", n, 1);
    show("  flags", ev[0].flags, RT_EV_CLEAR);
    show("  data", ev[0].data, 3);
    show("  not reported again", collect(kq, ev, 4, &zero), 0);
    rt_write(p[1], "de", 2);
    n = collect(kq, ev, 4, &zero);
    show("  more data: reported", n, 1);
    show("  data (all that is there)", ev[0].data, 5);
    rt_read(p[0], buf, sizeof buf);
    add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_DELETE, 0, 0, 0);

    /* EV_ONESHOT. */
    add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_ADD | RT_EV_ONESHOT, 0, 0, 0);
    rt_write(p[1], "1", 1);
    n = collect(kq, ev, 4, &zero);
    show("EV_ONESHOT: reported", n, 1);
    show("  flags", ev[0].flags, RT_EV_ONESHOT);
    show("  then gone", collect(kq, ev, 4, &zero), 0);
    show_err("  EV_DELETE finds nothing", add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_DELETE, 0, 0, 0), -RT_ENOENT);

    /* EV_DISPATCH. */
    add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_ADD | RT_EV_DISPATCH, 0, 0, 0);
    n = collect(kq, ev, 4, &zero);
    show("EV_DISPATCH: reported", n, 1);
    show("  flags", ev[0].flags, RT_EV_DISPATCH);
    show("  then disabled", collect(kq, ev, 4, &zero), 0);
    add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_ENABLE, 0, 0, 0);
    show("  EV_ENABLE: reported again", collect(kq, ev, 4, &zero), 1);
    add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_DELETE, 0, 0, 0);

    /* EV_DISABLE / EV_ENABLE on a level knote. */
    add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_ADD | RT_EV_DISABLE, 0, 0, 0);
    show("added disabled: events", collect(kq, ev, 4, &zero), 0);
    add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_ENABLE, 0, 0, 0);
    show("enabled: events", collect(kq, ev, 4, &zero), 1);
    add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_DISABLE, 0, 0, 0);
    show("disabled again: events", collect(kq, ev, 4, &zero), 0);
    show_err("EV_ENABLE|EV_DISABLE", add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_ENABLE | RT_EV_DISABLE, 0, 0, 0), -RT_EINVAL);
    show("udata changes with a later EV_ADD", add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_ADD | RT_EV_ENABLE, 0, 0, (void *)0x99), 0);
    collect(kq, ev, 4, &zero);
    show("  udata", (long)ev[0].udata, 0x99);
    add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_DELETE, 0, 0, 0);

    /* NOTE_LOWAT. */
    add(kq, (uint64_t)p[0], RT_EVFILT_READ, RT_EV_ADD, RT_NOTE_LOWAT, 4, 0);
    show("NOTE_LOWAT 4 with 1 byte there: events", collect(kq, ev, 4, &zero), 0);
    rt_write(p[1], "234", 3);
    n = collect(kq, ev, 4, &zero);
    show("  with 4 bytes: events", n, 1);
    show("  data", ev[0].data, 4);
    rt_close(p[0]);
    rt_close(p[1]);
    rt_close(kq);
}

static void errors_and_receipts(void)
{
    rt_printf("-- errors, EV_RECEIPT --\n");
    int kq = rt_kqueue();
    struct rt_kevent ch[3], ev[4];
    int p[2];
    rt_pipe2(p, 0);
    show_err("EV_ADD of a closed descriptor, no room for events", add(kq, 960, RT_EVFILT_READ, RT_EV_ADD, 0, 0, 0), -RT_EBADF);
    RT_EV_SET(&ch[0], (uint64_t)p[0], RT_EVFILT_READ, RT_EV_ADD, 0, 0, 0);
    RT_EV_SET(&ch[1], 960, RT_EVFILT_READ, RT_EV_ADD, 0, 0, (void *)7);
    RT_EV_SET(&ch[2], 5, RT_EVFILT_USER, RT_EV_DELETE, 0, 0, 0);
    memset(ev, 0, sizeof ev);
    int n = rt_kevent(kq, ch, 3, ev, 4, &zero);
    show("three changes, two bad: kevent returns", n, 2);
    show("  first error: EV_ERROR", ev[0].flags, RT_EV_ERROR);
    show("  its ident and udata kept", ev[0].ident == 960 && (long)ev[0].udata == 7, 1);
    show_err("  data", -ev[0].data, -RT_EBADF);
    show_err("  second error (EV_DELETE of nothing)", -ev[1].data, -RT_ENOENT);
    rt_write(p[1], "x", 1);
    show("  the good change was applied", collect(kq, ev, 4, &zero), 1);
    RT_EV_SET(&ch[0], (uint64_t)p[1], RT_EVFILT_WRITE, RT_EV_ADD | RT_EV_RECEIPT, 0, 0, 0);
    memset(ev, 0, sizeof ev);
    n = rt_kevent(kq, ch, 1, ev, 4, &zero);
    show("EV_RECEIPT: kevent returns", n, 1);
    show("  flags", ev[0].flags, RT_EV_ERROR);
    show("  data", ev[0].data, 0);
    show_err("unknown filter (-20)", add(kq, 1, -20, RT_EV_ADD, 0, 0, 0), -RT_EINVAL);
    show_err("EVFILT_AIO", add(kq, 1, RT_EVFILT_AIO, RT_EV_ADD, 0, 0, 0), -RT_ENXIO);
    show_err("a kqueue watching itself", add(kq, (uint64_t)kq, RT_EVFILT_READ, RT_EV_ADD, 0, 0, 0), -RT_EINVAL);
    show_err("filter 0 is skipped", add(kq, 1, 0, RT_EV_ADD, 0, 0, 0), 0);
    rt_close(p[0]);
    rt_close(p[1]);
    rt_close(kq);
}

static void timers(void)
{
    rt_printf("-- EVFILT_TIMER --\n");
    int kq = rt_kqueue();
    struct rt_kevent ev[4];
    struct rt_timespec second = { 2, 0 };
    int64_t t0 = now_ms();
    show("add a 30 ms periodic timer", add(kq, 1, RT_EVFILT_TIMER, RT_EV_ADD, 0, 30, (void *)5), 0);
    int n = collect(kq, ev, 4, &second);
    show("waiting: events", n, 1);
    show("  after at least 25 ms", now_ms() - t0 >= 25, 1);
    show("  filter", ev[0].filter, RT_EVFILT_TIMER);
    show("  flags (EV_CLEAR is forced)", ev[0].flags, RT_EV_CLEAR);
    show("  data (expirations)", ev[0].data >= 1, 1);
    show("  udata", (long)ev[0].udata, 5);
    sleep_ms(100);
    n = collect(kq, ev, 4, &zero);
    show("100 ms later: events", n, 1);
    show("  expirations counted (at least 2)", ev[0].data >= 2, 1);
    show("EV_DELETE", add(kq, 1, RT_EVFILT_TIMER, RT_EV_DELETE, 0, 0, 0), 0);
    sleep_ms(40);
    show("  nothing more", collect(kq, ev, 4, &zero), 0);

    t0 = now_ms();
    add(kq, 2, RT_EVFILT_TIMER, RT_EV_ADD | RT_EV_ONESHOT, RT_NOTE_USECONDS, 20000, 0);
    n = collect(kq, ev, 4, &second);
    show("one-shot 20000 us timer: events", n, 1);
    show("  after at least 15 ms", now_ms() - t0 >= 15, 1);
    show("  flags", ev[0].flags, RT_EV_ONESHOT | RT_EV_CLEAR);
    show("  data", ev[0].data, 1);
    struct rt_timespec ms50 = { 0, 50000000 };
    show("  not again", collect(kq, ev, 4, &ms50), 0);
    show_err("  and gone", add(kq, 2, RT_EVFILT_TIMER, RT_EV_DELETE, 0, 0, 0), -RT_ENOENT);

    add(kq, 3, RT_EVFILT_TIMER, RT_EV_ADD | RT_EV_ONESHOT, RT_NOTE_SECONDS, 0, 0);
    n = collect(kq, ev, 4, &second);
    show("one-shot timer of 0 s: fires at once", n, 1);

    struct rt_timespec real;
    rt_clock_gettime(RT_CLOCK_REALTIME, &real);
    int64_t at = (real.sec * 1000000000LL + real.nsec) + 20000000LL;
    t0 = now_ms();
    add(kq, 4, RT_EVFILT_TIMER, RT_EV_ADD, RT_NOTE_NSECONDS | RT_NOTE_ABSTIME, at, 0);
    n = collect(kq, ev, 4, &second);
    show("NOTE_ABSTIME timer 20 ms ahead: events", n, 1);
    show("  after at least 10 ms", now_ms() - t0 >= 10, 1);
    show("  flags (no EV_CLEAR)", ev[0].flags, 0);
    show("  data", ev[0].data, 1);
    show("  level: still reported", collect(kq, ev, 4, &zero), 1);
    add(kq, 4, RT_EVFILT_TIMER, RT_EV_DELETE, 0, 0, 0);

    add(kq, 5, RT_EVFILT_TIMER, RT_EV_ADD | RT_EV_DISPATCH, 0, 10, 0);
    show("EV_DISPATCH timer: reported", collect(kq, ev, 4, &second), 1);
    sleep_ms(40);
    show("  then disabled", collect(kq, ev, 4, &zero), 0);
    add(kq, 5, RT_EVFILT_TIMER, RT_EV_ENABLE, 0, 0, 0);
    n = collect(kq, ev, 4, &zero);
    show("  enabled: the expirations while disabled are there", n == 1 && ev[0].data >= 2, 1);
    add(kq, 5, RT_EVFILT_TIMER, RT_EV_DELETE, 0, 0, 0);

    show_err("negative period", add(kq, 6, RT_EVFILT_TIMER, RT_EV_ADD, 0, -1, 0), -RT_EINVAL);
    show_err("two units", add(kq, 6, RT_EVFILT_TIMER, RT_EV_ADD, RT_NOTE_SECONDS | RT_NOTE_MSECONDS, 1, 0), -RT_EINVAL);
    show_err("unknown fflags", add(kq, 6, RT_EVFILT_TIMER, RT_EV_ADD, 0x100, 1, 0), -RT_EINVAL);

    /* Two timers, the kevent wait ends at the earlier one. */
    add(kq, 7, RT_EVFILT_TIMER, RT_EV_ADD | RT_EV_ONESHOT, 0, 500, 0);
    add(kq, 8, RT_EVFILT_TIMER, RT_EV_ADD | RT_EV_ONESHOT, 0, 20, 0);
    t0 = now_ms();
    n = collect(kq, ev, 4, &second);
    show("two timers (500 ms, 20 ms): events", n, 1);
    show("  the 20 ms one", (long)ev[0].ident, 8);
    show("  well before 500 ms", now_ms() - t0 < 400, 1);
    rt_close(kq);
}

static volatile int usr1_caught;
static void on_usr1(int sig, const struct rt_siginfo *si, void *uc) { usr1_caught++; }

static void user_and_signal(void)
{
    rt_printf("-- EVFILT_USER --\n");
    int kq = rt_kqueue();
    struct rt_kevent ev[4];
    show("add USER 42 with EV_CLEAR", add(kq, 42, RT_EVFILT_USER, RT_EV_ADD | RT_EV_CLEAR, 0, 0, 0), 0);
    show("  not triggered: events", collect(kq, ev, 4, &zero), 0);
    add(kq, 42, RT_EVFILT_USER, 0, RT_NOTE_TRIGGER | RT_NOTE_FFCOPY | 0x11, 0, (void *)0x77);
    int n = collect(kq, ev, 4, &zero);
    show("NOTE_TRIGGER|NOTE_FFCOPY 0x11: events", n, 1);
    show("  ident", (long)ev[0].ident, 42);
    show("  filter", ev[0].filter, RT_EVFILT_USER);
    show("  flags", ev[0].flags, RT_EV_CLEAR);
    show("  fflags", ev[0].fflags, 0x11);
    show("  udata (set by the trigger)", (long)ev[0].udata, 0x77);
    show("  cleared", collect(kq, ev, 4, &zero), 0);
    add(kq, 42, RT_EVFILT_USER, 0, RT_NOTE_TRIGGER | RT_NOTE_FFOR | 0x100, 0, 0);
    collect(kq, ev, 4, &zero);
    show("NOTE_FFOR 0x100: fflags", ev[0].fflags, 0x111);
    add(kq, 42, RT_EVFILT_USER, 0, RT_NOTE_TRIGGER | RT_NOTE_FFAND | 0x101, 0, 0);
    collect(kq, ev, 4, &zero);
    show("NOTE_FFAND 0x101: fflags", ev[0].fflags, 0x101);
    add(kq, 42, RT_EVFILT_USER, 0, RT_NOTE_FFCOPY | 0x5, 0, 0);
    show("NOTE_FFCOPY without NOTE_TRIGGER: events", collect(kq, ev, 4, &zero), 0);
    add(kq, 42, RT_EVFILT_USER, 0, RT_NOTE_TRIGGER, 0, 0);
    collect(kq, ev, 4, &zero);
    show("  next trigger carries it: fflags", ev[0].fflags, 0x5);

    add(kq, 43, RT_EVFILT_USER, RT_EV_ADD, 0, 0, 0);
    add(kq, 43, RT_EVFILT_USER, 0, RT_NOTE_TRIGGER, 0, 0);
    show("USER without EV_CLEAR: reported", collect(kq, ev, 4, &zero), 1);
    show("  and again (level)", collect(kq, ev, 4, &zero), 1);
    struct rt_pollfd pf = { kq, RT_POLLIN, 0 };
    show("  the kqueue descriptor polls readable", rt_poll(&pf, 1, 0), 1);
    add(kq, 43, RT_EVFILT_USER, RT_EV_CLEAR, 0, 0, 0);
    show("  EV_CLEAR in a change resets it", collect(kq, ev, 4, &zero), 0);
    show("  the kqueue descriptor no longer readable", rt_poll(&pf, 1, 0), 0);

    add(kq, 44, RT_EVFILT_USER, RT_EV_ADD | RT_EV_CLEAR, RT_NOTE_TRIGGER, 0, 0);
    show("EV_ADD with NOTE_TRIGGER does not trigger", collect(kq, ev, 4, &zero), 0);
    add(kq, 44, RT_EVFILT_USER, RT_EV_FORCEONESHOT, 0, 0, 0);
    n = collect(kq, ev, 4, &zero);
    show("EV_FORCEONESHOT: reported", n, 1);
    show("  flags", ev[0].flags, RT_EV_CLEAR | RT_EV_ONESHOT);
    show("  fflags (a one-shot is reported as kept: none)", ev[0].fflags, 0);
    show_err("  then gone", add(kq, 44, RT_EVFILT_USER, RT_EV_DELETE, 0, 0, 0), -RT_ENOENT);

    for (int i = 0; i < 3; i++) {
        add(kq, 100 + (uint64_t)i, RT_EVFILT_USER, RT_EV_ADD | RT_EV_CLEAR, 0, 0, 0);
        add(kq, 100 + (uint64_t)i, RT_EVFILT_USER, 0, RT_NOTE_TRIGGER, 0, 0);
    }
    show("three triggered, room for two", collect(kq, ev, 2, &zero), 2);
    show("  then the third", collect(kq, ev, 2, &zero), 1);
    show("  then none", collect(kq, ev, 2, &zero), 0);

    struct rt_kevent k;
    RT_EV_SET(&k, 200, RT_EVFILT_USER, RT_EV_ADD | RT_EV_CLEAR, 0, 0, (void *)0xabc);
    struct rt_kevent out[2];
    memset(out, 0, sizeof out);
    show("FreeBSD 11 kevent: add", rt_kevent11(kq, &k, 1, out, 2, &zero), 0);
    RT_EV_SET(&k, 200, RT_EVFILT_USER, 0, RT_NOTE_TRIGGER, 0, (void *)0xabc);
    rt_kevent11(kq, &k, 1, 0, 0, 0);
    n = rt_kevent11(kq, 0, 0, out, 2, &zero);
    show("  triggered: events", n, 1);
    show("  ident and udata", out[0].ident == 200 && (long)out[0].udata == 0xabc, 1);
    rt_close(kq);

    rt_printf("-- EVFILT_SIGNAL --\n");
    kq = rt_kqueue();
    show("add SIGNAL for SIGUSR1", add(kq, 30, RT_EVFILT_SIGNAL, RT_EV_ADD, 0, 0, 0), 0);
    rt_sigaction(RT_SIGUSR1, RT_SIG_IGN, 0, 0, 0);
    rt_kill(rt_getpid(), RT_SIGUSR1);
    rt_kill(rt_getpid(), RT_SIGUSR1);
    n = collect(kq, ev, 4, &zero);
    show("SIGUSR1 sent twice while ignored: events", n, 1);
    show("  data (deliveries)", ev[0].data, 2);
    show("  flags (EV_CLEAR is forced)", ev[0].flags, RT_EV_CLEAR);
    show("  cleared", collect(kq, ev, 4, &zero), 0);
    rt_sigaction(RT_SIGUSR1, on_usr1, 0, 0, 0);
    rt_kill(rt_getpid(), RT_SIGUSR1);
    n = collect(kq, ev, 4, &zero);
    show("caught by a handler as well: events", n, 1);
    show("  the handler ran", usr1_caught, 1);
    show_err("signal number 0", add(kq, 0, RT_EVFILT_SIGNAL, RT_EV_ADD, 0, 0, 0), -RT_EINVAL);
    rt_sigaction(RT_SIGUSR1, RT_SIG_DFL, 0, 0, 0);
    rt_close(kq);
}

static void sockets(void)
{
    rt_printf("-- sockets --\n");
    int kq = rt_kqueue();
    struct rt_kevent ch[2], ev[4];
    int sv[2];
    rt_socketpair(RT_AF_UNIX, RT_SOCK_STREAM | RT_SOCK_NONBLOCK, 0, sv);
    /* What Go's network poller does: both filters, edge-triggered, for the descriptor's life. */
    RT_EV_SET(&ch[0], (uint64_t)sv[1], RT_EVFILT_READ, RT_EV_ADD | RT_EV_CLEAR, 0, 0, (void *)1);
    RT_EV_SET(&ch[1], (uint64_t)sv[1], RT_EVFILT_WRITE, RT_EV_ADD | RT_EV_CLEAR, 0, 0, (void *)2);
    show("READ and WRITE with EV_CLEAR", changes(kq, ch, 2), 0);
    int n = collect(kq, ev, 4, &zero);
    show("  at first: events", n, 1);
    show("  the write side", ev[0].filter, RT_EVFILT_WRITE);
    show("  then quiet", collect(kq, ev, 4, &zero), 0);
    rt_send(sv[0], "data!", 5, 0);
    n = collect(kq, ev, 4, &zero);
    show("peer sends 5 bytes: events", n, 1);
    show("  read side", ev[0].filter, RT_EVFILT_READ);
    show("  data", ev[0].data, 5);
    show("  udata", (long)ev[0].udata, 1);
    char buf[16];
    rt_recv(sv[1], buf, sizeof buf, 0);
    show("read everything: quiet", collect(kq, ev, 4, &zero), 0);
    rt_close(sv[0]);
    n = collect(kq, ev, 4, &zero);
    show("peer closed: events", n >= 1, 1);
    int eof = 0;
    for (int i = 0; i < n; i++)
        if (ev[i].filter == RT_EVFILT_READ && (ev[i].flags & RT_EV_EOF))
            eof = 1;
    show("  EV_EOF on the read side", eof, 1);
    rt_close(sv[1]);

    int l = rt_socket(RT_AF_INET, RT_SOCK_STREAM, 0);
    struct rt_sockaddr sa = { .family = RT_AF_INET, .addr = { 127, 0, 0, 1 } };
    rt_bind(l, &sa);
    rt_listen(l, 8);
    rt_getsockname(l, &sa);
    add(kq, (uint64_t)l, RT_EVFILT_READ, RT_EV_ADD, 0, 0, 0);
    show("listener, nobody waiting: events", collect(kq, ev, 4, &zero), 0);
    int c1 = rt_socket(RT_AF_INET, RT_SOCK_STREAM, 0), c2 = rt_socket(RT_AF_INET, RT_SOCK_STREAM, 0);
    rt_connect(c1, &sa);
    rt_connect(c2, &sa);
    struct rt_timespec second = { 2, 0 };
    sleep_ms(20);
    n = collect(kq, ev, 4, &second);
    show("two connections waiting: events", n, 1);
    show("  data (the accept queue)", ev[0].data, 2);
    rt_close(rt_accept(l, 0));
    collect(kq, ev, 4, &second);
    show("  one accepted: data", ev[0].data, 1);
    rt_close(c1);
    rt_close(c2);
    rt_close(l);

    /* A kqueue inside a kqueue. */
    int inner = rt_kqueue();
    add(inner, 9, RT_EVFILT_USER, RT_EV_ADD | RT_EV_CLEAR, 0, 0, 0);
    add(kq, (uint64_t)inner, RT_EVFILT_READ, RT_EV_ADD, 0, 0, 0);
    show("kqueue watching an idle kqueue: events", collect(kq, ev, 4, &zero), 0);
    add(inner, 9, RT_EVFILT_USER, 0, RT_NOTE_TRIGGER, 0, 0);
    n = collect(kq, ev, 4, &second);
    show("  inner one triggered: events", n, 1);
    show("  ident is the inner kqueue", ev[0].ident == (uint64_t)inner, 1);
    rt_close(inner);
    show("  inner kqueue closed: events", collect(kq, ev, 4, &zero), 0);
    rt_close(kq);
}

int main(void)
{
    creation();
    read_write();
    errors_and_receipts();
    timers();
    user_and_signal();
    sockets();
    rt_printf("mismatches: %d\n", failures);
    return 0;
}
