/* dirs: getcwd, chdir/fchdir, mkdir/mkdirat, rmdir, directory listing with getdirentries
 * (FreeBSD) / getdents64 (Linux) through a small buffer, rewinding, and the errors. */
#include "rt.h"

#define CHECK(what, expr) rt_printf("%-40s %s\n", what, rt_res(expr))

static char cwd[4096];

static const char *cwd_base(void)
{
    int r = rt_getcwd(cwd, sizeof cwd);
    return r < 0 ? rt_errname(r) : rt_basename(cwd);
}

static char type_char(int t)
{
    switch (t) {
    case RT_DT_REG: return 'f';
    case RT_DT_DIR: return 'd';
    case RT_DT_LNK: return 'l';
    case RT_DT_FIFO: return 'p';
    case RT_DT_UNKNOWN: return '?';
    }
    return 'o';
}

static void file_name(char name[64], int i)
{
    int k = rt_snprintf(name, 64, "file%02d_", i);
    for (int j = 0; j < i; j++)
        name[k++] = (char)('a' + j % 26);
    name[k] = 0;
}

static char names[64][64];
static const char *sorted[64];

/* Read the whole directory with a deliberately small buffer; returns the entry count. */
static int list_dir(int fd, size_t bufsize, int show)
{
    static char buf[8192];
    char types[64];
    uint64_t inos[64];
    int n = 0, calls = 0;
    long len;
    while ((len = rt_getdents(fd, buf, bufsize)) > 0) {
        calls++;
        long pos = 0;
        struct rt_dirent d;
        while (rt_dirent_next(buf, len, &pos, &d) && n < 64) {
            memcpy(names[n], d.name, (size_t)d.namlen + 1);
            types[n] = type_char(d.type);
            inos[n] = d.ino;
            if ((size_t)d.namlen != strlen(d.name))
                rt_printf("namlen mismatch for %s\n", d.name);
            n++;
        }
    }
    if (len < 0)
        rt_printf("getdents failed: %s\n", rt_errname(len));
    if (!show)
        return n;
    rt_printf("entries %d, more than one call: %s\n", n, calls > 1 ? "yes" : "no");
    for (int i = 0; i < n; i++)
        sorted[i] = names[i];
    rt_sort_strings(sorted, n);
    for (int i = 0; i < n; i++) {
        int k = (int)((char (*)[64])sorted[i] - names);
        struct rt_stat st;
        int same = rt_lstat(sorted[i], &st) == 0 && st.ino == inos[k];
        rt_printf("  %c %-42s ino matches lstat: %s\n", types[k], sorted[i], same ? "yes" : "no");
    }
    return n;
}

