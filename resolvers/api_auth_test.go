package resolvers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/kgmock"
)

// writeStore answers every write the mutations below make, counting the calls and naming
// the author it was given.
type writeStore struct {
	kgmock.Store
	writes int
	by     string
}

func newWriteStore() *writeStore {
	s := &writeStore{}
	done := func(by string) { s.writes++; s.by = by }
	result := &kg.EntityResult{Entity: person("person/a", "A"), Created: true}
	s.UpsertEntityFn = func(_ context.Context, by string, _ kg.EntityPatch) (*kg.EntityResult, error) {
		done(by)
		return result, nil
	}
	s.AddSourceFn = func(_ context.Context, by string, _ kg.EntityPatch) (*kg.EntityResult, error) {
		done(by)
		return result, nil
	}
	s.RetractRelationFn = func(_ context.Context, by, _, _ string) (*kg.RelationView, error) {
		done(by)
		return nil, kg.Errorf(errcode.NotFound, "no such fact")
	}
	s.MergeEntitiesFn = func(_ context.Context, by, _, _ string) (*kg.MergeResult, error) {
		done(by)
		return &kg.MergeResult{Entity: result.Entity}, nil
	}
	s.ChangesFn = func(context.Context, kg.PageRequest) (*kg.Page[*kg.Change], error) {
		done("")
		return &kg.Page[*kg.Change]{}, nil
	}
	return s
}

// The operations behind @hasRole, with the role each needs.
var guarded = []struct {
	name, query string
	needs       kg.Role
}{
	{"upsertEntity", `mutation { upsertEntity(input: {id: "person/a", name: "A"}) { created } }`, kg.RoleEditor},
	{"addSource", `mutation { addSource(input: {id: "source/a", title: "A"}) { created } }`, kg.RoleEditor},
	{"assertRelation", `mutation { assertRelation(input: {from: "person/a", type: MET_WITH, to: "person/b",
		confidence: 0.9, status: REPORTED, sources: ["source/a"], quote: "met"}) { created } }`, kg.RoleEditor},
	{"recordEvent", `mutation { recordEvent(input: {id: "event/a", name: "A", date: "2026-01-22",
		participants: [{entity: "person/a"}], sources: ["source/a"], quote: "met"}) { created } }`, kg.RoleEditor},
	{"retractRelation", `mutation { retractRelation(id: "relation/x", reason: "wrong") { relation { id } } }`, kg.RoleEditor},
	{"setEventStatus", `mutation { setEventStatus(input: {event: "event/a", status: POSTPONED, since: "2026-01-20",
		sources: ["source/a"], quote: "postponed"}) { changed } }`, kg.RoleEditor},
	{"mergeEntities", `mutation { mergeEntities(keep: "person/a", duplicate: "person/b") { moved } }`, kg.RoleAdmin},
	{"changes", `{ changes { nodes { at } } }`, kg.RoleAdmin},
}

// Each guarded operation, for each caller: below its role, UNAUTHENTICATED (no
// credentials) or FORBIDDEN (too low a role), and the store is not called; at or above it,
// the store is called with the caller's name as the author.
func TestAPI_RolesGuardTheWrites(t *testing.T) {
	callers := []struct {
		name string
		role kg.Role
		opt  client.Option
	}{
		{"anonymous", kg.RoleNone, func(*client.Request) {}},
		{"rita-reader", kg.RoleReader, withKey(readerKey)},
		{"ed-editor", kg.RoleEditor, withKey(editorKey)},
		{"tess-token", kg.RoleEditor, bearer(jwtFor(t, "editor", time.Now().Add(time.Hour)))},
		{"ada-admin", kg.RoleAdmin, withKey(adminKey)},
	}
	for _, op := range guarded {
		for _, who := range callers {
			t.Run(op.name+"/"+who.name, func(t *testing.T) {
				s := newWriteStore()
				a := post(t, newAPI(t, &s.Store, defaultAPI), op.query, who.opt)
				if who.role < op.needs {
					want := errcode.Forbidden
					if who.role == kg.RoleNone {
						want = errcode.Unauthenticated
					}
					if e := a.only(t); e.code() != want {
						t.Errorf("code %q (%s), want %s", e.code(), e.Message, want)
					}
					if s.writes != 0 {
						t.Errorf("the store was called %d times", s.writes)
					}
					return
				}
				for _, e := range a.errors {
					if e.code() == errcode.Unauthenticated || e.code() == errcode.Forbidden {
						t.Errorf("refused: %s %s", e.code(), e.Message)
					}
				}
				if s.writes > 1 || (s.writes == 1 && op.name != "changes" && s.by != who.name) {
					t.Errorf("store called %d times by %q, want at most once by %q", s.writes, s.by, who.name)
				}
			})
		}
	}
}

