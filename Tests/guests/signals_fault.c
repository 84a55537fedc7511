/* signals_fault: synchronous faults delivered to handlers. Checks the siginfo (si_code,
 * si_addr), the interrupted register state in the ucontext (general registers, rip, rflags.DF,
 * the FXSAVE image), that a handler may rewrite that state before returning (sigreturn), and
 * finally a stack overflow caught on an alternate signal stack (exit status 7). */
#include "rt.h"

#define YN(c) ((c) ? "yes" : "no")

/* fault_regs(addr): loads from addr with known values in many registers, DF set, and xmm6/xmm7
 * loaded; at the resume label it records what the registers hold after the handler returned. */
__asm__(".text\n"
        "fault_regs:\n"
        "\tpush %rbx\n\tpush %rbp\n\tpush %r12\n\tpush %r13\n\tpush %r14\n\tpush %r15\n"
        "\tmovabs $0x1111111111111111, %rbx\n"
        "\tmovabs $0x2222222222222222, %rbp\n"
        "\tmovabs $0x1212121212121212, %r12\n"
        "\tmovabs $0x1313131313131313, %r13\n"
        "\tmovabs $0x1414141414141414, %r14\n"
        "\tmovabs $0x1515151515151515, %r15\n"
        "\tmovabs $0x0808080808080808, %r8\n"
        "\tmovabs $0x0909090909090909, %r9\n"
        "\tmovabs $0x3636363636363636, %rax\n"
        "\tmovq %rax, %xmm6\n"
        "\tmovabs $0x4242424242424242, %rax\n"
        "\tmovq %rax, %xmm7\n"
        "\tstd\n"
        "fault_regs_insn:\n"
        "\tmovq (%rdi), %rax\n"
        "fault_regs_resume:\n"
        "\tpushfq\n\tpopq %rcx\n\tmov %rcx, after_flags(%rip)\n"
        "\tcld\n"
        "\tmovq %xmm6, %rcx\n\tmov %rcx, after_xmm6(%rip)\n"
        "\tmovq %xmm7, %rcx\n\tmov %rcx, after_xmm7(%rip)\n"
        "\tmov %r12, after_r12(%rip)\n\tmov %rbx, after_rbx(%rip)\n\tmov %r15, after_r15(%rip)\n"
        "\tpop %r15\n\tpop %r14\n\tpop %r13\n\tpop %r12\n\tpop %rbp\n\tpop %rbx\n"
        "\tret\n"
        "div_fault:\n"                      /* div_fault(dividend, divisor): idiv, or 0x99 */
        "\tmov %rdi, %rax\n\tcqo\n\tmov %rsi, %rcx\n"
        "div_fault_insn:\n"
        "\tidiv %rcx\n"
        "div_fault_resume:\n"
        "\tret\n"
        "ill_fault:\n"
        "\txor %eax, %eax\n"
        "ill_fault_insn:\n"
        "\tud2\n"
        "ill_fault_resume:\n"
        "\tret\n"
        "trap_fault:\n"
        "\tmov $5, %eax\n"
        "\tint3\n"
        "trap_fault_after:\n"
        "\tadd $1, %eax\n"
        "\tret\n"
        "handler_flags:\n"                  /* rflags as seen inside a handler */
        "\tpushfq\n\tpopq %rax\n\tret\n");

uint64_t fault_regs(uint64_t addr);
int64_t div_fault(int64_t a, int64_t b);
int ill_fault(void);
int trap_fault(void);
uint64_t handler_flags(void);
extern char fault_regs_insn[], fault_regs_resume[], div_fault_insn[], div_fault_resume[];
extern char ill_fault_insn[], ill_fault_resume[], trap_fault_after[];
uint64_t after_flags, after_xmm6, after_xmm7, after_r12, after_rbx, after_r15;

static struct rt_siginfo last;
static int last_sig, regs_ok, rip_ok, df_in_frame, df_in_handler, rsp_ok, mxcsr_ok, pc_after_trap;
static uint64_t last_pc;

#define DF 0x400

