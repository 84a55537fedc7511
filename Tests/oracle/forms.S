/*
 * The instruction forms the oracle checks: each is a labelled snippet of one instruction (or a
 * short fixed sequence, for flag-consumer pairs, branches and the x87 stack prologue) plus an
 * entry in oracle_forms: {name, start, end, family, undefined flags, flag rule, input fixup}
 * (see oracle-layout.h). The runner copies the bytes between start and end to CODE_BASE, so a
 * snippet may branch only inside itself. Memory operands go through rsi = DATA_MID (FX_MEM).
 *
 * Naming: mnemonic_operands, with r8/r16/r32/r64 registers, m8... memory, i8/i32 immediates,
 * x an xmm register; "_load" marks the reg,reg encoding with the direction bit set.
 */
#include "oracle-layout.h"

        .section .data.rel.ro.oracle_table,"aw"
        .balign 8
        .globl oracle_forms
oracle_forms:

/* FBEGIN/FEND bracket a multi-instruction snippet; FORM is a one-instruction form. */
.macro FBEGIN name, fam, undef=0, rule=0, fix=0
        .pushsection .rodata.oracle_names,"a"
.Lname_\name: .asciz "\name"
        .popsection
        .pushsection .data.rel.ro.oracle_table,"aw"
        .quad .Lname_\name, .Lstart_\name, .Lend_\name
        .long \fam, \undef, \rule, \fix
        .popsection
        .pushsection .text.oracle_forms,"ax"
.Lstart_\name:
.endm

.macro FEND name
.Lend_\name:
        .popsection
.endm

.macro FORM name, fam, undef, rule, fix, insn:vararg
        FBEGIN \name, \fam, \undef, \rule, \fix
        \insn
        FEND \name
.endm

.macro INT name, undef, fix, insn:vararg
        FORM \name, FAM_INT, \undef, 0, \fix, \insn
.endm

/* ======================================================================== integer: ALU */

.macro ALU op, u
        INT \op\()_r8_r8, \u, 0, \op\()b %bl, %cl
        INT \op\()_r8_r8_load, \u, 0, {load} \op\()b %dl, %al
        INT \op\()_ah_bh, \u, 0, \op\()b %ah, %bh
        INT \op\()_ch_dl, \u, 0, \op\()b %ch, %dl
        INT \op\()_sil_r9b, \u, 0, \op\()b %sil, %r9b
        INT \op\()_r8_m8, \u, FX_MEM, \op\()b (%rsi), %dh
        INT \op\()_m8_r8, \u, FX_MEM, \op\()b %r10b, 5(%rsi)
        INT \op\()_r8_i8, \u, 0, \op\()b $0x5a, %bl
        INT \op\()_al_i8, \u, 0, \op\()b $0x81, %al
        INT \op\()_m8_i8, \u, FX_MEM, \op\()b $0x7f, -3(%rsi)
        INT \op\()_r16_r16, \u, 0, \op\()w %bx, %cx
        INT \op\()_r16_m16, \u, FX_MEM, \op\()w 6(%rsi), %r11w
        INT \op\()_m16_r16, \u, FX_MEM, \op\()w %dx, -7(%rsi)
        INT \op\()_r16_i8, \u, 0, \op\()w $-3, %si
        INT \op\()_r16_i16, \u, 0, \op\()w $0x1234, %di
        INT \op\()_ax_i16, \u, 0, \op\()w $0x8001, %ax
        INT \op\()_m16_i16, \u, FX_MEM, \op\()w $0x7ffe, (%rsi)
        INT \op\()_r32_r32, \u, 0, \op\()l %ebx, %ecx
        INT \op\()_r32_r32_load, \u, 0, {load} \op\()l %r12d, %eax
        INT \op\()_r32_m32, \u, FX_MEM, \op\()l 12(%rsi), %ebp
        INT \op\()_m32_r32, \u, FX_MEM, \op\()l %r13d, -16(%rsi)
        INT \op\()_r32_i8, \u, 0, \op\()l $0x7f, %edx
        INT \op\()_r32_i32, \u, 0, \op\()l $0x80000001, %r8d
        INT \op\()_eax_i32, \u, 0, \op\()l $0x12345678, %eax
        INT \op\()_m32_i8, \u, FX_MEM, \op\()l $-128, 20(%rsi)
        INT \op\()_m32_i32, \u, FX_MEM, \op\()l $0xdeadbeef, 24(%rsi)
        INT \op\()_r64_r64, \u, 0, \op\()q %rbx, %rcx
        INT \op\()_r64_r64_load, \u, 0, {load} \op\()q %r14, %r15
        INT \op\()_r64_m64, \u, FX_MEM, \op\()q -8(%rsi), %rdi
        INT \op\()_m64_r64, \u, FX_MEM, \op\()q %r9, 32(%rsi)
        INT \op\()_m64_r64_sib, \u, FX_MEM | FX_IDX, \op\()q %rdx, 0x10(%rsi,%rcx,4)
        INT \op\()_r64_i8, \u, 0, \op\()q $-1, %r10
        INT \op\()_r64_i32, \u, 0, \op\()q $0x7fffffff, %rbp
        INT \op\()_r64_i32neg, \u, 0, \op\()q $-0x12345678, %r12
        INT \op\()_rax_i32, \u, 0, \op\()q $0x40000000, %rax
        INT \op\()_m64_i8, \u, FX_MEM, \op\()q $1, 40(%rsi)
        INT \op\()_m64_i32, \u, FX_MEM | FX_IDX, \op\()q $-0x80000000, (%rsi,%rcx,8)
.endm

        ALU add, 0
        ALU or, U_LOGIC
        ALU adc, 0
        ALU sbb, 0
        ALU and, U_LOGIC
        ALU sub, 0
        ALU xor, U_LOGIC
        ALU cmp, 0

        INT test_r8_r8, U_LOGIC, 0, testb %bl, %cl
        INT test_ah_dh, U_LOGIC, 0, testb %ah, %dh
        INT test_m8_r8, U_LOGIC, FX_MEM, testb %r8b, 3(%rsi)
        INT test_r8_i8, U_LOGIC, 0, testb $0x81, %dl
        INT test_al_i8, U_LOGIC, 0, testb $0x40, %al
        INT test_m8_i8, U_LOGIC, FX_MEM, testb $0x0f, (%rsi)
        INT test_r16_r16, U_LOGIC, 0, testw %bx, %cx
        INT test_ax_i16, U_LOGIC, 0, testw $0x8000, %ax
        INT test_r16_i16, U_LOGIC, 0, testw $0x00ff, %r10w
        INT test_r32_r32, U_LOGIC, 0, testl %ebx, %ecx
        INT test_eax_i32, U_LOGIC, 0, testl $0x80000000, %eax
        INT test_m32_i32, U_LOGIC, FX_MEM, testl $0x12345678, 8(%rsi)
        INT test_r64_r64, U_LOGIC, 0, testq %r11, %r12
        INT test_r64_same, U_LOGIC, 0, testq %rdx, %rdx
        INT test_rax_i32, U_LOGIC, 0, testq $-2, %rax
        INT test_r64_i32, U_LOGIC, 0, testq $0x7fff0000, %r15
        INT test_m64_r64, U_LOGIC, FX_MEM, testq %rbx, -8(%rsi)

        /* Locked read-modify-write forms. */
        INT lock_add_m64_r64, 0, FX_MEM, lock addq %rcx, 8(%rsi)
        INT lock_sub_m32_i8, 0, FX_MEM, lock subl $5, (%rsi)
        INT lock_and_m8_r8, U_LOGIC, FX_MEM, lock andb %bl, 3(%rsi)
        INT lock_or_m16_i16, U_LOGIC, FX_MEM, lock orw $0x1001, 2(%rsi)
        INT lock_xor_m64_i32, U_LOGIC, FX_MEM, lock xorq $-7, 16(%rsi)
        INT lock_adc_m32_r32, 0, FX_MEM, lock adcl %edx, 4(%rsi)
        INT lock_sbb_m8_i8, 0, FX_MEM, lock sbbb $3, 1(%rsi)
        INT lock_inc_m16, 0, FX_MEM, lock incw 6(%rsi)
        INT lock_dec_m64, 0, FX_MEM, lock decq (%rsi)
        INT lock_neg_m32, 0, FX_MEM, lock negl 12(%rsi)
        INT lock_not_m8, 0, FX_MEM, lock notb 7(%rsi)
        INT lock_xadd_m64_r64, 0, FX_MEM, lock xaddq %rbx, 8(%rsi)
        INT lock_bts_m64_i8, U_BT, FX_MEM, lock btsq $45, (%rsi)
        INT lock_btc_m32_r32, U_BT, FX_MEM | K_BTIDX | FX_ARG(3) | FX_SIZE32, lock btcl %ebx, (%rsi)

/* ======================================================================== integer: unary */

.irp op, inc, dec, neg, not
        INT \op\()_r8, 0, 0, \op\()b %cl
        INT \op\()_ah, 0, 0, \op\()b %ah
        INT \op\()_r11b, 0, 0, \op\()b %r11b
        INT \op\()_m8, 0, FX_MEM, \op\()b 9(%rsi)
        INT \op\()_r16, 0, 0, \op\()w %dx
        INT \op\()_m16, 0, FX_MEM, \op\()w 2(%rsi)
        INT \op\()_r32, 0, 0, \op\()l %eax
        INT \op\()_m32, 0, FX_MEM, \op\()l -4(%rsi)
        INT \op\()_r64, 0, 0, \op\()q %rbx
        INT \op\()_r13, 0, 0, \op\()q %r13
        INT \op\()_m64, 0, FX_MEM, \op\()q 16(%rsi)
.endr

/* ======================================================================== integer: mul/div */

.irp op, mul, imul
        INT \op\()_r8, U_MUL, 0, \op\()b %bl
        INT \op\()_ch, U_MUL, 0, \op\()b %ch
        INT \op\()_m8, U_MUL, FX_MEM, \op\()b 3(%rsi)
        INT \op\()_r16, U_MUL, 0, \op\()w %bx
        INT \op\()_m16, U_MUL, FX_MEM, \op\()w -2(%rsi)
        INT \op\()_r32, U_MUL, 0, \op\()l %ecx
        INT \op\()_m32, U_MUL, FX_MEM, \op\()l 4(%rsi)
        INT \op\()_r64, U_MUL, 0, \op\()q %r9
        INT \op\()_rax, U_MUL, 0, \op\()q %rax
        INT \op\()_m64, U_MUL, FX_MEM, \op\()q 8(%rsi)
