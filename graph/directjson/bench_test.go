package directjson

import (
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/kg"
)

// BenchmarkDirectSubgraph writes the benchmark's drawing (BenchmarkQuery's neighbourhood:
// 89 entities, 88 facts) into JSON, without gqlgen's executor or HTTP around it: the
// writer's own cost, to compare changes to it with benchstat.
//
//	go test -run '^$' -bench DirectSubgraph -count 6 ./graph/directjson
func BenchmarkDirectSubgraph(b *testing.B) {
	kinds := []kg.Kind{kg.KindPerson, kg.KindCountry, kg.KindOrganization, kg.KindBody}
	g := &kg.Subgraph{}
	for i := range 89 {
		g.Nodes = append(g.Nodes, &kg.Entity{ID: fmt.Sprintf("person/gen-%d", i*997), Kind: kinds[i%len(kinds)],
			Name: fmt.Sprintf("Northern Person %d", i)})
	}
	for i := range 88 {
		g.Edges = append(g.Edges, kg.RelationView{Relation: &kg.Relation{ID: fmt.Sprintf("fact/gen-%d", i*31337),
			Type: kg.Vocabulary[i%len(kg.Vocabulary)].Type, Confidence: 0.75}, FromEntity: g.Nodes[i], ToEntity: g.Nodes[i+1]})
	}
	query := `{ neighborhood(id: "x", depth: 2, limit: 100) { truncated nodes { id kind name }
		edges { id type confidence from { id } to { id } } } }`
	doc := parseQuery(b, query)
	op := &graphql.OperationContext{RawQuery: query, Doc: doc, Operation: doc.Operations[0]}
	sel := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
	b.ReportAllocs()
	var written int
	for range b.N {
		d := &writer{op: op}
		d.buf = make([]byte, 0, 64+96*len(g.Nodes)+128*len(g.Edges))
		if !d.subgraph(sel, g) {
			b.Fatal("the drawing was not written directly")
		}
		written = len(d.buf)
	}
	b.ReportMetric(float64(written), "bytes")
}