static void on_segv_regs(int sig, const struct rt_siginfo *si, void *uc)
{
    char here;
    last = *si;
    last_sig = sig;
    regs_ok = *rt_uc_reg(uc, RT_REG_RBX) == 0x1111111111111111ull &&
              *rt_uc_reg(uc, RT_REG_RBP) == 0x2222222222222222ull &&
              *rt_uc_reg(uc, RT_REG_R12) == 0x1212121212121212ull &&
              *rt_uc_reg(uc, RT_REG_R13) == 0x1313131313131313ull &&
              *rt_uc_reg(uc, RT_REG_R14) == 0x1414141414141414ull &&
              *rt_uc_reg(uc, RT_REG_R15) == 0x1515151515151515ull &&
              *rt_uc_reg(uc, RT_REG_R8) == 0x0808080808080808ull &&
              *rt_uc_reg(uc, RT_REG_R9) == 0x0909090909090909ull &&
              *rt_uc_reg(uc, RT_REG_RAX) == 0x4242424242424242ull &&
              *rt_uc_reg(uc, RT_REG_RDI) == si->addr;
    rip_ok = *rt_uc_reg(uc, RT_REG_RIP) == (uint64_t)fault_regs_insn;
    df_in_frame = (*rt_uc_reg(uc, RT_REG_RFLAGS) & DF) != 0;
    df_in_handler = (handler_flags() & DF) != 0;
    uint64_t rsp = *rt_uc_reg(uc, RT_REG_RSP);
    rsp_ok = rsp > (uint64_t)&here && (rsp & 7) == 0;
    unsigned char *fx = rt_uc_fxsave(uc);
    uint32_t mxcsr;
    memcpy(&mxcsr, fx + 24, 4);
    uint64_t x7;
    memcpy(&x7, fx + 160 + 7 * 16, 8);
    mxcsr_ok = (mxcsr & 0xffc0) == 0x1f80 && x7 == 0x4242424242424242ull;

    /* rewrite the interrupted state: resume past the load with new rax/r12 and a new xmm6 */
    *rt_uc_reg(uc, RT_REG_RIP) = (uint64_t)fault_regs_resume;
    *rt_uc_reg(uc, RT_REG_RAX) = 0x77;
    *rt_uc_reg(uc, RT_REG_R12) = 0xabc;
    uint64_t x6 = 0x6666666666666666ull;
    memcpy(fx + 160 + 6 * 16, &x6, 8);
    __asm__ volatile("pxor %%xmm7, %%xmm7" ::: "xmm7");   /* clobber live state; sigreturn restores */
}

static void fault_and_context(void)
{
    rt_sigaction(RT_SIGSEGV, on_segv_regs, 0, 0, 0);
    uint64_t r = fault_regs(0x10);
    rt_printf("load from 0x10: %s %s, si_addr 0x10: %s\n", rt_signame(last_sig), rt_codename(last.code),
              YN(last.addr == 0x10));
    rt_printf("ucontext general registers match: %s\n", YN(regs_ok));
    rt_printf("ucontext rip is the faulting load: %s\n", YN(rip_ok));
    rt_printf("ucontext rflags has DF set: %s; DF clear inside the handler: %s\n", YN(df_in_frame), YN(!df_in_handler));
    rt_printf("ucontext rsp is above the handler frame: %s\n", YN(rsp_ok));
    rt_printf("FXSAVE image: mxcsr default, xmm7 as loaded: %s\n", YN(mxcsr_ok));
    rt_printf("after sigreturn: rax %lx, r12 %lx, rbx kept %s, r15 kept %s\n", (unsigned long)r,
              (unsigned long)after_r12, YN(after_rbx == 0x1111111111111111ull), YN(after_r15 == 0x1515151515151515ull));
    rt_printf("after sigreturn: DF restored %s, xmm6 from the frame %s, xmm7 kept %s\n", YN(after_flags & DF),
              YN(after_xmm6 == 0x6666666666666666ull), YN(after_xmm7 == 0x4242424242424242ull));

    last_sig = 0;
    fault_regs(0xdead0000);     /* an unmapped address far from anything */
    rt_printf("load from 0xdead0000: %s %s, si_addr exact: %s\n", rt_signame(last_sig), rt_codename(last.code),
              YN(last.addr == 0xdead0000));
    rt_sigaction(RT_SIGSEGV, RT_SIG_DFL, 0, 0, 0);
}

static void on_resume(int sig, const struct rt_siginfo *si, void *uc)
{
    last = *si;
    last_sig = sig;
    uint64_t *rip = rt_uc_reg(uc, RT_REG_RIP);
    last_pc = *rip;
    if (*rip == (uint64_t)div_fault_insn) {
        *rip = (uint64_t)div_fault_resume;
        *rt_uc_reg(uc, RT_REG_RAX) = 0x99;
    } else if (*rip == (uint64_t)ill_fault_insn) {
        *rip = (uint64_t)ill_fault_resume;
        *rt_uc_reg(uc, RT_REG_RAX) = 0x55;
    } else if (*rip == (uint64_t)trap_fault_after) {
        pc_after_trap = 1;
    } else {
        /* a call to a bad address: emulate the 'ret' the callee would have done */
        uint64_t *rsp = rt_uc_reg(uc, RT_REG_RSP);
        *rip = *(uint64_t *)*rsp;
        *rsp += 8;
        *rt_uc_reg(uc, RT_REG_RAX) = 0x11;
    }
}

