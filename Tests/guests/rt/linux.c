/*
 * linux.c - Linux/x86-64 back end of the guest runtime: the native oracle. Raw syscalls return
 * -errno in rax. Where FreeBSD has something Linux lacks (issetugid, MAP_GUARD, MAP_EXCL,
 * sysctl), this file emulates the FreeBSD behaviour so the same program prints the same lines.
 */
#include "rt.h"

const char rt_os_name[] = "Linux";
const int rt_is_freebsd = 0;

enum {
    NR_read = 0, NR_write = 1, NR_open = 2, NR_close = 3, NR_fstat = 5, NR_lseek = 8,
    NR_mmap = 9, NR_mprotect = 10, NR_munmap = 11, NR_rt_sigaction = 13,
    NR_rt_sigprocmask = 14, NR_ioctl = 16, NR_pread64 = 17, NR_pwrite64 = 18, NR_readv = 19,
    NR_writev = 20, NR_access = 21, NR_sched_yield = 24, NR_msync = 26, NR_mincore = 27,
    NR_madvise = 28, NR_dup = 32, NR_dup2 = 33, NR_nanosleep = 35, NR_getpid = 39, NR_kill = 62,
    NR_uname = 63, NR_fcntl = 72, NR_fsync = 74, NR_ftruncate = 77, NR_getcwd = 79,
    NR_chdir = 80, NR_fchdir = 81, NR_rename = 82, NR_mkdir = 83, NR_rmdir = 84, NR_link = 86,
    NR_unlink = 87, NR_symlink = 88, NR_readlink = 89, NR_umask = 95, NR_gettimeofday = 96,
    NR_getrlimit = 97, NR_getrusage = 98, NR_getuid = 102, NR_getgid = 104, NR_geteuid = 107,
    NR_getegid = 108, NR_getppid = 110, NR_getgroups = 115, NR_rt_sigpending = 127,
    NR_sigaltstack = 131, NR_arch_prctl = 158, NR_setrlimit = 160, NR_gettid = 186,
    NR_sched_getaffinity = 204, NR_getdents64 = 217, NR_clock_gettime = 228,
    NR_clock_getres = 229, NR_clock_nanosleep = 230, NR_exit_group = 231, NR_openat = 257,
    NR_mkdirat = 258, NR_newfstatat = 262, NR_unlinkat = 263, NR_renameat = 264,
    NR_symlinkat = 266, NR_readlinkat = 267, NR_faccessat = 269, NR_pipe2 = 293,
    NR_getrandom = 318, NR_faccessat2 = 439, NR_poll = 7, NR_select = 23, NR_socket = 41,
    NR_connect = 42, NR_accept = 43, NR_sendto = 44, NR_recvfrom = 45, NR_sendmsg = 46,
    NR_recvmsg = 47, NR_shutdown = 48, NR_bind = 49, NR_listen = 50, NR_getsockname = 51,
    NR_getpeername = 52, NR_socketpair = 53, NR_setsockopt = 54, NR_getsockopt = 55,
    NR_pselect6 = 270, NR_ppoll = 271, NR_accept4 = 288,
};

#define LINUX_ERRNOS(X) X(EPERM, 1) X(ENOENT, 2) X(ESRCH, 3) X(EINTR, 4) X(EIO, 5) X(ENXIO, 6) \
    X(E2BIG, 7) X(ENOEXEC, 8) X(EBADF, 9) X(ECHILD, 10) X(EAGAIN, 11) X(ENOMEM, 12) \
    X(EACCES, 13) X(EFAULT, 14) X(ENOTBLK, 15) X(EBUSY, 16) X(EEXIST, 17) X(EXDEV, 18) \
    X(ENODEV, 19) X(ENOTDIR, 20) X(EISDIR, 21) X(EINVAL, 22) X(ENFILE, 23) X(EMFILE, 24) \
    X(ENOTTY, 25) X(ETXTBSY, 26) X(EFBIG, 27) X(ENOSPC, 28) X(ESPIPE, 29) X(EROFS, 30) \
    X(EMLINK, 31) X(EPIPE, 32) X(EDOM, 33) X(ERANGE, 34) X(EDEADLK, 35) X(ENAMETOOLONG, 36) \
    X(ENOLCK, 37) X(ENOSYS, 38) X(ENOTEMPTY, 39) X(ELOOP, 40) X(EOVERFLOW, 75) X(EILSEQ, 84) \
    X(ENOTSOCK, 88) X(EOPNOTSUPP, 95) X(EAFNOSUPPORT, 97) X(EADDRINUSE, 98) X(ETIMEDOUT, 110) \
    X(ECONNREFUSED, 111) X(EALREADY, 114) X(EINPROGRESS, 115) X(ECANCELED, 125) \
    X(EDESTADDRREQ, 89) X(EMSGSIZE, 90) X(EPROTOTYPE, 91) X(ENOPROTOOPT, 92) \
    X(EPROTONOSUPPORT, 93) X(ESOCKTNOSUPPORT, 94) X(EADDRNOTAVAIL, 99) X(ENETUNREACH, 101) \
    X(ECONNABORTED, 103) X(ECONNRESET, 104) X(ENOBUFS, 105) X(EISCONN, 106) X(ENOTCONN, 107) \
    X(EHOSTUNREACH, 113)

#define LINUX_SIGNALS(X) X(SIGHUP, 1) X(SIGINT, 2) X(SIGQUIT, 3) X(SIGILL, 4) X(SIGTRAP, 5) \
    X(SIGABRT, 6) X(SIGBUS, 7) X(SIGFPE, 8) X(SIGKILL, 9) X(SIGUSR1, 10) X(SIGSEGV, 11) \
    X(SIGUSR2, 12) X(SIGPIPE, 13) X(SIGALRM, 14) X(SIGTERM, 15) X(SIGCHLD, 17) X(SIGCONT, 18) \
    X(SIGSTOP, 19) X(SIGTSTP, 20) X(SIGTTIN, 21) X(SIGTTOU, 22) X(SIGURG, 23) X(SIGXCPU, 24) \
    X(SIGXFSZ, 25) X(SIGVTALRM, 26) X(SIGPROF, 27) X(SIGWINCH, 28) X(SIGIO, 29) X(SIGSYS, 31)

static long from_errno(long e)
{
    switch (e) {
#define E_(name, num) case num: return -RT_##name;
    LINUX_ERRNOS(E_)
#undef E_
    }
    return -RT_EUNKNOWN;
}

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    __asm__ volatile("syscall"
                     : "+a"(n), "+D"(a), "+S"(b), "+d"(c), "+r"(r10), "+r"(r8), "+r"(r9)
                     :
                     : "rcx", "r11", "memory");
    return n < 0 && n > -4096 ? from_errno(-n) : n;
}
#define SYS_(n, a, b, c, d, e, f, ...) \
    sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
#define SYS(...) SYS_(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0)

/* ---- signals ---- */

static int sig_to_native(int sig)
{
    switch (sig) {
#define S_(name, num) case RT_##name: return num;
    LINUX_SIGNALS(S_)
#undef S_
    }
    return sig > 0 ? 127 + sig : 0;
}

static int sig_from_native(int sig)
{
    switch (sig) {
#define S_(name, num) case num: return RT_##name;
    LINUX_SIGNALS(S_)
#undef S_
    }
    return RT_SIGNONE;
}

static uint64_t set_to_native(uint64_t set)
{
    uint64_t ns = 0;
    for (int s = 1; s < RT_NSIG; s++)
        if (set & RT_SIGBIT(s))
            ns |= 1ull << (sig_to_native(s) - 1);
    return ns;
}

static uint64_t set_from_native(uint64_t ns)
{
    uint64_t set = 0;
    for (int s = 1; s < RT_NSIG; s++)
        if (ns & (1ull << (sig_to_native(s) - 1)))
            set |= RT_SIGBIT(s);
    return set;
}

static int code_from_native(int sig, int code)
{
    switch (code) {
    case 0: return RT_SI_USER;
    case -1: return RT_SI_QUEUE;
    case -6: return RT_SI_TKILL;
    case 0x80: return RT_SI_KERNEL;
    }
    static const unsigned char segv[] = { 0, RT_SEGV_MAPERR, RT_SEGV_ACCERR };
    static const unsigned char bus[] = { 0, RT_BUS_ADRALN, RT_BUS_ADRERR, RT_BUS_OBJERR };
    static const unsigned char fpe[] = { 0, RT_FPE_INTDIV, RT_FPE_INTOVF, RT_FPE_FLTDIV,
                                         RT_FPE_FLTOVF, RT_FPE_FLTUND, RT_FPE_FLTRES, RT_FPE_FLTINV };
    static const unsigned char ill[] = { 0, RT_ILL_ILLOPC, RT_ILL_ILLOPN, 0, 0, RT_ILL_PRVOPC };
    static const unsigned char trap[] = { 0, RT_TRAP_BRKPT, RT_TRAP_TRACE };
#define PICK(t) return code >= 0 && code < (int)sizeof(t) ? t[code] : RT_CODE_OTHER
    switch (sig) {
    case RT_SIGSEGV: PICK(segv);
    case RT_SIGBUS: PICK(bus);
    case RT_SIGFPE: PICK(fpe);
    case RT_SIGILL: PICK(ill);
    case RT_SIGTRAP: PICK(trap);
    case RT_SIGCHLD: return code >= 1 && code <= 6 ? RT_CLD_EXITED + code - 1 : RT_CODE_OTHER;
    }
#undef PICK
    return RT_CODE_OTHER;
}

