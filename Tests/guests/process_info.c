/* process_info: ids, groups, issetugid, umask, resource limits, rusage, thread id, uname,
 * the FS base (sysarch AMD64_SET_FSBASE / arch_prctl) and kill(pid, 0). Values that differ
 * between runs (pids, times) are reduced to facts. */
#include "rt.h"

#define CHECK(what, expr) rt_printf("%-40s %s\n", what, rt_res(expr))
#define YN(c) ((c) ? "yes" : "no")

static void ids(void)
{
    int pid = rt_getpid(), ppid = rt_getppid();
    rt_printf("pid > 0: %s, stable: %s\n", YN(pid > 0), YN(rt_getpid() == pid));
    rt_printf("ppid > 0 and != pid: %s\n", YN(ppid > 0 && ppid != pid));
    rt_printf("uid %d euid %d gid %d egid %d\n", rt_getuid(), rt_geteuid(), rt_getgid(), rt_getegid());
    rt_printf("issetugid: %d\n", rt_issetugid());
    uint32_t groups[256];
    int n = rt_getgroups(0, 0);
    int m = rt_getgroups(256, groups);
    rt_printf("getgroups: count query ok %s, fetch returns the same count %s\n", YN(n >= 0), YN(m == n));
    if (n >= 2)
        CHECK("getgroups with a short buffer", rt_getgroups(1, groups));
    else
        rt_printf("%-40s %s\n", "getgroups with a short buffer", "EINVAL");
    CHECK("getgroups with a bad pointer", n > 0 ? rt_getgroups(n, (uint32_t *)8) : -RT_EFAULT);

    CHECK("kill(self, 0)", rt_kill(pid, 0));
    CHECK("kill(self, invalid signal)", rt_kill(pid, 200));
    CHECK("kill(99999999, 0)", rt_kill(99999999, 0));

    long tid = rt_thr_self();
    rt_printf("thread id > 0: %s\n", YN(tid > 0));
    CHECK("sched_yield", rt_sched_yield());
}

static void umask_and_limits(void)
{
    rt_umask(022);
    rt_printf("umask(077) returned %04o\n", rt_umask(077));
    rt_printf("umask(022) returned %04o\n", rt_umask(022));

    struct rt_rlimit rl, orig;
    CHECK("getrlimit(NOFILE)", rt_getrlimit(RT_RLIMIT_NOFILE, &orig));
    rt_printf("NOFILE cur <= max: %s, cur >= 64: %s\n", YN(orig.cur <= orig.max), YN(orig.cur >= 64));
    rl = (struct rt_rlimit){ 64, orig.max };
    CHECK("setrlimit(NOFILE, 64)", rt_setrlimit(RT_RLIMIT_NOFILE, &rl));
    rt_getrlimit(RT_RLIMIT_NOFILE, &rl);
    rt_printf("NOFILE cur now %lu\n", (unsigned long)rl.cur);
    CHECK("dup2(0, 63)", rt_dup2(0, 63));
    CHECK("dup2(0, 64) beyond the limit", rt_dup2(0, 64));
    rt_close(63);
    int opened = 0, fd, last = 0;
    while ((fd = rt_open("/dev/null", RT_O_RDONLY, 0)) >= 0 && opened < 200) {
        opened++;
        last = fd;
    }
    rt_printf("opening until failure ends with %s, highest fd %d\n", rt_errname(fd), last);
    for (int i = 3; i <= last; i++)
        rt_close(i);
    /* not tested: cur > max (Linux: EINVAL; FreeBSD clamps cur to max, or EPERM if unprivileged) */
    CHECK("restore NOFILE", rt_setrlimit(RT_RLIMIT_NOFILE, &orig));

    CHECK("getrlimit(STACK)", rt_getrlimit(RT_RLIMIT_STACK, &orig));
    rt_printf("STACK cur %lu KiB\n", (unsigned long)(orig.cur >> 10));
    rl = (struct rt_rlimit){ 4 << 20, orig.max };
    CHECK("setrlimit(STACK, 4 MiB)", rt_setrlimit(RT_RLIMIT_STACK, &rl));
    rt_getrlimit(RT_RLIMIT_STACK, &rl);
    rt_printf("STACK cur now %lu KiB\n", (unsigned long)(rl.cur >> 10));
    rt_setrlimit(RT_RLIMIT_STACK, &orig);
    CHECK("getrlimit(CORE)", rt_getrlimit(RT_RLIMIT_CORE, &rl));
    rt_printf("CORE cur %lu\n", (unsigned long)rl.cur);
    CHECK("getrlimit(CPU)", rt_getrlimit(RT_RLIMIT_CPU, &rl));
    rt_printf("CPU cur is RLIM_INFINITY: %s\n", YN(rl.cur == RT_RLIM_INFINITY));
    CHECK("getrlimit(AS)", rt_getrlimit(RT_RLIMIT_AS, &rl));
    CHECK("getrlimit(unknown resource)", rt_getrlimit(99, &rl));
    CHECK("getrlimit with a bad pointer", rt_getrlimit(RT_RLIMIT_NOFILE, (struct rt_rlimit *)8));
}

