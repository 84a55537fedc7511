// netpoll: Go's network poller (kqueue on FreeBSD) under load: 20 concurrent TCP echo clients
// over loopback, read deadlines (netpoller timers), a refused connection, UDP and a Unix
// socket. The output must match the same program built for Linux.
package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"time"
)

func main() {
	fmt.Println("hello from go")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			c, err := ln.Accept()
			if err != nil {
				fmt.Println("accept:", err)
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err == io.EOF {
						return
					}
					if err != nil {
						fmt.Println("read:", err)
						return
					}
					c.Write([]byte("echo " + line))
				}
			}(c)
		}
	}()
	var cw sync.WaitGroup
	results := make([]string, 20)
	for i := 0; i < 20; i++ {
		cw.Add(1)
		go func(i int) {
			defer cw.Done()
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				results[i] = "dial: " + err.Error()
				return
			}
			defer c.Close()
			r := bufio.NewReader(c)
			total := 0
			for j := 0; j < 50; j++ {
				fmt.Fprintf(c, "msg %d %d\n", i, j)
				line, err := r.ReadString('\n')
				if err != nil {
					results[i] = "read: " + err.Error()
					return
				}
				total += len(line)
			}
			results[i] = fmt.Sprintf("client %d ok %d", i, total)
		}(i)
	}
	cw.Wait()
	for _, r := range results {
		fmt.Println(r)
	}
	// Deadlines go through the netpoller's timers.
	c, _ := net.Dial("tcp", ln.Addr().String())
	c.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	buf := make([]byte, 10)
	start := time.Now()
	_, err = c.Read(buf)
	fmt.Println("read with deadline:", err != nil, time.Since(start) >= 90*time.Millisecond)
	c.Close()
	// Connection refused.
	l2, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l2.Addr().String()
	l2.Close()
	_, err = net.Dial("tcp", addr)
	fmt.Println("dial closed port:", err != nil)
	// UDP
	u1, _ := net.ListenPacket("udp", "127.0.0.1:0")
	u2, _ := net.ListenPacket("udp", "127.0.0.1:0")
	u1.WriteTo([]byte("datagram"), u2.LocalAddr())
	u2.SetReadDeadline(time.Now().Add(2 * time.Second))
	n, from, err := u2.ReadFrom(buf)
	fmt.Println("udp:", n, err, from.String() == u1.LocalAddr().String())
	// Unix sockets
	path := os.TempDir() + "/gonet.sock"
	os.Remove(path)
	ul, err := net.Listen("unix", path)
	if err != nil {
		fmt.Println("unix listen:", err)
	} else {
		go func() {
			c, err := ul.Accept()
			if err == nil {
				c.Write([]byte("unix hi"))
				c.Close()
			}
		}()
		uc, err := net.Dial("unix", path)
		if err != nil {
			fmt.Println("unix dial:", err)
		} else {
			b, _ := io.ReadAll(uc)
			fmt.Println("unix:", string(b))
			uc.Close()
		}
		ul.Close()
		os.Remove(path)
	}
	ln.Close()
	wg.Wait()
	fmt.Println("done")
}