.endr
        INT imul_r16_r16, U_MUL, 0, imulw %bx, %cx
        INT imul_r16_m16, U_MUL, FX_MEM, imulw (%rsi), %dx
        INT imul_r32_r32, U_MUL, 0, imull %ebx, %ecx
        INT imul_r32_m32, U_MUL, FX_MEM, imull 12(%rsi), %r10d
        INT imul_r64_r64, U_MUL, 0, imulq %r8, %r9
        INT imul_r64_m64, U_MUL, FX_MEM, imulq -16(%rsi), %rdi
        INT imul_r16_r16_i8, U_MUL, 0, imulw $7, %bx, %cx
        INT imul_r16_m16_i16, U_MUL, FX_MEM, imulw $0x1234, (%rsi), %dx
        INT imul_r32_r32_i8, U_MUL, 0, imull $-3, %ebx, %ecx
        INT imul_r32_r32_i32, U_MUL, 0, imull $0x12345678, %ebx, %ecx
        INT imul_r32_m32_i8, U_MUL, FX_MEM, imull $100, 4(%rsi), %eax
        INT imul_r64_r64_i8, U_MUL, 0, imulq $-1, %r8, %r9
        INT imul_r64_r64_i32, U_MUL, 0, imulq $0x7fffffff, %rax, %rdx
        INT imul_r64_m64_i8, U_MUL, FX_MEM, imulq $3, (%rsi), %r10

/* Divisors: bl/bx/ebx/rbx (arg 3), r9 (arg 9), or memory; rdx:rax shaped by the fixup. */
.irp op, div, idiv
  .ifc \op,div
    .equ .Lsg, 0
  .else
    .equ .Lsg, FX_SIGNED
  .endif
        INT \op\()_r8, U_ALL, K_DIV | .Lsg | FX_ARG(3) | FX_SIZE8, \op\()b %bl
        INT \op\()_r9b, U_ALL, K_DIV | .Lsg | FX_ARG(9) | FX_SIZE8, \op\()b %r9b
        INT \op\()_m8, U_ALL, K_DIV | .Lsg | FX_INMEM | FX_MEM | FX_SIZE8, \op\()b (%rsi)
        INT \op\()_r16, U_ALL, K_DIV | .Lsg | FX_ARG(3) | FX_SIZE16, \op\()w %bx
        INT \op\()_m16, U_ALL, K_DIV | .Lsg | FX_INMEM | FX_MEM | FX_SIZE16, \op\()w (%rsi)
        INT \op\()_r32, U_ALL, K_DIV | .Lsg | FX_ARG(3) | FX_SIZE32, \op\()l %ebx
        INT \op\()_m32, U_ALL, K_DIV | .Lsg | FX_INMEM | FX_MEM | FX_SIZE32, \op\()l (%rsi)
        INT \op\()_r64, U_ALL, K_DIV | .Lsg | FX_ARG(9) | FX_SIZE64, \op\()q %r9
        INT \op\()_m64, U_ALL, K_DIV | .Lsg | FX_INMEM | FX_MEM | FX_SIZE64, \op\()q (%rsi)
        /* These fault: #DE, SIGFPE. */
        INT \op\()_by0_r32, U_ALL, K_DIV0 | .Lsg | FX_ARG(3) | FX_SIZE32, \op\()l %ebx
        INT \op\()_by0_m64, U_ALL, K_DIV0 | .Lsg | FX_INMEM | FX_MEM | FX_SIZE64, \op\()q (%rsi)
        INT \op\()_ovf_r8, U_ALL, K_DIVOVF | .Lsg | FX_ARG(3) | FX_SIZE8, \op\()b %bl
        INT \op\()_ovf_r32, U_ALL, K_DIVOVF | .Lsg | FX_ARG(3) | FX_SIZE32, \op\()l %ebx
        INT \op\()_ovf_r64, U_ALL, K_DIVOVF | .Lsg | FX_ARG(9) | FX_SIZE64, \op\()q %r9
.endr

/* ======================================================================== integer: shifts */

.macro SHIFTS op, kind, i8, i16, i32, i64
        FORM \op\()_r8_1, FAM_INT, 0, RULE(\kind, 8, 1), 0, \op\()b %dl
        FORM \op\()_r8_i8, FAM_INT, 0, RULE(\kind, 8, \i8), 0, \op\()b $\i8, %bl
        FORM \op\()_r8_cl, FAM_INT, 0, RULE(\kind, 8, RULE_CL), FX_CL, \op\()b %cl, %al
        FORM \op\()_ah_cl, FAM_INT, 0, RULE(\kind, 8, RULE_CL), FX_CL, \op\()b %cl, %ah
        FORM \op\()_m8_cl, FAM_INT, 0, RULE(\kind, 8, RULE_CL), FX_CL | FX_MEM, \op\()b %cl, 7(%rsi)
        FORM \op\()_m8_1, FAM_INT, 0, RULE(\kind, 8, 1), FX_MEM, \op\()b -1(%rsi)
        FORM \op\()_r16_1, FAM_INT, 0, RULE(\kind, 16, 1), 0, \op\()w %dx
        FORM \op\()_r16_i8, FAM_INT, 0, RULE(\kind, 16, \i16), 0, \op\()w $\i16, %r12w
        FORM \op\()_r16_cl, FAM_INT, 0, RULE(\kind, 16, RULE_CL), FX_CL, \op\()w %cl, %bx
        FORM \op\()_m16_cl, FAM_INT, 0, RULE(\kind, 16, RULE_CL), FX_CL | FX_MEM, \op\()w %cl, 2(%rsi)
        FORM \op\()_r32_1, FAM_INT, 0, RULE(\kind, 32, 1), 0, \op\()l %ebx
        FORM \op\()_r32_i8, FAM_INT, 0, RULE(\kind, 32, \i32), 0, \op\()l $\i32, %edi
        FORM \op\()_r32_i8b, FAM_INT, 0, RULE(\kind, 32, 5), 0, \op\()l $5, %eax
        FORM \op\()_r32_cl, FAM_INT, 0, RULE(\kind, 32, RULE_CL), FX_CL, \op\()l %cl, %edx
        FORM \op\()_m32_cl, FAM_INT, 0, RULE(\kind, 32, RULE_CL), FX_CL | FX_MEM, \op\()l %cl, -4(%rsi)
        FORM \op\()_m32_i8, FAM_INT, 0, RULE(\kind, 32, 3), FX_MEM, \op\()l $3, 4(%rsi)
        FORM \op\()_r64_1, FAM_INT, 0, RULE(\kind, 64, 1), 0, \op\()q %r8
        FORM \op\()_r64_i8, FAM_INT, 0, RULE(\kind, 64, \i64), 0, \op\()q $\i64, %rax
        FORM \op\()_r64_i8b, FAM_INT, 0, RULE(\kind, 64, 33), 0, \op\()q $33, %r14
        FORM \op\()_r64_cl, FAM_INT, 0, RULE(\kind, 64, RULE_CL), FX_CL, \op\()q %cl, %rbx
        FORM \op\()_m64_cl, FAM_INT, 0, RULE(\kind, 64, RULE_CL), FX_CL | FX_MEM, \op\()q %cl, 8(%rsi)
        FORM \op\()_m64_1, FAM_INT, 0, RULE(\kind, 64, 1), FX_MEM, \op\()q 16(%rsi)
.endm

        SHIFTS rol, R_ROT, 3, 17, 31, 63
        SHIFTS ror, R_ROT, 9, 7, 16, 40
        SHIFTS rcl, R_RC, 9, 17, 12, 63
        SHIFTS rcr, R_RC, 5, 3, 31, 1
        SHIFTS shl, R_SHIFT, 9, 16, 31, 63
        SHIFTS shr, R_SHIFT, 7, 15, 17, 62
        SHIFTS sar, R_SAR, 8, 17, 31, 40
        /* sal with ModRM.reg 6, an undocumented alias of shl. */
        FBEGIN sal6_r32_1, FAM_INT, 0, RULE(R_SHIFT, 32, 1), 0
        .byte 0xd1, 0xf0
        FEND sal6_r32_1
        FBEGIN sal6_r64_cl, FAM_INT, 0, RULE(R_SHIFT, 64, RULE_CL), FX_CL
        .byte 0x48, 0xd3, 0xf3
        FEND sal6_r64_cl

.irp op, shld, shrd
        FORM \op\()_r16_i8, FAM_INT, 0, RULE(R_SHXD, 16, 5), 0, \op\()w $5, %bx, %cx
        FORM \op\()_r16_i8b, FAM_INT, 0, RULE(R_SHXD, 16, 16), 0, \op\()w $16, %r8w, %dx
        FORM \op\()_r16_cl, FAM_INT, 0, RULE(R_SHXD, 16, RULE_CL), K_SHXD16, \op\()w %cl, %bx, %ax
        FORM \op\()_m16_cl, FAM_INT, 0, RULE(R_SHXD, 16, RULE_CL), K_SHXD16 | FX_MEM, \op\()w %cl, %dx, 2(%rsi)
        FORM \op\()_r32_i8, FAM_INT, 0, RULE(R_SHXD, 32, 1), 0, \op\()l $1, %ebx, %ecx
        FORM \op\()_r32_i8b, FAM_INT, 0, RULE(R_SHXD, 32, 17), 0, \op\()l $17, %ebx, %ecx
        FORM \op\()_r32_cl, FAM_INT, 0, RULE(R_SHXD, 32, RULE_CL), FX_CL, \op\()l %cl, %edx, %eax
        FORM \op\()_m32_i8, FAM_INT, 0, RULE(R_SHXD, 32, 9), FX_MEM, \op\()l $9, %edx, 4(%rsi)
        FORM \op\()_r64_i8, FAM_INT, 0, RULE(R_SHXD, 64, 40), 0, \op\()q $40, %r9, %r10
        FORM \op\()_r64_i8b, FAM_INT, 0, RULE(R_SHXD, 64, 1), 0, \op\()q $1, %rbx, %rax
        FORM \op\()_r64_cl, FAM_INT, 0, RULE(R_SHXD, 64, RULE_CL), FX_CL, \op\()q %cl, %rdx, %rbx
        FORM \op\()_m64_cl, FAM_INT, 0, RULE(R_SHXD, 64, RULE_CL), FX_CL | FX_MEM, \op\()q %cl, %rdx, 8(%rsi)
.endr

/* ======================================================================== integer: bits */

.irp op, bt, bts, btr, btc
        INT \op\()_r16_r16, U_BT, 0, \op\()w %bx, %cx
        INT \op\()_m16_r16, U_BT, FX_MEM | K_BTIDX | FX_ARG(3) | FX_SIZE16, \op\()w %bx, (%rsi)
        INT \op\()_r16_i8, U_BT, 0, \op\()w $13, %dx
        INT \op\()_m16_i8, U_BT, FX_MEM, \op\()w $19, 2(%rsi)
        INT \op\()_r32_r32, U_BT, 0, \op\()l %ebx, %ecx
        INT \op\()_m32_r32, U_BT, FX_MEM | K_BTIDX | FX_ARG(3) | FX_SIZE32, \op\()l %ebx, 4(%rsi)
        INT \op\()_r32_i8, U_BT, 0, \op\()l $33, %eax
        INT \op\()_m32_i8, U_BT, FX_MEM, \op\()l $31, (%rsi)
        INT \op\()_r64_r64, U_BT, 0, \op\()q %rbx, %rcx
        INT \op\()_m64_r64, U_BT, FX_MEM | K_BTIDX | FX_ARG(3) | FX_SIZE64, \op\()q %rbx, -8(%rsi)
        INT \op\()_r64_i8, U_BT, 0, \op\()q $45, %r11
        INT \op\()_m64_i8, U_BT, FX_MEM, \op\()q $63, 8(%rsi)
