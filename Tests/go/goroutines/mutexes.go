package main

import (
	"fmt"
	"sync"
)

// mutexes: contended Mutex, RWMutex readers and writers, Cond hand-off, Once.
func mutexes() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20000; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("mutex counter:", counter)

	var rw sync.RWMutex
	m := map[int]int{}
	for g := 0; g < 4; g++ {
		wg.Add(2)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				rw.Lock()
				m[g*1000+i] = i
				rw.Unlock()
			}
		}(g)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				rw.RLock()
				_ = m[i]
				rw.RUnlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("rwmutex map size:", len(m))

	// Cond: a producer hands 100 items one at a time to a consumer.
	cond := sync.NewCond(&mu)
	item, have, got := 0, false, 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; i <= 100; i++ {
			mu.Lock()
			for have {
				cond.Wait()
			}
			item, have = i, true
			cond.Broadcast()
			mu.Unlock()
		}
	}()
	for n := 0; n < 100; n++ {
		mu.Lock()
		for !have {
			cond.Wait()
		}
		got += item
		have = false
		cond.Broadcast()
		mu.Unlock()
	}
	wg.Wait()
	fmt.Println("cond hand-off sum:", got)

	var once sync.Once
	calls := 0
	for g := 0; g < 10; g++ {
		wg.Add(1)
		go func() { defer wg.Done(); once.Do(func() { calls++ }) }()
	}
	wg.Wait()
	fmt.Println("once calls:", calls)
}
