// Package live publishes committed changes to subscribers: an event per write of the API
// and one summary per imported file, each with a sequence number that only grows, kept in a
// bounded replay log so that a client that reconnects gets what it missed (docs/live.md).
//
// Store decorates a kg.Store: it publishes only after the store call returned without
// error, so a write that rolled back publishes nothing. A Bus gives each event its sequence
// number and carries it to every replica's Hub, which fans it out to the subscribers of
// that replica. Memory is the Bus of a single process; NATS (JetStream) the one of several
// replicas.
package live

import (
	"slices"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Kind is what a change did, as subscribers see it.
type Kind string

const (
	Created      Kind = "CREATED"
	Changed      Kind = "CHANGED"
	Corroborated Kind = "CORROBORATED"
	Retracted    Kind = "RETRACTED"
	Merged       Kind = "MERGED"
	Imported     Kind = "IMPORTED"
)

// Event is one committed change. What travels on the bus is small (ids and what
// subscriptions match on); each replica's Hub reads the entity or fact as it now reads
// when the event arrives (Entity, Relation), once for all its subscribers.
type Event struct {
	// Seq is given by the Bus: it only grows. Zero until published.
	Seq       int64        `json:"-"`
	Kind      Kind         `json:"kind"`
	Operation kg.Operation `json:"op"`
	By        string       `json:"by"`
	At        time.Time    `json:"at"`
	// EntityID is the entity written (or kept by a merge); RelationID the fact written.
	EntityID   string `json:"entity,omitempty"`
	RelationID string `json:"relation,omitempty"`
	MergedFrom string `json:"mergedFrom,omitempty"`
	// Fields are the fields the change wrote, by their names in the import format.
	Fields []string `json:"fields,omitempty"`

	// What subscriptions match on, fixed when the event was published.
	// Ends are a fact's two entities; Type and Confidence the fact's after the change.
	Ends       []string        `json:"ends,omitempty"`
	Type       kg.RelationType `json:"type,omitempty"`
	Confidence float64         `json:"confidence,omitempty"`
	// Tracks are the tracks the change is tied to, by the store's rule for Entity.tracks.
	Tracks []string `json:"tracks,omitempty"`

	Import *ImportSummary `json:"import,omitempty"`

	// Filled in by the Hub of each replica, never sent on the bus.
	Entity   *kg.Entity       `json:"-"`
	Relation *kg.RelationView `json:"-"`
}

// ImportSummary is what one imported file wrote.
type ImportSummary struct {
	Origin    string `json:"origin"`
	Entities  int    `json:"entities"`
	Relations int    `json:"relations"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
}

// Filter is what one subscription receives. Exactly one of the three shapes is used.
type Filter struct {
	// Entity: entityChanged(id).
	Entity string
	// Relations: relationChanged(filter), with its optional parts.
	Relations     bool
	Types         []kg.RelationType
	End           string
	Track         string
	MinConfidence float64
	// Activity: trackActivity(track).
	Activity string
}

// Match reports whether the subscription receives e. An import summary goes to every
// subscription: one file may touch anything, and it is one event per file.
func (f *Filter) Match(e *Event) bool {
	if e.Kind == Imported {
		return true
	}
	switch {
	case f.Entity != "":
		return e.RelationID == "" && (e.EntityID == f.Entity || e.MergedFrom == f.Entity)
	case f.Relations:
		return e.RelationID != "" &&
			(len(f.Types) == 0 || slices.Contains(f.Types, e.Type)) &&
			(f.End == "" || slices.Contains(e.Ends, f.End)) &&
			(f.Track == "" || slices.Contains(e.Tracks, f.Track)) &&
			e.Confidence >= f.MinConfidence
	case f.Activity != "":
		return slices.Contains(e.Tracks, f.Activity)
	}
	return false
}