.endr

.macro SCAN op, u
        INT \op\()_r16_r16, \u, 0, \op\()w %bx, %cx
        INT \op\()_r16_m16, \u, FX_MEM, \op\()w 2(%rsi), %dx
        INT \op\()_r32_r32, \u, 0, \op\()l %ebx, %ecx
        INT \op\()_r32_m32, \u, FX_MEM, \op\()l -4(%rsi), %eax
        INT \op\()_r64_r64, \u, 0, \op\()q %r10, %r11
        INT \op\()_r64_m64, \u, FX_MEM, \op\()q 8(%rsi), %rdx
.endm
        SCAN bsf, U_BSF
        SCAN bsr, U_BSF
        SCAN tzcnt, U_CNT
        SCAN lzcnt, U_CNT
        SCAN popcnt, 0

        INT bswap_r32, 0, 0, bswap %eax
        INT bswap_r9d, 0, 0, bswap %r9d
        INT bswap_r64, 0, 0, bswap %rbx
        INT bswap_r15, 0, 0, bswap %r15
        INT movbe_r16_m16, 0, FX_MEM, movbe 2(%rsi), %ax
        INT movbe_r32_m32, 0, FX_MEM, movbe (%rsi), %ecx
        INT movbe_r64_m64, 0, FX_MEM, movbe -8(%rsi), %r10
        INT movbe_m16_r16, 0, FX_MEM, movbe %bx, 6(%rsi)
        INT movbe_m32_r32, 0, FX_MEM, movbe %edx, -4(%rsi)
        INT movbe_m64_r64, 0, FX_MEM, movbe %r12, 16(%rsi)

/* ======================================================================== integer: moves */

        INT mov_r64_r64, 0, 0, movq %rbx, %rcx
        INT mov_r32_r32, 0, 0, movl %r9d, %eax
        INT mov_r16_r16, 0, 0, movw %bx, %r15w
        INT mov_r8_r8, 0, 0, movb %bl, %ch
        INT mov_r8_r8_rex, 0, 0, movb %dil, %r8b
        INT mov_r64_i64, 0, 0, movabsq $0x123456789abcdef0, %r11
        INT mov_r32_i32, 0, 0, movl $0xfedcba98, %ecx
        INT mov_r16_i16, 0, 0, movw $0x8765, %dx
        INT mov_r8_i8, 0, 0, movb $0x9c, %bh
        INT mov_r64_i32s, 0, 0, movq $-5, %rax
        INT mov_m64_i32s, 0, FX_MEM, movq $-0x1234567, 8(%rsi)
        INT mov_m32_i32, 0, FX_MEM, movl $0x89abcdef, -4(%rsi)
        INT mov_m16_i16, 0, FX_MEM, movw $0x1234, 3(%rsi)
        INT mov_m8_i8, 0, FX_MEM, movb $0xa5, -1(%rsi)
        INT mov_r64_m64, 0, FX_MEM, movq 24(%rsi), %rdx
        INT mov_m64_r64, 0, FX_MEM, movq %r14, -24(%rsi)
        INT mov_r32_m32_sib, 0, FX_MEM | FX_IDX, movl 4(%rsi,%rcx,4), %ebx
        INT mov_m16_r16, 0, FX_MEM, movw %cx, 1(%rsi)
        INT mov_r8_m8, 0, FX_MEM, movb 2(%rsi), %ah
        INT mov_m8_r8, 0, FX_MEM, movb %dh, 5(%rsi)
        INT mov_al_moffs, 0, 0, movabsb DATA_MID + 3, %al
        INT mov_eax_moffs, 0, 0, movabsl DATA_MID + 8, %eax
        INT mov_rax_moffs, 0, 0, movabsq DATA_MID - 16, %rax
        INT mov_moffs_ax, 0, 0, movabsw %ax, DATA_MID + 6
        INT mov_moffs_rax, 0, 0, movabsq %rax, DATA_MID + 32
        INT movzx_r16_r8, 0, 0, movzbw %bl, %cx
        INT movzx_r32_ah, 0, 0, movzbl %ah, %edx
        INT movzx_r32_m8, 0, FX_MEM, movzbl (%rsi), %r8d
        INT movzx_r64_sil, 0, 0, movzbq %sil, %rax
        INT movzx_r32_r16, 0, 0, movzwl %bx, %ecx
        INT movzx_r64_m16, 0, FX_MEM, movzwq 6(%rsi), %r11
        INT movzx_r16_m8, 0, FX_MEM, movzbw 1(%rsi), %ax
        INT movsx_r16_r8, 0, 0, movsbw %bl, %cx
        INT movsx_r32_bh, 0, 0, movsbl %bh, %edx
        INT movsx_r32_m8, 0, FX_MEM, movsbl -1(%rsi), %eax
        INT movsx_r64_r9b, 0, 0, movsbq %r9b, %rax
        INT movsx_r32_r16, 0, 0, movswl %bx, %ecx
        INT movsx_r64_m16, 0, FX_MEM, movswq 2(%rsi), %rdi
        INT movsxd_r64_r32, 0, 0, movslq %ebx, %rcx
        INT movsxd_r64_m32, 0, FX_MEM, movslq -4(%rsi), %rdx
        FBEGIN movsxd_r32_r32, FAM_INT
        .byte 0x63, 0xcb        /* movsxd ecx, ebx without REX.W: a 32-bit move */
        FEND movsxd_r32_r32
        INT cbw, 0, 0, cbtw
        INT cwde, 0, 0, cwtl
        INT cdqe, 0, 0, cltq
        INT cwd, 0, 0, cwtd
        INT cdq, 0, 0, cltd
        INT cqo, 0, 0, cqto

.irp cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
        INT cmov\cc\()_r32_r32, 0, 0, cmov\cc\()l %ebx, %ecx
        INT cmov\cc\()_r64_m64, 0, FX_MEM, cmov\cc\()q 8(%rsi), %rdx
        INT cmov\cc\()_r16_r16, 0, 0, cmov\cc\()w %r8w, %ax
        INT set\cc\()_r8, 0, 0, set\cc %cl
        INT set\cc\()_ah, 0, 0, set\cc %ah
        INT set\cc\()_m8, 0, FX_MEM, set\cc 3(%rsi)
.endr

/*
 * Flag producers followed by consumers: the interpreter keeps flags lazily and reads conditions
 * straight from the last operation's operands, so these pairs take paths the single forms above
 * (which start from materialized flags) do not.
 */
.irp cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
        FBEGIN cmp64_set\cc, FAM_INT
        cmpq %rbx, %rax
        set\cc %cl
        FEND cmp64_set\cc
        FBEGIN cmp8_set\cc, FAM_INT
        cmpb %bl, %al
        set\cc %dl
        FEND cmp8_set\cc
        FBEGIN cmp16_cmov\cc, FAM_INT
        cmpw %dx, %ax
        cmov\cc\()l %ebx, %ecx
        FEND cmp16_cmov\cc
        FBEGIN test32_set\cc, FAM_INT, U_LOGIC
        testl %ebx, %eax
        set\cc %cl
        FEND test32_set\cc
        FBEGIN add32_set\cc, FAM_INT
        addl %ebx, %eax
        set\cc %cl
        FEND add32_set\cc
        FBEGIN sub64_j\cc, FAM_INT
        subq %rdx, %rax
        j\cc 1f
        movl $0x11, %ecx
1:
        FEND sub64_j\cc
        FBEGIN and64_j\cc, FAM_INT, U_LOGIC
        andq %rdx, %rax
        {disp32} j\cc 1f
        movl $0x22, %ecx
1:
        FEND and64_j\cc
        FBEGIN inc32_set\cc, FAM_INT
        incl %eax
        set\cc %cl
        FEND inc32_set\cc
        FBEGIN j\cc\()_flags, FAM_INT
        j\cc 1f
        movl $0x33, %ecx
1:
        FEND j\cc\()_flags
.endr
/* Consumers of the flags a shift or multiply defines (OF after a shift only for count 1). */
.irp cc, b, ae, e, ne, be, a, s, ns, p, np
        FBEGIN shl64_set\cc, FAM_INT, 0, RULE(R_SHIFT, 64, RULE_CL), FX_CL
        shlq %cl, %rax
        set\cc %dl
        FEND shl64_set\cc
.endr
.irp cc, o, no, b, ae
        FBEGIN shl1_set\cc, FAM_INT, 0, RULE(R_SHIFT, 32, 1)
        shll %eax
        set\cc %dl
        FEND shl1_set\cc
        FBEGIN imul_set\cc, FAM_INT, U_MUL
        imulq %rbx, %rax
        set\cc %dl
        FEND imul_set\cc
.endr
        FBEGIN cmp_sbb, FAM_INT
        cmpq %rbx, %rax
        sbbl %ecx, %ecx
        FEND cmp_sbb
        FBEGIN cmp8_adc, FAM_INT
        cmpb %bl, %al
        adcq $0, %rdx
        FEND cmp8_adc
        FBEGIN add_adc_chain, FAM_INT
        addq %r8, %rax
        adcq %r9, %rbx
        adcq %r10, %rcx
        FEND add_adc_chain
        FBEGIN sub_sbb_chain, FAM_INT
        subl %r8d, %eax
        sbbl %r9d, %ebx
        sbbw %r10w, %cx
        FEND sub_sbb_chain
        FBEGIN xor_adc, FAM_INT, U_LOGIC
        xorl %ebx, %eax
        adcl $0, %ecx
        FEND xor_adc
        FBEGIN dec_rcl, FAM_INT, 0, RULE(R_RC, 32, 1)
        decl %eax
        rcll %ebx
        FEND dec_rcl
        FBEGIN neg_setc, FAM_INT
        negq %rax
        setc %cl
        FEND neg_setc
        FBEGIN sub_cmc_setc, FAM_INT
        subw %bx, %ax
        cmc
        setc %cl
        FEND sub_cmc_setc

