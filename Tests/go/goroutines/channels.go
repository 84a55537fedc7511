package main

import (
	"fmt"
	"sync"
)

// channels: an unbuffered pipeline, a buffered fan-in, and a close broadcast.
func channels() {
	// generate -> square -> sum, unbuffered.
	nums := make(chan int)
	squares := make(chan int)
	go func() {
		for i := 1; i <= 1000; i++ {
			nums <- i
		}
		close(nums)
	}()
	go func() {
		for n := range nums {
			squares <- n * n
		}
		close(squares)
	}()
	sum := 0
	for s := range squares {
		sum += s
	}
	fmt.Println("pipeline sum of squares 1..1000:", sum)

	// 16 workers each send 500 values into one buffered channel.
	results := make(chan int, 64)
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				results <- w*1000 + i
			}
		}(w)
	}
	go func() { wg.Wait(); close(results) }()
	count, total := 0, 0
	for r := range results {
		count++
		total += r
	}
	fmt.Println("fan-in count:", count, "total:", total)

	// Closing a channel wakes every receiver.
	start := make(chan struct{})
	woken := make(chan int, 32)
	for i := 0; i < 32; i++ {
		go func(i int) { <-start; woken <- i }(i)
	}
	close(start)
	seen := 0
	for i := 0; i < 32; i++ {
		seen |= 1 << <-woken
	}
	fmt.Printf("close woke all 32: %v\n", seen == 1<<32-1)
}
