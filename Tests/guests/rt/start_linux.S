/* Linux/x86-64 entry: %rsp points at argc. */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    mov %rsp, %rdi          /* argcp */
    mov %rsp, %rsi          /* entry stack pointer */
    and $-16, %rsp
    call rt__start
    ud2
    .size _start, . - _start

/* sa_restorer for rt_sigaction: the Linux kernel returns from a handler through this. */
    .globl rt__linux_restorer
    .type rt__linux_restorer, @function
rt__linux_restorer:
    mov $15, %eax           /* rt_sigreturn */
    syscall
    ud2
    .size rt__linux_restorer, . - rt__linux_restorer

    .section .note.GNU-stack, "", @progbits
