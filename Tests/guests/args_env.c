/* args_env: argv, envp, the auxiliary vector and the initial stack the kernel built. */
#include "rt.h"

extern char _start[];

struct phdr { uint32_t type, flags; uint64_t offset, vaddr, paddr, filesz, memsz, align; };

int main(int argc, char **argv, char **envp)
{
    rt_printf("argc = %d\n", argc);
    /* argv[0] is whatever the runner typed (./name); argv[1] is the scratch dir, not printed */
    rt_printf("argv[0] basename = %s\n", rt_basename(argv[0]));
    for (int i = 2; i < argc; i++)
        rt_printf("argv[%d] = \"%s\" (len %u)\n", i, argv[i], (unsigned)strlen(argv[i]));
    rt_printf("argv[argc] is NULL: %s\n", argv[argc] == 0 ? "yes" : "no");

    int envc = 0;
    for (char **e = envp; *e; e++, envc++)
        rt_printf("env: %s\n", *e);
    rt_printf("envc = %d\n", envc);
    rt_printf("envp follows argv: %s\n", envp == argv + argc + 1 ? "yes" : "no");

    /* The strings sit back to back: argv[0] .. argv[argc-1] then envp[0] .. */
    int contiguous = 1;
    for (int i = 0; i + 1 < argc; i++)
        if (argv[i] + strlen(argv[i]) + 1 != argv[i + 1])
            contiguous = 0;
    if (envc && argc && argv[argc - 1] + strlen(argv[argc - 1]) + 1 != envp[0])
        contiguous = 0;
    rt_printf("argument strings contiguous: %s\n", contiguous ? "yes" : "no");

    /* auxv: types 3..9 have the same meaning on both systems */
    uint64_t pagesz = 0, entry = 0, phdr = 0, phent = 0, phnum = 0, base = 1;
    rt_printf("AT_PAGESZ: %s, %lu\n", rt_res(rt_getauxval(6, &pagesz)), (unsigned long)pagesz);
    rt_printf("AT_ENTRY is _start: %s\n",
              rt_getauxval(9, &entry) == 0 && entry == (uint64_t)_start ? "yes" : "no");
    rt_printf("AT_PHENT: %s, %lu\n", rt_res(rt_getauxval(4, &phent)), (unsigned long)phent);
    rt_getauxval(3, &phdr);
    rt_getauxval(5, &phnum);
    rt_printf("AT_PHNUM > 0: %s\n", phnum > 0 ? "yes" : "no");
    int covers = 0;
    const struct phdr *ph = (const struct phdr *)phdr;
    for (uint64_t i = 0; ph && i < phnum; i++)
        if (ph[i].type == 1 /* PT_LOAD */ && (ph[i].flags & 1) && entry >= ph[i].vaddr &&
            entry < ph[i].vaddr + ph[i].memsz)
            covers = 1;
    rt_printf("AT_PHDR has an executable PT_LOAD covering the entry: %s\n", covers ? "yes" : "no");
    rt_printf("AT_BASE is 0 (static): %s\n", rt_getauxval(7, &base) != 0 || base == 0 ? "yes" : "no");
    uint64_t dummy;
    rt_printf("unknown aux type 999: %s\n", rt_res(rt_getauxval(999, &dummy)));

    /* Entry registers: FreeBSD passes &argc in %rdi with %rsp = 8 mod 16 at or just below argc;
     * Linux has %rsp = &argc, 16-byte aligned. */
    uint64_t sp = rt_entry_sp, ac = (uint64_t)rt_entry_argc;
    int ok = rt_is_freebsd ? (sp & 15) == 8 && (ac == sp || ac == sp + 8) : (sp & 15) == 0 && ac == sp;
    rt_printf("entry stack pointer follows the OS convention: %s\n", ok ? "yes" : "no");
    rt_printf("argc slot holds argc: %s\n", *rt_entry_argc == argc ? "yes" : "no");
    return 0;
}
