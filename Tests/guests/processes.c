/* processes: fork (memory is copied), vfork, exit statuses through wait4 and waitid/wait6
 * (WNOHANG, WNOWAIT, specific pids, any child), children killed by signals, stop/continue
 * reports, pipes between parent and child, execve of this program with arguments, environment,
 * descriptors and signal state, exec through a "#!" script, exec errors, sessions and process
 * groups, kill to a group, itimers, SIGCHLD with siginfo, SIGCHLD ignored and SA_NOCLDWAIT,
 * priorities, parent-death signal, reaper and no_new_privs.
 *
 * The program runs itself again in a few modes (argv[2]) for the exec tests. */
#include "rt.h"

#define CHECK(what, expr) rt_printf("%-48s %s\n", what, rt_res(expr))
#define YN(c) ((c) ? "yes" : "no")

static const char *self;        /* argv[0] */
static const char *scratch;

static void describe(const char *what, int st)
{
    if (RT_WIFEXITED(st))
        rt_printf("%s: exited with %d\n", what, RT_WEXITSTATUS(st));
    else if (RT_WIFSIGNALED(st))
        rt_printf("%s: killed by %s\n", what, rt_signame(RT_WTERMSIG(st)));
    else if (RT_WIFSTOPPED(st))
        rt_printf("%s: stopped by %s\n", what, rt_signame(RT_WSTOPSIG(st)));
    else if (RT_WIFCONTINUED(st))
        rt_printf("%s: continued\n", what);
    else
        rt_printf("%s: status %#x\n", what, st);
}

static int reap(int pid, const char *what)
{
    int st = -1;
    int r = rt_wait4(pid, &st, 0, 0);
    if (r != pid) {
        rt_printf("%s: wait4 returned %s\n", what, r < 0 ? rt_errname(r) : "another pid");
        return -1;
    }
    describe(what, st);
    return st;
}

static void sleep_ms(int ms)
{
    struct rt_timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    rt_nanosleep(&ts, 0);
}

/* ---- modes for the exec tests ---- */

static int exec_child(int argc, char **argv, char **envp)
{
    rt_printf("exec child: argc %d, argv[0] is this program: %s\n", argc,
              YN(strcmp(rt_basename(argv[0]), rt_basename(self)) == 0));
    for (int i = 5; i < argc; i++)
        rt_printf("exec child: argv[%d] = \"%s\"\n", i, argv[i]);
    for (char **e = envp; *e; e++)
        rt_printf("exec child: env %s\n", *e);
    int keep = argv[3][0] - '0', cloexec = argv[4][0] - '0';
    rt_printf("exec child: descriptor without FD_CLOEXEC open: %s\n", YN(rt_fcntl(keep, RT_F_GETFD, 0) >= 0));
    rt_printf("exec child: descriptor with FD_CLOEXEC: %s\n", rt_res(rt_fcntl(cloexec, RT_F_GETFD, 0)));
    rt_handler h;
    rt_sigaction(RT_SIGUSR1, RT_SIG_GET, 0, 0, &h);
    rt_printf("exec child: ignored SIGUSR1 still ignored: %s\n", YN(h == RT_SIG_IGN));
    rt_sigaction(RT_SIGUSR2, RT_SIG_GET, 0, 0, &h);
    rt_printf("exec child: caught SIGUSR2 back to default: %s\n", YN(h == RT_SIG_DFL));
    uint64_t mask = 0;
    rt_sigprocmask(RT_SIG_BLOCK, 0, &mask);
    rt_printf("exec child: SIGTERM still blocked: %s, SIGUSR2 not: %s\n",
              YN(mask & RT_SIGBIT(RT_SIGTERM)), YN(!(mask & RT_SIGBIT(RT_SIGUSR2))));
    return 7;
}

static int script_mode(int argc, char **argv)
{
    rt_printf("script: argv[0] is the interpreter: %s\n", YN(strcmp(rt_basename(argv[0]), rt_basename(self)) == 0));
    rt_printf("script: argv[1] = \"%s\", argv[2] names the script: %s\n", argv[1], rt_basename(argv[2]));
    for (int i = 3; i < argc; i++)
        rt_printf("script: argv[%d] = \"%s\"\n", i, argv[i]);
    return 3;
}

/* ---- fork and wait ---- */

static int shared_value = 1;

