package kit

import (
	"encoding/csv"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"affiches/internal/brand"
	"affiches/internal/output"

	"golang.org/x/text/encoding/charmap"
)

const bodiesCSV = `name.fr,name.nl,region,address.fr,address.nl,complaint.form_url.fr,complaint.form_url.nl,complaint.email,complaint.phone,second_line
Service A,Dienst A,federal,"Rue A 1, 1000 Bruxelles","A-straat 1, 1000 Brussel",https://a.be/fr,https://a.be/nl,p@a.be,+32 2 000 00 01,federal-ombudsman
Service B,Dienst B,federal,"Rue B 1, 1000 Bruxelles","B-straat 1, 1000 Brussel",javascript:alert(1),https://b.be/nl,p@b.be,+32 2 000 00 02,federal-ombudsman
Service A,Dienst A bis,brussels,"Rue A 2, 1000 Bruxelles","A-straat 2, 1000 Brussel",https://a2.be/fr,https://a2.be/nl,p@a2.be,+32 2 000 00 03,brussels-ombuds
`

func TestBatchIsolatesErrors(t *testing.T) {
	bodies, err := ReadBodiesCSV(strings.NewReader(bodiesCSV), "bodies.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 3 || bodies[0].Name != "service-a" || bodies[2].Name != "service-a-2" {
		t.Fatalf("bodies %+v", bodies)
	}
	var mu sync.Mutex
	made := map[string]int{}
	failures := Batch(bodies, Options{Year: 2026}, func(name string, files []output.File) error {
		mu.Lock()
		made[name] = len(files)
		mu.Unlock()
		return nil
	}, nil)
	if len(failures) != 1 || failures[0].Source != "bodies.csv line 3" {
		t.Fatalf("failures %+v", failures)
	}
	var ps brand.Problems
	if !errors.As(failures[0].Err, &ps) || !strings.Contains(ps.Error(), "complaint.form_url.fr") {
		t.Errorf("failure %v does not name the field", failures[0].Err)
	}
	if made["service-a"] == 0 || made["service-a-2"] == 0 || len(made) != 2 {
		t.Errorf("kits made: %v", made)
	}
}

// FuzzReadBodiesCSV: no CSV makes the bodies reader panic.
func FuzzReadBodiesCSV(f *testing.F) {
	f.Add(bodiesCSV)
	f.Add("name.fr\nx\n")
	f.Add("name,name.fr\na,b\n")
	f.Add("languages,name\nfr;nl,\"x\n")
	f.Fuzz(func(t *testing.T, data string) {
		bodies, err := ReadBodiesCSV(strings.NewReader(data), "f.csv")
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, b := range bodies {
			if b.Name == "" || seen[b.Name] {
				t.Fatalf("body name %q empty or repeated", b.Name)
			}
			seen[b.Name] = true
			if (b.Org == nil) == (b.Err == nil) {
				t.Fatalf("body %q has both or neither a profile and an error", b.Source)
			}
		}
	})
}

// TestBodiesCSVAsExcelSavesIt: the same bodies saved by Excel in Belgium
// (semicolons, Windows-1252) read the same, line numbers included.
func TestBodiesCSVAsExcelSavesIt(t *testing.T) {
	want, err := ReadBodiesCSV(strings.NewReader(bodiesCSV), "bodies.csv")
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(bodiesCSV))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var semi strings.Builder
	w := csv.NewWriter(&semi)
	w.Comma, w.UseCRLF = ';', true
	w.WriteAll(recs)
	ansi, err := charmap.Windows1252.NewEncoder().String(strings.Replace(semi.String(), "Service A", "Service é", 1))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadBodiesCSV(strings.NewReader(ansi), "bodies.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || got[2].Source != "bodies.csv line 4" || got[0].Org == nil || got[0].Org.Name.In(brand.FR) != "Service é" || got[1].Err == nil {
		t.Errorf("got %+v", got)
	}
}

// TestBodiesCSVBounded: a header field 45 000 levels deep killed batch as
// it killed the server (FromFields); a CSV of too many bodies is refused.
func TestBodiesCSVBounded(t *testing.T) {
	deep := strings.Repeat("a.", 45000) + "a"
	data := strings.Replace(bodiesCSV, "second_line\n", "second_line,"+deep+"\n", 1)
	data = strings.ReplaceAll(data, "federal-ombudsman\n", "federal-ombudsman,x\n")
	data = strings.ReplaceAll(data, "brussels-ombuds\n", "brussels-ombuds,x\n")
	start := time.Now()
	bodies, err := ReadBodiesCSV(strings.NewReader(data), "bodies.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bodies {
		if b.Err == nil || !strings.Contains(b.Err.Error(), "a field path of 90001 bytes") || len(b.Err.Error()) > 1000 {
			t.Errorf("%s: %.200v", b.Source, b.Err)
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	var many strings.Builder
	many.WriteString("name.fr\n")
	for range 10_001 {
		many.WriteString("x\n")
	}
	if _, err := ReadBodiesCSV(strings.NewReader(many.String()), "bodies.csv"); err == nil || !strings.Contains(err.Error(), "more than 10000 bodies") {
		t.Errorf("many bodies: %v", err)
	}
}
