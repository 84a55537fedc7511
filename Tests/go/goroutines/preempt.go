package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// preemption: two goroutines spin without function calls on both Ps; a third one can only run
// (and release them) if the runtime preempts a spinner asynchronously (SIGURG sent to a thread).
func preemption() {
	var stop atomic.Bool
	var wg sync.WaitGroup
	spins := make([]int, 2)
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			n := 0
			for !stop.Load() {
				n++
			}
			spins[g] = n
		}(g)
	}
	runtime.Gosched()
	wg.Add(1)
	go func() { defer wg.Done(); stop.Store(true) }()
	wg.Wait()
	fmt.Println("spinners preempted and stopped: true")
}
