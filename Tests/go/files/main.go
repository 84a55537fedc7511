// files: file-system work through the os, io/fs and path/filepath packages — temporary
// directories, create/read/write, rename, hard and symbolic links, chmod, truncate, seek,
// ReadAt/WriteAt, O_APPEND, times, directory listing and walks, and errors by kind.
package main

import (
	"fmt"
	"os"
	"syscall"
)

func check(what string, err error) {
	if err != nil {
		fmt.Printf("%s: %v\n", what, err)
	}
}

func main() {
	syscall.Umask(0o022)
	base, err := os.MkdirTemp("", "files-test-")
	if err != nil {
		fmt.Println("MkdirTemp:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(base)
	fmt.Println("temp dir exists:", isDir(base))
	check("chdir", os.Chdir(base))

	basics()
	renames()
	links()
	modes()
	sizes()
	seeking()
	times()
	walk()
	errorKinds()

	check("chdir back", os.Chdir("/"))
	check("RemoveAll", os.RemoveAll(base))
	_, err = os.Stat(base)
	fmt.Println("temp dir removed:", os.IsNotExist(err))
	fmt.Println("done")
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