typedef int (*fn_t)(void);

static void other_faults(void)
{
    rt_sigaction(RT_SIGFPE, on_resume, 0, 0, 0);
    rt_sigaction(RT_SIGILL, on_resume, 0, 0, 0);
    rt_sigaction(RT_SIGTRAP, on_resume, 0, 0, 0);
    rt_sigaction(RT_SIGSEGV, on_resume, 0, 0, 0);

    int64_t q = div_fault(7, 2);
    rt_printf("7 / 2 without a fault: %ld\n", (long)q);
    q = div_fault(7, 0);
    rt_printf("divide by zero: %s %s, si_addr is the idiv: %s, resumed with %lx\n", rt_signame(last_sig),
              rt_codename(last.code), YN(last.addr == (uint64_t)div_fault_insn), (unsigned long)q);
    last_sig = 0;
    q = div_fault(-9223372036854775807ll - 1, -1);
    rt_printf("INT64_MIN / -1: %s %s, resumed with %lx\n", rt_signame(last_sig), rt_codename(last.code),
              (unsigned long)q);

    last_sig = 0;
    int v = ill_fault();
    /* the si_code differs (Linux ILL_ILLOPN, FreeBSD ILL_PRVOPC), so it is not printed */
    rt_printf("ud2: %s, si_addr is the ud2: %s, rip too: %s, resumed with %x\n", rt_signame(last_sig),
              YN(last.addr == (uint64_t)ill_fault_insn), YN(last_pc == (uint64_t)ill_fault_insn), v);

    last_sig = 0;
    v = trap_fault();
    rt_printf("int3: %s, rip just past the int3: %s, execution continued: %d\n", rt_signame(last_sig),
              YN(pc_after_trap), v);

    last_sig = 0;
    v = ((fn_t)0x1000)();
    rt_printf("call to unmapped 0x1000: %s %s, si_addr and rip 0x1000: %s, returned %x\n", rt_signame(last_sig),
              rt_codename(last.code), YN(last.addr == 0x1000 && last_pc == 0x1000), v);

    unsigned char *page = rt_mmap(0, 4096, RT_PROT_READ | RT_PROT_WRITE, RT_MAP_PRIVATE | RT_MAP_ANON, -1, 0);
    page[0] = 0xc3;     /* ret, but the page is not executable */
    last_sig = 0;
    v = ((fn_t)page)();
    rt_printf("call into a non-executable page: %s %s, si_addr and rip exact: %s, returned %x\n",
              rt_signame(last_sig), rt_codename(last.code),
              YN(last.addr == (uint64_t)page && last_pc == (uint64_t)page), v);
    rt_munmap(page, 4096);

    uint64_t mask;
    rt_sigprocmask(RT_SIG_BLOCK, 0, &mask);
    rt_printf("signal mask clean after all the handlers: %s\n",
              YN(!(mask & (RT_SIGBIT(RT_SIGSEGV) | RT_SIGBIT(RT_SIGFPE) | RT_SIGBIT(RT_SIGILL) | RT_SIGBIT(RT_SIGTRAP)))));
}

static char altstack[64 * 1024] __attribute__((aligned(16)));

static void on_overflow(int sig, const struct rt_siginfo *si, void *uc)
{
    char here;
    int on_alt = &here >= altstack && &here < altstack + sizeof altstack;
    rt_printf("stack overflow caught: %s on the alternate stack: %s\n", rt_signame(sig), YN(on_alt));
    rt_exit(7);
}

static volatile int never;

static RT_NOINLINE int recurse(int n)
{
    volatile char frame[512];
    if (never)
        return 0;
    frame[n & 511] = (char)n;
    return recurse(n + 1) + frame[(n * 7) & 511];
}

int main(void)
{
    fault_and_context();
    other_faults();
    struct rt_stack ss = { altstack, sizeof altstack, 0 };
    rt_sigaltstack(&ss, 0);
    rt_sigaction(RT_SIGSEGV, on_overflow, RT_SA_ONSTACK, 0, 0);
    rt_printf("recursing without bound...\n");
    return recurse(0);
}
