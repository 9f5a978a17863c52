package resolvers

import (
	"strings"
	"testing"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// FuzzEntityFilter: the entities listing's filter, as the GraphQL layer hands it over (the
// relation type through its enum's UnmarshalGQL), is either refused with BAD_USER_INPUT
// naming a filter field, or holds only well-formed ids and a bounded name.
func FuzzEntityFilter(f *testing.F) {
	f.Add("putin", "track/ukraine-peace-talks", "", "", "")
	f.Add("", "", "conflict/russia-ukraine-war", "person/vladimir-putin", "MEMBER_OF")
	f.Add("", "", "", "", "MEMBER_OF")
	f.Add(strings.Repeat("n", 400), "Track/X", "conflict/", "person/a--b", "member_of")
	f.Add("ü", "track/a b", "", "person/x", "NOT_A_TYPE")
	f.Fuzz(func(t *testing.T, name, track, conflict, relatedTo, relType string) {
		in := &model.EntityFilter{NameContains: &name, Track: &track, Conflict: &conflict, RelatedTo: &relatedTo}
		if relType != "" {
			var rt kg.RelationType
			if err := rt.UnmarshalGQL(relType); err != nil {
				return // the GraphQL layer refuses it before the resolver runs
			}
			in.HasRelation = &rt
		}
		got, err := entityFilter(in, kg.SortByName, false, kg.Clocks{})
		if err != nil {
			if kg.ErrorCode(err) != errcode.BadUserInput || !strings.HasPrefix(kg.ErrorField(err), "filter.") {
				t.Fatalf("entityFilter: %v is not BAD_USER_INPUT naming a filter field", err)
			}
			return
		}
		for _, id := range []string{got.Track, got.Conflict, got.RelatedTo} {
			if id != "" {
				if _, ok := kg.KindOfID(id); !ok {
					t.Fatalf("entityFilter accepted the id %q", id)
				}
			}
		}
		if len(got.NameContains) > kg.MaxNameLength || (got.HasRelation != "" && got.RelatedTo == "") {
			t.Fatalf("entityFilter accepted %+v", got)
		}
	})
}
