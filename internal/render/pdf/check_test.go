package pdf

import (
	"bytes"
	"testing"
)

// checkTagged runs, on a PDF of this package, the checks of PDF/UA-1 that a
// validator such as veraPDF makes on structure, and that need no external
// tool:
//   - the catalog is marked, has a language, a structure tree, metadata
//     declaring PDF/UA-1, and asks viewers to show the title;
//   - every painting operator of a page lies in exactly one marked-content
//     sequence, tagged with an MCID or an artifact, never one inside the
//     other; a form's operators lie in its own marked content, and a form
//     has no MCID (it is placed in the structure by the page's sequence
//     around it);
//   - every MCID of a page is used once, and the parent tree maps it to
//     the structure element that holds it, and nothing else;
//   - every annotation is a Link's object reference, its parent tree entry
//     is that Link, and it has Contents;
//   - every figure has alternative text, every element's /P is its parent.
func checkTagged(t *testing.T, data []byte) *pdfFile {
	t.Helper()
	f := readPDF(t, data)
	cat := f.resolve(&value{kind: 'R', ref: f.root})
	if cat.get("Type").name() != "Catalog" {
		t.Fatal("no catalog")
	}
	if m := f.resolve(cat.get("MarkInfo")); m.get("Marked") == nil || string(m.get("Marked").raw) != "true" {
		t.Error("catalog: /MarkInfo /Marked is not true")
	}
	if cat.get("Lang").text() == "" {
		t.Error("catalog: no /Lang")
	}
	if vp := f.resolve(cat.get("ViewerPreferences")); vp.get("DisplayDocTitle") == nil || string(vp.get("DisplayDocTitle").raw) != "true" {
		t.Error("catalog: no /DisplayDocTitle true")
	}
	if md := cat.get("Metadata"); md == nil || !bytes.Contains(f.objs[md.ref].data, []byte("<pdfuaid:part>1</pdfuaid:part>")) {
		t.Error("catalog: no metadata declaring PDF/UA-1")
	}
	str := f.resolve(cat.get("StructTreeRoot"))
	if str.get("Type").name() != "StructTreeRoot" {
		t.Fatal("catalog: no structure tree")
	}

	// The parent tree.
	parents := map[int]*value{}
	maxKey := -1
	nums := f.resolve(f.resolve(str.get("ParentTree")).get("Nums"))
	for i := 0; i+1 < len(nums.arr); i += 2 {
		k := nums.arr[i].int(t)
		parents[k] = nums.arr[i+1]
		maxKey = max(maxKey, k)
	}
	if next := str.get("ParentTreeNextKey"); next == nil || next.int(t) <= maxKey {
		t.Errorf("ParentTreeNextKey is not past the last key %d", maxKey)
	}

	// The structure tree: every element's parent, its MCIDs by page.
	type mcr struct{ page, mcid int }
	owner := map[mcr]int{} // MCID → the element holding it
	objr := map[int]int{}  // annotation → the element holding it
	var walk func(ref int, parent int)
	walk = func(ref, parent int) {
		e := f.objs[ref].v
		if e.get("P").ref != parent {
			t.Errorf("element %d: /P %d, want %d", ref, e.get("P").ref, parent)
		}
		if e.get("S").name() == "Figure" && e.get("Alt").text() == "" {
			t.Errorf("figure %d has no /Alt", ref)
		}
		pg := 0
		if p := e.get("Pg"); p != nil {
			pg = p.ref
		}
		kids := e.get("K")
		var list []*value
		switch {
		case kids == nil:
		case kids.kind == 'a':
			list = kids.arr
		default:
			list = []*value{kids}
		}
		for _, k := range list {
			switch {
			case k.kind == 'R':
				walk(k.ref, ref)
			case k.kind == 'd' && k.get("Type").name() == "MCR":
				owner[mcr{k.get("Pg").ref, k.get("MCID").int(t)}] = ref
			case k.kind == 'd' && k.get("Type").name() == "OBJR":
				objr[k.get("Obj").ref] = ref
			case k.kind == 'r':
				if pg == 0 {
					t.Errorf("element %d has an MCID and no /Pg", ref)
				}
				key := mcr{pg, k.int(t)}
				if _, dup := owner[key]; dup {
					t.Errorf("MCID %v is held twice", key)
				}
				owner[key] = ref
			}
		}
	}
	walk(str.get("K").ref, cat.get("StructTreeRoot").ref)

	// The pages.
	var pages []int
	var kidsOf func(v *value)
	kidsOf = func(v *value) {
		n := f.resolve(v)
		if n.get("Type").name() == "Page" {
			pages = append(pages, v.ref)
			return
		}
		for _, k := range n.get("Kids").arr {
			kidsOf(k)
		}
	}
	kidsOf(cat.get("Pages"))
	used := map[mcr]int{}
	for _, pg := range pages {
		p := f.objs[pg].v
		res := f.resolve(p.get("Resources"))
		forms := map[string]*value{}
		if xo := f.resolve(res.get("XObject")); xo != nil {
			for name, r := range xo.dict {
				forms[name] = r
			}
		}
		checkContent(t, f, ops(t, f.objs[p.get("Contents").ref].data), forms, func(mcid int) { used[mcr{pg, mcid}]++ })
		// Its parent tree entry.
		sp := p.get("StructParents")
		var arr *value
		if sp != nil {
			arr = f.resolve(parents[sp.int(t)])
		}
		n := 0
		for k, c := range used {
			if k.page != pg {
				continue
			}
			n++
			if c != 1 {
				t.Errorf("page %d: MCID %d marks %d sequences", pg, k.mcid, c)
			}
			if arr == nil || k.mcid >= len(arr.arr) || arr.arr[k.mcid].ref != owner[k] || owner[k] == 0 {
				t.Errorf("page %d: MCID %d: the parent tree does not give the element that holds it (%d)", pg, k.mcid, owner[k])
			}
		}
		if arr != nil && len(arr.arr) != n {
			t.Errorf("page %d: the parent tree has %d MCIDs, the content %d", pg, len(arr.arr), n)
		}
		// Annotations.
		annots := f.resolve(p.get("Annots"))
		if annots != nil && p.get("Tabs").name() != "S" {
			t.Errorf("page %d has annotations and no /Tabs /S", pg)
		}
		for _, a := range annotsOf(annots) {
			ad := f.objs[a.ref].v
			if ad.get("Contents").text() == "" {
				t.Errorf("annotation %d has no /Contents", a.ref)
			}
			link := objr[a.ref]
			if link == 0 || f.objs[link].v.get("S").name() != "Link" {
				t.Errorf("annotation %d is not the object of a Link element", a.ref)
			}
			if sp := ad.get("StructParent"); sp == nil || parents[sp.int(t)] == nil || parents[sp.int(t)].ref != link {
				t.Errorf("annotation %d: its parent tree entry is not its Link", a.ref)
			}
		}
	}
	for k := range owner {
		if used[k] == 0 {
			t.Errorf("MCID %v of the structure tree marks no content", k)
		}
	}
	return f
}

