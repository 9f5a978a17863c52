package cypher

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/diplograph/diplograph/kg"
)

// What a read sees, on two clocks (docs/model.md, "Two clocks"). This file is the only place
// that spells the rule; every query under queries/ asks for it by name, and
// TestQueriesSpellNoVisibilityByHand fails when one writes it out itself.
//
//   - Valid time, $asOf (a Date, or null for "any day"): a fact is visible when its valid
//     interval may contain the day. A partial date counts by its whole span, so "2025"
//     holds from 2025-01-01 to 2025-12-31 (the Start and End bounds written with the date).
//     An occurrence (a meeting, a statement: kg.Occurrences) is visible from the first day
//     it may have happened on: after that it is history, not a state that ended.
//
//   - Record time, $knownAt (a DateTime, or null for "now"): what the graph held at that
//     instant. Every status a fact has had is logged with the instant it was set
//     (statusLog/statusSince, appended by logStatus at every write), so the status then is
//     the last one logged at or before $knownAt, and a fact recorded after it has none.
//
//   - Merges are on the record clock too. A merge keeps the duplicate, marks it merged
//     (the label :Merged, mergedAt, mergedInto) and logs the status "merged" on each of its facts at mergedAt;
//     the copies on the kept entity are recorded at mergedAt. So a read known before the
//     merge sees the duplicate with its own facts, and one known after sees the kept entity
//     with them. The status "merged" is never shown: it is not a status of the vocabulary.
//
// A fact is shown when its status then is set, not retracted and not merged away, and it may
// have held on the day; an entity when it was recorded by then, not merged away by then, and
// its own date (an event's, a body's founding) does not start after the day.
//
// A query names a rule like a function of one variable, visible.fact(r); queryText expands
// it when the query is loaded. An unexpanded name would be an unknown function to Neo4j,
// so a misspelt rule fails loudly instead of matching everything.
var visibilityRules = map[string]string{
	"status":      statusRule,
	"valid":       validRule,
	"shown":       shownRule,
	"entity":      entityRule,
	"eventStatus": eventStatusRule,
	"unmerged":    unmergedRule,
	"recorded":    recordedRule,
	"mergedInto":  mergedIntoRule,
	"live":        liveRule,
	"later":       laterRule,
	// A fact is visible when its status then is shown and it may have held on the day. The
	// status expression is spelt once (shownRule would spell it twice, and Neo4j evaluates
	// it for every relationship a read walks): an unrecorded fact's null reads as retracted.
	"fact": "(NOT coalesce(" + statusRule + ", 'retracted') IN " + hiddenStatuses + " AND " + validRule + ")",
}

// validRule: the fact may have held on $asOf, or, for an occurrence (kg.Occurrences), had
// happened by then. The types are the vocabulary's own words, put in as a literal list.
var validRule = `($asOf IS NULL OR (coalesce({x}.validFromStart, $asOf) <= $asOf AND ` +
	`(type({x}) IN ` + cypherList(kg.Occurrences) + ` OR coalesce({x}.validToEnd, $asOf) >= $asOf)))`

