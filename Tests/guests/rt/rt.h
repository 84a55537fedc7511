/*
 * rt.h - a tiny freestanding runtime for the guest test programs.
 *
 * One API, two back ends: rt/freebsd.c (the guest ABI the emulator must provide) and rt/linux.c
 * (the host oracle). Programs built against it must print the same bytes and end with the same
 * status on both, so everything OS-specific (syscall numbers, errno and signal numbers, flag bits,
 * struct layouts) is translated in the back ends into the portable names below.
 *
 * Conventions: calls return a value >= 0 on success and -RT_Exxx on failure. Print errors with
 * rt_errname() / rt_res(), never as numbers.
 */
#ifndef RT_H
#define RT_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define RT_NORETURN __attribute__((noreturn))
#define RT_NOINLINE __attribute__((noinline))
#define RT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- which OS this binary was built for ---- */
extern const char rt_os_name[];   /* "FreeBSD" or "Linux" */
extern const int rt_is_freebsd;

/* ---- errno names (portable codes; back ends map native numbers onto these) ---- */
#define RT_ERRNOS(X) X(EPERM) X(ENOENT) X(ESRCH) X(EINTR) X(EIO) X(ENXIO) X(E2BIG) X(ENOEXEC) \
    X(EBADF) X(ECHILD) X(EDEADLK) X(ENOMEM) X(EACCES) X(EFAULT) X(ENOTBLK) X(EBUSY) X(EEXIST) \
    X(EXDEV) X(ENODEV) X(ENOTDIR) X(EISDIR) X(EINVAL) X(ENFILE) X(EMFILE) X(ENOTTY) X(ETXTBSY) \
    X(EFBIG) X(ENOSPC) X(ESPIPE) X(EROFS) X(EMLINK) X(EPIPE) X(EDOM) X(ERANGE) X(EAGAIN) \
    X(EINPROGRESS) X(EALREADY) X(ENOTSOCK) X(EOPNOTSUPP) X(EAFNOSUPPORT) X(EADDRINUSE) \
    X(ECONNREFUSED) X(ETIMEDOUT) X(ELOOP) X(ENAMETOOLONG) X(ENOTEMPTY) X(ENOLCK) X(ENOSYS) \
    X(EOVERFLOW) X(ECANCELED) X(EILSEQ) X(EFTYPE) X(EDOOFUS) X(ENOTCAPABLE) X(ECAPMODE) \
    X(EINTEGRITY) X(EDESTADDRREQ) X(EMSGSIZE) X(EPROTOTYPE) X(ENOPROTOOPT) X(EPROTONOSUPPORT) \
    X(ESOCKTNOSUPPORT) X(EADDRNOTAVAIL) X(ENETUNREACH) X(ECONNABORTED) X(ECONNRESET) X(ENOBUFS) \
    X(EISCONN) X(ENOTCONN) X(EHOSTUNREACH)
#define RT_ENUM_(n) RT_##n,
enum { RT_ENONE = 0, RT_ERRNOS(RT_ENUM_) RT_EUNKNOWN };

const char *rt_errname(long e);     /* e = portable code, either sign: "ENOENT" */
const char *rt_res(long r);         /* "ok" if r >= 0, else the error name */

/* ---- signals (portable numbers, 1..63; sets are uint64_t with bit (1 << sig)) ---- */
#define RT_SIGNALS(X) X(SIGHUP) X(SIGINT) X(SIGQUIT) X(SIGILL) X(SIGTRAP) X(SIGABRT) X(SIGBUS) \
    X(SIGFPE) X(SIGKILL) X(SIGUSR1) X(SIGSEGV) X(SIGUSR2) X(SIGPIPE) X(SIGALRM) X(SIGTERM) \
    X(SIGCHLD) X(SIGCONT) X(SIGSTOP) X(SIGTSTP) X(SIGTTIN) X(SIGTTOU) X(SIGURG) X(SIGXCPU) \
    X(SIGXFSZ) X(SIGVTALRM) X(SIGPROF) X(SIGWINCH) X(SIGIO) X(SIGSYS)
enum { RT_SIGNONE = 0, RT_SIGNALS(RT_ENUM_) RT_NSIG };
#define RT_SIGBIT(s) (1ULL << (s))
const char *rt_signame(int sig);

