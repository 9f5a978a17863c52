package export

import (
	"encoding/xml"
	"io"
	"strconv"
)

// GEXF 1.3 (gexf.net), the format Gephi and Gephi Lite open. The graph is dynamic with
// days as its time format, and each node and edge carries its valid time as a spell, so
// Gephi's timeline plays the graph as the sources date it. gonum only writes GEXF 1.2, and
// no Go module for 1.3 is served here, so the elements are small typed structs given to
// encoding/xml one at a time.
const (
	gexfNS     = "http://gexf.net/1.3"
	gexfSchema = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
)

type gexfMeta struct {
	XMLName      xml.Name `xml:"meta"`
	LastModified string   `xml:"lastmodifieddate,attr"`
	Creator      string   `xml:"creator"`
	Description  string   `xml:"description"`
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfAttributes struct {
	XMLName    xml.Name        `xml:"attributes"`
	Class      string          `xml:"class,attr"`
	Mode       string          `xml:"mode,attr"`
	Attributes []gexfAttribute `xml:"attribute"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

// gexfSpell is one interval; an open end is left out, as the schema allows.
type gexfSpell struct {
	Start string `xml:"start,attr,omitempty"`
	End   string `xml:"end,attr,omitempty"`
}

type gexfSpells struct {
	Spells []gexfSpell `xml:"spell"`
}

type gexfNode struct {
	XMLName xml.Name    `xml:"node"`
	ID      string      `xml:"id,attr"`
	Label   string      `xml:"label,attr"`
	Values  []gexfValue `xml:"attvalues>attvalue"`
	Spells  *gexfSpells `xml:"spells"`
}

type gexfEdge struct {
	XMLName xml.Name    `xml:"edge"`
	ID      string      `xml:"id,attr"`
	Source  string      `xml:"source,attr"`
	Target  string      `xml:"target,attr"`
	Label   string      `xml:"label,attr"`
	Weight  string      `xml:"weight,attr"`
	Values  []gexfValue `xml:"attvalues>attvalue"`
	Spells  *gexfSpells `xml:"spells"`
}

type gexfWriter struct{ enc *xml.Encoder }

func start(name string, attrs ...string) xml.StartElement {
	s := xml.StartElement{Name: xml.Name{Local: name}}
	for i := 0; i+1 < len(attrs); i += 2 {
		s.Attr = append(s.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
	}
	return s
}

func end(name string) xml.EndElement { return xml.EndElement{Name: xml.Name{Local: name}} }

func newGEXFWriter(w io.Writer, m Meta) (*gexfWriter, error) {
	g := &gexfWriter{enc: xml.NewEncoder(w)}
	g.enc.Indent("", " ")
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return nil, err
	}
	steps := []func() error{
		func() error {
			return g.enc.EncodeToken(start("gexf", "xmlns", gexfNS, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
				"xsi:schemaLocation", gexfSchema, "version", "1.3"))
		},
		func() error {
			return g.enc.Encode(gexfMeta{LastModified: m.Generated.UTC().Format(day), Creator: "diplograph", Description: m.Description})
		},
		func() error {
			return g.enc.EncodeToken(start("graph", "defaultedgetype", "directed", "mode", "dynamic",
				"timeformat", "date", "timerepresentation", "interval"))
		},
		func() error { return g.enc.Encode(gexfModel("node", nodeAttrs)) },
		func() error { return g.enc.Encode(gexfModel("edge", edgeAttrs)) },
		func() error { return g.enc.EncodeToken(start("nodes")) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// gexfModel declares attributes with their names as ids, so every reader, whether it keys
// values by id or by title, sees the same names.
func gexfModel(class string, defs []attrDef) gexfAttributes {
	a := gexfAttributes{Class: class, Mode: "static"}
	for _, d := range defs {
		a.Attributes = append(a.Attributes, gexfAttribute{ID: d.Name, Title: d.Name, Type: d.Type})
	}
	return a
}

func gexfValues(attrs []attr) []gexfValue {
	out := make([]gexfValue, 0, len(attrs))
	for _, a := range attrs {
		if v := a.text(); v != "" {
			out = append(out, gexfValue{For: a.def.Name, Value: v})
		}
	}
	return out
}

func gexfSpellsOf(s *spell) *gexfSpells {
	if s == nil {
		return nil
	}
	return &gexfSpells{Spells: []gexfSpell{{Start: s.Start, End: s.End}}}
}

func (g *gexfWriter) node(n node) error {
	return g.enc.Encode(gexfNode{ID: n.ID, Label: n.Label, Values: gexfValues(n.Attrs), Spells: gexfSpellsOf(n.Spell)})
}

func (g *gexfWriter) edges() error {
	if err := g.enc.EncodeToken(end("nodes")); err != nil {
		return err
	}
	return g.enc.EncodeToken(start("edges"))
}

// edge writes a fact; its weight is the confidence, which Gephi draws as thickness.
func (g *gexfWriter) edge(e edge) error {
	return g.enc.Encode(gexfEdge{ID: e.ID, Source: e.Source, Target: e.Target, Label: e.Label,
		Weight: strconv.FormatFloat(e.Confidence, 'g', -1, 64), Values: gexfValues(e.Attrs), Spells: gexfSpellsOf(e.Spell)})
}

func (g *gexfWriter) close() error {
	for _, name := range []string{"edges", "graph", "gexf"} {
		if err := g.enc.EncodeToken(end(name)); err != nil {
			return err
		}
	}
	return g.enc.Close()
}
