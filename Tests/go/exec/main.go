// exec: os/exec starting this same program again as a child (fork/exec of a FreeBSD binary
// from inside the emulator) in a child mode picked by the first argument: arguments,
// environment, working directory, stdin/stdout/stderr pipes, exit status, death by signal,
// several children at once, and lookup errors.
package main

import (
	"os"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		child(os.Args[2:])
		return
	}
	parent()
}
