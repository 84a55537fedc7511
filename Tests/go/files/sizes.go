package main

import (
	"fmt"
	"io"
	"os"
)

func sizes() {
	os.WriteFile("trunc.txt", []byte("0123456789"), 0o644)
	check("truncate", os.Truncate("trunc.txt", 4))
	b, _ := os.ReadFile("trunc.txt")
	fmt.Printf("truncate to 4: %q\n", b)
	check("extend", os.Truncate("trunc.txt", 8))
	b, _ = os.ReadFile("trunc.txt")
	fmt.Printf("extend to 8: %q\n", b)
	f, _ := os.OpenFile("trunc.txt", os.O_RDWR, 0)
	check("ftruncate", f.Truncate(2))
	st, _ := f.Stat()
	fmt.Println("ftruncate to 2, size:", st.Size())
	f.Close()
}

func seeking() {
	f, err := os.Create("seek.bin")
	check("create", err)
	defer f.Close()
	f.WriteString("abcdefghij")
	pos, _ := f.Seek(3, io.SeekStart)
	f.WriteString("XY")
	end, _ := f.Seek(0, io.SeekEnd)
	cur, _ := f.Seek(-4, io.SeekCurrent)
	buf := make([]byte, 4)
	n, _ := io.ReadFull(f, buf)
	fmt.Printf("seek: set %d end %d cur %d read %q\n", pos, end, cur, buf[:n])
	_, err = f.Read(buf)
	fmt.Println("read at end: EOF:", err == io.EOF)

	// A hole: seek past the end and write.
	f.Seek(100, io.SeekStart)
	f.WriteString("Z")
	st, _ := f.Stat()
	fmt.Println("size after write at 100:", st.Size())
	hole := make([]byte, 3)
	f.ReadAt(hole, 50)
	fmt.Printf("hole reads zeros: %v\n", hole[0] == 0 && hole[1] == 0 && hole[2] == 0)

	// pread/pwrite do not move the offset.
	before, _ := f.Seek(0, io.SeekCurrent)
	f.WriteAt([]byte("123"), 0)
	got := make([]byte, 6)
	f.ReadAt(got, 0)
	after, _ := f.Seek(0, io.SeekCurrent)
	fmt.Printf("WriteAt/ReadAt: %q offset unchanged: %v\n", got, before == after)

	_, err = f.Seek(-1, io.SeekStart)
	fmt.Println("seek before start fails:", err != nil)
	check("sync", f.Sync())
}
