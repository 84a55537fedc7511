// panics: run-time errors turned into recoverable panics — a nil dereference (a SIGSEGV the
// runtime turns into a panic, so the emulator must deliver a correct fault signal), an integer
// divide by zero, index out of range, a bad type assertion — plus panic values, defer order,
// re-panics, and a panic recovered inside another goroutine.
package main

import (
	"errors"
	"fmt"
	"runtime"
)

type point struct{ x, y int }

var nilPoint *point
var zero = 0

// try runs f and prints what it panicked with.
func try(name string, f func()) {
	defer func() {
		r := recover()
		var re runtime.Error
		isRuntime := false
		if err, ok := r.(error); ok && errors.As(err, &re) {
			isRuntime = true
		}
		fmt.Printf("%s: recovered %v (runtime.Error: %v)\n", name, r, isRuntime)
	}()
	f()
}

//go:noinline
func load(p *point) int { return p.y }

//go:noinline
func store(p *point) { p.x = 1 }

//go:noinline
func divide(a, b int) int { return a / b }

//go:noinline
func modulo(a, b int32) int32 { return a % b }

func main() {
	try("nil load", func() { fmt.Println(load(nilPoint)) })
	try("nil store", func() { store(nilPoint) })
	try("nil map write", func() { var m map[string]int; m["a"] = 1 })
	try("nil func call", func() { var f func(); f() })
	try("divide by zero", func() { fmt.Println(divide(7, zero)) })
	try("modulo by zero", func() { fmt.Println(modulo(7, int32(zero))) })
	try("index out of range", func() { s := []int{1, 2, 3}; i := 5 + zero; fmt.Println(s[i]) })
	try("slice bounds", func() { s := []int{1, 2, 3}; i := 4 + zero; fmt.Println(s[1:i]) })
	try("type assertion", func() { var v any = "text"; fmt.Println(v.(int)) })
	try("custom value", func() { panic(point{1, 2}) })
	try("custom error", func() { panic(errors.New("my error")) })

	// The same fault many times: the handler must be re-armed after each delivery.
	count := 0
	for i := 0; i < 200; i++ {
		func() {
			defer func() {
				if recover() != nil {
					count++
				}
			}()
			load(nilPoint)
		}()
	}
	fmt.Println("repeated nil loads recovered:", count)

	// Deferred calls run last-in first-out, also while panicking; a re-panic replaces the value.
	try("defer order", func() {
		for i := 1; i <= 3; i++ {
			defer fmt.Println("  deferred", i)
		}
		defer func() {
			r := recover()
			panic(fmt.Sprintf("re-panic after %v", r))
		}()
		panic("first")
	})

	// A goroutine that faults and recovers by itself.
	done := make(chan string)
	go func() {
		defer func() { done <- fmt.Sprint("goroutine recovered: ", recover()) }()
		store(nilPoint)
	}()
	fmt.Println(<-done)

	fmt.Println("min int / -1:", divide(-1<<63, -1+zero))
	fmt.Println("done")
}
