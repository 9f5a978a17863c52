package querylimit

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

func TestExtension(t *testing.T) {
	limits := Limits{MaxDepth: 3, MaxAliases: 2, MaxTokens: 200}
	chain := func(n int) string {
		var b strings.Builder
		b.WriteString("{ ...F0 }")
		for i := 0; i < n; i++ {
			b.WriteString(" fragment F" + strconv.Itoa(i) + " on Query { a { ...F" + strconv.Itoa(i+1) + " } }")
		}
		b.WriteString(" fragment F" + strconv.Itoa(n) + " on Query { b }")
		return b.String()
	}
	cases := []struct {
		name, query string
		refused     bool
	}{
		{"OK", `{ a { b { c } } x: a { b } }`, false},
		{"OKUnparsable", `{ a {`, false}, // left to gqlgen, which reports the syntax error
		{"ErrDepth", `{ a { b { c { d } } } }`, true},
		{"ErrDepthThroughInlineFragments", `{ a { ... on A { b { ... on B { c { d } } } } } }`, true},
		{"ErrDepthThroughFragmentChain", chain(3), true},
		{"ErrAliases", `{ x: a y: a z: a }`, true},
		{"ErrAliasesInFragment", `{ ...F } fragment F on Query { x: a y: a z: a }`, true},
		{"ErrTokens", "{" + strings.Repeat(" a", 300) + " }", true},
		{"OKFragmentCycleLeftToValidation", `{ ...F } fragment F on Query { a { ...F } }`, false},
	}
	// Without memory, and with it: each document is asked twice, so that the second answer
	// comes from memory where there is one, and a refusal must not be remembered as a pass.
	for _, ext := range []*Extension{{Limits: limits}, New(limits, 100)} {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				for range 2 {
					err := ext.MutateOperationParameters(context.Background(), &graphql.RawParams{Query: tc.query})
					if (err != nil) != tc.refused {
						t.Fatalf("refused = %v (%v), want %v", err != nil, err, tc.refused)
					}
					if err != nil && err.Extensions["code"] != "BAD_USER_INPUT" {
						t.Errorf("code = %v, want BAD_USER_INPUT", err.Extensions["code"])
					}
				}
			})
		}
	}
}
