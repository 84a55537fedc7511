// stress: a short, busy multi-threaded run meant to be repeated many times (make stress):
// many goroutines, unbuffered channel ping-pong, a contended sync.Mutex, sync.WaitGroup,
// atomics, allocation with runtime.GC(), GOMAXPROCS=2. The output is a fixed set of totals;
// any lost wake-up, torn update or crash shows as a hang, a wrong total or a bad exit.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

const (
	pairs     = 50  // ping-pong pairs
	rounds    = 200 // round trips per pair
	workers   = 64  // mutex/atomic workers
	perWorker = 2000
)

func pingPong() int64 {
	var wg sync.WaitGroup
	var total atomic.Int64
	for p := 0; p < pairs; p++ {
		ping, pong := make(chan int), make(chan int)
		wg.Add(2)
		go func() {
			defer wg.Done()
			for v := range ping {
				pong <- v + 1
			}
			close(pong)
		}()
		go func() {
			defer wg.Done()
			v := 0
			for r := 0; r < rounds; r++ {
				ping <- v
				v = <-pong + 1
			}
			close(ping)
			<-pong
			total.Add(int64(v))
		}()
	}
	wg.Wait()
	return total.Load()
}

func contention() (int, int64) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var atom atomic.Int64
	shared := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				mu.Lock()
				shared++
				mu.Unlock()
				atom.Add(int64(w))
			}
		}(w)
	}
	wg.Wait()
	return shared, atom.Load()
}

type cell struct {
	next *cell
	val  int
}

func garbage() int {
	var wg sync.WaitGroup
	results := make([]int, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for round := 0; round < 10; round++ {
				var head *cell
				for i := 0; i < 1000; i++ {
					head = &cell{next: head, val: i}
				}
				for c := head; c != nil; c = c.next {
					results[g] += c.val
				}
				if round%3 == 0 {
					runtime.GC()
				}
			}
		}(g)
	}
	wg.Wait()
	sum := 0
	for _, r := range results {
		sum += r
	}
	return sum
}

func main() {
	runtime.GOMAXPROCS(2)
	fmt.Println("ping-pong total:", pingPong())
	shared, atom := contention()
	fmt.Println("mutex counter:", shared, "atomic sum:", atom)
	fmt.Println("garbage sum:", garbage())
	runtime.GC()
	fmt.Println("ok")
}
