package model

import "github.com/diplograph/diplograph/kg"

// Relation is a fact as the schema shows it: kg.RelationView under another name, so that
// converting a pointer costs nothing, with methods for the fields that need their values
// wrapped. gqlgen calls a method that takes no context inline, while a field resolver runs in
// a goroutine of its own, for every field of every relation of the answer: that cost a
// measurable share of a large neighbourhood's time (docs/benchmarks-history.md).
type Relation kg.RelationView

// RelationOf gives a domain fact its GraphQL type; nil stays nil.
func RelationOf(v *kg.RelationView) *Relation { return (*Relation)(v) }

// RelationsOf points at each fact of a list, without copying it.
func RelationsOf(vs []kg.RelationView) []*Relation {
	out := make([]*Relation, len(vs))
	for i := range vs {
		out[i] = (*Relation)(&vs[i])
	}
	return out
}

// RelationPointersOf converts a list of pointers to facts.
func RelationPointersOf(vs []*kg.RelationView) []*Relation {
	out := make([]*Relation, len(vs))
	for i, v := range vs {
		out[i] = RelationOf(v)
	}
	return out
}

// From is the subject entity (the fact's From field holds only its id).
func (r *Relation) From() Entity { return Wrap(r.FromEntity) }

// To is the object entity.
func (r *Relation) To() Entity { return Wrap(r.ToEntity) }

// Quote is the first source's verbatim quote.
func (r *Relation) Quote() string {
	if len(r.Relation.Evidence) == 0 {
		return ""
	}
	return r.Relation.Evidence[0].Quote
}

// Evidence pairs each cited source that the graph holds with its quote.
func (r *Relation) Evidence() []*Evidence {
	out := make([]*Evidence, 0, len(r.Relation.Evidence))
	for _, ev := range r.Relation.Evidence {
		if src := r.SourceEntities[ev.SourceID]; src != nil {
			out = append(out, &Evidence{Source: &Source{EntityRef{src}}, Quote: ev.Quote})
		}
	}
	return out
}

// Sources are the cited sources that the graph holds, in citation order.
func (r *Relation) Sources() []*Source {
	cited := r.CitedSources()
	out := make([]*Source, len(cited))
	for i, src := range cited {
		out[i] = &Source{EntityRef{src}}
	}
	return out
}

// CitedSources are Sources as domain entities.
func (r *Relation) CitedSources() []*kg.Entity {
	out := make([]*kg.Entity, 0, len(r.Relation.Evidence))
	for _, ev := range r.Relation.Evidence {
		if src := r.SourceEntities[ev.SourceID]; src != nil {
			out = append(out, src)
		}
	}
	return out
}

// BasisNote is the note of an inferred fact, or null.
func (r *Relation) BasisNote() *string {
	if r.Relation.BasisNote == "" {
		return nil
	}
	return &r.Relation.BasisNote
}
