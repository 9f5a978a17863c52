package cypher

import (
	"context"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// An import that rewrites what the graph held leaves the same audit entries as an edit, with
// the values before and after, so that history(id) shows when a file overwrote an editor's
// change. What an import creates is recorded once, on the file's ImportedFile node: an entry
// per row would double the cost of a bulk load.

// importAudit finds the data set's records by id.
type importAudit struct {
	entities  map[string]*kg.Entity
	relations map[string]*kg.Relation
}

func (w *importWriter) auditIndex() *importAudit {
	if w.audit == nil {
		a := &importAudit{entities: map[string]*kg.Entity{}, relations: map[string]*kg.Relation{}}
		for i := range w.data.Entities {
			a.entities[w.data.Entities[i].ID] = &w.data.Entities[i]
		}
		for i := range w.data.Relations {
			a.relations[w.data.Relations[i].ID] = &w.data.Relations[i]
		}
		w.audit = a
	}
	return w.audit
}

// auditEntities records the rewrite of changed entity rows, reading what is stored first.
func (w *importWriter) auditEntities(ctx context.Context, rows []map[string]any) error {
	recs, err := w.collect(ctx, query("importEntitiesBefore"), map[string]any{"ids": rowIDs(rows)})
	if err != nil {
		return err
	}
	index := w.auditIndex()
	for _, rec := range recs {
		v, _ := rec.Get("entity")
		before, err := decodeEntity(v)
		if err != nil {
			return err
		}
		after := *index.entities[before.ID]
		after.Version = before.Version + 1
		w.record(before.ID, "", "", kg.EntitySnapshot(before), kg.EntitySnapshot(&after))
	}
	return nil
}

// auditFacts records the rewrite of changed fact rows of one type.
func (w *importWriter) auditFacts(ctx context.Context, typ kg.RelationType, rows []map[string]any) error {
	text := strings.ReplaceAll(query("importRelationsBefore"), "/*TYPE*/", string(typ))
	recs, err := w.collect(ctx, text, map[string]any{"ids": rowIDs(rows)})
	if err != nil {
		return err
	}
	index := w.auditIndex()
	for _, rec := range recs {
		v, _ := rec.Get("relation")
		before, err := decodeRelation(v)
		if err != nil {
			return err
		}
		w.record(before.From, before.To, before.ID, kg.RelationSnapshot(before), kg.RelationSnapshot(index.relations[before.ID]))
	}
	return nil
}

// record appends an audit entry; the author is the file.
func (w *importWriter) record(entityID, counterpartID, relationID string, before, after *string) {
	w.changes = append(w.changes, changeEntry(w.now, len(w.changes), "import:"+w.data.Origin, kg.OpImport,
		entityID, counterpartID, relationID, before, after))
}

// writeAudit writes the entries in batches, inside the import's transaction.
func (w *importWriter) writeAudit(ctx context.Context) error {
	for start := 0; start < len(w.changes); start += importBatchSize {
		batch := w.changes[start:min(start+importBatchSize, len(w.changes))]
		if _, err := w.collect(ctx, query("editChanges"), map[string]any{"changes": batch}); err != nil {
			return err
		}
	}
	return nil
}

func rowIDs(rows []map[string]any) []string {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r["id"].(string)
	}
	return ids
}
