// Package kg is the domain of diplograph: entities (actors, conflicts, bodies, tracks,
// proposals, events, sources), the facts between them, each citing a source with a verbatim
// quote and a valid time, and the two clocks a read is asked at (Clocks: asOf, the world's
// date; knownAt, what the graph had recorded by then).
//
// It holds the vocabulary (vocabulary.go: the relation types and which kinds they join),
// partial and bounded dates, event statuses, the validation rules that both the importer and
// the write API apply, coded errors (Error, with a code from package errcode), callers and
// roles, and the Store interface that everything above the database talks to.
//
// kg imports the standard library and errcode only; the Neo4j implementation of Store is
// package cypher, and the GraphQL side (graph, resolvers) sees Store alone.
package kg
