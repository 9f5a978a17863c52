package export

import (
	"encoding/xml"
	"io"
	"time"
)

// GraphML (graphml.graphdrawing.org): keys declared first, then nodes and edges with their
// data. networkx's read_graphml, Gephi, yEd and Cytoscape desktop read it. The elements are
// small typed structs given to encoding/xml one at a time.
const graphmlNS = "http://graphml.graphdrawing.org/xmlns"

type graphmlKey struct {
	XMLName xml.Name `xml:"key"`
	ID      string   `xml:"id,attr"`
	For     string   `xml:"for,attr"`
	Name    string   `xml:"attr.name,attr"`
	Type    string   `xml:"attr.type,attr"`
}

type graphmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type graphmlNode struct {
	XMLName xml.Name      `xml:"node"`
	ID      string        `xml:"id,attr"`
	Data    []graphmlData `xml:"data"`
}

type graphmlEdge struct {
	XMLName xml.Name      `xml:"edge"`
	ID      string        `xml:"id,attr"`
	Source  string        `xml:"source,attr"`
	Target  string        `xml:"target,attr"`
	Data    []graphmlData `xml:"data"`
}

type graphmlWriter struct{ enc *xml.Encoder }

// graphAttrs are the graph's own keys: what the file holds and on which clocks.
var graphAttrs = []string{"description", "asOf", "knownAt", "generated"}

func newGraphMLWriter(w io.Writer, m Meta) (*graphmlWriter, error) {
	g := &graphmlWriter{enc: xml.NewEncoder(w)}
	g.enc.Indent("", " ")
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return nil, err
	}
	root := xml.StartElement{Name: xml.Name{Local: "graphml"}, Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: graphmlNS}}}
	if err := g.enc.EncodeToken(root); err != nil {
		return nil, err
	}
	for _, name := range graphAttrs {
		if err := g.enc.Encode(graphmlKey{ID: "g_" + name, For: "graph", Name: name, Type: typeString}); err != nil {
			return nil, err
		}
	}
	for _, d := range nodeAttrs {
		if err := g.enc.Encode(graphmlKey{ID: "n_" + d.Name, For: "node", Name: d.Name, Type: d.Type}); err != nil {
			return nil, err
		}
	}
	for _, d := range edgeAttrs {
		if err := g.enc.Encode(graphmlKey{ID: "e_" + d.Name, For: "edge", Name: d.Name, Type: d.Type}); err != nil {
			return nil, err
		}
	}
	graph := xml.StartElement{Name: xml.Name{Local: "graph"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "id"}, Value: "diplograph"}, {Name: xml.Name{Local: "edgedefault"}, Value: "directed"}}}
	if err := g.enc.EncodeToken(graph); err != nil {
		return nil, err
	}
	values := []string{m.Description, dayString(m.AsOf), instant(m.KnownAt), instant(&m.Generated)}
	for i, name := range graphAttrs {
		if values[i] == "" {
			continue
		}
		if err := g.enc.Encode(struct {
			XMLName xml.Name `xml:"data"`
			graphmlData
		}{graphmlData: graphmlData{Key: "g_" + name, Value: values[i]}}); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// instant is a record-time instant in RFC 3339, "" for none.
func instant(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func graphmlValues(prefix string, attrs []attr) []graphmlData {
	out := make([]graphmlData, 0, len(attrs))
	for _, a := range attrs {
		if v := a.text(); v != "" {
			out = append(out, graphmlData{Key: prefix + a.def.Name, Value: v})
		}
	}
	return out
}

func (g *graphmlWriter) node(n node) error {
	return g.enc.Encode(graphmlNode{ID: n.ID, Data: graphmlValues("n_", n.Attrs)})
}

func (g *graphmlWriter) edges() error { return nil }

func (g *graphmlWriter) edge(e edge) error {
	return g.enc.Encode(graphmlEdge{ID: e.ID, Source: e.Source, Target: e.Target, Data: graphmlValues("e_", e.Attrs)})
}

func (g *graphmlWriter) close() error {
	if err := g.enc.EncodeToken(xml.EndElement{Name: xml.Name{Local: "graph"}}); err != nil {
		return err
	}
	if err := g.enc.EncodeToken(xml.EndElement{Name: xml.Name{Local: "graphml"}}); err != nil {
		return err
	}
	return g.enc.Close()
}
