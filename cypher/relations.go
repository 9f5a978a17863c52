package cypher

import (
	"context"
	"strings"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// RelationsOf reads the facts of many entities in one round trip.
func (s *Store) RelationsOf(ctx context.Context, ids []string, f kg.RelationFilter) (map[string][]kg.RelationView, error) {
	out := make(map[string][]kg.RelationView, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if f.Direction == "" {
		f.Direction = kg.DirectionBoth
	}
	recs, err := s.read(ctx, "relationsOf", withClocks(map[string]any{
		"ids":              ids,
		"types":            typeNames(f.Types),
		"direction":        string(f.Direction),
		"counterpartKinds": kindNames(f.CounterpartKinds),
		"minConfidence":    f.MinConfidence,
		"statuses":         statusNames(f.Statuses),
	}, f.Clocks))
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		if out[id], err = decodeRelationsOf(r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Relation returns one fact by id, with the status it had at knownAt (nil: now). Returns
// NOT_FOUND for an unknown id, a fact recorded after knownAt, and a fact whose end was merged
// away by then (the message names the fact it became).
func (s *Store) Relation(ctx context.Context, id string, knownAt *time.Time) (*kg.RelationView, error) {
	notFound := kg.Errorf(errcode.NotFound, "No relation has id %q.", id)
	typ, ok := kg.TypeOfFactID(id)
	if !ok {
		return nil, notFound
	}
	text := strings.ReplaceAll(query("relation"), "/*TYPE*/", string(typ))
	recs, err := s.readText(ctx, "relation", text, withClocks(map[string]any{"id": id}, kg.Clocks{KnownAt: knownAt}))
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, notFound
	}
	status, isNil, _ := neo4j.GetRecordValue[string](recs[0], "status")
	switch {
	case isNil:
		return nil, kg.Errorf(errcode.NotFound, "No relation had id %q at %s.", id, knownAt.UTC().Format(time.RFC3339))
	case kg.Status(status) == kg.StatusMerged:
		if to, isNil, _ := neo4j.GetRecordValue[string](recs[0], "movedTo"); !isNil {
			return nil, kg.Errorf(errcode.NotFound, "Relation %q moved to %q when one of its ends was merged.", id, to)
		}
		return nil, kg.Errorf(errcode.NotFound, "Relation %q was dropped when one of its ends was merged into the other.", id)
	}
	v, _ := recs[0].Get("view")
	view, err := decodeRelationView(v)
	if err != nil {
		return nil, err
	}
	return &view, nil
}

// EventsOf reads the events of many entities in one round trip, in date order.
func (s *Store) EventsOf(ctx context.Context, ids []string, at kg.Clocks, statuses []kg.EventStatus) (map[string][]*kg.Entity, error) {
	return s.entityLists(ctx, "eventsOf", "events", ids, withClocks(map[string]any{"eventStatuses": eventStatusNames(statuses)}, at))
}

// TracksOf reads the tracks of many entities in one round trip.
func (s *Store) TracksOf(ctx context.Context, ids []string, at kg.Clocks) (map[string][]*kg.Entity, error) {
	return s.entityLists(ctx, "tracksOf", "tracks", ids, withClocks(map[string]any{}, at))
}

func (s *Store) entityLists(ctx context.Context, name, column string, ids []string, params map[string]any) (map[string][]*kg.Entity, error) {
	out := make(map[string][]*kg.Entity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, name, withIDs(params, ids))
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		v, _ := r.Get(column)
		list, err := decodeEntities(v)
		if err != nil {
			return nil, err
		}
		out[id] = list
	}
	return out, nil
}

// dateParam passes an optional day to Cypher as a Neo4j date, or null.
func dateParam(t *time.Time) any {
	if t == nil {
		return nil
	}
	return neo4j.DateOf(*t)
}

func typeNames(ts []kg.RelationType) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t)
	}
	return out
}

func kindNames(ks []kg.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func statusNames(ss []kg.Status) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

func withIDs(p map[string]any, ids []string) map[string]any {
	p["ids"] = ids
	return p
}

// eventStatusNames is a list of statuses as the strings stored, never nil.
func eventStatusNames(statuses []kg.EventStatus) []string {
	out := make([]string, len(statuses))
	for i, s := range statuses {
		out[i] = string(s)
	}
	return out
}

// SourceTexts returns the stored text of each source among ids that has one.
func (s *Store) SourceTexts(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, "sourceTexts", map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		text, _, _ := neo4j.GetRecordValue[string](r, "text")
		out[id] = text
	}
	return out, nil
}
