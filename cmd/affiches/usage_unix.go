//go:build unix

package main

import (
	"syscall"
	"time"
)

// resources returns the CPU time this process has used so far (user and
// system) and its peak resident memory in bytes.
func resources() (cpu time.Duration, peak int64, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0, false
	}
	cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	peak = int64(ru.Maxrss) * maxrssUnit
	return cpu, peak, true
}
