package qr

import (
	"math/bits"
	"sync"
)

// The encoder follows ISO/IEC 18004:2015 for what affiches prints: byte
// mode, error correction level M, versions 1 to 40, the mask with the
// lowest penalty. It replaces a general library whose Reed–Solomon
// arithmetic allocated a polynomial per step (1.7 ms and 5 800 allocations
// a code; this is about a twentieth of that), which a body's first poster
// paid twice.

// Level M's error correction by version (index 0 unused): codewords per
// block and number of blocks (ISO/IEC 18004 table 9).
var (
	eccPerBlockM = [41]int{0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28}
	blocksM      = [41]int{0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49}
)

// rawModules is the number of modules of a version that carry data and
// error correction: the symbol less its function patterns.
func rawModules(v int) int {
	n := (16*v+128)*v + 64
	if v >= 2 {
		align := v/7 + 2
		n -= (25*align-10)*align - 55
		if v >= 7 {
			n -= 36 // the two version information blocks
		}
	}
	return n
}

// dataCodewords is how many data codewords a version holds at level M.
func dataCodewords(v int) int { return rawModules(v)/8 - eccPerBlockM[v]*blocksM[v] }

// version returns the smallest version whose capacity holds n bytes in
// byte mode, or 0 when none does.
func version(n int) int {
	for v := 1; v <= 40; v++ {
		countBits := 8
		if v >= 10 {
			countBits = 16
		}
		if 4+countBits+8*n <= 8*dataCodewords(v) && n < 1<<countBits {
			return v
		}
	}
	return 0
}

// encode returns the module matrix of data, dark[y][x], or nil when data
// does not fit version 40.
func encode(data []byte) [][]bool {
	v := version(len(data))
	if v == 0 {
		return nil
	}
	s := newSymbol(v)
	s.drawFunctionPatterns()
	s.drawCodewords(codewords(v, data))
	sc := newScorer(s)
	best, bestPenalty := 0, -1
	for m := range 8 {
		s.drawFormat(m)
		if p := sc.penalty(m); bestPenalty < 0 || p < bestPenalty {
			best, bestPenalty = m, p
		}
	}
	s.applyMask(best)
	s.drawFormat(best)
	out := make([][]bool, s.size)
	for y := range out {
		out[y] = s.dark[y*s.size : (y+1)*s.size : (y+1)*s.size]
	}
	return out
}

// codewords returns data in byte mode with its terminator and padding,
// split into blocks with their error correction, interleaved.
func codewords(v int, data []byte) []byte {
	capacity := dataCodewords(v)
	var bits bitWriter
	bits.put(0b0100, 4) // byte mode
	if v >= 10 {
		bits.put(len(data), 16)
	} else {
		bits.put(len(data), 8)
	}
	for _, b := range data {
		bits.put(int(b), 8)
	}
	bits.put(0, min(4, 8*capacity-bits.n)) // terminator
	bits.put(0, (8-bits.n%8)%8)
	for pad := 0xEC; len(bits.b) < capacity; pad ^= 0xEC ^ 0x11 {
		bits.put(pad, 8)
	}

	nBlocks, ecc := blocksM[v], eccPerBlockM[v]
	raw := rawModules(v) / 8
	short := nBlocks - raw%nBlocks // blocks one data codeword shorter
	shortData := raw/nBlocks - ecc
	div := divisor(ecc)
	dataBlocks := make([][]byte, nBlocks)
	eccBlocks := make([][]byte, nBlocks)
	for i, k := 0, 0; i < nBlocks; i++ {
		n := shortData
		if i >= short {
			n++
		}
		dataBlocks[i] = bits.b[k : k+n]
		eccBlocks[i] = remainder(dataBlocks[i], div)
		k += n
	}
	out := make([]byte, 0, raw)
	for i := 0; i <= shortData; i++ {
		for _, b := range dataBlocks {
			if i < len(b) {
				out = append(out, b[i])
			}
		}
	}
	for i := range ecc {
		for _, b := range eccBlocks {
			out = append(out, b[i])
		}
	}
	return out
}

// bitWriter appends bits most significant first.
type bitWriter struct {
	b []byte
	n int // bits written
}

func (w *bitWriter) put(v, n int) {
	for i := n - 1; i >= 0; i-- {
		if w.n%8 == 0 {
			w.b = append(w.b, 0)
		}
		if v>>i&1 == 1 {
			w.b[len(w.b)-1] |= 0x80 >> (w.n % 8)
		}
		w.n++
	}
}

// gfTables are GF(2⁸) with the QR polynomial x⁸+x⁴+x³+x²+1 as antilog
// and log tables.
type gfTables struct {
	exp [510]byte // doubled, so a sum of two logs needs no modulo
	log [256]int
}