static void basics(void)
{
    int parent = rt_getpid();
    int pid = rt_fork();
    if (pid == 0) {
        shared_value = 2;
        rt_printf("child: fork returned 0, getppid is the parent: %s, own pid differs: %s\n",
                  YN(rt_getppid() == parent), YN(rt_getpid() != parent));
        rt_exit(42);
    }
    int st = -1;
    struct rt_rusage ru;
    memset(&ru, 0, sizeof ru);
    int r = rt_wait4(pid, &st, 0, &ru);
    rt_printf("fork returned a pid: %s\n", YN(pid > 0));
    rt_printf("wait4 returned the child: %s\n", YN(r == pid));
    describe("child", st);
    rt_printf("rusage times are well-formed: %s\n",
              YN(ru.utime.sec >= 0 && ru.utime.usec >= 0 && ru.utime.usec < 1000000 && ru.stime.usec < 1000000));
    rt_printf("the child's write did not reach the parent: %s\n", YN(shared_value == 1));
    CHECK("wait4 with no children left", rt_wait4(-1, &st, 0, 0));

    /* MAP_SHARED anonymous memory stays shared with the child; MAP_PRIVATE is copied. */
    volatile int *shared = rt_mmap(0, 4096, RT_PROT_READ | RT_PROT_WRITE, RT_MAP_SHARED | RT_MAP_ANON, -1, 0);
    volatile int *private = rt_mmap(0, 4096, RT_PROT_READ | RT_PROT_WRITE, RT_MAP_PRIVATE | RT_MAP_ANON, -1, 0);
    shared[0] = 1;
    private[0] = 1;
    pid = rt_fork();
    if (pid == 0) {
        shared[0] = 2;
        private[0] = 2;
        rt_exit(0);
    }
    reap(pid, "child writing to shared and private memory");
    rt_printf("the parent sees the shared write: %s, not the private one: %s\n", YN(shared[0] == 2), YN(private[0] == 1));
    rt_munmap((void *)shared, 4096);
    rt_munmap((void *)private, 4096);

    pid = rt_vfork_exit(5);
    rt_printf("vfork returned a pid: %s\n", YN(pid > 0));
    reap(pid, "vfork child");

    pid = rt_fork();
    if (pid == 0)
        rt_exit(256 + 17);
    reap(pid, "exit(273)");
}

static void nohang_and_order(void)
{
    int p[2];
    rt_pipe2(p, 0);
    int pid = rt_fork();
    if (pid == 0) {
        char c;
        rt_close(p[1]);
        while (rt_read(p[0], &c, 1) > 0) {}
        rt_exit(3);
    }
    rt_close(p[0]);
    int st = -1;
    rt_printf("wait4(WNOHANG) while the child runs: %d\n", rt_wait4(pid, &st, RT_WNOHANG, 0));
    rt_printf("status left alone: %s\n", YN(st == -1));
    struct rt_waitinfo wi = { -1, -1, -1, -1 };
    CHECK("waitid(WNOHANG) while the child runs", rt_waitid(RT_P_PID, pid, &wi, RT_WEXITED | RT_WNOHANG));
    rt_printf("waitid found nothing: %s\n", YN(wi.pid == 0));
    rt_close(p[1]);
    reap(pid, "child after its pipe closed");
    CHECK("wait4(-1, WNOHANG) without children", rt_wait4(-1, &st, RT_WNOHANG, 0));

    int pids[3];
    for (int i = 0; i < 3; i++) {
        pids[i] = rt_fork();
        if (pids[i] == 0)
            rt_exit(11 + i);
    }
    for (int i = 2; i >= 0; i--) {
        char what[32];
        rt_snprintf(what, sizeof what, "child %d waited by pid", i);
        reap(pids[i], what);
    }

    for (int i = 0; i < 3; i++)
        if (rt_fork() == 0)
            rt_exit(21 + i);
    int codes[3], n = 0;
    while (n < 4) {
        int r = rt_wait4(-1, &st, 0, 0);
        if (r < 0) {
            rt_printf("wait4(-1) after %d children: %s\n", n, rt_errname(r));
            break;
        }
        codes[n++] = RT_WEXITSTATUS(st);
    }
    for (int i = 0; i < 3; i++)     /* the order children are reported in is the system's choice */
        for (int j = i + 1; j < 3; j++)
            if (codes[j] < codes[i]) { int t = codes[i]; codes[i] = codes[j]; codes[j] = t; }
    rt_printf("wait4(-1) collected exit codes %d %d %d\n", codes[0], codes[1], codes[2]);
}

