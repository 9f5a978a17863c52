package importer

import (
	"context"

	"github.com/diplograph/diplograph/kg"
)

// fileLookup answers validation questions from the file first and the graph second, so a
// file may refer to entities that an earlier import already wrote.
type fileLookup struct {
	kinds map[string]kg.Kind
	texts map[string]string
	graph kg.GraphLookup
}

func (r fileLookup) KindOf(id string) (kg.Kind, bool) {
	if k, ok := r.kinds[id]; ok {
		return k, true
	}
	return r.graph.KindOf(id)
}

func (r fileLookup) SourceText(id string) (string, bool) {
	if _, inFile := r.kinds[id]; inFile {
		t, ok := r.texts[id]
		return t, ok
	}
	return r.graph.SourceText(id)
}

// validate checks what a single record cannot check alone: duplicate ids, and each fact's
// endpoints, sources and quotes against the file and the graph (one round trip).
func validate(ctx context.Context, store kg.Importer, p *parsed) error {
	res := fileLookup{kinds: map[string]kg.Kind{}, texts: map[string]string{}}
	for i, e := range p.dataset.Entities {
		if _, dup := res.kinds[e.ID]; dup {
			p.fail(p.entityAt[i], kg.FieldError("id", "%q is defined twice in this file", e.ID))
			continue
		}
		res.kinds[e.ID] = e.Kind
		if e.Text != "" {
			res.texts[e.ID] = e.Text
		}
	}
	var missing, sources []string
	seen := map[string]bool{}
	need := func(id string, source bool) {
		if _, ok := res.kinds[id]; ok || seen[id] {
			return
		}
		seen[id] = true
		missing = append(missing, id)
		if source {
			sources = append(sources, id)
		}
	}
	for _, e := range p.dataset.Entities {
		for _, s := range e.Statuses {
			for _, ev := range s.Evidence {
				need(ev.SourceID, true)
			}
		}
	}
	for _, r := range p.dataset.Relations {
		need(r.From, false)
		need(r.To, false)
		for _, ev := range r.Evidence {
			need(ev.SourceID, true)
		}
	}
	graph, err := store.GraphLookup(ctx, missing, sources)
	if err != nil {
		return err
	}
	res.graph = graph
	for i := range p.dataset.Entities {
		if err := p.dataset.Entities[i].ValidateStatuses(res); err != nil {
			p.fail(p.entityAt[i], err)
		}
	}
	facts := map[string]int{}
	for i := range p.dataset.Relations {
		r := &p.dataset.Relations[i]
		if err := r.Validate(res); err != nil {
			p.fail(p.relAt[i], err)
			continue
		}
		if first, dup := facts[r.ID]; dup {
			p.fail(p.relAt[i], kg.FieldError("role", "states the same fact as %s (same from, type, to and role); merge their evidence", p.relAt[first]))
			continue
		}
		facts[r.ID] = i
	}
	return nil
}
