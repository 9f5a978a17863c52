package cypher

import (
	"context"
	"strings"
	"sync"

	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Stats counts entities by kind and facts by type in one round trip. As of a past day it
// reads every fact's valid time and retraction (stats.cypher), which at 500k facts takes
// seconds. As the graph stands now it needs no fact at all: Neo4j keeps the number of nodes
// per label and of relationships per type, and the retracted facts, which are few, are
// found through an index of their status; so are the duplicates that merges keep, by their
// label.
func (s *Store) Stats(ctx context.Context, at kg.Clocks) (*kg.Stats, error) {
	if at == (kg.Clocks{}) {
		return s.statsNow(ctx)
	}
	recs, err := s.read(ctx, "stats", withClocks(map[string]any{}, at))
	if err != nil {
		return nil, err
	}
	st := &kg.Stats{ByKind: map[kg.Kind]int{}, ByRelationType: map[kg.RelationType]int{}}
	if len(recs) == 0 {
		return st, nil
	}
	eachCount(recs[0], "byKind", func(name string, n int) { addKind(st, kg.Kind(name), n) })
	eachCount(recs[0], "byType", func(name string, n int) { addType(st, kg.RelationType(name), n) })
	return st, nil
}

// eachCount calls add with every [name, count] pair of one of stats.cypher's columns.
func eachCount(r *neo4j.Record, column string, add func(name string, n int)) {
	pairs, _, _ := neo4j.GetRecordValue[[]any](r, column)
	for _, pair := range pairs {
		p, _ := pair.([]any)
		if len(p) != 2 {
			continue
		}
		name, _ := p[0].(string)
		n, _ := p[1].(int64)
		add(name, int(n))
	}
}

// statsNowQuery is one UNION ALL of statsNowKind.cypher per kind and statsNowFacts.cypher
// per relation type, each with its label or type from the allow-lists.
var statsNowQuery = sync.OnceValue(func() string {
	var branches []string
	for _, k := range kg.Kinds {
		branches = append(branches, strings.ReplaceAll(query("statsNowKind"), "/*KIND*/", string(k)))
	}
	for _, spec := range kg.Vocabulary {
		branches = append(branches, strings.ReplaceAll(query("statsNowFacts"), "/*TYPE*/", string(spec.Type)))
	}
	branches = append(branches, query("statsNowMerged"))
	return strings.Join(branches, "UNION ALL\n")
})

func (s *Store) statsNow(ctx context.Context) (*kg.Stats, error) {
	recs, err := s.readText(ctx, "stats", statsNowQuery(), nil)
	if err != nil {
		return nil, err
	}
	st := &kg.Stats{ByKind: map[kg.Kind]int{}, ByRelationType: map[kg.RelationType]int{}}
	kinds, facts := map[kg.Kind]int{}, map[kg.RelationType]int{}
	for _, r := range recs {
		of, _, _ := neo4j.GetRecordValue[string](r, "of")
		name, _, _ := neo4j.GetRecordValue[string](r, "name")
		n, _, _ := neo4j.GetRecordValue[int64](r, "n")
		switch of {
		case "kind":
			kinds[kg.Kind(name)] += int(n)
		case "merged":
			// A duplicate kept by a merge is in the count store, and no longer an entity.
			kinds[kg.Kind(name)] -= int(n)
		case "facts":
			facts[kg.RelationType(name)] += int(n)
		case "retracted":
			facts[kg.RelationType(name)] -= int(n)
		}
	}
	for k, n := range kinds {
		addKind(st, k, n)
	}
	for t, n := range facts {
		addType(st, t, n)
	}
	return st, nil
}

// addKind and addType count n entities of a kind or facts of a type; as in a grouped
// count, a kind or type with none is left out.
func addKind(st *kg.Stats, k kg.Kind, n int) {
	if n > 0 {
		st.ByKind[k] += n
		st.Entities += n
	}
}

func addType(st *kg.Stats, t kg.RelationType, n int) {
	if n > 0 {
		st.ByRelationType[t] += n
		st.Relations += n
	}
}
