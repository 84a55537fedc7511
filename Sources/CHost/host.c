#include "CHost.h"

long host_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
    long ret;
    register long r10 __asm__("r10") = a4;
    register long r8 __asm__("r8") = a5;
    register long r9 __asm__("r9") = a6;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}

bool host_cas128(void *p, uint64_t *expected, uint64_t desired_lo, uint64_t desired_hi) {
    bool ok;
    uint64_t lo = expected[0], hi = expected[1];
    __asm__ volatile("lock cmpxchg16b %1\n\tsete %0"
                     : "=q"(ok), "+m"(*(volatile __int128 *)p), "+a"(lo), "+d"(hi)
                     : "b"(desired_lo), "c"(desired_hi)
                     : "memory", "cc");
    expected[0] = lo;
    expected[1] = hi;
    return ok;
}

void host_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4]) {
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(subleaf));
    out[0] = a; out[1] = b; out[2] = c; out[3] = d;
}

uint64_t host_rdtsc(void) {
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

static char *guard_base;
static unsigned long guard_size;
static volatile unsigned long guard_hits;

static void bus_guard(int sig, siginfo_t *info, void *ctx) {
    (void)ctx;
    char *a = (char *)info->si_addr;
    if (guard_base && a >= guard_base && a < guard_base + guard_size) {
        void *page = (void *)((unsigned long)a & ~4095UL);
        mmap(page, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        guard_hits++;
        return;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void host_install_bus_guard(void *arena_base, unsigned long arena_size) {
    guard_base = arena_base;
    guard_size = arena_size;
    struct sigaction sa;
    sa.sa_sigaction = bus_guard;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGBUS, &sa, 0);
}

unsigned long host_bus_guard_hits(void) { return guard_hits; }

static void wake_handler(int sig) { (void)sig; }

void host_install_wake_signal(void) {
    struct sigaction sa;
    sa.sa_handler = wake_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(HOST_WAKE_SIGNAL, &sa, 0);
}

static uint32_t *volatile forward_attention;
static volatile int forward_tid;
static volatile uint64_t forwarded;
static struct host_signal_origin forwarded_origin[65];

static void forward_handler(int sig, siginfo_t *si, void *ctx) {
    (void)ctx;
    if (sig > 0 && sig < 65 && si) {
        struct host_signal_origin *o = &forwarded_origin[sig];
        o->code = si->si_code;
        o->pid = si->si_pid;
        o->uid = (int)si->si_uid;
        o->status = sig == SIGCHLD ? si->si_status : 0;
    }
    __atomic_or_fetch(&forwarded, 1ULL << sig, __ATOMIC_SEQ_CST);
    uint32_t *a = forward_attention;
    if (a) __atomic_store_n(a, 1, __ATOMIC_SEQ_CST);
    int tid = forward_tid;
    if (tid && tid != (int)host_syscall6(186, 0, 0, 0, 0, 0, 0)) host_syscall6(234, getpid(), tid, HOST_WAKE_SIGNAL, 0, 0, 0);
}

void host_mirror_signal(int sig, int mode, int flags) {
    struct sigaction sa;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = flags;
    if (mode == 1) {
        sa.sa_sigaction = forward_handler;
        sa.sa_flags |= SA_SIGINFO;
    } else {
        sa.sa_handler = mode == 2 ? SIG_IGN : SIG_DFL;
    }
    sigaction(sig, &sa, 0);
}

void host_forward_signal(int sig, int enable) { host_mirror_signal(sig, enable ? 1 : 0, 0); }

void host_forwarded_origin(int sig, struct host_signal_origin *out) {
    if (sig > 0 && sig < 65) *out = forwarded_origin[sig];
}

void host_set_forward_target(uint32_t *attention, int tid) {
    forward_attention = attention;
    forward_tid = tid;
}

uint64_t host_take_forwarded(void) { return __atomic_exchange_n(&forwarded, 0, __ATOMIC_SEQ_CST); }
