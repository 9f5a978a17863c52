package cypher

import (
	"context"
	"strings"
	"time"
	"unicode"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Entity returns one entity as the graph held it at knownAt (nil: now), following a merge
// redirect made by then, with its own fields as the audit trail says they were then
// (kg.Entity.AsSnapshot). Returns NOT_FOUND, also for an entity recorded after knownAt.
func (s *Store) Entity(ctx context.Context, id string, knownAt *time.Time) (*kg.Entity, error) {
	recs, err := s.read(ctx, "entity", withClocks(map[string]any{"id": id}, kg.Clocks{KnownAt: knownAt}))
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		if knownAt != nil {
			return nil, kg.Errorf(errcode.NotFound, "No entity had id %q at %s.", id, knownAt.UTC().Format(time.RFC3339))
		}
		return nil, kg.Errorf(errcode.NotFound, "No entity has id %q.", id)
	}
	return decodeEntityAt(recs[0])
}

// decodeEntityAt decodes a row of entity.cypher or entitiesByID.cypher: the entity, with its
// own fields as the first change after knownAt found them when it changed since.
func decodeEntityAt(r *neo4j.Record) (*kg.Entity, error) {
	v, _ := r.Get("entity")
	e, err := decodeEntity(v)
	if err != nil {
		return nil, err
	}
	if before, isNil, _ := neo4j.GetRecordValue[string](r, "before"); !isNil && before != "" {
		op, _, _ := neo4j.GetRecordValue[string](r, "operation")
		return e.AsSnapshot(kg.Operation(op), before)
	}
	return e, nil
}

// EntitiesByID returns the entities among ids that are visible on at, keyed by the id asked
// for, each as Entity would return it: merge redirects followed as they stood at at.KnownAt,
// fields rewound to then.
func (s *Store) EntitiesByID(ctx context.Context, ids []string, at kg.Clocks) (map[string]*kg.Entity, error) {
	out := make(map[string]*kg.Entity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, "entitiesByID", withClocks(map[string]any{"ids": ids}, at))
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		e, err := decodeEntityAt(r)
		if err != nil {
			return nil, err
		}
		out[id] = e
	}
	return out, nil
}

// Search ranks entities by full-text relevance. Each word of text is matched exactly, as a
// prefix, and within one or two edits (by length), so a misspelt or transliterated name still finds its entity.
func (s *Store) Search(ctx context.Context, text string, kinds []kg.Kind, first int) ([]kg.SearchHit, error) {
	lucene := luceneQuery(text)
	if lucene == "" {
		return nil, nil
	}
	name, text := "search", query("search")
	if len(kinds) == 0 {
		name, text = "searchAll", query("searchAll")
	}
	recs, err := s.readText(ctx, name, text, withClocks(map[string]any{"lucene": lucene, "kinds": kindNames(kinds), "first": first}, kg.Clocks{}))
	if err != nil {
		return nil, err
	}
	hits := make([]kg.SearchHit, 0, len(recs))
	for _, r := range recs {
		v, _ := r.Get("entity")
		e, err := decodeEntity(v)
		if err != nil {
			return nil, err
		}
		score, _, _ := neo4j.GetRecordValue[float64](r, "score")
		hits = append(hits, kg.SearchHit{Entity: e, Score: score})
	}
	return hits, nil
}

// maxSearchTerms keeps a pasted paragraph from becoming a huge Lucene query.
const maxSearchTerms = 12

// luceneQuery turns free text into a safe Lucene query. Text is split into words of letters
// and digits only, so no Lucene operator, quote, wildcard or escape can survive; each word
// becomes (word^4 OR word*^2 OR word~N) and the words are OR-ed, best matches first.
func luceneQuery(text string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var parts []string
	for _, w := range words {
		if len(parts) == maxSearchTerms {
			break
		}
		part := w + "^4"
		if len([]rune(w)) >= 3 {
			part += " OR " + w + "*^2"
		}
		// Two edits on a short word match almost anything; Elasticsearch's AUTO
		// fuzziness makes the same call.
		switch n := len([]rune(w)); {
		case n >= 6:
			part += " OR " + w + "~2"
		case n >= 4:
			part += " OR " + w + "~1"
		}
		parts = append(parts, "("+part+")")
	}
	return strings.Join(parts, " OR ")
}