struct linux_siginfo {  /* 128 bytes; kill: pid @16, uid @20; faults: addr @16 */
    int signo, err, code, pad;
    union {
        struct { int pid; uint32_t uid; } kill;
        struct { int pid; uint32_t uid; int status; } chld;
        uint64_t addr;
    } u;
    long rest[12];
};

struct linux_sigaction { uint64_t handler, flags, restorer, mask; };

enum { SA_SIGINFO = 4, SA_RESTORER = 0x04000000, SA_ONSTACK = 0x08000000,
       SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000u };
static const struct rt__flag sa_flags[] = {
    { RT_SA_RESTART, SA_RESTART }, { RT_SA_RESETHAND, SA_RESETHAND },
    { RT_SA_NODEFER, SA_NODEFER }, { RT_SA_ONSTACK, SA_ONSTACK }, { RT_SA_NOCLDWAIT, 2 }, { 0, 0 },
};

extern void rt__linux_restorer(void);
static rt_handler handlers[RT_NSIG];

static void dispatch(int nsig, struct linux_siginfo *nsi, void *uc)
{
    int sig = sig_from_native(nsig);
    struct rt_siginfo si = {
        .signo = sig_from_native(nsi->signo), .code = code_from_native(sig, nsi->code),
        .err = nsi->err, .addr = nsi->u.addr,
    };
    if (nsi->code <= 0) {   /* sent by a process: pid and uid instead of an address */
        si.pid = nsi->u.kill.pid;
        si.uid = (int)nsi->u.kill.uid;
        si.addr = 0;
    } else if (sig == RT_SIGCHLD) {
        si.pid = nsi->u.chld.pid;
        si.uid = (int)nsi->u.chld.uid;
        si.status = nsi->code == 1 ? nsi->u.chld.status : sig_from_native(nsi->u.chld.status);
        si.addr = 0;
    }
    if (handlers[sig])
        handlers[sig](sig, &si, uc);
}

int rt_sigaction(int sig, rt_handler h, int flags, uint64_t mask, rt_handler *old)
{
    struct linux_sigaction sa = { 0 }, osa = { 0 };
    int valid = sig > 0 && sig < RT_NSIG;
    rt_handler prev = valid ? handlers[sig] : 0;
    if (h == RT_SIG_DFL || h == RT_SIG_IGN) {
        sa.handler = (uint64_t)h;
    } else if (h != RT_SIG_GET) {
        sa.handler = (uint64_t)dispatch;
        sa.flags = SA_SIGINFO;
        if (valid)
            handlers[sig] = h;
    }
    sa.flags |= SA_RESTORER | rt__to_native((unsigned)flags, sa_flags);
    sa.restorer = (uint64_t)rt__linux_restorer;
    sa.mask = set_to_native(mask);
    long r = SYS(NR_rt_sigaction, sig_to_native(sig), h == RT_SIG_GET ? 0 : &sa, &osa, 8);
    if (r < 0) {
        if (valid)
            handlers[sig] = prev;
        return (int)r;
    }
    if (old)
        *old = osa.handler == (uint64_t)dispatch ? prev : (rt_handler)osa.handler;
    return 0;
}

static int how_to_native(int how)
{
    return how == RT_SIG_BLOCK ? 0 : how == RT_SIG_UNBLOCK ? 1 : how == RT_SIG_SETMASK ? 2 : 99;
}

int rt_sigprocmask(int how, const uint64_t *set, uint64_t *old)
{
    uint64_t ns = set ? set_to_native(*set) : 0, os = 0;
    long r = SYS(NR_rt_sigprocmask, how_to_native(how), set ? &ns : 0, old ? &os : 0, 8);
    if (r >= 0 && old)
        *old = set_from_native(os);
    return (int)r;
}

int rt_sigpending(uint64_t *set)
{
    uint64_t ns = 0;
    long r = SYS(NR_rt_sigpending, &ns, 8);
    if (r >= 0)
        *set = set_from_native(ns);
    return (int)r;
}

int rt_kill(int pid, int sig) { return (int)SYS(NR_kill, pid, sig ? sig_to_native(sig) : 0); }

struct linux_stack { void *sp; int flags; size_t size; };
enum { SS_ONSTACK = 1, SS_DISABLE = 2 };

int rt_sigaltstack(const struct rt_stack *ss, struct rt_stack *old)
{
    struct linux_stack ns, os;
    if (ss)
        ns = (struct linux_stack){ ss->sp,
            ((ss->flags & RT_SS_ONSTACK) ? SS_ONSTACK : 0) | ((ss->flags & RT_SS_DISABLE) ? SS_DISABLE : 0),
            ss->size };
    long r = SYS(NR_sigaltstack, ss ? &ns : 0, old ? &os : 0);
    if (r >= 0 && old)
        *old = (struct rt_stack){ os.sp, os.size,
            ((os.flags & SS_ONSTACK) ? RT_SS_ONSTACK : 0) | ((os.flags & SS_DISABLE) ? RT_SS_DISABLE : 0) };
    return (int)r;
}

/* ucontext: uc_flags, uc_link, uc_stack (24 bytes), then gregs[] in this order. */
uint64_t *rt_uc_reg(void *uc, int reg)
{
    static const unsigned char idx[] = {
        [RT_REG_R8] = 0, [RT_REG_R9] = 1, [RT_REG_R10] = 2, [RT_REG_R11] = 3, [RT_REG_R12] = 4,
        [RT_REG_R13] = 5, [RT_REG_R14] = 6, [RT_REG_R15] = 7, [RT_REG_RDI] = 8, [RT_REG_RSI] = 9,
        [RT_REG_RBP] = 10, [RT_REG_RBX] = 11, [RT_REG_RDX] = 12, [RT_REG_RAX] = 13,
        [RT_REG_RCX] = 14, [RT_REG_RSP] = 15, [RT_REG_RIP] = 16, [RT_REG_RFLAGS] = 17,
    };
    return (uint64_t *)((char *)uc + 40 + 8 * idx[reg]);
}

/* mcontext_t.fpregs (after gregs[23]) points at the FXSAVE image. */
void *rt_uc_fxsave(void *uc) { return *(void **)((char *)uc + 40 + 23 * 8); }

/* ---- files ---- */

static const struct rt__flag o_flags[] = {
    { RT_O_CREAT, 0x40 }, { RT_O_EXCL, 0x80 }, { RT_O_TRUNC, 0x200 }, { RT_O_APPEND, 0x400 },
    { RT_O_NONBLOCK, 0x800 }, { RT_O_DIRECTORY, 0x10000 }, { RT_O_NOFOLLOW, 0x20000 },
    { RT_O_CLOEXEC, 0x80000 }, { 0, 0 },
};
/* AT_EACCESS and AT_REMOVEDIR share 0x200 on Linux; they belong to different calls. */
static const struct rt__flag at_flags[] = {
    { RT_AT_SYMLINK_NOFOLLOW, 0x100 }, { RT_AT_REMOVEDIR, 0x200 }, { RT_AT_EACCESS, 0x200 },
    { RT_AT_SYMLINK_FOLLOW, 0x400 }, { 0, 0 },
};
static long oflags(int f) { return (f & RT_O_ACCMODE) | (long)rt__to_native((unsigned)f, o_flags); }
static long atflags(int f) { return (long)rt__to_native((unsigned)f, at_flags); }

long rt_read(int fd, void *buf, size_t n) { return SYS(NR_read, fd, buf, n); }
long rt_write(int fd, const void *buf, size_t n) { return SYS(NR_write, fd, buf, n); }
long rt_readv(int fd, const struct rt_iovec *iov, int cnt) { return SYS(NR_readv, fd, iov, cnt); }
long rt_writev(int fd, const struct rt_iovec *iov, int cnt) { return SYS(NR_writev, fd, iov, cnt); }
long rt_pread(int fd, void *buf, size_t n, int64_t off) { return SYS(NR_pread64, fd, buf, n, off); }
long rt_pwrite(int fd, const void *buf, size_t n, int64_t off) { return SYS(NR_pwrite64, fd, buf, n, off); }
int rt_open(const char *p, int flags, int mode) { return (int)SYS(NR_open, p, oflags(flags), mode); }
int rt_openat(int dfd, const char *p, int flags, int mode) { return (int)SYS(NR_openat, dfd, p, oflags(flags), mode); }
static void forget_socket(int fd);
int rt_close(int fd)
{
    forget_socket(fd);
    return (int)SYS(NR_close, fd);
}
int64_t rt_lseek(int fd, int64_t off, int whence) { return SYS(NR_lseek, fd, off, whence); }
int rt_ftruncate(int fd, int64_t len) { return (int)SYS(NR_ftruncate, fd, len); }
int rt_fsync(int fd) { return (int)SYS(NR_fsync, fd); }

struct linux_stat {
    uint64_t dev, ino, nlink;
    uint32_t mode, uid, gid, pad0;
    uint64_t rdev;
    int64_t size, blksize, blocks;
    int64_t atim[2], mtim[2], ctim[2];
    int64_t unused[3];
};
_Static_assert(sizeof(struct linux_stat) == 144, "struct stat");

