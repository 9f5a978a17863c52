package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/diplograph/diplograph/kg"
)

const seedSource = "source/2026-01-26-us-envoys-to-meet-putin"

// operation is one field behind access control, made fresh for each caller n so that
// every allowed call can succeed.
type operation struct {
	name  string
	role  kg.Role
	build func(n int) (string, map[string]any)
}

func operations(t *testing.T, store *cypher.Store) []operation {
	ctx := context.Background()
	return []operation{
		{"upsertEntity", kg.RoleEditor, func(n int) (string, map[string]any) {
			return `mutation($id: ID!) { upsertEntity(input: {id: $id, name: "Matrix"}) { entity { id version } } }`,
				map[string]any{"id": fmt.Sprintf("person/matrix-%d", n)}
		}},
		{"addSource", kg.RoleEditor, func(n int) (string, map[string]any) {
			return `mutation($id: ID!) { addSource(input: {id: $id, title: "T", text: "Words."}) { source { id hasText } } }`,
				map[string]any{"id": fmt.Sprintf("source/matrix-%d", n)}
		}},
		{"assertRelation", kg.RoleEditor, func(n int) (string, map[string]any) {
			return `mutation($role: String, $src: ID!) { assertRelation(input: {from: "person/vladimir-putin", type: MET_WITH,
				to: "person/donald-trump", role: $role, confidence: 0.5, sources: [$src], quote: "Vladimir Putin"}) { relation { id } } }`,
				map[string]any{"role": fmt.Sprintf("matrix %d", n), "src": seedSource}
		}},
		{"recordEvent", kg.RoleEditor, func(n int) (string, map[string]any) {
			return `mutation($id: ID!, $src: ID!) { recordEvent(input: {id: $id, name: "E", date: "2026-01", place: "territory/moscow",
				participants: [{entity: "person/steve-witkoff"}], sources: [$src], quote: "Moscow"}) { event { id } relations { id } } }`,
				map[string]any{"id": fmt.Sprintf("event/matrix-%d", n), "src": seedSource}
		}},
		{"retractRelation", kg.RoleEditor, func(n int) (string, map[string]any) {
			res, err := store.AssertRelation(ctx, "setup", kg.Assertion{From: "person/vladimir-putin", Type: "MET_WITH", To: "person/donald-trump",
				Role: fmt.Sprintf("to retract %d", n), Confidence: 0.5, Sources: []string{seedSource}, Quote: "Vladimir Putin"})
			if err != nil {
				t.Fatal(err)
			}
			return `mutation($id: ID!) { retractRelation(id: $id, reason: "test") { relation { status } } }`, map[string]any{"id": res.Relation.ID}
		}},
		{"mergeEntities", kg.RoleAdmin, func(n int) (string, map[string]any) {
			keep, dup := fmt.Sprintf("person/keep-%d", n), fmt.Sprintf("person/dup-%d", n)
			for _, id := range []string{keep, dup} {
				if _, err := store.UpsertEntity(ctx, "setup", kg.EntityPatch{ID: id, Name: &id}); err != nil {
					t.Fatal(err)
				}
			}
			return `mutation($k: ID!, $d: ID!) { mergeEntities(keep: $k, duplicate: $d) { entity { id } } }`, map[string]any{"k": keep, "d": dup}
		}},
		{"changes", kg.RoleAdmin, func(n int) (string, map[string]any) {
			return `{ changes(first: 1) { nodes { id by } } }`, nil
		}},
	}
}

