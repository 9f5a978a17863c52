package cypher

import (
	"cmp"
	"fmt"

	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// decodeRelation reads a fact from the map every relation query returns:
// {props: r{.*}, type: type(r), from: a.id, to: b.id}.
func decodeRelation(v any) (*kg.Relation, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("decode relation: expected a map, got %T", v)
	}
	p, err := props(m["props"])
	if err != nil {
		return nil, err
	}
	r := &kg.Relation{
		ID:         str(p, "id"),
		From:       str(m, "from"),
		To:         str(m, "to"),
		Type:       kg.RelationType(str(m, "type")),
		Role:       str(p, "role"),
		Confidence: num(p, "confidence"),
		Status:     kg.Status(str(p, "status")),
		Basis:      basisOf(p),
		BasisNote:  str(p, "basisNote"),
		CreatedAt:  timestamp(p, "createdAt"),
		UpdatedAt:  timestamp(p, "updatedAt"),
	}
	since, _ := p["statusSince"].([]any)
	for i, st := range strs(p, "statusLog") {
		c := kg.StatusChange{Status: kg.Status(st)}
		if i < len(since) {
			c.At = timeOf(since[i])
		}
		r.StatusLog = append(r.StatusLog, c)
	}
	if r.ValidFrom, err = partialDate(p, "validFrom"); err != nil {
		return nil, err
	}
	if r.ValidTo, err = partialDate(p, "validTo"); err != nil {
		return nil, err
	}
	sources, quotes := strs(p, "sources"), strs(p, "quotes")
	for i, s := range sources {
		ev := kg.Evidence{SourceID: s}
		if i < len(quotes) {
			ev.Quote = quotes[i]
		}
		r.Evidence = append(r.Evidence, ev)
	}
	if by := str(p, "retractedBy"); by != "" || p["retractedAt"] != nil {
		r.Retraction = &kg.Retraction{
			By:             by,
			At:             timestamp(p, "retractedAt"),
			Reason:         str(p, "retractReason"),
			PreviousStatus: kg.Status(str(p, "previousStatus")),
		}
	}
	// A read known at an earlier instant (visible.status) sends the status the fact had
	// then; a retraction made after that instant had not happened yet.
	if st, ok := m["status"].(string); ok && kg.Status(st) != r.Status {
		r.Status = kg.Status(st)
		if r.Status != kg.StatusRetracted {
			r.Retraction = nil
		}
	}
	return r, nil
}

// relationProps is what a fact is stored with; sources and quotes are parallel lists
// because Neo4j properties cannot hold maps.
func relationProps(r *kg.Relation) map[string]any {
	sources := make([]string, len(r.Evidence))
	quotes := make([]string, len(r.Evidence))
	for i, ev := range r.Evidence {
		sources[i], quotes[i] = ev.SourceID, ev.Quote
	}
	p := map[string]any{
		"role":       nilIfEmpty(r.Role),
		"confidence": r.Confidence,
		"status":     string(r.Status),
		"basis":      string(cmp.Or(r.Basis, kg.BasisStated)),
		"basisNote":  nilIfEmpty(r.BasisNote),
		"sources":    sources,
		"quotes":     quotes,
	}
	putDate(p, "validFrom", r.ValidFrom)
	putDate(p, "validTo", r.ValidTo)
	p["retractedBy"], p["retractedAt"], p["retractReason"], p["previousStatus"] = nil, nil, nil, nil
	if rt := r.Retraction; rt != nil {
		p["retractedBy"], p["retractedAt"] = rt.By, rt.At.UTC()
		p["retractReason"], p["previousStatus"] = rt.Reason, string(rt.PreviousStatus)
	}
	return p
}

// decodeRelationView reads {rel: <relation map>, fromNode: node, toNode: node, sources: [node]}.
func decodeRelationView(v any) (kg.RelationView, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return kg.RelationView{}, fmt.Errorf("decode relation view: expected a map, got %T", v)
	}
	r, err := decodeRelation(m["rel"])
	if err != nil {
		return kg.RelationView{}, err
	}
	view := kg.RelationView{Relation: r, SourceEntities: map[string]*kg.Entity{}}
	if view.FromEntity, err = decodeEntity(m["fromNode"]); err != nil {
		return view, err
	}
	if view.ToEntity, err = decodeEntity(m["toNode"]); err != nil {
		return view, err
	}
	srcs, err := decodeEntities(m["sources"])
	if err != nil {
		return view, err
	}
	for _, s := range srcs {
		view.SourceEntities[s.ID] = s
	}
	return view, nil
}

// decodeRelationsOf reads one record of relationsOf.cypher: {entity: node, relations:
// [{rel: <relation map>, counterpart: node}], sources: [node]}. A fact's ends are the
// entity and its counterpart, in the order the fact runs.
func decodeRelationsOf(r *neo4j.Record) ([]kg.RelationView, error) {
	entity, _ := r.Get("entity")
	own, err := decodeEntity(entity)
	if err != nil {
		return nil, err
	}
	if own == nil {
		return nil, fmt.Errorf("decode relations of an entity: the record has no entity")
	}
	sources, _ := r.Get("sources")
	cited, err := decodeCited(sources)
	if err != nil {
		return nil, err
	}
	list, _, _ := neo4j.GetRecordValue[[]any](r, "relations")
	views := make([]kg.RelationView, 0, len(list))
	for _, v := range list {
		m, _ := v.(map[string]any)
		rel, err := decodeRelation(m["rel"])
		if err != nil {
			return nil, err
		}
		other, err := decodeEntity(m["counterpart"])
		if err != nil {
			return nil, err
		}
		view := kg.RelationView{Relation: rel, FromEntity: own, ToEntity: other, SourceEntities: cited}
		if rel.From != own.ID {
			view.FromEntity, view.ToEntity = other, own
		}
		views = append(views, view)
	}
	return views, nil
}

// decodeCited reads the source documents that a list of facts cite, read once for all of
// them, as the map that every one of the facts' views shares: a fact looks up only the
// sources it cites.
func decodeCited(v any) (map[string]*kg.Entity, error) {
	sources, err := decodeEntities(v)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*kg.Entity, len(sources))
	for _, s := range sources {
		byID[s.ID] = s
	}
	return byID, nil
}

// basisOf reads a fact's basis; migration 7 gives every fact one, and a fact read while it
// runs counts as stated, as every fact written before bases were recorded was.
func basisOf(p map[string]any) kg.Basis { return basisValue(p["basis"]) }

func basisValue(v any) kg.Basis {
	if b := kg.Basis(stringOf(v)); b != "" {
		return b
	}
	return kg.BasisStated
}