static int stat_result(long r, const struct linux_stat *s, struct rt_stat *st)
{
    if (r < 0)
        return (int)r;
    *st = (struct rt_stat){
        .dev = s->dev, .ino = s->ino, .nlink = s->nlink, .rdev = s->rdev, .mode = s->mode,
        .uid = s->uid, .gid = s->gid, .size = s->size, .blocks = s->blocks, .blksize = s->blksize,
        .atime_sec = s->atim[0], .atime_nsec = s->atim[1], .mtime_sec = s->mtim[0],
        .mtime_nsec = s->mtim[1], .ctime_sec = s->ctim[0], .ctime_nsec = s->ctim[1],
    };
    return 0;
}

int rt_fstat(int fd, struct rt_stat *st)
{
    struct linux_stat s;
    return stat_result(SYS(NR_fstat, fd, &s), &s, st);
}

int rt_fstatat(int dfd, const char *p, struct rt_stat *st, int f)
{
    struct linux_stat s;
    return stat_result(SYS(NR_newfstatat, dfd, p, &s, atflags(f)), &s, st);
}

int rt_stat(const char *p, struct rt_stat *st) { return rt_fstatat(RT_AT_FDCWD, p, st, 0); }
int rt_lstat(const char *p, struct rt_stat *st) { return rt_fstatat(RT_AT_FDCWD, p, st, RT_AT_SYMLINK_NOFOLLOW); }

long rt_getdents(int fd, void *buf, size_t n) { return SYS(NR_getdents64, fd, buf, n); }

/* linux_dirent64: d_ino u64 @0, d_off @8, d_reclen u16 @16, d_type u8 @18, d_name @19 */
int rt_dirent_next(const void *buf, long len, long *pos, struct rt_dirent *d)
{
    if (*pos >= len)
        return 0;
    const unsigned char *rec = (const unsigned char *)buf + *pos;
    uint16_t reclen;
    memcpy(&d->ino, rec, 8);
    memcpy(&reclen, rec + 16, 2);
    d->type = rec[18];
    d->name = (const char *)rec + 19;
    d->namlen = (int)strlen(d->name);
    *pos += reclen ? reclen : len;
    return 1;
}

int rt_access(const char *p, int mode) { return (int)SYS(NR_access, p, mode); }

int rt_faccessat(int dfd, const char *p, int mode, int f)
{
    if (f == 0)     /* the old faccessat has no flags argument */
        return (int)SYS(NR_faccessat, dfd, p, mode);
    return (int)SYS(NR_faccessat2, dfd, p, mode, atflags(f));
}

long rt_readlink(const char *p, char *buf, size_t n) { return SYS(NR_readlink, p, buf, n); }
long rt_readlinkat(int dfd, const char *p, char *buf, size_t n) { return SYS(NR_readlinkat, dfd, p, buf, n); }
int rt_symlink(const char *t, const char *p) { return (int)SYS(NR_symlink, t, p); }
int rt_symlinkat(const char *t, int dfd, const char *p) { return (int)SYS(NR_symlinkat, t, dfd, p); }
int rt_link(const char *a, const char *b) { return (int)SYS(NR_link, a, b); }

int rt_getcwd(char *buf, size_t n)
{
    long r = SYS(NR_getcwd, buf, n);     /* returns the length on success */
    return r < 0 ? (int)r : 0;
}

int rt_chdir(const char *p) { return (int)SYS(NR_chdir, p); }
int rt_fchdir(int fd) { return (int)SYS(NR_fchdir, fd); }
int rt_mkdir(const char *p, int mode) { return (int)SYS(NR_mkdir, p, mode); }
int rt_mkdirat(int dfd, const char *p, int mode) { return (int)SYS(NR_mkdirat, dfd, p, mode); }
int rt_rmdir(const char *p) { return (int)SYS(NR_rmdir, p); }
int rt_unlink(const char *p) { return (int)SYS(NR_unlink, p); }
int rt_unlinkat(int dfd, const char *p, int f) { return (int)SYS(NR_unlinkat, dfd, p, atflags(f)); }
int rt_rename(const char *a, const char *b) { return (int)SYS(NR_rename, a, b); }
int rt_renameat(int fa, const char *a, int fb, const char *b) { return (int)SYS(NR_renameat, fa, a, fb, b); }
int rt_dup(int fd) { return (int)SYS(NR_dup, fd); }
int rt_dup2(int fd, int to) { return (int)SYS(NR_dup2, fd, to); }
int rt_umask(int mask) { return (int)SYS(NR_umask, mask); }
int rt_pipe2(int fds[2], int flags) { return (int)SYS(NR_pipe2, fds, oflags(flags)); }

long rt_fcntl(int fd, int cmd, long arg)
{
    switch (cmd) {
    case RT_F_DUPFD: return SYS(NR_fcntl, fd, 0, arg);
    case RT_F_GETFD: return SYS(NR_fcntl, fd, 1);
    case RT_F_SETFD: return SYS(NR_fcntl, fd, 2, arg);
    case RT_F_GETFL: {
        long r = SYS(NR_fcntl, fd, 3);
        return r < 0 ? r : (r & RT_O_ACCMODE) | (long)rt__from_native((unsigned long)r & ~3ul, o_flags);
    }
    case RT_F_SETFL: return SYS(NR_fcntl, fd, 4, oflags((int)arg));
    case RT_F_DUPFD_CLOEXEC: return SYS(NR_fcntl, fd, 1030, arg);
    }
    return SYS(NR_fcntl, fd, 2000 + cmd, arg);
}

int rt_ioctl(int fd, int req, void *arg)
{
    static const unsigned long reqs[] = {
        [RT_TIOCGWINSZ] = 0x5413, [RT_FIONREAD] = 0x541b, [RT_FIONBIO] = 0x5421,
        [RT_FIOCLEX] = 0x5451, [RT_FIONCLEX] = 0x5450,
    };
    unsigned long n = req > 0 && req < (int)RT_COUNT(reqs) ? reqs[req] : 0x5400ff00ul + (unsigned)req;
    return (int)SYS(NR_ioctl, fd, n, arg);
}

/* ---- process ---- */

RT_NORETURN void rt_exit(int status)
{
    SYS(NR_exit_group, status);
    __builtin_trap();
}

int rt_getpid(void) { return (int)SYS(NR_getpid); }
int rt_getppid(void) { return (int)SYS(NR_getppid); }
int rt_getuid(void) { return (int)SYS(NR_getuid); }
int rt_geteuid(void) { return (int)SYS(NR_geteuid); }
int rt_getgid(void) { return (int)SYS(NR_getgid); }
int rt_getegid(void) { return (int)SYS(NR_getegid); }
int rt_getgroups(int n, uint32_t *g) { return (int)SYS(NR_getgroups, n, g); }
int rt_sched_yield(void) { return (int)SYS(NR_sched_yield); }
long rt_thr_self(void) { return SYS(NR_gettid); }

/* No issetugid on Linux: AT_SECURE (23) carries the same fact. */
int rt_issetugid(void)
{
    uint64_t v = 0;
    return rt_getauxval(23, &v) == 0 && v != 0;
}

static int rlimit_to_native(int res)
{
    switch (res) {
    case RT_RLIMIT_CPU: return 0;
    case RT_RLIMIT_FSIZE: return 1;
    case RT_RLIMIT_DATA: return 2;
    case RT_RLIMIT_STACK: return 3;
    case RT_RLIMIT_CORE: return 4;
    case RT_RLIMIT_NOFILE: return 7;
    case RT_RLIMIT_AS: return 9;
    }
    return 1000 + res;
}

/* Linux RLIM_INFINITY is all ones, like RT_RLIM_INFINITY. */
int rt_getrlimit(int res, struct rt_rlimit *rl) { return (int)SYS(NR_getrlimit, rlimit_to_native(res), rl); }
int rt_setrlimit(int res, const struct rt_rlimit *rl) { return (int)SYS(NR_setrlimit, rlimit_to_native(res), rl); }
int rt_getrusage(int who, struct rt_rusage *ru) { return (int)SYS(NR_getrusage, who, ru); }

enum { ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003 };
int rt_set_fsbase(uint64_t base) { return (int)SYS(NR_arch_prctl, ARCH_SET_FS, base); }
int rt_get_fsbase(uint64_t *base) { return (int)SYS(NR_arch_prctl, ARCH_GET_FS, base); }

int rt_uname(struct rt_utsname *u)
{
    char n[6][65];
    long r = SYS(NR_uname, n);
    if (r < 0)
        return (int)r;
    char *fields[5] = { u->sysname, u->nodename, u->release, u->version, u->machine };
    for (int i = 0; i < 5; i++)
        memcpy(fields[i], n[i], 65);
    return 0;
}

/* ---- time ---- */

static int clock_to_native(int clk)
{
    switch (clk) {
    case RT_CLOCK_REALTIME: return 0;
    case RT_CLOCK_MONOTONIC: return 1;
    case RT_CLOCK_PROCESS_CPUTIME_ID: return 2;
    case RT_CLOCK_THREAD_CPUTIME_ID: return 3;
    }
    return 1000 + clk;
}