static void waitid_tests(void)
{
    int pid = rt_fork();
    if (pid == 0)
        rt_exit(5);
    struct rt_waitinfo wi;
    CHECK("waitid(P_PID, WEXITED | WNOWAIT)", rt_waitid(RT_P_PID, pid, &wi, RT_WEXITED | RT_WNOWAIT));
    rt_printf("  pid matches %s, code %s, status %d, uid is ours %s\n", YN(wi.pid == pid), rt_codename(wi.code),
              wi.status, YN(wi.uid == rt_getuid()));
    CHECK("waitid(P_ALL, WEXITED) reaps it", rt_waitid(RT_P_ALL, 0, &wi, RT_WEXITED));
    rt_printf("  pid matches %s, code %s, status %d\n", YN(wi.pid == pid), rt_codename(wi.code), wi.status);
    CHECK("waitid(P_PID) again", rt_waitid(RT_P_PID, pid, &wi, RT_WEXITED));

    pid = rt_fork();
    if (pid == 0) {
        rt_kill(rt_getpid(), RT_SIGTERM);
        rt_exit(99);
    }
    CHECK("waitid for a killed child", rt_waitid(RT_P_PID, pid, &wi, RT_WEXITED));
    rt_printf("  code %s, signal %s\n", rt_codename(wi.code), rt_signame(wi.status));

    CHECK("waitid with no event requested", rt_waitid(RT_P_ALL, 0, &wi, RT_WNOHANG));
}

static void killed_children(void)
{
    static const int sigs[] = { RT_SIGTERM, RT_SIGUSR1, RT_SIGBUS, RT_SIGALRM };
    for (unsigned i = 0; i < RT_COUNT(sigs); i++) {
        int pid = rt_fork();
        if (pid == 0) {
            rt_kill(rt_getpid(), sigs[i]);
            rt_exit(99);
        }
        char what[48];
        rt_snprintf(what, sizeof what, "child sending itself %s", rt_signame(sigs[i]));
        reap(pid, what);
    }
    int pid = rt_fork();
    if (pid == 0) {
        *(volatile int *)16 = 1;
        rt_exit(99);
    }
    reap(pid, "child storing to address 16");

    /* Signals from the parent: one that kills, one the child catches. */
    pid = rt_fork();
    if (pid == 0) {
        for (;;)
            sleep_ms(1000);
    }
    CHECK("kill(child, SIGKILL)", rt_kill(pid, RT_SIGKILL));
    reap(pid, "child killed by the parent");
}

static void on_usr2_exit(int sig, const struct rt_siginfo *si, void *uc)
{
    rt_exit(si->pid == rt_getppid() && si->code == RT_SI_USER ? 30 : 31);
}

static void signal_to_child(void)
{
    int ready[2];
    rt_pipe2(ready, 0);
    int pid = rt_fork();
    if (pid == 0) {
        rt_sigaction(RT_SIGUSR2, on_usr2_exit, 0, 0, 0);
        rt_write(ready[1], "r", 1);
        for (;;)
            sleep_ms(1000);
    }
    char c;
    rt_read(ready[0], &c, 1);
    rt_close(ready[0]);
    rt_close(ready[1]);
    CHECK("kill(child, SIGUSR2) to its handler", rt_kill(pid, RT_SIGUSR2));
    reap(pid, "child whose handler exits (30: sender and code right)");

    /* Stop and continue, reported by wait4 and by waitid. */
    pid = rt_fork();
    if (pid == 0) {
        for (;;)
            sleep_ms(1000);
    }
    int st;
    struct rt_waitinfo wi;
    rt_kill(pid, RT_SIGSTOP);
    rt_printf("wait4(WUNTRACED) returned the child: %s\n", YN(rt_wait4(pid, &st, RT_WUNTRACED, 0) == pid));
    describe("stopped child", st);
    rt_kill(pid, RT_SIGCONT);
    rt_printf("wait4(WCONTINUED) returned the child: %s\n", YN(rt_wait4(pid, &st, RT_WCONTINUED, 0) == pid));
    describe("continued child", st);
    rt_kill(pid, RT_SIGSTOP);
    CHECK("waitid(WUNTRACED)", rt_waitid(RT_P_PID, pid, &wi, RT_WUNTRACED));
    rt_printf("  code %s, signal %s\n", rt_codename(wi.code), rt_signame(wi.status));
    rt_kill(pid, RT_SIGCONT);
    CHECK("waitid(WCONTINUED)", rt_waitid(RT_P_PID, pid, &wi, RT_WCONTINUED));
    rt_printf("  code %s, signal %s\n", rt_codename(wi.code), rt_signame(wi.status));
    rt_kill(pid, RT_SIGKILL);
    reap(pid, "child after stop and continue");
}

