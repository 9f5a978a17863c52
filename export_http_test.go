package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/internal/servicetest"
)

// nodeLink is networkx's node-link JSON, as the export writes it.
type nodeLink struct {
	Nodes []map[string]any `json:"nodes"`
	Edges []map[string]any `json:"edges"`
}

func (n nodeLink) ids(list []map[string]any, key string) []string {
	var out []string
	for _, x := range list {
		out = append(out, x[key].(string))
	}
	slices.Sort(out)
	return out
}

func exportNodeLink(t *testing.T, srv *httptest.Server, query string) nodeLink {
	t.Helper()
	resp, body := servicetest.Get(t, srv.URL+"/export/nodelink?"+query, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %s", query, resp.StatusCode, body)
	}
	var n nodeLink
	if err := json.Unmarshal(body, &n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestExport reads one seeded graph through GET /export/{format}: seeding is the slow part.
func TestExport(t *testing.T) {
	store := servicetest.SeededStore(t)
	srv := newServerWith(t, testConfig(t), store)
	t.Run("HeadersPerFormat", func(t *testing.T) { exportHeadersPerFormat(t, srv) })
	t.Run("ErrorsNameTheParameter", func(t *testing.T) { exportErrorsNameTheParameter(t, srv) })
	t.Run("MatchesTheAPI", func(t *testing.T) { exportMatchesTheAPI(t, srv) })
	t.Run("PathsAndCrossTrack", func(t *testing.T) { exportPathsAndCrossTrack(t, srv) })
	t.Run("Command", exportCommand)
	t.Run("AuthLikeGraphQL", func(t *testing.T) {
		t.Setenv("DIPLOGRAPH_PROFILE", "production")
		exportAuthLikeGraphQL(t, newServerWith(t, authConfig(t), store))
	})
}

func exportHeadersPerFormat(t *testing.T, srv *httptest.Server) {
	for format, want := range map[string]struct{ ctype, file string }{
		"gexf":      {"application/gexf+xml; charset=utf-8", "diplograph-track-ukraine-peace-talks-asof-2026-01-01.gexf"},
		"graphml":   {"application/graphml+xml; charset=utf-8", "diplograph-track-ukraine-peace-talks-asof-2026-01-01.graphml"},
		"cytoscape": {"application/json; charset=utf-8", "diplograph-track-ukraine-peace-talks-asof-2026-01-01.cyjs"},
		"nodelink":  {"application/json; charset=utf-8", "diplograph-track-ukraine-peace-talks-asof-2026-01-01.json"},
		"csv":       {"application/zip", "diplograph-track-ukraine-peace-talks-asof-2026-01-01.zip"},
	} {
		resp, body := servicetest.Get(t, srv.URL+"/export/"+format+"?scope=track&id=track/ukraine-peace-talks&asOf=2026-01-01", nil)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d %s", format, resp.StatusCode, body)
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != want.ctype {
			t.Errorf("%s: Content-Type %q, want %q", format, got, want.ctype)
		}
		if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename="`+want.file+`"` {
			t.Errorf("%s: Content-Disposition %q, want file %s", format, got, want.file)
		}
		var err error
		switch format {
		case "gexf", "graphml":
			err = xml.Unmarshal(body, new(struct{}))
		case "csv":
			_, err = zip.NewReader(bytes.NewReader(body), int64(len(body)))
		default:
			err = json.Unmarshal(body, new(map[string]any))
		}
		if err != nil || (format != "csv" && !strings.Contains(string(body), "person/vladimir-putin")) {
			t.Errorf("%s: not a whole file naming Putin (%v): %.300s", format, err, body)
		}
	}
}

func exportErrorsNameTheParameter(t *testing.T, srv *httptest.Server) {
	for _, tc := range []struct {
		path, code, field string
		status            int
	}{
		{"/export/pdf", errcode.BadUserInput, "format", 400},
		{"/export/gexf?scope=everything", errcode.BadUserInput, "scope", 400},
		{"/export/gexf?scope=neighborhood&id=person/vladimir-putin&depth=7", errcode.BadUserInput, "depth", 400},
		{"/export/gexf?scope=neighborhood", errcode.BadUserInput, "id", 400},
		{"/export/gexf?asOf=31.12.2025", errcode.BadUserInput, "asOf", 400},
		{"/export/csv?scope=entities&ids=person/vladimir-putin,person/nobody-at-all", errcode.NotFound, "ids", 404},
		// The seed was recorded when the test ran: in 2001 the graph held no entity at all.
		{"/export/csv?scope=entities&ids=person/vladimir-putin&knownAt=2001-01-01T00:00:00Z", errcode.NotFound, "ids", 404},
		{"/export/gexf?scope=neighborhood&id=person/nobody-at-all", errcode.NotFound, "", 404},
		{"/export/graphml?scope=track&id=track/no-such-track", errcode.NotFound, "", 404},
	} {
		resp, body := servicetest.Get(t, srv.URL+tc.path, nil)
		var out servicetest.Response
		if err := json.Unmarshal(body, &out); err != nil || len(out.Errors) != 1 {
			t.Errorf("%s: %d %s, want one JSON error", tc.path, resp.StatusCode, body)
			continue
		}
		ext := out.Errors[0].Extensions
		if resp.StatusCode != tc.status || ext["code"] != tc.code || (tc.field != "" && ext["field"] != tc.field) {
			t.Errorf("%s: %d %v, want %d %s naming %q", tc.path, resp.StatusCode, out.Errors[0], tc.status, tc.code, tc.field)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || resp.Header.Get("Content-Disposition") != "" {
			t.Errorf("%s: an error answered as %q %q", tc.path, ct, resp.Header.Get("Content-Disposition"))
		}
	}
}

// An anonymous caller in the production profile cannot export; a reader can.
func exportAuthLikeGraphQL(t *testing.T, srv *httptest.Server) {
	const path = "/export/gexf?scope=neighborhood&id=person/vladimir-putin"
	for _, tc := range []struct {
		name   string
		c      servicetest.Cred
		status int
		code   string
	}{
		{"anonymous", nil, 401, errcode.Unauthenticated},
		{"wrong key", servicetest.Cred{"X-API-Key": "not-a-key-0123456789abcdef"}, 401, errcode.Unauthenticated},
		{"reader", servicetest.Cred{"X-API-Key": readerKey}, 200, ""},
		{"reader token", servicetest.Bearer(jwtFor(t, "rita", "reader", time.Now().Add(time.Hour), jwtSecret)), 200, ""},
	} {
		resp, body := servicetest.Get(t, srv.URL+path, tc.c)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: %d %.200s, want %d", tc.name, resp.StatusCode, body, tc.status)
			continue
		}
		if tc.code != "" {
			var out servicetest.Response
			_ = json.Unmarshal(body, &out)
			if out.Code() != tc.code || strings.Contains(string(body), "Putin") {
				t.Errorf("%s: %s, want %s and nothing of the graph", tc.name, body, tc.code)
			}
		} else if !strings.Contains(string(body), `id="person/vladimir-putin"`) {
			t.Errorf("%s: %.200s", tc.name, body)
		}
	}
}

// The exports hold what the API answers: the same entities and facts, by id.
func exportMatchesTheAPI(t *testing.T, srv *httptest.Server) {
	var n struct {
		Neighborhood struct {
			Nodes []struct{ ID string } `json:"nodes"`
			Edges []struct{ ID string } `json:"edges"`
		} `json:"neighborhood"`
		Stats    struct{ Entities, Relations int } `json:"stats"`
		StatsNow struct{ Entities, Relations int } `json:"statsNow"`
		Entities struct {
			Nodes []struct{ ID string } `json:"nodes"`
		} `json:"entities"`
		AsOf struct {
			Nodes []struct {
				ID        string
				Relations []struct{ ID string } `json:"relations"`
			} `json:"nodes"`
		} `json:"asOf"`
	}
	r := servicetest.Post(t, srv.URL, nil, `{
		neighborhood(id: "person/vladimir-putin", depth: 2, asOf: "2025-12-31") { nodes { id } edges { id } }
		stats(asOf: "2025-12-31") { entities relations }
		statsNow: stats { entities relations }
		asOf: entities(first: 100, asOf: "2025-12-31") { nodes { id relations(direction: OUT, asOf: "2025-12-31") { id } } }
		entities(filter: {track: "track/gaza-board-of-peace"}, first: 100) { nodes { id } }
	}`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	for k, v := range r.Data {
		raw, _ := json.Marshal(map[string]json.RawMessage{k: v})
		if err := json.Unmarshal(raw, &n); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(xs []struct{ ID string }) []string {
		var out []string
		for _, x := range xs {
			out = append(out, x.ID)
		}
		slices.Sort(out)
		return out
	}
	nb := exportNodeLink(t, srv, "scope=neighborhood&id=person/vladimir-putin&depth=2&asOf=2025-12-31")
	if got, want := nb.ids(nb.Nodes, "id"), ids(n.Neighborhood.Nodes); !slices.Equal(got, want) {
		t.Errorf("neighborhood nodes:\n%v\nwant\n%v", got, want)
	}
	if got, want := nb.ids(nb.Edges, "key"), ids(n.Neighborhood.Edges); !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("neighborhood edges:\n%v\nwant\n%v", got, want)
	}
	all := exportNodeLink(t, srv, "")
	if len(all.Nodes) != n.StatsNow.Entities || len(all.Edges) != n.StatsNow.Relations {
		t.Errorf("whole graph: %d nodes, %d edges; stats say %d and %d",
			len(all.Nodes), len(all.Edges), n.StatsNow.Entities, n.StatsNow.Relations)
	}
	// As of a past day, a fact is exported when it is visible and so are both its ends (an
	// undated fact about an event still to come is not): each entity's relations then.
	past := exportNodeLink(t, srv, "asOf=2025-12-31")
	var visible []string
	for _, e := range n.AsOf.Nodes {
		for _, r := range e.Relations {
			visible = append(visible, r.ID)
		}
	}
	slices.Sort(visible)
	if len(past.Nodes) != n.Stats.Entities || !slices.Equal(past.ids(past.Edges, "key"), visible) {
		t.Errorf("whole graph as of 2025-12-31: %d nodes (stats: %d), edges\n%v\nwant\n%v",
			len(past.Nodes), n.Stats.Entities, past.ids(past.Edges, "key"), visible)
	}
	track := exportNodeLink(t, srv, "scope=track&id=track/gaza-board-of-peace")
	if got, want := track.ids(track.Nodes, "id"), ids(n.Entities.Nodes); !slices.Equal(got, want) {
		t.Errorf("track nodes:\n%v\nwant entities(filter: {track}):\n%v", got, want)
	}
	// The induced subgraph of the neighbourhood's ids is the neighbourhood again.
	induced := exportNodeLink(t, srv, "scope=entities&asOf=2025-12-31&ids="+strings.Join(ids(n.Neighborhood.Nodes), ","))
	if got, want := induced.ids(induced.Edges, "key"), ids(n.Neighborhood.Edges); !slices.Equal(got, want) {
		t.Errorf("induced subgraph's edges:\n%v\nwant\n%v", got, want)
	}
	// Filters: only facts of at least 0.9, only people and countries.
	f := exportNodeLink(t, srv, "minConfidence=0.9&kinds=person,country")
	for _, e := range f.Edges {
		if e["confidence"].(float64) < 0.9 {
			t.Errorf("edge %v below minConfidence", e["key"])
		}
	}
	for _, x := range f.Nodes {
		if k := x["entityKind"]; k != "Person" && k != "Country" {
			t.Errorf("node %v of kind %v", x["id"], k)
		}
	}
	if len(f.Edges) == 0 || len(f.Nodes) == 0 {
		t.Errorf("filtered export is empty: %d nodes, %d edges", len(f.Nodes), len(f.Edges))
	}
}

// The paths scope holds the union of the paths' entities and hops; the crossTrack scope the
// two sides, every linking entity and every fact of its ties.
func exportPathsAndCrossTrack(t *testing.T, srv *httptest.Server) {
	var a struct {
		Paths []struct {
			Nodes []struct{ ID string } `json:"nodes"`
			Hops  []struct{ ID string } `json:"hops"`
		} `json:"paths"`
		CrossTrack []struct {
			Entity struct{ ID string } `json:"entity"`
			TiesA  []struct {
				Relations []struct{ ID string } `json:"relations"`
			} `json:"tiesA"`
			TiesB []struct {
				Relations []struct{ ID string } `json:"relations"`
			} `json:"tiesB"`
		} `json:"crossTrack"`
	}
	r := servicetest.Post(t, srv.URL, nil, `{
		paths(from: "person/volodymyr-zelenskyy", to: "country/belarus", maxHops: 4) { nodes { id } hops { id } }
		crossTrack(a: "track/ukraine-peace-talks", b: "track/gaza-board-of-peace") {
			entity { id } tiesA { relations { id } } tiesB { relations { id } } }
	}`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	raw, _ := json.Marshal(r.Data)
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	set := func(xs map[string]bool) []string {
		out := make([]string, 0, len(xs))
		for x := range xs {
			out = append(out, x)
		}
		slices.Sort(out)
		return out
	}
	nodes, hops := map[string]bool{}, map[string]bool{}
	for _, p := range a.Paths {
		for _, n := range p.Nodes {
			nodes[n.ID] = true
		}
		for _, h := range p.Hops {
			hops[h.ID] = true
		}
	}
	p := exportNodeLink(t, srv, "scope=paths&from=person/volodymyr-zelenskyy&to=country/belarus&maxHops=4")
	if got := p.ids(p.Nodes, "id"); len(a.Paths) == 0 || !slices.Equal(got, set(nodes)) {
		t.Errorf("paths nodes %v, want %v", got, set(nodes))
	}
	if got := p.ids(p.Edges, "key"); !slices.Equal(got, set(hops)) {
		t.Errorf("paths edges %v, want %v", got, set(hops))
	}
	c := exportNodeLink(t, srv, "scope=crossTrack&a=track/ukraine-peace-talks&b=track/gaza-board-of-peace")
	inFile := map[string]bool{}
	for _, id := range append(c.ids(c.Nodes, "id"), c.ids(c.Edges, "key")...) {
		inFile[id] = true
	}
	want := []string{"track/ukraine-peace-talks", "track/gaza-board-of-peace"}
	for _, l := range a.CrossTrack {
		want = append(want, l.Entity.ID)
		for _, tie := range append(l.TiesA, l.TiesB...) {
			for _, rel := range tie.Relations {
				want = append(want, rel.ID)
			}
		}
	}
	for _, id := range want {
		if !inFile[id] {
			t.Errorf("crossTrack export lacks %s", id)
		}
	}
	if len(a.CrossTrack) == 0 {
		t.Error("the seed's cross-track answer is empty")
	}
}
