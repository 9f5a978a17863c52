package graph

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// A query may put @defer on a field that gqlgen resolves concurrently (the directive is in
// gqlgen's prelude). The service has no incremental transport, so over POST gqlgen answers
// the first part and says there is more. internal/gqlgen once gave every object an empty
// deferred group, which made such a query an internal error: it decided whether any field
// could be deferred from a line of the template that gqlgen v0.17.96 moved into
// graphql.FieldSet.ResolveConcurrently, so the guard never fired. That rewrite is gone
// (docs/benchmarks.md, "#18 §1"); this keeps it from coming back unnoticed.
func TestDefer_AnswersAsGqlgenDoes(t *testing.T) {
	srv := handler.New(NewExecutableSchema(Config{Resolvers: deferRoot{}}))
	srv.AddTransport(transport.POST{})
	body, err := json.Marshal(map[string]any{"query": `{ entity(id: "person/x") { id ... @defer { relations { id } } } }`})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	out, _ := io.ReadAll(rec.Body)
	if want := `{"data":{"entity":{"id":"person/x","relations":null}},"hasNext":true}`; string(out) != want {
		t.Errorf("answer\n%s\nwant gqlgen's\n%s", out, want)
	}
}

// deferRoot knows one person, without facts; any other resolver is nil and would panic.
type deferRoot struct{ ResolverRoot }

func (deferRoot) Query() QueryResolver   { return deferQuery{} }
func (deferRoot) Person() PersonResolver { return deferPerson{} }

type deferQuery struct{ QueryResolver }

func (deferQuery) Entity(context.Context, string, *time.Time) (model.Entity, error) {
	return model.Wrap(&kg.Entity{ID: "person/x", Kind: kg.KindPerson, Name: "X"}), nil
}

type deferPerson struct{ PersonResolver }

func (deferPerson) Relations(context.Context, *model.Person, []kg.RelationType, *kg.Direction, []kg.Kind, *float64, []kg.Status, *time.Time, *time.Time) ([]*model.Relation, error) {
	return nil, nil
}