/* si_code values, translated per signal by the back ends */
enum { RT_CODE_OTHER, RT_SI_USER, RT_SI_QUEUE, RT_SI_KERNEL, RT_SI_TKILL,
       RT_SEGV_MAPERR, RT_SEGV_ACCERR, RT_BUS_ADRALN, RT_BUS_ADRERR, RT_BUS_OBJERR,
       RT_FPE_INTDIV, RT_FPE_INTOVF, RT_FPE_FLTDIV, RT_FPE_FLTOVF, RT_FPE_FLTUND, RT_FPE_FLTRES,
       RT_FPE_FLTINV, RT_ILL_ILLOPC, RT_ILL_ILLOPN, RT_ILL_PRVOPC, RT_TRAP_BRKPT, RT_TRAP_TRACE,
       RT_CLD_EXITED, RT_CLD_KILLED, RT_CLD_DUMPED, RT_CLD_TRAPPED, RT_CLD_STOPPED, RT_CLD_CONTINUED };
const char *rt_codename(int code);

struct rt_siginfo {
    int signo, code, err;
    int pid, uid;           /* sender, for kill(); the child, for SIGCHLD */
    uint64_t addr;          /* fault address */
    int status;             /* SIGCHLD: exit code, or the (portable) signal */
};
typedef void (*rt_handler)(int sig, const struct rt_siginfo *si, void *uc);
#define RT_SIG_DFL ((rt_handler)0)
#define RT_SIG_IGN ((rt_handler)1)
#define RT_SIG_GET ((rt_handler)2)     /* rt_sigaction: only read the current disposition */
enum { RT_SA_RESTART = 1, RT_SA_RESETHAND = 2, RT_SA_NODEFER = 4, RT_SA_ONSTACK = 8, RT_SA_NOCLDWAIT = 16 };
enum { RT_SIG_BLOCK = 1, RT_SIG_UNBLOCK, RT_SIG_SETMASK };

/* Installs h (with SA_SIGINFO; the back end translates siginfo before calling h). *old gets the
 * previous portable disposition when old != NULL. */
int rt_sigaction(int sig, rt_handler h, int flags, uint64_t mask, rt_handler *old);
int rt_sigprocmask(int how, const uint64_t *set, uint64_t *old);
int rt_sigpending(uint64_t *set);
int rt_kill(int pid, int sig);
struct rt_stack { void *sp; size_t size; int flags; };
enum { RT_SS_ONSTACK = 1, RT_SS_DISABLE = 2 };
int rt_sigaltstack(const struct rt_stack *ss, struct rt_stack *old);

/* Registers in a signal handler's ucontext (both OSes): pointer to the saved slot. */
enum { RT_REG_RAX, RT_REG_RBX, RT_REG_RCX, RT_REG_RDX, RT_REG_RSI, RT_REG_RDI, RT_REG_RBP,
       RT_REG_RSP, RT_REG_R8, RT_REG_R9, RT_REG_R10, RT_REG_R11, RT_REG_R12, RT_REG_R13,
       RT_REG_R14, RT_REG_R15, RT_REG_RIP, RT_REG_RFLAGS };
uint64_t *rt_uc_reg(void *uc, int reg);
/* The 512-byte FXSAVE image of the interrupted FPU/SSE state (mxcsr at +24, xmm<n> at +160+16n). */
void *rt_uc_fxsave(void *uc);

/* ---- files ---- */
enum { RT_O_RDONLY = 0, RT_O_WRONLY = 1, RT_O_RDWR = 2, RT_O_ACCMODE = 3,
       RT_O_CREAT = 0x10, RT_O_EXCL = 0x20, RT_O_TRUNC = 0x40, RT_O_APPEND = 0x80,
       RT_O_NONBLOCK = 0x100, RT_O_DIRECTORY = 0x200, RT_O_NOFOLLOW = 0x400, RT_O_CLOEXEC = 0x800 };
