package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// sample is a small graph with what the formats must carry faithfully: a partial date, a
// date known by one bound, an occurrence, a list attribute, and a quote with characters
// that XML, JSON and CSV each escape.
func sample() ([]*kg.Entity, []*kg.Relation) {
	meeting := kg.MustDate("2025-12-02")
	from := kg.MustDate("2022-02")
	upTo := kg.MustDate("../2026-01-21")
	ents := []*kg.Entity{
		{ID: "person/vladimir-putin", Kind: kg.KindPerson, Name: "Vladimir Putin", Aliases: []string{"Putin"},
			ExternalIDs: []kg.ExternalID{{System: "wikidata", ID: "Q7747"}}},
		{ID: "country/russia", Kind: kg.KindCountry, Name: "Russia"},
		{ID: "event/moscow-meeting", Kind: kg.KindEvent, Name: "Moscow meeting", Date: &meeting,
			Statuses: []kg.EventStatusEntry{{Status: kg.EventHeld, Since: &meeting}}},
	}
	rels := []*kg.Relation{
		{ID: "rel/leads/1", From: "person/vladimir-putin", To: "country/russia", Type: "LEADS", Role: "president",
			ValidFrom: &from, Confidence: 0.95, Status: kg.StatusAsserted, Basis: kg.BasisStated,
			Evidence: []kg.Evidence{{SourceID: "source/a", Quote: `He said "peace <soon> & now", then left`}, {SourceID: "source/b", Quote: "second"}}},
		{ID: "rel/participated_in/2", From: "person/vladimir-putin", To: "event/moscow-meeting", Type: "PARTICIPATED_IN",
			ValidFrom: &meeting, ValidTo: &meeting, Confidence: 0.9, Status: kg.StatusReported, Basis: kg.BasisStated},
		{ID: "rel/negotiates_with/3", From: "country/russia", To: "event/moscow-meeting", Type: "NEGOTIATES_WITH",
			ValidTo: &upTo, Confidence: 0.6, Status: kg.StatusDisputed, Basis: kg.BasisInferred, BasisNote: "read so"},
	}
	return ents, rels
}

