package model

import "github.com/diplograph/diplograph/kg"

// The analysis answers, as the schema shows them. Each embeds the domain answer and adds a
// method, without a context, for every field whose value needs wrapping: gqlgen calls such
// a method inline, where a field resolver would cost a goroutine per field and would make
// gqlgen marshal every list of these answers one goroutine per element (see Relation and
// graph/marshal_list.go).

// Subgraph is a neighbourhood for drawing.
type Subgraph struct{ *kg.Subgraph }

func (s Subgraph) Nodes() []Entity    { return WrapAll(s.Subgraph.Nodes) }
func (s Subgraph) Edges() []*Relation { return RelationsOf(s.Subgraph.Edges) }

// Path is one shortest path, its hops in order.
type Path struct{ *kg.Path }

// PathsOf wraps each path of a list, without copying it.
func PathsOf(ps []kg.Path) []*Path {
	return wrapEach(ps, func(p *kg.Path) *Path { return &Path{p} })
}

func (p Path) Length() int       { return len(p.Path.Hops) }
func (p Path) Nodes() []Entity   { return WrapAll(p.Path.Nodes) }
func (p Path) Hops() []*Relation { return RelationsOf(p.Path.Hops) }

// CrossTrackLink is an entity engaged on both sides of a cross-track question.
type CrossTrackLink struct{ *kg.CrossTrackLink }

// CrossTrackLinksOf wraps each link of a list, without copying it.
func CrossTrackLinksOf(ls []kg.CrossTrackLink) []*CrossTrackLink {
	return wrapEach(ls, func(l *kg.CrossTrackLink) *CrossTrackLink { return &CrossTrackLink{l} })
}

func (l CrossTrackLink) Entity() Entity { return Wrap(l.CrossTrackLink.Entity) }
func (l CrossTrackLink) TiesA() []*Tie  { return tiesOf(l.CrossTrackLink.TiesA) }
func (l CrossTrackLink) TiesB() []*Tie  { return tiesOf(l.CrossTrackLink.TiesB) }

// Tie is one way an entity is engaged with one side.
type Tie struct{ *kg.Tie }

func tiesOf(ts []kg.Tie) []*Tie {
	return wrapEach(ts, func(t *kg.Tie) *Tie { return &Tie{t} })
}

// Via is null for a direct fact.
func (t Tie) Via() Entity            { return Wrap(t.Tie.Via) }
func (t Tie) Relations() []*Relation { return RelationsOf(t.Tie.Relations) }

// RankedEntity is an entity with its degree.
type RankedEntity struct{ *kg.Ranked }

// RankedEntitiesOf wraps each entry of a ranking, without copying it.
func RankedEntitiesOf(rs []kg.Ranked) []*RankedEntity {
	return wrapEach(rs, func(r *kg.Ranked) *RankedEntity { return &RankedEntity{r} })
}

func (r RankedEntity) Entity() Entity { return Wrap(r.Ranked.Entity) }

// wrapEach gives each element of xs, in place, its schema type.
func wrapEach[T, W any](xs []T, wrap func(*T) W) []W {
	out := make([]W, len(xs))
	for i := range xs {
		out[i] = wrap(&xs[i])
	}
	return out
}
