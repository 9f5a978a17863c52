package export

import (
	"encoding/json"
	"io"

	"gonum.org/v1/gonum/graph/formats/cytoscapejs"
)

// The JSON formats are written element by element: the envelope is fixed text and each node
// or edge is one json.Marshal, so an export of any size streams.

// jsonListWriter writes "prefix" node, node, "middle" edge, edge, "suffix".
type jsonListWriter struct {
	w              io.Writer
	middle, suffix string
	n              int
	marshalNode    func(node) any
	marshalEdge    func(edge) any
}

func (j *jsonListWriter) write(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if j.n > 0 {
		b = append([]byte(",\n"), b...)
	}
	j.n++
	_, err = j.w.Write(b)
	return err
}

func (j *jsonListWriter) node(n node) error { return j.write(j.marshalNode(n)) }
func (j *jsonListWriter) edge(e edge) error { return j.write(j.marshalEdge(e)) }

func (j *jsonListWriter) edges() error {
	j.n = 0
	_, err := io.WriteString(j.w, j.middle)
	return err
}

func (j *jsonListWriter) close() error {
	_, err := io.WriteString(j.w, j.suffix)
	return err
}

// jsonAttrs is the attributes as a JSON object's members, lists as arrays.
func jsonAttrs(attrs []attr, into map[string]any) map[string]any {
	for _, a := range attrs {
		into[a.def.Name] = a.Value
	}
	return into
}

func graphData(m Meta) map[string]any {
	g := map[string]any{"name": "diplograph", "description": m.Description, "generated": instant(&m.Generated)}
	if m.AsOf != nil {
		g["asOf"] = dayString(m.AsOf)
	}
	if m.KnownAt != nil {
		g["knownAt"] = instant(m.KnownAt)
	}
	return g
}

func startJSON(w io.Writer, head map[string]any, open string) error {
	b, err := json.Marshal(head)
	if err != nil {
		return err
	}
	// head is an object; the lists follow as its last members.
	b = append(b[:len(b)-1], []byte(","+open)...)
	if len(head) == 0 {
		b = []byte("{" + open)
	}
	_, err = w.Write(b)
	return err
}

// newNodeLinkWriter writes networkx's node-link JSON with an "edges" key, which networkx
// 3.6's node_link_graph reads by default: a directed multigraph, each edge keyed by its
// fact id.
func newNodeLinkWriter(w io.Writer, m Meta) (*jsonListWriter, error) {
	head := map[string]any{"directed": true, "multigraph": true, "graph": graphData(m)}
	if err := startJSON(w, head, `"nodes":[`+"\n"); err != nil {
		return nil, err
	}
	return &jsonListWriter{w: w, middle: "\n],\n" + `"edges":[` + "\n", suffix: "\n]}\n",
		marshalNode: func(n node) any {
			return jsonAttrs(n.Attrs, map[string]any{"id": n.ID})
		},
		marshalEdge: func(e edge) any {
			return jsonAttrs(e.Attrs, map[string]any{"source": e.Source, "target": e.Target, "key": e.ID})
		},
	}, nil
}

// newCytoscapeWriter writes Cytoscape.js's cy.json() shape, elements split into nodes and
// edges, each element one of gonum's cytoscapejs types. Cytoscape desktop imports it too.
func newCytoscapeWriter(w io.Writer, m Meta) (*jsonListWriter, error) {
	head := map[string]any{"format_version": "1.0", "generated_by": "diplograph", "target_cytoscapejs_version": "~3", "data": graphData(m)}
	if err := startJSON(w, head, `"elements":{"nodes":[`+"\n"); err != nil {
		return nil, err
	}
	return &jsonListWriter{w: w, middle: "\n],\n" + `"edges":[` + "\n", suffix: "\n]}}\n",
		// Element rather than Node: its data leaves out an empty parent, which Cytoscape.js
		// would take for a compound node's id.
		marshalNode: func(n node) any {
			return &cytoscapejs.Element{Data: cytoscapejs.ElemData{ID: n.ID, Attributes: jsonAttrs(n.Attrs, map[string]any{})}}
		},
		marshalEdge: func(e edge) any {
			return &cytoscapejs.Element{Data: cytoscapejs.ElemData{ID: e.ID, Source: e.Source, Target: e.Target,
				Attributes: jsonAttrs(e.Attrs, map[string]any{})}}
		},
	}, nil
}