#define RT_AT_FDCWD (-100)
enum { RT_AT_SYMLINK_NOFOLLOW = 1, RT_AT_REMOVEDIR = 2, RT_AT_EACCESS = 4, RT_AT_SYMLINK_FOLLOW = 8 };
enum { RT_F_OK = 0, RT_X_OK = 1, RT_W_OK = 2, RT_R_OK = 4 };         /* same on both OSes */
enum { RT_SEEK_SET = 0, RT_SEEK_CUR = 1, RT_SEEK_END = 2 };           /* same on both OSes */
enum { RT_F_DUPFD = 1, RT_F_GETFD, RT_F_SETFD, RT_F_GETFL, RT_F_SETFL, RT_F_DUPFD_CLOEXEC };
#define RT_FD_CLOEXEC 1
enum { RT_TIOCGWINSZ = 1, RT_FIONREAD, RT_FIONBIO, RT_FIOCLEX, RT_FIONCLEX };

/* S_IF* and permission bits are the same octal values on both OSes. */
#define RT_S_IFMT  0170000
#define RT_S_IFIFO 0010000
#define RT_S_IFCHR 0020000
#define RT_S_IFDIR 0040000
#define RT_S_IFREG 0100000
#define RT_S_IFLNK 0120000
enum { RT_DT_UNKNOWN = 0, RT_DT_FIFO = 1, RT_DT_CHR = 2, RT_DT_DIR = 4, RT_DT_REG = 8, RT_DT_LNK = 10 };

struct rt_stat {
    uint64_t dev, ino, nlink, rdev;
    uint32_t mode, uid, gid;
    int64_t size, blocks, blksize;
    int64_t atime_sec, atime_nsec, mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
};
struct rt_dirent { uint64_t ino; int type; int namlen; const char *name; };
struct rt_iovec { void *base; size_t len; };            /* same layout on both */
struct rt_winsize { uint16_t row, col, xpixel, ypixel; }; /* same layout on both */

long rt_read(int fd, void *buf, size_t n);
long rt_write(int fd, const void *buf, size_t n);
long rt_readv(int fd, const struct rt_iovec *iov, int cnt);
long rt_writev(int fd, const struct rt_iovec *iov, int cnt);
long rt_pread(int fd, void *buf, size_t n, int64_t off);
long rt_pwrite(int fd, const void *buf, size_t n, int64_t off);
int rt_open(const char *path, int flags, int mode);
int rt_openat(int dirfd, const char *path, int flags, int mode);
int rt_close(int fd);
int64_t rt_lseek(int fd, int64_t off, int whence);
int rt_ftruncate(int fd, int64_t len);
int rt_fsync(int fd);
int rt_fstat(int fd, struct rt_stat *st);
int rt_fstatat(int dirfd, const char *path, struct rt_stat *st, int atflags);
int rt_stat(const char *path, struct rt_stat *st);
int rt_lstat(const char *path, struct rt_stat *st);
/* Raw directory records into buf (getdirentries / getdents64); walk them with rt_dirent_next. */
long rt_getdents(int fd, void *buf, size_t n);
int rt_dirent_next(const void *buf, long len, long *pos, struct rt_dirent *d);
int rt_access(const char *path, int mode);
int rt_faccessat(int dirfd, const char *path, int mode, int atflags);
long rt_readlink(const char *path, char *buf, size_t n);
long rt_readlinkat(int dirfd, const char *path, char *buf, size_t n);
int rt_symlink(const char *target, const char *path);
int rt_symlinkat(const char *target, int dirfd, const char *path);
int rt_link(const char *oldpath, const char *newpath);
int rt_getcwd(char *buf, size_t n);                     /* 0 on success */
int rt_chdir(const char *path);
int rt_fchdir(int fd);
int rt_mkdir(const char *path, int mode);
int rt_mkdirat(int dirfd, const char *path, int mode);
int rt_rmdir(const char *path);
int rt_unlink(const char *path);
int rt_unlinkat(int dirfd, const char *path, int atflags);
int rt_rename(const char *from, const char *to);
int rt_renameat(int fromfd, const char *from, int tofd, const char *to);
int rt_dup(int fd);
int rt_dup2(int fd, int to);
int rt_pipe2(int fds[2], int flags);
long rt_fcntl(int fd, int cmd, long arg);               /* GETFL/SETFL use RT_O_* flags */
int rt_ioctl(int fd, int req, void *arg);
int rt_umask(int mask);

