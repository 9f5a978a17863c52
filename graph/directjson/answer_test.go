package directjson_test

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/graph/directjson"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// A direct answer must be byte for byte what gqlgen's executor writes for the same data,
// and a selection it does not cover must go to gqlgen. Each case runs the query both ways
// through gqlgen's handler, and asks the direct writer alone whether it took the case.
func TestDirectAnswers_WriteWhatGqlgenWrites(t *testing.T) {
	cases := []struct {
		name, query string
		vars        map[string]any
		direct      bool
	}{
		{"the benchmark's drawing", `{ neighborhood(id: "x", depth: 2, limit: 100) { truncated nodes { id kind name }
			edges { id type confidence from { id } to { id } } } }`, nil, true},
		{"every field written directly, with aliases and type names", `{ n: neighborhood(id: "x") { __typename
			t: truncated nodes { __typename id kind name aliases description version label: name }
			edges { __typename id type role confidence status basis quote
				validFrom { __typename value precision start end } until: validTo { value precision }
				from { __typename id kind } to { id name aliases } sources { __typename id kind name }
				again: from { name } } } }`, nil, true},
		{"fragments on the entity types and the interface", `query { neighborhood(id: "x") { nodes { id ...named
			... on Person { aliases } ... on Country { description } ... on Entity { version } } } }
			fragment named on Entity { name kind }`, nil, true},
		{"@skip and @include", `query($yes: Boolean!, $no: Boolean!) { neighborhood(id: "x") {
			nodes { id name @include(if: $yes) kind @skip(if: $yes) }
			edges @include(if: $yes) { id role @include(if: $no) from { id @skip(if: $no) } to { id } } } }`,
			map[string]any{"yes": true, "no": false}, true},
		{"a field of one kind that is not written directly", `{ neighborhood(id: "x") { nodes { id
			... on Event { date { value } } } } }`, nil, false},
		{"a fact's evidence", `{ neighborhood(id: "x") { edges { id evidence { quote } } } }`, nil, false},
		{"an entity's external ids", `{ neighborhood(id: "x") { nodes { id externalIds { system id } } } }`, nil, false},
		{"a source's title", `{ neighborhood(id: "x") { edges { sources { ... on Source { title } } } } }`, nil, false},
		{"paths", `{ paths(from: "a", to: "b") { length nodes { id kind name }
			hops { id type confidence quote sources { id } } } }`, nil, true},
		{"paths with type names and aliases", `{ p: paths(from: "a", to: "b") { __typename n: length
			nodes { __typename id } hops { __typename t: type from { id } to { id } validFrom { value } } } }`, nil, true},
		{"paths with evidence", `{ paths(from: "a", to: "b") { hops { evidence { quote } } } }`, nil, false},
		{"paths left to gqlgen, their hops written directly", `{ paths(from: "a", to: "b") { nodes { externalIds { id } }
			hops { __typename id type role confidence status quote validFrom { value } from { id kind } to { name } sources { id } } } }`, nil, false},
		{"a hop's end left to gqlgen", `{ paths(from: "a", to: "b") { nodes { id externalIds { id } } hops { id from { externalIds { id } } } } }`, nil, false},
	}
	g := directTestGraph()
	paths := []*model.Path{{Path: &kg.Path{Nodes: g.Nodes[:3], Hops: g.Edges[:2]}}, {Path: &kg.Path{Nodes: g.Nodes[3:4]}}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			viaGqlgen := answer(t, false, c.query, c.vars, g, paths)
			direct := answer(t, true, c.query, c.vars, g, paths)
			if direct != viaGqlgen {
				t.Errorf("direct answer\n%s\ngqlgen's\n%s", direct, viaGqlgen)
			}
			if !json.Valid([]byte(direct)) || strings.Contains(direct, `"errors"`) {
				t.Errorf("answer is not a clean JSON answer: %s", direct)
			}
			if got := writesDirectly(t, c.query, c.vars, g, paths); got != c.direct {
				t.Errorf("written directly: %v, want %v", got, c.direct)
			}
		})
	}
}

// A value gqlgen refuses to write (a NaN confidence) goes to gqlgen, which reports it.
func TestDirectAnswers_LeaveBadValuesToGqlgen(t *testing.T) {
	g := directTestGraph()
	g.Edges[0].Confidence = math.NaN()
	query := `{ neighborhood(id: "x") { edges { id confidence } } }`
	direct, viaGqlgen := answer(t, true, query, nil, g, nil), answer(t, false, query, nil, g, nil)
	if direct != viaGqlgen || !strings.Contains(direct, `"errors"`) {
		t.Errorf("direct answer\n%s\ngqlgen's\n%s", direct, viaGqlgen)
	}
}