/* ---- pipes ---- */

static void pipes(void)
{
    int down[2], up[2];
    rt_pipe2(down, 0);
    rt_pipe2(up, 0);
    int pid = rt_fork();
    if (pid == 0) {
        rt_close(down[1]);
        rt_close(up[0]);
        char buf[64];
        long n = 0, r;
        while ((r = rt_read(down[0], buf + n, sizeof buf - 1 - n)) > 0)
            n += r;
        for (long i = 0; i < n; i++)
            if (buf[i] >= 'a' && buf[i] <= 'z')
                buf[i] -= 32;
        rt_write(up[1], buf, n);
        rt_exit(0);
    }
    rt_close(down[0]);
    rt_close(up[1]);
    rt_write(down[1], "hello through a pipe", 20);
    rt_close(down[1]);
    char buf[64];
    long n = 0, r;
    while ((r = rt_read(up[0], buf + n, sizeof buf - 1 - n)) > 0)
        n += r;
    buf[n] = 0;
    rt_close(up[0]);
    rt_printf("the child answered: \"%s\"\n", buf);
    reap(pid, "pipe child");

    /* The reader end sees EOF only when every writer, in both processes, is closed. */
    int p[2];
    rt_pipe2(p, 0);
    pid = rt_fork();
    if (pid == 0) {
        rt_close(p[0]);
        sleep_ms(50);
        rt_write(p[1], "late", 4);
        rt_exit(0);
    }
    rt_close(p[1]);
    n = 0;
    while ((r = rt_read(p[0], buf + n, sizeof buf - 1 - n)) > 0)
        n += r;
    buf[n] = 0;
    rt_printf("read until EOF: \"%s\"\n", buf);
    rt_close(p[0]);
    reap(pid, "late writer");
}

/* ---- exec ---- */

static void on_usr2_nothing(int sig, const struct rt_siginfo *si, void *uc) {}

