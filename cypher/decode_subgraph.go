package cypher

import (
	"fmt"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// decodeSubgraph reads neighborhood.cypher's record: {nodes: [node], edges: [relation map],
// sources: [node], truncated}, or for a brief read {nodes: [entity row], edges: [fact row]}
// (briefEntity, briefRelation). An edge names its ends by id, and each end is one of the
// nodes; decoding every entity once is most of what makes a large neighbourhood cheap.
func decodeSubgraph(r *neo4j.Record) (*kg.Subgraph, error) {
	g := &kg.Subgraph{}
	nodes, _ := r.Get("nodes")
	var err error
	if g.Nodes, err = decodeEntities(nodes); err != nil {
		return nil, err
	}
	byID := make(map[string]*kg.Entity, len(g.Nodes))
	for _, n := range g.Nodes {
		byID[n.ID] = n
	}
	sources, _ := r.Get("sources")
	cited, err := decodeCited(sources)
	if err != nil {
		return nil, err
	}
	edges, _ := r.Get("edges")
	list, _ := edges.([]any)
	g.Edges = make([]kg.RelationView, 0, len(list))
	for _, x := range list {
		rel, err := briefOr(x, briefRelation, decodeRelation)
		if err != nil {
			return nil, err
		}
		from, to := byID[rel.From], byID[rel.To]
		if from == nil || to == nil {
			return nil, fmt.Errorf("decode subgraph: fact %s has an end that is not among the nodes", rel.ID)
		}
		g.Edges = append(g.Edges, kg.RelationView{Relation: rel, FromEntity: from, ToEntity: to, SourceEntities: cited})
	}
	g.Truncated, _, _ = neo4j.GetRecordValue[bool](r, "truncated")
	slices.SortFunc(g.Edges, func(a, b kg.RelationView) int { return strings.Compare(a.ID, b.ID) })
	return g, nil
}

// briefOr decodes x with brief when it is a row of a brief read, else with whole.
func briefOr[T any](x any, brief func([]any) (T, error), whole func(any) (T, error)) (T, error) {
	if row, ok := x.([]any); ok {
		return brief(row)
	}
	return whole(x)
}

// briefEntity reads [id, kind, name, aliases, description, version], neighborhood.cypher's
// brief entity.
func briefEntity(row []any) (*kg.Entity, error) {
	if len(row) != 6 {
		return nil, fmt.Errorf("decode brief entity: %d values, want 6", len(row))
	}
	return &kg.Entity{ID: stringOf(row[0]), Kind: kg.Kind(stringOf(row[1])), Name: stringOf(row[2]),
		Aliases: stringsOf(row[3]), Description: stringOf(row[4]), Version: integerOf(row[5])}, nil
}

// briefRelation reads [id, type, from, to, role, confidence, status, validFrom, validTo,
// basis], neighborhood.cypher's brief fact. The basis is read as decodeRelation reads it
// (basisOf): a fact without one counts as stated.
func briefRelation(row []any) (*kg.Relation, error) {
	if len(row) != 10 {
		return nil, fmt.Errorf("decode brief fact: %d values, want 10", len(row))
	}
	r := &kg.Relation{ID: stringOf(row[0]), Type: kg.RelationType(stringOf(row[1])), From: stringOf(row[2]),
		To: stringOf(row[3]), Role: stringOf(row[4]), Confidence: numberOf(row[5]), Status: kg.Status(stringOf(row[6])),
		Basis: basisValue(row[9])}
	var err error
	if r.ValidFrom, err = dateOf("validFrom", row[7]); err != nil {
		return nil, err
	}
	if r.ValidTo, err = dateOf("validTo", row[8]); err != nil {
		return nil, err
	}
	return r, nil
}
