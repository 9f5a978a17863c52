package cypher

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

// AssertRelation states a fact, or corroborates the same fact (same from, type, to and
// role) with more evidence, in one transaction. The rules are the importer's
// (kg.Relation.Validate). Returns BAD_USER_INPUT naming the field, CONFLICT when the fact
// was retracted.
func (s *Store) AssertRelation(ctx context.Context, by string, a kg.Assertion) (*kg.RelationResult, error) {
	rel, err := a.Relation()
	if err != nil {
		return nil, err
	}
	out, err := s.edit(ctx, "assertRelation", by, func(e *editTx) (any, error) {
		if _, err := e.lock(rel.From, rel.To); err != nil {
			return nil, err
		}
		return e.assert(kg.OpAssertRelation, rel)
	})
	if err != nil {
		return nil, err
	}
	return out.(*kg.RelationResult), nil
}

// assert writes one fact whose endpoints are locked: new, or folded into the stored one.
// The fact is validated as it will be stored, so the resolver covers the sources of the
// stored evidence too.
func (e *editTx) assert(op kg.Operation, rel *kg.Relation) (*kg.RelationResult, error) {
	if !rel.Type.Valid() {
		return nil, kg.FieldError("type", "%q is not a relation type; use one of %s", rel.Type, kg.RelationTypeNames())
	}
	stored, err := e.relation(rel.ID)
	if err != nil {
		return nil, err
	}
	if stored != nil && stored.Status == kg.StatusMerged {
		return nil, kg.Errorf(errcode.Conflict, "%s belongs to an entity that was merged away; state it of the kept entity.", rel.ID)
	}
	var before *kg.Relation
	next := *rel
	if stored == nil {
		if next.Status == "" {
			next.Status = kg.StatusAsserted
		}
		if next.Basis == "" {
			next.Basis = kg.BasisStated
		}
	} else {
		before = stored.Relation
		corroborated, err := rel.Corroborate(before)
		if err != nil {
			return nil, err
		}
		next = *corroborated
	}
	res, err := e.graphLookup(append([]string{next.From, next.To}, sourceIDs(&next)...), sourceIDs(&next))
	if err != nil {
		return nil, err
	}
	if err := next.Validate(res); err != nil {
		return nil, err
	}
	changed, err := e.putRelation(op, before, &next)
	if err != nil {
		return nil, err
	}
	view, err := e.relation(next.ID)
	if err != nil {
		return nil, err
	}
	return &kg.RelationResult{Relation: view, Created: stored == nil, Changed: changed}, nil
}

// RetractRelation marks a fact retracted by by, now, for reason, and keeps it: reads as of
// an earlier day still see it with its previous status. Returns NOT_FOUND for an unknown
// id, BAD_USER_INPUT for a missing reason, CONFLICT when it is already retracted.
func (s *Store) RetractRelation(ctx context.Context, by, id, reason string) (*kg.RelationView, error) {
	if err := kg.ValidateReason(reason); err != nil {
		return nil, err
	}
	notFound := kg.Errorf(errcode.NotFound, "No relation has id %q.", id)
	if _, ok := kg.TypeOfFactID(id); !ok {
		return nil, notFound
	}
	out, err := s.edit(ctx, "retractRelation", by, func(e *editTx) (any, error) {
		view, err := e.relation(id)
		if err != nil {
			return nil, err
		} else if view == nil {
			return nil, notFound
		}
		// The endpoints' locks serialise a retraction with assertions of the same fact; the
		// fact is read again once they are held.
		if _, err := e.lock(view.From, view.To); err != nil {
			return nil, err
		}
		if view, err = e.relation(id); err != nil {
			return nil, err
		} else if view == nil {
			return nil, notFound
		}
		if view.Status == kg.StatusMerged {
			return nil, kg.Errorf(errcode.Conflict, "%s moved to the kept entity when one of its ends was merged; retract the fact it became.", id)
		}
		if rt := view.Retraction; view.Status == kg.StatusRetracted && rt != nil {
			return nil, kg.Errorf(errcode.Conflict, "%s was already retracted by %s at %s.", id, rt.By, rt.At.Format("2006-01-02 15:04 MST"))
		}
		next := *view.Relation
		next.Status = kg.StatusRetracted
		next.Retraction = &kg.Retraction{By: e.by, At: e.now, Reason: strings.TrimSpace(reason), PreviousStatus: view.Status}
		if _, err := e.putRelation(kg.OpRetractRelation, view.Relation, &next); err != nil {
			return nil, err
		}
		return e.relation(id)
	})
	if err != nil {
		return nil, err
	}
	return out.(*kg.RelationView), nil
}

// RecordEvent writes an event and the facts that tie it in (participants, place, track),
// all citing the record's sources and quote, in one transaction. Returns BAD_USER_INPUT
// naming the field (participants[i].entity, place, track, ...), and CONFLICT or NOT_FOUND
// as UpsertEntity does for the event.
func (s *Store) RecordEvent(ctx context.Context, by string, in kg.EventRecord) (*kg.EventResult, error) {
	if err := kg.ValidateID("id", in.Event.ID, kg.KindEvent); err != nil {
		return nil, err
	}
	assertions, err := in.Assertions()
	if err != nil {
		return nil, err
	}
	rels := make([]*kg.Relation, len(assertions))
	var ids []string
	for i, a := range assertions {
		if rels[i], err = a.Relation(); err != nil {
			return nil, relabel(err, eventFields(in, i))
		}
		ids = append(ids, rels[i].From, rels[i].To)
	}
	out, err := s.edit(ctx, "recordEvent", by, func(e *editTx) (any, error) {
		ev, err := e.upsertEntity(kg.OpRecordEvent, in.Event)
		if err != nil {
			return nil, err
		}
		if _, err := e.lock(ids...); err != nil {
			return nil, err
		}
		result := &kg.EventResult{Event: ev.Entity, Created: ev.Created}
		for i, rel := range rels {
			r, err := e.assert(kg.OpRecordEvent, rel)
			if err != nil {
				return nil, relabel(err, eventFields(in, i))
			}
			result.Relations = append(result.Relations, r.Relation)
		}
		return result, nil
	})
	if err != nil {
		return nil, err
	}
	return out.(*kg.EventResult), nil
}

// eventFields maps the fields that Relation.Validate names onto the recordEvent input
// that the i-th fact came from: participants first, then place, then track.
func eventFields(in kg.EventRecord, i int) map[string]string {
	n := len(in.Participants)
	switch {
	case i < n:
		p := fmt.Sprintf("participants[%d]", i)
		return map[string]string{"from": p + ".entity", "role": p + ".role"}
	case i == n && in.Place != "":
		return map[string]string{"to": "place"}
	}
	return map[string]string{"to": "track"}
}

// relabel renames the field of a BAD_USER_INPUT error, so that the client is told which
// of its inputs was wrong rather than which end of a derived fact.
func relabel(err error, fields map[string]string) error {
	var ke *kg.Error
	if !errors.As(err, &ke) || ke.Code != errcode.BadUserInput {
		return err
	}
	to, ok := fields[ke.Field]
	if !ok {
		return err
	}
	return &kg.Error{Code: errcode.BadUserInput, Field: to, Message: to + strings.TrimPrefix(ke.Message, ke.Field)}
}

func sourceIDs(r *kg.Relation) []string {
	out := make([]string, len(r.Evidence))
	for i, ev := range r.Evidence {
		out[i] = ev.SourceID
	}
	return out
}
