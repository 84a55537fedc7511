/* sysctl: __sysctl by MIB and __sysctlbyname, name-to-OID lookup, size queries, short buffers
 * and unknown names. The Linux build answers from rt/linux.c's small emulation, so OS-specific
 * values are printed as "ok" facts (checked against each system's expected answer). */
#include "rt.h"

#define YN(c) ((c) ? "yes" : "no")

static int get_int_mib(int a, int b, int *v)
{
    int mib[2] = { a, b };
    size_t len = sizeof *v;
    int r = rt_sysctl(mib, 2, v, &len, 0, 0);
    return r < 0 ? r : len == sizeof *v ? 0 : -RT_EOVERFLOW;
}

static void by_mib(const char *argv0)
{
    int v = 0;
    int r = get_int_mib(6, 7, &v);
    rt_printf("hw.pagesize {6,7}: %s, value %d\n", rt_res(r), v);
    r = get_int_mib(6, 3, &v);
    rt_printf("hw.ncpu {6,3}: %s, at least 1: %s\n", rt_res(r), YN(v >= 1));

    char s[256];
    int mib[4] = { 1, 1 };
    size_t len = sizeof s;
    r = rt_sysctl(mib, 2, s, &len, 0, 0);
    rt_printf("kern.ostype {1,1}: %s, names this OS: %s, length includes NUL: %s\n", rt_res(r),
              YN(strcmp(s, rt_os_name) == 0), YN(len == strlen(rt_os_name) + 1));
    mib[1] = 2;
    len = sizeof s;
    r = rt_sysctl(mib, 2, s, &len, 0, 0);
    rt_printf("kern.osrelease {1,2}: %s, starts with a digit and has a dot: %s\n", rt_res(r),
              YN(s[0] >= '0' && s[0] <= '9' && strchr(s, '.')));
    mib[0] = 6;
    mib[1] = 1;
    len = sizeof s;
    r = rt_sysctl(mib, 2, s, &len, 0, 0);
    rt_printf("hw.machine {6,1}: %s, expected value: %s\n", rt_res(r),
              YN(strcmp(s, rt_is_freebsd ? "amd64" : "x86_64") == 0));

    /* size query, then a short buffer */
    mib[0] = 1;
    mib[1] = 1;
    len = 0;
    r = rt_sysctl(mib, 2, 0, &len, 0, 0);
    rt_printf("size query (old = NULL): %s, size is strlen+1: %s\n", rt_res(r), YN(len == strlen(rt_os_name) + 1));
    memset(s, 'x', sizeof s);
    len = 3;
    r = rt_sysctl(mib, 2, s, &len, 0, 0);
    rt_printf("3-byte buffer: %s, partial copy %s, no overrun %s\n", rt_errname(r),
              YN(strncmp(s, rt_os_name, 3) == 0), YN(s[3] == 'x'));

    /* kern.proc.pathname for this process (-1 = self) */
    mib[2] = 14;
    int pmib[4] = { 1, 14, 12, -1 };
    len = sizeof s;
    r = rt_sysctl(pmib, 4, s, &len, 0, 0);
    rt_printf("kern.proc.pathname {1,14,12,-1}: %s, absolute: %s\n", rt_res(r), YN(s[0] == '/'));
    rt_printf("  names this program: %s\n", YN(r == 0 && strcmp(rt_basename(s), rt_basename(argv0)) == 0));
    pmib[3] = rt_getpid();
    len = sizeof s;
    rt_printf("kern.proc.pathname {1,14,12,pid}: %s\n", rt_res(rt_sysctl(pmib, 4, s, &len, 0, 0)));

    /* kern.arandom */
    unsigned char rnd[32] = { 0 };
    int amib[2] = { 1, 37 };
    len = sizeof rnd;
    r = rt_sysctl(amib, 2, rnd, &len, 0, 0);
    int nz = 0;
    for (int i = 0; i < 32; i++)
        nz |= rnd[i];
    rt_printf("kern.arandom {1,37}: %s, 32 bytes %s, not all zero %s\n", rt_res(r), YN(len == 32), YN(nz));

    int bad[2] = { 6, 999999 };
    len = sizeof v;
    rt_printf("unknown MIB {6,999999}: %s\n", rt_errname(rt_sysctl(bad, 2, &v, &len, 0, 0)));
    len = sizeof v;
    rt_printf("bad old pointer: %s\n", rt_errname(rt_sysctl((int[]){ 6, 7 }, 2, (void *)8, &len, 0, 0)));
}

static void by_name(void)
{
    int v = 0;
    size_t len = sizeof v;
    int r = rt_sysctlbyname("hw.pagesize", &v, &len, 0, 0);
    rt_printf("sysctlbyname(hw.pagesize): %s, value %d\n", rt_res(r), v);
    char s[256];
    len = sizeof s;
    r = rt_sysctlbyname("kern.ostype", s, &len, 0, 0);
    rt_printf("sysctlbyname(kern.ostype): %s, ostype ok: %s\n", rt_res(r), YN(strcmp(s, rt_os_name) == 0));
    len = sizeof s;
    r = rt_sysctlbyname("kern.hostname", s, &len, 0, 0);
    rt_printf("sysctlbyname(kern.hostname): %s, non-empty: %s\n", rt_res(r), YN(s[0] != 0));
    len = sizeof v;
    rt_printf("sysctlbyname(no.such.node): %s\n", rt_errname(rt_sysctlbyname("no.such.node", &v, &len, 0, 0)));

    /* name2oid: {0,3} with the name as "new" */
    int oid[24];
    len = sizeof oid;
    static const char name[] = "hw.pagesize";
    r = rt_sysctl((int[]){ 0, 3 }, 2, oid, &len, name, strlen(name));
    rt_printf("name2oid(hw.pagesize): %s, oid {%d,%d}, 2 levels %s\n", rt_res(r), oid[0], oid[1], YN(len == 8));
    len = sizeof oid;
    static const char name2[] = "kern.ostype";
    r = rt_sysctl((int[]){ 0, 3 }, 2, oid, &len, name2, strlen(name2));
    rt_printf("name2oid(kern.ostype): %s, oid {%d,%d}\n", rt_res(r), oid[0], oid[1]);
    len = sizeof oid;
    static const char name3[] = "no.such.node";
    rt_printf("name2oid(no.such.node): %s\n", rt_errname(rt_sysctl((int[]){ 0, 3 }, 2, oid, &len, name3, strlen(name3))));

    /* FreeBSD-only facts; the Linux build has no such nodes and prints the same neutral lines */
    int ok = 1;
    if (rt_is_freebsd) {
        int rel = 0, argmax = 0;
        ok = get_int_mib(1, 24, &rel) == 0 && rel >= 1300000 && get_int_mib(1, 8, &argmax) == 0 &&
             argmax >= 65536;
    }
    rt_printf("kern.osreldate and kern.argmax plausible: %s\n", YN(ok));
    ok = 1;
    if (rt_is_freebsd) {
        uint64_t usrstack = 0;
        len = sizeof usrstack;
        int here;
        ok = rt_sysctl((int[]){ 1, 33 }, 2, &usrstack, &len, 0, 0) == 0 && usrstack > (uint64_t)&here &&
             (usrstack & 4095) == 0;
        len = sizeof s;
        ok = ok && rt_sysctlbyname("hw.machine_arch", s, &len, 0, 0) == 0 && strcmp(s, "amd64") == 0;
    }
    rt_printf("kern.usrstack above the stack, hw.machine_arch amd64: %s\n", YN(ok));
}

int main(int argc, char **argv)
{
    (void)argc;
    by_mib(argv[0]);
    by_name();
    return 0;
}
