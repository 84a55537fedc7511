/*
 * freebsd.c - FreeBSD/amd64 back end of the guest runtime: raw syscalls (number in rax, args in
 * rdi rsi rdx r10 r8 r9, carry set and a positive errno in rax on failure), FreeBSD numbers,
 * flags and struct layouts (see shared/reference/freebsd-abi.md), translated to rt.h's names.
 */
#include "rt.h"

const char rt_os_name[] = "FreeBSD";
const int rt_is_freebsd = 1;

enum {
    SYS_exit = 1, SYS_read = 3, SYS_write = 4, SYS_open = 5, SYS_close = 6, SYS_link = 9,
    SYS_unlink = 10, SYS_chdir = 12, SYS_fchdir = 13, SYS_getpid = 20, SYS_getuid = 24,
    SYS_geteuid = 25, SYS_access = 33, SYS_kill = 37, SYS_getppid = 39, SYS_dup = 41,
    SYS_getegid = 43, SYS_getgid = 47, SYS_sigaltstack = 53, SYS_ioctl = 54, SYS_symlink = 57,
    SYS_readlink = 58, SYS_umask = 60, SYS_msync = 65, SYS_munmap = 73, SYS_mprotect = 74,
    SYS_madvise = 75, SYS_mincore = 78, SYS_getgroups = 79, SYS_dup2 = 90, SYS_fcntl = 92,
    SYS_fsync = 95, SYS_gettimeofday = 116, SYS_getrusage = 117, SYS_readv = 120,
    SYS_writev = 121, SYS_rename = 128, SYS_mkdir = 136, SYS_rmdir = 137, SYS_sysarch = 165,
    SYS_getrlimit = 194, SYS_setrlimit = 195, SYS___sysctl = 202, SYS_clock_gettime = 232,
    SYS_clock_getres = 234, SYS_nanosleep = 240, SYS_clock_nanosleep = 244,
    SYS_issetugid = 253, SYS___getcwd = 326, SYS_sched_yield = 331, SYS_sigprocmask = 340,
    SYS_sigpending = 343, SYS_sigaction = 416, SYS_thr_self = 432, SYS_pread = 475,
    SYS_pwrite = 476, SYS_mmap = 477, SYS_lseek = 478, SYS_ftruncate = 480,
    SYS_faccessat = 489, SYS_mkdirat = 496, SYS_openat = 499, SYS_readlinkat = 500,
    SYS_renameat = 501, SYS_symlinkat = 502, SYS_unlinkat = 503, SYS_pipe2 = 542,
    SYS_fstat = 551, SYS_fstatat = 552, SYS_getdirentries = 554, SYS_getrandom = 563,
    SYS___sysctlbyname = 570, SYS_recvmsg = 27, SYS_sendmsg = 28, SYS_recvfrom = 29,
    SYS_accept = 30, SYS_getpeername = 31, SYS_getsockname = 32, SYS_select = 93,
    SYS_socket = 97, SYS_connect = 98, SYS_bind = 104, SYS_setsockopt = 105, SYS_listen = 106,
    SYS_getsockopt = 118, SYS_sendto = 133, SYS_shutdown = 134, SYS_socketpair = 135,
    SYS_poll = 209, SYS_kqueue = 362, SYS_freebsd11_kevent = 363, SYS_pselect = 522,
    SYS_accept4 = 541, SYS_ppoll = 545, SYS_kevent = 560, SYS_kqueuex = 583,
};

#define FBSD_ERRNOS(X) X(EPERM, 1) X(ENOENT, 2) X(ESRCH, 3) X(EINTR, 4) X(EIO, 5) X(ENXIO, 6) \
    X(E2BIG, 7) X(ENOEXEC, 8) X(EBADF, 9) X(ECHILD, 10) X(EDEADLK, 11) X(ENOMEM, 12) \
    X(EACCES, 13) X(EFAULT, 14) X(ENOTBLK, 15) X(EBUSY, 16) X(EEXIST, 17) X(EXDEV, 18) \
    X(ENODEV, 19) X(ENOTDIR, 20) X(EISDIR, 21) X(EINVAL, 22) X(ENFILE, 23) X(EMFILE, 24) \
    X(ENOTTY, 25) X(ETXTBSY, 26) X(EFBIG, 27) X(ENOSPC, 28) X(ESPIPE, 29) X(EROFS, 30) \
    X(EMLINK, 31) X(EPIPE, 32) X(EDOM, 33) X(ERANGE, 34) X(EAGAIN, 35) X(EINPROGRESS, 36) \
    X(EALREADY, 37) X(ENOTSOCK, 38) X(EOPNOTSUPP, 45) X(EAFNOSUPPORT, 47) X(EADDRINUSE, 48) \
    X(ETIMEDOUT, 60) X(ECONNREFUSED, 61) X(ELOOP, 62) X(ENAMETOOLONG, 63) X(ENOTEMPTY, 66) \
    X(ENOLCK, 77) X(ENOSYS, 78) X(EFTYPE, 79) X(EOVERFLOW, 84) X(ECANCELED, 85) X(EILSEQ, 86) \
    X(EDOOFUS, 88) X(ENOTCAPABLE, 93) X(ECAPMODE, 94) X(EINTEGRITY, 97) X(EDESTADDRREQ, 39) \
    X(EMSGSIZE, 40) X(EPROTOTYPE, 41) X(ENOPROTOOPT, 42) X(EPROTONOSUPPORT, 43) \
    X(ESOCKTNOSUPPORT, 44) X(EADDRNOTAVAIL, 49) X(ENETUNREACH, 51) X(ECONNABORTED, 53) \
    X(ECONNRESET, 54) X(ENOBUFS, 55) X(EISCONN, 56) X(ENOTCONN, 57) X(EHOSTUNREACH, 65)

#define FBSD_SIGNALS(X) X(SIGHUP, 1) X(SIGINT, 2) X(SIGQUIT, 3) X(SIGILL, 4) X(SIGTRAP, 5) \
    X(SIGABRT, 6) X(SIGFPE, 8) X(SIGKILL, 9) X(SIGBUS, 10) X(SIGSEGV, 11) X(SIGSYS, 12) \
    X(SIGPIPE, 13) X(SIGALRM, 14) X(SIGTERM, 15) X(SIGURG, 16) X(SIGSTOP, 17) X(SIGTSTP, 18) \
    X(SIGCONT, 19) X(SIGCHLD, 20) X(SIGTTIN, 21) X(SIGTTOU, 22) X(SIGIO, 23) X(SIGXCPU, 24) \
    X(SIGXFSZ, 25) X(SIGVTALRM, 26) X(SIGPROF, 27) X(SIGWINCH, 28) X(SIGUSR1, 30) X(SIGUSR2, 31)

static long from_errno(long e)
{
    switch (e) {
#define E_(name, num) case num: return -RT_##name;
    FBSD_ERRNOS(E_)
#undef E_
    }
    return -RT_EUNKNOWN;
}

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
    _Bool cf;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    __asm__ volatile("syscall"
                     : "+a"(n), "=@ccc"(cf), "+D"(a), "+S"(b), "+d"(c), "+r"(r10), "+r"(r8), "+r"(r9)
                     :
                     : "rcx", "r11", "memory");
    return cf ? from_errno(n) : n;
}
#define SYS_(n, a, b, c, d, e, f, ...) \
    sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
#define SYS(...) SYS_(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0)

/* ---- signals ---- */

static int sig_to_native(int sig)
{
    switch (sig) {
#define S_(name, num) case RT_##name: return num;
    FBSD_SIGNALS(S_)
#undef S_
    }
    return sig > 0 ? 127 + sig : 0;   /* unknown: an invalid native number (EINVAL) */
}

static int sig_from_native(int sig)
{
    switch (sig) {
#define S_(name, num) case num: return RT_##name;
    FBSD_SIGNALS(S_)
#undef S_
    }
    return RT_SIGNONE;
}

struct fbsd_sigset { uint32_t bits[4]; };

static void set_to_native(uint64_t set, struct fbsd_sigset *ns)
{
    *ns = (struct fbsd_sigset){ { 0 } };
    for (int s = 1; s < RT_NSIG; s++)
        if (set & RT_SIGBIT(s)) {
            int n = sig_to_native(s) - 1;
            ns->bits[n / 32] |= 1u << (n % 32);
        }
}

