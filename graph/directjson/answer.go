package directjson

import (
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// directField is a field that the direct answers write. An object's fields are looked up
// once per place in the answer, so that writing each object switches on a small integer
// rather than comparing the fields' names.
type directField uint8

const (
	fieldTypename directField = iota + 1
	fieldID
	fieldKind
	fieldName
	fieldAliases
	fieldDescription
	fieldVersion
	fieldType
	fieldFrom
	fieldTo
	fieldRole
	fieldValidFrom
	fieldValidTo
	fieldConfidence
	fieldStatus
	fieldQuote
	fieldSources
	fieldValue
	fieldPrecision
	fieldStart
	fieldEnd
	fieldBounded
	fieldBasis
)

// The fields written directly, per type. Each has no argument and no directive.
var (
	directEntityFields = directFields{"__typename": fieldTypename, "id": fieldID, "kind": fieldKind,
		"name": fieldName, "aliases": fieldAliases, "description": fieldDescription, "version": fieldVersion}
	directRelationFields = directFields{"__typename": fieldTypename, "id": fieldID, "type": fieldType,
		"from": fieldFrom, "to": fieldTo, "role": fieldRole, "validFrom": fieldValidFrom, "validTo": fieldValidTo,
		"confidence": fieldConfidence, "status": fieldStatus, "basis": fieldBasis, "quote": fieldQuote, "sources": fieldSources}
	directDateFields = directFields{"__typename": fieldTypename, "value": fieldValue, "precision": fieldPrecision,
		"start": fieldStart, "end": fieldEnd, "bounded": fieldBounded}
)

// directFields maps the names of one type's fields that are written directly to their codes.
type directFields map[string]directField

// writer writes one answer. Each method reports false when the selection or the data asks
// for something it does not write; the caller then drops the buffer and lets gqlgen write
// the whole answer.
type writer struct {
	buffer
	op *graphql.OperationContext
}

func (d *writer) subgraph(sel ast.SelectionSet, g *kg.Subgraph) bool {
	fields := graphql.CollectFields(d.op, sel, implementors["Subgraph"])
	d.buf = append(d.buf, '{')
	for i, f := range fields {
		d.key(i, f.Alias)
		switch f.Name {
		case "__typename":
			d.raw(`"Subgraph"`)
		case "truncated":
			d.bool(g.Truncated)
		case "nodes":
			if !d.entities(newEntitySelection(f.Selections, false), g.Nodes) {
				return false
			}
		case "edges":
			rsel, ok := d.relationSelection(f.Selections)
			if !ok || !d.relations(rsel, g.Edges) {
				return false
			}
		default:
			return false
		}
	}
	d.buf = append(d.buf, '}')
	return true
}

func (d *writer) paths(sel ast.SelectionSet, paths []*model.Path) bool {
	fields := graphql.CollectFields(d.op, sel, implementors["Path"])
	nodes := make([]*entitySelection, len(fields))
	hops := make([]*relationSelection, len(fields))
	for i, f := range fields {
		switch f.Name {
		case "__typename", "length":
		case "nodes":
			nodes[i] = newEntitySelection(f.Selections, false)
		case "hops":
			rsel, ok := d.relationSelection(f.Selections)
			if !ok {
				return false
			}
			hops[i] = rsel
		default:
			return false
		}
	}
	d.buf = append(d.buf, '[')
	for k, p := range paths {
		if p == nil || p.Path == nil {
			return false
		}
		if k > 0 {
			d.buf = append(d.buf, ',')
		}
		d.buf = append(d.buf, '{')
		for i, f := range fields {
			d.key(i, f.Alias)
			switch f.Name {
			case "__typename":
				d.raw(`"Path"`)
			case "length":
				d.int(int64(p.Length()))
			case "nodes":
				if !d.entities(nodes[i], p.Path.Nodes) {
					return false
				}
			case "hops":
				if !d.relations(hops[i], p.Path.Hops) {
					return false
				}
			}
		}
		d.buf = append(d.buf, '}')
	}
	d.buf = append(d.buf, ']')
	return true
}

// relationSelection is what a query selects on the facts at one place of the answer.
type relationSelection struct {
	*typeFields
	// By the index of a field in fields: what from, to and sources select on their
	// entities, and the fields validFrom and validTo select on their dates.
	entities []*entitySelection
	dates    []*typeFields
}

func (d *writer) relationSelection(sel ast.SelectionSet) (*relationSelection, bool) {
	fields := graphql.CollectFields(d.op, sel, implementors["Relation"])
	s := newTypeFields(fields, directRelationFields)
	if s == nil {
		return nil, false
	}
	rsel := &relationSelection{typeFields: s, entities: make([]*entitySelection, len(fields)),
		dates: make([]*typeFields, len(fields))}
	for i, f := range fields {
		switch s.codes[i] {
		case fieldFrom, fieldTo:
			rsel.entities[i] = newEntitySelection(f.Selections, false)
		case fieldSources:
			rsel.entities[i] = newEntitySelection(f.Selections, true)
		case fieldValidFrom, fieldValidTo:
			rsel.dates[i] = newTypeFields(graphql.CollectFields(d.op, f.Selections, implementors["PartialDate"]), directDateFields)
			if rsel.dates[i] == nil {
				return nil, false
			}
		}
	}
	return rsel, true
}

func (d *writer) relations(rsel *relationSelection, rs []kg.RelationView) bool {
	d.buf = append(d.buf, '[')
	for k := range rs {
		if k > 0 {
			d.buf = append(d.buf, ',')
		}
		if !d.relation(rsel, &rs[k]) {
			return false
		}
	}
	d.buf = append(d.buf, ']')
	return true
}

// relationList is relations for a list of pointers; a nil one (which the schema never
// allows here) is left to gqlgen.
func (d *writer) relationList(rsel *relationSelection, rs []*model.Relation) bool {
	d.buf = append(d.buf, '[')
	for k, r := range rs {
		if k > 0 {
			d.buf = append(d.buf, ',')
		}
		if r == nil || r.Relation == nil || !d.relation(rsel, (*kg.RelationView)(r)) {
			return false
		}
	}
	d.buf = append(d.buf, ']')
	return true
}

func (d *writer) relation(rsel *relationSelection, r *kg.RelationView) bool {
	d.buf = append(d.buf, '{')
	for i, code := range rsel.codes {
		d.raw(rsel.keys[i])
		switch code {
		case fieldTypename:
			d.raw(`"Relation"`)
		case fieldID:
			d.str(r.ID)
		case fieldType:
			d.raw(relationTypeJSON.of(r.Type))
		case fieldFrom:
			if !d.entity(rsel.entities[i], r.FromEntity) {
				return false
			}
		case fieldTo:
			if !d.entity(rsel.entities[i], r.ToEntity) {
				return false
			}
		case fieldRole:
			d.str(r.Role)
		case fieldValidFrom:
			d.date(rsel.dates[i], r.ValidFrom)
		case fieldValidTo:
			d.date(rsel.dates[i], r.ValidTo)
		case fieldConfidence:
			if !d.float(r.Confidence) {
				return false
			}
		case fieldStatus:
			d.raw(statusJSON.of(r.Status))
		case fieldBasis:
			d.raw(basisJSON.of(r.Basis))
		case fieldQuote:
			d.str((*model.Relation)(r).Quote())
		case fieldSources:
			if !d.entities(rsel.entities[i], (*model.Relation)(r).CitedSources()) {
				return false
			}
		}
	}
	d.buf = append(d.buf, '}')
	return true
}

func (d *writer) date(fields *typeFields, v *kg.PartialDate) {
	if v == nil {
		d.null()
		return
	}
	d.buf = append(d.buf, '{')
	for i, code := range fields.codes {
		d.raw(fields.keys[i])
		switch code {
		case fieldTypename:
			d.raw(`"PartialDate"`)
		case fieldValue:
			d.str(v.String())
		case fieldPrecision:
			d.raw(precisionJSON.of(v.Precision))
		case fieldBounded:
			d.raw(strconv.FormatBool(v.Bounded))
		case fieldStart:
			if first := v.FirstDay(); first != nil {
				model.MarshalDate(*first).MarshalGQL(&d.buffer)
			} else {
				d.null()
			}
		case fieldEnd:
			if last := v.LastDay(); last != nil {
				model.MarshalDate(*last).MarshalGQL(&d.buffer)
			} else {
				d.null()
			}
		}
	}
	d.buf = append(d.buf, '}')
}
