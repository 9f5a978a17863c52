package export

import (
	"net/url"
	"testing"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

func TestParseRequest_NamesTheBadParameter(t *testing.T) {
	for _, tc := range []struct{ query, field string }{
		{"scope=world", "scope"},
		{"scope=neighborhood", "id"},
		{"scope=neighborhood&id=person/x&depth=9", "depth"},
		{"scope=neighborhood&id=Not An Id", "id"},
		{"scope=track&id=person/vladimir-putin", "id"},
		{"scope=paths&from=person/a", "to"},
		{"scope=paths&from=person/a&to=person/b&maxHops=0", "maxHops"},
		{"scope=crossTrack&a=track/x&b=track/x", "b"},
		{"scope=entities", "ids"},
		{"scope=entities&ids=person/a,nope", "ids"},
		{"asOf=2026-02-30", "asOf"},
		{"knownAt=yesterday", "knownAt"},
		{"types=LIKES", "types"},
		{"kinds=Planet", "kinds"},
		{"minConfidence=2", "minConfidence"},
		{"colour=red", "colour"},
	} {
		q, _ := url.ParseQuery(tc.query)
		_, err := ParseRequest(q)
		if kg.ErrorCode(err) != errcode.BadUserInput || kg.ErrorField(err) != tc.field {
			t.Errorf("%s: %v (field %q), want BAD_USER_INPUT naming %s", tc.query, err, kg.ErrorField(err), tc.field)
		}
	}
}

func TestParseRequest_ScopesAndFilters(t *testing.T) {
	q, _ := url.ParseQuery("scope=entities&ids=person/a, country/b&asOf=2025-12-31&types=met_with,LEADS&kinds=person&minConfidence=0.5")
	r, err := ParseRequest(q)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.IDs) != 2 || r.IDs[1] != "country/b" || r.AsOf.Format(time.DateOnly) != "2025-12-31" ||
		len(r.Types) != 2 || r.Types[0] != "MET_WITH" || r.Kinds[0] != kg.KindPerson || r.MinConfidence != 0.5 {
		t.Errorf("%+v", r)
	}
	today := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	if got := r.FileName(GEXF, today); got != "diplograph-entities-asof-2025-12-31.gexf" {
		t.Errorf("file name %q", got)
	}
	q, _ = url.ParseQuery("scope=neighborhood&id=person/vladimir-putin")
	r, _ = ParseRequest(q)
	if r.Depth != 1 || r.Limit != 100 {
		t.Errorf("defaults: %+v", r)
	}
	if got := r.FileName(CSV, today); got != "diplograph-neighborhood-vladimir-putin-2026-12-02.zip" {
		t.Errorf("file name %q", got)
	}
}
