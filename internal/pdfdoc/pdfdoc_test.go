package pdfdoc

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"affiches/internal/golden"
)

func TestAppendNum(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		d    int
		want string
	}{{0, 3, "0"}, {-0.0001, 3, "0"}, {1, 3, "1"}, {-2.5, 3, "-2.5"}, {0.1234, 3, "0.123"}, {0.0005, 3, "0.001"},
		{-0.05, 3, "-0.05"}, {12.007, 3, "12.007"}, {841.89, 3, "841.89"}, {0.999999, 3, "1"}, {0.432252, 6, "0.432252"}, {3.14159, 0, "3"}} {
		if got := string(AppendNum(nil, tt.v, tt.d)); got != tt.want {
			t.Errorf("AppendNum(%v, %d) = %q, want %q", tt.v, tt.d, got, tt.want)
		}
	}
}

// TestAppendNumAgreesWithStrconv: for many values at every precision, the
// digits are those of the rounded fixed-point integer as strconv writes
// it, trailing zeros dropped.
func TestAppendNumAgreesWithStrconv(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		v := (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(8))-2)
		d := r.IntN(7)
		m := int64(math.Round(v * math.Pow(10, float64(d))))
		want := strconv.FormatInt(m, 10)
		if d > 0 {
			neg := m < 0
			digits := strconv.FormatInt(max(m, -m), 10)
			for len(digits) <= d {
				digits = "0" + digits
			}
			want = strings.TrimRight(strings.TrimRight(digits[:len(digits)-d]+"."+digits[len(digits)-d:], "0"), ".")
			if neg {
				want = "-" + want
			}
		}
		if got := string(AppendNum([]byte("x"), v, d)); got != "x"+want {
			t.Fatalf("AppendNum(%v, %d) = %q, want %q", v, d, got[1:], want)
		}
	}
}

func TestValues(t *testing.T) {
	for _, tt := range []struct {
		o    Object
		want string
	}{
		{Name("Type"), "/Type"},
		{Name("A B#"), "/A#20B#23"},
		{Text("plain (ascii)"), `(plain \(ascii\))`},
		{Text("né"), "<FEFF006E00E9>"},
		{Text("😀"), "<FEFFD83DDE00>"},
		{Array{Int(1), Real(0.5), Bool(true), Ref(3)}, "[1 0.5 true 3 0 R]"},
		{Dict{"Z": Int(1), "A": Name("x")}, "<</A /x/Z 1>>"},
	} {
		if got := string(tt.o.appendTo(nil)); got != tt.want {
			t.Errorf("%#v = %s, want %s", tt.o, got, tt.want)
		}
	}
}

// file makes a small file: a catalog, a page tree of one page, a content
// stream.
func file(objectStreams bool) []byte {
	f := &File{ObjectStreams: objectStreams}
	cat, pages, pg := f.Alloc(), f.Alloc(), f.Alloc()
	content := f.AddStream(Flate(nil, []byte("0 0 1 rg 10 10 50 50 re f\n")))
	f.SetPlain(cat, Dict{"Type": Name("Catalog"), "Pages": pages})
	f.Set(pages, Dict{"Type": Name("Pages"), "Kids": Array{pg}, "Count": Int(1)})
	f.Set(pg, Dict{"Type": Name("Page"), "Parent": pages, "MediaBox": Array{Int(0), Int(0), Int(100), Int(100)}, "Contents": content})
	f.Root = cat
	f.Info = f.Add(Dict{"Title": Text("Titre")})
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// TestFile: both layouts locate every object (qpdf checks the offsets),
// and the ID is the hash of the content.
func TestFile(t *testing.T) {
	for _, packed := range []bool{false, true} {
		data := file(packed)
		if !bytes.Equal(data, file(packed)) {
			t.Error("two writes differ")
		}
		if packed != bytes.Contains(data, []byte("/Type /ObjStm")) {
			t.Errorf("object streams %v, file:\n%s", packed, data)
		}
		m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(data)
		if m == nil {
			t.Fatalf("no startxref at the end:\n%q", data[len(data)-40:])
		}
		off, _ := strconv.Atoi(string(m[1]))
		if want := "xref"; !packed && !bytes.HasPrefix(data[off:], []byte(want)) || packed && !bytes.Contains(data[off:off+40], []byte(" 0 obj")) {
			t.Errorf("startxref %d points at %q", off, data[off:off+20])
		}
		if _, err := exec.LookPath("qpdf"); err != nil && os.Getenv("AFFICHES_STRICT") == "" {
			continue
		}
		path := filepath.Join(t.TempDir(), "f.pdf")
		os.WriteFile(path, data, 0o644)
		if out, err := exec.Command(golden.Tool(t, "qpdf"), "--check", path).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check (object streams %v): %v\n%s", packed, err, out)
		}
	}
}

func TestUnsetObject(t *testing.T) {
	f := &File{}
	f.Alloc()
	if _, err := f.WriteTo(new(bytes.Buffer)); err == nil {
		t.Error("an object allocated and never set was written")
	}
}