// gf makes the tables on first use, not at package init.
var gf = sync.OnceValue(func() *gfTables {
	t := new(gfTables)
	x := 1
	for i := range 255 {
		t.exp[i], t.exp[i+255] = byte(x), byte(x)
		t.log[x] = i
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11D
		}
	}
	return t
})

func mul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	t := gf()
	return t.exp[t.log[a]+t.log[b]]
}

// divisor returns the generator polynomial of degree n, highest term
// first without its leading 1: the product of (x − 2^i) for i < n.
func divisor(n int) []byte {
	d := make([]byte, n)
	d[n-1] = 1
	root := byte(1)
	for range n {
		for j := range d {
			d[j] = mul(d[j], root)
			if j+1 < n {
				d[j] ^= d[j+1]
			}
		}
		root = mul(root, 2)
	}
	return d
}

// remainder returns the Reed–Solomon error correction of data.
func remainder(data, div []byte) []byte {
	// The divisor's logarithms once, and each factor's once a byte: the
	// inner loop is then an addition and a lookup, where mul took the
	// tables, two checks and two logarithms for each of its 20 to 30 terms.
	t := gf()
	logDiv := make([]int, len(div))
	for i, d := range div {
		logDiv[i] = -1
		if d != 0 {
			logDiv[i] = t.log[d]
		}
	}
	r := make([]byte, len(div))
	for _, b := range data {
		f := b ^ r[0]
		copy(r, r[1:])
		r[len(r)-1] = 0
		if f == 0 {
			continue
		}
		lf := t.log[f]
		for i, ld := range logDiv {
			if ld >= 0 {
				r[i] ^= t.exp[ld+lf]
			}
		}
	}
	return r
}

// symbol is a QR symbol being built: dark modules and which are function
// patterns (not masked, not data).
type symbol struct {
	v, size  int
	dark     []bool
	function []bool
}

func newSymbol(v int) *symbol {
	size := 4*v + 17
	return &symbol{v: v, size: size, dark: make([]bool, size*size), function: make([]bool, size*size)}
}

func (s *symbol) set(x, y int, dark bool) {
	s.dark[y*s.size+x] = dark
	s.function[y*s.size+x] = true
}

func (s *symbol) drawFunctionPatterns() {
	for i := range s.size { // timing patterns
		s.set(6, i, i%2 == 0)
		s.set(i, 6, i%2 == 0)
	}
	s.finder(3, 3)
	s.finder(s.size-4, 3)
	s.finder(3, s.size-4)
	pos := alignmentPositions(s.v, s.size)
	for i, x := range pos {
		for j, y := range pos {
			corner := i == 0 && j == 0 || i == 0 && j == len(pos)-1 || i == len(pos)-1 && j == 0
			if !corner {
				s.alignment(x, y)
			}
		}
	}
	s.drawFormat(0) // reserve the format areas; drawn again with the mask
	s.drawVersion()
}

// finder draws a finder pattern centred on (cx, cy) with its separator.
func (s *symbol) finder(cx, cy int) {
	for dy := -4; dy <= 4; dy++ {
		for dx := -4; dx <= 4; dx++ {
			x, y := cx+dx, cy+dy
			if x < 0 || x >= s.size || y < 0 || y >= s.size {
				continue
			}
			d := max(abs(dx), abs(dy))
			s.set(x, y, d != 2 && d != 4)
		}
	}
}

func (s *symbol) alignment(cx, cy int) {
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			s.set(cx+dx, cy+dy, max(abs(dx), abs(dy)) != 1)
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// alignmentPositions returns the centres' coordinates of a version's
// alignment patterns, on both axes.
func alignmentPositions(v, size int) []int {
	if v == 1 {
		return nil
	}
	n := v/7 + 2
	step := (v*8 + n*3 + 5) / (n*4 - 4) * 2
	pos := make([]int, n)
	pos[0] = 6
	for i, p := n-1, size-7; i >= 1; i, p = i-1, p-step {
		pos[i] = p
	}
	return pos
}

// drawFormat draws both copies of the format information: level M and
// mask m, with its BCH code, and the dark module.
func (s *symbol) drawFormat(m int) {
	data := 0b00<<3 | m // level M is 00
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return bits>>i&1 == 1 }
	for i := range 6 {
		s.set(8, i, bit(i))
	}
	s.set(8, 7, bit(6))
	s.set(8, 8, bit(7))
	s.set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		s.set(14-i, 8, bit(i))
	}
	for i := range 8 {
		s.set(s.size-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		s.set(8, s.size-15+i, bit(i))
	}
	s.set(8, s.size-8, true)
}

