package main

import (
	"fmt"
	"os"
	"syscall"
)

func links() {
	os.WriteFile("target.txt", []byte("target data"), 0o644)
	check("symlink", os.Symlink("target.txt", "sym"))
	dest, err := os.Readlink("sym")
	fmt.Println("readlink:", dest, err)
	lst, _ := os.Lstat("sym")
	st, _ := os.Stat("sym")
	fmt.Println("lstat is symlink:", lst.Mode()&os.ModeSymlink != 0, "stat is regular:", st.Mode().IsRegular())
	b, _ := os.ReadFile("sym")
	fmt.Printf("read through symlink: %q\n", b)

	check("dangling symlink", os.Symlink("nowhere", "dangling"))
	_, err = os.Stat("dangling")
	fmt.Println("stat dangling: not exist:", os.IsNotExist(err))

	check("hard link", os.Link("target.txt", "hard"))
	var s1, s2 syscall.Stat_t
	syscall.Stat("target.txt", &s1)
	syscall.Stat("hard", &s2)
	fmt.Println("hard link: same inode:", s1.Ino == s2.Ino, "nlink:", s1.Nlink)
	st1, _ := os.Stat("target.txt")
	st2, _ := os.Stat("hard")
	fmt.Println("os.SameFile:", os.SameFile(st1, st2))
	os.Remove("hard")
	syscall.Stat("target.txt", &s1)
	fmt.Println("after unlink, nlink:", s1.Nlink)
}

func modes() {
	os.WriteFile("mode.txt", []byte("m"), 0o666)
	st, _ := os.Stat("mode.txt")
	fmt.Println("created 0666 under umask 022:", st.Mode().Perm())
	for _, m := range []os.FileMode{0o600, 0o755, 0o400, 0o000} {
		check("chmod", os.Chmod("mode.txt", m))
		st, _ = os.Stat("mode.txt")
		fmt.Println("chmod", m, "->", st.Mode().Perm())
	}
	os.Chmod("mode.txt", 0o644)
	f, _ := os.Open("mode.txt")
	check("fchmod", f.Chmod(0o640))
	fst, _ := f.Stat()
	fmt.Println("fchmod ->", fst.Mode().Perm())
	f.Close()
	os.Mkdir("sticky", 0o755)
	check("chmod sticky", os.Chmod("sticky", 0o777|os.ModeSticky))
	st, _ = os.Stat("sticky")
	fmt.Println("dir mode:", st.Mode())
}