static uint64_t set_from_native(const struct fbsd_sigset *ns)
{
    uint64_t set = 0;
    for (int s = 1; s < RT_NSIG; s++) {
        int n = sig_to_native(s) - 1;
        if (ns->bits[n / 32] & (1u << (n % 32)))
            set |= RT_SIGBIT(s);
    }
    return set;
}

enum { SI_USER = 0x10001, SI_QUEUE = 0x10002, SI_KERNEL = 0x10006, SI_LWP = 0x10007 };

static int code_from_native(int sig, int code)
{
    switch (code) {
    case SI_USER: return RT_SI_USER;
    case SI_QUEUE: return RT_SI_QUEUE;
    case SI_KERNEL: return RT_SI_KERNEL;
    case SI_LWP: return RT_SI_TKILL;
    }
    static const unsigned char segv[] = { 0, RT_SEGV_MAPERR, RT_SEGV_ACCERR };
    static const unsigned char bus[] = { 0, RT_BUS_ADRALN, RT_BUS_ADRERR, RT_BUS_OBJERR };
    static const unsigned char fpe[] = { 0, RT_FPE_INTOVF, RT_FPE_INTDIV, RT_FPE_FLTDIV,
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

struct fbsd_siginfo {   /* 80 bytes */
    int signo, err, code, pid;
    uint32_t uid;
    int status;
    uint64_t addr;
    uint64_t value;
    long reason[5];
};

struct fbsd_sigaction { uint64_t handler; int flags; struct fbsd_sigset mask; };
_Static_assert(sizeof(struct fbsd_sigaction) == 32, "struct sigaction");

enum { SA_ONSTACK = 1, SA_RESTART = 2, SA_RESETHAND = 4, SA_NODEFER = 0x10, SA_SIGINFO = 0x40 };
static const struct rt__flag sa_flags[] = {
    { RT_SA_RESTART, SA_RESTART }, { RT_SA_RESETHAND, SA_RESETHAND },
    { RT_SA_NODEFER, SA_NODEFER }, { RT_SA_ONSTACK, SA_ONSTACK }, { RT_SA_NOCLDWAIT, 0x20 }, { 0, 0 },
};

static rt_handler handlers[RT_NSIG];

static void dispatch(int nsig, struct fbsd_siginfo *nsi, void *uc)
{
    int sig = sig_from_native(nsig);
    struct rt_siginfo si = {
        .signo = sig_from_native(nsi->signo), .code = code_from_native(sig, nsi->code),
        .err = nsi->err, .pid = nsi->pid, .uid = (int)nsi->uid, .addr = nsi->addr,
    };
    if (sig == RT_SIGCHLD)
        si.status = si.code == RT_CLD_EXITED ? nsi->status : sig_from_native(nsi->status);
    if (handlers[sig])
        handlers[sig](sig, &si, uc);
}

int rt_sigaction(int sig, rt_handler h, int flags, uint64_t mask, rt_handler *old)
{
    struct fbsd_sigaction sa = { 0 }, osa = { 0 };
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
    sa.flags |= (int)rt__to_native((unsigned)flags, sa_flags);
    set_to_native(mask, &sa.mask);
    long r = SYS(SYS_sigaction, sig_to_native(sig), h == RT_SIG_GET ? 0 : &sa, &osa);
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
    return how == RT_SIG_BLOCK ? 1 : how == RT_SIG_UNBLOCK ? 2 : how == RT_SIG_SETMASK ? 3 : 99;
}

int rt_sigprocmask(int how, const uint64_t *set, uint64_t *old)
{
    struct fbsd_sigset ns, os;
    if (set)
        set_to_native(*set, &ns);
    long r = SYS(SYS_sigprocmask, how_to_native(how), set ? &ns : 0, old ? &os : 0);
    if (r >= 0 && old)
        *old = set_from_native(&os);
    return (int)r;
}

int rt_sigpending(uint64_t *set)
{
    struct fbsd_sigset ns;
    long r = SYS(SYS_sigpending, &ns);
    if (r >= 0)
        *set = set_from_native(&ns);
    return (int)r;
}

int rt_kill(int pid, int sig) { return (int)SYS(SYS_kill, pid, sig ? sig_to_native(sig) : 0); }

struct fbsd_stack { void *sp; size_t size; int flags; };
enum { SS_ONSTACK = 1, SS_DISABLE = 4 };

int rt_sigaltstack(const struct rt_stack *ss, struct rt_stack *old)
{
    struct fbsd_stack ns, os;
    if (ss)
        ns = (struct fbsd_stack){ ss->sp, ss->size,
            ((ss->flags & RT_SS_ONSTACK) ? SS_ONSTACK : 0) | ((ss->flags & RT_SS_DISABLE) ? SS_DISABLE : 0) };
    long r = SYS(SYS_sigaltstack, ss ? &ns : 0, old ? &os : 0);
    if (r >= 0 && old)
        *old = (struct rt_stack){ os.sp, os.size,
            ((os.flags & SS_ONSTACK) ? RT_SS_ONSTACK : 0) | ((os.flags & SS_DISABLE) ? RT_SS_DISABLE : 0) };
    return (int)r;
}

/* ucontext_t: uc_sigmask (16 bytes), then mcontext_t; offsets of the registers in mcontext_t. */
uint64_t *rt_uc_reg(void *uc, int reg)
{
    static const unsigned short off[] = {
        [RT_REG_RAX] = 56, [RT_REG_RBX] = 64, [RT_REG_RCX] = 32, [RT_REG_RDX] = 24,
        [RT_REG_RSI] = 16, [RT_REG_RDI] = 8, [RT_REG_RBP] = 72, [RT_REG_RSP] = 184,
        [RT_REG_R8] = 40, [RT_REG_R9] = 48, [RT_REG_R10] = 80, [RT_REG_R11] = 88,
        [RT_REG_R12] = 96, [RT_REG_R13] = 104, [RT_REG_R14] = 112, [RT_REG_R15] = 120,
        [RT_REG_RIP] = 160, [RT_REG_RFLAGS] = 176,
    };
    return (uint64_t *)((char *)uc + 16 + off[reg]);
}

/* mcontext_t.mc_fpstate (uc + 16 + 224) holds the FXSAVE image itself. */
void *rt_uc_fxsave(void *uc) { return (char *)uc + 16 + 224; }

/* ---- files ---- */

static const struct rt__flag o_flags[] = {
    { RT_O_CREAT, 0x200 }, { RT_O_EXCL, 0x800 }, { RT_O_TRUNC, 0x400 }, { RT_O_APPEND, 8 },
    { RT_O_NONBLOCK, 4 }, { RT_O_DIRECTORY, 0x20000 }, { RT_O_NOFOLLOW, 0x100 },
    { RT_O_CLOEXEC, 0x100000 }, { 0, 0 },
};
static const struct rt__flag at_flags[] = {
    { RT_AT_SYMLINK_NOFOLLOW, 0x200 }, { RT_AT_REMOVEDIR, 0x800 }, { RT_AT_EACCESS, 0x100 },
    { RT_AT_SYMLINK_FOLLOW, 0x400 }, { 0, 0 },
};
static long oflags(int f) { return (f & RT_O_ACCMODE) | (long)rt__to_native((unsigned)f, o_flags); }
static long atflags(int f) { return (long)rt__to_native((unsigned)f, at_flags); }

long rt_read(int fd, void *buf, size_t n) { return SYS(SYS_read, fd, buf, n); }
long rt_write(int fd, const void *buf, size_t n) { return SYS(SYS_write, fd, buf, n); }
long rt_readv(int fd, const struct rt_iovec *iov, int cnt) { return SYS(SYS_readv, fd, iov, cnt); }
long rt_writev(int fd, const struct rt_iovec *iov, int cnt) { return SYS(SYS_writev, fd, iov, cnt); }
long rt_pread(int fd, void *buf, size_t n, int64_t off) { return SYS(SYS_pread, fd, buf, n, off); }
long rt_pwrite(int fd, const void *buf, size_t n, int64_t off) { return SYS(SYS_pwrite, fd, buf, n, off); }
int rt_open(const char *p, int flags, int mode) { return (int)SYS(SYS_open, p, oflags(flags), mode); }
int rt_openat(int dfd, const char *p, int flags, int mode) { return (int)SYS(SYS_openat, dfd, p, oflags(flags), mode); }
int rt_close(int fd) { return (int)SYS(SYS_close, fd); }
int64_t rt_lseek(int fd, int64_t off, int whence) { return SYS(SYS_lseek, fd, off, whence); }
int rt_ftruncate(int fd, int64_t len) { return (int)SYS(SYS_ftruncate, fd, len); }
int rt_fsync(int fd) { return (int)SYS(SYS_fsync, fd); }

struct fbsd_stat {      /* ino64 layout, FreeBSD 12+ */
    uint64_t dev, ino, nlink;
    uint16_t mode;
    int16_t bsdflags;
    uint32_t uid, gid;
    int32_t pad1;
    uint64_t rdev;
    int64_t atim[2], mtim[2], ctim[2], birthtim[2];
    int64_t size, blocks;
    int32_t blksize;
    uint32_t flags;
    uint64_t gen, spare[10];
};
_Static_assert(sizeof(struct fbsd_stat) == 224, "struct stat");
_Static_assert(__builtin_offsetof(struct fbsd_stat, size) == 112, "st_size");

static int stat_result(long r, const struct fbsd_stat *s, struct rt_stat *st)
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
    struct fbsd_stat s;
    return stat_result(SYS(SYS_fstat, fd, &s), &s, st);
}

int rt_fstatat(int dfd, const char *p, struct rt_stat *st, int f)
{
    struct fbsd_stat s;
    return stat_result(SYS(SYS_fstatat, dfd, p, &s, atflags(f)), &s, st);
}

int rt_stat(const char *p, struct rt_stat *st) { return rt_fstatat(RT_AT_FDCWD, p, st, 0); }
int rt_lstat(const char *p, struct rt_stat *st) { return rt_fstatat(RT_AT_FDCWD, p, st, RT_AT_SYMLINK_NOFOLLOW); }

long rt_getdents(int fd, void *buf, size_t n)
{
    int64_t base;
    return SYS(SYS_getdirentries, fd, buf, n, &base);
}

/* struct dirent: d_fileno u64 @0, d_off @8, d_reclen u16 @16, d_type u8 @18, d_namlen u16 @20, d_name @24 */
int rt_dirent_next(const void *buf, long len, long *pos, struct rt_dirent *d)
{
    if (*pos >= len)
        return 0;
    const unsigned char *rec = (const unsigned char *)buf + *pos;
    uint16_t reclen, namlen;
    memcpy(&d->ino, rec, 8);
    memcpy(&reclen, rec + 16, 2);
    memcpy(&namlen, rec + 20, 2);
    d->type = rec[18];
    d->namlen = namlen;
    d->name = (const char *)rec + 24;
    *pos += reclen ? reclen : len;
    return 1;
}

int rt_access(const char *p, int mode) { return (int)SYS(SYS_access, p, mode); }
int rt_faccessat(int dfd, const char *p, int mode, int f) { return (int)SYS(SYS_faccessat, dfd, p, mode, atflags(f)); }
long rt_readlink(const char *p, char *buf, size_t n) { return SYS(SYS_readlink, p, buf, n); }
long rt_readlinkat(int dfd, const char *p, char *buf, size_t n) { return SYS(SYS_readlinkat, dfd, p, buf, n); }
int rt_symlink(const char *t, const char *p) { return (int)SYS(SYS_symlink, t, p); }
int rt_symlinkat(const char *t, int dfd, const char *p) { return (int)SYS(SYS_symlinkat, t, dfd, p); }
int rt_link(const char *a, const char *b) { return (int)SYS(SYS_link, a, b); }
int rt_getcwd(char *buf, size_t n) { return (int)SYS(SYS___getcwd, buf, n); }
int rt_chdir(const char *p) { return (int)SYS(SYS_chdir, p); }
int rt_fchdir(int fd) { return (int)SYS(SYS_fchdir, fd); }
int rt_mkdir(const char *p, int mode) { return (int)SYS(SYS_mkdir, p, mode); }
int rt_mkdirat(int dfd, const char *p, int mode) { return (int)SYS(SYS_mkdirat, dfd, p, mode); }
int rt_rmdir(const char *p) { return (int)SYS(SYS_rmdir, p); }
int rt_unlink(const char *p) { return (int)SYS(SYS_unlink, p); }
int rt_unlinkat(int dfd, const char *p, int f) { return (int)SYS(SYS_unlinkat, dfd, p, atflags(f)); }
int rt_rename(const char *a, const char *b) { return (int)SYS(SYS_rename, a, b); }
int rt_renameat(int fa, const char *a, int fb, const char *b) { return (int)SYS(SYS_renameat, fa, a, fb, b); }
int rt_dup(int fd) { return (int)SYS(SYS_dup, fd); }
int rt_dup2(int fd, int to) { return (int)SYS(SYS_dup2, fd, to); }
int rt_umask(int mask) { return (int)SYS(SYS_umask, mask); }

int rt_pipe2(int fds[2], int flags) { return (int)SYS(SYS_pipe2, fds, oflags(flags)); }

long rt_fcntl(int fd, int cmd, long arg)
{
    switch (cmd) {
    case RT_F_DUPFD: return SYS(SYS_fcntl, fd, 0, arg);
    case RT_F_GETFD: return SYS(SYS_fcntl, fd, 1);
    case RT_F_SETFD: return SYS(SYS_fcntl, fd, 2, arg);
    case RT_F_GETFL: {
        long r = SYS(SYS_fcntl, fd, 3);
        return r < 0 ? r : (r & RT_O_ACCMODE) | (long)rt__from_native((unsigned long)r & ~3ul, o_flags);
    }
    case RT_F_SETFL: return SYS(SYS_fcntl, fd, 4, oflags((int)arg));
    case RT_F_DUPFD_CLOEXEC: return SYS(SYS_fcntl, fd, 17, arg);
    }
    return SYS(SYS_fcntl, fd, 1000 + cmd, arg);
}

int rt_ioctl(int fd, int req, void *arg)
{
    static const unsigned long reqs[] = {
        [RT_TIOCGWINSZ] = 0x40087468, [RT_FIONREAD] = 0x4004667f, [RT_FIONBIO] = 0x8004667e,
        [RT_FIOCLEX] = 0x20006601, [RT_FIONCLEX] = 0x20006602,
    };
    unsigned long n = req > 0 && req < (int)RT_COUNT(reqs) ? reqs[req] : 0x2000ff00ul + (unsigned)req;
    return (int)SYS(SYS_ioctl, fd, n, arg);
}

/* ---- process ---- */

RT_NORETURN void rt_exit(int status)
{
    SYS(SYS_exit, status);
    __builtin_trap();
}

int rt_getpid(void) { return (int)SYS(SYS_getpid); }
int rt_getppid(void) { return (int)SYS(SYS_getppid); }
int rt_getuid(void) { return (int)SYS(SYS_getuid); }
int rt_geteuid(void) { return (int)SYS(SYS_geteuid); }
int rt_getgid(void) { return (int)SYS(SYS_getgid); }
int rt_getegid(void) { return (int)SYS(SYS_getegid); }
int rt_getgroups(int n, uint32_t *g) { return (int)SYS(SYS_getgroups, n, g); }
int rt_issetugid(void) { return (int)SYS(SYS_issetugid); }
int rt_sched_yield(void) { return (int)SYS(SYS_sched_yield); }

long rt_thr_self(void)
{
    long id = 0;
    long r = SYS(SYS_thr_self, &id);
    return r < 0 ? r : id;
}

static int rlimit_to_native(int res)
{
    switch (res) {
    case RT_RLIMIT_CPU: return 0;
    case RT_RLIMIT_FSIZE: return 1;
    case RT_RLIMIT_DATA: return 2;
    case RT_RLIMIT_STACK: return 3;
    case RT_RLIMIT_CORE: return 4;
    case RT_RLIMIT_NOFILE: return 8;
    case RT_RLIMIT_AS: return 10;
    }
    return 1000 + res;
}
#define FBSD_RLIM_INFINITY 0x7fffffffffffffffull

/* struct rlimit has the same layout; only RLIM_INFINITY differs, fixed up in place (the kernel
 * gets the caller's pointer so that a bad one fails with EFAULT). */
int rt_getrlimit(int res, struct rt_rlimit *rl)
{
    long r = SYS(SYS_getrlimit, rlimit_to_native(res), rl);
    if (r >= 0) {
        if (rl->cur == FBSD_RLIM_INFINITY) rl->cur = RT_RLIM_INFINITY;
        if (rl->max == FBSD_RLIM_INFINITY) rl->max = RT_RLIM_INFINITY;
    }
    return (int)r;
}

int rt_setrlimit(int res, const struct rt_rlimit *rl)
{
    uint64_t v[2];
    for (int i = 0; i < 2; i++)
        v[i] = (&rl->cur)[i] == RT_RLIM_INFINITY ? FBSD_RLIM_INFINITY : (&rl->cur)[i];
    return (int)SYS(SYS_setrlimit, rlimit_to_native(res), v);
}

int rt_getrusage(int who, struct rt_rusage *ru) { return (int)SYS(SYS_getrusage, who, ru); }

enum { AMD64_GET_FSBASE = 128, AMD64_SET_FSBASE = 129 };
int rt_set_fsbase(uint64_t base) { return (int)SYS(SYS_sysarch, AMD64_SET_FSBASE, &base); }
int rt_get_fsbase(uint64_t *base) { return (int)SYS(SYS_sysarch, AMD64_GET_FSBASE, base); }

/* uname(3) is libc-only on FreeBSD: built from kern.ostype/hostname/osrelease/version, hw.machine */
int rt_uname(struct rt_utsname *u)
{
    static const int mibs[5][2] = { { 1, 1 }, { 1, 10 }, { 1, 2 }, { 1, 4 }, { 6, 1 } };
    char *fields[5] = { u->sysname, u->nodename, u->release, u->version, u->machine };
    for (int i = 0; i < 5; i++) {
        size_t len = 256;
        int r = rt_sysctl(mibs[i], 2, fields[i], &len, 0, 0);
        if (r < 0)
            return r;
        fields[i][255] = 0;
    }
    for (char *p = u->version; *p; p++)     /* as libc does: newlines and tabs become spaces */
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    return 0;
}

/* ---- time ---- */

static int clock_to_native(int clk)
{
    switch (clk) {
    case RT_CLOCK_REALTIME: return 0;
    case RT_CLOCK_MONOTONIC: return 4;
    case RT_CLOCK_THREAD_CPUTIME_ID: return 14;
    case RT_CLOCK_PROCESS_CPUTIME_ID: return 15;
    }
    return 1000 + clk;
}

int rt_clock_gettime(int clk, struct rt_timespec *ts) { return (int)SYS(SYS_clock_gettime, clock_to_native(clk), ts); }
int rt_clock_getres(int clk, struct rt_timespec *ts) { return (int)SYS(SYS_clock_getres, clock_to_native(clk), ts); }
int rt_gettimeofday(struct rt_timeval *tv) { return (int)SYS(SYS_gettimeofday, tv, 0); }
int rt_nanosleep(const struct rt_timespec *req, struct rt_timespec *rem) { return (int)SYS(SYS_nanosleep, req, rem); }

/* clock_nanosleep reports failure POSIX-style: success of the syscall, errno as the value. */
int rt_clock_nanosleep(int clk, int flags, const struct rt_timespec *req, struct rt_timespec *rem)
{
    long r = SYS(SYS_clock_nanosleep, clock_to_native(clk), flags, req, rem);
    return (int)(r > 0 ? from_errno(r) : r);
}

long rt_getrandom(void *buf, size_t n, unsigned flags) { return SYS(SYS_getrandom, buf, n, flags); }

/* ---- memory ---- */

static const struct rt__flag map_flags[] = {
    { RT_MAP_SHARED, 1 }, { RT_MAP_PRIVATE, 2 }, { RT_MAP_FIXED, 0x10 }, { RT_MAP_ANON, 0x1000 },
    { RT_MAP_EXCL, 0x4000 }, { RT_MAP_STACK, 0x400 }, { RT_MAP_GUARD, 0x2000 },
    { RT_MAP_32BIT, 0x80000 }, { 0, 0 },
};

void *rt_mmap(void *addr, size_t len, int prot, int flags, int fd, int64_t off)
{
    return (void *)SYS(SYS_mmap, addr, len, prot, rt__to_native((unsigned)flags, map_flags), fd, off);
}

int rt_munmap(void *addr, size_t len) { return (int)SYS(SYS_munmap, addr, len); }
int rt_mprotect(void *addr, size_t len, int prot) { return (int)SYS(SYS_mprotect, addr, len, prot); }

int rt_madvise(void *addr, size_t len, int advice)
{
    int n = advice >= RT_MADV_NORMAL && advice <= RT_MADV_FREE ? advice - 1 : 1000 + advice;
    return (int)SYS(SYS_madvise, addr, len, n);   /* NORMAL 0 .. DONTNEED 4, FREE 5 */
}

int rt_mincore(void *addr, size_t len, unsigned char *vec)
{
    long r = SYS(SYS_mincore, addr, len, vec);
    if (r >= 0)
        for (size_t i = 0; i < (len + 4095) / 4096; i++)
            vec[i] &= 1;    /* MINCORE_INCORE; drop the referenced/modified/super bits */
    return (int)r;
}

int rt_msync(void *addr, size_t len, int flags)
{
    int n = ((flags & RT_MS_ASYNC) ? 1 : 0) | ((flags & RT_MS_INVALIDATE) ? 2 : 0);  /* MS_SYNC = 0 */
    return (int)SYS(SYS_msync, addr, len, n);
}

/* ---- sysctl ---- */

int rt_sysctl(const int *mib, unsigned n, void *old, size_t *oldlen, const void *nw, size_t newlen)
{
    return (int)SYS(SYS___sysctl, mib, n, old, oldlen, nw, newlen);
}

int rt_sysctlbyname(const char *name, void *old, size_t *oldlen, const void *nw, size_t newlen)
{
    return (int)SYS(SYS___sysctlbyname, name, strlen(name), old, oldlen, nw, newlen);
}

/* ---- sockets ---- */

enum { AF_UNIX = 1, AF_INET = 2, AF_INET6 = 28, SOCK_CLOEXEC = 0x10000000, SOCK_NONBLOCK = 0x20000000 };

struct fbsd_sockaddr_in { uint8_t len, family; uint16_t port; uint8_t addr[4]; uint8_t zero[8]; };
struct fbsd_sockaddr_in6 { uint8_t len, family; uint16_t port; uint32_t flowinfo; uint8_t addr[16]; uint32_t scope_id; };
struct fbsd_sockaddr_un { uint8_t len, family; char path[104]; };
_Static_assert(sizeof(struct fbsd_sockaddr_in6) == 28, "sockaddr_in6");
_Static_assert(sizeof(struct fbsd_sockaddr_un) == 106, "sockaddr_un");
union fbsd_sockaddr { struct fbsd_sockaddr_in in; struct fbsd_sockaddr_in6 in6; struct fbsd_sockaddr_un un; uint8_t raw[128]; };

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

/* Builds the native address; returns its length (FreeBSD: sa_len is set to it). */
static int sa_to_native(const struct rt_sockaddr *sa, union fbsd_sockaddr *n)
{
    memset(n, 0, sizeof *n);
    switch (sa->family) {
    case RT_AF_INET:
        n->in = (struct fbsd_sockaddr_in){ 16, AF_INET, swap16(sa->port), { 0 }, { 0 } };
        memcpy(n->in.addr, sa->addr, 4);
        return 16;
    case RT_AF_INET6:
        n->in6 = (struct fbsd_sockaddr_in6){ 28, AF_INET6, swap16(sa->port), 0, { 0 }, sa->scope_id };
        memcpy(n->in6.addr, sa->addr, 16);
        return 28;
    case RT_AF_UNIX: {
        size_t l = strlen(sa->path);
        if (l > sizeof n->un.path - 1)
            l = sizeof n->un.path - 1;
        memcpy(n->un.path, sa->path, l);
        n->un.family = AF_UNIX;
        n->un.len = (uint8_t)(2 + l + 1);
        return (int)(2 + l + 1);
    }
    }
    n->raw[0] = 16;
    n->raw[1] = (uint8_t)family_to_native(sa->family);
    return 16;
}

/* Reads a native address back; len_ok: the kernel's length equals sa_len and sa_len is what
 * FreeBSD uses for this kind of address. */
static void sa_from_native(const union fbsd_sockaddr *n, int len, struct rt_sockaddr *sa)
{
    memset(sa, 0, sizeof *sa);
    sa->len = len;
    if (len < 2) {
        sa->family = RT_AF_UNSPEC;
        sa->len_ok = len == 0;
        return;
    }
    sa->family = family_from_native(n->raw[1]);
    int want = 0;
    switch (n->raw[1]) {
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
        while (2 + l < len && l < 104 && n->un.path[l])
            l++;
        memcpy(sa->path, n->un.path, (size_t)l);
        want = l == 0 ? 16 : 2 + l + 1;      /* unnamed: sun_noname, a bare 16-byte sockaddr */
        break;
    }
    default:
        want = n->raw[0];
    }
    sa->len_ok = n->raw[0] == want && len == want;
}

