package cypher

import (
	"context"
	"strings"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var _ kg.Editor = (*Store)(nil)

// UpsertEntity creates or updates an entity in one transaction, merging aliases and
// external ids. Returns BAD_USER_INPUT naming the field, CONFLICT for a stale
// expectedVersion or an id that was merged away, NOT_FOUND when a version is expected of
// an entity that does not exist.
func (s *Store) UpsertEntity(ctx context.Context, by string, p kg.EntityPatch) (*kg.EntityResult, error) {
	if err := kg.ValidateID("id", p.ID, ""); err != nil {
		return nil, err
	}
	out, err := s.edit(ctx, "upsertEntity", by, func(e *editTx) (any, error) {
		return e.upsertEntity(kg.OpUpsertEntity, p)
	})
	if err != nil {
		return nil, err
	}
	return out.(*kg.EntityResult), nil
}

// AddSource creates or updates a source document and stores its text, against which the
// quotes citing it are checked. A text, once stored, is fixed: another text is CONFLICT
// (add a new source instead), and a text given late must contain every quote that already
// cites the source (BAD_USER_INPUT otherwise).
func (s *Store) AddSource(ctx context.Context, by string, p kg.EntityPatch) (*kg.EntityResult, error) {
	if err := kg.ValidateID("id", p.ID, kg.KindSource); err != nil {
		return nil, err
	}
	out, err := s.edit(ctx, "addSource", by, func(e *editTx) (any, error) {
		return e.upsertEntity(kg.OpAddSource, p)
	})
	if err != nil {
		return nil, err
	}
	return out.(*kg.EntityResult), nil
}

// SetEventStatus adds a status to an event's history, checking its sources and quote as a
// fact's. Returns NOT_FOUND for an unknown event, BAD_USER_INPUT naming the field (id for
// an entity that is not an event), CONFLICT for an id that was merged away.
func (s *Store) SetEventStatus(ctx context.Context, by, id string, in kg.EventStatusAssertion) (*kg.EntityResult, error) {
	if err := kg.ValidateID("event", id, kg.KindEvent); err != nil {
		return nil, err
	}
	entry, err := in.Entry()
	if err != nil {
		return nil, err
	}
	out, err := s.edit(ctx, "setEventStatus", by, func(e *editTx) (any, error) {
		if _, err := e.lock(id); err != nil {
			return nil, err
		}
		stored, _, mergedInto, err := e.entity(id)
		switch {
		case err != nil:
			return nil, err
		case mergedInto != "":
			return nil, kg.Errorf(errcode.Conflict, "%s was merged into %s; set the status of %s instead.", id, mergedInto, mergedInto)
		case stored == nil:
			return nil, kg.Errorf(errcode.NotFound, "No event has id %q.", id)
		}
		if stored.Kind != kg.KindEvent {
			return nil, kg.FieldError("event", "%s is a %s; only an event has a status", id, stored.Kind)
		}
		res, err := e.graphLookup(in.Sources, in.Sources)
		if err != nil {
			return nil, err
		}
		if err := kg.ValidateEntry(entry, res); err != nil {
			return nil, err
		}
		// The entry is on the record clock: a read known before now does not see it.
		entry.RecordedAt = &e.now
		next := *stored
		next.Statuses = kg.WithStatus(stored.Statuses, entry)
		if err := next.ValidateStatuses(res); err != nil {
			return nil, err
		}
		written, changed, err := e.putEntity(kg.OpSetEventStatus, stored, &next)
		if err != nil {
			return nil, err
		}
		return &kg.EntityResult{Entity: written, Changed: changed}, nil
	})
	if err != nil {
		return nil, err
	}
	return out.(*kg.EntityResult), nil
}

// upsertEntity is the entity write shared by UpsertEntity, AddSource and RecordEvent.
func (e *editTx) upsertEntity(op kg.Operation, p kg.EntityPatch) (*kg.EntityResult, error) {
	if err := e.lockOrCreate(p.ID); err != nil {
		return nil, err
	}
	stored, text, mergedInto, err := e.entity(p.ID)
	if err != nil {
		return nil, err
	}
	if mergedInto != "" {
		return nil, kg.Errorf(errcode.Conflict, "%s was merged into %s; edit %s instead.", p.ID, mergedInto, mergedInto)
	}
	next, err := p.Apply(stored)
	if err != nil {
		return nil, err
	}
	newText := next.Kind == kg.KindSource && next.Text != "" && next.Text != text
	if newText {
		if text != "" {
			return nil, kg.Errorf(errcode.Conflict, "%s already has a text, and quotes were checked against it; add the other text as a new source.", p.ID)
		}
		if stored != nil {
			if err := e.checkQuotes(p.ID, next.Text); err != nil {
				return nil, err
			}
		}
	}
	written, changed, err := e.putEntity(op, stored, next)
	if err != nil {
		return nil, err
	}
	if newText {
		if _, err := e.run(query("editSourceText"), map[string]any{"id": p.ID, "text": next.Text}); err != nil {
			return nil, err
		}
		changed = true
	}
	return &kg.EntityResult{Entity: written, Created: stored == nil, Changed: changed}, nil
}

// checkQuotes verifies that every quote already citing source is a verbatim passage of the
// text about to be stored for it: the importer's rule, applied late.
func (e *editTx) checkQuotes(source, text string) error {
	recs, err := e.run(query("editSourceQuotes"), map[string]any{"id": source})
	if err != nil {
		return err
	}
	for _, r := range recs {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		m := map[string]any{}
		m["sources"], _ = r.Get("sources")
		m["quotes"], _ = r.Get("quotes")
		sources, quotes := strs(m, "sources"), strs(m, "quotes")
		for i, s := range sources {
			if s == source && i < len(quotes) && !strings.Contains(text, quotes[i]) {
				return kg.FieldError("text", "does not contain %q, which fact %s quotes from this source", clipQuote(quotes[i]), id)
			}
		}
	}
	return nil
}

func clipQuote(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
