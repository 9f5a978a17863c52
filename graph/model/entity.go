// Package model holds the GraphQL-side types that gqlgen cannot bind straight to the
// domain: one wrapper per entity kind (GraphQL needs a Go type per object type to resolve
// the Entity interface) and the Date scalar.
package model

import "github.com/diplograph/diplograph/kg"

// Entity is what the GraphQL Entity and Node interfaces hold: any kind's wrapper.
type Entity interface {
	Base() *kg.Entity
}

// EntityRef is embedded by every kind's wrapper; its fields and methods are promoted, so
// gqlgen binds id, name, aliases and the rest straight to the domain entity.
type EntityRef struct{ *kg.Entity }

// Base returns the domain entity.
func (r EntityRef) Base() *kg.Entity { return r.Entity }

type (
	Person       struct{ EntityRef }
	Country      struct{ EntityRef }
	Organization struct{ EntityRef }
	Body         struct{ EntityRef }
	Conflict     struct{ EntityRef }
	Territory    struct{ EntityRef }
	Proposal     struct{ EntityRef }
	Event        struct{ EntityRef }
	Track        struct{ EntityRef }
	Source       struct{ EntityRef }
)

// Wrap gives an entity the GraphQL type of its kind; nil stays nil.
func Wrap(e *kg.Entity) Entity {
	if e == nil {
		return nil
	}
	ref := EntityRef{e}
	switch e.Kind {
	case kg.KindPerson:
		return &Person{ref}
	case kg.KindCountry:
		return &Country{ref}
	case kg.KindOrganization:
		return &Organization{ref}
	case kg.KindBody:
		return &Body{ref}
	case kg.KindConflict:
		return &Conflict{ref}
	case kg.KindTerritory:
		return &Territory{ref}
	case kg.KindProposal:
		return &Proposal{ref}
	case kg.KindEvent:
		return &Event{ref}
	case kg.KindTrack:
		return &Track{ref}
	}
	return &Source{ref}
}

// WrapAll wraps a list.
func WrapAll(es []*kg.Entity) []Entity {
	out := make([]Entity, len(es))
	for i, e := range es {
		out[i] = Wrap(e)
	}
	return out
}
