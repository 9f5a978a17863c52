package model

import (
	"time"

	"github.com/diplograph/diplograph/kg"
)

// EventStatusEntry is one entry of an event's status history.
type EventStatusEntry struct{ kg.EventStatusEntry }

// Sources are the ids of the sources that give the status.
func (s *EventStatusEntry) Sources() []string {
	out := make([]string, len(s.Evidence))
	for i, ev := range s.Evidence {
		out[i] = ev.SourceID
	}
	return out
}

// Quote is the sources' verbatim words.
func (s *EventStatusEntry) Quote() string {
	if len(s.Evidence) == 0 {
		return ""
	}
	return s.Evidence[0].Quote
}

// Status is the event's status on day asOf (nil: the latest) from the entries recorded by
// knownAt (nil: now), or nil when no source gives one.
func (e *Event) Status(asOf, knownAt *time.Time) *kg.EventStatus {
	if s := e.StatusOn(asOf, knownAt); s != nil {
		return &s.Status
	}
	return nil
}

// StatusHistory is every status the sources give, oldest first, that the graph held at
// knownAt (nil: now).
func (e *Event) StatusHistory(knownAt *time.Time) []*EventStatusEntry {
	known := e.Entity.StatusHistory(knownAt)
	out := make([]*EventStatusEntry, len(known))
	for i := range known {
		out[i] = &EventStatusEntry{known[i]}
	}
	return out
}