int rt_socket(int family, int type, int protocol) { return (int)SYS(SYS_socket, family_to_native(family), type_to_native(type), protocol); }

int rt_socketpair(int family, int type, int protocol, int sv[2])
{
    return (int)SYS(SYS_socketpair, family_to_native(family), type_to_native(type), protocol, sv);
}

int rt_bind(int fd, const struct rt_sockaddr *sa)
{
    union fbsd_sockaddr n;
    int l = sa_to_native(sa, &n);
    return (int)SYS(SYS_bind, fd, &n, l);
}

int rt_bind_inet_len(int fd, const struct rt_sockaddr *sa, int len)
{
    union fbsd_sockaddr n;
    sa_to_native(sa, &n);
    return (int)SYS(SYS_bind, fd, &n, len);
}

int rt_connect(int fd, const struct rt_sockaddr *sa)
{
    union fbsd_sockaddr n;
    int l = sa_to_native(sa, &n);
    return (int)SYS(SYS_connect, fd, &n, l);
}

int rt_listen(int fd, int backlog) { return (int)SYS(SYS_listen, fd, backlog); }

static int accept_common(long nr, int fd, struct rt_sockaddr *sa, long flags)
{
    union fbsd_sockaddr n;
    uint32_t len = sizeof n;
    memset(&n, 0xee, sizeof n);
    long r = nr == SYS_accept ? SYS(nr, fd, sa ? &n : 0, sa ? &len : 0) : SYS(nr, fd, sa ? &n : 0, sa ? &len : 0, flags);
    if (r >= 0 && sa)
        sa_from_native(&n, (int)len, sa);
    return (int)r;
}