/* ======================================================================== integer: exchange */

        INT xchg_r64_r64, 0, 0, xchgq %rbx, %rcx
        INT xchg_eax_r32, 0, 0, xchgl %eax, %ebx
        INT xchg_rax_r8, 0, 0, xchgq %rax, %r8
        INT xchg_ax_r16, 0, 0, xchgw %ax, %dx
        INT xchg_eax_eax, 0, 0, xchgl %eax, %eax
        INT nop_90, 0, 0, nop
        INT xchg_r8_r8, 0, 0, xchgb %ah, %bl
        INT xchg_r16_r16, 0, 0, xchgw %bx, %cx
        INT xchg_m64_r64, 0, FX_MEM, xchgq %rdx, (%rsi)
        INT xchg_m32_r32, 0, FX_MEM, xchgl %r9d, 4(%rsi)
        INT xchg_m16_r16, 0, FX_MEM, xchgw %cx, -2(%rsi)
        INT xchg_m8_r8, 0, FX_MEM, xchgb %cl, 3(%rsi)
        INT xadd_r8_r8, 0, 0, xaddb %bl, %cl
        INT xadd_r16_r16, 0, 0, xaddw %bx, %cx
        INT xadd_r32_r32, 0, 0, xaddl %ebx, %ecx
        INT xadd_r64_r64, 0, 0, xaddq %rbx, %rcx
        INT xadd_r64_same, 0, 0, xaddq %rdx, %rdx
        INT xadd_m8_r8, 0, FX_MEM, xaddb %dl, 1(%rsi)
        INT xadd_m16_r16, 0, FX_MEM, xaddw %dx, 2(%rsi)
        INT xadd_m32_r32, 0, FX_MEM, xaddl %edx, 4(%rsi)
        INT xadd_m64_r64, 0, FX_MEM, xaddq %rdx, 8(%rsi)
        INT cmpxchg_r8_r8, 0, K_CMPXCHG | FX_ARG(1) | FX_SIZE8, cmpxchgb %bl, %cl
        INT cmpxchg_r16_r16, 0, K_CMPXCHG | FX_ARG(1) | FX_SIZE16, cmpxchgw %bx, %cx
        INT cmpxchg_r32_r32, 0, K_CMPXCHG | FX_ARG(1) | FX_SIZE32, cmpxchgl %ebx, %ecx
        INT cmpxchg_r64_r64, 0, K_CMPXCHG | FX_ARG(1) | FX_SIZE64, cmpxchgq %rbx, %rcx
        INT cmpxchg_m8_r8, 0, K_CMPXCHG | FX_INMEM | FX_MEM | FX_SIZE8, cmpxchgb %bl, (%rsi)
        INT cmpxchg_m16_r16, 0, K_CMPXCHG | FX_INMEM | FX_MEM | FX_SIZE16, cmpxchgw %bx, (%rsi)
        INT cmpxchg_m32_r32, 0, K_CMPXCHG | FX_INMEM | FX_MEM | FX_SIZE32, cmpxchgl %ebx, (%rsi)
        INT cmpxchg_m64_r64, 0, K_CMPXCHG | FX_INMEM | FX_MEM | FX_SIZE64, cmpxchgq %rbx, (%rsi)
        INT lock_cmpxchg_m64_r64, 0, K_CMPXCHG | FX_INMEM | FX_MEM | FX_SIZE64, lock cmpxchgq %rbx, (%rsi)
        INT cmpxchg8b_m64, 0, K_CMPXCHG8B | FX_MEM, cmpxchg8b (%rsi)
        INT lock_cmpxchg8b_m64, 0, K_CMPXCHG8B | FX_MEM, lock cmpxchg8b (%rsi)
        INT cmpxchg16b_m128, 0, K_CMPXCHG16B | FX_MEM, cmpxchg16b (%rsi)
        INT lock_cmpxchg16b_m128, 0, K_CMPXCHG16B | FX_MEM, lock cmpxchg16b (%rsi)

/* ======================================================================== integer: lea */

        INT lea_b, 0, 0, leaq (%rbx), %rax
        INT lea_b_d8, 0, 0, leaq 8(%rbx), %rcx
        INT lea_b_d32, 0, 0, leaq -0x1000(%rbx), %rdx
        INT lea_bi, 0, 0, leaq (%rbx,%rcx), %rax
        INT lea_bi2, 0, 0, leaq (%rbx,%rcx,2), %rax
        INT lea_bi4, 0, 0, leaq (%rbx,%rcx,4), %rax
        INT lea_bi8, 0, 0, leaq (%rbx,%rcx,8), %rax
        INT lea_bi8_d8, 0, 0, leaq 0x12(%rbx,%rcx,8), %rdi
        INT lea_bi4_d32, 0, 0, leaq -0x1234567(%rbx,%rcx,4), %rsi
        INT lea_i8, 0, 0, leaq (,%rcx,8), %rax
        INT lea_i2_d32, 0, 0, leaq 0x100(,%rcx,2), %rbx
        INT lea_d32, 0, 0, leaq 0x12345678, %rax
        INT lea_rip, 0, 0, leaq .(%rip), %rax
        INT lea_r12, 0, 0, leaq (%r12), %rax
        INT lea_r13, 0, 0, leaq (%r13), %rax
        INT lea_rsp_d8, 0, 0, leaq 5(%rsp), %rax
        INT lea_rbp_rbp, 0, 0, leaq (%rbp,%rbp), %rax
        INT lea_r8_r15_4, 0, 0, leaq (%r8,%r15,4), %r9
        INT lea_rbx_r12_d8, 0, 0, leaq 7(%rbx,%r12), %r10
        INT lea_r32, 0, 0, leal 3(%rbx,%rcx,2), %eax
        INT lea_r16, 0, 0, leaw (%rbx,%rcx), %ax
        INT lea_addr32, 0, 0, leal 0x10(%ebx,%ecx,2), %eax
        INT lea_addr32_r64, 0, 0, leaq -1(%ebx), %rdx
        INT lea_addr32_wrap, 0, 0, leaq 0x7fffffff(%ebx,%ecx,8), %rdx

/* ======================================================================== integer: flags, stack */

        INT lahf, 0, 0, lahf
        INT sahf, 0, 0, sahf
        INT clc, 0, 0, clc
        INT stc, 0, 0, stc
        INT cmc, 0, 0, cmc
        INT cld, 0, 0, cld
        INT std, 0, 0, std
        INT pushfq, 0, 0, pushfq
        INT popfq, 0, K_POPF, popfq
        INT pushfw, 0, 0, pushfw
        INT popfw, 0, K_POPF, popfw
        INT push_r64, 0, 0, pushq %rbx
        INT push_r12, 0, 0, pushq %r12
        INT push_r16, 0, 0, pushw %cx
        INT push_rsp, 0, 0, pushq %rsp
        INT push_m64, 0, FX_MEM, pushq 8(%rsi)
        INT push_m16, 0, FX_MEM, pushw 2(%rsi)
        INT push_i8, 0, 0, pushq $-5
        INT push_i32, 0, 0, pushq $0x12345678
        INT push_i16, 0, 0, pushw $0x1234
        INT pop_r64, 0, 0, popq %rcx
        INT pop_r13, 0, 0, popq %r13
        INT pop_r16, 0, 0, popw %dx
        INT pop_rsp, 0, 0, popq %rsp
        INT pop_m64, 0, FX_MEM, popq 8(%rsi)
        INT pop_m64_rsp, 0, 0, popq (%rsp)
        INT pop_m16, 0, FX_MEM, popw 2(%rsi)
        INT enter_0_0, 0, 0, enter $0, $0
        INT enter_16_0, 0, 0, enter $16, $0
        INT enter_24_1, 0, FX_BP, enter $24, $1
        INT enter_8_3, 0, FX_BP, enter $8, $3
        INT leave, 0, FX_BP, leave
        FBEGIN leave16, FAM_INT, 0, 0, FX_BP
        .byte 0x66, 0xc9        /* leavew */
        FEND leave16
        FBEGIN enter16_8_0, FAM_INT
        .byte 0x66, 0xc8, 0x08, 0x00, 0x00      /* enterw $8, $0 */
        FEND enter16_8_0

/* ======================================================================== integer: strings */

.irp s, b, w, l, q
        INT movs\s, 0, FX_STR, movs\s
        INT rep_movs\s, 0, FX_STR, rep movs\s
        INT stos\s, 0, FX_STR, stos\s
        INT rep_stos\s, 0, FX_STR, rep stos\s
        INT lods\s, 0, FX_STR, lods\s
        INT rep_lods\s, 0, FX_STR, rep lods\s
        INT cmps\s, 0, FX_STR | K_CMPS, cmps\s
        INT repe_cmps\s, 0, FX_STR | K_CMPS, repe cmps\s
        INT repne_cmps\s, 0, FX_STR | K_CMPS, repne cmps\s
        INT scas\s, 0, FX_STR | K_SCAS, scas\s
        INT repe_scas\s, 0, FX_STR | K_SCAS, repe scas\s
        INT repne_scas\s, 0, FX_STR | K_SCAS, repne scas\s
.endr
        INT xlat, 0, FX_RBX, xlatb

/* Long strings (rep with up to 0xc0 bytes, overlapping source and destination, a page boundary). */
.irp s, b, w, l, q
        INT rep_movs\s\()_long, 0, FX_STR | K_STRLONG, rep movs\s
        INT rep_stos\s\()_long, 0, FX_STR | K_STRLONG, rep stos\s
        INT repe_cmps\s\()_long, 0, FX_STR | K_STRLONG, repe cmps\s
        INT repne_scas\s\()_long, 0, FX_STR | K_STRLONG, repne scas\s
.endr

/* ======================================================================== integer: branches */

        FBEGIN loop_fwd, FAM_INT, 0, 0, FX_CL
        loop 1f
        movl $1, %ebx
1:
        FEND loop_fwd
        FBEGIN loope_fwd, FAM_INT, 0, 0, FX_CL
        loope 1f
        movl $1, %ebx
1:
        FEND loope_fwd
        FBEGIN loopne_fwd, FAM_INT, 0, 0, FX_CL
        loopne 1f
        movl $1, %ebx
1:
        FEND loopne_fwd
        FBEGIN jrcxz_fwd, FAM_INT, 0, 0, FX_CL
        jrcxz 1f
        movl $1, %ebx
1:
        FEND jrcxz_fwd
        FBEGIN jecxz_fwd, FAM_INT, 0, 0, FX_CL
        jecxz 1f
        movl $1, %ebx
1:
        FEND jecxz_fwd
        FBEGIN call_pop, FAM_INT
        call 1f
1:      popq %rax
        FEND call_pop
        FBEGIN call_r64_ret, FAM_INT
        leaq 2f(%rip), %rax
        call *%rax
        jmp 3f
2:      ret
3:
        FEND call_r64_ret
        FBEGIN call_m64_ret_i16, FAM_INT, 0, 0, FX_MEM
        leaq 2f(%rip), %rax
        movq %rax, (%rsi)
        call *(%rsi)
        jmp 3f
2:      ret $16
3:
        FEND call_m64_ret_i16
        FBEGIN jmp_r64, FAM_INT
        leaq 1f(%rip), %rdx
        jmp *%rdx
        ud2