static void exec_tests(char **envp)
{
    static char *env[] = { "ALPHA=1", "LD_PRELOAD=/nonexistent/libguest.so", "BETA=two words", "EMPTY=", 0 };
    int pid = rt_fork();
    if (pid == 0) {
        rt_sigaction(RT_SIGUSR1, RT_SIG_IGN, 0, 0, 0);
        rt_sigaction(RT_SIGUSR2, on_usr2_nothing, 0, 0, 0);
        uint64_t set = RT_SIGBIT(RT_SIGTERM);
        rt_sigprocmask(RT_SIG_BLOCK, &set, 0);
        int keep = rt_open("/dev/null", RT_O_RDONLY, 0);
        int cloexec = rt_open("/dev/null", RT_O_RDONLY | RT_O_CLOEXEC, 0);
        char k[2] = { (char)('0' + keep), 0 }, c[2] = { (char)('0' + cloexec), 0 };
        char *argv[] = { (char *)self, (char *)scratch, "--exec-child", k, c, "arg with spaces", "", "last", 0 };
        long r = rt_execve(self, argv, env);
        rt_printf("execve returned %s\n", rt_errname(r));
        rt_exit(100);
    }
    reap(pid, "exec'd child");

    /* The exec'd program's output through a pipe on its stdout. */
    int p[2];
    rt_pipe2(p, 0);
    pid = rt_fork();
    if (pid == 0) {
        rt_dup2(p[1], 1);
        rt_close(p[0]);
        rt_close(p[1]);
        char *argv[] = { (char *)self, (char *)scratch, "--print", 0 };
        rt_execve(self, argv, envp);
        rt_exit(100);
    }
    rt_close(p[1]);
    char buf[128];
    long n = 0, r;
    while ((r = rt_read(p[0], buf + n, sizeof buf - 1 - n)) > 0)
        n += r;
    buf[n] = 0;
    rt_close(p[0]);
    rt_printf("captured from the exec'd program: %s", buf);
    reap(pid, "printing child");

    char *exit9[] = { (char *)self, (char *)scratch, "--exit", "9", 0 };
    pid = rt_vfork_exec(self, exit9, envp);
    rt_printf("vfork+exec returned a pid: %s\n", YN(pid > 0));
    reap(pid, "vfork+exec child");

    /* fexecve: through a plain descriptor and a close-on-exec one. */
    for (int cloexec = 0; cloexec < 2; cloexec++) {
        int fd = rt_open(self, RT_O_RDONLY | (cloexec ? RT_O_CLOEXEC : 0), 0);
        char *exit6[] = { (char *)self, (char *)scratch, "--exit", "6", 0 };
        pid = rt_fork();
        if (pid == 0) {
            long e = rt_fexecve(fd, exit6, envp);
            rt_printf("fexecve returned %s\n", rt_errname(e));
            rt_exit(100);
        }
        rt_close(fd);
        reap(pid, cloexec ? "fexecve child (close-on-exec descriptor)" : "fexecve child");
    }
    CHECK("fexecve of a closed descriptor", rt_fexecve(200, exit9, envp));

    char *missing[] = { "missing", 0 };
    pid = rt_vfork_exec("/nonexistent/program", missing, envp);
    reap(pid, "vfork child whose exec failed");

    /* Errors (the parent stays). */
    char path[512], script[512];
    CHECK("execve of a missing file", rt_execve("/nonexistent/program", missing, envp));
    CHECK("execve through a file as directory", rt_execve("/dev/null/x", missing, envp));
    CHECK("execve of a directory", rt_execve(scratch, missing, envp));
    CHECK("execve with a bad argv pointer", rt_execve(self, (char **)8, envp));
    rt_snprintf(path, sizeof path, "%s/plain.txt", scratch);
    int fd = rt_open(path, RT_O_WRONLY | RT_O_CREAT | RT_O_TRUNC, 0644);
    rt_write(fd, "just text\n", 10);
    rt_close(fd);
    CHECK("execve of a file without execute permission", rt_execve(path, missing, envp));
    rt_snprintf(path, sizeof path, "%s/text.exe", scratch);
    fd = rt_open(path, RT_O_WRONLY | RT_O_CREAT | RT_O_TRUNC, 0755);
    rt_write(fd, "just text\n", 10);
    rt_close(fd);
    CHECK("execve of an executable text file", rt_execve(path, missing, envp));
    rt_snprintf(path, sizeof path, "%s/nointerp.sh", scratch);
    fd = rt_open(path, RT_O_WRONLY | RT_O_CREAT | RT_O_TRUNC, 0755);
    rt_write(fd, "#!/nonexistent/interpreter\n", 27);
    rt_close(fd);
    CHECK("execve of a script with a missing interpreter", rt_execve(path, missing, envp));
    rt_snprintf(path, sizeof path, "%s/empty.sh", scratch);
    fd = rt_open(path, RT_O_WRONLY | RT_O_CREAT | RT_O_TRUNC, 0755);
    rt_write(fd, "#!\n", 3);
    rt_close(fd);
    CHECK("execve of a script without an interpreter", rt_execve(path, missing, envp));

    /* A script whose interpreter is this program. */
    char cwd[256];
    rt_getcwd(cwd, sizeof cwd);
    rt_snprintf(script, sizeof script, "%s/script.sh", scratch);
    fd = rt_open(script, RT_O_WRONLY | RT_O_CREAT | RT_O_TRUNC, 0755);
    rt_dprintf(fd, "#!%s/%s  --script-mode  \nthe rest is not read\n", cwd, rt_basename(self));
    rt_close(fd);
    pid = rt_fork();
    if (pid == 0) {
        char *argv[] = { script, "x y", 0 };
        long e = rt_execve(script, argv, envp);
        rt_printf("script execve returned %s\n", rt_errname(e));
        rt_exit(100);
    }
    reap(pid, "script child");
}

/* ---- sessions and groups ---- */

static volatile int usr1_count;
static void on_usr1(int sig, const struct rt_siginfo *si, void *uc) { usr1_count++; }