int rt_accept(int fd, struct rt_sockaddr *sa) { return accept_common(SYS_accept, fd, sa, 0); }

int rt_accept4(int fd, struct rt_sockaddr *sa, int flags)
{
    long nf = ((flags & RT_SOCK_CLOEXEC) ? SOCK_CLOEXEC : 0) | ((flags & RT_SOCK_NONBLOCK) ? SOCK_NONBLOCK : 0) |
              (flags & ~(RT_SOCK_CLOEXEC | RT_SOCK_NONBLOCK) ? 0x40000000 : 0);
    return accept_common(SYS_accept4, fd, sa, nf);
}

static int name_common(long nr, int fd, struct rt_sockaddr *sa)
{
    union fbsd_sockaddr n;
    uint32_t len = sizeof n;
    memset(&n, 0xee, sizeof n);
    long r = SYS(nr, fd, &n, &len);
    if (r >= 0)
        sa_from_native(&n, (int)len, sa);
    return (int)r;
}

int rt_getsockname(int fd, struct rt_sockaddr *sa) { return name_common(SYS_getsockname, fd, sa); }
int rt_getpeername(int fd, struct rt_sockaddr *sa) { return name_common(SYS_getpeername, fd, sa); }

int rt_getsockname_room(int fd, int room, int *family_seen)
{
    union fbsd_sockaddr n;
    uint32_t len = (uint32_t)room;
    memset(&n, 0xee, sizeof n);
    long r = SYS(SYS_getsockname, fd, &n, &len);
    if (r < 0)
        return (int)r;
    *family_seen = len >= 2 ? family_from_native(n.raw[1]) : -1;
    return (int)len;
}