1:
        FEND jmp_r64
        FBEGIN jmp_rel32, FAM_INT
        {disp32} jmp 1f
        ud2
1:
        FEND jmp_rel32

/* ======================================================================== integer: misc */

        INT nopl, 0, 0, nopl 0(%rax,%rax,1)
        INT nopw, 0, 0, nopw 0x100(%rax,%rax,1)
        INT pause, 0, 0, pause
        INT endbr64, 0, 0, endbr64
        INT prefetcht0, 0, FX_MEM, prefetcht0 (%rsi)
        INT lfence, 0, 0, lfence
        INT mfence, 0, 0, mfence
        INT sfence, 0, 0, sfence
        INT clflush, 0, FX_MEM, clflush (%rsi)

/* Accesses that straddle the page boundary at DATA_MID - 0x80 (the start of the window). */
        INT split_load_m64, 0, FX_MEM, movq -0x84(%rsi), %rax
        INT split_load_m16, 0, FX_MEM, movzwl -0x81(%rsi), %ecx
        INT split_store_m64, 0, FX_MEM, movq %rbx, -0x83(%rsi)
        INT split_store_m32_i32, 0, FX_MEM, movl $0x12345678, -0x82(%rsi)
        INT split_add_m64_r64, 0, FX_MEM, addq %rdx, -0x85(%rsi)
        INT split_lock_add_m32_r32, 0, FX_MEM, lock addl %edx, -0x82(%rsi)
        INT split_xchg_m64_r64, 0, FX_MEM, xchgq %rdx, -0x87(%rsi)
        INT split_lock_xadd_m16_r16, 0, FX_MEM, lock xaddw %dx, -0x81(%rsi)
        INT split_cmpxchg_m64_r64, 0, K_CMPXCHG | FX_INMEM | FX_MEM | FX_SIZE64, cmpxchgq %rbx, -0x84(%rsi)
        INT split_lock_cmpxchg8b_m64, 0, K_CMPXCHG8B | FX_MEM, lock cmpxchg8b -0x84(%rsi)
        INT split_lock_bts_m64_i8, U_BT, FX_MEM, lock btsq $35, -0x84(%rsi)
        FORM split_shl_m64_cl, FAM_INT, 0, RULE(R_SHIFT, 64, RULE_CL), FX_MEM | FX_CL, shlq %cl, -0x86(%rsi)
        INT split_push_m64, 0, FX_MEM, pushq -0x84(%rsi)
        INT split_movbe_m64, 0, FX_MEM, movbe -0x83(%rsi), %r9

/* Prefix combinations: redundant segment prefixes, lock after 66, REX not directly before the opcode. */
        FBEGIN ds_add_m64_r64, FAM_INT, 0, 0, FX_MEM
        .byte 0x3e, 0x48, 0x01, 0x06            /* ds add %rax, (%rsi) */
        FEND ds_add_m64_r64
        FBEGIN cs_nopw, FAM_INT
        .byte 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0
        FEND cs_nopw
        FBEGIN opsize_lock_add_m16_r16, FAM_INT, 0, 0, FX_MEM
        .byte 0x66, 0xf0, 0x01, 0x06            /* lock add %ax, (%rsi), 66 first */
        FEND opsize_lock_add_m16_r16
        FBEGIN rex_then_66_add, FAM_INT
        .byte 0x48, 0x66, 0x01, 0xd8            /* REX.W is ignored when a prefix follows it: add %bx, %ax */
        FEND rex_then_66_add
        FBEGIN rexw_66_add, FAM_INT
        .byte 0x66, 0x48, 0x01, 0xd8            /* REX.W wins over 66: add %rbx, %rax */
        FEND rexw_66_add
        FBEGIN double_rex_add, FAM_INT
        .byte 0x48, 0x41, 0x01, 0xd8            /* only the last REX counts: add %ebx, %r8d */
        FEND double_rex_add
        FBEGIN addr32_loop, FAM_INT, 0, 0, FX_CL
        .byte 0x67, 0xe2, 0x05                  /* loop with ecx */
        movl $1, %ebx
        FEND addr32_loop
        INT push_m64_rsp, 0, 0, pushq 8(%rsp)
        INT pop_m64_rsp8, 0, 0, popq 8(%rsp)
        INT cmpxchg_r64_rax_src, 0, K_CMPXCHG | FX_ARG(3) | FX_SIZE64, cmpxchgq %rax, %rbx
        INT cmpxchg_r32_rax_dst, 0, 0, cmpxchgl %ecx, %eax
        FBEGIN add_inc_adc, FAM_INT
        addq %rbx, %rax
        incl %ecx
        adcl $0, %edx
        FEND add_inc_adc
        FBEGIN sub_dec_setb, FAM_INT
        subb %bl, %al
        decw %cx
        setb %dl
        FEND sub_dec_setb
        FBEGIN bt_adc, FAM_INT, U_BT
        btq %rcx, %rax
        adcl $0, %edx
        FEND bt_adc

/* Alternative encodings and prefixes compilers and libraries emit. */
        FBEGIN shl_c1_1, FAM_INT, 0, RULE(R_SHIFT, 64, 1)
        .byte 0x48, 0xc1, 0xe0, 0x01            /* shl $1, %rax with the imm8 encoding */
        FEND shl_c1_1
        FBEGIN test_f6_1, FAM_INT, U_LOGIC
        .byte 0xf6, 0xc9, 0x55                  /* test $0x55, %cl through F6 /1 */
        FEND test_f6_1
        FBEGIN movsxd_r16_r16, FAM_INT
        .byte 0x66, 0x63, 0xc8                  /* movsxd with 66: a 16-bit move */
        FEND movsxd_r16_r16
        FBEGIN rep_add, FAM_INT
        .byte 0xf3, 0x48, 0x01, 0xd8            /* a rep prefix on add is ignored */
        FEND rep_add
        FBEGIN bnd_jmp, FAM_INT
        .byte 0xf2, 0xe9, 0x05, 0, 0, 0         /* bnd jmp over the mov */
        movl $1, %ebx
        FEND bnd_jmp
        FBEGIN bnd_ret, FAM_INT
        call 1f
        jmp 2f
1:      .byte 0xf2, 0xc3                        /* bnd ret */
2:
        FEND bnd_ret
        FBEGIN rep_ret, FAM_INT
        call 1f
        jmp 2f
1:      .byte 0xf3, 0xc3                        /* rep ret */
2:
        FEND rep_ret
        FBEGIN notrack_jmp, FAM_INT
        leaq 1f(%rip), %rax
        .byte 0x3e, 0xff, 0xe0                  /* notrack jmp *%rax */
        ud2
1:
        FEND notrack_jmp

/* Faults: both sides must stop at the instruction with the same signal and state. */
        INT fault_ud2, 0, 0, ud2
        INT fault_hlt, 0, 0, hlt
        INT fault_cli, 0, 0, cli
        INT fault_in, 0, 0, inb %dx, %al
        FBEGIN fault_lock_reg, FAM_INT
        .byte 0xf0, 0x48, 0x01, 0xd8        /* lock add %rbx, %rax: #UD */
        FEND fault_lock_reg
        FBEGIN fault_aaa, FAM_INT
        .byte 0x37                          /* aaa: invalid in 64-bit mode */
        FEND fault_aaa
        INT fault_load_unmapped, 0, FX_MEM, movq 0x4000(%rsi), %rax
        INT fault_store_unmapped, 0, FX_MEM, movq %rax, -0x2000(%rsi)
        INT fault_load_split, 0, FX_MEM, movq SCRATCH_SIZE - 4 - 0x1080(%rsi), %rax
        INT fault_store_split, 0, FX_MEM, movq %rax, SCRATCH_SIZE - 4 - 0x1080(%rsi)
        INT fault_rmw_split, 0, FX_MEM, addl %eax, SCRATCH_SIZE - 2 - 0x1080(%rsi)
        INT fault_noncanonical, 0, K_NONCANON, movq (%rax), %rbx
        INT fault_cmpxchg16b_misaligned, 0, K_CMPXCHG16B | FX_MEM, cmpxchg16b 8(%rsi)
        INT fault_push_unmapped, 0, 0, pushq -0x3000(%rsp)
        FBEGIN fault_op82, FAM_INT
        .byte 0x82, 0xc0, 0x01                  /* 82 /0: invalid in 64-bit mode */
        FEND fault_op82
        FBEGIN fault_fe_2, FAM_INT
        .byte 0xfe, 0xd0                        /* FE /2: invalid */
        FEND fault_fe_2
        FBEGIN fault_lock_cmp, FAM_INT, 0, 0, FX_MEM
        .byte 0xf0, 0x48, 0x39, 0x06            /* lock cmp: #UD */
        FEND fault_lock_cmp
        FBEGIN fault_ud1, FAM_INT
        .byte 0x0f, 0xb9, 0xc0                  /* ud1 %eax, %eax */
        FEND fault_ud1
        INT fault_cmov_false_unmapped, 0, FX_MEM, cmovoq 0x4000(%rsi), %rax
        INT fault_xchg_split_unmapped, 0, FX_MEM, xchgq %rax, SCRATCH_SIZE - 4 - 0x1080(%rsi)
        FBEGIN fault_rep_movsb_partial, FAM_INT, 0, 0, FX_MEM
        leaq SCRATCH_SIZE - 0x1080 - 5(%rsi), %rdi
        movl $16, %ecx
        cld
        rep movsb
        FEND fault_rep_movsb_partial

/* ======================================================================== SSE family */

/* reg,reg (low and REX registers) and reg,mem forms of a two-operand xmm instruction. */
.macro SSE name, mnem, fix=0
        FORM \name\()_x_x, FAM_SSE, 0, 0, \fix, \mnem %xmm1, %xmm2
        FORM \name\()_xh_xh, FAM_SSE, 0, 0, \fix, \mnem %xmm14, %xmm9
        FORM \name\()_x_m, FAM_SSE, 0, 0, \fix | FX_MEM, \mnem 16(%rsi), %xmm3
.endm
/* The same with an immediate. */
.macro SSEI name, mnem, imm, fix=0
        FORM \name\()_x_x, FAM_SSE, 0, 0, \fix, \mnem $\imm, %xmm1, %xmm2
        FORM \name\()_x_m, FAM_SSE, 0, 0, \fix | FX_MEM, \mnem $\imm, -32(%rsi), %xmm10
.endm
/* Register form only (with an immediate or not). */
.macro SSER name, mnem, fix=0
        FORM \name\()_x_x, FAM_SSE, 0, 0, \fix, \mnem %xmm4, %xmm12
.endm
.macro SSERI name, mnem, imm, fix=0
        FORM \name\()_x_x, FAM_SSE, 0, 0, \fix, \mnem $\imm, %xmm5, %xmm6