int main(int argc, char **argv)
{
    const char *dir = rt_scratch_dir(argc, argv);
    rt_umask(022);
    CHECK("chdir(scratch)", rt_chdir(dir));
    rt_getcwd(cwd, sizeof cwd);
    rt_printf("getcwd equals the scratch path: %s\n", strcmp(cwd, dir) == 0 ? "yes" : "no");
    rt_printf("getcwd into 2 bytes %s\n", rt_getcwd(cwd, 2) < 0 ? "fails" : "succeeds");
    CHECK("getcwd with a bad pointer", rt_getcwd((char *)8, 100));

    CHECK("mkdir(d1, 0755)", rt_mkdir("d1", 0755));
    CHECK("mkdir(d1) again", rt_mkdir("d1", 0755));
    CHECK("mkdir(missing/x)", rt_mkdir("missing/x", 0755));
    CHECK("mkdir(\"\")", rt_mkdir("", 0755));
    int top = rt_open(".", RT_O_RDONLY | RT_O_DIRECTORY, 0);
    CHECK("mkdirat(top, d2, 0700)", rt_mkdirat(top, "d2", 0700));
    CHECK("mkdir(d1/sub, 0777) under umask 022", rt_mkdir("d1/sub", 0777));
    struct rt_stat st;
    rt_stat("d1", &st);
    rt_printf("d1: dir %d mode %04o nlink %lu\n", (st.mode & RT_S_IFMT) == RT_S_IFDIR, st.mode & 07777,
              (unsigned long)st.nlink);
    rt_stat("d1/sub", &st);
    rt_printf("d1/sub: mode %04o\n", st.mode & 07777);

    CHECK("chdir(d1)", rt_chdir("d1"));
    rt_printf("cwd basename %s\n", cwd_base());
    CHECK("chdir(sub)", rt_chdir("sub"));
    rt_printf("cwd basename %s\n", cwd_base());
    CHECK("chdir(../..)", rt_chdir("../.."));
    rt_printf("back at the scratch dir: %s\n", rt_getcwd(cwd, sizeof cwd) == 0 && strcmp(cwd, dir) == 0 ? "yes" : "no");
    int d2 = rt_open("d2", RT_O_RDONLY | RT_O_DIRECTORY, 0);
    CHECK("fchdir(d2)", rt_fchdir(d2));
    rt_printf("cwd basename %s\n", cwd_base());
    CHECK("fchdir(top)", rt_fchdir(top));
    rt_printf("cwd is the scratch dir: %s\n", rt_getcwd(cwd, sizeof cwd) == 0 && strcmp(cwd, dir) == 0 ? "yes" : "no");
    CHECK("chdir(missing)", rt_chdir("missing"));
    int f = rt_open("plain", RT_O_CREAT | RT_O_WRONLY, 0644);
    CHECK("chdir(plain file)", rt_chdir("plain"));
    CHECK("fchdir(plain file fd)", rt_fchdir(f));
    CHECK("fchdir(bad fd)", rt_fchdir(99));
    rt_close(f);
    rt_close(d2);

    /* populate: names of many lengths so records straddle buffer boundaries */
    for (int i = 1; i <= 30; i++) {
        char name[64];
        file_name(name, i);
        f = rt_open(name, RT_O_CREAT | RT_O_WRONLY, 0600);
        if (f < 0)
            rt_printf("create %s: %s\n", name, rt_errname(f));
        rt_close(f);
    }
    rt_symlink("plain", "link_to_plain");
    /* 512 bytes (DIRBLKSIZ): small enough to need several calls, large enough for UFS */
    rt_printf("-- listing through a 512-byte buffer\n");
    int n1 = list_dir(top, 512, 1);
    CHECK("lseek(dir, 0, SET)", rt_lseek(top, 0, RT_SEEK_SET));
    int n2 = list_dir(top, 4096, 0);
    rt_printf("rewound listing has the same count: %s\n", n1 == n2 ? "yes" : "no");
    rt_printf("listing at the end returns 0: %ld\n", rt_getdents(top, cwd, sizeof cwd));
    f = rt_open("plain", RT_O_RDONLY, 0);
    rt_printf("getdents on a regular file %s\n", rt_getdents(f, cwd, sizeof cwd) < 0 ? "fails" : "succeeds");
    rt_close(f);
    CHECK("getdents on a bad fd", rt_getdents(99, cwd, sizeof cwd));
    int sub = rt_open("d1", RT_O_RDONLY | RT_O_DIRECTORY, 0);
    rt_printf("-- listing d1\n");
    CHECK("fchdir(d1)", rt_fchdir(sub));
    list_dir(sub, 1024, 1);
    rt_fchdir(top);
    rt_close(sub);

    CHECK("rmdir(d1) while not empty", rt_rmdir("d1"));
    CHECK("rmdir(plain file)", rt_rmdir("plain"));
    CHECK("rmdir(missing)", rt_rmdir("missing"));
    CHECK("rmdir(.)", rt_rmdir("."));
    CHECK("rename(d2, d3)", rt_rename("d2", "d3"));
    rt_printf("rename(d3, d1) onto a non-empty dir %s\n", rt_rename("d3", "d1") < 0 ? "fails" : "succeeds");
    CHECK("renameat(top, d3, top, d1/sub2)", rt_renameat(top, "d3", top, "d1/sub2"));
    CHECK("rmdir(d1/sub2)", rt_rmdir("d1/sub2"));
    CHECK("rmdir(d1/sub)", rt_rmdir("d1/sub"));
    CHECK("rmdir(d1)", rt_rmdir("d1"));

    int bad = 0;
    for (int i = 1; i <= 30; i++) {
        char name[64];
        file_name(name, i);
        bad += rt_unlink(name) < 0;
    }
    bad += rt_unlink("plain") < 0;
    bad += rt_unlink("link_to_plain") < 0;
    rt_printf("cleanup failures: %d\n", bad);
    rt_printf("left behind: %d entries\n", (rt_lseek(top, 0, RT_SEEK_SET), list_dir(top, 4096, 0)));
    rt_close(top);
    return 0;
}
