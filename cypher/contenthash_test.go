package cypher

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// The hand-written encoder must write exactly json.Marshal's bytes: stored hashes were made
// with json.Marshal, and a single differing byte would make every re-import rewrite the row.
func TestAppendHashJSON_MatchesJSONMarshal(t *testing.T) {
	at := time.Date(2026, 1, 27, 10, 30, 0, 123456789, time.FixedZone("X", 3600))
	cases := []map[string]any{
		{},
		{"name": "plain ascii", "n": int64(-42), "i": 7, "ok": true, "no": false, "nil": nil},
		{"html": "<b>&amp;</b>", "quote": `say "hi" \ there`, "ctl": "a\x01b\tc\nd\u007f", "seps": "\u2028\u2029"},
		{"utf8": "Зеленський – Côte d'Ivoire", "bad": "\xff\xfe invalid"},
		{"list": []string{"a", "<b>", "Зе"}, "empty": []string{}, "nilList": []string(nil)},
		{"f": 0.95, "tiny": 0.000001, "tinier": 1.5e-7, "huge": 1e21, "big": 123456789012345.0, "zero": 0.0, "neg": -2.5e-9},
		{"date": dbtype.Date(time.Date(2014, 3, 1, 0, 0, 0, 0, time.UTC)), "at": at},
	}
	for _, p := range cases {
		want, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := appendHashJSON(nil, p)
		if !ok || string(got) != string(want) {
			t.Errorf("appendHashJSON(%v) = %s, %t\nwant %s", p, got, ok, want)
		}
	}
	if _, ok := appendHashJSON(nil, map[string]any{"x": math.NaN()}); ok {
		t.Error("NaN: want fallback to json.Marshal")
	}
	if _, ok := appendHashJSON(nil, map[string]any{"x": struct{}{}}); ok {
		t.Error("unknown type: want fallback to json.Marshal")
	}
}
