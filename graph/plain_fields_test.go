package graph_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/resolvers"
)

// The executor reads a field that is a struct field of a scalar or enum without
// graphql.ResolveField (internal/gqlgen/plainfields.go), so field middleware sees only the
// fields that resolve something. This pins that down, so that whoever adds AroundFields to
// the root package's newGraphQLHandler learns it here and not from a trace with holes in it.
// The store is an in-process stand-in: what is under test is the executor, not a query.
func TestFieldMiddlewareSeesOnlyResolvedFields(t *testing.T) {
	store := oneEntityStore{entity: &kg.Entity{ID: "person/x", Kind: kg.KindPerson, Name: "X \"quoted\"", Description: "d"}}
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &resolvers.Resolver{
		Store: store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: resolvers.DefaultLimits}}))
	srv.AddTransport(transport.POST{})
	var mu sync.Mutex
	var seen []string
	srv.AroundFields(func(ctx context.Context, next graphql.Resolver) (any, error) {
		fc := graphql.GetFieldContext(ctx)
		mu.Lock()
		seen = append(seen, fc.Object+"."+fc.Field.Name)
		mu.Unlock()
		return next(ctx)
	})

	body := `{"query":"{ entity(id: \"person/x\") { id kind name description __typename } }"}`
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	srv.ServeHTTP(rec, req)

	want := `{"data":{"entity":{"id":"person/x","kind":"PERSON","name":"X \"quoted\"","description":"d","__typename":"Person"}}}`
	if got := rec.Body.String(); got != want {
		t.Errorf("answer\n%s\nwant\n%s", got, want)
	}
	if !slices.Equal(seen, []string{"Query.entity"}) {
		t.Errorf("field middleware saw %v, want only Query.entity: plain fields must not go through it (was the executor regenerated with plain gqlgen, not `make generate`?)", seen)
	}
}

// oneEntityStore knows one entity; every other call panics, through the nil kg.Store.
type oneEntityStore struct {
	kg.Store
	entity *kg.Entity
}

func (s oneEntityStore) Entity(_ context.Context, id string, _ *time.Time) (*kg.Entity, error) {
	if id != s.entity.ID {
		return nil, kg.Errorf(errcode.NotFound, "no entity %q", id)
	}
	return s.entity, nil
}
