package kg_test

import (
	"context"
	"testing"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/google/go-cmp/cmp"
)

func ptr[T any](v T) *T { return &v }

func TestEntityPatch_Apply(t *testing.T) {
	stored := &kg.Entity{ID: "person/ann-lee", Kind: kg.KindPerson, Name: "Ann Lee", Aliases: []string{"A. Lee"},
		Description: "Envoy.", ExternalIDs: []kg.ExternalID{{System: "wikidata", ID: "Q1"}}, Version: 3}
	t.Run("MergesAliasesAndExternalIDs", func(t *testing.T) {
		p := kg.EntityPatch{ID: "person/ann-lee", Aliases: []string{"a. lee", " Annie ", "ANN LEE"},
			ExternalIDs: []kg.ExternalID{{System: "viaf", ID: "9"}}, ExpectedVersion: ptr(int64(3))}
		e, err := p.Apply(stored)
		if err != nil {
			t.Fatal(err)
		}
		want := &kg.Entity{ID: "person/ann-lee", Kind: kg.KindPerson, Name: "Ann Lee", Aliases: []string{"A. Lee", "Annie"},
			Description: "Envoy.", ExternalIDs: []kg.ExternalID{{System: "viaf", ID: "9"}, {System: "wikidata", ID: "Q1"}}, Version: 3}
		if diff := cmp.Diff(want, e); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		if len(stored.Aliases) != 1 {
			t.Error("Apply changed the stored entity")
		}
	})
	t.Run("ClearsDescription", func(t *testing.T) {
		e, err := (&kg.EntityPatch{ID: "person/ann-lee", Description: ptr("")}).Apply(stored)
		if err != nil || e.Description != "" {
			t.Errorf("description %q, err %v", e.Description, err)
		}
	})
	for _, tc := range []struct {
		name   string
		stored *kg.Entity
		patch  kg.EntityPatch
		code   string
		field  string
	}{
		{"ErrStaleVersion", stored, kg.EntityPatch{ID: "person/ann-lee", ExpectedVersion: ptr(int64(2))}, errcode.Conflict, ""},
		{"ErrExistsAlready", stored, kg.EntityPatch{ID: "person/ann-lee", ExpectedVersion: ptr(int64(0))}, errcode.Conflict, ""},
		{"ErrExpectedMissing", nil, kg.EntityPatch{ID: "person/x", Name: ptr("X"), ExpectedVersion: ptr(int64(1))}, errcode.NotFound, ""},
		{"ErrNameRequired", nil, kg.EntityPatch{ID: "person/x"}, errcode.BadUserInput, "name"},
		{"ErrKindMismatch", nil, kg.EntityPatch{ID: "person/x", Kind: kg.KindCountry, Name: ptr("X")}, errcode.BadUserInput, "kind"},
		{"ErrDateOnPerson", stored, kg.EntityPatch{ID: "person/ann-lee", Date: ptr("2020")}, errcode.BadUserInput, "date"},
		{"ErrImpossibleDate", nil, kg.EntityPatch{ID: "event/x", Name: ptr("X"), Date: ptr("2026-02-30")}, errcode.BadUserInput, "date"},
		{"ErrControlChar", stored, kg.EntityPatch{ID: "person/ann-lee", Name: ptr("A\x00")}, errcode.BadUserInput, "name"},
		{"ErrBadID", nil, kg.EntityPatch{ID: "Person/X", Name: ptr("X")}, errcode.BadUserInput, "id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.patch.Apply(tc.stored)
			if kg.ErrorCode(err) != tc.code || kg.ErrorField(err) != tc.field {
				t.Errorf("err = %v, want %s on %q", err, tc.code, tc.field)
			}
		})
	}
}

