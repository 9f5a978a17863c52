package cypher

import (
	"context"
	"encoding/json"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// MergeEntities folds duplicate into keep in one transaction: every fact of the duplicate
// is re-created on keep under the id of what it now says (or folded into the same fact
// keep already had), the duplicate's name and aliases become aliases of keep, facts that
// cite a duplicate source cite keep, and a (:Redirect) makes the old id (and the ids merged
// into it before) resolve to keep. Facts between the two would join keep to itself; they
// are dropped. The merge is on the record clock (docs/model.md): the duplicate and its facts
// are kept as they were, marked merged at the instant of the merge, and the copies on keep
// are recorded at that instant, so a read known before the merge sees the graph without it.
// Returns BAD_USER_INPUT for the same id or different kinds, NOT_FOUND for a missing entity,
// CONFLICT for one merged already or for external ids that disagree.
func (s *Store) MergeEntities(ctx context.Context, by, keep, duplicate string) (*kg.MergeResult, error) {
	if err := kg.ValidateID("keep", keep, ""); err != nil {
		return nil, err
	}
	if err := kg.ValidateID("duplicate", duplicate, ""); err != nil {
		return nil, err
	}
	if keep == duplicate {
		return nil, kg.FieldError("duplicate", "is the entity to keep; name two different entities")
	}
	out, err := s.edit(ctx, "mergeEntities", by, func(e *editTx) (any, error) {
		return e.merge(keep, duplicate)
	})
	if err != nil {
		return nil, err
	}
	return out.(*kg.MergeResult), nil
}

func (e *editTx) merge(keepID, dupID string) (*kg.MergeResult, error) {
	if _, err := e.lock(keepID, dupID); err != nil {
		return nil, err
	}
	keep, _, keepMerged, err := e.entity(keepID)
	if err != nil {
		return nil, err
	}
	dup, _, dupMerged, err := e.entity(dupID)
	if err != nil {
		return nil, err
	}
	switch {
	case keepMerged != "":
		return nil, kg.FieldError("keep", "%s was merged into %s; keep that one", keepID, keepMerged)
	case dupMerged != "":
		return nil, kg.Errorf(errcode.Conflict, "%s was already merged into %s.", dupID, dupMerged)
	case keep == nil:
		return nil, kg.Errorf(errcode.NotFound, "No entity has id %q.", keepID)
	case dup == nil:
		return nil, kg.Errorf(errcode.NotFound, "No entity has id %q.", dupID)
	}
	merged, err := kg.MergeEntity(keep, dup)
	if err != nil {
		return nil, err
	}
	result := &kg.MergeResult{}
	moved, err := e.moveRelations(dupID, keepID, result)
	if err != nil {
		return nil, err
	}
	if keep.Kind == kg.KindSource {
		if err := e.repointCitations(dupID, keepID); err != nil {
			return nil, err
		}
	}
	params := map[string]any{"keep": keepID, "dup": dupID, "now": e.now, "by": e.by}
	for _, text := range []string{query("mergeRedirect"), query("mergeText")} {
		if _, err := e.run(text, params); err != nil {
			return nil, err
		}
	}
	if err := e.hideDuplicate(dupID, keepID, moved); err != nil {
		return nil, err
	}
	// A merge always counts as a write of the kept entity, even when its properties come
	// out the same: its facts changed.
	written, err := e.writeEntity(merged)
	if err != nil {
		return nil, err
	}
	e.record(kg.OpMergeEntities, keepID, dupID, "",
		kg.Snapshot(map[string]any{"keep": rawJSON(kg.EntitySnapshot(keep)), "duplicate": rawJSON(kg.EntitySnapshot(dup))}),
		kg.Snapshot(map[string]any{"keep": rawJSON(kg.EntitySnapshot(written)), "relations": moved}))
	result.Entity = written
	return result, nil
}

// hideDuplicate marks the duplicate merged into keep now, and logs each of its facts merged,
// with the fact it became (moved: old id to new, "" when dropped).
func (e *editTx) hideDuplicate(dupID, keepID string, moved map[string]string) error {
	rows := make([]map[string]any, 0, len(moved))
	for id, to := range moved {
		rows = append(rows, map[string]any{"id": id, "props": map[string]any{
			"status": string(kg.StatusMerged), "movedTo": nilIfEmpty(to), "updatedAt": e.now}})
	}
	mark := map[string]any{"mergedAt": e.now, "mergedInto": keepID, "updatedAt": e.now}
	_, err := e.run(query("mergeHide"), map[string]any{"dup": dupID, "mark": mark, "moved": rows, "now": e.now})
	return err
}

// moveRelations re-creates the duplicate's facts on keep and returns, for the audit trail,
// each old fact id with what became of it (the new id, or "" when dropped). Each move is
// also recorded as a change of its own, so the other party's history shows it.
func (e *editTx) moveRelations(dupID, keepID string, result *kg.MergeResult) (map[string]string, error) {
	old, err := e.relationsOf(dupID, nil)
	if err != nil {
		return nil, err
	}
	var newIDs []string
	rehomed := make([]*kg.Relation, len(old))
	for i, r := range old {
		if rehomed[i], _ = r.Rehome(dupID, keepID); rehomed[i] != nil {
			newIDs = append(newIDs, rehomed[i].ID)
		}
	}
	existing := map[string]*kg.Relation{}
	if len(newIDs) > 0 {
		have, err := e.relationsOf(keepID, newIDs)
		if err != nil {
			return nil, err
		}
		for _, r := range have {
			existing[r.ID] = r
		}
	}
	moved := map[string]string{}
	var creates, updates []map[string]any
	for i, r := range old {
		next := rehomed[i]
		switch {
		case next == nil:
			result.Dropped++
			moved[r.ID] = ""
		case existing[next.ID] != nil:
			result.Merged++
			have := existing[next.ID]
			folded := *have
			folded.Evidence = kg.MergeEvidence(have.Evidence, next.Evidence)
			folded.Confidence = max(have.Confidence, next.Confidence)
			next = &folded
			updates = append(updates, map[string]any{"id": next.ID, "props": e.relationRow(next)})
		default:
			result.Moved++
			props := e.relationRow(next)
			// The copy is recorded at the merge: a read known before it finds the fact on
			// the duplicate, as it was, and not here. movedFrom names the original.
			props["id"], props["createdAt"], props["movedFrom"] = next.ID, e.now, r.ID
			props["statusLog"], props["statusSince"] = []string{string(next.Status)}, []time.Time{e.now}
			creates = append(creates, map[string]any{"type": string(next.Type), "from": next.From, "to": next.To, "props": props})
		}
		if next != nil {
			moved[r.ID] = next.ID
		}
		e.record(kg.OpMergeEntities, r.From, r.To, r.ID, kg.RelationSnapshot(r), kg.RelationSnapshot(next))
	}
	if len(creates) > 0 {
		if _, err := e.run(query("mergeCreateRelations"), map[string]any{"rows": creates, "now": e.now}); err != nil {
			return nil, err
		}
	}
	if len(updates) > 0 {
		if _, err := e.run(query("mergeUpdateRelations"), map[string]any{"rows": updates, "keep": keepID, "now": e.now}); err != nil {
			return nil, err
		}
	}
	return moved, nil
}

// relationRow is what a fact is written with by a merge: its properties, the importer's
// hash of them, and the time of the merge.
func (e *editTx) relationRow(r *kg.Relation) map[string]any {
	props := relationProps(r)
	props["contentHash"] = contentHash(relationProps(r))
	props["updatedAt"] = e.now
	return props
}

// relationsOf reads an entity's facts (only those with ids among only, when given).
func (e *editTx) relationsOf(id string, only []string) ([]*kg.Relation, error) {
	var ids any
	if only != nil {
		ids = only
	}
	recs, err := e.run(query("mergeRelationsOf"), map[string]any{"id": id, "ids": ids})
	if err != nil {
		return nil, err
	}
	out := make([]*kg.Relation, 0, len(recs))
	for _, rec := range recs {
		v, _ := rec.Get("rel")
		r, err := decodeRelation(v)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// repointCitations makes the facts that cite the duplicate source cite the kept one,
// each source and quote once.
func (e *editTx) repointCitations(dupID, keepID string) error {
	recs, err := e.run(query("mergeCitations"), map[string]any{"id": dupID})
	if err != nil {
		return err
	}
	var rows []map[string]any
	for _, rec := range recs {
		eid, _, _ := neo4j.GetRecordValue[string](rec, "eid")
		v, _ := rec.Get("rel")
		r, err := decodeRelation(v)
		if err != nil {
			return err
		}
		ev := make([]kg.Evidence, len(r.Evidence))
		for i, x := range r.Evidence {
			if x.SourceID == dupID {
				x.SourceID = keepID
			}
			ev[i] = x
		}
		before := kg.RelationSnapshot(r)
		r.Evidence = kg.MergeEvidence(nil, ev)
		p := relationProps(r)
		rows = append(rows, map[string]any{"eid": eid, "sources": p["sources"], "quotes": p["quotes"], "hash": contentHash(p)})
		e.record(kg.OpMergeEntities, r.From, r.To, r.ID, before, kg.RelationSnapshot(r))
	}
	if len(rows) == 0 {
		return nil
	}
	_, err = e.run(query("mergeSetEvidence"), map[string]any{"rows": rows, "now": e.now})
	return err
}

// rawJSON embeds an already encoded snapshot in a larger one.
func rawJSON(s *string) json.RawMessage {
	if s == nil {
		return json.RawMessage("null")
	}
	return json.RawMessage(*s)
}