int rt_shutdown(int fd, int how) { return (int)SYS(SYS_shutdown, fd, how); }

enum { MSG_OOB = 1, MSG_PEEK = 2, MSG_EOR = 8, MSG_TRUNC = 0x10, MSG_CTRUNC = 0x20, MSG_WAITALL = 0x40,
       MSG_DONTWAIT = 0x80, MSG_NOSIGNAL = 0x20000, MSG_CMSG_CLOEXEC = 0x40000 };
static const struct rt__flag msg_flags[] = {
    { RT_MSG_OOB, MSG_OOB }, { RT_MSG_PEEK, MSG_PEEK }, { RT_MSG_DONTWAIT, MSG_DONTWAIT },
    { RT_MSG_WAITALL, MSG_WAITALL }, { RT_MSG_NOSIGNAL, MSG_NOSIGNAL }, { RT_MSG_TRUNC, MSG_TRUNC },
    { RT_MSG_CTRUNC, MSG_CTRUNC }, { RT_MSG_EOR, MSG_EOR }, { RT_MSG_CMSG_CLOEXEC, MSG_CMSG_CLOEXEC },
    { 0, 0 },
};
static long mflags(int f) { return (long)rt__to_native((unsigned)f, msg_flags); }

long rt_send(int fd, const void *buf, size_t n, int flags) { return SYS(SYS_sendto, fd, buf, n, mflags(flags), 0, 0); }

long rt_sendto(int fd, const void *buf, size_t n, int flags, const struct rt_sockaddr *to)
{
    union fbsd_sockaddr a;
    int l = to ? sa_to_native(to, &a) : 0;
    return SYS(SYS_sendto, fd, buf, n, mflags(flags), to ? &a : 0, l);
}

long rt_recv(int fd, void *buf, size_t n, int flags) { return SYS(SYS_recvfrom, fd, buf, n, mflags(flags), 0, 0); }

long rt_recvfrom(int fd, void *buf, size_t n, int flags, struct rt_sockaddr *from)
{
    union fbsd_sockaddr a;
    uint32_t len = sizeof a;
    memset(&a, 0xee, sizeof a);
    long r = SYS(SYS_recvfrom, fd, buf, n, mflags(flags), from ? &a : 0, from ? &len : 0);
    if (r >= 0 && from)
        sa_from_native(&a, (int)len, from);
    return r;
}

/* FreeBSD msghdr and cmsghdr (12 bytes; data aligned to 8). */
struct fbsd_msghdr { void *name; uint32_t namelen; struct rt_iovec *iov; int iovlen; void *control; uint32_t controllen; int flags; };
struct fbsd_cmsghdr { uint32_t len; int level, type; };
_Static_assert(sizeof(struct fbsd_msghdr) == 48, "msghdr");
#define FB_ALIGN(n) (((n) + 7) & ~7ul)
#define FB_CMSG_DATA 16                  /* _ALIGN(sizeof(struct cmsghdr)) */
#define FB_CMSG_SPACE(l) (FB_CMSG_DATA + FB_ALIGN(l))
#define FB_CMSG_LEN(l) (FB_CMSG_DATA + (l))
enum { SOL_SOCKET = 0xffff, SCM_RIGHTS = 1 };

long rt_sendmsg(int fd, const struct rt_msg *m, int flags)
{
    union fbsd_sockaddr a;
    uint64_t ctl[64];
    struct fbsd_msghdr h = { 0 };
    if (m->name)
        h.namelen = (uint32_t)sa_to_native(m->name, &a), h.name = &a;
    h.iov = m->iov;
    h.iovlen = m->iovlen;
    if (m->nfds > 0) {
        struct fbsd_cmsghdr *c = (struct fbsd_cmsghdr *)ctl;
        memset(ctl, 0, sizeof ctl);
        c->len = (uint32_t)FB_CMSG_LEN(m->nfds * sizeof(int));
        c->level = SOL_SOCKET;
        c->type = SCM_RIGHTS;
        memcpy((char *)ctl + FB_CMSG_DATA, m->fds, (size_t)m->nfds * sizeof(int));
        h.control = ctl;
        h.controllen = (uint32_t)FB_CMSG_SPACE(m->nfds * sizeof(int));
    }
    return SYS(SYS_sendmsg, fd, &h, mflags(flags));
}

