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
)

// Limits bound a document's shape. Zero disables a bound.
type Limits struct {
	MaxDepth   int
	MaxAliases int
	MaxTokens  int
}

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
	return nil
}

func isTokenLimit(err error) bool {
	return strings.Contains(err.Error(), "token limit")
}

func refuse(format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf(format, args...) + "; simplify it or split it into several requests",
		Extensions: map[string]any{"code": "BAD_USER_INPUT"},
	}
}

type measurement struct {
	depth   int
	aliases int
}

// measure finds the deepest operation, expanding fragment spreads (each fragment's depth
// is computed once), and counts aliases across the document. A fragment cycle is not
// followed: validation reports it.
func measure(doc *ast.QueryDocument) measurement {
	fragments := map[string]*ast.FragmentDefinition{}
	for _, f := range doc.Fragments {
		fragments[f.Name] = f
	}
	depthOf := map[string]int{}
	visiting := map[string]bool{}
	var m measurement
	var setDepth func(ast.SelectionSet) int
	setDepth = func(set ast.SelectionSet) int {
		deepest := 0
		for _, sel := range set {
			d := 0
			switch s := sel.(type) {
			case *ast.Field:
				d = 1 + setDepth(s.SelectionSet)
			case *ast.InlineFragment:
				d = setDepth(s.SelectionSet)
			case *ast.FragmentSpread:
				if known, ok := depthOf[s.Name]; ok {
					d = known
				} else if f := fragments[s.Name]; f != nil && !visiting[s.Name] {
					visiting[s.Name] = true
					d = setDepth(f.SelectionSet)
					visiting[s.Name] = false
					depthOf[s.Name] = d
				}
			}
			deepest = max(deepest, d)
		}
		return deepest
	}
	for _, op := range doc.Operations {
		m.depth = max(m.depth, setDepth(op.SelectionSet))
	}
	var countAliases func(ast.SelectionSet)
	countAliases = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Alias != "" && s.Alias != s.Name {
					m.aliases++
				}
				countAliases(s.SelectionSet)
			case *ast.InlineFragment:
				countAliases(s.SelectionSet)
			}
		}
	}
	for _, op := range doc.Operations {
		countAliases(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		countAliases(f.SelectionSet)
	}
	return m
}
