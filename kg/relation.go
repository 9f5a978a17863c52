package kg

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Status is how far a fact is to be believed.
type Status string

const (
	StatusAsserted  Status = "asserted"
	StatusReported  Status = "reported"
	StatusDisputed  Status = "disputed"
	StatusRetracted Status = "retracted"
	// StatusMerged is logged on a merged duplicate's facts at the merge: they moved to the
	// kept entity. It is not in Statuses: no writer gives it and no read shows it
	// (docs/model.md, "Merges on the record clock").
	StatusMerged Status = "merged"
)

// Statuses is the allow-list of fact statuses.
var Statuses = []Status{StatusAsserted, StatusReported, StatusDisputed, StatusRetracted}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool {
	for _, known := range Statuses {
		if s == known {
			return true
		}
	}
	return false
}

// Basis says whether the sources state a fact or a curator inferred it from what they
// state: "the article says so" and "we read it so" are told apart, and confidence follows.
type Basis string

const (
	BasisStated   Basis = "stated"
	BasisInferred Basis = "inferred"
)

// Valid reports whether b is stated or inferred.
func (b Basis) Valid() bool { return b == BasisStated || b == BasisInferred }

// MaxBasisNoteLength bounds the note that says what was inferred, and from what.
const MaxBasisNoteLength = 1000

// Evidence is one source's support for a fact: the document and the words in it.
type Evidence struct {
	SourceID string
	Quote    string
}

// Relation is a fact: a typed, directed edge between two entities that says when it held,
// how sure we are, and on what evidence. Its id is derived from what the fact is (see
// FactID), so asserting the same fact twice corroborates it instead of duplicating it.
type Relation struct {
	ID         string
	From       string
	To         string
	Type       RelationType
	Role       string
	ValidFrom  *PartialDate
	ValidTo    *PartialDate
	Confidence float64
	Status     Status
	Evidence   []Evidence
	// Basis is stated or inferred; BasisNote, for an inferred fact, says what was inferred
	// and from what.
	Basis     Basis
	BasisNote string

	Retraction *Retraction
	CreatedAt  time.Time
	UpdatedAt  time.Time
	// StatusLog is every status the fact has had, oldest first, each with the instant it
	// was recorded: what a read known at an earlier instant sees (docs/model.md).
	StatusLog []StatusChange
}

// StatusChange is one entry of a fact's status log.
type StatusChange struct {
	Status Status
	At     time.Time
}

// Retraction records who withdrew a fact, when and why. The fact itself is kept.
type Retraction struct {
	By     string
	At     time.Time
	Reason string
	// PreviousStatus is the status the fact had before it was retracted.
	PreviousStatus Status
}

// FactID derives a relation's stable id from its endpoints, type and qualifier. Letter case
// and surrounding space in the role do not make a new fact.
func FactID(from string, typ RelationType, to, role string) string {
	h := sha256.Sum256([]byte(from + "\x00" + string(typ) + "\x00" + to + "\x00" + strings.ToLower(strings.TrimSpace(role))))
	return "rel/" + strings.ToLower(string(typ)) + "/" + hex.EncodeToString(h[:8])
}

// TypeOfFactID reads the relation type back out of a fact id, so a fact can be found
// through its type's index instead of a scan of every relationship.
func TypeOfFactID(id string) (RelationType, bool) {
	parts := strings.Split(id, "/")
	if len(parts) != 3 || parts[0] != "rel" || len(parts[2]) != 16 {
		return "", false
	}
	t := RelationType(strings.ToUpper(parts[1]))
	return t, t.Valid()
}

// Counterpart returns the entity at the other end of r, seen from id.
func (r *Relation) Counterpart(id string) string {
	if r.From == id {
		return r.To
	}
	return r.From
}
