// Package graph is the GraphQL executor: the schema (*.graphqls) and the code gqlgen
// generates from it (*.generated.go), written by `make generate` (internal/gqlgen), never by
// plain `gqlgen generate`.
//
// The hand-written files beside the generated ones are the executor's fast paths, which
// internal/gqlgen's rewrites call into: marshal_list.go marshals a list in place unless its
// elements select a field resolved concurrently (concurrent_fields.generated.go lists them),
// object.go writes an object's fields without gqlgen's field map, and direct_answer.go,
// direct_entity.go and direct_json.go write the neighbourhood, paths and lists of facts
// straight into JSON when their selection allows. gqlgen leaves this file, like every file
// without its generated-code header, as it is.
//
// The resolvers live in package resolvers and the GraphQL-side types in graph/model.
package graph
