package kit

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"affiches/internal/brand"
	"affiches/internal/csvin"
	"affiches/internal/limits"
	"affiches/internal/logo"
	"affiches/internal/output"
)

// Body is one organisation of a batch: its profile, or why it could not be
// read, and where it came from (a file name or a CSV row).
type Body struct {
	Source string // "profiles/spf-exemple.yaml", "bodies.csv row 4"
	Name   string // the folder its kit goes to
	Org    *brand.Org
	Pack   *logo.Pack // the body's official artwork, or nil
	Err    error
}

// Failure is a body whose kit was not made.
type Failure struct {
	Source string
	Err    error
}

// Batch makes the kit of every body, at most runtime.NumCPU at a time, and
// hands each kit to emit as soon as it is made, so memory holds a few kits
// whatever the number of bodies. A body that fails is reported and the
// others are still made.
func Batch(bodies []Body, opt Options, emit func(name string, files []output.File) error, progress func(done, total int)) []Failure {
	workers := runtime.NumCPU()
	opt.Workers = 1 // the bodies run in parallel instead
	opt.Progress = nil
	var mu sync.Mutex
	var failures []Failure
	done := 0
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				b := bodies[i]
				err := b.Err
				if err == nil {
					err = ctxErr(opt.Context)
				}
				if err == nil {
					var files []output.File
					o := opt
					o.Pack = b.Pack
					if files, err = Build(b.Org, o); err == nil {
						err = guard(func() error { return emit(b.Name, files) })
					}
				}
				mu.Lock()
				if err != nil {
					failures = append(failures, Failure{b.Source, err})
				}
				done++
				if progress != nil {
					progress(done, len(bodies))
				}
				mu.Unlock()
			}
		}()
	}
	for i := range bodies {
		next <- i
	}
	close(next)
	wg.Wait()
	// Failures in the bodies' order, whatever order the workers finished in.
	order := map[string]int{}
	for i, b := range bodies {
		order[b.Source] = i
	}
	for i := 1; i < len(failures); i++ {
		for j := i; j > 0 && order[failures[j].Source] < order[failures[j-1].Source]; j-- {
			failures[j], failures[j-1] = failures[j-1], failures[j]
		}
	}
	return failures
}

func ctxErr(ctx context.Context) error {
	if ctx == nil {
		return nil
	}
	return ctx.Err()
}

// ReadBodiesCSV reads one body a row: the header names profile fields by
// their paths (name.fr, name.nl, region, address.fr, complaint.form_url.fr,
// complaint.email, complaint.phone, second_line, languages as "fr;nl", …).
// A bad row becomes a Body with its error; the others are kept.
func ReadBodiesCSV(r io.Reader, source string) ([]Body, error) {
	cr, err := csvin.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: line 1: want a header of profile fields such as name.fr,region,…: %v", source, err)
	}
	for i := range head {
		head[i] = strings.TrimSpace(strings.TrimPrefix(head[i], "\ufeff"))
	}
	var bodies []Body
	names := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", source, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		fields := map[string]string{}
		for i, v := range rec {
			if i < len(head) {
				fields[head[i]] = v
			}
		}
		b := Body{Source: fmt.Sprintf("%s line %d", source, line)}
		if len(rec) != len(head) {
			b.Err = fmt.Errorf("%d values for %d columns", len(rec), len(head))
		} else {
			b.Org, b.Err = brand.FromFields(fields)
			if b.Err != nil {
				b.Org = nil
			}
		}
		if b.Org != nil && b.Org.LogoPack != "" {
			b.Org, b.Err = nil, brand.Problems{{Field: "logo_pack", Message: "not available in a CSV batch: use a folder of profiles"}}
		}
		b.Name = UniqueName(names, firstName(fields, line))
		if len(bodies) >= limits.Bodies {
			return nil, fmt.Errorf("%s: line %d: more than %d bodies in one batch", source, line, limits.Bodies)
		}
		bodies = append(bodies, b)
	}
	return bodies, nil
}

func firstName(fields map[string]string, line int) string {
	for _, k := range []string{"name", "name.fr", "name.nl", "name.de", "name.en"} {
		if v := strings.TrimSpace(fields[k]); v != "" {
			return v
		}
	}
	return fmt.Sprintf("line-%d", line)
}

// UniqueName turns a name into a folder name, unique among names.
func UniqueName(names map[string]int, name string) string {
	s := output.Slug(name, "body")
	names[s]++
	if n := names[s]; n > 1 {
		s = fmt.Sprintf("%s-%d", s, n)
	}
	return s
}
