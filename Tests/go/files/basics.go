package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func basics() {
	check("WriteFile", os.WriteFile("a.txt", []byte("first line\nsecond line\n"), 0o644))
	b, err := os.ReadFile("a.txt")
	fmt.Printf("ReadFile: %q %v\n", b, err)

	f, err := os.OpenFile("a.txt", os.O_WRONLY|os.O_APPEND, 0)
	check("open append", err)
	f.WriteString("appended\n")
	f.Close()
	b, _ = os.ReadFile("a.txt")
	fmt.Println("after append, lines:", strings.Count(string(b), "\n"))

	_, err = os.OpenFile("a.txt", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	fmt.Println("O_EXCL on existing file: exists:", os.IsExist(err))

	tf, err := os.CreateTemp(".", "tmp-*.dat")
	check("CreateTemp", err)
	name := filepath.Base(tf.Name())
	fmt.Println("CreateTemp name pattern:", strings.HasPrefix(name, "tmp-") && strings.HasSuffix(name, ".dat"))
	tf.Close()
	os.Remove(tf.Name())

	// A megabyte through a buffered write and a whole read.
	big := bytes.Repeat([]byte("The quick brown fox. "), 50000)
	check("write big", os.WriteFile("big.bin", big, 0o600))
	back, err := os.ReadFile("big.bin")
	fmt.Println("1 MB round trip:", bytes.Equal(back, big), err)

	check("MkdirAll", os.MkdirAll("d1/d2/d3", 0o755))
	wd, _ := os.Getwd()
	check("chdir d1/d2", os.Chdir("d1/d2"))
	here, _ := os.Getwd()
	fmt.Println("getwd after chdir:", strings.TrimPrefix(here, wd))
	check("chdir ..", os.Chdir("../.."))
	err = os.Remove("d1")
	fmt.Println("remove non-empty dir fails:", err != nil)
	check("remove d3", os.Remove("d1/d2/d3"))
}

func renames() {
	os.WriteFile("old.txt", []byte("content"), 0o644)
	check("rename", os.Rename("old.txt", "new.txt"))
	_, errOld := os.Stat("old.txt")
	b, _ := os.ReadFile("new.txt")
	fmt.Printf("rename: old gone %v, new has %q\n", os.IsNotExist(errOld), b)

	os.WriteFile("other.txt", []byte("other"), 0o644)
	check("rename over", os.Rename("other.txt", "new.txt"))
	b, _ = os.ReadFile("new.txt")
	fmt.Printf("rename over existing: %q\n", b)

	os.Mkdir("dirA", 0o755)
	os.WriteFile("dirA/inside", []byte("x"), 0o644)
	check("rename dir", os.Rename("dirA", "dirB"))
	_, err := os.Stat("dirB/inside")
	fmt.Println("renamed directory keeps contents:", err == nil)
}
