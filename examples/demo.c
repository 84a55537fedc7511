/* The bundled example `make demo` runs: a small FreeBSD program that shows its arguments,
 * asks the kernel who it is (sysctl), and computes something (primes, a Mandelbrot set). */
#include "rt.h"

static void sieve(int n) {
    static unsigned char composite[10001];
    int count = 0, last = 0;
    for (int i = 2; i <= n; i++) {
        if (composite[i]) continue;
        count++;
        last = i;
        for (int j = i * 2; j <= n; j += i) composite[j] = 1;
    }
    rt_printf("primes up to %d: %d (largest %d)\n", n, count, last);
}

static void mandelbrot(void) {
    const char *shades = " .:-=+*#%@";
    for (int y = -8; y <= 8; y++) {
        char line[64];
        int n = 0;
        for (int x = -40; x < 16; x++) {
            double cr = x / 20.0, ci = y / 8.0, zr = 0, zi = 0;
            int i = 0;
            while (i < 50 && zr * zr + zi * zi < 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                i++;
            }
            line[n++] = shades[i * 9 / 50];
        }
        line[n] = 0;
        rt_printf("%s\n", line);
    }
}

int main(int argc, char **argv, char **envp) {
    (void)envp;
    rt_printf("hello from a FreeBSD/amd64 program\n");
    for (int i = 1; i < argc; i++) rt_printf("argument %d: %s\n", i, argv[i]);
    char ostype[32];
    size_t len = sizeof ostype;
    if (rt_sysctlbyname("kern.ostype", ostype, &len, 0, 0) == 0) rt_printf("kern.ostype: %s\n", ostype);
    sieve(10000);
    mandelbrot();
    return 0;
}