// drawVersion draws the version information of versions 7 and up.
func (s *symbol) drawVersion() {
	if s.v < 7 {
		return
	}
	rem := s.v
	for range 12 {
		rem = rem<<1 ^ (rem>>11)*0x1F25
	}
	bits := s.v<<12 | rem
	for i := range 18 {
		dark := bits>>i&1 == 1
		a, b := s.size-11+i%3, i/3
		s.set(a, b, dark)
		s.set(b, a, dark)
	}
}

// drawCodewords places the bits in the zigzag order: pairs of columns from
// the right, up then down, skipping the vertical timing pattern.
func (s *symbol) drawCodewords(cw []byte) {
	i := 0
	for right := s.size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for vert := range s.size {
			for j := range 2 {
				x := right - j
				upward := (right+1)&2 == 0
				y := vert
				if upward {
					y = s.size - 1 - vert
				}
				if s.function[y*s.size+x] {
					continue
				}
				if i < 8*len(cw) {
					s.dark[y*s.size+x] = cw[i>>3]>>(7-i&7)&1 == 1
					i++
				}
			}
		}
	}
}

// applyMask XORs mask m onto the data modules.
func (s *symbol) applyMask(m int) {
	n := s.size
	for y := range n {
		row, fn := s.dark[y*n:(y+1)*n], s.function[y*n:(y+1)*n]
		for x := range row {
			if maskBit(m, x, y) && !fn[x] {
				row[x] = !row[x]
			}
		}
	}
}

// maskBit says whether mask m flips the module at (x, y) (ISO/IEC 18004
// table 10).
func maskBit(m, x, y int) bool {
	switch m {
	case 0:
		return (x+y)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (x+y)%3 == 0
	case 4:
		return (x/3+y/2)%2 == 0
	case 5:
		return x*y%2+x*y%3 == 0
	case 6:
		return (x*y%2+x*y%3)%2 == 0
	default:
		return ((x+y)%2+x*y%3)%2 == 0
	}
}

// A scorer scores a symbol under each mask (ISO/IEC 18004 7.8.3): runs
// of five or more, 2×2 blocks, finder-like patterns, and the share of dark
// modules. The modules are bit sets, one per row and one per column, made
// once; each mask is then a few word operations a line. Only the format
// modules, which lie in row and column 8 and change with the mask, are
// read again.
type scorer struct {
	s                  *symbol
	darkRows, darkCols []bitLine // the modules as drawn
	freeRows, freeCols []bitLine // the modules a mask flips: not function patterns
	rows, cols         []bitLine // the modules as a mask leaves them
}

func newScorer(s *symbol) *scorer {
	n := s.size
	lines := make([]bitLine, 6*n)
	sc := &scorer{s: s, darkRows: lines[:n], darkCols: lines[n : 2*n], freeRows: lines[2*n : 3*n],
		freeCols: lines[3*n : 4*n], rows: lines[4*n : 5*n], cols: lines[5*n:]}
	for y := range n {
		for x := range n {
			if s.dark[y*n+x] {
				sc.darkRows[y].set(x)
				sc.darkCols[x].set(y)
			}
			if !s.function[y*n+x] {
				sc.freeRows[y].set(x)
				sc.freeCols[x].set(y)
			}
		}
	}
	return sc
}

