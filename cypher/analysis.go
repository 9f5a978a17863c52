package cypher

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Neighborhood returns the subgraph within q.Depth hops of q.ID. Returns NOT_FOUND.
func (s *Store) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	// The depth is written into the statement: check it again where it is (kg/bounds.go).
	if err := kg.InRange("depth", q.Depth, kg.MaxNeighborhoodDepth); err != nil {
		return nil, err
	}
	text := strings.ReplaceAll(query("neighborhood"), "/*DEPTH*/", strconv.Itoa(q.Depth))
	recs, err := s.readText(ctx, "neighborhood", text, withClocks(map[string]any{
		"id": q.ID, "types": typeNames(q.RelationTypes), "limit": q.Limit,
		"withSources": q.Sources, "brief": q.Brief,
	}, q.Clocks))
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, kg.Errorf(errcode.NotFound, "No entity has id %q.", q.ID)
	}
	return decodeSubgraph(recs[0])
}

// Paths returns up to q.First shortest paths. Returns NOT_FOUND for an unknown endpoint.
func (s *Store) Paths(ctx context.Context, q kg.PathQuery) ([]kg.Path, error) {
	// The hops are written into the statement: check them again where they are.
	if err := kg.InRange("maxHops", q.MaxHops, kg.MaxPathHops); err != nil {
		return nil, err
	}
	text := strings.ReplaceAll(query("paths"), "/*MAXHOPS*/", strconv.Itoa(q.MaxHops))
	recs, err := s.readText(ctx, "paths", text, withClocks(map[string]any{
		"from": q.From, "to": q.To, "types": typeNames(q.RelationTypes), "first": q.First,
	}, q.Clocks))
	if err != nil {
		return nil, err
	}
	list, err := answerIfFound("paths", recs, q.From, q.To)
	if err != nil {
		return nil, err
	}
	paths := make([]kg.Path, 0, len(list))
	for _, x := range list {
		m, _ := x.(map[string]any)
		var p kg.Path
		if p.Nodes, err = decodeEntities(m["nodes"]); err != nil {
			return nil, err
		}
		if p.Hops, err = decodeRelationViews(m["hops"]); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	// Neo4j returns equally short paths in no set order; answers should not flicker.
	sort.SliceStable(paths, func(i, j int) bool { return pathKey(paths[i]) < pathKey(paths[j]) })
	return paths, nil
}

// CrossTrack returns the entities engaged with both sides, strongest evidence first.
func (s *Store) CrossTrack(ctx context.Context, q kg.CrossTrackQuery) ([]kg.CrossTrackLink, error) {
	recs, err := s.read(ctx, "crossTrack", withClocks(map[string]any{"a": q.A, "b": q.B}, q.Clocks))
	if err != nil {
		return nil, err
	}
	list, err := answerIfFound("crossTrack", recs, q.A, q.B)
	if err != nil {
		return nil, err
	}
	links := make([]kg.CrossTrackLink, 0, len(list))
	for _, x := range list {
		m, _ := x.(map[string]any)
		var l kg.CrossTrackLink
		if l.Entity, err = decodeEntity(m["entity"]); err != nil {
			return nil, err
		}
		if l.TiesA, err = decodeTies(m["tiesA"]); err != nil {
			return nil, err
		}
		if l.TiesB, err = decodeTies(m["tiesB"]); err != nil {
			return nil, err
		}
		l.Score = math.Sqrt(tieStrength(l.TiesA) * tieStrength(l.TiesB))
		links = append(links, l)
	}
	sort.SliceStable(links, func(i, j int) bool {
		if links[i].Score != links[j].Score {
			return links[i].Score > links[j].Score
		}
		return links[i].Entity.ID < links[j].Entity.ID
	})
	if len(links) > q.First {
		links = links[:q.First]
	}
	return links, nil
}

// tieStrength sums, over the ties to one side, the weakest confidence along the tie times
// the number of sources behind its best-supported fact: a tie is as strong as its weakest
// link, and corroboration counts.
func tieStrength(ties []kg.Tie) float64 {
	total := 0.0
	for _, t := range ties {
		weakest, sources := 1.0, 0
		for _, v := range t.Relations {
			weakest = min(weakest, v.Confidence)
			sources = max(sources, len(v.Evidence))
		}
		total += weakest * float64(sources)
	}
	return total
}

func decodeTies(v any) ([]kg.Tie, error) {
	list, _ := v.([]any)
	ties := make([]kg.Tie, 0, len(list))
	for _, x := range list {
		m, _ := x.(map[string]any)
		var t kg.Tie
		var err error
		if t.Via, err = decodeEntity(m["via"]); err != nil {
			return nil, err
		}
		if t.Relations, err = decodeRelationViews(m["rels"]); err != nil {
			return nil, err
		}
		ties = append(ties, t)
	}
	sort.Slice(ties, func(i, j int) bool { return tieKey(ties[i]) < tieKey(ties[j]) })
	return ties, nil
}

// Timeline returns the events of an entity or track in date order. Returns NOT_FOUND.
func (s *Store) Timeline(ctx context.Context, q kg.TimelineQuery) ([]*kg.Entity, error) {
	params := withClocks(map[string]any{"id": q.ID, "first": q.First, "fromStart": nil, "toEnd": nil,
		"eventStatuses": eventStatusNames(q.EventStatuses)}, q.Clocks)
	if q.From != nil {
		params["fromStart"] = neo4j.DateOf(q.From.Start())
	}
	if q.To != nil {
		params["toEnd"] = neo4j.DateOf(q.To.End())
	}
	recs, err := s.read(ctx, "timeline", params)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, kg.Errorf(errcode.NotFound, "No entity has id %q.", q.ID)
	}
	events, _ := recs[0].Get("events")
	return decodeEntities(events)
}