// The writes the in-process store answers reach it exactly once for an allowed caller
// (assertRelation, recordEvent and setEventStatus read the graph first, which this store
// does not hold, so their refusals above are what this suite checks of them).
func TestAPI_AllowedWriteReachesTheStore(t *testing.T) {
	for _, op := range guarded {
		if strings.Contains("assertRelation recordEvent setEventStatus", op.name) {
			continue
		}
		s := newWriteStore()
		post(t, newAPI(t, &s.Store, defaultAPI), op.query, withKey(adminKey))
		if s.writes != 1 {
			t.Errorf("%s as admin: the store was called %d times, want once", op.name, s.writes)
		}
	}
}

// With anonymous reads off, a caller without credentials is refused before the query is
// parsed: UNAUTHENTICATED, even for a query that would not validate, and the store is not
// asked. A reader's credentials read.
func TestAPI_AnonymousReadsOff(t *testing.T) {
	store := entityStore()
	api := newAPI(t, store, apiOptions{anonymousReads: false, maxComplexity: defaultAPI.maxComplexity})
	for _, q := range []string{`{ entity(id: "person/a") { id } }`, `{ noSuchField }`, `{ __schema { types { name } } }`} {
		if e := post(t, api, q).only(t); e.code() != errcode.Unauthenticated {
			t.Errorf("%s anonymously: code %q (%s), want UNAUTHENTICATED", q, e.code(), e.Message)
		}
	}
	post(t, api, `{ entity(id: "person/a") { id } }`, withKey(readerKey)).ok(t)
	open := newAPI(t, store, defaultAPI)
	post(t, open, `{ entity(id: "person/a") { id } }`).ok(t)
}

// Credentials that do not verify get HTTP 401 UNAUTHENTICATED before anything runs, whatever
// the operation: an unknown key, a token signed with another secret, an expired token, two
// credentials at once.
func TestAPI_BadCredentials(t *testing.T) {
	forged, err := auth.SignJWT(auth.Claims{Subject: "mallory", Role: "admin", ExpiresAt: time.Now().Add(time.Hour).Unix()},
		[]byte("another-secret-of-at-least-32-bytes-0123"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]client.Option{
		"unknown key":     {withKey("not-a-key-anyone-was-given-0123456")},
		"forged token":    {bearer(forged)},
		"expired token":   {bearer(jwtFor(t, "admin", time.Now().Add(-time.Minute)))},
		"two credentials": {withKey(readerKey), bearer(jwtFor(t, "admin", time.Now().Add(time.Hour)))},
		"not bearer":      {client.AddHeader("Authorization", "Basic cml0YTpyZWFkZXI=")},
	}
	for name, opts := range cases {
		t.Run(name, func(t *testing.T) {
			s := entityStore()
			_, err := newAPI(t, s, defaultAPI).RawPost(`{ entity(id: "person/a") { id } }`, opts...)
			if err == nil || !strings.HasPrefix(err.Error(), "http 401") || !strings.Contains(err.Error(), `"code":"`+errcode.Unauthenticated+`"`) {
				t.Errorf("got %v, want HTTP 401 with UNAUTHENTICATED", err)
			}
		})
	}
}