static void sessions(void)
{
    int sid = rt_getsid(0);
    rt_printf("getsid(0) == getsid(getpid()): %s\n", YN(sid == rt_getsid(rt_getpid())));
    rt_printf("getpgrp() == getpgid(0): %s\n", YN(rt_getpgrp() == rt_getpgid(0)));
    CHECK("getpgid(99999999)", rt_getpgid(99999999));
    CHECK("getsid(99999999)", rt_getsid(99999999));
    int pid = rt_fork();
    if (pid == 0) {
        int me = rt_getpid();
        rt_printf("child: same session as the parent: %s\n", YN(rt_getsid(0) == sid));
        CHECK("child: setpgid(0, 0)", rt_setpgid(0, 0));
        rt_printf("child: getpgrp() is its pid: %s, getpgid(0) too: %s\n", YN(rt_getpgrp() == me), YN(rt_getpgid(0) == me));
        CHECK("child: setsid() as a group leader", rt_setsid());
        rt_sigaction(RT_SIGUSR1, on_usr1, 0, 0, 0);
        CHECK("child: kill(0, SIGUSR1)", rt_kill(0, RT_SIGUSR1));
        CHECK("child: kill(-pgrp, SIGUSR1)", rt_kill(-me, RT_SIGUSR1));
        rt_printf("child: its handler ran %d times\n", usr1_count);
        int g = rt_fork();
        if (g == 0) {
            int gme = rt_getpid();
            rt_printf("grandchild: setsid() returned its pid: %s\n", YN(rt_setsid() == gme));
            rt_printf("grandchild: getsid(0), getpgrp() are its pid: %s %s\n", YN(rt_getsid(0) == gme), YN(rt_getpgrp() == gme));
            CHECK("grandchild: setsid() again", rt_setsid());
            CHECK("grandchild: setpgid into the old group", rt_setpgid(0, me));
            rt_exit(0);
        }
        reap(g, "grandchild");
        rt_exit(0);
    }
    reap(pid, "session child");
}

/* ---- itimers ---- */

static volatile int alrm_count, vtalrm_count, prof_count;
static void on_alrm(int sig, const struct rt_siginfo *si, void *uc) { alrm_count++; }
static void on_vtalrm(int sig, const struct rt_siginfo *si, void *uc) { vtalrm_count++; }
static void on_prof(int sig, const struct rt_siginfo *si, void *uc) { prof_count++; }