/* ---- process ---- */
RT_NORETURN void rt_exit(int status);
int rt_getpid(void);
int rt_getppid(void);
int rt_getuid(void);
int rt_geteuid(void);
int rt_getgid(void);
int rt_getegid(void);
int rt_getgroups(int n, uint32_t *groups);
int rt_issetugid(void);
long rt_thr_self(void);                                 /* thr_self / gettid */
enum { RT_RLIMIT_CPU = 1, RT_RLIMIT_FSIZE, RT_RLIMIT_DATA, RT_RLIMIT_STACK, RT_RLIMIT_CORE,
       RT_RLIMIT_NOFILE, RT_RLIMIT_AS };
#define RT_RLIM_INFINITY (~(uint64_t)0)
struct rt_rlimit { uint64_t cur, max; };
int rt_getrlimit(int res, struct rt_rlimit *rl);
int rt_setrlimit(int res, const struct rt_rlimit *rl);
struct rt_timeval { int64_t sec, usec; };               /* same layout on both */
struct rt_rusage {                                      /* same layout on both */
    struct rt_timeval utime, stime;
    int64_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock,
            msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};
enum { RT_RUSAGE_SELF = 0, RT_RUSAGE_CHILDREN = -1 };   /* same on both */
int rt_getrusage(int who, struct rt_rusage *ru);
int rt_set_fsbase(uint64_t base);                        /* sysarch / arch_prctl */
int rt_get_fsbase(uint64_t *base);
struct rt_utsname { char sysname[256], nodename[256], release[256], version[256], machine[256]; };
int rt_uname(struct rt_utsname *u);
int rt_sched_yield(void);
/* The stack pointer _start was entered with (to check the kernel's alignment convention). */
extern uint64_t rt_entry_sp;
extern long *rt_entry_argc;
/* auxv lookup; types 3..9 (AT_PHDR..AT_ENTRY) share numbers on both OSes. */
int rt_getauxval(unsigned long type, uint64_t *val);

/* ---- processes ---- */
int rt_fork(void);                                      /* 0 in the child, its pid in the parent */
/* vfork in one assembly sequence that uses no stack in the child: the child exits at once with
 * `code`, or execs path and exits 127 if that fails. Both return the child's pid. */
int rt_vfork_exit(int code);
int rt_vfork_exec(const char *path, char *const argv[], char *const envp[]);
int rt_execve(const char *path, char *const argv[], char *const envp[]);
int rt_fexecve(int fd, char *const argv[], char *const envp[]);     /* Linux: execveat(AT_EMPTY_PATH) */
/* Wait statuses in one encoding (signal numbers portable): exited = code << 8, killed = signal
 * (| 0x80 with a core), stopped = signal << 8 | 0x7f, continued = 0xffff. */
#define RT_WIFEXITED(s) (((s) & 0x7f) == 0)
#define RT_WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define RT_WIFSIGNALED(s) (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define RT_WTERMSIG(s) ((s) & 0x7f)
#define RT_WIFSTOPPED(s) (((s) & 0xff) == 0x7f)
#define RT_WSTOPSIG(s) (((s) >> 8) & 0xff)
#define RT_WIFCONTINUED(s) ((s) == 0xffff)
enum { RT_WNOHANG = 1, RT_WUNTRACED = 2, RT_WCONTINUED = 4, RT_WNOWAIT = 8, RT_WEXITED = 16 };
int rt_wait4(int pid, int *status, int options, struct rt_rusage *ru);
enum { RT_P_PID = 1, RT_P_PGID, RT_P_ALL };
struct rt_waitinfo { int pid, uid, code, status; };    /* code RT_CLD_*; status as in rt_siginfo */
/* waitid / wait6: info->pid is 0 when WNOHANG found nothing. */
int rt_waitid(int idtype, int id, struct rt_waitinfo *info, int options);
int rt_getpgrp(void);
int rt_setpgid(int pid, int pgid);
int rt_getpgid(int pid);
int rt_setsid(void);
int rt_getsid(int pid);
int rt_getresuid(unsigned *r, unsigned *e, unsigned *s);
int rt_getresgid(unsigned *r, unsigned *e, unsigned *s);
enum { RT_PRIO_PROCESS = 0, RT_PRIO_PGRP = 1, RT_PRIO_USER = 2 };     /* same on both */
int rt_getpriority(int which, int who, int *nice);      /* the nice value in *nice */
int rt_setpriority(int which, int who, int nice);
enum { RT_ITIMER_REAL = 0, RT_ITIMER_VIRTUAL = 1, RT_ITIMER_PROF = 2 };  /* same on both */
struct rt_itimerval { struct rt_timeval interval, value; };             /* same layout */
int rt_setitimer(int which, const struct rt_itimerval *nv, struct rt_itimerval *old);
int rt_getitimer(int which, struct rt_itimerval *v);
/* procctl(2) / prctl(2): parent-death signal, reaper (subreaper), no_new_privs. */
int rt_set_pdeathsig(int sig);
int rt_get_pdeathsig(int *sig);
int rt_reaper_acquire(void);
int rt_reaper_release(void);
int rt_no_new_privs(int *enabled);                      /* enables; *enabled = status after */

