package signature

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"affiches/internal/brand"
	"affiches/internal/csvin"
	"affiches/internal/limits"

	"gopkg.in/yaml.v3"
)

// Columns are the CSV columns a people file must have; lang is optional.
var Columns = []string{"name", "title", "department", "email", "phone"}

// MaxPeople bounds a CSV file: past it, a run is refused rather than slow.
const MaxPeople = limits.People

// ReadCSV reads people from CSV with a header naming at least the Columns
// (in any order) and optionally lang. Other columns are ignored and returned
// so the caller can say so. Each person carries its line number.
func ReadCSV(r io.Reader) (people []Person, ignored []string, err error) {
	cr, err := csvin.NewReader(r)
	if err != nil {
		return nil, nil, err
	}
	head, err := cr.Read()
	if err == io.EOF {
		return nil, nil, fmt.Errorf("line 1: empty file: want a header %s", strings.Join(Columns, ","))
	}
	if err != nil {
		return nil, nil, fmt.Errorf("line 1: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; dup {
			return nil, nil, fmt.Errorf("line 1: column %q given twice", h)
		}
		col[h] = i
		known := h == "lang"
		for _, c := range Columns {
			known = known || h == c
		}
		if !known {
			ignored = append(ignored, h)
		}
	}
	var missing []string
	for _, c := range Columns {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("line 1: the header lacks %s (want %s, and optionally lang)", strings.Join(missing, ", "), strings.Join(Columns, ","))
	}
	get := func(rec []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, fmt.Errorf("line %d: %v", pe.Line, pe.Err)
			}
			return nil, nil, err
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(people) >= MaxPeople {
			return nil, nil, fmt.Errorf("line %d: more than %d people in one file", line, MaxPeople)
		}
		people = append(people, Person{
			Name: get(rec, "name"), Title: get(rec, "title"), Department: get(rec, "department"),
			Email: get(rec, "email"), Phone: get(rec, "phone"),
			Lang: brand.Lang(strings.ToLower(get(rec, "lang"))), Line: line,
		})
	}
	return people, ignored, nil
}

// ReadYAML reads one person from YAML with the keys name, title,
// department, email, phone and lang; other keys are errors.
func ReadYAML(data []byte) (Person, error) {
	var p struct {
		Name, Title, Department, Email, Phone, Lang string
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return Person{}, fmt.Errorf("%v", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return Person{Name: p.Name, Title: p.Title, Department: p.Department, Email: p.Email, Phone: p.Phone, Lang: brand.Lang(strings.ToLower(p.Lang))}, nil
}
