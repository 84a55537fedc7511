// signals: os/signal with signals the program sends itself — Notify, Stop, Ignore, Reset,
// repeated delivery, several signals at once, and EPIPE from a write to a pipe nobody reads.
// Signal numbers differ between FreeBSD and Linux, so signals are printed by name.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

var names = map[os.Signal]string{
	syscall.SIGUSR1: "SIGUSR1", syscall.SIGUSR2: "SIGUSR2", syscall.SIGHUP: "SIGHUP",
	syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM", syscall.SIGWINCH: "SIGWINCH",
	syscall.SIGPIPE: "SIGPIPE", syscall.SIGALRM: "SIGALRM",
}

func send(s syscall.Signal) {
	if err := syscall.Kill(syscall.Getpid(), s); err != nil {
		fmt.Println("kill failed:", err)
	}
}

// wait receives one signal from c, or reports a timeout.
func wait(c chan os.Signal) string {
	select {
	case s := <-c:
		return names[s]
	case <-time.After(10 * time.Second):
		return "timeout"
	}
}

// quiet reports whether nothing arrives on c for a short while.
func quiet(c chan os.Signal) bool {
	select {
	case s := <-c:
		fmt.Println("  unexpected", names[s])
		return false
	case <-time.After(100 * time.Millisecond):
		return true
	}
}

func main() {
	runtime.GOMAXPROCS(2)
	c := make(chan os.Signal, 8)
	signal.Notify(c, syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM)

	for _, s := range []syscall.Signal{syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM} {
		send(s)
		fmt.Println("got", wait(c))
	}

	// One at a time, many times: each delivery must reach the handler.
	n := 0
	for i := 0; i < 100; i++ {
		send(syscall.SIGUSR1)
		if wait(c) == "SIGUSR1" {
			n++
		}
	}
	fmt.Println("SIGUSR1 delivered 100 times:", n == 100)

	// os.Process.Signal goes the same way.
	self, _ := os.FindProcess(os.Getpid())
	self.Signal(syscall.SIGUSR2)
	fmt.Println("via os.Process:", wait(c))

	// Blocked until read: two different pending signals both arrive.
	send(syscall.SIGUSR1)
	send(syscall.SIGHUP)
	a, b := wait(c), wait(c)
	fmt.Println("two pending arrived:", (a == "SIGUSR1" && b == "SIGHUP") || (a == "SIGHUP" && b == "SIGUSR1"))

	// A second channel for one signal; Stop detaches a channel.
	c2 := make(chan os.Signal, 1)
	signal.Notify(c2, syscall.SIGWINCH)
	send(syscall.SIGWINCH)
	fmt.Println("second channel got", wait(c2))
	signal.Stop(c2)
	send(syscall.SIGWINCH) // default action for SIGWINCH: ignore
	fmt.Println("after Stop, SIGWINCH ignored:", quiet(c2))

	// Ignore: SIGHUP would otherwise kill the process.
	signal.Ignore(syscall.SIGHUP)
	send(syscall.SIGHUP)
	fmt.Println("ignored SIGHUP, still running, nothing on channel:", quiet(c))
	fmt.Println("SIGHUP ignored:", signal.Ignored(syscall.SIGHUP))
	signal.Reset(syscall.SIGHUP)
	signal.Notify(c, syscall.SIGHUP)
	send(syscall.SIGHUP)
	fmt.Println("notify again:", wait(c))

	// A signal sent from another goroutine (another thread, likely).
	go send(syscall.SIGTERM)
	fmt.Println("from a goroutine:", wait(c))

	// SIGALRM from setitimer-free code: a timer goroutine sending it.
	signal.Notify(c, syscall.SIGALRM)
	time.AfterFunc(10*time.Millisecond, func() { send(syscall.SIGALRM) })
	fmt.Println("from a timer:", wait(c))

	// Writing to a pipe whose read end is closed fails with EPIPE; Go ignores SIGPIPE for
	// descriptors other than stdout and stderr.
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Println("pipe:", err)
		os.Exit(1)
	}
	r.Close()
	_, err = w.Write([]byte("x"))
	fmt.Println("write to broken pipe is EPIPE:", errors.Is(err, syscall.EPIPE))
	w.Close()

	signal.Stop(c)
	fmt.Println("done")
}
