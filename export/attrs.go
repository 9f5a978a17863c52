// Package export writes a part of the knowledge graph in the formats analysts open it in:
// GraphML, GEXF 1.3 (with valid time as spells, so Gephi's timeline plays), Cytoscape.js
// JSON, networkx node-link JSON and CSV (two tables in a zip). Every edge carries the
// provenance of its fact. Writers take one node or edge at a time, so an export streams
// from the store to the client (docs/exports.md).
package export

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// An attribute's type, in the words GraphML and GEXF both use.
const (
	typeString  = "string"
	typeDouble  = "double"
	typeBoolean = "boolean"
)

// attrDef declares one attribute of every node or of every edge. The names avoid those
// readers reserve: networkx's GEXF reader and writer take id, label, start, end, pid, type,
// kind and weight as XML attributes of their own, so a fact's type is relType, an entity's
// kind entityKind, and valid time validFrom/validTo.
type attrDef struct {
	Name string
	Type string
	// List marks a list: a JSON string in formats that have no lists (GraphML, GEXF, CSV),
	// a JSON array in those that do (Cytoscape.js, node-link).
	List bool
}

// attr is one attribute's value for one node or edge. Value is a string, a float64, a bool
// or a []string (List).
type attr struct {
	def   *attrDef
	Value any
}

// nodeAttrs and edgeAttrs are the schema, in the order every format writes it.
var nodeAttrs = []attrDef{
	{Name: "name", Type: typeString},
	{Name: "entityKind", Type: typeString},
	{Name: "description", Type: typeString},
	{Name: "aliases", Type: typeString, List: true},
	{Name: "externalIds", Type: typeString, List: true},
	// An event's date, or a body's founding, as the sources give it, and its span.
	{Name: "date", Type: typeString},
	{Name: "datePrecision", Type: typeString},
	{Name: "dateFirstDay", Type: typeString},
	{Name: "dateLastDay", Type: typeString},
	// An event's status on the export's asOf (any day: the latest).
	{Name: "eventStatus", Type: typeString},
	// A source's metadata.
	{Name: "author", Type: typeString},
	{Name: "publisher", Type: typeString},
	{Name: "url", Type: typeString},
	{Name: "published", Type: typeString},
}

var edgeAttrs = []attrDef{
	{Name: "factId", Type: typeString},
	{Name: "relType", Type: typeString},
	{Name: "role", Type: typeString},
	{Name: "confidence", Type: typeDouble},
	{Name: "status", Type: typeString},
	{Name: "basis", Type: typeString},
	{Name: "basisNote", Type: typeString},
	{Name: "sources", Type: typeString, List: true},
	{Name: "quotes", Type: typeString, List: true},
	// Valid time as the sources give it ("2022-02", "../2026-01-21"), its precision, whether
	// it is known only by bounds, and the first and last day it may mean ("" when open).
	{Name: "validFrom", Type: typeString},
	{Name: "validFromPrecision", Type: typeString},
	{Name: "validFromBounded", Type: typeBoolean},
	{Name: "validTo", Type: typeString},
	{Name: "validToPrecision", Type: typeString},
	{Name: "validToBounded", Type: typeBoolean},
	{Name: "validFirstDay", Type: typeString},
	{Name: "validLastDay", Type: typeString},
}

func defOf(defs []attrDef, name string) *attrDef {
	for i := range defs {
		if defs[i].Name == name {
			return &defs[i]
		}
	}
	panic("export: no attribute " + name)
}

// node is an entity as every format writes it.
type node struct {
	ID    string
	Label string
	Attrs []attr
	// Spell is when the node is on Gephi's timeline: from its date on, or always (nil).
	Spell *spell
}

// edge is a fact as every format writes it.
type edge struct {
	ID, Source, Target, Label string
	Confidence                float64
	Attrs                     []attr
	Spell                     *spell
}

// spell is an interval of days, either end open (""), in ISO form.
type spell struct{ Start, End string }

const day = "2006-01-02"

func dayString(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(day)
}