.endm
.macro SSEF name, insn:vararg
        FORM \name, FAM_SSE, 0, 0, FX_MEM | FX_INTV, \insn
.endm

/* --- SSE: single precision. */
.irp op, add, sub, mul, div, max, min, sqrt
        SSE \op\()ps, \op\()ps, FX_FP32
        SSE \op\()ss, \op\()ss, FX_FP32
.endr
.irp op, rcpps, rcpss, rsqrtps, rsqrtss, andps, andnps, orps, xorps, unpckhps, unpcklps, comiss, ucomiss
        SSE \op, \op, FX_FP32
.endr
        SSE movaps, movaps, FX_FP32
        SSE movups, movups, FX_FP32
        SSE movss, movss, FX_FP32
        SSEF movaps_m_x, movaps %xmm7, 16(%rsi)
        SSEF movups_m_x, movups %xmm11, -7(%rsi)
        SSEF movss_m_x, movss %xmm2, 3(%rsi)
        SSER movhlps, movhlps, FX_FP32
        SSER movlhps, movlhps, FX_FP32
        SSEF movhps_x_m, movhps 8(%rsi), %xmm3
        SSEF movhps_m_x, movhps %xmm3, -8(%rsi)
        SSEF movlps_x_m, movlps 8(%rsi), %xmm3
        SSEF movlps_m_x, movlps %xmm3, -8(%rsi)
        SSEI shufps_1b, shufps, 0x1b, FX_FP32
        SSERI shufps_e4, shufps, 0xe4, FX_FP32
.irp p, 0, 1, 2, 3, 4, 5, 6, 7
        SSERI cmpps_\p, cmpps, \p, FX_FP32
        SSERI cmpss_\p, cmpss, \p, FX_FP32
.endr
        SSEI cmpps_m, cmpps, 1, FX_FP32
        SSEI cmpss_m, cmpss, 5, FX_FP32
        FORM cvtsi2ss_x_r32, FAM_SSE, 0, 0, FX_FP32, cvtsi2ssl %eax, %xmm1
        FORM cvtsi2ss_x_r64, FAM_SSE, 0, 0, FX_FP32, cvtsi2ssq %r10, %xmm9
        FORM cvtsi2ss_x_m32, FAM_SSE, 0, 0, FX_FP32 | FX_MEM, cvtsi2ssl 4(%rsi), %xmm2
        FORM cvtsi2ss_x_m64, FAM_SSE, 0, 0, FX_FP32 | FX_MEM, cvtsi2ssq 8(%rsi), %xmm2
.irp op, cvtss2si, cvttss2si
        FORM \op\()_r32_x, FAM_SSE, 0, 0, FX_FP32, \op %xmm1, %eax
        FORM \op\()_r64_x, FAM_SSE, 0, 0, FX_FP32, \op %xmm12, %r9
        FORM \op\()_r32_m, FAM_SSE, 0, 0, FX_FP32 | FX_MEM, \op 4(%rsi), %ecx
        FORM \op\()_r64_m, FAM_SSE, 0, 0, FX_FP32 | FX_MEM, \op -4(%rsi), %rdx
.endr
        FORM movmskps_r32_x, FAM_SSE, 0, 0, FX_FP32, movmskps %xmm3, %eax
        FORM movmskps_r64_xh, FAM_SSE, 0, 0, FX_FP32, movmskps %xmm13, %r8
        FORM stmxcsr_m32, FAM_SSE, 0, 0, FX_MEM | FX_MXCSR, stmxcsr -4(%rsi)
        FBEGIN ldmxcsr_m32, FAM_SSE, 0, 0, FX_MEM | FX_MXCSR
        stmxcsr -4(%rsi)
        andl $0xffbf, -4(%rsi)
        btcl $13, -4(%rsi)
        ldmxcsr -4(%rsi)
        addps %xmm1, %xmm2
        stmxcsr -8(%rsi)
        FEND ldmxcsr_m32

/* --- SSE2: double precision. */
.irp op, add, sub, mul, div, max, min, sqrt
        SSE \op\()pd, \op\()pd, FX_FP64
        SSE \op\()sd, \op\()sd, FX_FP64
.endr
.irp op, andpd, andnpd, orpd, xorpd, unpckhpd, unpcklpd, comisd, ucomisd
        SSE \op, \op, FX_FP64
.endr
        SSE movapd, movapd, FX_FP64
        SSE movupd, movupd, FX_FP64
        SSE movsd, movsd, FX_FP64
        SSEF movapd_m_x, movapd %xmm7, -16(%rsi)
        SSEF movupd_m_x, movupd %xmm11, 9(%rsi)
        SSEF movsd_m_x, movsd %xmm2, 5(%rsi)
        SSEF movhpd_x_m, movhpd 8(%rsi), %xmm3
        SSEF movhpd_m_x, movhpd %xmm3, -8(%rsi)
        SSEF movlpd_x_m, movlpd 8(%rsi), %xmm3
        SSEF movlpd_m_x, movlpd %xmm3, -8(%rsi)
        SSEI shufpd_1, shufpd, 1, FX_FP64
        SSERI shufpd_2, shufpd, 2, FX_FP64
.irp p, 0, 1, 2, 3, 4, 5, 6, 7
        SSERI cmppd_\p, cmppd, \p, FX_FP64
        SSERI cmpsd_\p, cmpsd, \p, FX_FP64
.endr
        SSEI cmppd_m, cmppd, 2, FX_FP64
        SSEI cmpsd_m, cmpsd, 6, FX_FP64
        FORM cvtsi2sd_x_r32, FAM_SSE, 0, 0, FX_FP64, cvtsi2sdl %eax, %xmm1
        FORM cvtsi2sd_x_r64, FAM_SSE, 0, 0, FX_FP64, cvtsi2sdq %r10, %xmm9
        FORM cvtsi2sd_x_m32, FAM_SSE, 0, 0, FX_FP64 | FX_MEM, cvtsi2sdl 4(%rsi), %xmm2
        FORM cvtsi2sd_x_m64, FAM_SSE, 0, 0, FX_FP64 | FX_MEM, cvtsi2sdq 8(%rsi), %xmm2
.irp op, cvtsd2si, cvttsd2si
        FORM \op\()_r32_x, FAM_SSE, 0, 0, FX_FP64, \op %xmm1, %eax
        FORM \op\()_r64_x, FAM_SSE, 0, 0, FX_FP64, \op %xmm12, %r9
        FORM \op\()_r32_m, FAM_SSE, 0, 0, FX_FP64 | FX_MEM, \op 8(%rsi), %ecx
        FORM \op\()_r64_m, FAM_SSE, 0, 0, FX_FP64 | FX_MEM, \op -8(%rsi), %rdx
.endr
        FORM movmskpd_r32_x, FAM_SSE, 0, 0, FX_FP64, movmskpd %xmm3, %eax
        SSE cvtps2pd, cvtps2pd, FX_FP32
        SSE cvtps2dq, cvtps2dq, FX_FP32
        SSE cvttps2dq, cvttps2dq, FX_FP32
        SSE cvtdq2ps, cvtdq2ps, FX_INTV
        SSE cvtss2sd, cvtss2sd, FX_FP32
        SSE cvtpd2ps, cvtpd2ps, FX_FP64
        SSE cvtpd2dq, cvtpd2dq, FX_FP64
        SSE cvttpd2dq, cvttpd2dq, FX_FP64
        SSE cvtdq2pd, cvtdq2pd, FX_INTV
        SSE cvtsd2ss, cvtsd2ss, FX_FP64

/* --- Non-default MXCSR: rounding modes, DAZ, FTZ. */
        FORM addps_mxcsr, FAM_SSE, 0, 0, FX_FP32 | FX_MXCSR, addps %xmm1, %xmm2
        FORM subss_mxcsr, FAM_SSE, 0, 0, FX_FP32 | FX_MXCSR, subss %xmm1, %xmm2
        FORM mulps_mxcsr, FAM_SSE, 0, 0, FX_FP32 | FX_MXCSR, mulps %xmm1, %xmm2
        FORM divss_mxcsr, FAM_SSE, 0, 0, FX_FP32 | FX_MXCSR, divss %xmm1, %xmm2
        FORM sqrtps_mxcsr, FAM_SSE, 0, 0, FX_FP32 | FX_MXCSR, sqrtps %xmm1, %xmm2
        FORM mulpd_mxcsr, FAM_SSE, 0, 0, FX_FP64 | FX_MXCSR, mulpd %xmm1, %xmm2
        FORM addsd_mxcsr, FAM_SSE, 0, 0, FX_FP64 | FX_MXCSR, addsd %xmm1, %xmm2
        FORM divpd_mxcsr, FAM_SSE, 0, 0, FX_FP64 | FX_MXCSR, divpd %xmm1, %xmm2
        FORM sqrtsd_mxcsr, FAM_SSE, 0, 0, FX_FP64 | FX_MXCSR, sqrtsd %xmm1, %xmm2
        FORM cvtps2dq_mxcsr, FAM_SSE, 0, 0, FX_FP32 | FX_MXCSR, cvtps2dq %xmm1, %xmm2
        FORM cvtsd2si_mxcsr, FAM_SSE, 0, 0, FX_FP64 | FX_MXCSR, cvtsd2si %xmm1, %rax
        FORM cvtss2si_mxcsr, FAM_SSE, 0, 0, FX_FP32 | FX_MXCSR, cvtss2si %xmm1, %eax
        FORM cvtpd2ps_mxcsr, FAM_SSE, 0, 0, FX_FP64 | FX_MXCSR, cvtpd2ps %xmm1, %xmm2
        FORM cvtsd2ss_mxcsr, FAM_SSE, 0, 0, FX_FP64 | FX_MXCSR, cvtsd2ss %xmm1, %xmm2
        FORM cvtsi2ss_mxcsr, FAM_SSE, 0, 0, FX_FP32 | FX_MXCSR, cvtsi2ssq %rax, %xmm2
        FORM cvtsi2sd_mxcsr, FAM_SSE, 0, 0, FX_FP64 | FX_MXCSR, cvtsi2sdq %rax, %xmm2
        FORM roundps_4_mxcsr, FAM_SSE, 0, 0, FX_FP32 | FX_MXCSR, roundps $4, %xmm1, %xmm2
        FORM roundsd_c_mxcsr, FAM_SSE, 0, 0, FX_FP64 | FX_MXCSR, roundsd $12, %xmm1, %xmm2
        FORM addsubpd_mxcsr, FAM_SSE, 0, 0, FX_FP64 | FX_MXCSR, addsubpd %xmm1, %xmm2
        FORM dpps_mxcsr, FAM_SSE, 0, 0, FX_FP32 | FX_MXCSR, dpps $0xf1, %xmm1, %xmm2
        FORM comiss_mxcsr, FAM_SSE, 0, 0, FX_FP32 | FX_MXCSR, comiss %xmm1, %xmm2
        FORM maxps_mxcsr, FAM_SSE, 0, 0, FX_FP32 | FX_MXCSR, maxps %xmm1, %xmm2