/* ---- time ---- */
struct rt_timespec { int64_t sec, nsec; };               /* same layout on both */
enum { RT_CLOCK_REALTIME = 1, RT_CLOCK_MONOTONIC, RT_CLOCK_PROCESS_CPUTIME_ID,
       RT_CLOCK_THREAD_CPUTIME_ID };
#define RT_TIMER_ABSTIME 1
int rt_clock_gettime(int clk, struct rt_timespec *ts);
int rt_clock_getres(int clk, struct rt_timespec *ts);
int rt_gettimeofday(struct rt_timeval *tv);
int rt_nanosleep(const struct rt_timespec *req, struct rt_timespec *rem);
int rt_clock_nanosleep(int clk, int flags, const struct rt_timespec *req, struct rt_timespec *rem);
#define RT_GRND_NONBLOCK 1
long rt_getrandom(void *buf, size_t n, unsigned flags);

/* ---- memory ---- */
enum { RT_PROT_NONE = 0, RT_PROT_READ = 1, RT_PROT_WRITE = 2, RT_PROT_EXEC = 4 };  /* same */
enum { RT_MAP_SHARED = 1, RT_MAP_PRIVATE = 2, RT_MAP_FIXED = 4, RT_MAP_ANON = 8,
       RT_MAP_EXCL = 0x10, RT_MAP_STACK = 0x20, RT_MAP_GUARD = 0x40, RT_MAP_32BIT = 0x80 };
enum { RT_MS_ASYNC = 1, RT_MS_SYNC = 2, RT_MS_INVALIDATE = 4 };
enum { RT_MADV_NORMAL = 1, RT_MADV_RANDOM, RT_MADV_SEQUENTIAL, RT_MADV_WILLNEED,
       RT_MADV_DONTNEED, RT_MADV_FREE };
#define RT_MAP_FAILED(p) ((uint64_t)(p) >= (uint64_t)-4096)
/* Returns the address, or -errno cast to a pointer (test with RT_MAP_FAILED). */
void *rt_mmap(void *addr, size_t len, int prot, int flags, int fd, int64_t off);
int rt_munmap(void *addr, size_t len);
int rt_mprotect(void *addr, size_t len, int prot);
int rt_madvise(void *addr, size_t len, int advice);
int rt_mincore(void *addr, size_t len, unsigned char *vec);   /* bit 0 = resident */
int rt_msync(void *addr, size_t len, int flags);

/* ---- sockets ---- */
enum { RT_AF_UNSPEC = 0, RT_AF_UNIX = 1, RT_AF_INET = 2, RT_AF_INET6 = 3 };
/* Types have the same numbers on both OSes; the creation flags are portable names. */
enum { RT_SOCK_STREAM = 1, RT_SOCK_DGRAM = 2, RT_SOCK_RAW = 3, RT_SOCK_SEQPACKET = 5,
       RT_SOCK_CLOEXEC = 0x1000, RT_SOCK_NONBLOCK = 0x2000 };
enum { RT_SHUT_RD = 0, RT_SHUT_WR = 1, RT_SHUT_RDWR = 2 };      /* same on both */
/* A socket address in portable form: port in host byte order, addr in network order (4 bytes
 * for inet, 16 for inet6), path NUL-terminated. On output, len is the length the kernel
 * reported and len_ok says whether it is the one this OS's rules give for the address
 * (FreeBSD: sa_len and sizeof; Linux: its own sizes), so programs print len_ok, not len. */
