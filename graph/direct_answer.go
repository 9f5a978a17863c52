package graph

import (
	"context"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// The neighbourhood and the paths are the largest answers the service writes: a
// neighbourhood holds up to limit entities and every fact between them, and each fact
// names its two ends (the benchmark's: 89 entities and 88 facts, some 350 objects; a hub's,
// hundreds of facts). For each object gqlgen's executor collects the selected fields,
// allocates a field set and a marshaller per value and, for an object-valued field, a
// field context: most of what the GraphQL side cost over raw Cypher (docs/benchmarks-history.md).
// Yet the objects of these answers are in memory already and their common fields are
// plain: read from a struct, never failing, never null where the schema says non-null. So
// when a query selects only such fields, the answer is written here straight into JSON,
// each type's fields collected once per place in the answer instead of once per object.
// Any other selection (an entity's relations, a source's title, a fact's evidence) goes
// through gqlgen's executor as before. internal/gqlgen routes here the answers of the two
// root fields and every list of facts; direct_answer_test.go checks that both ways write
// the same bytes.

// directAnswers is false only in the tests that compare the two ways.
var directAnswers = true

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

func (ec *executionContext) directSubgraph(ctx context.Context, sel ast.SelectionSet, v *model.Subgraph) graphql.Marshaler {
	if directAnswers && v != nil && v.Subgraph != nil {
		d := &direct{op: ec.OperationContext}
		d.buf = make([]byte, 0, 64+96*len(v.Subgraph.Nodes)+128*len(v.Subgraph.Edges))
		if d.subgraph(sel, v.Subgraph) {
			return &d.directJSON
		}
	}
	return ec.marshalNSubgraph2ᚖgithubᚗcomᚋdiplographᚋdiplographᚋgraphᚋmodelᚐSubgraph(ctx, sel, v)
}

func (ec *executionContext) directPaths(ctx context.Context, sel ast.SelectionSet, v []*model.Path) graphql.Marshaler {
	if directAnswers {
		d := &direct{op: ec.OperationContext}
		if d.paths(sel, v) {
			return &d.directJSON
		}
	}
	return ec.marshalNPath2ᚕᚖgithubᚗcomᚋdiplographᚋdiplographᚋgraphᚋmodelᚐPathᚄ(ctx, sel, v)
}

// directRelations writes any list of facts (an entity's relations, a tie's, a mutation's)
// whose selection allows it; the neighbourhood's and the paths' are written with their
// answer.
func (ec *executionContext) directRelations(ctx context.Context, sel ast.SelectionSet, v []*model.Relation) graphql.Marshaler {
	if directAnswers {
		d := &direct{op: ec.OperationContext}
		d.buf = make([]byte, 0, 16+128*len(v))
		if rsel, ok := d.relationSelection(sel); ok && d.relationList(rsel, v) {
			return &d.directJSON
		}
	}
	return ec.marshalNRelation2ᚕᚖgithubᚗcomᚋdiplographᚋdiplographᚋgraphᚋmodelᚐRelationᚄ(ctx, sel, v)
}

// direct writes one answer. Each method reports false when the selection or the data asks
// for something it does not write; the caller then drops the buffer and lets gqlgen write
// the whole answer.
type direct struct {
	directJSON
	op *graphql.OperationContext
}

func (d *direct) subgraph(sel ast.SelectionSet, g *kg.Subgraph) bool {
	fields := graphql.CollectFields(d.op, sel, subgraphImplementors)
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

func (d *direct) paths(sel ast.SelectionSet, paths []*model.Path) bool {
	fields := graphql.CollectFields(d.op, sel, pathImplementors)
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

func (d *direct) relationSelection(sel ast.SelectionSet) (*relationSelection, bool) {
	fields := graphql.CollectFields(d.op, sel, relationImplementors)
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
			rsel.dates[i] = newTypeFields(graphql.CollectFields(d.op, f.Selections, partialDateImplementors), directDateFields)
			if rsel.dates[i] == nil {
				return nil, false
			}
		}
	}
	return rsel, true
}

func (d *direct) relations(rsel *relationSelection, rs []kg.RelationView) bool {
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
func (d *direct) relationList(rsel *relationSelection, rs []*model.Relation) bool {
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

func (d *direct) relation(rsel *relationSelection, r *kg.RelationView) bool {
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

func (d *direct) date(fields *typeFields, v *kg.PartialDate) {
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
				model.MarshalDate(*first).MarshalGQL(&d.directJSON)
			} else {
				d.null()
			}
		case fieldEnd:
			if last := v.LastDay(); last != nil {
				model.MarshalDate(*last).MarshalGQL(&d.directJSON)
			} else {
				d.null()
			}
		}
	}
	d.buf = append(d.buf, '}')
}