long rt_recvmsg(int fd, struct rt_msg *m, int flags)
{
    union fbsd_sockaddr a;
    uint64_t ctl[64];
    struct fbsd_msghdr h = { 0 };
    memset(&a, 0xee, sizeof a);
    memset(ctl, 0xee, sizeof ctl);
    if (m->name)
        h.name = &a, h.namelen = sizeof a;
    h.iov = m->iov;
    h.iovlen = m->iovlen;
    if (m->maxfds > 0) {
        h.control = ctl;
        h.controllen = (uint32_t)FB_CMSG_SPACE(m->maxfds * sizeof(int));
    }
    long r = SYS(SYS_recvmsg, fd, &h, mflags(flags));
    m->nfds = 0;
    if (r < 0)
        return r;
    if (m->name)
        sa_from_native(&a, (int)h.namelen, m->name);
    m->flags = (int)rt__from_native((unsigned)h.flags, msg_flags);
    /* Walk the control messages with FreeBSD's CMSG macros' arithmetic. */
    char *p = (char *)ctl, *end = (char *)ctl + h.controllen;
    while (h.control && p + sizeof(struct fbsd_cmsghdr) <= end) {
        struct fbsd_cmsghdr *c = (struct fbsd_cmsghdr *)p;
        if (c->len < sizeof *c || p + c->len > end)
            break;
        if (c->level == SOL_SOCKET && c->type == SCM_RIGHTS) {
            int n = (int)((c->len - FB_CMSG_DATA) / sizeof(int));
            for (int i = 0; i < n && m->nfds < m->maxfds; i++)
                memcpy(&m->fds[m->nfds++], p + FB_CMSG_DATA + i * sizeof(int), sizeof(int));
        } else {
            m->flags |= 0x10000;      /* an unexpected message: the program shows it */
        }
        p += FB_ALIGN(c->len);
    }
    return r;
}

/* Socket options: (level, name) per portable option; booleans are checked to come back as
 * their own bit, as FreeBSD's sogetopt reports them. */
enum { OPT_INT, OPT_BOOL, OPT_BUF, OPT_ERROR, OPT_DOMAIN, OPT_LINGER, OPT_RAW, OPT_TF_NODELAY };
static const struct { int level, name, kind; } opts[RT_SO_COUNT] = {
    [RT_SO_REUSEADDR] = { SOL_SOCKET, 0x4, OPT_BOOL }, [RT_SO_KEEPALIVE] = { SOL_SOCKET, 0x8, OPT_BOOL },
    [RT_SO_BROADCAST] = { SOL_SOCKET, 0x20, OPT_BOOL }, [RT_SO_LINGER] = { SOL_SOCKET, 0x80, OPT_LINGER },
    [RT_SO_OOBINLINE] = { SOL_SOCKET, 0x100, OPT_BOOL }, [RT_SO_REUSEPORT] = { SOL_SOCKET, 0x200, OPT_BOOL },
    [RT_SO_SNDBUF] = { SOL_SOCKET, 0x1001, OPT_INT }, [RT_SO_RCVBUF] = { SOL_SOCKET, 0x1002, OPT_INT },
    [RT_SO_RCVLOWAT] = { SOL_SOCKET, 0x1004, OPT_INT }, [RT_SO_SNDTIMEO] = { SOL_SOCKET, 0x1005, OPT_RAW },
    [RT_SO_RCVTIMEO] = { SOL_SOCKET, 0x1006, OPT_RAW }, [RT_SO_ERROR] = { SOL_SOCKET, 0x1007, OPT_ERROR },
    [RT_SO_TYPE] = { SOL_SOCKET, 0x1008, OPT_INT }, [RT_SO_ACCEPTCONN] = { SOL_SOCKET, 0x2, OPT_BOOL },
    [RT_SO_DOMAIN] = { SOL_SOCKET, 0x1019, OPT_DOMAIN }, [RT_SO_PROTOCOL] = { SOL_SOCKET, 0x1016, OPT_INT },
    [RT_SO_NOSIGPIPE] = { SOL_SOCKET, 0x800, OPT_BOOL }, [RT_TCP_NODELAY] = { 6, 1, OPT_TF_NODELAY },
    [RT_TCP_KEEPIDLE] = { 6, 0x100, OPT_INT }, [RT_TCP_KEEPINTVL] = { 6, 0x200, OPT_INT },
    [RT_TCP_KEEPCNT] = { 6, 0x400, OPT_INT }, [RT_IP_TOS] = { 0, 3, OPT_INT }, [RT_IP_TTL] = { 0, 4, OPT_INT },
    [RT_IP_MULTICAST_TTL] = { 0, 10, OPT_RAW }, [RT_IP_MULTICAST_LOOP] = { 0, 11, OPT_RAW },
    [RT_IPV6_V6ONLY] = { 41, 27, OPT_INT }, [RT_IPV6_UNICAST_HOPS] = { 41, 4, OPT_INT },
    [RT_SO_BOGUS] = { SOL_SOCKET, 0x7777, OPT_INT },
};

int rt_setsockopt(int fd, int opt, const void *val, size_t len)
{
    if (opt <= 0 || opt >= RT_SO_COUNT)
        return -RT_EINVAL;
    return (int)SYS(SYS_setsockopt, fd, opts[opt].level, opts[opt].name, val, len);
}

int rt_getsockopt(int fd, int opt, void *val, size_t *len)
{
    if (opt <= 0 || opt >= RT_SO_COUNT)
        return -RT_EINVAL;
    uint32_t l = (uint32_t)*len;
    long r = SYS(SYS_getsockopt, fd, opts[opt].level, opts[opt].name, val, &l);
    *len = l;
    if (r < 0 || l < 4)
        return (int)r;
    int *v = val;
    switch (opts[opt].kind) {
    case OPT_BOOL: *v = *v == 0 ? 0 : *v == opts[opt].name ? 1 : -*v; break;
    case OPT_LINGER: *v = *v == 0 ? 0 : *v == 0x80 ? 1 : -*v; break;
    case OPT_TF_NODELAY: *v = *v == 0 ? 0 : *v == 4 ? 1 : -*v; break;   /* t_flags & TF_NODELAY */
    case OPT_ERROR: *v = *v ? (int)-from_errno(*v) : 0; break;
    case OPT_DOMAIN: *v = family_from_native(*v); break;
    }
    return (int)r;
}

/* ---- poll / select ---- */

enum { POLLWRBAND = 0x100, POLLRDHUP = 0x4000 };
static short poll_to_native(short e)
{
    return (short)((e & 0xff) | ((e & RT_POLLWRBAND) ? POLLWRBAND : 0) | ((e & RT_POLLRDHUP) ? POLLRDHUP : 0));
}
static short poll_from_native(short e)
{
    return (short)((e & 0xff) | ((e & POLLWRBAND) ? RT_POLLWRBAND : 0) | ((e & POLLRDHUP) ? RT_POLLRDHUP : 0));
}

static int poll_common(struct rt_pollfd *fds, unsigned n, long nr, long a2, const uint64_t *sigmask)
{
    struct rt_pollfd nat[64];
    struct fbsd_sigset ns;
    if (n > 64)
        return -RT_EINVAL;
    for (unsigned i = 0; i < n; i++)
        nat[i] = (struct rt_pollfd){ fds[i].fd, poll_to_native(fds[i].events), (short)0x5555 };
    if (sigmask)
        set_to_native(*sigmask, &ns);
    long r = nr == SYS_poll ? SYS(nr, nat, n, a2) : SYS(nr, nat, n, a2, sigmask ? &ns : 0);
    if (r >= 0)
        for (unsigned i = 0; i < n; i++)
            fds[i].revents = poll_from_native(nat[i].revents);
    return (int)r;
}

int rt_poll(struct rt_pollfd *fds, unsigned n, int timeout_ms) { return poll_common(fds, n, SYS_poll, timeout_ms, 0); }

int rt_ppoll(struct rt_pollfd *fds, unsigned n, const struct rt_timespec *ts, const uint64_t *sigmask)
{
    return poll_common(fds, n, SYS_ppoll, (long)ts, sigmask);
}

int rt_select(int nd, rt_fd_set *r, rt_fd_set *w, rt_fd_set *e, struct rt_timeval *tv)
{
    return (int)SYS(SYS_select, nd, r, w, e, tv);
}