struct rt_sockaddr {
    int family;
    uint16_t port;
    uint8_t addr[16];
    uint32_t scope_id;
    char path[108];
    int len, len_ok;
};
int rt_socket(int family, int type, int protocol);
int rt_socketpair(int family, int type, int protocol, int sv[2]);
int rt_bind(int fd, const struct rt_sockaddr *sa);
int rt_connect(int fd, const struct rt_sockaddr *sa);
int rt_listen(int fd, int backlog);
int rt_accept(int fd, struct rt_sockaddr *sa);                  /* sa may be NULL */
int rt_accept4(int fd, struct rt_sockaddr *sa, int flags);      /* RT_SOCK_CLOEXEC/NONBLOCK */
int rt_getsockname(int fd, struct rt_sockaddr *sa);
int rt_getpeername(int fd, struct rt_sockaddr *sa);
int rt_shutdown(int fd, int how);
/* The raw address length a kernel accepts or refuses: bind with `len` bytes of a sockaddr_in. */
int rt_bind_inet_len(int fd, const struct rt_sockaddr *sa, int len);
/* getsockname into a buffer of `room` bytes: returns the length written back, *family_seen
 * the family byte(s) copied (-1 if none). */
int rt_getsockname_room(int fd, int room, int *family_seen);

enum { RT_MSG_OOB = 1, RT_MSG_PEEK = 2, RT_MSG_DONTWAIT = 4, RT_MSG_WAITALL = 8,
       RT_MSG_NOSIGNAL = 0x10, RT_MSG_TRUNC = 0x20, RT_MSG_CTRUNC = 0x40, RT_MSG_EOR = 0x80,
       RT_MSG_CMSG_CLOEXEC = 0x100 };
long rt_send(int fd, const void *buf, size_t n, int flags);
long rt_sendto(int fd, const void *buf, size_t n, int flags, const struct rt_sockaddr *to);
long rt_recv(int fd, void *buf, size_t n, int flags);
long rt_recvfrom(int fd, void *buf, size_t n, int flags, struct rt_sockaddr *from);
/* sendmsg/recvmsg with SCM_RIGHTS descriptors: fds/nfds to send; on receive, room for maxfds
 * descriptors (0: no control buffer), nfds received, flags the RT_MSG_* the kernel reported. */
struct rt_msg {
    struct rt_sockaddr *name;
    struct rt_iovec *iov;
    int iovlen;
    int *fds;
    int nfds, maxfds;
    int flags;
};
long rt_sendmsg(int fd, const struct rt_msg *m, int flags);
long rt_recvmsg(int fd, struct rt_msg *m, int flags);

/* Socket options by portable name. Booleans read back as 0/1 (the FreeBSD back end checks
 * that the kernel reported the option's own bit, else returns the raw value negated);
 * SO_ERROR reads back as a portable errno code; SO_DOMAIN as RT_AF_*; SO_LINGER is
 * struct rt_linger; SO_*TIMEO struct rt_timeval. */
enum { RT_SO_REUSEADDR = 1, RT_SO_KEEPALIVE, RT_SO_BROADCAST, RT_SO_LINGER, RT_SO_OOBINLINE,
       RT_SO_REUSEPORT, RT_SO_SNDBUF, RT_SO_RCVBUF, RT_SO_RCVLOWAT, RT_SO_SNDTIMEO,
       RT_SO_RCVTIMEO, RT_SO_ERROR, RT_SO_TYPE, RT_SO_ACCEPTCONN, RT_SO_DOMAIN, RT_SO_PROTOCOL,
       RT_SO_NOSIGPIPE, RT_TCP_NODELAY, RT_TCP_KEEPIDLE, RT_TCP_KEEPINTVL, RT_TCP_KEEPCNT,
       RT_IP_TOS, RT_IP_TTL, RT_IP_MULTICAST_TTL, RT_IP_MULTICAST_LOOP, RT_IPV6_V6ONLY,
       RT_IPV6_UNICAST_HOPS, RT_SO_BOGUS, RT_SO_COUNT };
struct rt_linger { int onoff, seconds; };                        /* same layout on both */
int rt_setsockopt(int fd, int opt, const void *val, size_t len);
int rt_getsockopt(int fd, int opt, void *val, size_t *len);

/* ---- poll / select ---- */
struct rt_pollfd { int fd; short events, revents; };             /* same layout on both */
enum { RT_POLLIN = 1, RT_POLLPRI = 2, RT_POLLOUT = 4, RT_POLLERR = 8, RT_POLLHUP = 0x10,
       RT_POLLNVAL = 0x20, RT_POLLRDNORM = 0x40, RT_POLLRDBAND = 0x80, RT_POLLWRBAND = 0x100,
       RT_POLLRDHUP = 0x200 };
