package resolvers_test

// The in-process GraphQL API: the generated executor over the resolvers and a kgmock store,
// with the transports and the parts the service puts around it for the rules these tests check (the
// @hasRole directive, the read check and the authenticator, the complexity budget, the error
// presenter), driven through gqlgen's test client. No Neo4j: `go test ./resolvers/` runs in
// seconds. The server's own wiring of these parts is tested end to end against Neo4j in the
// root package (server_test.go, auth_test.go).

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/graphqlhttp"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/kgmock"
	"github.com/diplograph/diplograph/querylimit"
	"github.com/diplograph/diplograph/resolvers"
)

// One API key per role, and a JWT secret.
const (
	readerKey = "in-process-reader-key-0123456789"
	editorKey = "in-process-editor-key-0123456789"
	adminKey  = "in-process-admin-key-01234567890"
)

var jwtSecret = []byte("in-process-jwt-secret-0123456789abcdef")

// apiOptions are the settings the tests vary; defaultAPI is the development profile's.
type apiOptions struct {
	anonymousReads bool
	maxComplexity  int
}

var defaultAPI = apiOptions{anonymousReads: true, maxComplexity: 200000}

// newAPI serves the schema from store.
func newAPI(t testing.TB, store *kgmock.Store, o apiOptions) *client.Client {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	r := &resolvers.Resolver{Store: store, Logger: log, Limits: resolvers.DefaultLimits}
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: r,
		Directives: graph.DirectiveRoot{HasRole: resolvers.HasRole}}))
	viaPost, viaGet := graphqlhttp.New(1 << 20)
	srv.AddTransport(viaPost)
	srv.AddTransport(viaGet)
	srv.Use(auth.ReadCheck{AnonymousReads: o.anonymousReads})
	srv.Use(&querylimit.Complexity{Limit: o.maxComplexity, Cost: querylimit.SchemaCost})
	srv.SetErrorPresenter(resolvers.ErrorPresenter(log))
	srv.SetRecoverFunc(resolvers.RecoverFunc(log))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(r.WithLoaders(ctx))
	})
	authn, err := auth.New(auth.Config{Keys: []auth.Key{
		{Name: "rita-reader", Role: kg.RoleReader, Hash: auth.HashKey(readerKey)},
		{Name: "ed-editor", Role: kg.RoleEditor, Hash: auth.HashKey(editorKey)},
		{Name: "ada-admin", Role: kg.RoleAdmin, Hash: auth.HashKey(adminKey)},
	}, JWT: auth.JWTConfig{Secret: jwtSecret}})
	if err != nil {
		t.Fatal(err)
	}
	return client.New(authn.Middleware(srv, nil))
}

// gqlError is one entry of a response's errors.
type gqlError struct {
	Message    string
	Path       []any
	Extensions map[string]any
}

func (e gqlError) code() string  { s, _ := e.Extensions["code"].(string); return s }
func (e gqlError) field() string { s, _ := e.Extensions["field"].(string); return s }

// answer is a response: its data as JSON, and its errors.
type answer struct {
	data   json.RawMessage
	errors []gqlError
}

// post sends query; a transport failure (HTTP 4xx or 5xx) fails the test.
func post(t testing.TB, c *client.Client, query string, opts ...client.Option) answer {
	t.Helper()
	resp, err := c.RawPost(query, opts...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	var a answer
	if a.data, err = json.Marshal(resp.Data); err != nil {
		t.Fatal(err)
	}
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &a.errors); err != nil {
			t.Fatalf("errors %s: %v", resp.Errors, err)
		}
	}
	return a
}

// only is the code of the answer's one error; the test fails when there is not exactly one.
func (a answer) only(t testing.TB) gqlError {
	t.Helper()
	if len(a.errors) != 1 {
		t.Fatalf("want one error, got %d: %+v (data %s)", len(a.errors), a.errors, a.data)
	}
	return a.errors[0]
}

// ok fails the test when the answer has an error.
func (a answer) ok(t testing.TB) answer {
	t.Helper()
	if len(a.errors) > 0 {
		t.Fatalf("unexpected errors: %+v", a.errors)
	}
	return a
}

func withKey(key string) client.Option { return client.AddHeader("X-API-Key", key) }

func bearer(token string) client.Option { return client.AddHeader("Authorization", "Bearer "+token) }

func jwtFor(t testing.TB, role string, exp time.Time) string {
	t.Helper()
	tok, err := auth.SignJWT(auth.Claims{Subject: "tess-token", Role: role, ExpiresAt: exp.Unix()}, jwtSecret)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// person is a fixture entity.
func person(id, name string) *kg.Entity {
	return &kg.Entity{ID: id, Kind: kg.KindPerson, Name: name, Version: 1}
}

// entityStore answers Entity for any id with person(id).
func entityStore() *kgmock.Store {
	return &kgmock.Store{EntityFn: func(_ context.Context, id string, _ *time.Time) (*kg.Entity, error) {
		return person(id, strings.ToUpper(id)), nil
	}}
}
