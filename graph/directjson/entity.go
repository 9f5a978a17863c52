package directjson

import (
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/kg"
)

// entitySelection is what a query selects on the entities at one place of a direct answer.
// Fragments on the concrete types (... on Person) can make it differ from one type to the
// next, so the fields are collected per type, the first time an entity of it comes by.
type entitySelection struct {
	sel ast.SelectionSet
	// asSource: the place is typed Source (a fact's sources), whatever the entity's kind.
	asSource bool
	// sameForAll: the selection is fields alone, without fragments or directives, so
	// every type collects the same fields: shared, once the first entity is written.
	sameForAll bool
	shared     *typeFields
	byType     map[string]*typeFields
}

// typeFields is the fields one object type collects at one place, each with the text that
// opens its member and its code.
type typeFields struct {
	keys  []string
	codes []directField
}

// newTypeFields returns nil when one of the fields is not written directly.
func newTypeFields(fields []graphql.CollectedField, direct directFields) *typeFields {
	s := &typeFields{keys: make([]string, len(fields)), codes: make([]directField, len(fields))}
	for i, f := range fields {
		if s.codes[i] = direct[f.Name]; s.codes[i] == 0 {
			return nil
		}
		var j buffer
		j.key(i, f.Alias)
		s.keys[i] = string(j.buf)
	}
	return s
}

func newEntitySelection(sel ast.SelectionSet, asSource bool) *entitySelection {
	sameForAll := true
	for _, s := range sel {
		if f, ok := s.(*ast.Field); !ok || len(f.Directives) > 0 {
			sameForAll = false
		}
	}
	return &entitySelection{sel: sel, asSource: asSource, sameForAll: sameForAll}
}

// forType returns the fields selected on an entity of type t, or nil when one of them is not
// written directly.
func (esel *entitySelection) forType(op *graphql.OperationContext, t *entityType) *typeFields {
	if esel.shared != nil {
		return esel.shared
	}
	if s, ok := esel.byType[t.name]; ok {
		return s
	}
	s := newTypeFields(graphql.CollectFields(op, esel.sel, t.implementors), directEntityFields)
	if esel.sameForAll {
		esel.shared = s
	}
	if esel.byType == nil {
		esel.byType = make(map[string]*typeFields, 4)
	}
	esel.byType[t.name] = s
	return s
}

// entityType is what is written of every entity of one kind, worked out once.
type entityType struct {
	name         string   // the GraphQL type
	implementors []string // name, then the interfaces it implements
	typeName     string   // __typename, as JSON
	kind         string   // the kind, as kg.Kind's MarshalGQL writes it
}

// entityTypes holds each kind's type, by whether the place it is written at is typed
// Source (a fact's sources) or not. It is keyed by the kind alone, a string, for the
// runtime's fast path for string keys: a lookup is made for every entity written.
var entityTypes = func() map[kg.Kind]*[2]*entityType {
	types := make(map[kg.Kind]*[2]*entityType, len(kg.Kinds))
	for _, k := range kg.Kinds {
		types[k] = &[2]*entityType{newEntityType(k, false), newEntityType(k, true)}
	}
	return types
}()

func newEntityType(k kg.Kind, asSource bool) *entityType {
	name := "Source"
	if !asSource {
		name = entityTypeName(k)
	}
	// A type name is a GraphQL name, which needs no escaping.
	return &entityType{name: name, implementors: implementors[name], typeName: `"` + name + `"`, kind: enumText(k)}
}

// entityTypeOf looks up the kind's type; a kind off the list is worked out each time.
func entityTypeOf(k kg.Kind, asSource bool) *entityType {
	if t, ok := entityTypes[k]; ok {
		if asSource {
			return t[1]
		}
		return t[0]
	}
	return newEntityType(k, asSource)
}

func (d *writer) entities(esel *entitySelection, es []*kg.Entity) bool {
	d.buf = append(d.buf, '[')
	for i, e := range es {
		if i > 0 {
			d.buf = append(d.buf, ',')
		}
		if !d.entity(esel, e) {
			return false
		}
	}
	d.buf = append(d.buf, ']')
	return true
}

// entity writes e, or reports false when it is nil (which the schema never allows here)
// or its type's selection asks for a field not written directly.
func (d *writer) entity(esel *entitySelection, e *kg.Entity) bool {
	if e == nil {
		return false
	}
	t := entityTypeOf(e.Kind, esel.asSource)
	fields := esel.forType(d.op, t)
	if fields == nil {
		return false
	}
	d.buf = append(d.buf, '{')
	for i, code := range fields.codes {
		d.raw(fields.keys[i])
		switch code {
		case fieldTypename:
			d.raw(t.typeName)
		case fieldID:
			d.str(e.ID)
		case fieldKind:
			d.raw(t.kind)
		case fieldName:
			d.str(e.Name)
		case fieldAliases:
			d.strs(e.Aliases)
		case fieldDescription:
			d.str(e.Description)
		case fieldVersion:
			d.int(e.Version)
		}
	}
	d.buf = append(d.buf, '}')
	return true
}

// entityTypeName names the GraphQL type of an entity of kind k as model.Wrap decides it: a
// kind it does not know is a Source. TestEntityTypeName_MatchesWrap holds the two together.
func entityTypeName(k kg.Kind) string {
	switch k {
	case kg.KindPerson:
		return "Person"
	case kg.KindCountry:
		return "Country"
	case kg.KindOrganization:
		return "Organization"
	case kg.KindBody:
		return "Body"
	case kg.KindConflict:
		return "Conflict"
	case kg.KindTerritory:
		return "Territory"
	case kg.KindProposal:
		return "Proposal"
	case kg.KindEvent:
		return "Event"
	case kg.KindTrack:
		return "Track"
	}
	return "Source"
}
