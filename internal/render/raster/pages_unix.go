//go:build unix

package raster

import "syscall"

// pageAlloc maps n bytes of zeroed memory for a page buffer outside Go's
// heap, or returns nil.
func pageAlloc(n int) []byte {
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return nil
	}
	return b
}

// pageFree unmaps a buffer pageAlloc mapped, and only such a buffer.
func pageFree(b []byte) { syscall.Munmap(b[:cap(b)]) }