int rt_poll(struct rt_pollfd *fds, unsigned n, int timeout_ms);
int rt_ppoll(struct rt_pollfd *fds, unsigned n, const struct rt_timespec *ts, const uint64_t *sigmask);
typedef struct { uint64_t bits[16]; } rt_fd_set;                /* 1024 bits on both */
#define RT_FD_ZERO(s) memset((s), 0, sizeof(rt_fd_set))
#define RT_FD_SET(fd, s) ((s)->bits[(fd) / 64] |= 1ull << ((fd) % 64))
#define RT_FD_ISSET(fd, s) (((s)->bits[(fd) / 64] >> ((fd) % 64)) & 1)
/* FreeBSD semantics on both: the timeout is not written back. */
int rt_select(int nd, rt_fd_set *r, rt_fd_set *w, rt_fd_set *e, struct rt_timeval *tv);
int rt_pselect(int nd, rt_fd_set *r, rt_fd_set *w, rt_fd_set *e, const struct rt_timespec *ts,
               const uint64_t *sigmask);

/* ---- kqueue (FreeBSD only; the Linux back end returns -RT_ENOSYS) ---- */
struct rt_kevent {                                               /* FreeBSD's struct kevent */
    uint64_t ident;
    int16_t filter;
    uint16_t flags;
    uint32_t fflags;
    int64_t data;
    void *udata;
    uint64_t ext[4];
};
#define RT_EVFILT_READ (-1)
#define RT_EVFILT_WRITE (-2)
#define RT_EVFILT_AIO (-3)
#define RT_EVFILT_VNODE (-4)
#define RT_EVFILT_SIGNAL (-6)
#define RT_EVFILT_TIMER (-7)
#define RT_EVFILT_USER (-11)
enum { RT_EV_ADD = 0x1, RT_EV_DELETE = 0x2, RT_EV_ENABLE = 0x4, RT_EV_DISABLE = 0x8,
       RT_EV_ONESHOT = 0x10, RT_EV_CLEAR = 0x20, RT_EV_RECEIPT = 0x40, RT_EV_DISPATCH = 0x80,
       RT_EV_FORCEONESHOT = 0x100, RT_EV_ERROR = 0x4000, RT_EV_EOF = 0x8000 };
#define RT_NOTE_FFNOP 0u
#define RT_NOTE_FFAND 0x40000000u
#define RT_NOTE_FFOR 0x80000000u
#define RT_NOTE_FFCOPY 0xc0000000u
#define RT_NOTE_FFLAGSMASK 0x00ffffffu
#define RT_NOTE_TRIGGER 0x01000000u
enum { RT_NOTE_SECONDS = 1, RT_NOTE_MSECONDS = 2, RT_NOTE_USECONDS = 4, RT_NOTE_NSECONDS = 8,
       RT_NOTE_ABSTIME = 0x10, RT_NOTE_LOWAT = 1 };
#define RT_KQUEUE_CLOEXEC 1u
#define RT_EV_SET(k, i, f, fl, ff, d, u) (*(k) = (struct rt_kevent){ .ident = (i), .filter = (f), \
    .flags = (fl), .fflags = (ff), .data = (d), .udata = (u) })
int rt_kqueue(void);
int rt_kqueuex(unsigned flags);
/* data in the returned events is the raw kernel value; the error of an EV_ERROR event is
 * turned into a portable code by rt_kevent (FreeBSD errno numbers otherwise). */
int rt_kevent(int kq, const struct rt_kevent *ch, int nch, struct rt_kevent *ev, int nev,
              const struct rt_timespec *ts);
/* The same through the FreeBSD 11 system call (32-byte struct without ext). */
int rt_kevent11(int kq, const struct rt_kevent *ch, int nch, struct rt_kevent *ev, int nev,
                const struct rt_timespec *ts);

/* ---- sysctl (FreeBSD MIB numbering; the Linux back end emulates a few nodes) ---- */
int rt_sysctl(const int *mib, unsigned n, void *old, size_t *oldlen, const void *nw, size_t newlen);
int rt_sysctlbyname(const char *name, void *old, size_t *oldlen, const void *nw, size_t newlen);

