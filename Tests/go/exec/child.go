package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
)

// child runs one child mode: child MODE ARGS...
func child(args []string) {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "child: no mode")
		os.Exit(100)
	}
	switch args[0] {
	case "args":
		for i, a := range args[1:] {
			fmt.Printf("child arg %d: %q\n", i+1, a)
		}
	case "env":
		var keep []string
		for _, kv := range os.Environ() {
			if strings.HasPrefix(kv, "EXEC_") {
				keep = append(keep, kv)
			}
		}
		sort.Strings(keep)
		fmt.Printf("child env: %q\n", keep)
	case "pwd":
		wd, _ := os.Getwd()
		wd, _ = filepath.EvalSymlinks(wd)
		want, _ := filepath.EvalSymlinks(args[1])
		fmt.Println("child cwd is the requested dir:", wd == want)
	case "upper":
		// Read stdin line by line, answer each on stdout, count on stderr.
		sc := bufio.NewScanner(os.Stdin)
		n := 0
		for sc.Scan() {
			fmt.Println(strings.ToUpper(sc.Text()))
			n++
		}
		fmt.Fprintf(os.Stderr, "child read %d lines\n", n)
	case "cat":
		n, _ := io.Copy(os.Stdout, os.Stdin)
		fmt.Fprintf(os.Stderr, "%d\n", n)
	case "exit":
		code, _ := strconv.Atoi(args[1])
		fmt.Println("child exiting with", code)
		os.Exit(code)
	case "kill-self":
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		select {}
	case "fds":
		// fd 3 is the ExtraFiles pipe; args[1] names a file the parent holds open close-on-exec
		// at descriptor args[2], which must not be the same file here.
		extra := os.NewFile(3, "extra")
		_, err := extra.WriteString("written to fd 3\n")
		fmt.Println("child wrote to ExtraFiles fd 3:", err == nil)
		extra.Close()
		fd, _ := strconv.Atoi(args[2])
		var st, want syscall.Stat_t
		syscall.Stat(args[1], &want)
		leaked := syscall.Fstat(fd, &st) == nil && st.Ino == want.Ino && st.Dev == want.Dev
		fmt.Println("child sees the parent's close-on-exec file:", leaked)
	default:
		fmt.Fprintln(os.Stderr, "child: unknown mode", args[0])
		os.Exit(100)
	}
}
