package cypher

import (
	"fmt"
	"sort"

	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// decodeSubgraph reads neighborhood.cypher's record: {nodes: [node], edges: [relation map],
// sources: [node], truncated}. An edge names its ends by id, and each end is one of the
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
		rel, err := decodeRelation(x)
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
	sort.Slice(g.Edges, func(i, j int) bool { return g.Edges[i].ID < g.Edges[j].ID })
	return g, nil
}