// directTestGraph has an entity of every kind, strings that need escaping, every date
// precision, facts of several types and statuses, and a cited source the graph lacks.
func directTestGraph() *kg.Subgraph {
	awkward := []string{"plain", `quote " and \ backslash`, "new\nline\ttab\rreturn", "control \x01\x1f",
		"accents é ü and 日本", "emoji 🕊", "invalid \xff utf-8", ""}
	g := &kg.Subgraph{Truncated: true}
	for i, k := range kg.Kinds {
		e := &kg.Entity{ID: strings.ToLower(string(k)) + "/e" + string(rune('a'+i)), Kind: k,
			Name: awkward[i%len(awkward)], Description: awkward[(i+3)%len(awkward)], Version: int64(i * 7)}
		if i%2 == 0 {
			e.Aliases = []string{awkward[(i+1)%len(awkward)], "alias"}
		}
		if k == kg.KindEvent {
			e.Date = &kg.PartialDate{Year: 2026, Month: 1, Day: 26, Precision: kg.PrecisionDay}
		}
		g.Nodes = append(g.Nodes, e)
	}
	source := g.Nodes[len(g.Nodes)-1]
	dates := []*kg.PartialDate{nil, {Year: 2014, Precision: kg.PrecisionYear},
		{Year: 2026, Month: 1, Precision: kg.PrecisionMonth}, {Year: 2026, Month: 1, Day: 26, Precision: kg.PrecisionDay}}
	confidences := []float64{0, 1, 0.5, 0.123456789, 1e-7, 0.95}
	for i := range 12 {
		spec := kg.Vocabulary[i%len(kg.Vocabulary)]
		from, to := g.Nodes[i%len(g.Nodes)], g.Nodes[(i+3)%len(g.Nodes)]
		rel := &kg.Relation{ID: "rel/" + string(rune('a'+i)), From: from.ID, To: to.ID, Type: spec.Type,
			Role: awkward[i%len(awkward)], ValidFrom: dates[i%len(dates)], ValidTo: dates[(i+1)%len(dates)],
			Confidence: confidences[i%len(confidences)], Status: kg.Statuses[i%len(kg.Statuses)],
			Basis:    []kg.Basis{kg.BasisStated, kg.BasisInferred}[i%2],
			Evidence: []kg.Evidence{{SourceID: source.ID, Quote: awkward[(i+2)%len(awkward)]}, {SourceID: "source/missing", Quote: "gone"}}}
		if i%3 == 0 {
			rel.Evidence = nil
		}
		g.Edges = append(g.Edges, kg.RelationView{Relation: rel, FromEntity: from, ToEntity: to,
			SourceEntities: map[string]*kg.Entity{source.ID: source}})
	}
	return g
}

// answer runs query through gqlgen's handler with the direct answers on or off.
func answer(t *testing.T, direct bool, query string, vars map[string]any, g *kg.Subgraph, paths []*model.Path) string {
	t.Helper()
	directjson.SetBypass(!direct)
	defer directjson.SetBypass(false)
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: answerRoot{query: answerQuery{g: g, paths: paths}}}))
	srv.AddTransport(transport.POST{})
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	out, _ := io.ReadAll(rec.Body)
	return string(out)
}

// writesDirectly asks the direct writer alone whether it writes the query's answer.
func writesDirectly(t *testing.T, query string, vars map[string]any, g *kg.Subgraph, paths []*model.Path) bool {
	t.Helper()
	doc, errs := gqlparser.LoadQuery(graph.NewExecutableSchema(graph.Config{}).Schema(), query)
	if errs != nil {
		t.Fatalf("query does not validate: %v", errs)
	}
	op := &graphql.OperationContext{RawQuery: query, Doc: doc, Operation: doc.Operations[0], Variables: vars}
	root := doc.Operations[0].SelectionSet[0].(*ast.Field)
	if root.Name == "paths" {
		return directjson.WritesPaths(op, root.SelectionSet, paths)
	}
	return directjson.WritesSubgraph(op, root.SelectionSet, g)
}

// answerRoot answers neighborhood and paths with fixed data; any other resolver is nil
// and would panic, so the cases select none.
type answerRoot struct {
	graph.ResolverRoot
	query answerQuery
}

func (r answerRoot) Query() graph.QueryResolver { return r.query }

type answerQuery struct {
	graph.QueryResolver
	g     *kg.Subgraph
	paths []*model.Path
}

func (q answerQuery) Neighborhood(context.Context, string, *int, []kg.RelationType, *int, *time.Time, *time.Time) (*model.Subgraph, error) {
	return &model.Subgraph{Subgraph: q.g}, nil
}

func (q answerQuery) Paths(context.Context, string, string, *int, []kg.RelationType, *int, *time.Time, *time.Time) ([]*model.Path, error) {
	return q.paths, nil
}