int rt_clock_gettime(int clk, struct rt_timespec *ts) { return (int)SYS(NR_clock_gettime, clock_to_native(clk), ts); }
int rt_clock_getres(int clk, struct rt_timespec *ts) { return (int)SYS(NR_clock_getres, clock_to_native(clk), ts); }
int rt_gettimeofday(struct rt_timeval *tv) { return (int)SYS(NR_gettimeofday, tv, 0); }
int rt_nanosleep(const struct rt_timespec *req, struct rt_timespec *rem) { return (int)SYS(NR_nanosleep, req, rem); }
int rt_clock_nanosleep(int clk, int flags, const struct rt_timespec *req, struct rt_timespec *rem)
{
    return (int)SYS(NR_clock_nanosleep, clock_to_native(clk), flags, req, rem);
}
long rt_getrandom(void *buf, size_t n, unsigned flags) { return SYS(NR_getrandom, buf, n, flags); }

/* ---- memory ---- */

enum { MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANON = 0x20, MAP_32BIT = 0x40,
       MAP_NORESERVE = 0x4000, MAP_STACK = 0x20000, MAP_FIXED_NOREPLACE = 0x100000 };
static const struct rt__flag map_flags[] = {
    { RT_MAP_SHARED, MAP_SHARED }, { RT_MAP_PRIVATE, MAP_PRIVATE }, { RT_MAP_FIXED, MAP_FIXED },
    { RT_MAP_ANON, MAP_ANON }, { RT_MAP_STACK, MAP_STACK }, { RT_MAP_32BIT, MAP_32BIT }, { 0, 0 },
};

/* FreeBSD semantics: MAP_EXCL only together with MAP_FIXED (Linux: MAP_FIXED_NOREPLACE);
 * MAP_GUARD reserves PROT_NONE address space and takes no fd, offset or sharing flags. */
void *rt_mmap(void *addr, size_t len, int prot, int flags, int fd, int64_t off)
{
    long nf = (long)rt__to_native((unsigned)flags, map_flags);
    if (flags & RT_MAP_EXCL) {
        if (!(flags & RT_MAP_FIXED))
            return (void *)(long)-RT_EINVAL;
        nf = (nf & ~MAP_FIXED) | MAP_FIXED_NOREPLACE;
    }
    if (flags & RT_MAP_GUARD) {
        if (prot != RT_PROT_NONE || fd != -1 || off != 0 ||
            (flags & ~(RT_MAP_GUARD | RT_MAP_FIXED | RT_MAP_EXCL | RT_MAP_32BIT)))
            return (void *)(long)-RT_EINVAL;
        nf |= MAP_PRIVATE | MAP_ANON | MAP_NORESERVE;
    }
    return (void *)SYS(NR_mmap, addr, len, prot, nf, fd, off);
}

int rt_munmap(void *addr, size_t len) { return (int)SYS(NR_munmap, addr, len); }
int rt_mprotect(void *addr, size_t len, int prot) { return (int)SYS(NR_mprotect, addr, len, prot); }

int rt_madvise(void *addr, size_t len, int advice)
{
    static const int adv[] = { [RT_MADV_NORMAL] = 0, [RT_MADV_RANDOM] = 1, [RT_MADV_SEQUENTIAL] = 2,
                               [RT_MADV_WILLNEED] = 3, [RT_MADV_DONTNEED] = 4, [RT_MADV_FREE] = 8 };
    int n = advice >= RT_MADV_NORMAL && advice <= RT_MADV_FREE ? adv[advice] : 1000 + advice;
    return (int)SYS(NR_madvise, addr, len, n);
}

int rt_mincore(void *addr, size_t len, unsigned char *vec) { return (int)SYS(NR_mincore, addr, len, vec); }

int rt_msync(void *addr, size_t len, int flags)
{
    int n = ((flags & RT_MS_ASYNC) ? 1 : 0) | ((flags & RT_MS_INVALIDATE) ? 2 : 0) |
            ((flags & RT_MS_SYNC) ? 4 : 0);
    return (int)SYS(NR_msync, addr, len, n);
}

/* ---- sysctl: a few FreeBSD nodes, answered from Linux facts ---- */

enum { N_OSTYPE, N_OSRELEASE, N_VERSION, N_HOSTNAME, N_MACHINE, N_NCPU, N_PAGESIZE,
       N_PATHNAME, N_ARND };
static const struct node { const char *name; int mib[4]; unsigned len; } nodes[] = {
    [N_OSTYPE] = { "kern.ostype", { 1, 1 }, 2 },
    [N_OSRELEASE] = { "kern.osrelease", { 1, 2 }, 2 },
    [N_VERSION] = { "kern.version", { 1, 4 }, 2 },
    [N_HOSTNAME] = { "kern.hostname", { 1, 10 }, 2 },
    [N_MACHINE] = { "hw.machine", { 6, 1 }, 2 },
    [N_NCPU] = { "hw.ncpu", { 6, 3 }, 2 },
    [N_PAGESIZE] = { "hw.pagesize", { 6, 7 }, 2 },
    [N_PATHNAME] = { "kern.proc.pathname", { 1, 14, 12, -1 }, 4 },
    [N_ARND] = { "kern.arandom", { 1, 37 }, 2 },
};

static int node_value(int node, char *buf, size_t cap, size_t want)
{
    struct rt_utsname u;
    int v;
    switch (node) {
    case N_OSTYPE: case N_OSRELEASE: case N_VERSION: case N_HOSTNAME: case N_MACHINE: {
        rt_uname(&u);
        const char *s = node == N_OSTYPE ? u.sysname : node == N_OSRELEASE ? u.release
                      : node == N_VERSION ? u.version : node == N_HOSTNAME ? u.nodename : u.machine;
        strcpy(buf, s);
        return (int)strlen(s) + 1;
    }
    case N_NCPU: {
        uint64_t mask[16] = { 0 };
        long r = SYS(NR_sched_getaffinity, 0, sizeof mask, mask);
        v = 0;
        for (long i = 0; i < r / 8; i++)
            v += __builtin_popcountll(mask[i]);
        memcpy(buf, &v, 4);
        return 4;
    }
    case N_PAGESIZE: {
        uint64_t ps = 4096;
        rt_getauxval(6, &ps);
        v = (int)ps;
        memcpy(buf, &v, 4);
        return 4;
    }
    case N_PATHNAME: {
        long r = rt_readlink("/proc/self/exe", buf, cap - 1);
        if (r < 0)
            return (int)r;
        buf[r] = 0;
        return (int)r + 1;
    }
    case N_ARND: {
        size_t n = want < 256 ? want : 256;
        long r = rt_getrandom(buf, n, 0);
        return (int)r;
    }
    }
    return -RT_ENOENT;
}

static int node_read(int node, void *old, size_t *oldlen, const void *nw)
{
    char buf[1024];
    if (nw)
        return -RT_EPERM;
    int len = node_value(node, buf, sizeof buf, old && oldlen ? *oldlen : 256);
    if (len < 0)
        return len;
    if (!old) {
        *oldlen = (size_t)len;
        return 0;
    }
    if (*oldlen && (rt_probe(old, 0, 0) || rt_probe((char *)old + *oldlen - 1, 0, 0)))
        return -RT_EFAULT;      /* the kernel would fail its copyout */
    if (*oldlen < (size_t)len) {    /* FreeBSD: copy what fits, keep *oldlen, ENOMEM */
        memcpy(old, buf, *oldlen);
        return -RT_ENOMEM;
    }
    memcpy(old, buf, (size_t)len);
    *oldlen = (size_t)len;
    return 0;
}

static int find_name(const char *name, size_t len)
{
    for (int i = 0; i < (int)RT_COUNT(nodes); i++)
        if (strlen(nodes[i].name) == len && strncmp(nodes[i].name, name, len) == 0)
            return i;
    return -1;
}

int rt_sysctl(const int *mib, unsigned n, void *old, size_t *oldlen, const void *nw, size_t newlen)
{
    if (n == 2 && mib[0] == 0 && mib[1] == 3) {     /* name2oid */
        int i = nw ? find_name(nw, newlen) : -1;
        if (i < 0)
            return -RT_ENOENT;
        if (*oldlen < 4 * nodes[i].len)
            return -RT_ENOMEM;
        memcpy(old, nodes[i].mib, 4 * nodes[i].len);
        *oldlen = 4 * nodes[i].len;
        return 0;
    }
    for (int i = 0; i < (int)RT_COUNT(nodes); i++) {
        if (nodes[i].len != n)
            continue;
        int match = 1;
        for (unsigned k = 0; k < n; k++)
            if (mib[k] != nodes[i].mib[k] && !(i == N_PATHNAME && k == 3 && mib[k] == rt_getpid()))
                match = 0;
        if (match)
            return node_read(i, old, oldlen, nw);
    }
    return -RT_ENOENT;
}

int rt_sysctlbyname(const char *name, void *old, size_t *oldlen, const void *nw, size_t newlen)
{
    (void)newlen;
    int i = find_name(name, strlen(name));
    return i < 0 ? -RT_ENOENT : node_read(i, old, oldlen, nw);
}

/* ---- sockets (with FreeBSD's behaviour where Linux differs: accept inherits O_NONBLOCK,
 * IPv6 sockets are v6-only, buffer sizes read back as set, SO_NOSIGPIPE, address lengths
 * copied back truncated) ---- */

