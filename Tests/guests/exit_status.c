/* exit_status: a normal exit with a non-zero status; output written before exit is kept. */
#include "rt.h"

int main(void)
{
    rt_printf("exiting with status 3\n");
    rt_exit(3);
}