// MostConnected ranks entities by degree, optionally within a track.
func (s *Store) MostConnected(ctx context.Context, track string, first int, at kg.Clocks) ([]kg.Ranked, error) {
	params := withClocks(map[string]any{"track": nil, "first": first}, at)
	if track != "" {
		if err := s.canonical(ctx, at, &track); err != nil {
			return nil, err
		}
		params["track"] = track
	}
	params["candidates"] = max(4*first, first+50)
	recs, err := s.read(ctx, "mostConnectedBounded", params)
	if err != nil {
		return nil, err
	}
	if !boundedAnswerExact(recs, first) {
		if recs, err = s.read(ctx, "mostConnected", params); err != nil {
			return nil, err
		}
	}
	out := make([]kg.Ranked, 0, len(recs))
	for _, r := range recs {
		v, _ := r.Get("entity")
		e, err := decodeEntity(v)
		if err != nil {
			return nil, err
		}
		d, _, _ := neo4j.GetRecordValue[int64](r, "degree")
		out = append(out, kg.Ranked{Entity: e, Degree: int(d)})
	}
	return out, nil
}

// boundedAnswerExact reports whether mostConnectedBounded's answer is the true top: every
// entity was a candidate, or the page is full and its last degree is above the largest bound
// left out (an equal one could rank first by id).
func boundedAnswerExact(recs []*neo4j.Record, first int) bool {
	if len(recs) == 0 {
		return false // no row carries nextBound
	}
	last := recs[len(recs)-1]
	next, _ := last.Get("nextBound")
	if next == nil {
		return true
	}
	degree, _, _ := neo4j.GetRecordValue[int64](last, "degree")
	bound, _ := next.(int64)
	return len(recs) == first && degree > bound
}

// answerIfFound reads the one row of a statement that resolves its ids itself (paths.cypher,
// crossTrack.cypher): a column per id that says whether it names an entity, then the answer.
// NOT_FOUND names the first id that names none.
func answerIfFound(name string, recs []*neo4j.Record, ids ...string) ([]any, error) {
	if len(recs) != 1 || len(recs[0].Values) != len(ids)+1 {
		return nil, fmt.Errorf("%s: want one row of %d columns", name, len(ids)+1)
	}
	values := recs[0].Values
	for i, id := range ids {
		if found, _ := values[i].(bool); !found {
			return nil, kg.Errorf(errcode.NotFound, "No entity has id %q.", id)
		}
	}
	answer, _ := values[len(ids)].([]any)
	return answer, nil
}

// canonical resolves ids (following merge redirects as they stood at at.KnownAt) in one round
// trip, and returns NOT_FOUND naming the first id that names no entity visible on at.
func (s *Store) canonical(ctx context.Context, at kg.Clocks, ids ...*string) error {
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = *id
	}
	found, err := s.EntitiesByID(ctx, list, at)
	if err != nil {
		return err
	}
	for _, id := range ids {
		e := found[*id]
		if e == nil {
			return kg.Errorf(errcode.NotFound, "No entity has id %q.", *id)
		}
		*id = e.ID
	}
	return nil
}

func decodeRelationViews(v any) ([]kg.RelationView, error) {
	list, _ := v.([]any)
	out := make([]kg.RelationView, 0, len(list))
	for _, x := range list {
		view, err := decodeRelationView(x)
		if err != nil {
			return nil, err
		}
		out = append(out, view)
	}
	return out, nil
}

func pathKey(p kg.Path) string {
	var b strings.Builder
	for _, h := range p.Hops {
		b.WriteString(h.ID + " ")
	}
	return b.String()
}

// tieKey orders direct ties first, then ties through an entity, by ids.
func tieKey(t kg.Tie) string {
	key := "0"
	if t.Via != nil {
		key = "1" + t.Via.ID
	}
	for _, v := range t.Relations {
		key += " " + v.ID
	}
	return key
}