// TestAccess_RoleMatrix runs every mutation and admin query as every kind of caller:
// anonymous, each role (by API key in either header, and by token), and bad credentials.
// Refused calls change nothing and say only UNAUTHENTICATED or FORBIDDEN.
func TestAccess_RoleMatrix(t *testing.T) {
	store := servicetest.SeededStore(t)
	srv := newServerWith(t, authConfig(t), store)
	hour := time.Now().Add(time.Hour)
	callers := []struct {
		name string
		cred servicetest.Cred
		role kg.Role
		code string // for bad credentials: the code whatever the operation
	}{
		{"Anonymous", nil, kg.RoleNone, ""},
		{"ReaderAPIKey", servicetest.Cred{"X-API-Key": readerKey}, kg.RoleReader, ""},
		{"EditorAPIKey", servicetest.Bearer(editorKey), kg.RoleEditor, ""},
		{"EditorJWT", servicetest.Bearer(jwtFor(t, "eve", "editor", hour, jwtSecret)), kg.RoleEditor, ""},
		{"AdminAPIKey", servicetest.Cred{"X-API-Key": adminKey}, kg.RoleAdmin, ""},
		{"AdminJWT", servicetest.Bearer(jwtFor(t, "root", "admin", hour, jwtSecret)), kg.RoleAdmin, ""},
		{"ExpiredJWT", servicetest.Bearer(jwtFor(t, "root", "admin", time.Now().Add(-time.Hour), jwtSecret)), 0, errcode.Unauthenticated},
		{"ForgedJWT", servicetest.Bearer(jwtFor(t, "root", "admin", hour, []byte("not-the-secret-not-the-secret-not-the"))), 0, errcode.Unauthenticated},
		{"AlgNoneJWT", servicetest.Bearer(algNone(`{"sub":"root","role":"admin","exp":4102444800}`)), 0, errcode.Unauthenticated},
		{"WrongAPIKey", servicetest.Bearer(adminKey + "x"), 0, errcode.Unauthenticated},
	}
	ops := operations(t, store)
	n := 0
	for _, c := range callers {
		for _, op := range ops {
			want := c.code
			if want == "" && c.role == kg.RoleNone {
				want = errcode.Unauthenticated
			} else if want == "" && c.role < op.role {
				want = errcode.Forbidden
			}
			t.Run(c.name+"/"+op.name, func(t *testing.T) {
				n++
				query, vars := op.build(n)
				nodes, rels := servicetest.Counts(t)
				r := servicetest.Post(t, srv.URL, c.cred, query, vars)
				if r.Code() != want {
					t.Fatalf("code = %q, want %q: %+v", r.Code(), want, r.Errors)
				}
				if want == "" {
					return
				}
				if n2, r2 := servicetest.Counts(t); n2 != nodes || r2 != rels {
					t.Errorf("a refused call wrote: nodes %d -> %d, relationships %d -> %d", nodes, n2, rels, r2)
				}
				for _, field := range []string{"upsertEntity", "changes", "retractRelation"} {
					if d := r.Data[field]; len(d) > 0 && string(d) != "null" {
						t.Errorf("a refused call returned data: %s", d)
					}
				}
			})
		}
	}
}

func newFlagSet() *flag.FlagSet { return flag.NewFlagSet("test", flag.ContinueOnError) }

func algNone(claims string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(claims)) + "."
}

// TestAccess_RevealsNothing: a caller without the role gets the same answer for an id
// that exists and one that does not.
func TestAccess_RevealsNothing(t *testing.T) {
	store := servicetest.SeededStore(t)
	srv := newServerWith(t, authConfig(t), store)
	existing := kg.FactID("person/vladimir-putin", "HOLDS_ROLE", "country/russia", "President")
	const q = `mutation($id: ID!) { retractRelation(id: $id, reason: "x") { relation { id } } }`
	for _, c := range []servicetest.Cred{nil, {"X-API-Key": readerKey}} {
		a := servicetest.Post(t, srv.URL, c, q, map[string]any{"id": existing})
		b := servicetest.Post(t, srv.URL, c, q, map[string]any{"id": "rel/holds_role/0000000000000000"})
		if len(a.Errors) != 1 || len(b.Errors) != 1 || a.Errors[0].Message != b.Errors[0].Message || a.Code() != b.Code() {
			t.Errorf("answers differ: %+v vs %+v", a.Errors, b.Errors)
		}
	}
}

