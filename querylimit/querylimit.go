// Package querylimit refuses abusive GraphQL documents before gqlgen validates them. Some of
// gqlparser's validation rules are quadratic in the number of fields, so a document with
// ten thousand aliases or a two-thousand-fragment chain must be turned away by a linear
// check first; the complexity budget then bounds what a valid document may cost.
package querylimit

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/diplograph/diplograph/errcode"
)

// Limits bound a document's shape. Zero disables a bound.
type Limits struct {
	// MaxDepth bounds the data a query selects. Introspection selections (__schema and
	// __type with everything under them) are not counted: they walk the schema, not the
	// graph, and Introspection bounds them on their own terms.
	MaxDepth   int
	MaxAliases int
	MaxTokens  int

	Introspection IntrospectionLimits
}

// IntrospectionLimits bound a __schema or __type selection. Every path from one type to
// another in the introspection schema goes through ofType or one of __Type's lists
// (fields, inputFields, interfaces, possibleTypes), so bounding both bounds how deep an
// introspection query can reach and how many times its lists multiply. Zero disables a bound.
type IntrospectionLimits struct {
	// MaxOfType bounds the ofType fields on one path.
	MaxOfType int
	// MaxTypeLists bounds __Type's list fields nested on one path: a query that lists the
	// fields of the types of the fields of the types... grows with each level.
	MaxTypeLists int
}

// StandardIntrospection passes the introspection query of graphql-js 16
// (getIntrospectionQuery with every option), which GraphiQL, graphql-codegen and most other
// tools send: it nests ofType 9 deep and the type lists 1 deep. 12 leaves room for tools
// that ask a few levels more (a real type such as [[ID!]!]! wraps 4 deep); 2 lists are what
// graphql-js's own MaxIntrospectionDepthRule allows.
var StandardIntrospection = IntrospectionLimits{MaxOfType: 12, MaxTypeLists: 2}

// Extension is a gqlgen handler extension that enforces Limits.
type Extension struct {
	Limits Limits
	// passed remembers documents that passed, by hash, so that a dashboard sending the
	// same query again is not parsed twice per request (gqlgen's query cache comes after
	// this check). Nil remembers nothing.
	passed *lru.LRU[struct{}]
}

// New returns an Extension that remembers the last size documents that passed.
func New(l Limits, size int) *Extension {
	return &Extension{Limits: l, passed: lru.New[struct{}](size)}
}

var (
	_ graphql.HandlerExtension          = (*Extension)(nil)
	_ graphql.OperationParameterMutator = (*Extension)(nil)
)

// ExtensionName implements graphql.HandlerExtension.
func (*Extension) ExtensionName() string { return "QueryLimits" }

// Validate implements graphql.HandlerExtension.
func (*Extension) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters parses the document once, linearly and with a token limit, and
// measures it. A document that does not parse is left to gqlgen, which reports the error.
func (e *Extension) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if p.Query == "" {
		return nil
	}
	var key string
	if e.passed != nil {
		sum := sha256.Sum256([]byte(p.Query))
		key = string(sum[:])
		if _, ok := e.passed.Get(ctx, key); ok {
			return nil
		}
	}
	if err := e.check(p.Query); err != nil {
		return err
	}
	if e.passed != nil {
		e.passed.Add(ctx, key, struct{}{})
	}
	return nil
}

func (e *Extension) check(query string) *gqlerror.Error {
	var doc *ast.QueryDocument
	var err error
	if e.Limits.MaxTokens > 0 {
		doc, err = parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, e.Limits.MaxTokens)
	} else {
		doc, err = parser.ParseQuery(&ast.Source{Input: query})
	}
	if err != nil {
		if e.Limits.MaxTokens > 0 && isTokenLimit(err) {
			return refuse("the query has more than %d tokens", e.Limits.MaxTokens)
		}
		return nil
	}
	m := measure(doc)
	if e.Limits.MaxAliases > 0 && m.aliases > e.Limits.MaxAliases {
		return refuse("the query uses %d aliases; the limit is %d", m.aliases, e.Limits.MaxAliases)
	}
	if e.Limits.MaxDepth > 0 && m.depth > e.Limits.MaxDepth {
		return refuse("the query is %d levels deep; the limit is %d", m.depth, e.Limits.MaxDepth)
	}
	il := e.Limits.Introspection
	if il.MaxOfType > 0 && m.introspection.ofType > il.MaxOfType {
		return refuse("the introspection query nests ofType %d deep; the limit is %d", m.introspection.ofType, il.MaxOfType)
	}
	if il.MaxTypeLists > 0 && m.introspection.typeLists > il.MaxTypeLists {
		return refuse("the introspection query nests the lists of __Type (fields, inputFields, interfaces, "+
			"possibleTypes) %d deep; the limit is %d", m.introspection.typeLists, il.MaxTypeLists)
	}
	return nil
}

func isTokenLimit(err error) bool {
	return strings.Contains(err.Error(), "token limit")
}

func refuse(format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf(format, args...) + "; simplify it or split it into several requests",
		Extensions: map[string]any{"code": errcode.BadUserInput},
	}
}