/* --- SSE2: integer. */
        FORM movd_x_r32, FAM_SSE, 0, 0, FX_INTV, movd %eax, %xmm1
        FORM movd_r32_x, FAM_SSE, 0, 0, FX_INTV, movd %xmm9, %ecx
        FORM movd_x_m32, FAM_SSE, 0, 0, FX_INTV | FX_MEM, movd 4(%rsi), %xmm2
        FORM movd_m32_x, FAM_SSE, 0, 0, FX_INTV | FX_MEM, movd %xmm2, -4(%rsi)
        FORM movq_x_r64, FAM_SSE, 0, 0, FX_INTV, movq %r11, %xmm13
        FORM movq_r64_x, FAM_SSE, 0, 0, FX_INTV, movq %xmm3, %rdx
        FORM movq_x_m64, FAM_SSE, 0, 0, FX_INTV | FX_MEM, movq 8(%rsi), %xmm4
        FORM movq_m64_x, FAM_SSE, 0, 0, FX_INTV | FX_MEM, movq %xmm4, -8(%rsi)
        FORM movq_x_x, FAM_SSE, 0, 0, FX_INTV, movq %xmm5, %xmm6
        SSE movdqa, movdqa, FX_INTV
        SSE movdqu, movdqu, FX_INTV
        SSEF movdqa_m_x, movdqa %xmm8, 32(%rsi)
        SSEF movdqu_m_x, movdqu %xmm8, 3(%rsi)
        SSEF movntdq_m_x, movntdq %xmm1, -16(%rsi)
        SSEF movntpd_m_x, movntpd %xmm1, 16(%rsi)
        SSEF movntps_m_x, movntps %xmm1, -32(%rsi)
        SSEF movnti_m32_r32, movnti %eax, 4(%rsi)
        SSEF movnti_m64_r64, movnti %r9, -8(%rsi)
        SSEF lddqu_x_m, lddqu 5(%rsi), %xmm7
        SSEF movntdqa_x_m, movntdqa 16(%rsi), %xmm7
        FORM maskmovdqu_x_x, FAM_SSE, 0, 0, FX_INTV | FX_RDI, maskmovdqu %xmm1, %xmm2
.irp op, paddb, paddw, paddd, paddq, paddsb, paddsw, paddusb, paddusw, psubb, psubw, psubd, psubq, psubsb, psubsw, psubusb, psubusw, pand, pandn, por, pxor, pavgb, pavgw, pcmpeqb, pcmpeqw, pcmpeqd, pcmpgtb, pcmpgtw, pcmpgtd, pmaddwd, pmaxsw, pmaxub, pminsw, pminub, pmulhuw, pmulhw, pmullw, pmuludq, psadbw, punpckhbw, punpckhwd, punpckhdq, punpckhqdq, punpcklbw, punpcklwd, punpckldq, punpcklqdq, packsswb, packssdw, packuswb, psllw, pslld, psllq, psraw, psrad, psrlw, psrld, psrlq
        SSE \op, \op, FX_INTV
.endr
        SSEI pshufd_1b, pshufd, 0x1b, FX_INTV
        SSEI pshufhw_4e, pshufhw, 0x4e, FX_INTV
        SSEI pshuflw_b1, pshuflw, 0xb1, FX_INTV
.irp op, psllw, pslld, psllq, psraw, psrad, psrlw, psrld, psrlq
        FORM \op\()_x_i8, FAM_SSE, 0, 0, FX_INTV, \op $3, %xmm2
        FORM \op\()_x_i8big, FAM_SSE, 0, 0, FX_INTV, \op $35, %xmm10
.endr
        FORM pslldq_x_i8, FAM_SSE, 0, 0, FX_INTV, pslldq $3, %xmm2
        FORM pslldq_x_i8big, FAM_SSE, 0, 0, FX_INTV, pslldq $17, %xmm2
        FORM psrldq_x_i8, FAM_SSE, 0, 0, FX_INTV, psrldq $5, %xmm11
        FORM pextrw_r32_x, FAM_SSE, 0, 0, FX_INTV, pextrw $3, %xmm1, %eax
        FORM pextrw_r32_xh, FAM_SSE, 0, 0, FX_INTV, pextrw $13, %xmm9, %r8d
        FORM pinsrw_x_r32, FAM_SSE, 0, 0, FX_INTV, pinsrw $2, %eax, %xmm1
        FORM pinsrw_x_m16, FAM_SSE, 0, 0, FX_INTV | FX_MEM, pinsrw $7, 2(%rsi), %xmm12
        FORM pmovmskb_r32_x, FAM_SSE, 0, 0, FX_INTV, pmovmskb %xmm3, %eax
        FORM pmovmskb_r64_xh, FAM_SSE, 0, 0, FX_INTV, pmovmskb %xmm15, %r10

/* --- SSE3. */
        SSE addsubps, addsubps, FX_FP32
        SSE haddps, haddps, FX_FP32
        SSE hsubps, hsubps, FX_FP32
        SSE movshdup, movshdup, FX_FP32
        SSE movsldup, movsldup, FX_FP32
        SSE addsubpd, addsubpd, FX_FP64
        SSE haddpd, haddpd, FX_FP64
        SSE hsubpd, hsubpd, FX_FP64
        SSE movddup, movddup, FX_FP64

/* --- SSSE3. */
.irp op, pabsb, pabsw, pabsd, phaddw, phaddd, phaddsw, phsubw, phsubd, phsubsw, pmaddubsw, pmulhrsw, pshufb, psignb, psignw, psignd
        SSE \op, \op, FX_INTV
.endr
        SSEI palignr_5, palignr, 5, FX_INTV
        SSERI palignr_19, palignr, 19, FX_INTV

/* --- SSE4.1. */
        SSEI blendps_5, blendps, 5, FX_FP32
        SSEI blendpd_2, blendpd, 2, FX_FP64
        SSEI pblendw_a5, pblendw, 0xa5, FX_INTV
        SSE blendvps, blendvps, FX_FP32
        SSE blendvpd, blendvpd, FX_FP64
        SSE pblendvb, pblendvb, FX_INTV
        SSEI dpps_ff, dpps, 0xff, FX_FP32
        SSERI dpps_31, dpps, 0x31, FX_FP32
        SSEI dppd_33, dppd, 0x33, FX_FP64
        SSERI dppd_12, dppd, 0x12, FX_FP64
        FORM extractps_r32_x, FAM_SSE, 0, 0, FX_FP32, extractps $2, %xmm1, %eax
        FORM extractps_m32_x, FAM_SSE, 0, 0, FX_FP32 | FX_MEM, extractps $3, %xmm9, 4(%rsi)
        SSERI insertps_5c, insertps, 0x5c, FX_FP32
        FORM insertps_x_m, FAM_SSE, 0, 0, FX_FP32 | FX_MEM, insertps $0x31, 4(%rsi), %xmm2
.irp m, 0, 1, 2, 3, 4, 8, 9, 10, 11, 12
        SSERI roundps_\m, roundps, \m, FX_FP32
        SSERI roundpd_\m, roundpd, \m, FX_FP64
        SSERI roundss_\m, roundss, \m, FX_FP32
        SSERI roundsd_\m, roundsd, \m, FX_FP64
.endr
        SSEI roundps_m, roundps, 1, FX_FP32
        SSEI roundsd_m, roundsd, 2, FX_FP64
.irp op, pcmpeqq, packusdw, pmaxsb, pmaxsd, pmaxud, pmaxuw, pminsb, pminsd, pminud, pminuw, pmuldq, pmulld, phminposuw, pmovsxbw, pmovsxbd, pmovsxbq, pmovsxwd, pmovsxwq, pmovsxdq, pmovzxbw, pmovzxbd, pmovzxbq, pmovzxwd, pmovzxwq, pmovzxdq, ptest
        SSE \op, \op, FX_INTV
.endr
        SSEI mpsadbw_0, mpsadbw, 0, FX_INTV
        SSERI mpsadbw_5, mpsadbw, 5, FX_INTV
        FORM pextrb_r32_x, FAM_SSE, 0, 0, FX_INTV, pextrb $15, %xmm1, %eax
        FORM pextrb_m8_x, FAM_SSE, 0, 0, FX_INTV | FX_MEM, pextrb $3, %xmm1, 1(%rsi)
        FORM pextrw_m16_x, FAM_SSE, 0, 0, FX_INTV | FX_MEM, pextrw $5, %xmm10, 2(%rsi)
        FORM pextrd_r32_x, FAM_SSE, 0, 0, FX_INTV, pextrd $2, %xmm1, %ecx
        FORM pextrd_m32_x, FAM_SSE, 0, 0, FX_INTV | FX_MEM, pextrd $1, %xmm1, 4(%rsi)
        FORM pextrq_r64_x, FAM_SSE, 0, 0, FX_INTV, pextrq $1, %xmm11, %rdx
        FORM pextrq_m64_x, FAM_SSE, 0, 0, FX_INTV | FX_MEM, pextrq $0, %xmm1, -8(%rsi)
        FORM pinsrb_x_r32, FAM_SSE, 0, 0, FX_INTV, pinsrb $7, %eax, %xmm1
        FORM pinsrb_x_m8, FAM_SSE, 0, 0, FX_INTV | FX_MEM, pinsrb $15, 3(%rsi), %xmm9
        FORM pinsrd_x_r32, FAM_SSE, 0, 0, FX_INTV, pinsrd $3, %ebx, %xmm2
        FORM pinsrd_x_m32, FAM_SSE, 0, 0, FX_INTV | FX_MEM, pinsrd $1, 4(%rsi), %xmm2
        FORM pinsrq_x_r64, FAM_SSE, 0, 0, FX_INTV, pinsrq $1, %r12, %xmm14
        FORM pinsrq_x_m64, FAM_SSE, 0, 0, FX_INTV | FX_MEM, pinsrq $0, 8(%rsi), %xmm2

/* --- SSE4.2. */
        SSE pcmpgtq, pcmpgtq, FX_INTV
.irp imm, 0x00, 0x0c, 0x18, 0x44, 0x3a, 0x71
        SSEI pcmpestri_\imm, pcmpestri, \imm, FX_INTV | FX_ZEROB | K_PCMPSTR
        SSEI pcmpestrm_\imm, pcmpestrm, \imm, FX_INTV | FX_ZEROB | K_PCMPSTR
        SSEI pcmpistri_\imm, pcmpistri, \imm, FX_INTV | FX_ZEROB
        SSEI pcmpistrm_\imm, pcmpistrm, \imm, FX_INTV | FX_ZEROB
