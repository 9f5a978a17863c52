// Package graph is the GraphQL executor: the schema (*.graphqls) and the code gqlgen
// generates from it (*.generated.go), written by `make generate` (internal/gqlgen), never by
// plain `gqlgen generate`; CI's `make check-generated` fails when the two differ.
//
// internal/gqlgen changes the generated executor at three kinds of place, and those are the
// only contact between generated and hand-written code (docs/development.md, "The generator
// seam and upgrading gqlgen"):
//
//   - every list of objects is marshalled by marshalList (marshal_list.go), in place unless
//     its elements select a field that gqlgen resolves concurrently
//     (concurrent_fields.generated.go lists them);
//   - a field that is a struct field of a scalar or enum calls its marshaller directly;
//   - the values of neighborhood, paths and every list of facts go to package
//     graph/directjson, which writes them straight into JSON when their selection allows
//     and otherwise calls gqlgen's marshaller.
//
// gqlgen leaves this file, like every file without its generated-code header, as it is.
// The resolvers live in package resolvers and the GraphQL-side types in graph/model.
package graph
