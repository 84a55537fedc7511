// tcp: a TCP server and clients over 127.0.0.1 through the runtime's network poller (kqueue on
// FreeBSD, epoll on Linux): line echo, many concurrent clients, a 2 MiB transfer each way with a
// checksum, half-close, read deadlines, and errors (connection refused, use of closed conn).
package main

import (
	"fmt"
	"net"
	"os"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(2)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	addr := ln.Addr().String()
	fmt.Println("listening on 127.0.0.1:", ln.Addr().(*net.TCPAddr).Port > 0)
	go serve(ln)

	echo(addr)
	concurrent(addr)
	bulk(addr)
	deadlines(addr)
	errorsAfterClose(ln, addr)
	fmt.Println("done")
}