static void itimers(void)
{
    struct rt_itimerval v = { { 0, 0 }, { 0, 300000 } }, now, old;
    rt_sigaction(RT_SIGALRM, on_alrm, RT_SA_RESTART, 0, 0);
    CHECK("setitimer(ITIMER_REAL, 300 ms)", rt_setitimer(RT_ITIMER_REAL, &v, 0));
    rt_getitimer(RT_ITIMER_REAL, &now);
    rt_printf("getitimer: 0 < remaining <= 300 ms: %s, no interval: %s\n",
              YN(now.value.sec == 0 && now.value.usec > 0 && now.value.usec <= 300000),
              YN(now.interval.sec == 0 && now.interval.usec == 0));
    for (int i = 0; i < 500 && alrm_count == 0; i++)
        sleep_ms(10);
    rt_printf("SIGALRM handler ran once: %s\n", YN(alrm_count == 1));
    rt_getitimer(RT_ITIMER_REAL, &now);
    rt_printf("disarmed after it fired: %s\n", YN(now.value.sec == 0 && now.value.usec == 0));

    alrm_count = 0;
    v = (struct rt_itimerval){ { 0, 20000 }, { 0, 20000 } };
    rt_setitimer(RT_ITIMER_REAL, &v, 0);
    for (int i = 0; i < 500 && alrm_count < 3; i++)
        sleep_ms(10);
    v = (struct rt_itimerval){ { 0, 0 }, { 0, 0 } };
    CHECK("disarm a periodic timer", rt_setitimer(RT_ITIMER_REAL, &v, &old));
    rt_printf("periodic SIGALRM at least 3 times: %s, old interval %ld us\n", YN(alrm_count >= 3), (long)old.interval.usec);

    /* Not restarted: a sleep ends early with EINTR. */
    rt_sigaction(RT_SIGALRM, on_alrm, 0, 0, 0);
    v = (struct rt_itimerval){ { 0, 0 }, { 0, 30000 } };
    rt_setitimer(RT_ITIMER_REAL, &v, 0);
    struct rt_timespec ts = { 5, 0 }, rem = { 0, 0 };
    CHECK("nanosleep(5 s) under a 30 ms alarm", rt_nanosleep(&ts, &rem));
    rt_printf("remaining time reported: %s\n", YN(rem.sec > 0 && rem.sec <= 5));

    rt_sigaction(RT_SIGVTALRM, on_vtalrm, 0, 0, 0);
    v = (struct rt_itimerval){ { 0, 0 }, { 0, 10000 } };
    CHECK("setitimer(ITIMER_VIRTUAL, 10 ms)", rt_setitimer(RT_ITIMER_VIRTUAL, &v, 0));
    for (volatile unsigned long i = 0; vtalrm_count == 0 && i < 4000000000ul; i++) {}
    rt_printf("SIGVTALRM after CPU time: %s\n", YN(vtalrm_count == 1));
    rt_sigaction(RT_SIGPROF, on_prof, 0, 0, 0);
    CHECK("setitimer(ITIMER_PROF, 10 ms)", rt_setitimer(RT_ITIMER_PROF, &v, 0));
    for (volatile unsigned long i = 0; prof_count == 0 && i < 4000000000ul; i++) {}
    rt_printf("SIGPROF after CPU time: %s\n", YN(prof_count == 1));

    CHECK("setitimer(which = 5)", rt_setitimer(5, &v, 0));
    v = (struct rt_itimerval){ { 0, 0 }, { 0, 1000000 } };
    CHECK("setitimer with 1000000 us", rt_setitimer(RT_ITIMER_REAL, &v, 0));
    CHECK("getitimer(which = 5)", rt_getitimer(5, &now));

    /* A child does not inherit timers. */
    v = (struct rt_itimerval){ { 0, 0 }, { 60, 0 } };
    rt_setitimer(RT_ITIMER_REAL, &v, 0);
    int pid = rt_fork();
    if (pid == 0) {
        rt_getitimer(RT_ITIMER_REAL, &now);
        rt_exit(now.value.sec == 0 && now.value.usec == 0 ? 0 : 1);
    }
    reap(pid, "child checking its timer (0: none)");
    v = (struct rt_itimerval){ { 0, 0 }, { 0, 0 } };
    rt_setitimer(RT_ITIMER_REAL, &v, 0);
    rt_sigaction(RT_SIGALRM, RT_SIG_DFL, 0, 0, 0);
}

/* ---- SIGCHLD ---- */

static volatile int chld_count;
static struct rt_siginfo chld_info;
static void on_chld(int sig, const struct rt_siginfo *si, void *uc)
{
    chld_count++;
    chld_info = *si;
}

static void sigchld(void)
{
    rt_sigaction(RT_SIGCHLD, on_chld, RT_SA_RESTART, 0, 0);
    int pid = rt_fork();
    if (pid == 0)
        rt_exit(9);
    for (int i = 0; i < 500 && chld_count == 0; i++)
        sleep_ms(10);
    rt_printf("SIGCHLD handler ran: %s\n", YN(chld_count == 1));
    rt_printf("  signo %s, code %s, pid is the child %s, status %d, uid is ours %s\n", rt_signame(chld_info.signo),
              rt_codename(chld_info.code), YN(chld_info.pid == pid), chld_info.status, YN(chld_info.uid == rt_getuid()));
    reap(pid, "SIGCHLD child");

    chld_count = 0;
    pid = rt_fork();
    if (pid == 0) {
        rt_kill(rt_getpid(), RT_SIGTERM);
        rt_exit(99);
    }
    for (int i = 0; i < 500 && chld_count == 0; i++)
        sleep_ms(10);
    rt_printf("SIGCHLD for a killed child: code %s, status %s\n", rt_codename(chld_info.code), rt_signame(chld_info.status));
    reap(pid, "SIGCHLD killed child");

    /* A wait4 that sleeps while SIGCHLD's handler (SA_RESTART) runs is restarted. */
    chld_count = 0;
    pid = rt_fork();
    if (pid == 0) {
        sleep_ms(100);
        rt_exit(4);
    }
    reap(pid, "slow child waited through its SIGCHLD");
    for (int i = 0; i < 500 && chld_count == 0; i++)
        sleep_ms(10);
    rt_printf("its SIGCHLD was handled: %s\n", YN(chld_count == 1));

    /* Ignored SIGCHLD: no zombies, wait4 finds nothing once the child is gone. */
    rt_sigaction(RT_SIGCHLD, RT_SIG_IGN, 0, 0, 0);
    pid = rt_fork();
    if (pid == 0)
        rt_exit(1);
    int st;
    CHECK("wait4 with SIGCHLD ignored", rt_wait4(pid, &st, 0, 0));
    rt_sigaction(RT_SIGCHLD, RT_SIG_DFL, RT_SA_NOCLDWAIT, 0, 0);
    pid = rt_fork();
    if (pid == 0)
        rt_exit(1);
    CHECK("wait4 with SA_NOCLDWAIT", rt_wait4(-1, &st, 0, 0));
    rt_sigaction(RT_SIGCHLD, RT_SIG_DFL, 0, 0, 0);
    pid = rt_fork();
    if (pid == 0)
        rt_exit(2);
    reap(pid, "child with SIGCHLD back to default");
}

