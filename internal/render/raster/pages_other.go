//go:build !unix

package raster

// pageAlloc maps nothing here: page buffers come from Go's heap.
func pageAlloc(int) []byte { return nil }

func pageFree([]byte) {}
