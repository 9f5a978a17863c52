package cypher

import (
	"regexp"
	"strings"
	"testing"
)

// queryFile is a file under queries/ as written, comments left out.
func queryFile(t *testing.T, name string) string {
	t.Helper()
	b, err := queryFiles.ReadFile("queries/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return withoutComments(string(b))
}

// TestQueriesSpellNoVisibilityByHand keeps the rule of what a read sees in visibility.go:
// a query that names the clocks' parameters or the properties the rule reads is spelling
// the rule again, and copies drift apart (issue 15 found eleven that disagreed).
func TestQueriesSpellNoVisibilityByHand(t *testing.T) {
	spelled := regexp.MustCompile(`\$asOf|\$knownAt|retractedAt|previousStatus|statusLog|statusSince|validToEnd|'retracted'|'merged'|` +
		`\.status\s*(<>|=|IN)|\.mergedAt|:Merged|mergedIntoLog|mergedIntoSince|eventStatusRecordedAt`)
	// The census and the unfiltered total as of now read Neo4j's count store, the hidden
	// facts' status index and the merged entities' label, which only holds for both
	// clocks at now (cypher/stats.go and entities.go check that before using them). A merge
	// writes the label and the redirect's log, the write half of visible.unmerged and
	// visible.mergedInto.
	exempt := map[string]bool{"statsNowFacts.cypher": true, "statsNowMerged.cypher": true, "entitiesCountAll.cypher": true,
		"mergeRedirect.cypher": true, "mergeHide.cypher": true}
	files, _ := queryFiles.ReadDir("queries")
	for _, f := range files {
		if exempt[f.Name()] {
			continue
		}
		text := queryFile(t, f.Name())
		if strings.Contains(text, "logStatus(") {
			text = strings.ReplaceAll(text, "logStatus(r)", "") // the write half of the rule
		}
		for _, m := range spelled.FindAllString(text, -1) {
			t.Errorf("queries/%s spells the visibility rule by hand (%q): use visible.fact, visible.entity, visible.status, visible.valid or visible.shown (cypher/visibility.go)", f.Name(), m)
		}
	}
}

// TestQueriesThatWriteStatusLogIt: a statement that sets a fact's properties (its status
// among them) must log the status, or reads known at a later instant lose the fact.
func TestQueriesThatWriteStatusLogIt(t *testing.T) {
	writesFact := regexp.MustCompile(`SET r (\+)?= (\$props|row\.props)`)
	files, _ := queryFiles.ReadDir("queries")
	n := 0
	for _, f := range files {
		text := queryFile(t, f.Name())
		if !writesFact.MatchString(text) {
			continue
		}
		n++
		if !strings.HasSuffix(strings.TrimSpace(text), "logStatus(r)") {
			t.Errorf("queries/%s writes a fact but does not end with logStatus(r)", f.Name())
		}
	}
	if n < 6 {
		t.Errorf("found %d statements that write facts, want at least 6 (the pattern no longer matches?)", n)
	}
}

// TestQueriesExpand: every rule a query names exists, and no query keeps a name unexpanded.
func TestQueriesExpand(t *testing.T) {
	for name, text := range queries {
		if visibilityCall.MatchString(text) || logStatusCall.MatchString(text) {
			t.Errorf("queries/%s.cypher keeps a rule unexpanded", name)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("an unknown rule did not panic")
		}
	}()
	expandVisibility("test", "WHERE visible.nonsense(r)")
}

func TestExpandVisibility(t *testing.T) {
	got := expandVisibility("test", "WHERE visible.valid(rel) AND visible.entity(n)")
	for _, want := range []string{"rel.validFromStart", "rel.validToEnd", "n.dateStart", "n.createdAt <= $knownAt", "n.mergedAt > $knownAt"} {
		if !strings.Contains(got, want) {
			t.Errorf("expanded text lacks %q:\n%s", want, got)
		}
	}
	if fact := visibilityRules["fact"]; !strings.Contains(fact, "statusSince") || !strings.Contains(fact, "validToEnd") || !strings.Contains(fact, "'retracted'") || !strings.Contains(fact, "'merged'") {
		t.Errorf("fact is not status, shown and valid together: %s", fact)
	}
}

// TestTextForNow: a read without knownAt is sent every rule's form for now, with no
// record-time branch left; a read with knownAt gets the text as expanded.
func TestTextForNow(t *testing.T) {
	for name, text := range queries {
		if !strings.Contains(withoutComments(text), "$knownAt") {
			continue
		}
		now := withoutComments(textFor(text, map[string]any{"knownAt": nil}))
		if strings.Contains(now, "$knownAt") || strings.Contains(now, "statusSince") || strings.Contains(now, "createdAt <=") ||
			strings.Contains(now, "mergedIntoLog") || strings.Contains(now, "eventStatusRecordedAt") {
			t.Errorf("queries/%s.cypher for now keeps a record-time branch:\n%s", name, now)
		}
		if got := textFor(text, map[string]any{"knownAt": "2026-01-01T00:00:00Z"}); got != text {
			t.Errorf("queries/%s.cypher with knownAt was changed", name)
		}
	}
	now := textFor(queries["tracksOf"], map[string]any{"knownAt": nil})
	for _, want := range []string{"NOT r.status IN ['retracted', 'merged']", "NOT r1.status IN ['retracted', 'merged']", "coalesce(m.dateStart, $asOf) <= $asOf", "NOT m:Merged"} {
		if !strings.Contains(now, want) {
			t.Errorf("tracksOf for now lacks %q:\n%s", want, now)
		}
	}
}

func withoutComments(text string) string {
	var code []string
	for _, line := range strings.Split(text, "\n") {
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		code = append(code, line)
	}
	return strings.Join(code, "\n")
}
