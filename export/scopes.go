package export

import (
	"context"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

// Reader is what an export reads: the store's existing reads, which apply the visibility
// rule (cypher/visibility.go) to every entity and fact they return.
type Reader interface {
	kg.EntityReader
	kg.RelationReader
	kg.Analyst
}

// Counts is how much an export wrote.
type Counts struct{ Nodes, Edges int }

// Progress is told, after every page, how far the export is: done of total steps (each
// entity counts twice: once written, once its facts read) and what was written so far.
type Progress func(done, total int, c Counts)

// pageSize is how many entities one read of a paged scope returns, and how many entities'
// facts one RelationsOf call reads: large enough that round trips do not dominate, small
// enough that a page is a few megabytes.
const pageSize = 1000

// Run reads the request's scope from s and writes it to w, then closes w. The whole graph,
// a track and a conflict are read a page at a time and written as they are read; the other
// scopes are bounded (a neighbourhood, some paths, a list of ids) and read in one go.
func Run(ctx context.Context, s Reader, r Request, w Writer, progress Progress) (Counts, error) {
	if progress == nil {
		progress = func(int, int, Counts) {}
	}
	var c Counts
	var err error
	switch r.Scope {
	case ScopeAll, ScopeTrack, ScopeConflict:
		c, err = runPaged(ctx, s, r, w, progress)
	default:
		var g *subgraph
		if g, err = readBounded(ctx, s, r); err == nil {
			c, err = g.write(r, w)
			progress(1, 1, c)
		}
	}
	if err != nil {
		return c, err
	}
	return c, w.Close()
}

// runPaged writes every entity of the scope, page by page, then their facts, page by page:
// each fact once, read from its start node, and only when its other end is in the scope.
// What it holds between the two passes is the entities' ids, tens of bytes each.
func runPaged(ctx context.Context, s Reader, r Request, w Writer, progress Progress) (Counts, error) {
	f := kg.EntityFilter{Kinds: r.Kinds, Clocks: r.Clocks, Sort: kg.SortByName}
	switch r.Scope {
	case ScopeTrack:
		f.Track = r.ID
	case ScopeConflict:
		f.Conflict = r.ID
	}
	if r.ID != "" {
		if _, err := s.Entity(ctx, r.ID, r.KnownAt); err != nil {
			return Counts{}, err
		}
	}
	var c Counts
	var ids []string
	inScope := map[string]bool{}
	total := 0
	after := ""
	for {
		page, err := s.Entities(ctx, f, kg.PageRequest{First: pageSize, After: after, WantTotal: after == ""})
		if err != nil {
			return c, err
		}
		if page.TotalCount != nil {
			total = *page.TotalCount
		}
		for _, e := range page.Items {
			if err := w.Node(e); err != nil {
				return c, err
			}
			ids = append(ids, e.ID)
			inScope[e.ID] = true
			c.Nodes++
		}
		progress(c.Nodes, 2*max(total, c.Nodes), c)
		if !page.HasNext || len(page.Cursors) == 0 {
			break
		}
		after = page.Cursors[len(page.Cursors)-1]
	}
	rf := kg.RelationFilter{Types: r.Types, Direction: kg.DirectionOut, CounterpartKinds: r.Kinds,
		MinConfidence: r.MinConfidence, Clocks: r.Clocks}
	for start := 0; start < len(ids); start += pageSize {
		batch := ids[start:min(start+pageSize, len(ids))]
		rels, err := s.RelationsOf(ctx, batch, rf)
		if err != nil {
			return c, err
		}
		for _, id := range batch {
			for _, rv := range rels[id] {
				if rv.From != id || !inScope[rv.To] {
					continue
				}
				if err := w.Edge(rv.Relation); err != nil {
					return c, err
				}
				c.Edges++
			}
		}
		progress(len(ids)+start+len(batch), 2*len(ids), c)
	}
	return c, nil
}

// subgraph is a bounded scope's entities and facts, each once, in the order first met.
type subgraph struct {
	nodes []*kg.Entity
	edges []*kg.Relation
	seenN map[string]bool
	seenE map[string]bool
}

func newSubgraph() *subgraph { return &subgraph{seenN: map[string]bool{}, seenE: map[string]bool{}} }

func (g *subgraph) node(e *kg.Entity) {
	if e != nil && !g.seenN[e.ID] {
		g.seenN[e.ID] = true
		g.nodes = append(g.nodes, e)
	}
}

func (g *subgraph) edge(rv kg.RelationView) {
	if rv.Relation != nil && !g.seenE[rv.ID] {
		g.seenE[rv.ID] = true
		g.edges = append(g.edges, rv.Relation)
	}
}

func (g *subgraph) view(rv kg.RelationView) {
	g.node(rv.FromEntity)
	g.node(rv.ToEntity)
	g.edge(rv)
}

// write applies the filters that a bounded read did not (kinds, relation types, minimum
// confidence) and writes what is left: a fact only when both its ends are.
func (g *subgraph) write(r Request, w Writer) (Counts, error) {
	var c Counts
	kept := map[string]bool{}
	for _, e := range g.nodes {
		if len(r.Kinds) > 0 && !contains(r.Kinds, e.Kind) {
			continue
		}
		if err := w.Node(e); err != nil {
			return c, err
		}
		kept[e.ID] = true
		c.Nodes++
	}
	for _, rel := range g.edges {
		if !kept[rel.From] || !kept[rel.To] || rel.Confidence < r.MinConfidence ||
			(len(r.Types) > 0 && !contains(r.Types, rel.Type)) {
			continue
		}
		if err := w.Edge(rel); err != nil {
			return c, err
		}
		c.Edges++
	}
	return c, nil
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// readBounded reads a neighbourhood, paths, a cross-track answer or a list of entities.
func readBounded(ctx context.Context, s Reader, r Request) (*subgraph, error) {
	g := newSubgraph()
	switch r.Scope {
	case ScopeNeighborhood:
		sub, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{ID: r.ID, Depth: r.Depth, Limit: r.Limit,
			RelationTypes: r.Types, Clocks: r.Clocks})
		if err != nil {
			return nil, err
		}
		for _, e := range sub.Nodes {
			g.node(e)
		}
		for _, rv := range sub.Edges {
			g.edge(rv)
		}
	case ScopePaths:
		paths, err := s.Paths(ctx, kg.PathQuery{From: r.From, To: r.To, MaxHops: r.MaxHops, RelationTypes: r.Types,
			First: r.Limit, Clocks: r.Clocks})
		if err != nil {
			return nil, err
		}
		for _, p := range paths {
			for _, e := range p.Nodes {
				g.node(e)
			}
			for _, rv := range p.Hops {
				g.view(rv)
			}
		}
	case ScopeCrossTrack:
		if err := readCrossTrack(ctx, s, r, g); err != nil {
			return nil, err
		}
	case ScopeEntities:
		if err := readEntities(ctx, s, r, g); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// readCrossTrack holds the two sides, every entity engaged with both, what it is engaged
// through, and the facts that tie them.
func readCrossTrack(ctx context.Context, s Reader, r Request, g *subgraph) error {
	links, err := s.CrossTrack(ctx, kg.CrossTrackQuery{A: r.A, B: r.B, First: r.Limit, Clocks: r.Clocks})
	if err != nil {
		return err
	}
	sides, err := s.EntitiesByID(ctx, []string{r.A, r.B}, r.Clocks)
	if err != nil {
		return err
	}
	g.node(sides[r.A])
	g.node(sides[r.B])
	for _, l := range links {
		g.node(l.Entity)
		for _, t := range append(append([]kg.Tie{}, l.TiesA...), l.TiesB...) {
			g.node(t.Via)
			for _, rv := range t.Relations {
				g.view(rv)
			}
		}
	}
	return nil
}

// readEntities is the induced subgraph of an explicit list: the entities named, and the
// facts among them visible on the request's clocks (RelationsOf applies the rule).
func readEntities(ctx context.Context, s Reader, r Request, g *subgraph) error {
	found, err := s.EntitiesByID(ctx, r.IDs, r.Clocks)
	if err != nil {
		return err
	}
	for _, id := range r.IDs {
		e, ok := found[id]
		if !ok {
			return &kg.Error{Code: errcode.NotFound, Field: "ids", Message: "ids: no entity with id " + id + " is visible on the request's asOf and knownAt"}
		}
		g.node(e)
	}
	for start := 0; start < len(g.nodes); start += pageSize {
		batch := make([]string, 0, pageSize)
		for _, e := range g.nodes[start:min(start+pageSize, len(g.nodes))] {
			batch = append(batch, e.ID)
		}
		rels, err := s.RelationsOf(ctx, batch, kg.RelationFilter{Types: r.Types, Direction: kg.DirectionOut,
			MinConfidence: r.MinConfidence, Clocks: r.Clocks})
		if err != nil {
			return err
		}
		for _, id := range batch {
			for _, rv := range rels[id] {
				if rv.From == id && g.seenN[rv.To] {
					g.edge(rv)
				}
			}
		}
	}
	return nil
}