enum { AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, SOCK_CLOEXEC = 0x80000, SOCK_NONBLOCK = 0x800,
       SOL_SOCKET = 1, O_NONBLOCK_ = 0x800 };

struct linux_sockaddr_in { uint16_t family, port; uint8_t addr[4]; uint8_t zero[8]; };
struct linux_sockaddr_in6 { uint16_t family, port; uint32_t flowinfo; uint8_t addr[16]; uint32_t scope_id; };
struct linux_sockaddr_un { uint16_t family; char path[108]; };
union linux_sockaddr { struct linux_sockaddr_in in; struct linux_sockaddr_in6 in6; struct linux_sockaddr_un un; uint8_t raw[128]; };

static uint16_t swap16(uint16_t v) { return (uint16_t)(v << 8 | v >> 8); }

static int family_to_native(int f)
{
    return f == RT_AF_UNIX ? AF_UNIX : f == RT_AF_INET ? AF_INET : f == RT_AF_INET6 ? AF_INET6 : f == RT_AF_UNSPEC ? 0 : 99;
}

static int family_from_native(int f)
{
    return f == AF_UNIX ? RT_AF_UNIX : f == AF_INET ? RT_AF_INET : f == AF_INET6 ? RT_AF_INET6 : f == 0 ? RT_AF_UNSPEC : -f;
}

static int type_to_native(int t)
{
    return (t & 0xff) | ((t & RT_SOCK_CLOEXEC) ? SOCK_CLOEXEC : 0) | ((t & RT_SOCK_NONBLOCK) ? SOCK_NONBLOCK : 0);
}

static int sa_to_native(const struct rt_sockaddr *sa, union linux_sockaddr *n)
{
    memset(n, 0, sizeof *n);
    switch (sa->family) {
    case RT_AF_INET:
        n->in.family = AF_INET;
        n->in.port = swap16(sa->port);
        memcpy(n->in.addr, sa->addr, 4);
        return 16;
    case RT_AF_INET6:
        n->in6.family = AF_INET6;
        n->in6.port = swap16(sa->port);
        memcpy(n->in6.addr, sa->addr, 16);
        n->in6.scope_id = sa->scope_id;
        return 28;
    case RT_AF_UNIX: {
        size_t l = strlen(sa->path);
        if (l > 103)
            l = 103;
        n->un.family = AF_UNIX;
        memcpy(n->un.path, sa->path, l);
        return (int)(2 + l + 1);
    }
    }
    n->in.family = (uint16_t)family_to_native(sa->family);
    return 16;
}

static void sa_from_native(const union linux_sockaddr *n, int len, struct rt_sockaddr *sa)
{
    memset(sa, 0, sizeof *sa);
    sa->len = len;
    if (len < 2) {
        sa->family = RT_AF_UNSPEC;
        sa->len_ok = len == 0;
        return;
    }
    sa->family = family_from_native(n->in.family);
    int want = len;
    switch (n->in.family) {
    case AF_INET:
        sa->port = swap16(n->in.port);
        memcpy(sa->addr, n->in.addr, 4);
        want = 16;
        break;
    case AF_INET6:
        sa->port = swap16(n->in6.port);
        memcpy(sa->addr, n->in6.addr, 16);
        sa->scope_id = n->in6.scope_id;
        want = 28;
        break;
    case AF_UNIX: {
        int l = 0;
        while (2 + l < len && l < 107 && n->un.path[l])
            l++;
        memcpy(sa->path, n->un.path, (size_t)l);
        want = l == 0 ? 2 : 2 + l + 1;
        break;
    }
    }
    sa->len_ok = len == want;
}

int rt_socket(int family, int type, int protocol)
{
    int fd = (int)SYS(NR_socket, family_to_native(family), type_to_native(type), protocol);
    forget_socket(fd);
    if (fd >= 0 && family == RT_AF_INET6) {       /* FreeBSD: net.inet6.ip6.v6only = 1 */
        int one = 1;
        SYS(NR_setsockopt, fd, 41, 26, &one, 4);
    }
    return fd;
}

int rt_socketpair(int family, int type, int protocol, int sv[2])
{
    long r = SYS(NR_socketpair, family_to_native(family), type_to_native(type), protocol, sv);
    if (r >= 0) {
        forget_socket(sv[0]);
        forget_socket(sv[1]);
    }
    return (int)r;
}

int rt_bind(int fd, const struct rt_sockaddr *sa)
{
    union linux_sockaddr n;
    int l = sa_to_native(sa, &n);
    return (int)SYS(NR_bind, fd, &n, l);
}

int rt_bind_inet_len(int fd, const struct rt_sockaddr *sa, int len)
{
    union linux_sockaddr n;
    sa_to_native(sa, &n);
    return (int)SYS(NR_bind, fd, &n, len);
}

int rt_connect(int fd, const struct rt_sockaddr *sa)
{
    union linux_sockaddr n;
    int l = sa_to_native(sa, &n);
    return (int)SYS(NR_connect, fd, &n, l);
}

int rt_listen(int fd, int backlog) { return (int)SYS(NR_listen, fd, backlog); }

static int accept_common(int fd, struct rt_sockaddr *sa, long flags)
{
    union linux_sockaddr n;
    uint32_t len = sizeof n;
    long r = SYS(NR_accept4, fd, sa ? &n : 0, sa ? &len : 0, flags);
    forget_socket((int)r);
    if (r >= 0 && sa)
        sa_from_native(&n, (int)len, sa);
    return (int)r;
}

/* FreeBSD's accept gives the new socket the listener's O_NONBLOCK. */
int rt_accept(int fd, struct rt_sockaddr *sa)
{
    long fl = SYS(NR_fcntl, fd, 3);
    return accept_common(fd, sa, fl >= 0 && (fl & O_NONBLOCK_) ? SOCK_NONBLOCK : 0);
}

int rt_accept4(int fd, struct rt_sockaddr *sa, int flags)
{
    long nf = ((flags & RT_SOCK_CLOEXEC) ? SOCK_CLOEXEC : 0) | ((flags & RT_SOCK_NONBLOCK) ? SOCK_NONBLOCK : 0) |
              (flags & ~(RT_SOCK_CLOEXEC | RT_SOCK_NONBLOCK) ? 0x40000000 : 0);
    return accept_common(fd, sa, nf);
}

static int name_common(long nr, int fd, struct rt_sockaddr *sa)
{
    union linux_sockaddr n;
    uint32_t len = sizeof n;
    long r = SYS(nr, fd, &n, &len);
    if (r >= 0)
        sa_from_native(&n, (int)len, sa);
    return (int)r;
}

int rt_getsockname(int fd, struct rt_sockaddr *sa) { return name_common(NR_getsockname, fd, sa); }
int rt_getpeername(int fd, struct rt_sockaddr *sa) { return name_common(NR_getpeername, fd, sa); }

/* FreeBSD writes back the length it copied; Linux the full length. */
int rt_getsockname_room(int fd, int room, int *family_seen)
{
    union linux_sockaddr n;
    uint32_t len = (uint32_t)room;
    memset(&n, 0xee, sizeof n);
    long r = SYS(NR_getsockname, fd, &n, &len);
    if (r < 0)
        return (int)r;
    if ((int)len > room)
        len = (uint32_t)room;
    *family_seen = len >= 2 ? family_from_native(n.in.family) : -1;
    return (int)len;
}

int rt_shutdown(int fd, int how) { return (int)SYS(NR_shutdown, fd, how); }

/* SO_NOSIGPIPE, which Linux lacks: remembered per descriptor, applied as MSG_NOSIGNAL. */
static unsigned char nosigpipe[1024];
static int nosig(int fd) { return fd >= 0 && fd < 1024 && nosigpipe[fd]; }
static void forget_socket(int fd)
{
    if (fd >= 0 && fd < 1024)
        nosigpipe[fd] = 0;
}

enum { MSG_OOB = 1, MSG_PEEK = 2, MSG_CTRUNC = 8, MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40,
       MSG_EOR = 0x80, MSG_WAITALL = 0x100, MSG_NOSIGNAL = 0x4000, MSG_CMSG_CLOEXEC = 0x40000000 };
static const struct rt__flag msg_flags[] = {
    { RT_MSG_OOB, MSG_OOB }, { RT_MSG_PEEK, MSG_PEEK }, { RT_MSG_DONTWAIT, MSG_DONTWAIT },
    { RT_MSG_WAITALL, MSG_WAITALL }, { RT_MSG_NOSIGNAL, MSG_NOSIGNAL }, { RT_MSG_TRUNC, MSG_TRUNC },
    { RT_MSG_CTRUNC, MSG_CTRUNC }, { RT_MSG_EOR, MSG_EOR }, { RT_MSG_CMSG_CLOEXEC, MSG_CMSG_CLOEXEC },
    { 0, 0 },
};
static long mflags(int f) { return (long)rt__to_native((unsigned)f, msg_flags); }
static long sflags(int fd, int f) { return mflags(f) | (nosig(fd) ? MSG_NOSIGNAL : 0); }

long rt_send(int fd, const void *buf, size_t n, int flags) { return SYS(NR_sendto, fd, buf, n, sflags(fd, flags), 0, 0); }

long rt_sendto(int fd, const void *buf, size_t n, int flags, const struct rt_sockaddr *to)
{
    union linux_sockaddr a;
    int l = to ? sa_to_native(to, &a) : 0;
    return SYS(NR_sendto, fd, buf, n, sflags(fd, flags), to ? &a : 0, l);
}