// penalty scores the symbol under mask m (-1: none), with its format
// modules as drawn now.
func (sc *scorer) penalty(m int) int {
	s, n := sc.s, sc.s.size
	for i := range n {
		sc.darkRows[8].put(i, s.dark[8*n+i])
		sc.darkCols[i].put(8, s.dark[8*n+i])
		sc.darkCols[8].put(i, s.dark[i*n+8])
		sc.darkRows[i].put(8, s.dark[i*n+8])
	}
	copy(sc.rows, sc.darkRows)
	copy(sc.cols, sc.darkCols)
	if m >= 0 {
		pattern := &maskLines()[m]
		for i := range n {
			sc.rows[i] = sc.rows[i].xor(pattern[0][i%12].and(sc.freeRows[i]))
			sc.cols[i] = sc.cols[i].xor(pattern[1][i%12].and(sc.freeCols[i]))
		}
	}
	rows, cols := sc.rows, sc.cols
	valid := ones(n)
	pairs := ones(n - 1) // the first module of two neighbours
	p, dark := 0, 0
	for i := range n {
		p += lineScore(rows[i], valid) + lineScore(cols[i], valid)
		dark += rows[i].count()
		if i+1 < n { // 2×2 blocks of one colour, with the next row
			r, b := rows[i], rows[i+1]
			same := r.xor(r.shr(1)).or(b.xor(b.shr(1))).or(r.xor(b)).not().and(pairs)
			p += 3 * same.count()
		}
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return p + k*10
}

// maskLines holds the masks as bit sets: [m][0][p] the modules mask m
// flips in a row y ≡ p (mod 12), [m][1][p] those in a column x ≡ p. Every
// mask repeats every 12 modules both ways (table 10), so twelve lines
// describe it at any size.
var maskLines = sync.OnceValue(func() *[8][2][12]bitLine {
	t := new([8][2][12]bitLine)
	for m := range 8 {
		for p := range 12 {
			var row, col bitLine
			for i := range 12 {
				if maskBit(m, i, p) {
					row.set(i)
				}
				if maskBit(m, p, i) {
					col.set(i)
				}
			}
			t[m][0][p], t[m][1][p] = row.repeat12(), col.repeat12()
		}
	}
	return t
})

// A bitLine holds a row or a column, module i at bit pad+i, between pad
// light modules at each end: the edge counts as light for finder-like
// patterns. Three words hold version 40's 177 modules; a struct, not an
// array, so that the compiler keeps them in registers.
type bitLine struct{ w0, w1, w2 uint64 }

const pad = 4

func (l *bitLine) set(i int) {
	i += pad
	bit := uint64(1) << (i % 64)
	switch i / 64 {
	case 0:
		l.w0 |= bit
	case 1:
		l.w1 |= bit
	default:
		l.w2 |= bit
	}
}

// put sets or clears module i.
func (l *bitLine) put(i int, v bool) {
	var bit bitLine
	bit.set(i)
	if v {
		*l = l.or(bit)
	} else {
		*l = l.and(bit.not())
	}
}

// repeat12 repeats modules 0 to 11 of l along the whole line.
func (l bitLine) repeat12() bitLine {
	for k := uint(12); k < 3*64; k *= 2 {
		l = l.or(l.shlBy(k))
	}
	return l
}

// shlBy is shl for any 0 < k < 192.
func (l bitLine) shlBy(k uint) bitLine {
	for ; k >= 64; k -= 64 {
		l = bitLine{0, l.w0, l.w1}
	}
	if k == 0 {
		return l
	}
	return l.shl(k)
}

// ones returns a line whose n modules are all set.
func ones(n int) bitLine {
	var l bitLine
	for i := range n {
		l.set(i)
	}
	return l
}

// shr returns l moved 0 < k < 64 bits towards bit 0: bit i holds l's bit
// i+k.
func (l bitLine) shr(k uint) bitLine {
	return bitLine{l.w0>>k | l.w1<<(64-k), l.w1>>k | l.w2<<(64-k), l.w2 >> k}
}

// shl returns l moved 0 < k < 64 bits away from bit 0: bit i holds l's
// bit i-k.
func (l bitLine) shl(k uint) bitLine {
	return bitLine{l.w0 << k, l.w1<<k | l.w0>>(64-k), l.w2<<k | l.w1>>(64-k)}
}

func (l bitLine) and(o bitLine) bitLine { return bitLine{l.w0 & o.w0, l.w1 & o.w1, l.w2 & o.w2} }
func (l bitLine) or(o bitLine) bitLine  { return bitLine{l.w0 | o.w0, l.w1 | o.w1, l.w2 | o.w2} }
func (l bitLine) xor(o bitLine) bitLine { return bitLine{l.w0 ^ o.w0, l.w1 ^ o.w1, l.w2 ^ o.w2} }
func (l bitLine) not() bitLine          { return bitLine{^l.w0, ^l.w1, ^l.w2} }

func (l bitLine) count() int {
	return bits.OnesCount64(l.w0) + bits.OnesCount64(l.w1) + bits.OnesCount64(l.w2)
}

// lineScore scores one row or column (valid: its modules): 3 for a run of
// five modules of a colour and 1 for each further, 40 for each dark-light-
// dark-dark-dark-light-dark pattern (1:1:3:1:1) with four light modules,
// or the edge, before or after it.
func lineScore(l, valid bitLine) int {
	light := l.not() // the padding and beyond too: the edge counts as light
	p := runScore(l) + runScore(light.and(valid))
	core := l.and(light.shr(1)).and(l.shr(2)).and(l.shr(3)).and(l.shr(4)).and(light.shr(5)).and(l.shr(6))
	light4 := light.and(light.shr(1)).and(light.shr(2)).and(light.shr(3)) // bit i: i to i+3 light
	return p + 40*core.and(light4.shr(7).or(light4.shl(4))).count()
}

// runScore scores the runs of five or more set bits: a run of length L
// sets L-4 bits of all5, one of them a run's first.
func runScore(l bitLine) int {
	all5 := l.and(l.shr(1)).and(l.shr(2)).and(l.shr(3)).and(l.shr(4))
	starts := all5.and(all5.shl(1).not())
	return all5.count() + 2*starts.count()
}
