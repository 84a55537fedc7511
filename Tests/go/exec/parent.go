package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

var self string

func cmd(args ...string) *exec.Cmd {
	return exec.Command(self, append([]string{"child"}, args...)...)
}

func show(name string, out []byte, err error) {
	fmt.Printf("%s: %q err=%v\n", name, out, err)
}

func parent() {
	self = os.Args[0]
	exe, err := os.Executable()
	a, _ := filepath.EvalSymlinks(self)
	b, _ := filepath.EvalSymlinks(exe)
	fmt.Println("os.Executable is argv[0]:", err == nil && a == b && a != "")

	out, err := cmd("args", "one", "two words", "", "x=y", "ünï").Output()
	show("args", out, err)

	c := cmd("env")
	c.Env = []string{"EXEC_B=2", "EXEC_A=1", "EXEC_EMPTY=", "PATH=/usr/bin:/bin"}
	out, err = c.Output()
	show("explicit env", out, err)
	os.Setenv("EXEC_INHERITED", "yes")
	out, err = cmd("env").Output()
	show("inherited env", out, err)

	dir, _ := os.MkdirTemp("", "exec-cwd")
	defer os.RemoveAll(dir)
	c = cmd("pwd", dir)
	c.Dir = dir
	out, err = c.Output()
	show("dir", out, err)

	c = cmd("upper")
	c.Stdin = strings.NewReader("alpha\nbeta\ngamma\n")
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	err = c.Run()
	fmt.Printf("stdin/stdout/stderr: %q %q err=%v\n", stdout.String(), stderr.String(), err)

	pipes()

	for _, code := range []string{"0", "1", "3", "255"} {
		err := cmd("exit", code).Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			fmt.Println("exit", code, "-> ExitCode", ee.ExitCode())
		} else {
			fmt.Println("exit", code, "-> err", err)
		}
	}

	err = cmd("kill-self").Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		ws := ee.Sys().(syscall.WaitStatus)
		fmt.Println("kill-self: signaled:", ws.Signaled(), "SIGTERM:", ws.Signal() == syscall.SIGTERM, "ExitCode:", ee.ExitCode())
	} else {
		fmt.Println("kill-self: err", err)
	}

	extraFiles(dir)

	var wg sync.WaitGroup
	results := make([]string, 6)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			out, err := cmd("args", fmt.Sprint("child-", i)).Output()
			results[i] = fmt.Sprintf("%q %v", out, err)
		}(i)
	}
	wg.Wait()
	for i, r := range results {
		fmt.Println("concurrent", i, r)
	}

	_, err = exec.LookPath("no-such-program-anywhere")
	fmt.Println("LookPath missing: ErrNotFound:", errors.Is(err, exec.ErrNotFound))
	err = exec.Command(filepath.Join(dir, "missing")).Run()
	fmt.Println("run missing file: ErrNotExist:", errors.Is(err, os.ErrNotExist))
	notExec := filepath.Join(dir, "plain.txt")
	os.WriteFile(notExec, []byte("not a program\n"), 0o644)
	err = exec.Command(notExec).Run()
	fmt.Println("run non-executable: ErrPermission:", errors.Is(err, os.ErrPermission))
	fmt.Println("done")
}

// pipes streams through StdinPipe/StdoutPipe while the child runs.
func pipes() {
	c := cmd("cat")
	in, _ := c.StdinPipe()
	outp, _ := c.StdoutPipe()
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		fmt.Println("pipes start:", err)
		return
	}
	sc := bufio.NewReader(outp)
	good := true
	for i := 0; i < 50; i++ {
		fmt.Fprintf(in, "line %d\n", i)
		got, err := sc.ReadString('\n')
		if err != nil || got != fmt.Sprintf("line %d\n", i) {
			good = false
		}
	}
	// A megabyte in one go, read concurrently.
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16)
	go func() { in.Write(big); in.Close() }()
	rest, err := io.ReadAll(sc)
	werr := c.Wait()
	fmt.Println("pipes: 50 round trips ok:", good, "1 MiB back:", bytes.Equal(rest, big), err,
		"child counted:", strings.TrimSpace(stderr.String()), "wait:", werr)
}

// extraFiles passes a pipe as descriptor 3 and checks that a close-on-exec file stays behind.
func extraFiles(dir string) {
	secret := filepath.Join(dir, "secret")
	os.WriteFile(secret, []byte("s"), 0o600)
	f, _ := os.Open(secret) // O_CLOEXEC, as every descriptor Go opens
	r, w, _ := os.Pipe()
	c := cmd("fds", secret, fmt.Sprint(f.Fd()))
	c.ExtraFiles = []*os.File{w}
	out, err := c.Output()
	w.Close()
	got, _ := io.ReadAll(r)
	r.Close()
	f.Close()
	show("fds", out, err)
	fmt.Printf("parent read from the child's fd 3: %q\n", got)
}
