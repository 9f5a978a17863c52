package metrics

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// record is what one GraphQL request learns about itself on its way through: which
// operation it was, and the code of its first error.
type record struct {
	mu        sync.Mutex
	operation string
	outcome   string
}

type recordKey struct{}

// GraphQL measures every request to next, a GraphQL endpoint: its latency by operation and
// its count by operation and outcome. The operation is named by the Operations extension,
// the outcome by ObserveError.
func GraphQL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &record{operation: "none", outcome: "ok"}
		inFlight.Inc()
		start := time.Now()
		defer func() {
			inFlight.Dec()
			rec.mu.Lock()
			op, outcome := rec.operation, rec.outcome
			rec.mu.Unlock()
			requestSeconds.WithLabelValues(op).Observe(time.Since(start).Seconds())
			requests.WithLabelValues(op, outcome).Inc()
		}()
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), recordKey{}, rec)))
	})
}

// ObserveError counts an error sent to a client with its code, and makes the first one the
// outcome of its request. The error presenter calls it for every GraphQL error, the
// authentication and rate-limit middlewares for the requests they refuse.
func ObserveError(ctx context.Context, code string) {
	errorsByCode.WithLabelValues(code).Inc()
	if rec, ok := ctx.Value(recordKey{}).(*record); ok {
		rec.mu.Lock()
		if rec.outcome == "ok" {
			rec.outcome = code
		}
		rec.mu.Unlock()
	}
}

// Operations is the gqlgen extension that names each request's operation once it has been
// validated: its root field (aliases and fragments resolved), or "multiple". Only schema
// names can appear, so the label's values are bounded whatever clients send.
type Operations struct{}

var (
	_ graphql.HandlerExtension        = Operations{}
	_ graphql.OperationContextMutator = Operations{}
)

// ExtensionName implements graphql.HandlerExtension.
func (Operations) ExtensionName() string { return "Metrics" }

// Validate implements graphql.HandlerExtension.
func (Operations) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (Operations) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	rec, ok := ctx.Value(recordKey{}).(*record)
	if !ok || opCtx.Operation == nil {
		return nil
	}
	root := "Query"
	if opCtx.Operation.Operation == ast.Mutation {
		root = "Mutation"
	}
	names := map[string]bool{}
	for _, f := range graphql.CollectFields(opCtx, opCtx.Operation.SelectionSet, []string{root}) {
		names[f.Name] = true
	}
	op := "multiple"
	switch len(names) {
	case 0:
		op = "none"
	case 1:
		for n := range names {
			op = n
		}
	case 2:
		// __typename beside one field is still that field's operation.
		if names["__typename"] {
			delete(names, "__typename")
			for n := range names {
				op = n
			}
		}
	}
	rec.mu.Lock()
	rec.operation = op
	rec.mu.Unlock()
	return nil
}
