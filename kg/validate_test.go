package kg_test

import (
	"strings"
	"testing"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

type graph map[string]kg.Kind

func (g graph) KindOf(id string) (kg.Kind, bool) { k, ok := g[id]; return k, ok }
func (g graph) SourceText(id string) (string, bool) {
	if id == "source/article" {
		return "Russian President Vladimir Putin met the envoys.", true
	}
	return "", false
}

var seed = graph{"person/vladimir-putin": kg.KindPerson, "country/russia": kg.KindCountry, "source/article": kg.KindSource, "source/untexted": kg.KindSource}

func validFact() kg.Relation {
	return kg.Relation{From: "person/vladimir-putin", To: "country/russia", Type: "HOLDS_ROLE", Role: "President",
		Confidence: 0.9, Status: kg.StatusReported, Basis: kg.BasisStated,
		Evidence: []kg.Evidence{{SourceID: "source/article", Quote: "Russian President Vladimir Putin"}}}
}

func TestRelation_Validate(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(r *kg.Relation)
		field string
	}{
		{"OK", func(r *kg.Relation) {}, ""},
		{"OKQuoteUncheckedWithoutText", func(r *kg.Relation) { r.Evidence[0] = kg.Evidence{SourceID: "source/untexted", Quote: "anything"} }, ""},
		{"ErrUnknownType", func(r *kg.Relation) { r.Type = "LIKES" }, "type"},
		{"ErrDanglingTo", func(r *kg.Relation) { r.To = "country/atlantis" }, "to"},
		{"ErrKindNotAllowed", func(r *kg.Relation) { r.Type = "ANNEXED" }, "from"},
		{"ErrConfidence", func(r *kg.Relation) { r.Confidence = 1.01 }, "confidence"},
		{"ErrStatus", func(r *kg.Relation) { r.Status = "rumoured" }, "status"},
		{"ErrNoSource", func(r *kg.Relation) { r.Evidence = nil }, "sources"},
		{"ErrQuoteNotVerbatim", func(r *kg.Relation) { r.Evidence[0].Quote = "President Putin" }, "quote"},
		{"ErrNoBasis", func(r *kg.Relation) { r.Basis = "" }, "basis"},
		{"ErrBasis", func(r *kg.Relation) { r.Basis = "guessed" }, "basis"},
		{"ErrInferredWithoutNote", func(r *kg.Relation) { r.Basis = kg.BasisInferred }, "basisNote"},
		{"OKInferredWithNote", func(r *kg.Relation) { r.Basis, r.BasisNote = kg.BasisInferred, "Read from the envoy's title." }, ""},
		{"ErrStatedWithNote", func(r *kg.Relation) { r.BasisNote = "why" }, "basisNote"},
		{"ErrControlCharacter", func(r *kg.Relation) { r.Role = "Pres\x00ident" }, "role"},
		{"ErrValidToBeforeFrom", func(r *kg.Relation) {
			from, to := kg.MustDate("2026"), kg.MustDate("2025-12")
			r.ValidFrom, r.ValidTo = &from, &to
		}, "validTo"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := validFact()
			tc.edit(&r)
			err := r.Validate(seed)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if kg.ErrorCode(err) != errcode.BadUserInput || kg.ErrorField(err) != tc.field {
				t.Errorf("got %v (field %q), want BAD_USER_INPUT on %s", err, kg.ErrorField(err), tc.field)
			}
		})
	}
}

func TestEntity_Validate(t *testing.T) {
	long := strings.Repeat("x", kg.MaxNameLength+1)
	cases := []struct {
		name  string
		e     kg.Entity
		field string
	}{
		{"OK", kg.Entity{ID: "person/a-b", Kind: kg.KindPerson, Name: "A B"}, ""},
		{"ErrPrefix", kg.Entity{ID: "country/a", Kind: kg.KindPerson, Name: "A"}, "id"},
		{"ErrIDShape", kg.Entity{ID: "person/A B", Kind: kg.KindPerson, Name: "A"}, "id"},
		{"ErrName", kg.Entity{ID: "person/a", Kind: kg.KindPerson, Name: " "}, "name"},
		{"ErrLongName", kg.Entity{ID: "person/a", Kind: kg.KindPerson, Name: long}, "name"},
		{"ErrQID", kg.Entity{ID: "person/a", Kind: kg.KindPerson, Name: "A", ExternalIDs: []kg.ExternalID{{System: "wikidata", ID: "7747"}}}, "externalIds.wikidata"},
		{"ErrDateOnPerson", kg.Entity{ID: "person/a", Kind: kg.KindPerson, Name: "A", Date: &kg.PartialDate{Year: 2020, Precision: kg.PrecisionYear}}, "date"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.e.Validate()
			if tc.field == "" && err != nil {
				t.Fatal(err)
			}
			if tc.field != "" && kg.ErrorField(err) != tc.field {
				t.Errorf("got %v, want an error on %s", err, tc.field)
			}
		})
	}
}

func TestFactID(t *testing.T) {
	a := kg.FactID("person/a", "HOLDS_ROLE", "country/b", "President")
	if b := kg.FactID("person/a", "HOLDS_ROLE", "country/b", " president "); a != b {
		t.Errorf("role case and spacing made a new fact: %s vs %s", a, b)
	}
	if typ, ok := kg.TypeOfFactID(a); !ok || typ != "HOLDS_ROLE" {
		t.Errorf("TypeOfFactID(%s) = %s, %v", a, typ, ok)
	}
	if _, ok := kg.TypeOfFactID("rel/likes/0123456789abcdef"); ok {
		t.Error("an unknown type was read from a fact id")
	}
}
