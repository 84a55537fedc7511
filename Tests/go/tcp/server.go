package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

// serve accepts until the listener is closed. The first line of a connection picks a mode:
// "ECHO" upper-cases lines until "QUIT"; "SINK" reads to EOF and answers with the SHA-256 and
// length of what it read; "SOURCE n" writes n bytes of a pattern and closes; "SLOW" waits.
func serve(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handle(c)
	}
}

func handle(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	mode, err := r.ReadString('\n')
	if err != nil {
		return
	}
	switch {
	case mode == "ECHO\n":
		for {
			line, err := r.ReadString('\n')
			if err != nil || line == "QUIT\n" {
				return
			}
			io.WriteString(c, strings.ToUpper(line))
		}
	case mode == "SINK\n":
		h := sha256.New()
		n, _ := io.Copy(h, r)
		fmt.Fprintf(c, "%d %s\n", n, hex.EncodeToString(h.Sum(nil)))
	case strings.HasPrefix(mode, "SOURCE "):
		var n int
		fmt.Sscanf(mode, "SOURCE %d", &n)
		io.Copy(c, io.LimitReader(&pattern{}, int64(n)))
	case mode == "SLOW\n":
		time.Sleep(2 * time.Second)
	}
}

// pattern is an endless deterministic byte stream.
type pattern struct{ off int }

func (p *pattern) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = byte((p.off+i)*7 + (p.off+i)>>9)
	}
	p.off += len(b)
	return len(b), nil
}
