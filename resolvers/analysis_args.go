package resolvers

import (
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// The analysis queries' arguments get their defaults here and are checked against kg's
// bounds (kg/bounds.go) by the query's Validate: beyond them a request gets BAD_USER_INPUT
// naming the argument.

func neighborhoodQuery(id string, depth *int, types []kg.RelationType, limit *int, at kg.Clocks) (kg.NeighborhoodQuery, error) {
	q := kg.NeighborhoodQuery{ID: id, Depth: orDefault(depth, 1), RelationTypes: types, Limit: orDefault(limit, 100), Clocks: at}
	if err := checkID("id", id); err != nil {
		return q, err
	}
	return q, q.Validate()
}

func pathQuery(from, to string, maxHops *int, types []kg.RelationType, first *int, at kg.Clocks) (kg.PathQuery, error) {
	q := kg.PathQuery{From: from, To: to, MaxHops: orDefault(maxHops, 4), RelationTypes: types, First: orDefault(first, 5), Clocks: at}
	if err := checkID("from", from); err != nil {
		return q, err
	}
	if err := checkID("to", to); err != nil {
		return q, err
	}
	return q, q.Validate()
}

func crossTrackQuery(a, b string, first *int, at kg.Clocks) (kg.CrossTrackQuery, error) {
	q := kg.CrossTrackQuery{A: a, B: b, First: orDefault(first, 20), Clocks: at}
	if err := checkID("a", a); err != nil {
		return q, err
	}
	if err := checkID("b", b); err != nil {
		return q, err
	}
	if a == b {
		return q, kg.FieldError("b", "must differ from a")
	}
	return q, q.Validate()
}

func timelineQuery(id string, from, to *string, first *int, at kg.Clocks) (kg.TimelineQuery, error) {
	q := kg.TimelineQuery{ID: id, First: orDefault(first, 100), Clocks: at}
	var err error
	if err = checkID("id", id); err != nil {
		return q, err
	}
	if q.From, err = kg.ParseDatePtr(deref(from)); err != nil {
		return q, kg.FieldError("from", "%v", err)
	}
	if q.To, err = kg.ParseDatePtr(deref(to)); err != nil {
		return q, kg.FieldError("to", "%v", err)
	}
	if q.From != nil && q.To != nil && q.To.End().Before(q.From.Start()) {
		return q, kg.FieldError("to", "%s is before from %s", q.To, q.From)
	}
	return q, q.Validate()
}

func wrapEvents(es []*kg.Entity) []*model.Event {
	out := make([]*model.Event, len(es))
	for i, e := range es {
		out[i] = &model.Event{EntityRef: model.EntityRef{Entity: e}}
	}
	return out
}

func statsModel(st *kg.Stats) *model.Stats {
	m := &model.Stats{Entities: st.Entities, Relations: st.Relations}
	for _, k := range kg.Kinds {
		if n, ok := st.ByKind[k]; ok {
			m.ByKind = append(m.ByKind, &model.KindCount{Kind: k, Count: n})
		}
	}
	for _, spec := range kg.Vocabulary {
		if n, ok := st.ByRelationType[spec.Type]; ok {
			m.ByRelationType = append(m.ByRelationType, &model.RelationTypeCount{Type: spec.Type, Count: n})
		}
	}
	return m
}