static void usage(void)
{
    struct rt_rusage ru;
    volatile uint64_t x = 0;
    for (int i = 0; i < 3000000; i++)
        x += (uint64_t)i * i;
    CHECK("getrusage(SELF)", rt_getrusage(RT_RUSAGE_SELF, &ru));
    rt_printf("times sane: %s, maxrss > 0: %s\n",
              YN(ru.utime.sec >= 0 && ru.utime.usec >= 0 && ru.utime.usec < 1000000 &&
                 ru.stime.usec >= 0 && ru.stime.usec < 1000000), YN(ru.maxrss > 0));
    CHECK("getrusage(CHILDREN)", rt_getrusage(RT_RUSAGE_CHILDREN, &ru));
    rt_printf("no children, no child time: %s\n", YN(ru.utime.sec == 0 && ru.utime.usec == 0));
    CHECK("getrusage(who = 5)", rt_getrusage(5, &ru));
}

static void uname_facts(void)
{
    struct rt_utsname u;
    CHECK("uname", rt_uname(&u));
    rt_printf("sysname is this OS: %s\n", YN(strcmp(u.sysname, rt_os_name) == 0));
    rt_printf("machine: %s\n", YN(strcmp(u.machine, rt_is_freebsd ? "amd64" : "x86_64") == 0) );
    rt_printf("release starts with a digit: %s\n", YN(u.release[0] >= '0' && u.release[0] <= '9'));
    rt_printf("version and nodename non-empty: %s\n", YN(u.version[0] && u.nodename[0]));
    char host[256];
    size_t len = sizeof host;
    int r = rt_sysctlbyname("kern.hostname", host, &len, 0, 0);
    rt_printf("nodename matches kern.hostname: %s\n", YN(r == 0 && strcmp(host, u.nodename) == 0));
}

static int cpu_has_fsgsbase(void)
{
    uint32_t a = 7, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    if (!(b & 1))
        return 0;
    if (rt_is_freebsd)
        return 1;
    uint64_t hwcap2 = 0;    /* Linux also needs the kernel to allow it: AT_HWCAP2 bit 1 */
    return rt_getauxval(26, &hwcap2) == 0 && (hwcap2 & 2);
}

static void fs_base(void)
{
    static uint64_t block[4] = { 0x1111222233334444ull, 0, 0, 0 };
    uint64_t base = 123;
    CHECK("get FS base", rt_get_fsbase(&base));
    rt_printf("initial FS base is 0: %s\n", YN(base == 0));
    CHECK("set FS base", rt_set_fsbase((uint64_t)block));
    uint64_t v;
    __asm__ volatile("movq %%fs:0, %0" : "=r"(v));
    rt_printf("%%fs:0 reads the block: %s\n", YN(v == block[0]));
    __asm__ volatile("movq %0, %%fs:8" : : "r"(0xabcdull) : "memory");
    rt_printf("%%fs:8 store lands in the block: %s\n", YN(block[1] == 0xabcd));
    rt_get_fsbase(&base);
    rt_printf("get returns what was set: %s\n", YN(base == (uint64_t)block));
    int ok = 1;
    if (cpu_has_fsgsbase()) {
        uint64_t rd;
        __asm__ volatile("rdfsbase %0" : "=r"(rd));
        ok = rd == (uint64_t)block;
    }
    rt_printf("rdfsbase (where available) agrees: %s\n", YN(ok));
    rt_set_fsbase(0);
    CHECK("get FS base into a bad pointer", rt_get_fsbase((uint64_t *)8));
}

int main(void)
{
    ids();
    umask_and_limits();
    usage();
    uname_facts();
    fs_base();
    return 0;
}