int rt_pselect(int nd, rt_fd_set *r, rt_fd_set *w, rt_fd_set *e, const struct rt_timespec *ts, const uint64_t *sigmask)
{
    struct fbsd_sigset ns;
    if (sigmask)
        set_to_native(*sigmask, &ns);
    return (int)SYS(SYS_pselect, nd, r, w, e, ts, sigmask ? &ns : 0);
}

/* ---- kqueue ---- */

_Static_assert(sizeof(struct rt_kevent) == 64, "struct kevent");

int rt_kqueue(void) { return (int)SYS(SYS_kqueue); }
int rt_kqueuex(unsigned flags) { return (int)SYS(SYS_kqueuex, flags); }

static void kevent_errors(struct rt_kevent *ev, long n)
{
    for (long i = 0; i < n; i++)
        if ((ev[i].flags & RT_EV_ERROR) && ev[i].data != 0)
            ev[i].data = -from_errno(ev[i].data);
}

int rt_kevent(int kq, const struct rt_kevent *ch, int nch, struct rt_kevent *ev, int nev, const struct rt_timespec *ts)
{
    long r = SYS(SYS_kevent, kq, ch, nch, ev, nev, ts);
    if (r > 0)
        kevent_errors(ev, r);
    return (int)r;
}

struct kevent11 { uint64_t ident; int16_t filter; uint16_t flags; uint32_t fflags; int64_t data; void *udata; };
_Static_assert(sizeof(struct kevent11) == 32, "struct kevent_freebsd11");

int rt_kevent11(int kq, const struct rt_kevent *ch, int nch, struct rt_kevent *ev, int nev, const struct rt_timespec *ts)
{
    struct kevent11 c[16], e[16];
    if (nch > 16 || nev > 16)
        return -RT_EINVAL;
    for (int i = 0; i < nch; i++)
        c[i] = (struct kevent11){ ch[i].ident, ch[i].filter, ch[i].flags, ch[i].fflags, ch[i].data, ch[i].udata };
    long r = SYS(SYS_freebsd11_kevent, kq, c, nch, e, nev, ts);
    for (long i = 0; i < r; i++)
        ev[i] = (struct rt_kevent){ e[i].ident, e[i].filter, e[i].flags, e[i].fflags, e[i].data, e[i].udata, { 0 } };
    if (r > 0)
        kevent_errors(ev, r);
    return (int)r;
}

/* ---- threads ---- */

struct fbsd_thr_param {
    void (*start_func)(void *);
    void *arg;
    char *stack_base;
    size_t stack_size;
    char *tls_base;
    size_t tls_size;
    long *child_tid;
    long *parent_tid;
    int flags;
    void *rtp;
    void *spare[3];
};

long rt_thread_create(rt_thread_fn fn, void *arg, void *stack, size_t size, long *tid)
{
    struct fbsd_thr_param p;
    memset(&p, 0, sizeof p);
    p.start_func = fn;
    p.arg = arg;
    p.stack_base = stack;
    p.stack_size = size;
    p.child_tid = tid;
    p.parent_tid = tid;
    return SYS(455, &p, sizeof p);
}

void rt_thread_exit(long *done)
{
    SYS(431, done);             /* thr_exit: *done = 1, wake */
    __builtin_unreachable();
}

void rt_thread_join(long *done)
{
    while (__atomic_load_n(done, __ATOMIC_SEQ_CST) == 0)
        SYS(454, done, 2, 0, 0, 0);    /* UMTX_OP_WAIT (u_long) */
}

long rt_futex_wait(unsigned *word, unsigned val, long timeout_ns)
{
    if (timeout_ns < 0)
        return SYS(454, word, 15, val, 0, 0);    /* UMTX_OP_WAIT_UINT_PRIVATE */
    struct { long sec, nsec; unsigned flags; int clock; } t = {
        timeout_ns / 1000000000, timeout_ns % 1000000000, 0, 4 /* CLOCK_MONOTONIC */ };
    return SYS(454, word, 15, val, sizeof t, &t);
}

long rt_futex_wake(unsigned *word, int count) { return SYS(454, word, 16, count, 0, 0); }

long rt_thread_kill(long tid, int sig) { return SYS(433, tid, sig_to_native(sig)); }

/* ---- waiting for signals ---- */

int rt_sigsuspend(const uint64_t *mask)
{
    struct fbsd_sigset ns;
    set_to_native(*mask, &ns);
    return (int)SYS(341, &ns);
}

int rt_sigtimedwait(const uint64_t *set, long timeout_ns)
{
    struct fbsd_sigset ns;
    set_to_native(*set, &ns);
    struct { long sec, nsec; } t = { timeout_ns / 1000000000, timeout_ns % 1000000000 };
    long r = timeout_ns < 0 ? SYS(346, &ns, 0) : SYS(345, &ns, 0, &t);
    return r > 0 ? sig_from_native((int)r) : (int)r;
}

/* ---- processes ---- */

enum {
    SYS_fork = 2, SYS_wait4 = 7, SYS_execve = 59, SYS_vfork = 66, SYS_getpgrp = 81, SYS_setpgid = 82,
    SYS_setitimer = 83, SYS_getitimer = 86, SYS_setpriority = 96, SYS_getpriority = 100,
    SYS_setsid = 147, SYS_getpgid = 207, SYS_getsid = 310, SYS_getresuid = 360,
    SYS_getresgid = 361, SYS_wait6 = 532, SYS_procctl = 544,
};

/* fork-like calls return the pid in rax in both processes; rdx is 1 in the child. Errors come
 * back negated. */
__asm__(".text\n"
        "rt__fbsd_fork:\n"
        "\tmov $2, %eax\n\tsyscall\n\tjc 1f\n\ttest %rdx, %rdx\n\tjz 2f\n\txor %eax, %eax\n2:\tret\n"
        "1:\tneg %rax\n\tret\n"
        "rt__fbsd_vfork_exit:\n"
        "\tmov $66, %eax\n\tsyscall\n\tjc 1f\n\ttest %rdx, %rdx\n\tjnz 3f\n\tret\n"
        "1:\tneg %rax\n\tret\n"
        "3:\tmov $1, %eax\n\tsyscall\n\tud2\n"
        "rt__fbsd_vfork_exec:\n"
        "\tmov %rdx, %r8\n\tmov $66, %eax\n\tsyscall\n\tjc 1f\n\ttest %rdx, %rdx\n\tjnz 3f\n\tret\n"
        "1:\tneg %rax\n\tret\n"
        "3:\tmov %r8, %rdx\n\tmov $59, %eax\n\tsyscall\n\tmov $127, %edi\n\tmov $1, %eax\n\tsyscall\n\tud2\n");
long rt__fbsd_fork(void);
long rt__fbsd_vfork_exit(int code);
long rt__fbsd_vfork_exec(const char *path, char *const argv[], char *const envp[]);

static int negated(long r) { return (int)(r < 0 ? from_errno(-r) : r); }
int rt_fork(void) { return negated(rt__fbsd_fork()); }
int rt_vfork_exit(int code) { return negated(rt__fbsd_vfork_exit(code)); }
int rt_vfork_exec(const char *p, char *const a[], char *const e[]) { return negated(rt__fbsd_vfork_exec(p, a, e)); }
int rt_execve(const char *p, char *const a[], char *const e[]) { return (int)SYS(SYS_execve, p, a, e); }
int rt_fexecve(int fd, char *const a[], char *const e[]) { return (int)SYS(492, fd, a, e); }

/* FreeBSD statuses: continued is SIGCONT (0x13); signal numbers are FreeBSD's. */
static int status_from_native(int s)
{
    if (s == 0x13)
        return 0xffff;
    if ((s & 0x7f) == 0)
        return s & 0xff00;
    if ((s & 0xff) == 0x7f)
        return sig_from_native((s >> 8) & 0xff) << 8 | 0x7f;
    return sig_from_native(s & 0x7f) | (s & 0x80);
}

int rt_wait4(int pid, int *status, int options, struct rt_rusage *ru)
{
    int st = 0;
    long r = SYS(SYS_wait4, pid, status ? &st : 0, options, ru);
    if (r > 0 && status)
        *status = status_from_native(st);
    return (int)r;
}