/* ---- helpers (rt.c) ---- */
const char *rt_getenv(const char *name);
/* Where a program may create files: argv[1], else $TMPDIR, else /tmp. */
const char *rt_scratch_dir(int argc, char **argv);
/* One byte load (write = 0) or store of value at addr with SIGSEGV/SIGBUS caught: returns 0, or
 * the signal; rt_probe_info then holds its siginfo. The old handlers are restored. */
int rt_probe(volatile void *addr, int write, int value);
extern struct rt_siginfo rt_probe_info;

/* ---- output and strings (rt.c) ---- */
int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int rt_dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int rt_snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int rt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
void rt_sort_strings(const char **v, int n);
const char *rt_basename(const char *path);

void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strcpy(char *d, const char *s);

/* ---- waiting for signals ---- */
/* Replaces the mask and sleeps until a handler has run; always -RT_EINTR. */
int rt_sigsuspend(const uint64_t *mask);
/* Takes a pending signal in *set (timeout_ns < 0: no limit): the portable signal number,
 * -RT_EAGAIN on timeout, -RT_EINTR. */
int rt_sigtimedwait(const uint64_t *set, long timeout_ns);

/* ---- threads (FreeBSD thr_new/_umtx_op, Linux clone/futex) ---- */
typedef void (*rt_thread_fn)(void *arg);
/* Starts fn(arg) on a new thread running on [stack, stack+size); *tid gets its id (both
 * systems store it before the thread runs). 0 or -errno. The thread ends with rt_thread_exit. */
long rt_thread_create(rt_thread_fn fn, void *arg, void *stack, size_t size, long *tid);
/* Ends the calling thread: stores 1 into *done (if not NULL) and wakes its joiner. */
RT_NORETURN void rt_thread_exit(long *done);
/* Waits until *done is non-zero (the thread passed it to rt_thread_exit). */
void rt_thread_join(long *done);
/* Sleeps while *word == val, up to timeout_ns (< 0: no limit): 0 (woken, or the value differed),
 * -RT_ETIMEDOUT or -RT_EINTR. */
long rt_futex_wait(unsigned *word, unsigned val, long timeout_ns);
long rt_futex_wake(unsigned *word, int count);
/* Sends sig to one thread of this process (thr_kill / tgkill). */
long rt_thread_kill(long tid, int sig);

/* ---- synchronisation objects (FreeBSD: libthr-style fast paths over _umtx_op's mutex,
 * condition-variable, rwlock and semaphore operations; Linux: the same on futexes) ---- */
struct rt_mutex { uint32_t w[8]; };     /* zero-initialised = unlocked */
struct rt_cond { uint32_t w[4]; };
struct rt_rwlock { uint32_t w[8]; };
struct rt_sem { uint32_t w[2]; };       /* w[0] = initial count */
long rt_mutex_lock(struct rt_mutex *m);
long rt_mutex_trylock(struct rt_mutex *m);
long rt_mutex_unlock(struct rt_mutex *m);
long rt_cond_wait(struct rt_cond *c, struct rt_mutex *m);      /* re-locks m before returning */
long rt_cond_signal(struct rt_cond *c);
long rt_cond_broadcast(struct rt_cond *c);
long rt_rwlock_rdlock(struct rt_rwlock *l);
long rt_rwlock_wrlock(struct rt_rwlock *l);
long rt_rwlock_unlock(struct rt_rwlock *l);
long rt_sem_wait(struct rt_sem *s);
long rt_sem_post(struct rt_sem *s);

/* ---- test helpers ---- */
/* poll event bits as "IN|OUT|HUP" ("-" for none); one static buffer. */
const char *rt_poll_names(int events);
/* An FNV-1a hash over the bytes of 64-bit values, printed and reset by rt_hash_report. */
void rt_hash_mix(uint64_t v);
void rt_hash_report(const char *what, int width);

/* ---- used between rt.c and the back ends ---- */
struct rt__flag { unsigned long rt, native; };           /* tables end with {0, 0} */
unsigned long rt__to_native(unsigned long v, const struct rt__flag *t);
unsigned long rt__from_native(unsigned long v, const struct rt__flag *t);
extern uint64_t *rt__auxv;

#endif
