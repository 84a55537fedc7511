// Host shims: the few things Swift cannot express directly (raw Linux syscalls, atomic
// read-modify-write on raw guest memory, cpuid, MXCSR). Everything here is tiny and inline
// where it sits in the interpreter's hot path.
#ifndef CHOST_H
#define CHOST_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "CHostSSE.h"   // the guest's SSE instructions run by the host

/// Raw Linux syscall: returns the kernel's value (negative errno on failure), never touches errno.
long host_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

// ---- Atomics on host addresses that back guest memory (sequentially consistent, as `lock` is).
static inline bool host_cas8(void *p, uint8_t *expected, uint8_t desired) {
    return __atomic_compare_exchange_n((uint8_t *)p, expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static inline bool host_cas16(void *p, uint16_t *expected, uint16_t desired) {
    return __atomic_compare_exchange_n((uint16_t *)p, expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static inline bool host_cas32(void *p, uint32_t *expected, uint32_t desired) {
    return __atomic_compare_exchange_n((uint32_t *)p, expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
static inline bool host_cas64(void *p, uint64_t *expected, uint64_t desired) {
    return __atomic_compare_exchange_n((uint64_t *)p, expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
/// 16-byte compare-and-swap (cmpxchg16b). `expected` is {lo, hi}; updated with the old value.
bool host_cas128(void *p, uint64_t *expected, uint64_t desired_lo, uint64_t desired_hi);

static inline uint8_t host_xchg8(void *p, uint8_t v) { return __atomic_exchange_n((uint8_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint16_t host_xchg16(void *p, uint16_t v) { return __atomic_exchange_n((uint16_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint32_t host_xchg32(void *p, uint32_t v) { return __atomic_exchange_n((uint32_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint64_t host_xchg64(void *p, uint64_t v) { return __atomic_exchange_n((uint64_t *)p, v, __ATOMIC_SEQ_CST); }

static inline uint32_t host_atomic_load32(const void *p) { return __atomic_load_n((const uint32_t *)p, __ATOMIC_SEQ_CST); }
static inline uint64_t host_atomic_load64(const void *p) { return __atomic_load_n((const uint64_t *)p, __ATOMIC_SEQ_CST); }
static inline void host_atomic_store32(void *p, uint32_t v) { __atomic_store_n((uint32_t *)p, v, __ATOMIC_SEQ_CST); }
static inline void host_atomic_store64(void *p, uint64_t v) { __atomic_store_n((uint64_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint32_t host_fetch_add32(void *p) { return __atomic_fetch_add((uint32_t *)p, 1, __ATOMIC_SEQ_CST); }
static inline void host_fence(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }

// ---- CPU identification and control of the host's SSE state.
void host_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);
uint64_t host_rdtsc(void);
static inline uint32_t host_get_mxcsr(void) { uint32_t v; __asm__ volatile("stmxcsr %0" : "=m"(v)); return v; }
static inline void host_set_mxcsr(uint32_t v) { __asm__ volatile("ldmxcsr %0" : : "m"(v)); }

/// The host signal the emulator uses to interrupt a guest thread blocked in a host system
/// call (a guest signal arrived for it). Installed with an empty handler and without
/// SA_RESTART, so blocking calls return EINTR.
#define HOST_WAKE_SIGNAL 64
void host_install_wake_signal(void);

/// Forwarding of signals sent to the emulator from outside (kill, the terminal, itimers) to
/// the guest: the handler records the Linux signal number in a pending mask, raises the
/// attention word of the guest thread chosen as target and interrupts it if it is blocked.
void host_forward_signal(int sig, int enable);
/// Sets the host disposition of `sig` as the guest's asks: mode 0 default, 1 forwarded to the
/// guest (as above), 2 ignored; `flags` adds host SA_* flags (SA_NOCLDWAIT, SA_NOCLDSTOP).
void host_mirror_signal(int sig, int mode, int flags);
/// Who sent the last forwarded `sig` (from its host siginfo): si_code, si_pid, si_uid, and
/// si_status for SIGCHLD (exit code or Linux signal number).
struct host_signal_origin { int code, pid, uid, status; };
void host_forwarded_origin(int sig, struct host_signal_origin *out);
void host_set_forward_target(uint32_t *attention, int tid);
/// Takes (and clears) the mask of forwarded signals received (bit n = Linux signal n).
uint64_t host_take_forwarded(void);

/// Last-resort guard for host SIGBUS inside the guest arena (a mapped file shrank behind our
/// back): the page is replaced by zeros so the emulator survives; the count tells how often.
void host_install_bus_guard(void *arena_base, unsigned long arena_size);
unsigned long host_bus_guard_hits(void);

// ---- Process credentials and descriptors (GNU extensions; see process.c).
int host_setresuid(unsigned r, unsigned e, unsigned s);
int host_setresgid(unsigned r, unsigned e, unsigned s);
int host_getresuid(unsigned *r, unsigned *e, unsigned *s);
int host_getresgid(unsigned *r, unsigned *e, unsigned *s);
int host_pipe2(int fds[2], int flags);
/// 1 if the host disposition of `sig` is SIG_IGN.
int host_signal_is_ignored(int sig);

#include "CHostX87.h"   // the guest's x87 instructions run by the host

#endif
