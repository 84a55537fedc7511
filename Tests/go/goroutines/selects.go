package main

import "fmt"

// selects: select over several channels, default cases, nil channels and a quit channel.
func selects() {
	a, b, quit := make(chan int), make(chan int), make(chan struct{})
	go func() {
		for i := 0; i < 100; i++ {
			if i%2 == 0 {
				a <- i
			} else {
				b <- i
			}
		}
		close(quit)
	}()
	fromA, fromB := 0, 0
loop:
	for {
		select {
		case v := <-a:
			fromA += v
		case v := <-b:
			fromB += v
		case <-quit:
			break loop
		}
	}
	fmt.Println("select evens:", fromA, "odds:", fromB)

	c := make(chan int, 1)
	select {
	case v := <-c:
		fmt.Println("unexpected", v)
	default:
		fmt.Println("empty channel takes default")
	}
	c <- 7
	select {
	case c <- 8:
		fmt.Println("unexpected send to full channel")
	default:
		fmt.Println("full channel takes default")
	}
	var nilc chan int
	select {
	case <-nilc:
		fmt.Println("unexpected receive from nil channel")
	case v := <-c:
		fmt.Println("nil channel never ready; got", v)
	}
}
