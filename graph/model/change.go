package model

import "github.com/diplograph/diplograph/kg"

// Change is an audit entry as the schema shows it: the ids that the domain leaves empty
// when a change has none are null here.
type Change struct{ *kg.Change }

// ChangesOf wraps each entry of a list.
func ChangesOf(cs []*kg.Change) []*Change {
	out := make([]*Change, len(cs))
	for i, c := range cs {
		out[i] = &Change{c}
	}
	return out
}

func (c Change) CounterpartID() *string { return optional(c.Change.CounterpartID) }
func (c Change) RelationID() *string    { return optional(c.Change.RelationID) }

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
