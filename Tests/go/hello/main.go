// hello: the smallest Go guest. Start-up (runtime init, threads for the GC and sysmon), writing
// to stdout, arguments and the environment.
package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	fmt.Println("hello, world")
	fmt.Println("args:", len(os.Args)-1)
	for i, a := range os.Args[1:] {
		fmt.Printf("arg %d: %q\n", i+1, a)
	}
	fmt.Printf("GO_TEST_VAR=%q\n", os.Getenv("GO_TEST_VAR"))
	_, home := os.LookupEnv("HOME")
	fmt.Println("HOME set:", home)
	_, missing := os.LookupEnv("GO_TEST_MISSING")
	fmt.Println("GO_TEST_MISSING set:", missing)
	fmt.Fprintln(os.Stdout, strings.Repeat("=", 20))
	os.Stdout.WriteString("bye\n")
}
