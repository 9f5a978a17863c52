package kg

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/errcode"
)

// Editor changes the graph one curated edit at a time, for the write API. Every method is
// one transaction (all or nothing), checks the importer's rules before it writes, and
// records who changed what in the audit trail (see Auditor). by names the caller.
type Editor interface {
	// UpsertEntity creates the entity with p.ID or updates it. Returns BAD_USER_INPUT for
	// invalid input, CONFLICT when p.ExpectedVersion is stale or the id was merged away,
	// and NOT_FOUND when an expected version names an entity that does not exist.
	UpsertEntity(ctx context.Context, by string, p EntityPatch) (*EntityResult, error)
	// AddSource creates or updates a source document; its text, once stored, is fixed.
	// Returns BAD_USER_INPUT, CONFLICT or NOT_FOUND as UpsertEntity does.
	AddSource(ctx context.Context, by string, p EntityPatch) (*EntityResult, error)
	// AssertRelation states a fact, or corroborates it with more evidence when it is
	// already known. Returns BAD_USER_INPUT, and CONFLICT for a retracted fact.
	AssertRelation(ctx context.Context, by string, a Assertion) (*RelationResult, error)
	// RecordEvent writes an event with its place, track and participants. Returns
	// BAD_USER_INPUT, CONFLICT or NOT_FOUND.
	RecordEvent(ctx context.Context, by string, in EventRecord) (*EventResult, error)
	// RetractRelation marks a fact retracted, keeping it. Returns NOT_FOUND, BAD_USER_INPUT
	// for a missing reason, and CONFLICT when it is already retracted.
	RetractRelation(ctx context.Context, by, id, reason string) (*RelationView, error)
	// SetEventStatus adds an entry to an event's status history (the same status from the
	// same day again adds its evidence). Returns NOT_FOUND, BAD_USER_INPUT naming the
	// field, and CONFLICT for an id that was merged away.
	SetEventStatus(ctx context.Context, by, event string, s EventStatusAssertion) (*EntityResult, error)
	// MergeEntities folds duplicate into keep and leaves a redirect. Returns NOT_FOUND,
	// BAD_USER_INPUT for different kinds or the same id, and CONFLICT for external ids
	// that disagree.
	MergeEntities(ctx context.Context, by, keep, duplicate string) (*MergeResult, error)
}

// EntityPatch is an edit of one entity, named by its stable id. A nil field keeps what is
// stored; an empty string clears an optional field. Aliases and external ids are merged
// into the stored ones, never overwritten, so two analysts adding names do not undo each
// other.
type EntityPatch struct {
	ID string
	// Kind is optional: an id's prefix already names its kind. When given it must agree.
	Kind        Kind
	Name        *string
	Aliases     []string
	Description *string
	// ExternalIDs are merged by system: a system named here gets this id; others stay.
	ExternalIDs []ExternalID
	// Date (events only) is YYYY, YYYY-MM or YYYY-MM-DD.
	Date *string
	// Source metadata, for AddSource.
	Author, Publisher, URL *string
	Published              *string
	Text                   *string
	// ExpectedVersion, when set, must equal the stored version; 0 means the entity must
	// not exist yet. It is how a client says "I am editing what I read".
	ExpectedVersion *int64
}

// Apply returns stored (nil when the entity does not exist) with the patch applied, and
// validated with the importer's rules. Returns BAD_USER_INPUT naming the field, CONFLICT for
// a stale ExpectedVersion and NOT_FOUND when a version is expected of a missing entity.
func (p *EntityPatch) Apply(stored *Entity) (*Entity, error) {
	kind, ok := KindOfID(p.ID)
	if !ok {
		return nil, ValidateID("id", p.ID, "")
	}
	if p.Kind != "" && p.Kind != kind {
		return nil, FieldError("kind", "id %q names a %s, not a %s", p.ID, kind, p.Kind)
	}
	if v := p.ExpectedVersion; v != nil {
		switch {
		case stored == nil && *v != 0:
			return nil, Errorf(errcode.NotFound, "No entity has id %q (expectedVersion %d names an existing one).", p.ID, *v)
		case stored != nil && stored.Version != *v:
			return nil, Errorf(errcode.Conflict, "%s is at version %d, not %d: it changed since you read it. Read it again and reapply your edit.", p.ID, stored.Version, *v)
		}
	}
	e := &Entity{ID: p.ID, Kind: kind}
	if stored != nil {
		cp := *stored
		e = &cp
	} else if p.Name == nil {
		return nil, FieldError("name", "is required to create %s", p.ID)
	}
	if p.Name != nil {
		e.Name = strings.TrimSpace(*p.Name)
	}
	e.Aliases = unionFold(e.Aliases, p.Aliases, e.Name)
	setIf(&e.Description, p.Description)
	e.ExternalIDs = mergeExternalIDs(e.ExternalIDs, p.ExternalIDs)
	var err error
	if p.Date != nil {
		if e.Date, err = ParseDatePtr(*p.Date); err != nil {
			return nil, FieldError("date", "%v", err)
		}
	}
	setIf(&e.Author, p.Author)
	setIf(&e.Publisher, p.Publisher)
	setIf(&e.URL, p.URL)
	if p.Published != nil {
		if e.Published, err = ParseDatePtr(*p.Published); err != nil {
			return nil, FieldError("published", "%v", err)
		}
	}
	if p.Text != nil {
		e.Text = *p.Text
		e.HasText = e.HasText || e.Text != ""
	}
	return e, e.Validate()
}