func annotsOf(v *value) []*value {
	if v == nil {
		return nil
	}
	return v.arr
}

// painting operators: those that put marks on the page.
var painting = map[string]bool{"f": true, "F": true, "f*": true, "B": true, "B*": true, "b": true, "b*": true, "S": true, "s": true,
	"Tj": true, "TJ": true, "'": true, "\"": true, "Do": true, "sh": true, "BI": true}

// checkContent checks that each painting operator of a content stream lies
// in one marked-content sequence, MCID or artifact, not nested in another;
// mcid is called with each MCID.
func checkContent(t *testing.T, f *pdfFile, content []op, forms map[string]*value, mcid func(int)) {
	t.Helper()
	type mark struct {
		tagged, artifact bool
	}
	var stack []mark
	inTagged := func() bool {
		for _, m := range stack {
			if m.tagged {
				return true
			}
		}
		return false
	}
	inArtifact := func() bool {
		for _, m := range stack {
			if m.artifact {
				return true
			}
		}
		return false
	}
	for _, o := range content {
		switch o.name {
		case "BMC", "BDC":
			m := mark{artifact: o.args[0].name() == "Artifact"}
			if o.name == "BDC" {
				if id := o.args[1].get("MCID"); id != nil {
					m.tagged = true
					if mcid == nil {
						t.Errorf("an MCID in a form")
					} else {
						mcid(id.int(t))
					}
				}
			}
			if m.tagged && (inTagged() || inArtifact()) || m.artifact && inTagged() {
				t.Errorf("%s %s nested in tagged content or an artifact", o.args[0].raw, o.name)
			}
			stack = append(stack, m)
		case "EMC":
			if len(stack) == 0 {
				t.Errorf("EMC without BMC or BDC")
				continue
			}
			stack = stack[:len(stack)-1]
		default:
			if !painting[o.name] {
				continue
			}
			if mcid != nil && !inTagged() && !inArtifact() {
				t.Errorf("%s outside tagged content and artifacts", o.name)
			}
			if mcid == nil && len(stack) == 0 {
				t.Errorf("%s in a form outside its marked content", o.name)
			}
			if o.name == "Do" {
				x := forms[o.args[0].name()]
				xo := f.objs[x.ref]
				if xo.v.get("Subtype").name() == "Form" {
					inner := map[string]*value{}
					if xr := f.resolve(f.resolve(xo.v.get("Resources")).get("XObject")); xr != nil {
						inner = xr.dict
					}
					checkContent(t, f, ops(t, xo.data), inner, nil)
				}
			}
		}
	}
	if len(stack) != 0 {
		t.Errorf("%d marked-content sequences left open", len(stack))
	}
}
