/* FreeBSD/amd64 entry: the kernel passes the address of argc in %rdi; %rsp is 8 mod 16. */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    mov %rsp, %rsi          /* entry stack pointer, for the alignment check in process_info */
    and $-16, %rsp
    call rt__start          /* rt__start(argcp = %rdi, entry_sp = %rsi); never returns */
    ud2
    .size _start, . - _start

/* ABI note: NT_FREEBSD_ABI_TAG (1), name "FreeBSD", desc = __FreeBSD_version (14.0-RELEASE). */
    .section .note.tag, "a", @note
    .p2align 2
    .long 8                 /* namesz */
    .long 4                 /* descsz */
    .long 1                 /* NT_FREEBSD_ABI_TAG */
    .asciz "FreeBSD"
    .long 1400097

    .section .note.GNU-stack, "", @progbits
