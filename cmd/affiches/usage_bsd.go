//go:build unix && !linux && !darwin

package main

// maxrssUnit: the BSDs give ru_maxrss in KiB.
const maxrssUnit = 1024
