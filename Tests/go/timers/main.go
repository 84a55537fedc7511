// timers: time.Sleep, timers, tickers, AfterFunc, context deadlines and the monotonic clock.
// Durations are checked as lower bounds (and generous upper bounds), never printed.
package main

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"
)

func atLeast(name string, start time.Time, d time.Duration) {
	el := time.Since(start)
	fmt.Printf("%s: elapsed >= %v: %v\n", name, d, el >= d)
	if el < d {
		fmt.Println("  elapsed was", el)
	}
}

func main() {
	runtime.GOMAXPROCS(2)

	start := time.Now()
	time.Sleep(20 * time.Millisecond)
	atLeast("sleep 20ms", start, 20*time.Millisecond)

	start = time.Now()
	<-time.After(15 * time.Millisecond)
	atLeast("time.After 15ms", start, 15*time.Millisecond)

	// The shorter timer fires first whichever order they were made in.
	slow, fast := time.NewTimer(300*time.Millisecond), time.NewTimer(10*time.Millisecond)
	select {
	case <-slow.C:
		fmt.Println("first timer: slow (wrong)")
	case <-fast.C:
		fmt.Println("first timer: fast")
	}
	fmt.Println("stop pending slow timer:", slow.Stop())
	fmt.Println("stop fired fast timer:", fast.Stop())

	// Reset a stopped timer.
	start = time.Now()
	slow.Reset(25 * time.Millisecond)
	<-slow.C
	atLeast("reset timer 25ms", start, 25*time.Millisecond)

	// A ticker delivers ticks in order, at least one period apart overall.
	start = time.Now()
	tk := time.NewTicker(10 * time.Millisecond)
	ticks := 0
	var last time.Time
	ordered := true
	for ticks < 5 {
		t := <-tk.C
		if !last.IsZero() && !t.After(last) {
			ordered = false
		}
		last = t
		ticks++
	}
	tk.Stop()
	fmt.Println("ticker ticks:", ticks, "ordered:", ordered)
	atLeast("5 ticks of 10ms", start, 50*time.Millisecond)

	// AfterFunc runs in its own goroutine; a stopped one never runs.
	var wg sync.WaitGroup
	wg.Add(1)
	fired := false
	time.AfterFunc(5*time.Millisecond, func() { fired = true; wg.Done() })
	never := time.AfterFunc(time.Hour, func() { fmt.Println("never (wrong)") })
	wg.Wait()
	fmt.Println("AfterFunc fired:", fired, "stopped one cancelled:", never.Stop())

	// Many timers at once from several goroutines.
	var mu sync.Mutex
	got := 0
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			time.Sleep(time.Duration(i%10) * time.Millisecond)
			mu.Lock()
			got++
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println("100 concurrent sleepers woke:", got)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	start = time.Now()
	<-ctx.Done()
	cancel()
	fmt.Println("context error:", ctx.Err())
	atLeast("context timeout 30ms", start, 30*time.Millisecond)

	// The wall clock is sane and agrees with the monotonic clock over a sleep.
	now := time.Now()
	fmt.Println("year >= 2024:", now.Year() >= 2024)
	w0 := time.Now().Round(0) // strip the monotonic reading
	time.Sleep(50 * time.Millisecond)
	wall := time.Now().Round(0).Sub(w0)
	fmt.Println("wall clock advanced 40ms..5s:", wall >= 40*time.Millisecond && wall < 5*time.Second)
	fmt.Println("unix epoch:", time.Unix(0, 0).UTC().Format(time.RFC3339))
	fmt.Println("done")
}