int rt_waitid(int idtype, int id, struct rt_waitinfo *info, int options)
{
    struct fbsd_siginfo si;
    int st;
    int type = idtype == RT_P_PID ? 0 : idtype == RT_P_PGID ? 2 : idtype == RT_P_ALL ? 7 : 99;
    long r = SYS(SYS_wait6, type, (long)id, &st, options, 0, &si);
    if (r < 0)
        return (int)r;
    *info = (struct rt_waitinfo){ 0 };
    if (r == 0)
        return 0;
    info->pid = si.pid;
    info->uid = (int)si.uid;
    info->code = code_from_native(RT_SIGCHLD, si.code);
    info->status = si.code == 1 ? si.status : sig_from_native(si.status);
    return 0;
}

int rt_getpgrp(void) { return (int)SYS(SYS_getpgrp); }
int rt_setpgid(int pid, int pgid) { return (int)SYS(SYS_setpgid, pid, pgid); }
int rt_getpgid(int pid) { return (int)SYS(SYS_getpgid, pid); }
int rt_setsid(void) { return (int)SYS(SYS_setsid); }
int rt_getsid(int pid) { return (int)SYS(SYS_getsid, pid); }
int rt_getresuid(unsigned *r, unsigned *e, unsigned *s) { return (int)SYS(SYS_getresuid, r, e, s); }
int rt_getresgid(unsigned *r, unsigned *e, unsigned *s) { return (int)SYS(SYS_getresgid, r, e, s); }

/* FreeBSD's getpriority returns the nice value itself (it may be negative: no -errno range). */
int rt_getpriority(int which, int who, int *nice)
{
    long n = SYS_getpriority, a = which, b = who;
    _Bool cf;
    __asm__ volatile("syscall" : "+a"(n), "=@ccc"(cf), "+D"(a), "+S"(b) : : "rcx", "r11", "rdx", "r10", "r8", "r9", "memory");
    if (cf)
        return (int)from_errno(n);
    *nice = (int)n;
    return 0;
}

int rt_setpriority(int which, int who, int nice) { return (int)SYS(SYS_setpriority, which, who, nice); }
int rt_setitimer(int which, const struct rt_itimerval *nv, struct rt_itimerval *old) { return (int)SYS(SYS_setitimer, which, nv, old); }
int rt_getitimer(int which, struct rt_itimerval *v) { return (int)SYS(SYS_getitimer, which, v); }

enum { P_PID = 0, PROC_REAP_ACQUIRE = 2, PROC_REAP_RELEASE = 3, PROC_PDEATHSIG_CTL = 11,
       PROC_PDEATHSIG_STATUS = 12, PROC_NO_NEW_PRIVS_CTL = 19, PROC_NO_NEW_PRIVS_STATUS = 20 };

int rt_set_pdeathsig(int sig)
{
    int n = sig ? sig_to_native(sig) : 0;
    return (int)SYS(SYS_procctl, P_PID, 0, PROC_PDEATHSIG_CTL, &n);
}

int rt_get_pdeathsig(int *sig)
{
    int n = 0;
    long r = SYS(SYS_procctl, P_PID, 0, PROC_PDEATHSIG_STATUS, &n);
    if (r >= 0)
        *sig = n ? sig_from_native(n) : 0;
    return (int)r;
}

int rt_reaper_acquire(void) { return (int)SYS(SYS_procctl, P_PID, 0, PROC_REAP_ACQUIRE, 0); }
int rt_reaper_release(void) { return (int)SYS(SYS_procctl, P_PID, 0, PROC_REAP_RELEASE, 0); }

int rt_no_new_privs(int *enabled)
{
    int on = 1, st = 0;
    long r = SYS(SYS_procctl, P_PID, 0, PROC_NO_NEW_PRIVS_CTL, &on);
    if (r < 0)
        return (int)r;
    r = SYS(SYS_procctl, P_PID, 0, PROC_NO_NEW_PRIVS_STATUS, &st);
    *enabled = st == 1;
    return (int)r;
}

/* ---- synchronisation objects on _umtx_op ---- */

enum { UMTX_MUTEX_TRYLOCK = 4, UMTX_MUTEX_LOCK = 5, UMTX_MUTEX_UNLOCK = 6, UMTX_CV_WAIT = 8,
       UMTX_CV_SIGNAL = 9, UMTX_CV_BROADCAST = 10, UMTX_RW_RDLOCK = 12, UMTX_RW_WRLOCK = 13,
       UMTX_RW_UNLOCK = 14, UMTX_SEM2_WAIT = 23, UMTX_SEM2_WAKE = 24 };
#define UMUTEX_CONTESTED 0x80000000u
#define URW_WRITE_OWNER 0x80000000u
#define URW_WAITERS 0x60000000u
#define URW_READERS 0x1fffffffu
#define USEM_WAITERS 0x80000000u

static uint32_t my_tid(void) { long t = 0; SYS(432, &t); return (uint32_t)t; }
#define CAS(p, e, n) __atomic_compare_exchange_n((p), &(e), (n), 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)

long rt_mutex_lock(struct rt_mutex *m)
{
    uint32_t e = 0;
    if (CAS(&m->w[0], e, my_tid())) return 0;
    return SYS(454, m, UMTX_MUTEX_LOCK, 0, 0, 0);
}

long rt_mutex_trylock(struct rt_mutex *m)
{
    uint32_t e = 0;
    if (CAS(&m->w[0], e, my_tid())) return 0;
    return SYS(454, m, UMTX_MUTEX_TRYLOCK, 0, 0, 0);
}

long rt_mutex_unlock(struct rt_mutex *m)
{
    uint32_t e = my_tid();
    if (CAS(&m->w[0], e, 0)) return 0;
    return SYS(454, m, UMTX_MUTEX_UNLOCK, 0, 0, 0);
}

long rt_cond_wait(struct rt_cond *c, struct rt_mutex *m)
{
    long r = SYS(454, c, UMTX_CV_WAIT, 0, m, 0);    /* unlocks m */
    rt_mutex_lock(m);
    return r;
}

long rt_cond_signal(struct rt_cond *c)
{
    if (__atomic_load_n(&c->w[0], __ATOMIC_SEQ_CST) == 0) return 0;
    return SYS(454, c, UMTX_CV_SIGNAL, 0, 0, 0);
}

long rt_cond_broadcast(struct rt_cond *c)
{
    if (__atomic_load_n(&c->w[0], __ATOMIC_SEQ_CST) == 0) return 0;
    return SYS(454, c, UMTX_CV_BROADCAST, 0, 0, 0);
}

long rt_rwlock_rdlock(struct rt_rwlock *l)
{
    uint32_t s = __atomic_load_n(&l->w[0], __ATOMIC_SEQ_CST);
    if (!(s & (URW_WRITE_OWNER | URW_WAITERS)) && CAS(&l->w[0], s, s + 1)) return 0;
    return SYS(454, l, UMTX_RW_RDLOCK, 0, 0, 0);
}

long rt_rwlock_wrlock(struct rt_rwlock *l)
{
    uint32_t e = 0;
    if (CAS(&l->w[0], e, URW_WRITE_OWNER)) return 0;
    return SYS(454, l, UMTX_RW_WRLOCK, 0, 0, 0);
}

long rt_rwlock_unlock(struct rt_rwlock *l)
{
    uint32_t s = __atomic_load_n(&l->w[0], __ATOMIC_SEQ_CST);
    if (!(s & URW_WAITERS)) {
        uint32_t n = (s & URW_WRITE_OWNER) ? 0 : s - 1;
        if (CAS(&l->w[0], s, n)) return 0;
    }
    return SYS(454, l, UMTX_RW_UNLOCK, 0, 0, 0);
}

long rt_sem_wait(struct rt_sem *s)
{
    for (;;) {
        uint32_t c = __atomic_load_n(&s->w[0], __ATOMIC_SEQ_CST);
        if ((c & ~USEM_WAITERS) != 0) {
            if (CAS(&s->w[0], c, c - 1)) return 0;
            continue;
        }
        long r = SYS(454, s, UMTX_SEM2_WAIT, 0, 0, 0);
        if (r < 0 && r != -RT_EINTR) return r;
    }
}

long rt_sem_post(struct rt_sem *s)
{
    uint32_t c = __atomic_fetch_add(&s->w[0], 1, __ATOMIC_SEQ_CST);
    if (c & USEM_WAITERS) return SYS(454, s, UMTX_SEM2_WAKE, 0, 0, 0);
    return 0;
}