long rt_recv(int fd, void *buf, size_t n, int flags) { return SYS(NR_recvfrom, fd, buf, n, mflags(flags), 0, 0); }

long rt_recvfrom(int fd, void *buf, size_t n, int flags, struct rt_sockaddr *from)
{
    union linux_sockaddr a;
    uint32_t len = sizeof a;
    long r = SYS(NR_recvfrom, fd, buf, n, mflags(flags), from ? &a : 0, from ? &len : 0);
    if (r >= 0 && from)
        sa_from_native(&a, (int)len, from);
    return r;
}

struct linux_msghdr { void *name; uint32_t namelen; struct rt_iovec *iov; size_t iovlen; void *control; size_t controllen; int flags; };
struct linux_cmsghdr { size_t len; int level, type; };
#define LX_ALIGN(n) (((n) + 7) & ~7ul)
#define LX_CMSG_SPACE(l) (16 + LX_ALIGN(l))
#define LX_CMSG_LEN(l) (16 + (l))
enum { SCM_RIGHTS = 1 };

long rt_sendmsg(int fd, const struct rt_msg *m, int flags)
{
    union linux_sockaddr a;
    uint64_t ctl[64];
    struct linux_msghdr h = { 0 };
    if (m->name)
        h.namelen = (uint32_t)sa_to_native(m->name, &a), h.name = &a;
    h.iov = m->iov;
    h.iovlen = (size_t)m->iovlen;
    if (m->nfds > 0) {
        struct linux_cmsghdr *c = (struct linux_cmsghdr *)ctl;
        memset(ctl, 0, sizeof ctl);
        c->len = LX_CMSG_LEN(m->nfds * sizeof(int));
        c->level = SOL_SOCKET;
        c->type = SCM_RIGHTS;
        memcpy((char *)ctl + 16, m->fds, (size_t)m->nfds * sizeof(int));
        h.control = ctl;
        h.controllen = LX_CMSG_SPACE(m->nfds * sizeof(int));
    }
    return SYS(NR_sendmsg, fd, &h, sflags(fd, flags));
}

long rt_recvmsg(int fd, struct rt_msg *m, int flags)
{
    union linux_sockaddr a;
    uint64_t ctl[64];
    struct linux_msghdr h = { 0 };
    if (m->name)
        h.name = &a, h.namelen = sizeof a;
    h.iov = m->iov;
    h.iovlen = (size_t)m->iovlen;
    if (m->maxfds > 0) {
        h.control = ctl;
        h.controllen = LX_CMSG_SPACE(m->maxfds * sizeof(int));
    }
    long r = SYS(NR_recvmsg, fd, &h, mflags(flags));
    m->nfds = 0;
    if (r < 0)
        return r;
    if (m->name)
        sa_from_native(&a, (int)h.namelen, m->name);
    /* Linux reports MSG_CTRUNC when descriptors came and no control buffer was given;
     * FreeBSD does not (nothing was asked for). */
    if (!h.control)
        h.flags &= ~MSG_CTRUNC;
    m->flags = (int)rt__from_native((unsigned)h.flags, msg_flags);
    char *p = (char *)ctl, *end = (char *)ctl + h.controllen;
    while (h.control && p + sizeof(struct linux_cmsghdr) <= end) {
        struct linux_cmsghdr *c = (struct linux_cmsghdr *)p;
        if (c->len < sizeof *c || p + c->len > end)
            break;
        if (c->level == SOL_SOCKET && c->type == SCM_RIGHTS) {
            int n = (int)((c->len - 16) / sizeof(int));
            for (int i = 0; i < n && m->nfds < m->maxfds; i++)
                memcpy(&m->fds[m->nfds++], p + 16 + i * sizeof(int), sizeof(int));
        } else {
            m->flags |= 0x10000;
        }
        p += LX_ALIGN(c->len);
    }
    return r;
}

enum { OPT_INT, OPT_BOOL, OPT_BUF, OPT_ERROR, OPT_DOMAIN, OPT_LINGER, OPT_RAW, OPT_NOSIGPIPE };
static const struct { int level, name, kind; } opts[RT_SO_COUNT] = {
    [RT_SO_REUSEADDR] = { SOL_SOCKET, 2, OPT_BOOL }, [RT_SO_KEEPALIVE] = { SOL_SOCKET, 9, OPT_BOOL },
    [RT_SO_BROADCAST] = { SOL_SOCKET, 6, OPT_BOOL }, [RT_SO_LINGER] = { SOL_SOCKET, 13, OPT_LINGER },
    [RT_SO_OOBINLINE] = { SOL_SOCKET, 10, OPT_BOOL }, [RT_SO_REUSEPORT] = { SOL_SOCKET, 15, OPT_BOOL },
    [RT_SO_SNDBUF] = { SOL_SOCKET, 7, OPT_BUF }, [RT_SO_RCVBUF] = { SOL_SOCKET, 8, OPT_BUF },
    [RT_SO_RCVLOWAT] = { SOL_SOCKET, 18, OPT_INT }, [RT_SO_SNDTIMEO] = { SOL_SOCKET, 21, OPT_RAW },
    [RT_SO_RCVTIMEO] = { SOL_SOCKET, 20, OPT_RAW }, [RT_SO_ERROR] = { SOL_SOCKET, 4, OPT_ERROR },
    [RT_SO_TYPE] = { SOL_SOCKET, 3, OPT_INT }, [RT_SO_ACCEPTCONN] = { SOL_SOCKET, 30, OPT_BOOL },
    [RT_SO_DOMAIN] = { SOL_SOCKET, 39, OPT_DOMAIN }, [RT_SO_PROTOCOL] = { SOL_SOCKET, 38, OPT_INT },
    [RT_SO_NOSIGPIPE] = { SOL_SOCKET, -1, OPT_NOSIGPIPE }, [RT_TCP_NODELAY] = { 6, 1, OPT_BOOL },
    [RT_TCP_KEEPIDLE] = { 6, 4, OPT_INT }, [RT_TCP_KEEPINTVL] = { 6, 5, OPT_INT },
    [RT_TCP_KEEPCNT] = { 6, 6, OPT_INT }, [RT_IP_TOS] = { 0, 1, OPT_INT }, [RT_IP_TTL] = { 0, 2, OPT_INT },
    [RT_IP_MULTICAST_TTL] = { 0, 33, OPT_RAW }, [RT_IP_MULTICAST_LOOP] = { 0, 34, OPT_RAW },
    [RT_IPV6_V6ONLY] = { 41, 26, OPT_INT }, [RT_IPV6_UNICAST_HOPS] = { 41, 16, OPT_INT },
    [RT_SO_BOGUS] = { SOL_SOCKET, 0x7777, OPT_INT },
};

int rt_setsockopt(int fd, int opt, const void *val, size_t len)
{
    if (opt <= 0 || opt >= RT_SO_COUNT)
        return -RT_EINVAL;
    if (opts[opt].kind == OPT_NOSIGPIPE) {
        int t, tl = 4;
        long r = SYS(NR_getsockopt, fd, SOL_SOCKET, 3, &t, &tl);     /* a socket? */
        if (r < 0)
            return (int)r;
        if (len < 4)
            return -RT_EINVAL;
        if (fd < 1024)
            nosigpipe[fd] = *(const int *)val != 0;
        return 0;
    }
    return (int)SYS(NR_setsockopt, fd, opts[opt].level, opts[opt].name, val, len);
}

int rt_getsockopt(int fd, int opt, void *val, size_t *len)
{
    if (opt <= 0 || opt >= RT_SO_COUNT)
        return -RT_EINVAL;
    int *v = val;
    if (opts[opt].kind == OPT_NOSIGPIPE) {
        int t, tl = 4;
        long r = SYS(NR_getsockopt, fd, SOL_SOCKET, 3, &t, &tl);
        if (r < 0)
            return (int)r;
        *v = nosig(fd);
        *len = 4;
        return 0;
    }
    uint32_t l = (uint32_t)*len;
    long r = SYS(NR_getsockopt, fd, opts[opt].level, opts[opt].name, val, &l);
    *len = l;
    if (r < 0 || l < 4)
        return (int)r;
    switch (opts[opt].kind) {
    case OPT_BOOL: case OPT_LINGER: *v = *v != 0; break;
    case OPT_BUF: *v /= 2; break;                 /* Linux doubles what was set */
    case OPT_ERROR: *v = *v ? (int)-from_errno(*v) : 0; break;
    case OPT_DOMAIN: *v = family_from_native(*v); break;
    }
    return (int)r;
}

/* ---- poll / select (FreeBSD's answers: a pipe at EOF is readable and hung up, a pipe
 * without reader is hung up rather than in error, POLLHUP never with POLLOUT; the timeout of
 * select is left alone; poll refuses timeouts below -1) ---- */

enum { POLLWRBAND = 0x200, POLLRDHUP = 0x2000, S_IFIFO = 0010000 };

static short poll_to_native(short e)
{
    return (short)((e & 0xff) | ((e & RT_POLLWRBAND) ? POLLWRBAND : 0) | ((e & RT_POLLRDHUP) ? POLLRDHUP : 0));
}

