package graph

import (
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/kg"
)

// entitySelection is what a query selects on the entities at one place of a direct answer.
// Fragments on the concrete types (... on Person) can make it differ from one kind to the
// next, so the fields are collected per kind, the first time an entity of it comes by.
type entitySelection struct {
	sel ast.SelectionSet
	// asSource: the place is typed Source (a fact's sources), whatever the entity's kind.
	asSource bool
	// sameForAll: the selection is fields alone, without fragments or directives, so
	// every kind collects the same fields; they are collected once.
	sameForAll bool
	collected  []graphql.CollectedField
	byKind     map[kg.Kind]*entityFields
}

// entityFields is what is written for the entities of one kind at one place.
type entityFields struct {
	fields   []graphql.CollectedField
	direct   bool   // every field is one of directEntityFields
	typeName string // __typename, quoted
	kind     string // as kg.Kind's MarshalGQL writes it
}

func newEntitySelection(sel ast.SelectionSet, asSource bool) *entitySelection {
	sameForAll := true
	for _, s := range sel {
		if f, ok := s.(*ast.Field); !ok || len(f.Directives) > 0 {
			sameForAll = false
		}
	}
	return &entitySelection{sel: sel, asSource: asSource, sameForAll: sameForAll, byKind: make(map[kg.Kind]*entityFields, 4)}
}

func (at *entitySelection) of(op *graphql.OperationContext, k kg.Kind) *entityFields {
	if of := at.byKind[k]; of != nil {
		return of
	}
	implementors := sourceImplementors
	if !at.asSource {
		implementors = entityImplementors(k)
	}
	if at.collected == nil || !at.sameForAll {
		at.collected = graphql.CollectFields(op, at.sel, implementors)
	}
	of := &entityFields{fields: at.collected, direct: all(at.collected, directEntityFields)}
	// A type name is a GraphQL name, which needs no escaping.
	of.typeName = `"` + implementors[0] + `"`
	of.kind = kindJSON.of(k)
	at.byKind[k] = of
	return of
}

func (d *direct) entities(at *entitySelection, es []*kg.Entity) bool {
	d.buf = append(d.buf, '[')
	for i, e := range es {
		if i > 0 {
			d.buf = append(d.buf, ',')
		}
		if !d.entity(at, e) {
			return false
		}
	}
	d.buf = append(d.buf, ']')
	return true
}

// entity writes e, or reports false when it is nil (which the schema never allows here)
// or its type's selection asks for a field not written directly.
func (d *direct) entity(at *entitySelection, e *kg.Entity) bool {
	if e == nil {
		return false
	}
	of := at.of(d.op, e.Kind)
	if !of.direct {
		return false
	}
	d.buf = append(d.buf, '{')
	for i, f := range of.fields {
		d.key(i, f.Alias)
		switch f.Name {
		case "__typename":
			d.raw(of.typeName)
		case "id":
			d.str(e.ID)
		case "kind":
			d.raw(of.kind)
		case "name":
			d.str(e.Name)
		case "aliases":
			d.strs(e.Aliases)
		case "description":
			d.str(e.Description)
		case "version":
			d.int(e.Version)
		}
	}
	d.buf = append(d.buf, '}')
	return true
}

// entityImplementors names the GraphQL type of an entity of kind k, and the interfaces it
// implements, as model.Wrap decides it: a kind it does not know is a Source.
func entityImplementors(k kg.Kind) []string {
	switch k {
	case kg.KindPerson:
		return personImplementors
	case kg.KindCountry:
		return countryImplementors
	case kg.KindOrganization:
		return organizationImplementors
	case kg.KindBody:
		return bodyImplementors
	case kg.KindConflict:
		return conflictImplementors
	case kg.KindTerritory:
		return territoryImplementors
	case kg.KindProposal:
		return proposalImplementors
	case kg.KindEvent:
		return eventImplementors
	case kg.KindTrack:
		return trackImplementors
	}
	return sourceImplementors
}
