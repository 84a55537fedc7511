package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// atomics: Add, CompareAndSwap loops, Swap, atomic.Value and a spin lock, all contended.
func atomics() {
	var n atomic.Int64
	var u atomic.Uint32
	var highest atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 20000; i++ {
				n.Add(1)
				u.Add(3)
				v := int64(g*100000 + i)
				for {
					old := highest.Load()
					if v <= old || highest.CompareAndSwap(old, v) {
						break
					}
				}
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("atomic add:", n.Load(), "uint32 add:", u.Load(), "cas max:", highest.Load())

	var flag atomic.Bool
	var swaps atomic.Int32
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !flag.Swap(true) {
				swaps.Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Println("swap winners:", swaps.Load())

	// A spin lock built on CompareAndSwap guarding a plain counter.
	var lock atomic.Int32
	plain := 0
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5000; i++ {
				for !lock.CompareAndSwap(0, 1) {
					runtime.Gosched()
				}
				plain++
				lock.Store(0)
			}
		}()
	}
	wg.Wait()
	fmt.Println("spin lock counter:", plain)

	var val atomic.Value
	val.Store("first")
	old := val.Swap("second")
	fmt.Println("atomic.Value:", old, val.Load())
}
