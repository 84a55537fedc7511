// crash: an unrecovered nil dereference. Go prints its panic report to stderr —
// "panic: runtime error: invalid memory address or nil pointer dereference", the
// "[signal SIGSEGV: segmentation violation code=... addr=0x0 pc=...]" line and the stack of the
// faulting goroutine — and exits with status 2.
package main

import (
	"fmt"
	"os"
)

type record struct {
	name  string
	count int
}

//go:noinline
func bump(r *record) {
	r.count++
}

//go:noinline
func process(rs []*record) {
	for _, r := range rs {
		bump(r)
	}
}

func main() {
	fmt.Println("before the crash")
	os.Stdout.Sync()
	process([]*record{{name: "a"}, nil})
	fmt.Println("not reached")
}
