package stack

import (
	"strings"
	"testing"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/kg"
)

// Ids of the generator's graph (datagen: n=100000, seed 1); any n ≥ 2500 has them. In
// that graph person/gen-17 has 5 facts; country/gen-3 has 43, 9 of them with events, so its
// timeline has something in it (a generated track has almost none); the two tracks share
// no entity, so crossTrack answers an empty list after doing its work.
const (
	benchPerson  = "person/gen-17"
	benchCountry = "country/gen-3"
	benchTrackA  = "track/gen-0"
	benchTrackB  = "track/gen-1"
	benchSearch  = "Northern Person 17"
	// benchLucene is what cypher.luceneQuery makes of benchSearch.
	benchLucene = "(northern^4 OR northern*^2 OR northern~2) OR (person^4 OR person*^2 OR person~2) OR (17^4)"
)

// benchQuery is one query type: a GraphQL operation and the statements, with their exact
// text and parameters, that the store sends to answer it (nested lists loaded after).
type benchQuery struct {
	name  string
	gql   string
	vars  map[string]any
	stmts []benchStmt
}

type benchStmt struct {
	name   string // the file under cypher/queries, as the store names it in tx metadata
	text   string
	params map[string]any
}

// benchQueries takes the store's statements (cypher.Statement) and fills their placeholders
// the way the cypher package does.
func benchQueries(tb testing.TB) []benchQuery {
	tb.Helper()
	file := cypher.Statement
	stmt := func(name string, params map[string]any) benchStmt {
		return benchStmt{name: name, text: file(name), params: params}
	}
	// stats as of now: a branch per kind and per relation type (cypher.statsNowQuery).
	var census []string
	for _, k := range kg.Kinds {
		census = append(census, strings.ReplaceAll(file("statsNowKind"), "/*KIND*/", string(k)))
	}
	for _, spec := range kg.Vocabulary {
		census = append(census, strings.ReplaceAll(file("statsNowFacts"), "/*TYPE*/", string(spec.Type)))
	}
	statsNow := strings.Join(census, "UNION ALL\n")
	none := []string{}

	// entities: the shared filter with the NAME sort ascending (cypher.entityQuery).
	sortName := strings.NewReplacer("/*SORT_KEY*/", "e.nameKey", "/*AFTER*/", ">", "/*ORDER*/", "ASC",
		"/*HINT*/", "USING INDEX e:Entity(nameKey)", "/*SEEK*/", "e.nameKey >= coalesce($afterKey, '') AND")
	listParams := map[string]any{"kinds": none, "name": nil, "track": nil, "conflict": nil, "relatedTo": nil,
		"relType": nil, "asOf": nil, "knownAt": nil, "first": 20, "after": nil, "afterKey": nil, "afterID": nil}
	neighborhood := stmt("neighborhood", map[string]any{"id": benchPerson, "types": none, "limit": 100, "asOf": nil, "knownAt": nil, "withSources": false, "brief": true})
	neighborhood.text = strings.ReplaceAll(neighborhood.text, "/*DEPTH*/", "2")
	paths := stmt("paths", map[string]any{"from": benchPerson, "to": benchCountry, "types": none, "first": 5, "asOf": nil, "knownAt": nil})
	paths.text = strings.ReplaceAll(paths.text, "/*MAXHOPS*/", "4")

	return []benchQuery{{
		// Not one of the types: one index seek, no nested list, so graphql − raw is
		// the cost of the stack alone (HTTP, parse, validate, resolve, decode, encode).
		name:  "entityBare",
		gql:   `query($id: ID!) { entity(id: $id) { id kind name aliases description } }`,
		vars:  map[string]any{"id": benchPerson},
		stmts: []benchStmt{stmt("entity", map[string]any{"id": benchPerson, "asOf": nil, "knownAt": nil})},
	}, {
		name: "entity",
		gql: `query($id: ID!) { entity(id: $id) { id kind name relations { id type role confidence status quote
			validFrom { value precision } from { id name } to { id name } sources { id name } } } }`,
		vars: map[string]any{"id": benchPerson},
		stmts: []benchStmt{stmt("entity", map[string]any{"id": benchPerson, "asOf": nil, "knownAt": nil}), stmt("relationsOf", map[string]any{
			"ids": []string{benchPerson}, "types": none, "direction": "BOTH", "counterpartKinds": none,
			"minConfidence": 0.0, "statuses": none, "asOf": nil, "knownAt": nil})},
	}, {
		name: "entities",
		gql:  `{ entities(first: 20, sort: NAME) { totalCount pageInfo { hasNextPage endCursor } nodes { id kind name } } }`,
		stmts: []benchStmt{
			{"entities", sortName.Replace(file("entityFilter") + file("entities")), listParams},
			{"entitiesCountAll", file("entitiesCountAll"), listParams},
		},
	}, {
		name:  "search",
		gql:   `query($t: String!) { search(text: $t) { score entity { id kind name } } }`,
		vars:  map[string]any{"t": benchSearch},
		stmts: []benchStmt{stmt("searchAll", map[string]any{"lucene": benchLucene, "kinds": none, "first": 10, "asOf": nil, "knownAt": nil})},
	}, {
		name: "neighborhood",
		gql: `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) { truncated nodes { id kind name }
			edges { id type confidence from { id } to { id } } } }`,
		vars:  map[string]any{"id": benchPerson},
		stmts: []benchStmt{neighborhood},
	}, {
		// The drawing with each fact's basis (the dashboard draws inferred facts apart): the
		// same brief statement, so it must cost what neighborhood costs.
		name: "neighborhoodBasis",
		gql: `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) { truncated nodes { id kind name }
			edges { id type confidence basis from { id } to { id } } } }`,
		vars:  map[string]any{"id": benchPerson},
		stmts: []benchStmt{neighborhood},
	}, {
		name: "paths",
		gql: `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 4) { length nodes { id kind name }
			hops { id type confidence quote sources { id } } } }`,
		vars:  map[string]any{"a": benchPerson, "b": benchCountry},
		stmts: []benchStmt{paths},
	}, {
		name: "crossTrack",
		gql: `query($a: ID!, $b: ID!) { crossTrack(a: $a, b: $b) { score entity { id kind name }
			tiesA { via { id name } relations { id type confidence } } tiesB { via { id name } relations { id type confidence } } } }`,
		vars:  map[string]any{"a": benchTrackA, "b": benchTrackB},
		stmts: []benchStmt{stmt("crossTrack", map[string]any{"a": benchTrackA, "b": benchTrackB, "asOf": nil, "knownAt": nil})},
	}, {
		name: "timeline",
		gql:  `query($id: ID!) { timeline(id: $id) { id name date { value precision } } }`,
		vars: map[string]any{"id": benchCountry},
		stmts: []benchStmt{stmt("timeline", map[string]any{"id": benchCountry, "asOf": nil, "knownAt": nil, "first": 100, "eventStatuses": none,
			"fromStart": nil, "toEnd": nil})},
	}, {
		name:  "stats",
		gql:   `{ stats { entities relations byKind { kind count } byRelationType { type count } } }`,
		stmts: []benchStmt{{"stats", statsNow, nil}},
	}, {
		name:  "mostConnected",
		gql:   `{ mostConnected { degree entity { id kind name } } }`,
		stmts: []benchStmt{stmt("mostConnectedBounded", map[string]any{"track": nil, "first": 10, "asOf": nil, "knownAt": nil, "candidates": 60})},
	}}
}