static short poll_from_native(int fd, short want, short e)
{
    short r = (short)((e & 0xff) | ((e & POLLWRBAND) ? RT_POLLWRBAND : 0) | ((e & POLLRDHUP) ? RT_POLLRDHUP : 0));
    if (r & (RT_POLLHUP | RT_POLLERR)) {
        struct rt_stat st;
        if (rt_fstat(fd, &st) == 0 && (st.mode & RT_S_IFMT) == S_IFIFO) {
            long fl = SYS(NR_fcntl, fd, 3);
            if ((fl & 3) != 1 && (r & RT_POLLHUP))
                r |= want & (RT_POLLIN | RT_POLLRDNORM);
            if ((fl & 3) == 1 && (r & RT_POLLERR))
                r = (short)((r & ~(RT_POLLERR | RT_POLLOUT)) | RT_POLLHUP);
        }
    }
    if (r & RT_POLLHUP)
        r &= ~RT_POLLOUT;
    return r;
}

static int poll_common(struct rt_pollfd *fds, unsigned n, const struct rt_timespec *ts, const uint64_t *sigmask)
{
    struct rt_pollfd nat[64];
    uint64_t ns = 0;
    if (n > 64)
        return -RT_EINVAL;
    for (unsigned i = 0; i < n; i++)
        nat[i] = (struct rt_pollfd){ fds[i].fd, poll_to_native(fds[i].events), (short)0x5555 };
    if (sigmask)
        ns = set_to_native(*sigmask);
    struct rt_timespec t = ts ? *ts : (struct rt_timespec){ 0, 0 };
    long r = SYS(NR_ppoll, nat, n, ts ? &t : 0, sigmask ? &ns : 0, 8);
    if (r >= 0) {
        r = 0;
        for (unsigned i = 0; i < n; i++) {
            fds[i].revents = nat[i].fd < 0 ? 0 : poll_from_native(nat[i].fd, fds[i].events, nat[i].revents);
            r += fds[i].revents != 0;
        }
    }
    return (int)r;
}

int rt_poll(struct rt_pollfd *fds, unsigned n, int timeout_ms)
{
    if (timeout_ms < -1)
        return -RT_EINVAL;
    struct rt_timespec ts = { timeout_ms / 1000, (timeout_ms % 1000) * 1000000L };
    return poll_common(fds, n, timeout_ms == -1 ? 0 : &ts, 0);
}

int rt_ppoll(struct rt_pollfd *fds, unsigned n, const struct rt_timespec *ts, const uint64_t *sigmask)
{
    return poll_common(fds, n, ts, sigmask);
}

/* FreeBSD refuses a bit set for a descriptor that is not open (Linux ignores those beyond its
 * table) and a tv_usec outside 0..999999 (Linux normalises it). */
static int select_check(int nd, rt_fd_set *r, rt_fd_set *w, rt_fd_set *e)
{
    rt_fd_set *sets[3] = { r, w, e };
    for (int i = 0; i < 3; i++)
        for (int fd = 0; sets[i] && fd < nd && fd < 1024; fd++)
            if (RT_FD_ISSET(fd, sets[i]) && SYS(NR_fcntl, fd, 1) < 0)
                return -RT_EBADF;
    return 0;
}

int rt_select(int nd, rt_fd_set *r, rt_fd_set *w, rt_fd_set *e, struct rt_timeval *tv)
{
    struct rt_timeval copy;
    if (tv) {
        copy = *tv;
        if (copy.sec < 0 || copy.usec < 0 || copy.usec >= 1000000)
            return -RT_EINVAL;
    }
    int bad = nd >= 0 ? select_check(nd, r, w, e) : 0;
    if (bad)
        return bad;
    return (int)SYS(NR_select, nd, r, w, e, tv ? &copy : 0);
}

int rt_pselect(int nd, rt_fd_set *r, rt_fd_set *w, rt_fd_set *e, const struct rt_timespec *ts, const uint64_t *sigmask)
{
    struct rt_timespec copy;
    uint64_t ns = 0;
    struct { uint64_t *set; size_t size; } sm = { &ns, 8 };
    if (ts)
        copy = (struct rt_timespec){ ts->sec, ts->nsec / 1000 * 1000 };   /* FreeBSD: via a timeval */
    if (sigmask)
        ns = set_to_native(*sigmask);
    int bad = nd >= 0 ? select_check(nd, r, w, e) : 0;
    if (bad)
        return bad;
    return (int)SYS(NR_pselect6, nd, r, w, e, ts ? &copy : 0, sigmask ? &sm : 0);
}

/* ---- kqueue: FreeBSD only ---- */

int rt_kqueue(void) { return -RT_ENOSYS; }
int rt_kqueuex(unsigned flags) { return -RT_ENOSYS; }
int rt_kevent(int kq, const struct rt_kevent *ch, int nch, struct rt_kevent *ev, int nev, const struct rt_timespec *ts)
{
    return -RT_ENOSYS;
}
int rt_kevent11(int kq, const struct rt_kevent *ch, int nch, struct rt_kevent *ev, int nev, const struct rt_timespec *ts)
{
    return -RT_ENOSYS;
}

/* ---- threads ---- */

long rt_thread_create(rt_thread_fn fn, void *arg, void *stack, size_t size, long *tid)
{
    /* CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|PARENT_SETTID|CHILD_SETTID */
    unsigned long flags = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 | 0x100000 | 0x1000000;
    long *sp = (long *)(((unsigned long)stack + size) & ~15UL);
    *--sp = (long)arg;
    *--sp = (long)fn;
    *tid = 0;
    long ret;
    register long r10 __asm__("r10") = (long)tid;     /* child_tid */
    register long r8 __asm__("r8") = 0;               /* tls */
    __asm__ volatile("syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jnz 1f\n\t"
                     "pop %%rax\n\t"
                     "pop %%rdi\n\t"
                     "call *%%rax\n\t"
                     "ud2\n"
                     "1:"
                     : "=a"(ret)
                     : "a"(56L), "D"(flags), "S"(sp), "d"(tid), "r"(r10), "r"(r8)
                     : "rcx", "r11", "memory");
    return ret < 0 ? from_errno(-ret) : 0;
}

void rt_thread_exit(long *done)
{
    /* Registers only from the store on: the joiner may reuse this stack as soon as *done is 1. */
    __asm__ volatile("test %%rdi, %%rdi\n\t"
                     "jz 1f\n\t"
                     "movq $1, (%%rdi)\n\t"
                     "mov $202, %%eax\n\t"         /* futex(done, FUTEX_WAKE, INT_MAX) */
                     "mov $1, %%esi\n\t"
                     "mov $0x7fffffff, %%edx\n\t"
                     "syscall\n"
                     "1:\tmov $60, %%eax\n\t"      /* exit: this thread only */
                     "xor %%edi, %%edi\n\t"
                     "syscall\n\t"
                     "ud2"
                     :
                     : "D"(done)
                     : "rax", "rsi", "rdx", "rcx", "r11", "memory");
    __builtin_unreachable();
}

void rt_thread_join(long *done)
{
    while (__atomic_load_n(done, __ATOMIC_SEQ_CST) == 0)
        SYS(202, done, 0 /* FUTEX_WAIT */, 0, 0);
}

long rt_futex_wait(unsigned *word, unsigned val, long timeout_ns)
{
    struct { long sec, nsec; } t = { timeout_ns / 1000000000, timeout_ns % 1000000000 };
    long r = SYS(202, word, 128 /* FUTEX_WAIT_PRIVATE */, val, timeout_ns < 0 ? 0 : &t);
    return r == -RT_EAGAIN ? 0 : r;
}

long rt_futex_wake(unsigned *word, int count)
{
    long r = SYS(202, word, 129 /* FUTEX_WAKE_PRIVATE */, count);
    return r < 0 ? r : 0;
}

long rt_thread_kill(long tid, int sig) { return SYS(234, SYS(39), tid, sig_to_native(sig)); }

/* ---- waiting for signals ---- */

int rt_sigsuspend(const uint64_t *mask)
{
    uint64_t ns = set_to_native(*mask);
    return (int)SYS(130, &ns, 8);
}

int rt_sigtimedwait(const uint64_t *set, long timeout_ns)
{
    uint64_t ns = set_to_native(*set);
    struct { long sec, nsec; } t = { timeout_ns / 1000000000, timeout_ns % 1000000000 };
    long r = SYS(128, &ns, 0, timeout_ns < 0 ? 0 : &t, 8);
    return r > 0 ? sig_from_native((int)r) : (int)r;
}

/* ---- processes ---- */

enum {
    NR_vfork = 58, NR_fork = 57, NR_execve = 59, NR_wait4 = 61, NR_getitimer = 36,
    NR_setitimer = 38, NR_setpgid = 109, NR_getpgrp = 111, NR_setsid = 112, NR_getresuid = 118,
    NR_getresgid = 120, NR_getpgid = 121, NR_getsid = 124, NR_getpriority = 140,
    NR_setpriority = 141, NR_prctl = 157, NR_waitid = 247,
};

