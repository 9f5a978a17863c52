package kg

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"
)

// Operation names what a change did; the audit trail records one per write.
type Operation string

const (
	OpUpsertEntity    Operation = "UPSERT_ENTITY"
	OpAddSource       Operation = "ADD_SOURCE"
	OpAssertRelation  Operation = "ASSERT_RELATION"
	OpRecordEvent     Operation = "RECORD_EVENT"
	OpRetractRelation Operation = "RETRACT_RELATION"
	OpMergeEntities   Operation = "MERGE_ENTITIES"
	OpSetEventStatus  Operation = "SET_EVENT_STATUS"
	// OpImport is an import rewriting an entity or fact that the graph held with other
	// content; what an import creates is recorded once, per file (ImportedFile).
	OpImport Operation = "IMPORT"
)

// Operations is the allow-list of operations.
var Operations = []Operation{OpUpsertEntity, OpAddSource, OpAssertRelation, OpRecordEvent, OpRetractRelation, OpMergeEntities, OpSetEventStatus, OpImport}

// MarshalGQL writes the operation as a ChangeOperation value.
func (o Operation) MarshalGQL(w io.Writer) { writeEnum(w, string(o)) }

// UnmarshalGQL reads a ChangeOperation value.
func (o *Operation) UnmarshalGQL(v any) error {
	s, err := enumString(v, "ChangeOperation")
	if err != nil {
		return err
	}
	for _, known := range Operations {
		if Operation(s) == known {
			*o = known
			return nil
		}
	}
	return fmt.Errorf("%q is not a ChangeOperation", clip(s))
}

// Change is one entry of the audit trail: who changed what, when, and the values before
// and after, as JSON. It is written in the same transaction as the change itself, and it
// outlives the entity: the history of a merged id stays readable.
type Change struct {
	ID        string
	At        time.Time
	By        string
	Operation Operation
	// EntityID is the entity the change is about: the entity written, a fact's start, or
	// the entity kept by a merge.
	EntityID string
	// CounterpartID is the other entity involved: a fact's end, or a merge's duplicate.
	CounterpartID string
	// RelationID is set when the change wrote a fact.
	RelationID string
	// Before is nil when the change created what it wrote.
	Before *string
	After  *string
}

// Auditor reads the audit trail.
type Auditor interface {
	// History lists the changes that involve id, newest first, whether the entity still
	// exists, was merged away or never existed (an empty list).
	History(ctx context.Context, id string, first int) ([]*Change, error)
	// Changes lists every change, newest first, one page at a time. Returns BAD_USER_INPUT
	// for a malformed cursor.
	Changes(ctx context.Context, p PageRequest) (*Page[*Change], error)
}

// EntitySnapshot is an entity as the audit trail stores it: JSON with the field names of
// the import format (docs/import-format.md), so that a before value can be pasted back.
func EntitySnapshot(e *Entity) *string {
	if e == nil {
		return nil
	}
	m := map[string]any{"id": e.ID, "kind": e.Kind, "name": e.Name, "version": e.Version}
	if len(e.Aliases) > 0 {
		m["aliases"] = e.Aliases
	}
	if len(e.ExternalIDs) > 0 {
		ids := map[string]string{}
		for _, x := range e.ExternalIDs {
			ids[x.System] = x.ID
		}
		m["externalIds"] = ids
	}
	for k, v := range map[string]string{"description": e.Description, "author": e.Author, "publisher": e.Publisher, "url": e.URL} {
		if v != "" {
			m[k] = v
		}
	}
	if e.Date != nil {
		m["date"] = e.Date.String()
	}
	if e.Published != nil {
		m["published"] = e.Published.String()
	}
	if e.Kind == KindSource {
		m["hasText"] = e.HasText
	}
	return snapshot(m)
}

// RelationSnapshot is a fact as the audit trail stores it, in the import format.
func RelationSnapshot(r *Relation) *string {
	if r == nil {
		return nil
	}
	m := map[string]any{"id": r.ID, "from": r.From, "type": r.Type, "to": r.To, "confidence": r.Confidence, "status": r.Status}
	if r.Role != "" {
		m["role"] = r.Role
	}
	if r.ValidFrom != nil {
		m["validFrom"] = r.ValidFrom.String()
	}
	if r.ValidTo != nil {
		m["validTo"] = r.ValidTo.String()
	}
	ev := make([]map[string]string, len(r.Evidence))
	for i, e := range r.Evidence {
		ev[i] = map[string]string{"source": e.SourceID, "quote": e.Quote}
	}
	m["evidence"] = ev
	if rt := r.Retraction; rt != nil {
		m["retraction"] = map[string]any{"by": rt.By, "at": rt.At.UTC().Format(time.RFC3339), "reason": rt.Reason, "previousStatus": rt.PreviousStatus}
	}
	return snapshot(m)
}

// Snapshot encodes any value the audit trail records beside entities and facts, such as
// the summary of a merge.
func Snapshot(v any) *string { return snapshot(v) }

func snapshot(v any) *string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only maps of strings, numbers and lists go in; a failure is a programming error.
		panic(fmt.Sprintf("kg: snapshot: %v", err))
	}
	s := string(b)
	return &s
}

// AsSnapshot returns e with its own fields (name, aliases, description, external ids,
// author, publisher, url, dates, version) as an audit trail snapshot of it gives them
// (EntitySnapshot's JSON, or a merge's {"keep": ...}): the entity as it was before a later
// change. Its kind, id, status history and everything else stay e's.
func (e *Entity) AsSnapshot(op Operation, snap string) (*Entity, error) {
	var s struct {
		Name, Description, Author, Publisher, URL, Date, Published string
		Aliases                                                    []string
		ExternalIDs                                                map[string]string `json:"externalIds"`
		Version                                                    int64
		Keep                                                       json.RawMessage
	}
	if err := json.Unmarshal([]byte(snap), &s); err != nil {
		return nil, fmt.Errorf("snapshot of %s: %w", e.ID, err)
	}
	if op == OpMergeEntities && s.Keep != nil {
		return e.AsSnapshot("", string(s.Keep))
	}
	out := *e
	out.Name, out.Description, out.Author, out.Publisher, out.URL = s.Name, s.Description, s.Author, s.Publisher, s.URL
	out.Aliases, out.Version, out.ExternalIDs = s.Aliases, s.Version, nil
	for system, id := range s.ExternalIDs {
		out.ExternalIDs = append(out.ExternalIDs, ExternalID{System: system, ID: id})
	}
	sort.Slice(out.ExternalIDs, func(i, j int) bool { return out.ExternalIDs[i].System < out.ExternalIDs[j].System })
	var err error
	if out.Date, err = ParseDatePtr(s.Date); err != nil {
		return nil, fmt.Errorf("snapshot of %s: date: %w", e.ID, err)
	}
	if out.Published, err = ParseDatePtr(s.Published); err != nil {
		return nil, fmt.Errorf("snapshot of %s: published: %w", e.ID, err)
	}
	return &out, nil
}
