// Process-credential and descriptor calls that glibc declares only under _GNU_SOURCE (so Swift's
// Glibc module lacks them), and a disposition query without function-pointer comparisons.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include "CHost.h"

int host_setresuid(unsigned r, unsigned e, unsigned s) { return setresuid(r, e, s); }
int host_setresgid(unsigned r, unsigned e, unsigned s) { return setresgid(r, e, s); }
int host_getresuid(unsigned *r, unsigned *e, unsigned *s) { return getresuid(r, e, s); }
int host_getresgid(unsigned *r, unsigned *e, unsigned *s) { return getresgid(r, e, s); }
int host_pipe2(int fds[2], int flags) { return pipe2(fds, flags); }

int host_signal_is_ignored(int sig) {
    struct sigaction old;
    if (sigaction(sig, 0, &old) != 0) return 0;
    return !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN;
}