.endr
        FORM crc32_r32_r8, FAM_SSE, 0, 0, 0, crc32b %bl, %eax
        FORM crc32_r32_r16, FAM_SSE, 0, 0, 0, crc32w %bx, %ecx
        FORM crc32_r32_r32, FAM_SSE, 0, 0, 0, crc32l %ebx, %edx
        FORM crc32_r64_r64, FAM_SSE, 0, 0, 0, crc32q %rbx, %r9
        FORM crc32_r64_r8, FAM_SSE, 0, 0, 0, crc32b %r10b, %r11
        FORM crc32_r32_m8, FAM_SSE, 0, 0, FX_MEM, crc32b 1(%rsi), %eax
        FORM crc32_r32_m16, FAM_SSE, 0, 0, FX_MEM, crc32w 2(%rsi), %eax
        FORM crc32_r32_m32, FAM_SSE, 0, 0, FX_MEM, crc32l 4(%rsi), %eax
        FORM crc32_r64_m64, FAM_SSE, 0, 0, FX_MEM, crc32q 8(%rsi), %rax

/* --- SSE faults. */
        FORM fault_movaps_misaligned, FAM_SSE, 0, 0, FX_MEM, movaps 8(%rsi), %xmm1
        FORM fault_addps_misaligned, FAM_SSE, 0, 0, FX_MEM, addps 4(%rsi), %xmm1
        FORM fault_movdqa_store_misaligned, FAM_SSE, 0, 0, FX_MEM, movdqa %xmm1, 1(%rsi)

/* ======================================================================== x87 family */

/*
 * Every x87 form starts from a known stack: fninit, the control word from X87_CW (random
 * rounding and precision), then `nload` extended values so that st(0) = A, st(1) = B,
 * st(2) = C. After the instruction the status word goes to -0x48(%rsi), `nstore` values are
 * popped to -0x10, -0x20, -0x30, -0x40(%rsi), and the final status word to -0x46(%rsi).
 */
.macro X87_PROLOGUE nload
        # Zero all eight physical registers first: fxsave images include the slots of empty
        # registers, which would otherwise hold whatever an earlier form left there.
        fninit
        fldz; fldz; fldz; fldz; fldz; fldz; fldz; fldz
        fninit
        fldcw X87_CW(%rsi)
  .if \nload >= 3
        fldt X87_C(%rsi)
  .endif
  .if \nload >= 2
        fldt X87_B(%rsi)
  .endif
  .if \nload >= 1
        fldt X87_A(%rsi)
  .endif
.endm
.macro X87_EPILOGUE nstore
        fnstsw -0x48(%rsi)
  .if \nstore >= 1
        fstpt -0x10(%rsi)
  .endif
  .if \nstore >= 2
        fstpt -0x20(%rsi)
  .endif
  .if \nstore >= 3
        fstpt -0x30(%rsi)
  .endif
  .if \nstore >= 4
        fstpt -0x40(%rsi)
  .endif
        fnstsw -0x46(%rsi)
.endm
.macro X87 name, nload, nstore, insn:vararg
        FBEGIN \name, FAM_X87, 0, 0, FX_MEM | FX_X87
        X87_PROLOGUE \nload
        \insn
        X87_EPILOGUE \nstore
        FEND \name
.endm

        X87 fld_m32, 0, 1, flds X87_M32(%rsi)
        X87 fld_m64, 0, 1, fldl X87_M64(%rsi)
        X87 fld_m80, 0, 1, fldt X87_A(%rsi)
        X87 fld_st2, 3, 4, fld %st(2)
        X87 fild_m16, 0, 1, filds X87_M16I(%rsi)
        X87 fild_m32, 0, 1, fildl X87_M32I(%rsi)
        X87 fild_m64, 0, 1, fildll X87_M64I(%rsi)
        X87 fst_m32, 1, 1, fsts -0x58(%rsi)
        X87 fstp_m32, 2, 1, fstps -0x58(%rsi)
        X87 fst_m64, 1, 1, fstl -0x58(%rsi)
        X87 fstp_m64, 2, 1, fstpl -0x58(%rsi)
        X87 fstp_m80, 2, 1, fstpt -0x60(%rsi)
        X87 fst_st2, 3, 3, fst %st(2)
        X87 fstp_st1, 2, 1, fstp %st(1)
        X87 fist_m16, 1, 1, fists -0x58(%rsi)
        X87 fist_m32, 1, 1, fistl -0x58(%rsi)
        X87 fistp_m16, 2, 1, fistps -0x58(%rsi)
        X87 fistp_m32, 2, 1, fistpl -0x58(%rsi)
        X87 fistp_m64, 2, 1, fistpll -0x58(%rsi)
        X87 fisttp_m16, 2, 1, fisttps -0x58(%rsi)
        X87 fisttp_m32, 2, 1, fisttpl -0x58(%rsi)
        X87 fisttp_m64, 2, 1, fisttpll -0x58(%rsi)

.irp op, fadd, fsub, fsubr, fmul, fdiv, fdivr
        X87 \op\()_st0_st1, 2, 2, \op %st(1), %st
        X87 \op\()_st2_st0, 3, 3, \op %st, %st(2)
        X87 \op\()p_st1_st0, 2, 1, \op\()p %st, %st(1)
        X87 \op\()_m32, 1, 1, \op\()s X87_M32(%rsi)
        X87 \op\()_m64, 1, 1, \op\()l X87_M64(%rsi)
.endr
.irp op, fiadd, fisub, fisubr, fimul, fidiv, fidivr
        X87 \op\()_m16, 1, 1, \op\()s X87_M16I(%rsi)
        X87 \op\()_m32, 1, 1, \op\()l X87_M32I(%rsi)
.endr

        X87 fchs, 1, 1, fchs
        X87 fabs, 1, 1, fabs
        X87 fsqrt, 1, 1, fsqrt
        X87 frndint, 1, 1, frndint
        X87 fxtract, 1, 2, fxtract
        X87 fscale, 2, 2, fscale
        X87 fprem, 2, 2, fprem
        X87 fprem1, 2, 2, fprem1
        X87 f2xm1, 1, 1, f2xm1
        X87 fsin, 1, 1, fsin
        X87 fcos, 1, 1, fcos
        X87 fsincos, 1, 2, fsincos
        X87 fptan, 1, 2, fptan
        X87 fpatan, 2, 1, fpatan
        X87 fyl2x, 2, 1, fyl2x
        X87 fyl2xp1, 2, 1, fyl2xp1
        X87 ftst, 1, 1, ftst
        X87 fxam, 1, 1, fxam
        X87 fxam_empty, 0, 0, fxam
        X87 fxch_st2, 3, 3, fxch %st(2)
        X87 fxch, 2, 2, fxch
        X87 fdecstp, 2, 2, fdecstp
        X87 fincstp, 2, 2, fincstp
        X87 ffree_st1, 2, 2, ffree %st(1)
        X87 fnop, 1, 1, fnop
        X87 fld1, 0, 1, fld1
        X87 fldz, 0, 1, fldz
        X87 fldpi, 0, 1, fldpi
        X87 fldl2e, 0, 1, fldl2e
        X87 fldl2t, 0, 1, fldl2t
        X87 fldlg2, 0, 1, fldlg2
        X87 fldln2, 0, 1, fldln2
        X87 fld1_depth4, 3, 4, fld1
        FBEGIN fld_overflow, FAM_X87, 0, 0, FX_MEM | FX_X87
        X87_PROLOGUE 3
        fld1
        fldpi
        fldz
        fldl2e
        fld %st(4)
        fldln2                  /* the ninth push: stack overflow, st(0) = indefinite */
        X87_EPILOGUE 4
        FEND fld_overflow
        X87 fstp_underflow, 0, 1, fnop
        X87 fcom_st1, 2, 2, fcom %st(1)
        X87 fcomp_st1, 2, 1, fcomp %st(1)
        X87 fcompp, 2, 0, fcompp
        X87 fucom_st1, 2, 2, fucom %st(1)
        X87 fucomp_st1, 2, 1, fucomp %st(1)
        X87 fucompp, 2, 0, fucompp
        X87 fcom_m32, 1, 1, fcoms X87_M32(%rsi)
        X87 fcomp_m64, 1, 0, fcompl X87_M64(%rsi)
        X87 ficom_m16, 1, 1, ficoms X87_M16I(%rsi)
        X87 ficomp_m32, 1, 0, ficompl X87_M32I(%rsi)
        X87 fcomi_st1, 2, 2, fcomi %st(1), %st
        X87 fcomip_st1, 2, 1, fcomip %st(1), %st
        X87 fucomi_st1, 2, 2, fucomi %st(1), %st
        X87 fucomip_st2, 3, 2, fucomip %st(2), %st
.irp cc, b, e, be, u, nb, ne, nbe, nu
        X87 fcmov\cc, 2, 2, fcmov\cc %st(1), %st
.endr
        X87 fnstcw, 0, 0, fnstcw -0x58(%rsi)
        FBEGIN fnstsw_ax, FAM_X87, 0, 0, FX_MEM | FX_X87
        X87_PROLOGUE 2
        fucom %st(1)
        fnstsw %ax
        X87_EPILOGUE 2
        FEND fnstsw_ax
        FBEGIN fnclex, FAM_X87, 0, 0, FX_MEM | FX_X87
        X87_PROLOGUE 2
        fdiv %st(1), %st
        fnclex
        X87_EPILOGUE 2
        FEND fnclex
        FBEGIN fwait, FAM_X87, 0, 0, FX_MEM | FX_X87
        X87_PROLOGUE 2
        fmul %st(1), %st
        fwait
        X87_EPILOGUE 2
        FEND fwait
/*
 * fxsave: the last-instruction fields (FOP, FIP, FDP; AMD stores them only while an exception
 * is pending, Intel always) and MXCSR_MASK (0x2ffff on AMD, 0xffff on Intel) depend on the host
 * CPU, not on the instruction's semantics: they are cleared before the image is compared.
 */
.macro FXSAVE_SCRUB
        movw $0, -0x80+6(%rsi)
        movq $0, -0x80+8(%rsi)
        movq $0, -0x80+16(%rsi)
        movl $0, -0x80+28(%rsi)
.endm
        FBEGIN fxsave, FAM_X87, 0, 0, FX_MEM | FX_X87
        X87_PROLOGUE 3
        fxsave -0x80(%rsi)
        FXSAVE_SCRUB
        X87_EPILOGUE 3
        FEND fxsave
        FBEGIN fxsave_fxrstor, FAM_X87, 0, 0, FX_MEM | FX_X87
        X87_PROLOGUE 2
        fxsave -0x80(%rsi)
        FXSAVE_SCRUB
        fninit
        fxrstor -0x80(%rsi)
        X87_EPILOGUE 2
        FEND fxsave_fxrstor

/* ======================================================================== end of table */
        .section .data.rel.ro.oracle_table,"aw"
        .quad 0, 0, 0
        .long 0, 0, 0, 0

        .section .note.GNU-stack,"",@progbits
