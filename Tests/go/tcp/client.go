package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"syscall"
	"time"
)

func dial(addr, mode string) (net.Conn, *bufio.Reader) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		fmt.Println("dial:", err)
		os.Exit(1)
	}
	io.WriteString(c, mode+"\n")
	return c, bufio.NewReader(c)
}

func echo(addr string) {
	c, r := dial(addr, "ECHO")
	defer c.Close()
	for _, s := range []string{"hello", "freebsd on linux", "third line"} {
		io.WriteString(c, s+"\n")
		line, err := r.ReadString('\n')
		fmt.Printf("echo %q -> %q %v\n", s, line, err)
	}
	io.WriteString(c, "QUIT\n")
	_, err := r.ReadByte()
	fmt.Println("after QUIT, server closed:", err == io.EOF)
	la, ra := c.LocalAddr().(*net.TCPAddr), c.RemoteAddr().(*net.TCPAddr)
	fmt.Println("addresses are loopback:", la.IP.IsLoopback() && ra.IP.IsLoopback())
}

func concurrent(addr string) {
	var wg sync.WaitGroup
	ok := make([]bool, 16)
	for i := range ok {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, r := dial(addr, "ECHO")
			defer c.Close()
			good := true
			for j := 0; j < 20; j++ {
				fmt.Fprintf(c, "client %d line %d\n", i, j)
				line, err := r.ReadString('\n')
				if err != nil || line != fmt.Sprintf("CLIENT %d LINE %d\n", i, j) {
					good = false
				}
			}
			ok[i] = good
		}(i)
	}
	wg.Wait()
	all := true
	for _, g := range ok {
		all = all && g
	}
	fmt.Println("16 concurrent clients x 20 lines ok:", all)
}

func bulk(addr string) {
	const size = 2 << 20
	// Upload: write 2 MiB, half-close, read the server's checksum.
	c, r := dial(addr, "SINK")
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(c, h), io.LimitReader(&pattern{}, size))
	c.(*net.TCPConn).CloseWrite()
	answer, _ := r.ReadString('\n')
	c.Close()
	want := fmt.Sprintf("%d %s\n", n, hex.EncodeToString(h.Sum(nil)))
	fmt.Println("upload", n, "bytes", err, "checksum matches:", answer == want)

	// Download: read 2 MiB until EOF.
	c, r = dial(addr, "SOURCE 2097152")
	h2 := sha256.New()
	m, err := io.Copy(h2, r)
	c.Close()
	h3 := sha256.New()
	io.Copy(h3, io.LimitReader(&pattern{}, size))
	fmt.Println("download", m, "bytes", err, "checksum matches:", string(h2.Sum(nil)) == string(h3.Sum(nil)))
}

func deadlines(addr string) {
	c, r := dial(addr, "SLOW")
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	start := time.Now()
	_, err := r.ReadByte()
	var ne net.Error
	fmt.Println("read deadline: timeout:", errors.As(err, &ne) && ne.Timeout(),
		"ErrDeadlineExceeded:", errors.Is(err, os.ErrDeadlineExceeded),
		"waited >= 50ms:", time.Since(start) >= 50*time.Millisecond)
}

func errorsAfterClose(ln net.Listener, addr string) {
	ln.Close()
	time.Sleep(10 * time.Millisecond)
	_, err := net.Dial("tcp", addr)
	fmt.Println("dial closed port: ECONNREFUSED:", errors.Is(err, syscall.ECONNREFUSED))
	_, err = ln.Accept()
	fmt.Println("accept on closed listener: ErrClosed:", errors.Is(err, net.ErrClosed))
}