// nodeOf maps an entity to its attributes; asOf picks an event's status.
func nodeOf(e *kg.Entity, at kg.Clocks) node {
	n := node{ID: e.ID, Label: e.Name}
	put := func(name string, v any) { n.Attrs = append(n.Attrs, attr{def: defOf(nodeAttrs, name), Value: v}) }
	put("name", e.Name)
	put("entityKind", string(e.Kind))
	put("description", e.Description)
	put("aliases", nonNil(e.Aliases))
	ext := []string{}
	for _, x := range e.ExternalIDs {
		ext = append(ext, x.System+":"+x.ID)
	}
	put("externalIds", ext)
	date, prec, first, last := dateAttrs(e.Date)
	put("date", date)
	put("datePrecision", prec)
	put("dateFirstDay", first)
	put("dateLastDay", last)
	status := ""
	if st := e.StatusOn(at.AsOf, at.KnownAt); st != nil {
		status = string(st.Status)
	}
	put("eventStatus", status)
	put("author", e.Author)
	put("publisher", e.Publisher)
	put("url", e.URL)
	published, _, _, _ := dateAttrs(e.Published)
	put("published", published)
	// An entity is visible from the first day its date may mean (cypher/visibility.go's
	// entity rule), and stays: a held meeting is history, not a state that ended.
	if first != "" {
		n.Spell = &spell{Start: first}
	}
	return n
}

// edgeOf maps a fact to its attributes, provenance included.
func edgeOf(r *kg.Relation) edge {
	e := edge{ID: r.ID, Source: r.From, Target: r.To, Label: string(r.Type), Confidence: r.Confidence}
	put := func(name string, v any) { e.Attrs = append(e.Attrs, attr{def: defOf(edgeAttrs, name), Value: v}) }
	put("factId", r.ID)
	put("relType", string(r.Type))
	put("role", r.Role)
	put("confidence", r.Confidence)
	put("status", string(r.Status))
	put("basis", string(r.Basis))
	put("basisNote", r.BasisNote)
	sources, quotes := []string{}, []string{}
	for _, ev := range r.Evidence {
		sources, quotes = append(sources, ev.SourceID), append(quotes, ev.Quote)
	}
	put("sources", sources)
	put("quotes", quotes)
	from, fromPrec, fromFirst, _ := dateAttrs(r.ValidFrom)
	to, toPrec, _, toLast := dateAttrs(r.ValidTo)
	put("validFrom", from)
	put("validFromPrecision", fromPrec)
	put("validFromBounded", r.ValidFrom != nil && r.ValidFrom.Bounded)
	put("validTo", to)
	put("validToPrecision", toPrec)
	put("validToBounded", r.ValidTo != nil && r.ValidTo.Bounded)
	put("validFirstDay", fromFirst)
	put("validLastDay", toLast)
	// The spell is the days on which an asOf read shows the fact: from the first day its
	// start may mean to the last day its end may mean; an occurrence (a meeting, a
	// statement) stays from its first day on, as the visibility rule has it.
	if occurrence(r.Type) {
		toLast = ""
	}
	if fromFirst != "" || toLast != "" {
		e.Spell = &spell{Start: fromFirst, End: toLast}
	}
	return e
}

func occurrence(t kg.RelationType) bool {
	for _, o := range kg.Occurrences {
		if o == t {
			return true
		}
	}
	return false
}

// dateAttrs gives a date as written, its precision, and its first and last day; "" for
// what is unknown or open.
func dateAttrs(d *kg.PartialDate) (value, precision, first, last string) {
	if d == nil || d.IsZero() {
		return "", "", "", ""
	}
	return d.String(), string(d.Precision), dayString(d.FirstDay()), dayString(d.LastDay())
}

// jsonString is v as compact JSON, quotes' < > & left as they are.
func jsonString(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSuffix(b.String(), "\n")
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// flat is an attribute's value for a format without lists: a list becomes a JSON string.
func (a attr) flat() any {
	if l, ok := a.Value.([]string); ok {
		return jsonString(l)
	}
	return a.Value
}

// text is an attribute's value as XML or CSV text.
func (a attr) text() string {
	switch v := a.flat().(type) {
	case string:
		return v
	case bool:
		if v {
			return "true"
		}
		return "false"
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return ""
}
