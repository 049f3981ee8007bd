// Package qr encodes URLs as QR codes for print and screen: the module
// matrix, the 4-module quiet zone, error correction M, and the smallest
// module a reader can scan from a given distance. The encoder is our own
// (encode.go).
package qr

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// QuietZone is the blank margin around a code, in modules (ISO/IEC 18004).
const QuietZone = 4

// Code is an encoded QR symbol without its quiet zone.
type Code struct {
	Content string
	Size    int      // modules per side
	Dark    [][]bool // Dark[y][x]

	runsOnce sync.Once
	runs     []Run
}

// ErrTooLong is returned for content that does not fit any QR version at
// error correction M.
var ErrTooLong = errors.New("too long to encode as a QR code")

// Encode encodes s at error correction M (15 % of the symbol can be damaged:
// nothing is overlaid on our codes, so M is enough and keeps modules large).
func Encode(s string) (*Code, error) {
	if c, ok := cache.Load(s); ok {
		return c.(*Code), nil
	}
	bm := encode([]byte(s))
	if bm == nil {
		return nil, fmt.Errorf("%q: %w", s, ErrTooLong)
	}
	c := &Code{Content: s, Size: len(bm), Dark: bm}
	if cacheSize.Add(1) <= maxCache {
		cache.Store(s, c)
	}
	return c, nil
}

// Codes are cached by content: the same URLs recur in every asset of a
// body. A Code is
// never modified once made.
var (
	cache     sync.Map
	cacheSize atomic.Int64
)

const maxCache = 4096

// Modules returns the side of the symbol with its quiet zone, in modules.
func (c *Code) Modules() int { return c.Size + 2*QuietZone }

// Run is a horizontal run of dark modules on one row.
type Run struct{ X, Y, N int }

// Runs returns the dark modules as horizontal runs, row by row: fewer,
// larger rectangles than one per module, and no seams between neighbours.
// They are found once per code; the slice is shared and must not be
// modified.
func (c *Code) Runs() []Run {
	c.runsOnce.Do(func() {
		for y, row := range c.Dark {
			for x := 0; x < len(row); {
				if !row[x] {
					x++
					continue
				}
				start := x
				for x < len(row) && row[x] {
					x++
				}
				c.runs = append(c.runs, Run{X: start, Y: y, N: x - start})
			}
		}
	})
	return c.runs
}
