package export

import (
	"fmt"
	"io"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Format is an export format's name, as the HTTP path and the CLI's -format spell it.
type Format string

const (
	GraphML   Format = "graphml"
	GEXF      Format = "gexf"
	Cytoscape Format = "cytoscape"
	NodeLink  Format = "nodelink"
	CSV       Format = "csv"
)

// Formats lists the formats in documentation order: the allow-list.
var Formats = []Format{GEXF, GraphML, Cytoscape, NodeLink, CSV}

// ParseFormat accepts a format's name; BAD_USER_INPUT naming field otherwise.
func ParseFormat(field, s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", kg.FieldError(field, "%q is not an export format; use gexf, graphml, cytoscape, nodelink or csv", clip(s))
}

// ContentType is what an HTTP answer in the format says it is.
func (f Format) ContentType() string {
	switch f {
	case GraphML:
		return "application/graphml+xml; charset=utf-8"
	case GEXF:
		return "application/gexf+xml; charset=utf-8"
	case CSV:
		return "application/zip"
	}
	return "application/json; charset=utf-8"
}

// Extension is the file name's ending for the format.
func (f Format) Extension() string {
	switch f {
	case Cytoscape:
		return ".cyjs"
	case NodeLink:
		return ".json"
	case CSV:
		return ".zip"
	}
	return "." + string(f)
}

// Meta describes an export as a whole; formats that have graph attributes write it.
type Meta struct {
	// Description says what the file holds: the scope and its filters.
	Description string
	AsOf        *time.Time
	KnownAt     *time.Time
	Generated   time.Time
}

// Writer writes one export: every node first, then every edge, then Close. It never holds
// more than one node or edge, so memory does not grow with the export.
type Writer interface {
	Node(e *kg.Entity) error
	Edge(r *kg.Relation) error
	// Close ends the document; the output is incomplete without it.
	Close() error
}

// formatWriter is what each format implements; ordered enforces the order around it.
type formatWriter interface {
	node(n node) error
	edge(e edge) error
	// edges is called once, between the last node and the first edge (also when there are
	// none), so a format can close its node list.
	edges() error
	close() error
}

// NewWriter starts an export in format f on w.
func NewWriter(f Format, w io.Writer, m Meta) (Writer, error) {
	var fw formatWriter
	var err error
	switch f {
	case GraphML:
		fw, err = newGraphMLWriter(w, m)
	case GEXF:
		fw, err = newGEXFWriter(w, m)
	case Cytoscape:
		fw, err = newCytoscapeWriter(w, m)
	case NodeLink:
		fw, err = newNodeLinkWriter(w, m)
	case CSV:
		fw, err = newCSVWriter(w)
	default:
		return nil, kg.FieldError("format", "%q is not an export format", f)
	}
	if err != nil {
		return nil, err
	}
	return &ordered{w: fw, clocks: kg.Clocks{AsOf: m.AsOf, KnownAt: m.KnownAt}}, nil
}

// ordered turns Node/Edge/Close calls into the format's calls, refusing a node after an
// edge: the XML formats and the JSON lists cannot go back.
type ordered struct {
	w         formatWriter
	clocks    kg.Clocks // an event's status is read on both
	inEdges   bool
	closed    bool
	nodeCount int
}

func (o *ordered) Node(e *kg.Entity) error {
	if o.inEdges || o.closed {
		return fmt.Errorf("export: node %s after the edges began", e.ID)
	}
	o.nodeCount++
	return o.w.node(nodeOf(e, o.clocks))
}

func (o *ordered) Edge(r *kg.Relation) error {
	if o.closed {
		return fmt.Errorf("export: edge %s after Close", r.ID)
	}
	if !o.inEdges {
		o.inEdges = true
		if err := o.w.edges(); err != nil {
			return err
		}
	}
	return o.w.edge(edgeOf(r))
}

func (o *ordered) Close() error {
	if o.closed {
		return nil
	}
	if !o.inEdges {
		o.inEdges = true
		if err := o.w.edges(); err != nil {
			return err
		}
	}
	o.closed = true
	return o.w.close()
}

// clip shortens input echoed in an error message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
