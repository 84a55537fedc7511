/* Minimal freestanding runtime for the benchmarks: one source, built for FreeBSD (run under the
 * emulator) and for Linux (run natively and under qemu-x86_64). Only write and exit. */
#ifndef BENCH_RT_H
#define BENCH_RT_H
typedef unsigned long u64;
typedef unsigned int u32;

#ifdef __FreeBSD__
#define SYS_WRITE 4
#define SYS_EXIT 1
__attribute__((section(".note.tag"), aligned(4), used))
static const struct { int namesz, descsz, type; char name[8]; int desc; } abi_note = {8, 4, 1, "FreeBSD", 1400097};
/* FreeBSD passes the argument block in %rdi. */
__asm__(".globl _start\n_start:\n  and $-16, %rsp\n  call bench_start\n  hlt\n");
#else
#define SYS_WRITE 1
#define SYS_EXIT 60
/* Linux leaves argc at (%rsp). */
__asm__(".globl _start\n_start:\n  mov %rsp, %rdi\n  and $-16, %rsp\n  call bench_start\n  hlt\n");
#endif

static long sys3(long n, long a, long b, long c) {
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory", "cc");
    return r;
}

static void put_u64(const char *label, u64 v) {
    char buf[96];
    int n = 0;
    while (label[n]) { buf[n] = label[n]; n++; }
    char d[24];
    int k = 0;
    do { d[k++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (k) buf[n++] = d[--k];
    buf[n++] = '\n';
    sys3(SYS_WRITE, 1, (long)buf, n);
}

void *memcpy(void *dst, const void *src, unsigned long n) {
    char *d = dst; const char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}
void *memset(void *dst, int c, unsigned long n) {
    char *d = dst;
    while (n--) *d++ = (char)c;
    return dst;
}

int bench_main(void);
void bench_start(long *args) {
    (void)args;
    sys3(SYS_EXIT, bench_main(), 0, 0);
}
#endif