func setIf(dst *string, v *string) {
	if v != nil {
		*dst = strings.TrimSpace(*v)
	}
}

// unionFold appends the names of add that are not yet in have (ignoring letter case and
// surrounding space) and are not the entity's name itself.
func unionFold(have, add []string, name string) []string {
	out := append([]string{}, have...)
	seen := map[string]bool{strings.ToLower(name): true}
	for _, a := range have {
		seen[strings.ToLower(a)] = true
	}
	for _, a := range add {
		a = strings.TrimSpace(a)
		if k := strings.ToLower(a); !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}

// mergeExternalIDs sets the systems named in add and keeps the others, sorted by system.
func mergeExternalIDs(have, add []ExternalID) []ExternalID {
	bySystem := map[string]string{}
	for _, x := range have {
		bySystem[x.System] = x.ID
	}
	for _, x := range add {
		bySystem[strings.TrimSpace(x.System)] = strings.TrimSpace(x.ID)
	}
	out := make([]ExternalID, 0, len(bySystem))
	for s, id := range bySystem {
		out = append(out, ExternalID{System: s, ID: id})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].System < out[j].System })
	if len(out) == 0 {
		return nil
	}
	return out
}

// Assertion is a fact as an analyst states it: one quote, found in each of the sources.
type Assertion struct {
	From, To   string
	Type       RelationType
	Role       string
	ValidFrom  string
	ValidTo    string
	Confidence float64
	// Status is asserted for a new fact when empty; for a known fact, empty keeps it.
	Status Status
	// Basis is stated for a new fact when empty; for a known fact, empty keeps it (and its
	// note). BasisNote is required with inferred.
	Basis     Basis
	BasisNote string
	Sources   []string
	Quote     string
}

// Relation turns the assertion into a fact with its stable id. It checks only what needs
// no graph (dates, status); Relation.Validate checks the rest. Returns BAD_USER_INPUT.
func (a Assertion) Relation() (*Relation, error) {
	r := &Relation{From: a.From, To: a.To, Type: a.Type, Role: strings.TrimSpace(a.Role), Confidence: a.Confidence, Status: a.Status,
		Basis: a.Basis, BasisNote: strings.TrimSpace(a.BasisNote)}
	if a.Status == StatusRetracted {
		return nil, FieldError("status", "a fact is retracted with retractRelation, which records who, when and why")
	}
	var err error
	if r.ValidFrom, err = ParseDatePtr(a.ValidFrom); err != nil {
		return nil, FieldError("validFrom", "%v", err)
	}
	if r.ValidTo, err = ParseDatePtr(a.ValidTo); err != nil {
		return nil, FieldError("validTo", "%v", err)
	}
	seen := map[string]bool{}
	for _, s := range a.Sources {
		if !seen[s] {
			seen[s] = true
			r.Evidence = append(r.Evidence, Evidence{SourceID: s, Quote: a.Quote})
		}
	}
	r.ID = FactID(r.From, r.Type, r.To, r.Role)
	return r, nil
}

// Corroborate folds a new assertion of the same fact into the stored one: the evidence
// accumulates (each source and quote once), confidence rises to the higher of the two,
// and a valid time or status the assertion states replaces the stored one. A retracted
// fact is not silently revived: Returns CONFLICT.
func (r *Relation) Corroborate(stored *Relation) (*Relation, error) {
	if stored.Status == StatusRetracted {
		return nil, Errorf(errcode.Conflict, "The fact %s was retracted; it cannot be corroborated. See its retraction and history.", stored.ID)
	}
	out := *stored
	out.Evidence = MergeEvidence(stored.Evidence, r.Evidence)
	out.Confidence = max(stored.Confidence, r.Confidence)
	if r.ValidFrom != nil {
		out.ValidFrom = r.ValidFrom
	}
	if r.ValidTo != nil {
		out.ValidTo = r.ValidTo
	}
	if r.Status != "" {
		out.Status = r.Status
	}
	if r.Basis != "" {
		out.Basis, out.BasisNote = r.Basis, r.BasisNote
	}
	return &out, nil
}

// MergeEvidence appends the evidence of add that have does not hold yet.
func MergeEvidence(have, add []Evidence) []Evidence {
	out := append([]Evidence{}, have...)
	seen := map[Evidence]bool{}
	for _, ev := range have {
		seen[ev] = true
	}
	for _, ev := range add {
		if !seen[ev] {
			seen[ev] = true
			out = append(out, ev)
		}
	}
	return out
}

// EventRecord is an event with its date, place, track and participants, written in one
// call. Every fact it creates cites Sources with Quote.
type EventRecord struct {
	Event        EntityPatch
	Place        string
	Track        string
	Participants []EventParticipant
	Sources      []string
	Quote        string
	Confidence   float64
	Status       Status
}

