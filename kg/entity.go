package kg

import "time"

// Entity is a node of the knowledge graph: an actor, a place, a process or a document. Its
// id is stable and human-readable (person/vladimir-putin); its kind is the id's prefix.
type Entity struct {
	ID          string
	Kind        Kind
	Name        string
	Aliases     []string
	Description string
	// ExternalIDs holds identifiers in other systems, such as wikidata Q7747, sorted by
	// system. Only ids that are known go in; none is ever guessed.
	ExternalIDs []ExternalID

	// Date is when an Event happened, or is planned to.
	Date *PartialDate
	// Statuses is an Event's status history, oldest first: scheduled, then held, and so
	// on, each with its sources (event_status.go).
	Statuses []EventStatusEntry

	// Source metadata; Name holds a source's title.
	Author    string
	Publisher string
	URL       string
	Published *PartialDate
	// Text is a source's full text when it is known; quotes are checked against it.
	Text    string
	HasText bool

	// Version counts accepted writes; an update that names a stale version is refused.
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
	// MergedInto is set on a duplicate that a merge kept, which reads return only when known
	// before the merge (docs/model.md, "Merges on the record clock"). No API field shows it.
	MergedInto string
}

// Page is one page of a cursor-paginated list. TotalCount is only computed when asked for.
type Page[T any] struct {
	Items       []T
	Cursors     []string
	HasNext     bool
	HasPrevious bool
	TotalCount  *int
}

// ExternalID is an entity's identifier in another system.
type ExternalID struct {
	System string
	ID     string
}
