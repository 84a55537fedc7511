/*
 * Entering and leaving a form natively. oracle_enter loads the whole register state of a
 * record (GPRs including rsp, rflags, mxcsr, xmm0-15) and jumps to the copied form; the form's
 * bytes are followed by a jump to oracle_return, which stores the register state (touching no
 * guest memory: flags are pushed on the host stack) and returns to the C caller.
 * A form that faults never comes back here: the runner's signal handler reads the state from
 * the signal context and siglongjmps out.
 */
#include "oracle-layout.h"

        .text
        .globl oracle_enter
        .type oracle_enter, @function
/* void oracle_enter(const uint8_t *in_state, uint8_t *out_state, void *code) */
oracle_enter:
        push %rbx
        push %rbp
        push %r12
        push %r13
        push %r14
        push %r15
        mov %rsp, oracle_host_rsp(%rip)
        mov %rsi, oracle_out(%rip)
        mov %rdx, oracle_code(%rip)
        stmxcsr oracle_host_mxcsr(%rip)
        movdqu ST_XMM+0x00(%rdi), %xmm0
        movdqu ST_XMM+0x10(%rdi), %xmm1
        movdqu ST_XMM+0x20(%rdi), %xmm2
        movdqu ST_XMM+0x30(%rdi), %xmm3
        movdqu ST_XMM+0x40(%rdi), %xmm4
        movdqu ST_XMM+0x50(%rdi), %xmm5
        movdqu ST_XMM+0x60(%rdi), %xmm6
        movdqu ST_XMM+0x70(%rdi), %xmm7
        movdqu ST_XMM+0x80(%rdi), %xmm8
        movdqu ST_XMM+0x90(%rdi), %xmm9
        movdqu ST_XMM+0xa0(%rdi), %xmm10
        movdqu ST_XMM+0xb0(%rdi), %xmm11
        movdqu ST_XMM+0xc0(%rdi), %xmm12
        movdqu ST_XMM+0xd0(%rdi), %xmm13
        movdqu ST_XMM+0xe0(%rdi), %xmm14
        movdqu ST_XMM+0xf0(%rdi), %xmm15
        ldmxcsr ST_MXCSR(%rdi)
        pushq ST_RFLAGS(%rdi)
        popfq
        /* From here on only mov: the flags must reach the form untouched. */
        mov %rdi, %rax
        mov ST_GPR+0x08(%rax), %rcx
        mov ST_GPR+0x10(%rax), %rdx
        mov ST_GPR+0x18(%rax), %rbx
        mov ST_GPR+0x20(%rax), %rsp
        mov ST_GPR+0x28(%rax), %rbp
        mov ST_GPR+0x30(%rax), %rsi
        mov ST_GPR+0x38(%rax), %rdi
        mov ST_GPR+0x40(%rax), %r8
        mov ST_GPR+0x48(%rax), %r9
        mov ST_GPR+0x50(%rax), %r10
        mov ST_GPR+0x58(%rax), %r11
        mov ST_GPR+0x60(%rax), %r12
        mov ST_GPR+0x68(%rax), %r13
        mov ST_GPR+0x70(%rax), %r14
        mov ST_GPR+0x78(%rax), %r15
        mov ST_GPR+0x00(%rax), %rax
        jmp *oracle_code(%rip)
        .size oracle_enter, .-oracle_enter

        .globl oracle_return
        .type oracle_return, @function
oracle_return:
        mov %rax, oracle_saved_rax(%rip)
        mov oracle_out(%rip), %rax
        mov %rcx, ST_GPR+0x08(%rax)
        mov %rdx, ST_GPR+0x10(%rax)
        mov %rbx, ST_GPR+0x18(%rax)
        mov %rsp, ST_GPR+0x20(%rax)
        mov %rbp, ST_GPR+0x28(%rax)
        mov %rsi, ST_GPR+0x30(%rax)
        mov %rdi, ST_GPR+0x38(%rax)
        mov %r8, ST_GPR+0x40(%rax)
        mov %r9, ST_GPR+0x48(%rax)
        mov %r10, ST_GPR+0x50(%rax)
        mov %r11, ST_GPR+0x58(%rax)
        mov %r12, ST_GPR+0x60(%rax)
        mov %r13, ST_GPR+0x68(%rax)
        mov %r14, ST_GPR+0x70(%rax)
        mov %r15, ST_GPR+0x78(%rax)
        /* Back on the host stack before pushfq, so no guest memory is written. */
        mov oracle_host_rsp(%rip), %rsp
        pushfq
        popq ST_RFLAGS(%rax)
        mov oracle_saved_rax(%rip), %rcx
        mov %rcx, ST_GPR+0x00(%rax)
        stmxcsr ST_MXCSR(%rax)
        movdqu %xmm0, ST_XMM+0x00(%rax)
        movdqu %xmm1, ST_XMM+0x10(%rax)
        movdqu %xmm2, ST_XMM+0x20(%rax)
        movdqu %xmm3, ST_XMM+0x30(%rax)
        movdqu %xmm4, ST_XMM+0x40(%rax)
        movdqu %xmm5, ST_XMM+0x50(%rax)
        movdqu %xmm6, ST_XMM+0x60(%rax)
        movdqu %xmm7, ST_XMM+0x70(%rax)
        movdqu %xmm8, ST_XMM+0x80(%rax)
        movdqu %xmm9, ST_XMM+0x90(%rax)
        movdqu %xmm10, ST_XMM+0xa0(%rax)
        movdqu %xmm11, ST_XMM+0xb0(%rax)
        movdqu %xmm12, ST_XMM+0xc0(%rax)
        movdqu %xmm13, ST_XMM+0xd0(%rax)
        movdqu %xmm14, ST_XMM+0xe0(%rax)
        movdqu %xmm15, ST_XMM+0xf0(%rax)
        cld
        fninit
        ldmxcsr oracle_host_mxcsr(%rip)
        pop %r15
        pop %r14
        pop %r13
        pop %r12
        pop %rbp
        pop %rbx
        ret
        .size oracle_return, .-oracle_return

        .bss
        .align 8
oracle_host_rsp: .quad 0
oracle_out: .quad 0
oracle_code: .quad 0
oracle_saved_rax: .quad 0
oracle_host_mxcsr: .long 0

        .section .note.GNU-stack,"",@progbits
