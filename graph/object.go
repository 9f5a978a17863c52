package graph

import (
	"io"

	"github.com/99designs/gqlgen/graphql"
)

// objectOf is what the generated code returns for an object once its fields are resolved,
// in place of gqlgen's *graphql.FieldSet (internal/gqlgen rewrites the returns). The field
// set's own MarshalGQL keeps a map per object to skip a response key written twice, which
// only a field delayed by @defer can cause; this schema has none, and on an answer of a
// thousand objects the maps cost more than the writing.
func objectOf(fields []graphql.CollectedField, set *graphql.FieldSet) graphql.Marshaler {
	return object{fields: fields, values: set.Values}
}

type object struct {
	fields []graphql.CollectedField
	values []graphql.Marshaler
}

// MarshalGQL writes the fields in the order the query asked for them. Response keys are
// GraphQL names (letters, digits, underscores), so they need no escaping.
func (o object) MarshalGQL(w io.Writer) {
	io.WriteString(w, "{")
	for i, f := range o.fields {
		if i > 0 {
			io.WriteString(w, ",")
		}
		io.WriteString(w, `"`)
		io.WriteString(w, f.Alias)
		io.WriteString(w, `":`)
		if v := o.values[i]; v != nil {
			v.MarshalGQL(w)
		} else {
			graphql.Null.MarshalGQL(w)
		}
	}
	io.WriteString(w, "}")
}
