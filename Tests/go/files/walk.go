package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

func times() {
	os.WriteFile("times.txt", []byte("t"), 0o644)
	mt := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	at := time.Date(2002, 3, 4, 5, 6, 7, 0, time.UTC)
	check("chtimes", os.Chtimes("times.txt", at, mt))
	st, _ := os.Stat("times.txt")
	fmt.Println("mtime after chtimes:", st.ModTime().UTC().Format(time.RFC3339))
	st0, _ := os.Stat(".")
	fmt.Println("dir mtime is recent:", time.Since(st0.ModTime()) < time.Hour)
}

func walk() {
	os.MkdirAll("tree/b/c", 0o755)
	os.MkdirAll("tree/a", 0o755)
	for _, p := range []string{"tree/z.txt", "tree/a/1", "tree/a/2", "tree/b/c/deep"} {
		os.WriteFile(p, []byte(p), 0o644)
	}
	os.Symlink("a", "tree/link-to-a")

	entries, err := os.ReadDir("tree")
	check("ReadDir", err)
	for _, e := range entries {
		fmt.Printf("ReadDir: %s dir=%v type=%v\n", e.Name(), e.IsDir(), e.Type())
	}
	filepath.WalkDir("tree", func(p string, d fs.DirEntry, err error) error {
		info, _ := d.Info()
		size := int64(-1)
		if info.Mode().IsRegular() {
			size = info.Size()
		}
		fmt.Printf("WalkDir: %s dir=%v size=%d\n", p, d.IsDir(), size)
		return err
	})
	var names []string
	fs.WalkDir(os.DirFS("tree"), ".", func(p string, d fs.DirEntry, err error) error {
		if d.Name() == "b" {
			return fs.SkipDir
		}
		names = append(names, p)
		return nil
	})
	fmt.Println("DirFS walk skipping b:", names)
	matches, _ := filepath.Glob("tree/a/*")
	fmt.Println("Glob:", matches)

	// Reading a big directory in several getdirentries calls.
	os.Mkdir("many", 0o755)
	for i := 0; i < 300; i++ {
		os.WriteFile(fmt.Sprintf("many/file-%03d-with-a-longer-name", i), nil, 0o644)
	}
	d, _ := os.Open("many")
	total := 0
	for {
		batch, err := d.ReadDir(7)
		total += len(batch)
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println("ReadDir batch:", err)
			break
		}
	}
	d.Close()
	fmt.Println("entries in many/:", total)
	check("RemoveAll tree", os.RemoveAll("tree"))
	check("RemoveAll many", os.RemoveAll("many"))
}

func errorKinds() {
	_, err := os.Open("does-not-exist")
	fmt.Println("open missing: ErrNotExist:", errors.Is(err, fs.ErrNotExist), "ENOENT:", errors.Is(err, syscall.ENOENT))
	err = os.Mkdir(".", 0o755)
	fmt.Println("mkdir existing: ErrExist:", errors.Is(err, fs.ErrExist))
	_, err = os.ReadFile(".")
	fmt.Println("read a directory: EISDIR:", errors.Is(err, syscall.EISDIR))
	// (Not checked: reading a regular file as a directory is ENOTDIR on Linux, EINVAL on FreeBSD.)
	_, err = os.ReadDir("target.txt/x")
	fmt.Println("path through a file: ENOTDIR:", errors.Is(err, syscall.ENOTDIR))
	err = os.Remove("does-not-exist")
	var pe *fs.PathError
	fmt.Println("remove missing: PathError op:", errors.As(err, &pe) && pe.Op == "remove")
	_, err = os.Readlink("target.txt")
	fmt.Println("readlink on a file: EINVAL:", errors.Is(err, syscall.EINVAL))
	err = os.Symlink("x", "target.txt")
	fmt.Println("symlink over a file: EEXIST:", errors.Is(err, syscall.EEXIST))
	var buf [10]byte
	_, err = syscall.Read(-1, buf[:])
	fmt.Println("read bad fd: EBADF:", err == syscall.EBADF)
	long := make([]byte, 300)
	for i := range long {
		long[i] = 'n'
	}
	_, err = os.Stat(string(long))
	fmt.Println("stat 300-char name: ENAMETOOLONG:", errors.Is(err, syscall.ENAMETOOLONG))
}