// EventParticipant is who took part, and in what role.
type EventParticipant struct {
	Entity string
	Role   string
}

// Assertions lists the facts the record states: each participant PARTICIPATED_IN the event
// (valid on the event's date), the event LOCATED_IN its place and PART_OF its track.
// Returns BAD_USER_INPUT for a participant named twice.
func (in *EventRecord) Assertions() ([]Assertion, error) {
	base := Assertion{Confidence: in.Confidence, Status: in.Status, Sources: in.Sources, Quote: in.Quote}
	var out []Assertion
	seen := map[string]bool{}
	for i, p := range in.Participants {
		a := base
		a.From, a.Type, a.To, a.Role = p.Entity, "PARTICIPATED_IN", in.Event.ID, p.Role
		if in.Event.Date != nil {
			a.ValidFrom, a.ValidTo = *in.Event.Date, *in.Event.Date
		}
		id := FactID(a.From, a.Type, a.To, strings.TrimSpace(a.Role))
		if seen[id] {
			return nil, FieldError(fmt.Sprintf("participants[%d]", i), "%s is listed twice with the same role", p.Entity)
		}
		seen[id] = true
		out = append(out, a)
	}
	if in.Place != "" {
		a := base
		a.From, a.Type, a.To = in.Event.ID, "LOCATED_IN", in.Place
		out = append(out, a)
	}
	if in.Track != "" {
		a := base
		a.From, a.Type, a.To = in.Event.ID, "PART_OF", in.Track
		out = append(out, a)
	}
	return out, nil
}

// MergeEntity folds dup into keep: keep's own values win, dup's name and aliases become
// aliases, and what keep lacks (description, date, source metadata, external ids) comes
// from dup. Returns BAD_USER_INPUT for different kinds and CONFLICT when both carry an id
// in the same external system and the ids differ: such records are probably not the same.
func MergeEntity(keep, dup *Entity) (*Entity, error) {
	if keep.Kind != dup.Kind {
		return nil, FieldError("duplicate", "%s is a %s; it cannot be merged into the %s %s", dup.ID, dup.Kind, keep.Kind, keep.ID)
	}
	out := *keep
	out.Aliases = unionFold(keep.Aliases, append([]string{dup.Name}, dup.Aliases...), keep.Name)
	ids := map[string]string{}
	for _, x := range keep.ExternalIDs {
		ids[x.System] = x.ID
	}
	for _, x := range dup.ExternalIDs {
		if have, ok := ids[x.System]; ok && have != x.ID {
			return nil, Errorf(errcode.Conflict, "%s and %s have different %s ids (%s and %s); correct one of them before merging.", keep.ID, dup.ID, x.System, have, x.ID)
		}
	}
	out.ExternalIDs = mergeExternalIDs(dup.ExternalIDs, keep.ExternalIDs)
	for _, f := range []struct{ dst, src *string }{
		{&out.Description, &dup.Description}, {&out.Author, &dup.Author},
		{&out.Publisher, &dup.Publisher}, {&out.URL, &dup.URL},
	} {
		if *f.dst == "" {
			*f.dst = *f.src
		}
	}
	if out.Date == nil {
		out.Date = dup.Date
	}
	if out.Published == nil {
		out.Published = dup.Published
	}
	out.HasText = keep.HasText || dup.HasText
	if err := out.Validate(); err != nil {
		return nil, err
	}
	return &out, nil
}

// Rehome moves a fact of dup onto keep: the endpoint that was dup becomes keep, and the
// fact gets the id of what it now says. It reports false when the fact joined keep and dup,
// which after the merge would join an entity to itself.
func (r Relation) Rehome(dup, keep string) (*Relation, bool) {
	if r.From == dup {
		r.From = keep
	}
	if r.To == dup {
		r.To = keep
	}
	if r.From == r.To {
		return nil, false
	}
	r.ID = FactID(r.From, r.Type, r.To, r.Role)
	return &r, true
}

// EntityResult is the outcome of an entity write: Created when it is new, Changed when
// anything was written at all (an identical edit writes nothing).
type EntityResult struct {
	Entity  *Entity
	Created bool
	Changed bool
}

// RelationResult is the outcome of an assertion: Created for a new fact, otherwise it
// corroborated a known one.
type RelationResult struct {
	Relation *RelationView
	Created  bool
	Changed  bool
}

// EventResult is the recorded event and the facts that tie it in.
type EventResult struct {
	Event     *Entity
	Created   bool
	Relations []*RelationView
}

// MergeResult is the kept entity and what happened to the duplicate's facts: Moved onto
// the kept entity, Merged into a fact it already had, or Dropped because they joined the
// two (the history keeps them).
type MergeResult struct {
	Entity  *Entity
	Moved   int
	Merged  int
	Dropped int
}

// ValidateReason checks the reason given for a retraction: required, and plain text.
func ValidateReason(reason string) error {
	return checkText("reason", reason, MaxTextLength, true)
}
