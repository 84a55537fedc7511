/* crash_bus: touching a file mapping a whole page past end-of-file ends the process with SIGBUS
 * (FreeBSD's SIGBUS is 10, Linux's 7: the emulator must raise the host's SIGBUS). */
#include "rt.h"

int main(int argc, char **argv)
{
    if (rt_chdir(rt_scratch_dir(argc, argv)) < 0)
        return 2;
    int fd = rt_open("short", RT_O_CREAT | RT_O_RDWR | RT_O_TRUNC, 0600);
    rt_write(fd, "x", 1);
    volatile char *m = rt_mmap(0, 3 * 4096, RT_PROT_READ, RT_MAP_SHARED, fd, 0);
    rt_unlink("short");
    rt_printf("mapped 3 pages of a 1-byte file: %s\n", RT_MAP_FAILED(m) ? "failed" : "ok");
    rt_printf("first byte %c\n", m[0]);
    rt_printf("reading page 2\n");
    rt_printf("still alive %d\n", m[2 * 4096]);
    return 0;
}