func TestAccess_AnonymousReads(t *testing.T) {
	store := servicetest.SeededStore(t)
	const q = `{ entity(id: "person/vladimir-putin") { name } }`
	t.Run("OnByDefaultInDevelopment", func(t *testing.T) {
		srv := newServerWith(t, authConfig(t), store)
		if r := servicetest.Post(t, srv.URL, nil, q, nil); r.Code() != "" {
			t.Errorf("anonymous read: %+v", r.Errors)
		}
		r := servicetest.Post(t, srv.URL, servicetest.Bearer(jwtFor(t, "x", "reader", time.Now().Add(-time.Minute), jwtSecret)), q, nil)
		if r.Code() != errcode.Unauthenticated || r.Status != http.StatusUnauthorized {
			t.Errorf("expired token on a read: %d %+v, want 401 UNAUTHENTICATED", r.Status, r.Errors)
		}
	})
	t.Run("OffInProduction", func(t *testing.T) {
		t.Setenv("DIPLOGRAPH_PROFILE", "production")
		c := authConfig(t)
		if c.Auth.AnonymousReads || c.Introspection || c.Playground {
			t.Fatalf("production profile: %s", c)
		}
		srv := newServerWith(t, c, store)
		if r := servicetest.Post(t, srv.URL, nil, q, nil); r.Code() != errcode.Unauthenticated || len(r.Data["entity"]) > 0 {
			t.Errorf("anonymous read in production: %+v %s", r.Errors, r.Data["entity"])
		}
		if r := servicetest.Post(t, srv.URL, servicetest.Cred{"X-API-Key": readerKey}, q, nil); r.Code() != "" {
			t.Errorf("reader: %+v", r.Errors)
		}
	})
}

func TestAccess_DevAnonymousWrites(t *testing.T) {
	store := servicetest.SeededStore(t)
	c := authConfig(t)
	c.Auth.DevAnonymousWrites = true
	srv := newServerWith(t, c, store)
	r := servicetest.Post(t, srv.URL, nil, `mutation { upsertEntity(input: {id: "person/dev-user", name: "Dev"}) { created } }`, nil)
	if r.Code() != "" {
		t.Fatalf("anonymous write with the development flag: %+v", r.Errors)
	}
	h, err := store.History(context.Background(), "person/dev-user", 10)
	if err != nil || len(h) != 1 || h[0].By != "anonymous" {
		t.Errorf("history = %+v, want one change by anonymous", h)
	}
	t.Run("ErrRefusedInProduction", func(t *testing.T) {
		t.Setenv("DIPLOGRAPH_PROFILE", "production")
		t.Setenv("DIPLOGRAPH_DEV_ANONYMOUS_WRITES", "true")
		if _, err := loadConfig(newFlagSet(), nil); err == nil || !strings.Contains(err.Error(), "DIPLOGRAPH_DEV_ANONYMOUS_WRITES") {
			t.Errorf("err = %v, want the flag refused", err)
		}
	})
}

func TestConfig_APIKeys(t *testing.T) {
	t.Setenv("DIPLOGRAPH_API_KEYS", "alice:editor:"+auth.HashKey(editorKey))
	c, err := loadConfig(newFlagSet(), nil)
	if err != nil || len(c.Auth.Keys) != 1 || c.Auth.Keys[0].Role != kg.RoleEditor {
		t.Fatalf("keys = %+v, err %v", c.Auth.Keys, err)
	}
	if strings.Contains(c.String(), auth.HashKey(editorKey)) {
		t.Error("the configuration print shows a key hash")
	}
	file := t.TempDir() + "/keys"
	if err := os.WriteFile(file, []byte("# curators\nbob:admin:"+auth.HashKey(adminKey)+"\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DIPLOGRAPH_API_KEYS_FILE", file)
	if c, err := loadConfig(newFlagSet(), nil); err != nil || len(c.Auth.Keys) != 2 || c.Auth.Keys[1].Name != "bob" {
		t.Errorf("keys from env and file = %+v, err %v", c.Auth.Keys, err)
	}
	t.Setenv("DIPLOGRAPH_JWT_SECRET", "short")
	if _, err := loadConfig(newFlagSet(), nil); err == nil {
		t.Error("a 5-byte JWT secret was accepted")
	}
}

func TestHashKeyCommand(t *testing.T) {
	var out bytes.Buffer
	if err := hashKey(strings.NewReader(editorKey+"\n"), &out, io.Discard, false); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(out.String()); got != auth.HashKey(editorKey) {
		t.Errorf("hash-key printed %q", got)
	}
}