func render(t *testing.T, f Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	asOf := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	w, err := NewWriter(f, &buf, Meta{Description: "test export", AsOf: &asOf, Generated: time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	ents, rels := sample()
	for _, e := range ents {
		if err := w.Node(e); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range rels {
		if err := w.Edge(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xmlDoc is a generic XML tree, so the tests read the files as any reader would.
type xmlDoc struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []xmlDoc   `xml:",any"`
}

func (d xmlDoc) attr(name string) string {
	for _, a := range d.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (d xmlDoc) all(name string) []xmlDoc {
	var out []xmlDoc
	for _, c := range d.Children {
		if c.XMLName.Local == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

func parseXML(t *testing.T, b []byte) xmlDoc {
	t.Helper()
	var d xmlDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b)
	}
	return d
}

func TestGEXF_DynamicWithSpellsAndProvenance(t *testing.T) {
	d := parseXML(t, render(t, GEXF))
	if d.XMLName.Space != gexfNS || d.attr("version") != "1.3" {
		t.Fatalf("root %v version %q, want GEXF 1.3", d.XMLName, d.attr("version"))
	}
	g := d.all("graph")[0]
	for k, want := range map[string]string{"mode": "dynamic", "timeformat": "date", "defaultedgetype": "directed"} {
		if g.attr(k) != want {
			t.Errorf("graph %s=%q, want %q", k, g.attr(k), want)
		}
	}
	nodes, edges := d.all("node"), d.all("edge")
	if len(nodes) != 3 || len(edges) != 3 {
		t.Fatalf("%d nodes, %d edges; want 3, 3", len(nodes), len(edges))
	}
	values := func(x xmlDoc) map[string]string {
		m := map[string]string{}
		for _, v := range x.all("attvalue") {
			m[v.attr("for")] = v.attr("value")
		}
		return m
	}
	spell := func(x xmlDoc) (string, string, bool) {
		s := x.all("spell")
		if len(s) == 0 {
			return "", "", false
		}
		return s[0].attr("start"), s[0].attr("end"), true
	}
	leads := values(edges[0])
	var quotes []string
	if err := json.Unmarshal([]byte(leads["quotes"]), &quotes); err != nil || quotes[0] != `He said "peace <soon> & now", then left` {
		t.Errorf("quotes %q (%v): the list must come back as a JSON string of the verbatim quotes", leads["quotes"], err)
	}
	if leads["relType"] != "LEADS" || leads["confidence"] != "0.95" || leads["validFrom"] != "2022-02" ||
		leads["validFromPrecision"] != "MONTH" || leads["sources"] != `["source/a","source/b"]` || leads["role"] != "president" {
		t.Errorf("LEADS attributes %v", leads)
	}
	if edges[0].attr("label") != "LEADS" || edges[0].attr("weight") != "0.95" || edges[0].attr("id") != "rel/leads/1" {
		t.Errorf("edge attributes %v", edges[0].Attrs)
	}
	// A month-precise start opens the spell on the month's first day; no end: open.
	if s, e, ok := spell(edges[0]); !ok || s != "2022-02-01" || e != "" {
		t.Errorf("LEADS spell %q..%q (%v), want 2022-02-01..open", s, e, ok)
	}
	// An occurrence stays on the timeline from its day on, as asOf reads see it.
	if s, e, _ := spell(edges[1]); s != "2025-12-02" || e != "" {
		t.Errorf("meeting spell %q..%q, want 2025-12-02..open", s, e)
	}
	// A date known only as "not after 2026-01-21" ends the spell then; its start is open.
	neg := values(edges[2])
	if s, e, _ := spell(edges[2]); s != "" || e != "2026-01-21" || neg["validToBounded"] != "true" || neg["validTo"] != "../2026-01-21" {
		t.Errorf("bounded spell %q..%q, attributes %v", s, e, neg)
	}
	if s, _, ok := spell(nodes[2]); !ok || s != "2025-12-02" || values(nodes[2])["eventStatus"] != "held" {
		t.Errorf("event node: spell %q, attributes %v", s, values(nodes[2]))
	}
	if _, _, ok := spell(nodes[0]); ok {
		t.Error("an undated person has a spell; it should be on the timeline always")
	}
	for _, a := range d.all("attribute") {
		switch a.attr("title") {
		case "id", "label", "start", "end", "pid", "type", "kind", "weight":
			t.Errorf("attribute %q is a name networkx reserves", a.attr("title"))
		}
	}
}

func TestGraphML_KeysAndData(t *testing.T) {
	d := parseXML(t, render(t, GraphML))
	if d.XMLName.Space != graphmlNS {
		t.Fatalf("namespace %q", d.XMLName.Space)
	}
	keys := map[string]xmlDoc{}
	for _, k := range d.all("key") {
		keys[k.attr("id")] = k
	}
	if k := keys["e_confidence"]; k.attr("attr.type") != "double" || k.attr("for") != "edge" || k.attr("attr.name") != "confidence" {
		t.Errorf("confidence key %v", k.Attrs)
	}
	edges := d.all("edge")
	if len(d.all("node")) != 3 || len(edges) != 3 {
		t.Fatalf("%d nodes, %d edges", len(d.all("node")), len(edges))
	}
	if edges[0].attr("source") != "person/vladimir-putin" || edges[0].attr("target") != "country/russia" || edges[0].attr("id") != "rel/leads/1" {
		t.Errorf("edge %v", edges[0].Attrs)
	}
	var data []string
	type datum struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
	var e struct {
		Data []datum `xml:"data"`
	}
	// The generic tree drops character data: read the first edge's data elements again.
	raw := render(t, GraphML)
	i := bytes.Index(raw, []byte(`<edge id="rel/leads/1"`))
	j := bytes.Index(raw[i:], []byte(`</edge>`))
	if err := xml.Unmarshal(raw[i:i+j+len("</edge>")], &e); err != nil {
		t.Fatal(err)
	}
	for _, x := range e.Data {
		data = append(data, x.Key+"="+x.Value)
	}
	got := strings.Join(data, "\n")
	for _, want := range []string{"e_relType=LEADS", "e_confidence=0.95", "e_validFromBounded=false", `e_quotes=["He said \"peace <soon> & now\", then left","second"]`} {
		if !strings.Contains(got, want) {
			t.Errorf("edge data lacks %s:\n%s", want, got)
		}
	}
}

func TestNodeLink_NetworkxShape(t *testing.T) {
	var d struct {
		Directed   bool             `json:"directed"`
		Multigraph bool             `json:"multigraph"`
		Graph      map[string]any   `json:"graph"`
		Nodes      []map[string]any `json:"nodes"`
		Edges      []map[string]any `json:"edges"`
	}
	b := render(t, NodeLink)
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	if !d.Directed || !d.Multigraph || len(d.Nodes) != 3 || len(d.Edges) != 3 || d.Graph["asOf"] != "2026-01-01" {
		t.Fatalf("shape: %+v", d)
	}
	e := d.Edges[0]
	if e["source"] != "person/vladimir-putin" || e["key"] != "rel/leads/1" || e["confidence"] != 0.95 {
		t.Errorf("edge %v", e)
	}
	if q, ok := e["quotes"].([]any); !ok || len(q) != 2 {
		t.Errorf("quotes %#v: a list stays a list in JSON", e["quotes"])
	}
}

func TestCytoscape_ElementsShape(t *testing.T) {
	var d struct {
		Elements struct {
			Nodes []struct {
				Data map[string]any `json:"data"`
			} `json:"nodes"`
			Edges []struct {
				Data map[string]any `json:"data"`
			} `json:"edges"`
		} `json:"elements"`
	}
	b := render(t, Cytoscape)
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	if len(d.Elements.Nodes) != 3 || len(d.Elements.Edges) != 3 {
		t.Fatalf("%s", b)
	}
	n, e := d.Elements.Nodes[0].Data, d.Elements.Edges[1].Data
	if n["id"] != "person/vladimir-putin" || n["name"] != "Vladimir Putin" || n["parent"] != nil {
		t.Errorf("node data %v (an empty parent would make a compound node)", n)
	}
	if e["source"] != "person/vladimir-putin" || e["target"] != "event/moscow-meeting" || e["relType"] != "PARTICIPATED_IN" {
		t.Errorf("edge data %v", e)
	}
}

func TestCSV_TwoTablesInAZip(t *testing.T) {
	b := render(t, CSV)
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string][][]string{}
	for _, f := range z.File {
		r, _ := f.Open()
		rows, err := csv.NewReader(r).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		tables[f.Name] = rows
	}
	nodes, edges := tables["nodes.csv"], tables["edges.csv"]
	if len(nodes) != 4 || len(edges) != 4 {
		t.Fatalf("nodes %d rows, edges %d rows (with headers); want 4 and 4", len(nodes), len(edges))
	}
	col := func(rows [][]string, name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s in %v", name, rows[0])
		return -1
	}
	if edges[1][col(edges, "quotes")] != `["He said \"peace <soon> & now\", then left","second"]` || edges[1][col(edges, "source")] != "person/vladimir-putin" {
		t.Errorf("edge row %v", edges[1])
	}
	if nodes[1][col(nodes, "aliases")] != `["Putin"]` {
		t.Errorf("node row %v", nodes[1])
	}
}

func TestWriter_NodesBeforeEdges(t *testing.T) {
	ents, rels := sample()
	w, _ := NewWriter(GEXF, &bytes.Buffer{}, Meta{})
	_ = w.Edge(rels[0])
	if err := w.Node(ents[0]); err == nil {
		t.Error("a node after an edge was accepted; the file would be malformed")
	}
}