/* ---- identity, priority, procctl ---- */

static void identity(void)
{
    unsigned r, e, s;
    CHECK("getresuid", rt_getresuid(&r, &e, &s));
    rt_printf("  real %s, effective %s\n", YN(r == (unsigned)rt_getuid()), YN(e == (unsigned)rt_geteuid()));
    CHECK("getresgid", rt_getresgid(&r, &e, &s));
    rt_printf("  real %s, effective %s\n", YN(r == (unsigned)rt_getgid()), YN(e == (unsigned)rt_getegid()));

    int pid = rt_fork();
    if (pid == 0) {
        int n = 99, m = 99;
        CHECK("child: getpriority(PRIO_PROCESS, 0)", rt_getpriority(RT_PRIO_PROCESS, 0, &n));
        CHECK("child: setpriority(nice + 1)", rt_setpriority(RT_PRIO_PROCESS, 0, n + 1));
        rt_getpriority(RT_PRIO_PROCESS, 0, &m);
        rt_printf("child: nice went up by one: %s\n", YN(m == n + 1));
        CHECK("child: getpriority(which = 7)", rt_getpriority(7, 0, &m));

        int sig = -1;
        CHECK("child: set the parent-death signal", rt_set_pdeathsig(RT_SIGUSR1));
        rt_get_pdeathsig(&sig);
        rt_printf("child: parent-death signal is %s\n", rt_signame(sig));
        int g = rt_fork();
        if (g == 0) {
            sig = -1;
            rt_get_pdeathsig(&sig);
            rt_exit(sig == 0 ? 0 : 1);
        }
        reap(g, "grandchild (0: no parent-death signal inherited)");
        rt_set_pdeathsig(0);

        int on = 0;
        CHECK("child: no_new_privs", rt_no_new_privs(&on));
        rt_printf("child: no_new_privs now on: %s\n", YN(on));

        CHECK("child: become a reaper", rt_reaper_acquire());
        CHECK("child: become a reaper again", rt_reaper_acquire());
        g = rt_fork();
        if (g == 0) {
            if (rt_fork() == 0) {
                sleep_ms(50);
                rt_exit(4);
            }
            rt_exit(0);
        }
        reap(g, "middle child");
        int st = -1;
        int o = rt_wait4(-1, &st, 0, 0);
        rt_printf("child: the orphan came to the reaper: %s\n", YN(o > 0));
        describe("orphan", st);
        CHECK("child: stop being a reaper", rt_reaper_release());
        CHECK("child: stop being a reaper again", rt_reaper_release());
        rt_exit(0);
    }
    reap(pid, "identity child");
}

int main(int argc, char **argv, char **envp)
{
    self = argv[0];
    scratch = rt_scratch_dir(argc, argv);
    if (argc > 1 && strcmp(argv[1], "--script-mode") == 0)
        return script_mode(argc, argv);
    if (argc > 2 && strcmp(argv[2], "--exec-child") == 0)
        return exec_child(argc, argv, envp);
    if (argc > 2 && strcmp(argv[2], "--print") == 0) {
        rt_printf("hello from the new image\n");
        return 0;
    }
    if (argc > 3 && strcmp(argv[2], "--exit") == 0)
        return argv[3][0] - '0';

    basics();
    nohang_and_order();
    waitid_tests();
    killed_children();
    signal_to_child();
    pipes();
    exec_tests(envp);
    sessions();
    itimers();
    sigchld();
    identity();
    rt_printf("done\n");
    return 0;
}
