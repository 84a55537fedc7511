// goroutines: the Go scheduler on two OS threads (GOMAXPROCS=2) with channels, select,
// sync.Mutex/RWMutex/Cond/Once/WaitGroup, sync/atomic and runtime.GC(). Every section prints
// results that do not depend on scheduling.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	runtime.GOMAXPROCS(2)
	fmt.Println("GOMAXPROCS:", runtime.GOMAXPROCS(0))
	channels()
	selects()
	mutexes()
	atomics()
	garbage()
	lockedThreads()
	preemption()
	fmt.Println("done")
}
