package pdf

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"math"
	"sync"

	"affiches/internal/deflate"
	"affiches/internal/pdfdoc"
	"affiches/internal/render/page"
)

// xmp returns the document's XMP metadata: what the Info dictionary says
// (PDF/A wants them equal), the language, the PDF/UA-1 declaration and,
// for an archival file, the PDF/A-2a one with the extension schema that
// PDF/A asks for the pdfuaid property.
func xmp(info page.Info, lang string, archival bool) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"" +
		" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"")
	if archival {
		b.WriteString(" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"")
	}
	b.WriteString(">\n<dc:format>application/pdf</dc:format>\n")
	b.WriteString("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(info.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	if info.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(info.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if info.Subject != "" {
		b.WriteString("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(info.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	b.WriteString("<dc:language><rdf:Bag><rdf:li>" + esc(lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	b.WriteString("<pdf:Producer>" + producer + "</pdf:Producer>\n<xmp:CreatorTool>" + producer + "</xmp:CreatorTool>\n")
	b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	if archival {
		b.WriteString("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n")
	}
	b.WriteString("</rdf:Description>\n")
	if archival {
		b.WriteString(pdfuaExtension)
	}
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.Bytes()
}

// pdfuaExtension describes the pdfuaid schema, which PDF/A does not know.
const pdfuaExtension = `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`

// outputIntent adds the sRGB output intent of PDF/A files.
func outputIntent(f *pdfdoc.File) pdfdoc.Dict {
	profile := f.AddStream(&pdfdoc.Stream{
		Dict: pdfdoc.Dict{"N": pdfdoc.Int(3), "Filter": pdfdoc.Name("FlateDecode")},
		Data: srgbDeflated(),
	})
	return pdfdoc.Dict{
		"Type":                      pdfdoc.Name("OutputIntent"),
		"S":                         pdfdoc.Name("GTS_PDFA1"),
		"OutputConditionIdentifier": pdfdoc.Text("sRGB IEC61966-2.1"),
		"RegistryName":              pdfdoc.Text("http://www.color.org"),
		"Info":                      pdfdoc.Text("sRGB IEC61966-2.1"),
		"DestOutputProfile":         profile,
	}
}

var srgbDeflated = sync.OnceValue(func() []byte { return deflate.Bytes(SRGB()) })

// SRGB returns an ICC version 4 display profile of sRGB (IEC 61966-2.1),
// made here rather than copied, so it carries no one's copyright: the
// primaries adapted to D50 (Bradford, with the adaptation matrix), and the
// sRGB tone curve as the exact parametric curve, which keeps the profile
// under 500 bytes. PDF/A-2 takes ICC version 4 profiles.
func SRGB() []byte {
	s15 := func(b []byte, vs ...float64) []byte {
		for _, v := range vs {
			b = binary.BigEndian.AppendUint32(b, uint32(int32(math.Round(v*65536))))
		}
		return b
	}
	xyz := func(x, y, z float64) []byte { return s15([]byte("XYZ \x00\x00\x00\x00"), x, y, z) }
	mluc := func(s string) []byte {
		b := []byte("mluc\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x0cenUS")
		b = binary.BigEndian.AppendUint32(b, uint32(2*len(s)))
		b = binary.BigEndian.AppendUint32(b, 28)
		for _, r := range s { // ASCII
			b = append(b, 0, byte(r))
		}
		return b
	}
	// Y = (aX + b)^g from X = d, Y = cX below.
	curve := s15([]byte("para\x00\x00\x00\x00\x00\x03\x00\x00"), 2.4, 1/1.055, 0.055/1.055, 1/12.92, 0.04045)
	tags := []struct {
		sig  string
		data []byte
	}{
		{"desc", mluc("sRGB IEC61966-2.1")},
		{"cprt", mluc("No copyright, use freely")},
		{"wtpt", xyz(0.9642, 1, 0.8249)},
		{"chad", s15([]byte("sf32\x00\x00\x00\x00"),
			1.0478112, 0.0228866, -0.0501270,
			0.0295424, 0.9904844, -0.0170491,
			-0.0092345, 0.0150436, 0.7521316)},
		{"rXYZ", xyz(0.4360747, 0.2225045, 0.0139322)},
		{"gXYZ", xyz(0.3850649, 0.7168786, 0.0971045)},
		{"bXYZ", xyz(0.1430804, 0.0606169, 0.7141733)},
		{"rTRC", curve},
		{"gTRC", curve},
		{"bTRC", curve},
	}
	head := 128 + 4 + 12*len(tags)
	var data []byte
	offsets := make([]int, len(tags))
	for i, t := range tags {
		if i > 0 && t.sig[1:] == "TRC" && tags[i-1].sig[1:] == "TRC" {
			offsets[i] = offsets[i-1] // the three curves share one
			continue
		}
		offsets[i] = head + len(data)
		data = append(data, t.data...)
		for len(data)%4 != 0 {
			data = append(data, 0)
		}
	}
	size := head + len(data)
	b := make([]byte, 128, size)
	binary.BigEndian.PutUint32(b[0:], uint32(size))
	binary.BigEndian.PutUint32(b[8:], 0x04200000) // version 4.2
	copy(b[12:], "mntrRGB XYZ ")
	binary.BigEndian.PutUint16(b[24:], 2026) // date: 2026-01-01, fixed
	binary.BigEndian.PutUint16(b[26:], 1)
	binary.BigEndian.PutUint16(b[28:], 1)
	copy(b[36:], "acsp")
	s15(b[68:68], 0.9642, 1, 0.8249) // the PCS illuminant, D50
	b = binary.BigEndian.AppendUint32(b, uint32(len(tags)))
	for i, t := range tags {
		b = append(b, t.sig...)
		b = binary.BigEndian.AppendUint32(b, uint32(offsets[i]))
		b = binary.BigEndian.AppendUint32(b, uint32(len(t.data)))
	}
	return append(b, data...)
}
