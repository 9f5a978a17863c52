package resolvers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/kg/kgmock"
)

// The complexity budget (querylimit.SchemaCost): each field costs 1, a nested list
// multiplies its children by its expected length (relations 20, events 10, tracks 5,
// participants 10) and a root page by its page size. An operation over the budget is
// BAD_USER_INPUT before anything is read; one at the budget runs.
func TestAPI_ComplexityBudget(t *testing.T) {
	cases := []struct {
		name, query string
		cost        int // worked out by hand from the rule above
	}{
		// id 1; relations 1+20×1; nodes 1+21; entities(first: 2) 1+2×22.
		{"a page of entities with relations", `{ entities(first: 2) { nodes { id relations { id } } } }`, 1 + 2*(1+1+(1+20*1))},
		// The default page of entities is 20.
		{"the default page", `{ entities { nodes { id } } }`, 1 + 20*(1+1)},
		// events 1+10×1, tracks 1+5×1, entity 1+(1+11+6).
		{"an entity's events and tracks", `{ entity(id: "person/a") { id events { id } tracks { id } } }`, 1 + (1 + (1 + 10) + (1 + 5))},
		// entity 1+1 (its id through a fragment); search(first: 3) 1+3×2.
		{"search with a fragment", `{ search(text: "x", first: 3) { entity { ...P } } } fragment P on Entity { id }`, 1 + 3*(1+1)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &kgmock.Store{}
			at := newAPI(t, s, apiOptions{anonymousReads: true, maxComplexity: c.cost})
			// At the budget: past the check, so the store is asked (kgmock's error for the
			// unset method is the proof, as INTERNAL: nothing else was refused).
			for _, e := range post(t, at, c.query).errors {
				if e.code() == errcode.BadUserInput {
					t.Errorf("refused at its own cost %d: %s", c.cost, e.Message)
				}
			}
			below := newAPI(t, s, apiOptions{anonymousReads: true, maxComplexity: c.cost - 1})
			e := post(t, below, c.query).only(t)
			if e.code() != errcode.BadUserInput || !strings.Contains(e.Message, "complexity") {
				t.Errorf("over the budget by 1: code %q message %q, want BAD_USER_INPUT about complexity", e.code(), e.Message)
			}
		})
	}
}

// The store is not asked for an operation over the budget.
func TestAPI_OverBudgetReadsNothing(t *testing.T) {
	called := 0
	s := &kgmock.Store{EntitiesFn: func(context.Context, kg.EntityFilter, kg.PageRequest) (*kg.Page[*kg.Entity], error) {
		called++
		return &kg.Page[*kg.Entity]{}, nil
	}}
	const deep = `{ entities(first: 100) { nodes { relations { from { relations { from { relations { id } } } } } } } }`
	if e := post(t, newAPI(t, s, defaultAPI), deep).only(t); e.code() != errcode.BadUserInput || called != 0 {
		t.Errorf("code %q (%s), store called %d times; want BAD_USER_INPUT and none", e.code(), e.Message, called)
	}
}
