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
	var code []string
	for _, line := range strings.Split(string(b), "\n") {
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		code = append(code, line)
	}
	return strings.Join(code, "\n")
}

// TestQueriesSpellNoVisibilityByHand keeps the rule of what a read sees in visibility.go:
// a query that names the clocks' parameters or the properties the rule reads is spelling
// the rule again, and copies drift apart (issue 15 found eleven that disagreed).
func TestQueriesSpellNoVisibilityByHand(t *testing.T) {
	spelled := regexp.MustCompile(`\$asOf|\$knownAt|retractedAt|previousStatus|statusLog|statusSince|validToEnd|'retracted'|\.status\s*(<>|=)`)
	// The census as of now reads Neo4j's count store and the retracted facts' status index,
	// which only holds for both clocks at now (cypher/stats.go checks that before using it).
	exempt := map[string]bool{"statsNowFacts.cypher": true}
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
	for _, want := range []string{"rel.validFromStart", "rel.validToEnd", "n.dateStart", "n.createdAt <= $knownAt"} {
		if !strings.Contains(got, want) {
			t.Errorf("expanded text lacks %q:\n%s", want, got)
		}
	}
	if fact := visibilityRules["fact"]; !strings.Contains(fact, "statusSince") || !strings.Contains(fact, "validToEnd") || !strings.Contains(fact, "'retracted'") {
		t.Errorf("fact is not status, shown and valid together: %s", fact)
	}
}
