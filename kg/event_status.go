package kg

import (
	"fmt"
	"time"
)

// EventStatus says whether an event happened or is only planned, in the words of
// schema.org's EventStatusType. An event is scheduled until a source says it was held.
type EventStatus string

const (
	EventScheduled   EventStatus = "scheduled"
	EventHeld        EventStatus = "held"
	EventPostponed   EventStatus = "postponed"
	EventRescheduled EventStatus = "rescheduled"
	EventCancelled   EventStatus = "cancelled"
)

// EventStatuses is the allow-list of event statuses.
var EventStatuses = []EventStatus{EventScheduled, EventHeld, EventPostponed, EventRescheduled, EventCancelled}

// Valid reports whether s is one of EventStatuses.
func (s EventStatus) Valid() bool {
	for _, known := range EventStatuses {
		if s == known {
			return true
		}
	}
	return false
}

// Planned reports whether an event of this status has not (yet) taken place: taking part
// in it is a plan, not a fact of the past.
func (s EventStatus) Planned() bool { return s != EventHeld }

// MaxEventStatuses bounds an event's status history.
const MaxEventStatuses = 20

// EventStatusEntry is one entry of an event's status history: the status, the day from
// which a source gives it (valid time), and the evidence.
type EventStatusEntry struct {
	Status   EventStatus
	Since    *PartialDate
	Evidence []Evidence
	// RecordedAt is when the graph recorded the entry (record time; setEventStatus sets
	// it); nil for an entry written with the event itself, known whenever the event is.
	RecordedAt *time.Time
}

// KnownAt reports whether the graph held the entry at knownAt (nil: now).
func (s *EventStatusEntry) KnownAt(knownAt *time.Time) bool {
	return knownAt == nil || s.RecordedAt == nil || !s.RecordedAt.After(*knownAt)
}

// StatusOn is the event's status on day asOf (any day: the latest), from its history in
// date order as the graph held it at knownAt (nil: now); nil when no entry applies yet or
// the event has none.
func (e *Entity) StatusOn(asOf, knownAt *time.Time) *EventStatusEntry {
	var out *EventStatusEntry
	for i := range e.Statuses {
		s := &e.Statuses[i]
		if (asOf == nil || s.Since == nil || !s.Since.Start().After(*asOf)) && s.KnownAt(knownAt) {
			out = s
		}
	}
	return out
}

// StatusHistory is the event's status history as the graph held it at knownAt (nil: now).
func (e *Entity) StatusHistory(knownAt *time.Time) []EventStatusEntry {
	var out []EventStatusEntry
	for _, s := range e.Statuses {
		if s.KnownAt(knownAt) {
			out = append(out, s)
		}
	}
	return out
}

// validateStatuses checks an event's status history: events only, known statuses, a
// since date, entries in date order, and evidence as a fact's (validateEvidence).
func (e *Entity) validateStatuses(res GraphLookup) error {
	if len(e.Statuses) == 0 {
		return nil
	}
	if e.Kind != KindEvent {
		return FieldError("statuses", "only an event has a status; %s is a %s", e.ID, e.Kind)
	}
	if len(e.Statuses) > MaxEventStatuses {
		return FieldError("statuses", "has %d entries; the limit is %d", len(e.Statuses), MaxEventStatuses)
	}
	for i, s := range e.Statuses {
		prefix := fmt.Sprintf("statuses[%d].", i)
		if err := validateEntry(prefix, s, res); err != nil {
			return err
		}
		if i > 0 && e.Statuses[i-1].Since.Start().After(s.Since.Start()) {
			return FieldError(prefix+"since", "%s comes before the entry above it (%s): list the history in date order", s.Since, e.Statuses[i-1].Since)
		}
	}
	return nil
}

// validateEntry checks one status entry, its fields named after prefix ("" for a writer's
// input, "statuses[1]." in an event's history): a known status, a date, and evidence as a
// fact's.
func validateEntry(prefix string, e EventStatusEntry, res GraphLookup) error {
	if !e.Status.Valid() {
		return FieldError(prefix+"status", "%q is not an event status; use scheduled, held, postponed, rescheduled or cancelled", clip(string(e.Status)))
	}
	if e.Since == nil {
		return FieldError(prefix+"since", "is required: the day from which the sources give this status")
	}
	return validateEvidence(prefix, e.Evidence, res)
}

// EventStatusAssertion is a status for an event as a writer gives it.
type EventStatusAssertion struct {
	Status  EventStatus
	Since   string
	Sources []string
	Quote   string
}

// Entry turns the assertion into a status entry; Returns BAD_USER_INPUT naming the field
// for a bad date (the rest is checked with the event, by ValidateStatuses).
func (a EventStatusAssertion) Entry() (EventStatusEntry, error) {
	e := EventStatusEntry{Status: a.Status}
	var err error
	if e.Since, err = ParseDatePtr(a.Since); err != nil {
		return e, FieldError("since", "%v", err)
	}
	for _, s := range a.Sources {
		e.Evidence = append(e.Evidence, Evidence{SourceID: s, Quote: a.Quote})
	}
	return e, nil
}

// ValidateEntry checks a status as a writer gives it, naming the input's fields: a known
// status, a date, and evidence as a fact's.
func ValidateEntry(e EventStatusEntry, res GraphLookup) error { return validateEntry("", e, res) }

// WithStatus is history with entry added in date order; an entry of the same status from
// the same day gains entry's evidence instead, so asserting it again changes nothing.
func WithStatus(history []EventStatusEntry, entry EventStatusEntry) []EventStatusEntry {
	out := make([]EventStatusEntry, 0, len(history)+1)
	added := false
	for _, h := range history {
		if !added && h.Status == entry.Status && h.Since != nil && entry.Since != nil && h.Since.String() == entry.Since.String() {
			h.Evidence = MergeEvidence(h.Evidence, entry.Evidence)
			added = true
		} else if !added && entry.Since != nil && h.Since != nil && h.Since.Start().After(entry.Since.Start()) {
			out = append(out, entry)
			added = true
		}
		out = append(out, h)
	}
	if !added {
		out = append(out, entry)
	}
	return out
}