func cypherList(types []kg.RelationType) string {
	quoted := make([]string, len(types))
	for i, t := range types {
		if !t.Valid() {
			panic("cypher: " + string(t) + " is not in the vocabulary")
		}
		quoted[i] = "'" + string(t) + "'"
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// hiddenStatuses are the statuses no read shows unless asked: retracted (we learnt it was
// wrong), and merged (the fact moved to the entity its end was merged into; kg.StatusMerged).
const hiddenStatuses = "['retracted', 'merged']"

const (
	// The status the fact had at $knownAt: null when it was not yet recorded.
	statusRule = `(CASE WHEN $knownAt IS NULL THEN {x}.status ` +
		`ELSE last([i IN range(0, size({x}.statusLog) - 1) WHERE {x}.statusSince[i] <= $knownAt | {x}.statusLog[i]]) END)`
	// A status (of a fact, as visible.status gave it) that reads show unless asked otherwise.
	shownRule = `({x} IS NOT NULL AND NOT {x} IN ` + hiddenStatuses + `)`
	// The entity had not been merged into another at $knownAt. A merge labels the duplicate
	// :Merged, which a read checks without reading a property (mostConnected checks every
	// entity); only a merged one has its mergedAt read.
	unmergedRule = `(NOT {x}:Merged OR ($knownAt IS NOT NULL AND {x}.mergedAt > $knownAt))`
	// The id a (:Redirect) sent reads to at $knownAt: the last entity it was merged into by
	// then, or null before its merge. A redirect logs each target it has had (a merge of the
	// kept entity later re-points it) with the instant (mergedIntoLog, mergedIntoSince).
	mergedIntoRule = `(CASE WHEN $knownAt IS NULL THEN {x}.mergedInto ELSE last([i IN range(0, size(coalesce({x}.mergedIntoLog, [])) - 1) ` +
		`WHERE {x}.mergedIntoSince[i] <= $knownAt | {x}.mergedIntoLog[i]]) END)`
	// A fact as writes see it: not merged away (the one status a write must step around).
	liveRule = `({x}.status <> 'merged')`
	// A change of the audit trail made after $knownAt: what a read known then must undo to
	// give an entity's fields as they were. None, for a read known now.
	laterRule = `($knownAt IS NOT NULL AND {x}.at > $knownAt)`
	// An event's status on $asOf (any day: the latest), from its status history; null when
	// no entry applies yet.
	// An entry recorded after $knownAt (eventStatusRecordedAt) is not yet known; an entry
	// without a recorded instant was written with the event itself.
	eventStatusRule = `last([i IN range(0, size(coalesce({x}.eventStatus, [])) - 1) ` +
		`WHERE ($asOf IS NULL OR {x}.eventStatusSinceStart[i] <= $asOf) AND ` +
		`($knownAt IS NULL OR coalesce({x}.eventStatusRecordedAt[i], $knownAt) <= $knownAt) | {x}.eventStatus[i]])`
	eventStatusNow = `last([i IN range(0, size(coalesce({x}.eventStatus, [])) - 1) ` +
		`WHERE $asOf IS NULL OR {x}.eventStatusSinceStart[i] <= $asOf | {x}.eventStatus[i]])`
	// The entity existed in the graph at $knownAt and had begun by $asOf: visible.entity
	// without the merge check. A read that scans every entity and then keeps a few checks
	// visible.unmerged on those few (mostConnectedBounded): NOT e:Merged in a scan's
	// predicate makes Neo4j scan by labels and read every entity's kind from the store
	// instead of the kind index (100k db hits; docs/benchmarks.md).
	recordedRule = `(($asOf IS NULL OR coalesce({x}.dateStart, $asOf) <= $asOf) AND ($knownAt IS NULL OR {x}.createdAt <= $knownAt))`
	// The entity existed in the graph at $knownAt, had not been merged away by then, and had
	// begun by $asOf.
	entityRule = `(` + recordedRule + ` AND ` + unmergedRule + `)`
)

// visibilityCall matches visible.NAME(variable) in a query's text.
var visibilityCall = regexp.MustCompile(`visible\.([A-Za-z]+)\(([A-Za-z_][A-Za-z0-9_]*)\)`)

// expandVisibility replaces every visible.NAME(x) with the rule NAME applied to x. An
// unknown name is a programming error that TestQueriesExpand catches at test time.
func expandVisibility(name, text string) string {
	return visibilityCall.ReplaceAllStringFunc(text, func(call string) string {
		m := visibilityCall.FindStringSubmatch(call)
		rule, ok := visibilityRules[m[1]]
		if !ok {
			panic(fmt.Sprintf("cypher: query %q asks for an unknown visibility rule %q", name, m[1]))
		}
		return strings.ReplaceAll(rule, "{x}", m[2])
	})
}

// withClocks adds the two clocks to a read's parameters: $asOf a Date, $knownAt a DateTime.
// Every statement that expands a rule takes both.
func withClocks(p map[string]any, at kg.Clocks) map[string]any {
	p["asOf"] = dateParam(at.AsOf)
	p["knownAt"] = nil
	if at.KnownAt != nil {
		p["knownAt"] = at.KnownAt.UTC()
	}
	return p
}

// logStatus(r), the last clause of every statement that writes a fact's status, logs the
// status with the instant of the write ($now) when it differs from the last one logged
// (TestQueriesThatWriteStatusLogIt). It is the write half of the rule above: visible.status
// reads the log. Two parallel lists, because a Neo4j property cannot hold maps.
const logStatus = `WITH {x}, ({x}.statusLog IS NULL OR {x}.statusLog[-1] <> {x}.status) AS statusChanged
SET {x}.statusLog = CASE WHEN statusChanged THEN coalesce({x}.statusLog, []) + {x}.status ELSE {x}.statusLog END,
    {x}.statusSince = CASE WHEN statusChanged THEN coalesce({x}.statusSince, []) + $now ELSE {x}.statusSince END`

var logStatusCall = regexp.MustCompile(`logStatus\(([A-Za-z_][A-Za-z0-9_]*)\)`)

// queryText is a query file's text with its rules expanded.
func queryText(name, text string) string {
	text = logStatusCall.ReplaceAllStringFunc(text, func(call string) string {
		return strings.ReplaceAll(logStatus, "{x}", logStatusCall.FindStringSubmatch(call)[1])
	})
	return expandVisibility(name, text)
}

// A read without knownAt asks for the graph as it stands: a fact's status is the stored one
// and every entity is recorded. Evaluating the record-time branch anyway, on each of the
// hundreds of thousands of relationships a count walks, made mostConnected measurably slower
// (docs/benchmarks.md), so such a read is sent the rules' "now" forms instead: the same rule,
// with $knownAt's branch decided before Neo4j plans the statement. nowRules maps each rule
// that has a record-time branch to its form for now.
var nowRules = []struct{ rule, now string }{
	// fact first: it contains the status rule.
	{visibilityRules["fact"], "(NOT {x}.status IN " + hiddenStatuses + " AND " + validRule + ")"},
	{statusRule, "{x}.status"},
	// entity before unmerged: it contains it.
	{entityRule, `(($asOf IS NULL OR coalesce({x}.dateStart, $asOf) <= $asOf) AND NOT {x}:Merged)`},
	{unmergedRule, `(NOT {x}:Merged)`},
	{recordedRule, `(($asOf IS NULL OR coalesce({x}.dateStart, $asOf) <= $asOf))`},
	{mergedIntoRule, `{x}.mergedInto`},
	{eventStatusRule, eventStatusNow},
	{laterRule, `false`},
}

// nowPatterns are nowRules as patterns over expanded text: each {x} of the rule is a group,
// all naming the same variable.
var nowPatterns = func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(nowRules))
	for i, r := range nowRules {
		out[i] = regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(r.rule), regexp.QuoteMeta("{x}"), `([A-Za-z_][A-Za-z0-9_]*)`))
	}
	return out
}()

// nowTexts caches textForNow by the text it was given: a statement is one of a small, fixed
// set of texts (queries with their allow-listed placeholders filled in).
var nowTexts sync.Map

// TextFor is textFor for the benchmarks' raw side, which must send what the store sends.
func TextFor(text string, params map[string]any) string { return textFor(text, params) }

// textFor is the statement Neo4j runs for a read with these parameters: the text as
// expanded, or, without knownAt, its form for now.
func textFor(text string, params map[string]any) string {
	if known, ok := params["knownAt"]; !ok || known != nil {
		return text
	}
	if t, ok := nowTexts.Load(text); ok {
		return t.(string)
	}
	now := text
	for i, p := range nowPatterns {
		// $$ is a literal $ in a replacement ($asOf would name a group); ${1} is the variable.
		now = p.ReplaceAllString(now, strings.ReplaceAll(strings.ReplaceAll(nowRules[i].now, "$", "$$"), "{x}", "${1}"))
	}
	nowTexts.Store(text, now)
	return now
}
