package resolvers_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/kgmock"
)

// A coded error from the store reaches the client with its code in extensions.code and its
// message, for every code of the vocabulary; INTERNAL's message is always the same.
func TestAPI_StoreErrorsKeepTheirCode(t *testing.T) {
	for _, code := range errcode.All {
		t.Run(code, func(t *testing.T) {
			store := &kgmock.Store{EntityFn: func(context.Context, string, *time.Time) (*kg.Entity, error) {
				return nil, kg.Errorf(code, "told %s by the store", code)
			}}
			e := post(t, newAPI(t, store, defaultAPI), `{ entity(id: "person/a") { id } }`).only(t)
			want := "told " + code + " by the store"
			if code == errcode.Internal {
				want = "Internal error."
			}
			if e.code() != code || e.Message != want {
				t.Errorf("code %q message %q, want %q and %q", e.code(), e.Message, code, want)
			}
		})
	}
}

// An error without a code is INTERNAL, and nothing of it reaches the client; a panic too.
func TestAPI_UncodedErrorsAreInternalAndSayNothing(t *testing.T) {
	const secret = "neo4j at bolt://10.0.0.7: password rejected"
	cases := map[string]func(context.Context, string, *time.Time) (*kg.Entity, error){
		"error": func(context.Context, string, *time.Time) (*kg.Entity, error) { return nil, errors.New(secret) },
		"panic": func(context.Context, string, *time.Time) (*kg.Entity, error) { panic(secret) },
	}
	for name, fn := range cases {
		t.Run(name, func(t *testing.T) {
			e := post(t, newAPI(t, &kgmock.Store{EntityFn: fn}, defaultAPI), `{ entity(id: "person/a") { id } }`).only(t)
			if e.code() != errcode.Internal || strings.Contains(e.Message, "bolt") || strings.Contains(e.Message, "password") {
				t.Errorf("code %q message %q: want INTERNAL saying nothing of the cause", e.code(), e.Message)
			}
		})
	}
}

// Errors of the request itself are BAD_USER_INPUT; a scalar that does not parse names its
// argument in the message and in extensions.field. None reaches the store.
func TestAPI_RequestErrorsAreBadUserInput(t *testing.T) {
	cases := []struct{ name, query, field string }{
		{"syntax", `{ entity(id: "person/a") { id }`, ""},
		{"unknown field", `{ entity(id: "person/a") { shoeSize } }`, ""},
		{"wrong argument type", `{ neighborhood(id: "person/a", depth: "two") { truncated } }`, ""},
		{"a date that is not one", `{ neighborhood(id: "person/a", asOf: "2025-13-45") { truncated } }`, "asOf"},
		{"an instant that is not one", `{ entity(id: "person/a", knownAt: "yesterday") { id } }`, "knownAt"},
		{"an enum value that is not one", `{ search(text: "x", kinds: [PLANET]) { score } }`, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := post(t, newAPI(t, &kgmock.Store{}, defaultAPI), c.query)
			if len(a.errors) == 0 {
				t.Fatalf("no error; data %s", a.data)
			}
			for _, e := range a.errors {
				if e.code() != errcode.BadUserInput {
					t.Errorf("code %q (%s), want BAD_USER_INPUT", e.code(), e.Message)
				}
				if c.field != "" && (e.field() != c.field || !strings.HasPrefix(e.Message, c.field+": ")) {
					t.Errorf("field %q message %q, want both to name %s", e.field(), e.Message, c.field)
				}
			}
		})
	}
}

// A write the store refuses as a conflict answers CONFLICT with the store's message, and the
// payload is not half-filled.
func TestAPI_WriteConflict(t *testing.T) {
	store := &kgmock.Store{UpsertEntityFn: func(_ context.Context, by string, p kg.EntityPatch) (*kg.EntityResult, error) {
		return nil, kg.Errorf(errcode.Conflict, "person/a is at version 3, not 2")
	}}
	a := post(t, newAPI(t, store, defaultAPI),
		`mutation { upsertEntity(input: {id: "person/a", name: "A", expectedVersion: 2}) { entity { id } } }`, withKey(editorKey))
	e := a.only(t)
	if e.code() != errcode.Conflict || e.Message != "person/a is at version 3, not 2" {
		t.Errorf("code %q message %q", e.code(), e.Message)
	}
	if string(a.data) != "null" {
		t.Errorf("data %s, want null", a.data)
	}
}
