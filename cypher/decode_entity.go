package cypher

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// props returns the property map of a node, or the map itself when a query projected one.
func props(v any) (map[string]any, error) {
	switch t := v.(type) {
	case neo4j.Node:
		return t.Props, nil
	case neo4j.Relationship:
		return t.Props, nil
	case map[string]any:
		return t, nil
	case nil:
		return nil, nil
	}
	return nil, fmt.Errorf("decode: expected a node or map, got %T", v)
}

// The readers of one property value: a value of another type (or none) reads as zero.

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}

// stringsOf reads a list of strings; absent, it is empty but not nil.
func stringsOf(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func numberOf(v any) float64 {
	switch n := v.(type) {
	case float64:
		return n
	case int64:
		return float64(n)
	}
	return 0
}

func integerOf(v any) int64 {
	switch n := v.(type) {
	case int64:
		return n
	case float64:
		return int64(n)
	}
	return 0
}

func timeOf(v any) time.Time {
	if t, ok := v.(time.Time); ok {
		return t.UTC()
	}
	return time.Time{}
}

// dateOf reads a partial date stored as its string form; the precision is in the string.
func dateOf(name string, v any) (*kg.PartialDate, error) {
	d, err := kg.ParseDatePtr(stringOf(v))
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return d, nil
}

// The same, for the property k of a map. Looking each up by name measured faster than one
// pass over the map, for a whole node or relationship.

func str(m map[string]any, k string) string                           { return stringOf(m[k]) }
func strs(m map[string]any, k string) []string                        { return stringsOf(m[k]) }
func num(m map[string]any, k string) float64                          { return numberOf(m[k]) }
func integer(m map[string]any, k string) int64                        { return integerOf(m[k]) }
func timestamp(m map[string]any, k string) time.Time                  { return timeOf(m[k]) }
func partialDate(m map[string]any, k string) (*kg.PartialDate, error) { return dateOf(k, m[k]) }

// decodeEntity turns a node (or a projection of one) into an entity.
func decodeEntity(v any) (*kg.Entity, error) {
	m, err := props(v)
	if err != nil || m == nil {
		return nil, err
	}
	e := &kg.Entity{
		ID:          str(m, "id"),
		Kind:        kg.Kind(str(m, "kind")),
		Name:        str(m, "name"),
		Aliases:     strs(m, "aliases"),
		Description: str(m, "description"),
		Author:      str(m, "author"),
		Publisher:   str(m, "publisher"),
		URL:         str(m, "url"),
		HasText:     m["hasText"] == true,
		Version:     integer(m, "version"),
		CreatedAt:   timestamp(m, "createdAt"),
		UpdatedAt:   timestamp(m, "updatedAt"),
		MergedInto:  str(m, "mergedInto"),
	}
	for _, kv := range strs(m, "externalIds") {
		k, v, _ := strings.Cut(kv, ":")
		e.ExternalIDs = append(e.ExternalIDs, kg.ExternalID{System: k, ID: v})
	}
	if e.Date, err = partialDate(m, "date"); err != nil {
		return nil, err
	}
	if e.Published, err = partialDate(m, "published"); err != nil {
		return nil, err
	}
	if e.Statuses, err = decodeEventStatuses(m); err != nil {
		return nil, err
	}
	return e, nil
}

// entityProps is the inverse of decodeEntity: the properties an entity is stored with.
// Absent values are nil, which removes a property on SET.
func entityProps(e *kg.Entity) map[string]any {
	ext := make([]string, 0, len(e.ExternalIDs))
	for _, x := range e.ExternalIDs {
		ext = append(ext, x.System+":"+x.ID)
	}
	sort.Strings(ext)
	aliases := e.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	p := map[string]any{
		"kind":        string(e.Kind),
		"name":        e.Name,
		"aliases":     aliases,
		"description": nilIfEmpty(e.Description),
		"externalIds": ext,
		"author":      nilIfEmpty(e.Author),
		"publisher":   nilIfEmpty(e.Publisher),
		"url":         nilIfEmpty(e.URL),
		"hasText":     nil,
	}
	if e.Kind == kg.KindSource {
		p["hasText"] = e.HasText || e.Text != ""
	}
	putDate(p, "date", e.Date)
	putDate(p, "published", e.Published)
	if e.Kind == kg.KindEvent {
		putEventStatuses(p, e.Statuses)
	}
	return p
}

// putEventStatuses stores an event's status history as parallel lists (a property holds no
// maps, nor lists of lists): the status, its since date as written and its first day (the
// visibility rule compares that; an open start is the first day of the calendar), and the
// sources of each entry, separated by spaces (an id has none), with its quote.
func putEventStatuses(p map[string]any, statuses []kg.EventStatusEntry) {
	p["eventStatus"], p["eventStatusSince"], p["eventStatusSinceStart"], p["eventStatusSources"], p["eventStatusQuotes"] = nil, nil, nil, nil, nil
	p["eventStatusRecordedAt"] = nil
	if len(statuses) == 0 {
		return
	}
	var names, since, sources, quotes []string
	var starts []neo4j.Date
	// When each entry was recorded (visible.eventStatus reads it); a list holds no nulls, so
	// an entry written with the event has the first instant of the calendar.
	var recorded []time.Time
	anyRecorded := false
	for _, s := range statuses {
		at := time.Time{}
		if s.RecordedAt != nil {
			at, anyRecorded = s.RecordedAt.UTC(), true
		}
		recorded = append(recorded, at)
		names = append(names, string(s.Status))
		since = append(since, s.Since.String())
		starts = append(starts, neo4j.DateOf(s.Since.Start()))
		ids := make([]string, len(s.Evidence))
		for i, ev := range s.Evidence {
			ids[i] = ev.SourceID
		}
		sources = append(sources, strings.Join(ids, " "))
		quote := ""
		if len(s.Evidence) > 0 {
			quote = s.Evidence[0].Quote
		}
		quotes = append(quotes, quote)
	}
	p["eventStatus"], p["eventStatusSince"], p["eventStatusSinceStart"], p["eventStatusSources"], p["eventStatusQuotes"] = names, since, starts, sources, quotes
	if anyRecorded {
		p["eventStatusRecordedAt"] = recorded
	}
}

// decodeEventStatuses is the inverse of putEventStatuses.
func decodeEventStatuses(m map[string]any) ([]kg.EventStatusEntry, error) {
	names, since, sources, quotes := strs(m, "eventStatus"), strs(m, "eventStatusSince"), strs(m, "eventStatusSources"), strs(m, "eventStatusQuotes")
	recorded, _ := m["eventStatusRecordedAt"].([]any)
	var out []kg.EventStatusEntry
	for i, name := range names {
		entry := kg.EventStatusEntry{Status: kg.EventStatus(name)}
		if i < len(recorded) {
			if at := timeOf(recorded[i]); !at.IsZero() && at.Year() > 1 {
				entry.RecordedAt = &at
			}
		}
		if i < len(since) {
			d, err := kg.ParseDatePtr(since[i])
			if err != nil {
				return nil, fmt.Errorf("decode eventStatusSince: %w", err)
			}
			entry.Since = d
		}
		if i < len(sources) {
			for _, id := range strings.Fields(sources[i]) {
				ev := kg.Evidence{SourceID: id}
				if i < len(quotes) {
					ev.Quote = quotes[i]
				}
				entry.Evidence = append(entry.Evidence, ev)
			}
		}
		out = append(out, entry)
	}
	return out, nil
}

// putDate stores a partial date three ways: its own string (which keeps the precision) and
// the first and last day it may mean, as Neo4j dates for range indexes and comparisons.
func putDate(p map[string]any, key string, d *kg.PartialDate) {
	if d == nil {
		p[key], p[key+"Start"], p[key+"End"] = nil, nil, nil
		return
	}
	p[key] = d.String()
	// An open bound is stored as none: the visibility rule reads a missing bound as open.
	p[key+"Start"], p[key+"End"] = nil, nil
	if first := d.FirstDay(); first != nil {
		p[key+"Start"] = neo4j.DateOf(*first)
	}
	if last := d.LastDay(); last != nil {
		p[key+"End"] = neo4j.DateOf(*last)
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// decodeEntities decodes a list value of nodes, maps or rows of a brief read (briefEntity).
func decodeEntities(v any) ([]*kg.Entity, error) {
	l, _ := v.([]any)
	out := make([]*kg.Entity, 0, len(l))
	for _, x := range l {
		e, err := briefOr(x, briefEntity, decodeEntity)
		if err != nil {
			return nil, err
		}
		if e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}
