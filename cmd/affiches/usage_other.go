//go:build !unix

package main

import "time"

// resources is not measured on this system.
func resources() (cpu time.Duration, peak int64, ok bool) { return 0, 0, false }
