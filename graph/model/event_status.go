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

// Status is the event's status on day asOf (nil: the latest), or nil when no source gives one.
func (e *Event) Status(asOf *time.Time) *kg.EventStatus {
	if s := e.StatusOn(asOf); s != nil {
		return &s.Status
	}
	return nil
}

// StatusHistory is every status the sources give, oldest first.
func (e *Event) StatusHistory() []*EventStatusEntry {
	out := make([]*EventStatusEntry, len(e.Statuses))
	for i := range e.Statuses {
		out[i] = &EventStatusEntry{e.Statuses[i]}
	}
	return out
}
