package qr

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPenaltyAgreesWithReference: the shift-register penalty and mask
// give what the first, module-by-module code gave, on random symbols of
// every size (finder-like patterns and long runs included) and on every
// mask of real codes, so the mask chosen, and so every code, is the same.
func TestPenaltyAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for v := 1; v <= 40; v += 3 {
		for trial := range 20 {
			s := newSymbol(v)
			density := []float64{0.5, 0.1, 0.9, 0.3}[trial%4]
			for i := range s.dark {
				s.dark[i] = r.Float64() < density
				s.function[i] = r.IntN(8) == 0
			}
			// Plant finder-like patterns, some against an edge.
			for range 6 {
				y, x := r.IntN(s.size), r.IntN(max(1, s.size-6))
				if trial%2 == 0 {
					x = []int{0, s.size - 7, x}[r.IntN(3)]
				}
				for i, d := range []bool{true, false, true, true, true, false, true} {
					s.dark[y*s.size+x+i] = d
				}
			}
			if got, want := newScorer(s).penalty(-1), s.referencePenalty(); got != want {
				t.Fatalf("version %d trial %d: penalty %d, reference %d", v, trial, got, want)
			}
			for m := range 8 {
				a, b := *s, *s
				a.dark, b.dark = slices.Clone(s.dark), slices.Clone(s.dark)
				a.applyMask(m)
				b.referenceApplyMask(m)
				if !slices.Equal(a.dark, b.dark) {
					t.Fatalf("version %d mask %d: modules differ from the reference", v, m)
				}
			}
		}
	}
	for _, url := range []string{"https://example.org/plainte", "https://www.federaalombudsman.be/nl/klachten-formulier?bron=affiche&taal=nl", string(make([]byte, 900))} {
		s := newSymbol(version(len(url)))
		s.drawFunctionPatterns()
		s.drawCodewords(codewords(s.v, []byte(url)))
		// As encode scores them: one scorer, the format redrawn per mask.
		sc := newScorer(s)
		for m := range 8 {
			s.drawFormat(m)
			got := sc.penalty(m)
			s.applyMask(m)
			if want := s.referencePenalty(); got != want {
				t.Errorf("%d bytes, scorer, mask %d: penalty %d, reference %d", len(url), m, got, want)
			}
			s.applyMask(m)
		}
		for m := range 8 {
			s.applyMask(m)
			s.drawFormat(m)
			if got, want := newScorer(s).penalty(-1), s.referencePenalty(); got != want {
				t.Errorf("%d bytes, mask %d: penalty %d, reference %d", len(url), m, got, want)
			}
			s.applyMask(m)
		}
	}
}

// referenceApplyMask is applyMask as first written, module by module.
func (s *symbol) referenceApplyMask(m int) {
	for y := range s.size {
		for x := range s.size {
			var flip bool
			switch m {
			case 0:
				flip = (x+y)%2 == 0
			case 1:
				flip = y%2 == 0
			case 2:
				flip = x%3 == 0
			case 3:
				flip = (x+y)%3 == 0
			case 4:
				flip = (x/3+y/2)%2 == 0
			case 5:
				flip = x*y%2+x*y%3 == 0
			case 6:
				flip = (x*y%2+x*y%3)%2 == 0
			case 7:
				flip = ((x+y)%2+x*y%3)%2 == 0
			}
			if flip && !s.function[y*s.size+x] {
				s.dark[y*s.size+x] = !s.dark[y*s.size+x]
			}
		}
	}
}

// referencePenalty is penalty as first written: it scores the symbol as masked (ISO/IEC 18004 7.8.3): runs of five
// or more, 2×2 blocks, finder-like patterns, and the share of dark modules.
func (s *symbol) referencePenalty() int {
	n := s.size
	p := 0
	line := make([]bool, n)
	for _, horizontal := range []bool{true, false} {
		for a := range n {
			if horizontal {
				copy(line, s.dark[a*n:(a+1)*n])
			} else {
				for b := range n {
					line[b] = s.dark[b*n+a]
				}
			}
			p += referenceLinePenalty(line)
		}
	}
	dark := 0
	for y := range n {
		row := s.dark[y*n : (y+1)*n]
		for x, c := range row {
			if c {
				dark++
			}
			if x+1 < n && y+1 < n {
				below := s.dark[(y+1)*n : (y+2)*n]
				if row[x+1] == c && below[x] == c && below[x+1] == c {
					p += 3
				}
			}
		}
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return p + k*10
}

// referenceLinePenalty scores one row or column: 3 for a run of five modules of a
// colour and 1 for each further, 40 for each 1:1:3:1:1 dark–light–dark–
// dark–dark–light–dark pattern with four light modules (or the edge) on one
// side.
func referenceLinePenalty(line []bool) int {
	n, p := len(line), 0
	run := 1
	for b := 1; b <= n; b++ {
		if b < n && line[b] == line[b-1] {
			run++
			continue
		}
		if run >= 5 {
			p += 3 + run - 5
		}
		run = 1
	}
	light := func(b int) bool { return b < 0 || b >= n || !line[b] }
	for b := 0; b+7 <= n; b++ {
		if line[b] && !line[b+1] && line[b+2] && line[b+3] && line[b+4] && !line[b+5] && line[b+6] {
			if light(b-1) && light(b-2) && light(b-3) && light(b-4) || light(b+7) && light(b+8) && light(b+9) && light(b+10) {
				p += 40
			}
		}
	}
	return p
}
