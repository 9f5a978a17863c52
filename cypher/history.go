package cypher

import (
	"context"
	"regexp"

	"github.com/diplograph/diplograph/kg"
)

var _ kg.Auditor = (*Store)(nil)

// History lists the changes that involve id, newest first. It reads the audit trail by
// id alone, so the history of a merged id (or of one never used) reads like any other.
func (s *Store) History(ctx context.Context, id string, first int) ([]*kg.Change, error) {
	recs, err := s.read(ctx, "history", map[string]any{"id": id, "first": first})
	if err != nil {
		return nil, err
	}
	out := make([]*kg.Change, 0, len(recs))
	for _, r := range recs {
		v, _ := r.Get("change")
		c, err := decodeChange(v)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// changeIDPattern is the shape of ids made by changeID; a cursor is the last id of a page.
var changeIDPattern = regexp.MustCompile(`^[0-9a-f]{28}$`)

// Changes lists the whole audit trail, newest first. Returns BAD_USER_INPUT for a cursor
// that is not the endCursor of an earlier page.
func (s *Store) Changes(ctx context.Context, p kg.PageRequest) (*kg.Page[*kg.Change], error) {
	var after any
	if p.After != "" {
		if !changeIDPattern.MatchString(p.After) {
			return nil, kg.FieldError("after", "is not a cursor from this listing; pass the endCursor of the previous page")
		}
		after = p.After
	}
	recs, err := s.read(ctx, "changes", map[string]any{"after": after, "first": p.First})
	if err != nil {
		return nil, err
	}
	page := &kg.Page[*kg.Change]{HasPrevious: p.After != ""}
	if len(recs) > p.First {
		page.HasNext = true
		recs = recs[:p.First]
	}
	for _, r := range recs {
		v, _ := r.Get("change")
		c, err := decodeChange(v)
		if err != nil {
			return nil, err
		}
		page.Items = append(page.Items, c)
		page.Cursors = append(page.Cursors, c.ID)
	}
	return page, nil
}

func decodeChange(v any) (*kg.Change, error) {
	m, err := props(v)
	if err != nil {
		return nil, err
	}
	c := &kg.Change{
		ID:            str(m, "id"),
		At:            timestamp(m, "at"),
		By:            str(m, "by"),
		Operation:     kg.Operation(str(m, "operation")),
		EntityID:      str(m, "entityId"),
		CounterpartID: str(m, "counterpartId"),
		RelationID:    str(m, "relationId"),
	}
	if s, ok := m["before"].(string); ok {
		c.Before = &s
	}
	if s, ok := m["after"].(string); ok {
		c.After = &s
	}
	return c, nil
}
