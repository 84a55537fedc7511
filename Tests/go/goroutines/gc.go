package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

type node struct {
	next  *node
	value [6]int
}

// garbage: allocation from several goroutines with runtime.GC() in between, a finalizer, and a
// check that live data survives collection.
func garbage() {
	var wg sync.WaitGroup
	sums := make([]int, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for round := 0; round < 20; round++ {
				var head *node
				for i := 0; i < 2000; i++ {
					head = &node{next: head, value: [6]int{i}}
				}
				for p := head; p != nil; p = p.next {
					sums[g] += p.value[0]
				}
				if round%5 == 0 {
					runtime.GC()
				}
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("list sums:", sums)

	keep := make(map[int][]byte)
	for i := 0; i < 1000; i++ {
		keep[i] = make([]byte, 100+i)
		keep[i][0] = byte(i)
	}
	runtime.GC()
	runtime.GC()
	good := true
	for i := 0; i < 1000; i++ {
		if len(keep[i]) != 100+i || keep[i][0] != byte(i) {
			good = false
		}
	}
	fmt.Println("live data survives GC:", good)

	done := make(chan bool, 1)
	func() {
		obj := &node{}
		runtime.SetFinalizer(obj, func(*node) { done <- true })
	}()
	ran := false
	for i := 0; i < 50 && !ran; i++ {
		runtime.GC()
		select {
		case <-done:
			ran = true
		case <-time.After(20 * time.Millisecond):
		}
	}
	fmt.Println("finalizer ran:", ran)

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("GC cycles counted:", ms.NumGC >= 10)
}

// lockedThreads: goroutines wired to their own OS threads with LockOSThread.
func lockedThreads() {
	var wg sync.WaitGroup
	results := make([]int, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			for i := 0; i <= 1000; i++ {
				results[g] += i
				if i%250 == 0 {
					runtime.Gosched()
				}
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("locked thread sums:", results)
}