func TestRelation_Corroborate(t *testing.T) {
	stored := &kg.Relation{ID: "rel/x", Confidence: 0.6, Status: kg.StatusReported, ValidFrom: ptr(kg.MustDate("2014")),
		Evidence: []kg.Evidence{{SourceID: "source/a", Quote: "q"}}}
	got, err := (&kg.Relation{Confidence: 0.4, Evidence: []kg.Evidence{{SourceID: "source/a", Quote: "q"}, {SourceID: "source/b", Quote: "r"}}}).Corroborate(stored)
	if err != nil {
		t.Fatal(err)
	}
	if got.Confidence != 0.6 || got.Status != kg.StatusReported || got.ValidFrom.String() != "2014" || len(got.Evidence) != 2 {
		t.Errorf("corroborated = %+v", got)
	}
	stored.Status = kg.StatusRetracted
	if _, err := (&kg.Relation{}).Corroborate(stored); kg.ErrorCode(err) != errcode.Conflict {
		t.Errorf("err = %v, want CONFLICT", err)
	}
}

func TestMergeEntity(t *testing.T) {
	keep := &kg.Entity{ID: "person/a", Kind: kg.KindPerson, Name: "Ann", ExternalIDs: []kg.ExternalID{{System: "wikidata", ID: "Q1"}}}
	dup := &kg.Entity{ID: "person/b", Kind: kg.KindPerson, Name: "Annie", Aliases: []string{"ann", "A."}, Description: "From dup.",
		ExternalIDs: []kg.ExternalID{{System: "viaf", ID: "7"}}}
	got, err := kg.MergeEntity(keep, dup)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Annie", "A."}, got.Aliases); diff != "" || got.Description != "From dup." || len(got.ExternalIDs) != 2 {
		t.Errorf("merged %+v; aliases (-want +got):\n%s", got, diff)
	}
	dup.ExternalIDs = []kg.ExternalID{{System: "wikidata", ID: "Q2"}}
	if _, err := kg.MergeEntity(keep, dup); kg.ErrorCode(err) != errcode.Conflict {
		t.Errorf("different wikidata ids: err = %v, want CONFLICT", err)
	}
	if _, err := kg.MergeEntity(keep, &kg.Entity{ID: "country/b", Kind: kg.KindCountry, Name: "B"}); kg.ErrorCode(err) != errcode.BadUserInput {
		t.Errorf("different kinds: err = %v, want BAD_USER_INPUT", err)
	}
}

func TestRelation_Rehome(t *testing.T) {
	r := kg.Relation{From: "person/b", Type: "MET_WITH", To: "person/c"}
	got, ok := r.Rehome("person/b", "person/a")
	if !ok || got.From != "person/a" || got.ID != kg.FactID("person/a", "MET_WITH", "person/c", "") {
		t.Errorf("rehomed = %+v", got)
	}
	if _, ok := (kg.Relation{From: "person/b", Type: "MET_WITH", To: "person/a"}).Rehome("person/b", "person/a"); ok {
		t.Error("a fact between the two was kept; it would join an entity to itself")
	}
}

func TestEventRecord_Assertions(t *testing.T) {
	in := kg.EventRecord{Event: kg.EntityPatch{ID: "event/e", Date: ptr("2026-01")}, Place: "territory/p",
		Participants: []kg.EventParticipant{{Entity: "person/a", Role: "host"}}, Sources: []string{"source/s"}, Quote: "q", Confidence: 1}
	as, err := in.Assertions()
	if err != nil || len(as) != 2 || as[0].ValidFrom != "2026-01" || as[1].Type != "LOCATED_IN" {
		t.Errorf("assertions = %+v, %v", as, err)
	}
	in.Participants = append(in.Participants, kg.EventParticipant{Entity: "person/a", Role: " Host"})
	if _, err := in.Assertions(); kg.ErrorField(err) != "participants[1]" {
		t.Errorf("err = %v, want participants[1] named", err)
	}
}

func TestAuthorize(t *testing.T) {
	ctx := context.Background()
	if kg.ErrorCode(kg.Authorize(ctx, kg.RoleReader)) != errcode.Unauthenticated {
		t.Error("anonymous: want UNAUTHENTICATED")
	}
	ed := kg.WithPrincipal(ctx, &kg.Principal{Name: "ed", Role: kg.RoleEditor})
	if kg.Authorize(ed, kg.RoleEditor) != nil || kg.ErrorCode(kg.Authorize(ed, kg.RoleAdmin)) != errcode.Forbidden {
		t.Error("editor: want editor allowed, admin FORBIDDEN")
	}
}