__asm__(".text\n"
        "rt__linux_vfork_exit:\n"
        "\tmov $58, %eax\n\tsyscall\n\ttest %rax, %rax\n\tjz 3f\n\tret\n"
        "3:\tmov $231, %eax\n\tsyscall\n\tud2\n"
        "rt__linux_vfork_exec:\n"
        "\tmov $58, %eax\n\tsyscall\n\ttest %rax, %rax\n\tjz 3f\n\tret\n"
        "3:\tmov $59, %eax\n\tsyscall\n\tmov $127, %edi\n\tmov $231, %eax\n\tsyscall\n\tud2\n");
long rt__linux_vfork_exit(int code);
long rt__linux_vfork_exec(const char *path, char *const argv[], char *const envp[]);

static int negated(long r) { return (int)(r < 0 && r > -4096 ? from_errno(-r) : r); }
int rt_fork(void) { return (int)SYS(NR_fork); }
int rt_vfork_exit(int code) { return negated(rt__linux_vfork_exit(code)); }
int rt_vfork_exec(const char *p, char *const a[], char *const e[]) { return negated(rt__linux_vfork_exec(p, a, e)); }
int rt_execve(const char *p, char *const a[], char *const e[]) { return (int)SYS(NR_execve, p, a, e); }
int rt_fexecve(int fd, char *const a[], char *const e[]) { return (int)SYS(322, fd, "", a, e, 0x1000); }

static int status_from_native(int s)
{
    if (s == 0xffff)
        return s;
    if ((s & 0x7f) == 0)
        return s & 0xff00;
    if ((s & 0xff) == 0x7f)
        return sig_from_native((s >> 8) & 0xff) << 8 | 0x7f;
    return sig_from_native(s & 0x7f) | (s & 0x80);
}

static const struct rt__flag wait_flags[] = {
    { RT_WNOHANG, 1 }, { RT_WUNTRACED, 2 }, { RT_WCONTINUED, 8 }, { RT_WNOWAIT, 0x1000000 },
    { RT_WEXITED, 4 }, { 0, 0 },
};

int rt_wait4(int pid, int *status, int options, struct rt_rusage *ru)
{
    int st = 0;
    long r = SYS(NR_wait4, pid, status ? &st : 0, rt__to_native((unsigned)options, wait_flags), ru);
    if (r > 0 && status)
        *status = status_from_native(st);
    return (int)r;
}

int rt_waitid(int idtype, int id, struct rt_waitinfo *info, int options)
{
    struct linux_siginfo si = { 0 };
    int type = idtype == RT_P_PID ? 1 : idtype == RT_P_PGID ? 2 : idtype == RT_P_ALL ? 0 : 99;
    long r = SYS(NR_waitid, type, id, &si, rt__to_native((unsigned)options, wait_flags), 0);
    if (r < 0)
        return (int)r;
    *info = (struct rt_waitinfo){ 0 };
    if (si.u.chld.pid == 0)
        return 0;
    info->pid = si.u.chld.pid;
    info->uid = (int)si.u.chld.uid;
    info->code = code_from_native(RT_SIGCHLD, si.code);
    info->status = si.code == 1 ? si.u.chld.status : sig_from_native(si.u.chld.status);
    return 0;
}

int rt_getpgrp(void) { return (int)SYS(NR_getpgrp); }
int rt_setpgid(int pid, int pgid) { return (int)SYS(NR_setpgid, pid, pgid); }
int rt_getpgid(int pid) { return (int)SYS(NR_getpgid, pid); }
int rt_setsid(void) { return (int)SYS(NR_setsid); }
int rt_getsid(int pid) { return (int)SYS(NR_getsid, pid); }
int rt_getresuid(unsigned *r, unsigned *e, unsigned *s) { return (int)SYS(NR_getresuid, r, e, s); }
int rt_getresgid(unsigned *r, unsigned *e, unsigned *s) { return (int)SYS(NR_getresgid, r, e, s); }

/* The raw Linux getpriority returns 20 - nice. */
int rt_getpriority(int which, int who, int *nice)
{
    long r = SYS(NR_getpriority, which, who);
    if (r < 0)
        return (int)r;
    *nice = 20 - (int)r;
    return 0;
}

int rt_setpriority(int which, int who, int nice) { return (int)SYS(NR_setpriority, which, who, nice); }
int rt_setitimer(int which, const struct rt_itimerval *nv, struct rt_itimerval *old) { return (int)SYS(NR_setitimer, which, nv, old); }
int rt_getitimer(int which, struct rt_itimerval *v) { return (int)SYS(NR_getitimer, which, v); }

enum { PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_SET_CHILD_SUBREAPER = 36,
       PR_GET_CHILD_SUBREAPER = 37, PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39 };

int rt_set_pdeathsig(int sig) { return (int)SYS(NR_prctl, PR_SET_PDEATHSIG, sig ? sig_to_native(sig) : 0); }

int rt_get_pdeathsig(int *sig)
{
    int n = 0;
    long r = SYS(NR_prctl, PR_GET_PDEATHSIG, &n);
    if (r >= 0)
        *sig = n ? sig_from_native(n) : 0;
    return (int)r;
}

/* FreeBSD refuses to acquire twice (EBUSY) and to release when not a reaper (EINVAL). */
int rt_reaper_acquire(void)
{
    int on = 0;
    SYS(NR_prctl, PR_GET_CHILD_SUBREAPER, &on);
    return on ? -RT_EBUSY : (int)SYS(NR_prctl, PR_SET_CHILD_SUBREAPER, 1);
}

int rt_reaper_release(void)
{
    int on = 0;
    SYS(NR_prctl, PR_GET_CHILD_SUBREAPER, &on);
    return !on ? -RT_EINVAL : (int)SYS(NR_prctl, PR_SET_CHILD_SUBREAPER, 0);
}

int rt_no_new_privs(int *enabled)
{
    long r = SYS(NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    if (r < 0)
        return (int)r;
    r = SYS(NR_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
    if (r < 0)
        return (int)r;
    *enabled = r == 1;
    return 0;
}

/* ---- synchronisation objects on futexes ---- */

#define FUTEX(p, op, v) SYS(202, (p), (op) | 128, (v), 0)
#define CAS(p, e, n) __atomic_compare_exchange_n((p), &(e), (n), 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)

/* w[0]: 0 unlocked, 1 locked, 2 locked with waiters */
long rt_mutex_lock(struct rt_mutex *m)
{
    uint32_t e = 0;
    if (CAS(&m->w[0], e, 1)) return 0;
    while (__atomic_exchange_n(&m->w[0], 2, __ATOMIC_SEQ_CST) != 0) FUTEX(&m->w[0], 0, 2);
    return 0;
}

long rt_mutex_trylock(struct rt_mutex *m)
{
    uint32_t e = 0;
    return CAS(&m->w[0], e, 1) ? 0 : -RT_EBUSY;
}

long rt_mutex_unlock(struct rt_mutex *m)
{
    if (__atomic_exchange_n(&m->w[0], 0, __ATOMIC_SEQ_CST) == 2) FUTEX(&m->w[0], 1, 1);
    return 0;
}

/* w[0]: sequence */
long rt_cond_wait(struct rt_cond *c, struct rt_mutex *m)
{
    uint32_t seq = __atomic_load_n(&c->w[0], __ATOMIC_SEQ_CST);
    rt_mutex_unlock(m);
    FUTEX(&c->w[0], 0, seq);
    rt_mutex_lock(m);
    return 0;
}

long rt_cond_signal(struct rt_cond *c) { __atomic_fetch_add(&c->w[0], 1, __ATOMIC_SEQ_CST); FUTEX(&c->w[0], 1, 1); return 0; }
long rt_cond_broadcast(struct rt_cond *c) { __atomic_fetch_add(&c->w[0], 1, __ATOMIC_SEQ_CST); FUTEX(&c->w[0], 1, 0x7fffffff); return 0; }

/* w[0]: readers count or 0x80000000 for a writer; waiters simply retry after a wake */
long rt_rwlock_rdlock(struct rt_rwlock *l)
{
    for (;;) {
        uint32_t s = __atomic_load_n(&l->w[0], __ATOMIC_SEQ_CST);
        if (!(s & 0x80000000u)) { if (CAS(&l->w[0], s, s + 1)) return 0; continue; }
        FUTEX(&l->w[0], 0, s);
    }
}

long rt_rwlock_wrlock(struct rt_rwlock *l)
{
    for (;;) {
        uint32_t e = 0;
        if (CAS(&l->w[0], e, 0x80000000u)) return 0;
        FUTEX(&l->w[0], 0, e);
    }
}

long rt_rwlock_unlock(struct rt_rwlock *l)
{
    for (;;) {
        uint32_t s = __atomic_load_n(&l->w[0], __ATOMIC_SEQ_CST);
        uint32_t n = (s & 0x80000000u) ? 0 : s - 1;
        if (CAS(&l->w[0], s, n)) break;
    }
    FUTEX(&l->w[0], 1, 0x7fffffff);
    return 0;
}

long rt_sem_wait(struct rt_sem *s)
{
    for (;;) {
        uint32_t c = __atomic_load_n(&s->w[0], __ATOMIC_SEQ_CST);
        if (c > 0) { if (CAS(&s->w[0], c, c - 1)) return 0; continue; }
        FUTEX(&s->w[0], 0, 0);
    }
}

long rt_sem_post(struct rt_sem *s) { __atomic_fetch_add(&s->w[0], 1, __ATOMIC_SEQ_CST); FUTEX(&s->w[0], 1, 1); return 0; }
