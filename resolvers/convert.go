package resolvers

import (
	"context"
	"slices"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

func entityFilter(in *model.EntityFilter, sort kg.EntitySort, desc bool, at kg.Clocks) (kg.EntityFilter, error) {
	f := kg.EntityFilter{Sort: sort, Descending: desc, Clocks: at}
	if in == nil {
		return f, nil
	}
	f.Kinds = in.Kinds
	f.NameContains = deref(in.NameContains)
	f.Track, f.Conflict, f.RelatedTo = deref(in.Track), deref(in.Conflict), deref(in.RelatedTo)
	f.HasRelation = deref(in.HasRelation)
	for arg, id := range map[string]string{"filter.track": f.Track, "filter.conflict": f.Conflict, "filter.relatedTo": f.RelatedTo} {
		if id != "" {
			if err := checkID(arg, id); err != nil {
				return f, err
			}
		}
	}
	if f.HasRelation != "" && f.RelatedTo == "" {
		return f, kg.FieldError("filter.relatedTo", "is required with filter.hasRelation")
	}
	if len(f.NameContains) > kg.MaxNameLength {
		return f, kg.FieldError("filter.nameContains", "is longer than %d characters", kg.MaxNameLength)
	}
	return f, nil
}

func connection(p *kg.Page[*kg.Entity]) *model.EntityConnection {
	c := &model.EntityConnection{
		Edges:    make([]*model.EntityEdge, len(p.Items)),
		Nodes:    model.WrapAll(p.Items),
		PageInfo: &model.PageInfo{HasNextPage: p.HasNext, HasPreviousPage: p.HasPrevious},
	}
	for i, e := range c.Nodes {
		c.Edges[i] = &model.EntityEdge{Cursor: p.Cursors[i], Node: e}
	}
	if n := len(p.Cursors); n > 0 {
		c.PageInfo.StartCursor, c.PageInfo.EndCursor = &p.Cursors[0], &p.Cursors[n-1]
	}
	if p.TotalCount != nil {
		c.TotalCount = *p.TotalCount
	}
	return c
}

// selects reports whether the current field's selection set asks for the named child, so
// that work such as counting is done only when a client wants its result.
func selects(ctx context.Context, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// selectsUnder reports whether the current field's selection set asks, inside its child
// parent, for any of the named fields. Fragments count whatever their type condition.
func selectsUnder(ctx context.Context, parent string, names ...string) bool {
	oc := graphql.GetOperationContext(ctx)
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name != parent {
			continue
		}
		for _, g := range graphql.CollectFields(oc, f.Selections, nil) {
			if slices.Contains(names, g.Name) {
				return true
			}
		}
	}
	return false
}

func relationTypeInfos() []*model.RelationTypeInfo {
	out := make([]*model.RelationTypeInfo, len(kg.Vocabulary))
	for i, s := range kg.Vocabulary {
		info := &model.RelationTypeInfo{Type: s.Type, Description: s.Description, FromKinds: s.From, ToKinds: s.To}
		if s.Role != "" {
			role := s.Role
			info.Role = &role
		}
		out[i] = info
	}
	return out
}

// What a neighbourhood can answer from a brief read (kg.NeighborhoodQuery.Brief), per
// place in the answer. An entity's relations, events and tracks load by its id alone.
var (
	briefEntityFields   = []string{"__typename", "id", "kind", "name", "aliases", "description", "version", "relations", "events", "tracks"}
	briefRelationFields = []string{"__typename", "id", "type", "role", "validFrom", "validTo", "confidence", "status", "basis"}
)

// selectsBriefSubgraph reports whether the current field, a Subgraph, selects no more of
// its nodes, its edges and their ends than a brief read gives. Fragments count whatever
// their type condition.
func selectsBriefSubgraph(ctx context.Context) bool {
	oc := graphql.GetOperationContext(ctx)
	only := func(sel ast.SelectionSet, allowed []string) bool {
		for _, f := range graphql.CollectFields(oc, sel, nil) {
			if !slices.Contains(allowed, f.Name) {
				return false
			}
		}
		return true
	}
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		switch f.Name {
		case "nodes":
			if !only(f.Selections, briefEntityFields) {
				return false
			}
		case "edges":
			for _, g := range graphql.CollectFields(oc, f.Selections, nil) {
				end := g.Name == "from" || g.Name == "to"
				if end && !only(g.Selections, briefEntityFields) || !end && !slices.Contains(briefRelationFields, g.Name) {
					return false
				}
			}
		}
	}
	return true
}

// clocksOf is a read's two time arguments as the store takes them.
func clocksOf(asOf, knownAt *time.Time) kg.Clocks {
	return kg.Clocks{AsOf: asOf, KnownAt: knownAt}
}
