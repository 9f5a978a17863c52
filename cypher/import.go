package cypher

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// importBatchSize rows go to Neo4j per UNWIND: large enough to amortise the round trip,
// small enough to keep each statement's memory modest (docs/benchmarks.md).
const importBatchSize = 5000

// importTimeout bounds a whole import transaction; a bulk file is one transaction.
const importTimeout = 30 * time.Minute

// Import writes a validated data set in one transaction, so that a file lands whole or not
// at all. Entities go first (relations need their endpoints), then source texts, then facts,
// one statement per kind and per relation type, because labels and types cannot be
// parameters.
//
// Each batch first reads the content hashes stored for its ids (skipped when the graph holds
// no entity at all), then creates the new rows (entities with MERGE ... ON CREATE, facts as
// writeFacts explains) and rewrites the changed ones; unchanged rows cost one index lookup
// and write nothing, so importing a file twice changes nothing, not even updatedAt. Batches
// are built on another goroutine while Neo4j works on the previous one. When the data set
// has a digest, it is recorded in the same transaction (Imported).
func (s *Store) Import(ctx context.Context, d *kg.Dataset, progress func(done, total int)) (*kg.ImportResult, error) {
	out, err := s.write(ctx, "import", importTimeout, func(tx neo4j.ManagedTransaction) (any, error) {
		// Built afresh on every attempt: the driver retries the whole function on transient
		// errors such as a deadlock between two imports.
		w := &importWriter{tx: tx, now: time.Now().UTC(), progress: progress, data: d,
			ownNew: map[string]bool{}, locked: map[string]bool{},
			total: len(d.Entities) + len(d.Relations),
			res:   &kg.ImportResult{Entities: len(d.Entities), Relations: len(d.Relations)}}
		if err := w.importAll(ctx, d); err != nil {
			return nil, err
		}
		if err := w.writeAudit(ctx); err != nil {
			return nil, err
		}
		if d.Digest != "" {
			if _, err := w.collect(ctx, query("importRecord"), map[string]any{"digest": d.Digest, "origin": d.Origin,
				"now": w.now, "entities": len(d.Entities), "relations": len(d.Relations)}); err != nil {
				return nil, err
			}
		}
		return w.res, nil
	})
	if err != nil {
		return nil, err
	}
	return out.(*kg.ImportResult), nil
}

// Imported reports whether Import recorded a data set with this digest.
func (s *Store) Imported(ctx context.Context, digest string) (bool, error) {
	recs, err := s.read(ctx, "imported", map[string]any{"digest": digest})
	if err != nil {
		return false, err
	}
	seen, _, err := neo4j.GetRecordValue[bool](recs[0], "imported")
	return seen, err
}

// importBatch is up to importBatchSize rows of one kind, of one relation type, or of
// source texts.
type importBatch struct {
	kind  kg.Kind
	typ   kg.RelationType
	texts bool
	rows  []map[string]any
}

// importWriter sends batches inside one transaction and tallies the result.
type importWriter struct {
	tx    neo4j.ManagedTransaction
	data  *kg.Dataset
	res   *kg.ImportResult
	now   time.Time
	fresh bool // the graph held no entity when the transaction began
	// ownNew holds the ids of entities this transaction created, locked holds those it
	// changed or locked: it keeps their locks until it ends.
	ownNew map[string]bool
	locked map[string]bool
	// audit indexes the data set by id, built when the first changed row needs its
	// snapshot; changes are the audit entries, written before the commit.
	audit    *importAudit
	changes  []map[string]any
	done     int
	total    int
	progress func(done, total int)
}

// importAll writes every batch; it returns ctx's error if ctx ends early, so that a
// cancelled import never commits half a file.
func (w *importWriter) importAll(ctx context.Context, d *kg.Dataset) error {
	recs, err := w.collect(ctx, query("importEntityCount"), nil)
	if err != nil {
		return err
	}
	n, _, _ := neo4j.GetRecordValue[int64](recs[0], "n")
	w.fresh = n == 0

	ctx, cancel := context.WithCancel(ctx)
	batches := make(chan importBatch, 2)
	go buildBatches(ctx, d, batches)
	defer func() {
		cancel()
		for range batches { // let the builder finish
		}
	}()
	for b := range batches {
		var err error
		switch {
		case b.texts:
			_, err = w.collect(ctx, query("importSourceTexts"), map[string]any{"rows": b.rows})
		case b.kind != "":
			err = w.writeEntities(ctx, b.kind, b.rows)
		default:
			err = w.writeFacts(ctx, b.typ, b.rows)
		}
		if err != nil {
			return err
		}
		if !b.texts {
			w.done += len(b.rows)
			if w.progress != nil {
				w.progress(w.done, w.total)
			}
		}
	}
	return ctx.Err()
}

// statementsFor puts label (an allow-listed kind or type) in place of placeholder.
func statementsFor(placeholder, label string, texts ...string) []string {
	out := make([]string, len(texts))
	for i, text := range texts {
		out[i] = strings.ReplaceAll(text, placeholder, label)
	}
	return out
}

// writeEntities writes a batch of entities of one kind: the new ones, then the changed.
func (w *importWriter) writeEntities(ctx context.Context, kind kg.Kind, rows []map[string]any) error {
	q := statementsFor("/*KIND*/", string(kind), query("importEntityHashes"), query("importEntities"), query("importEntitiesChanged"))
	created, changed, err := w.split(ctx, q[0], rows)
	if err != nil {
		return err
	}
	if len(created) > 0 {
		summary, err := w.run(ctx, q[1], created)
		if err != nil {
			return err
		}
		n := summary.Counters().NodesCreated()
		w.res.Created += n
		// MERGE leaves alone an entity that another writer created first, and takes no lock
		// on it; only when every row created its node does this transaction own them all.
		if n == len(created) {
			for _, r := range created {
				w.ownNew[r["id"].(string)] = true
			}
		}
	}
	if len(changed) > 0 {
		if err := w.auditEntities(ctx, changed); err != nil {
			return err
		}
		if _, err := w.run(ctx, q[2], changed); err != nil {
			return err
		}
		w.res.Updated += len(changed)
		for _, r := range changed {
			w.locked[r["id"].(string)] = true
		}
	}
	return nil
}

// writeFacts writes a batch of facts of one type. A new fact with an endpoint that this
// transaction created cannot exist yet (its id names its endpoints, and no other
// transaction can see the node), so it is simply created. Any other new fact is created only
// after this transaction holds the locks of both endpoints and has looked its id up again,
// so that two writers cannot both create it. Each endpoint is locked once per import.
func (w *importWriter) writeFacts(ctx context.Context, typ kg.RelationType, rows []map[string]any) error {
	q := statementsFor("/*TYPE*/", string(typ), query("importRelationHashes"), query("importRelationsNew"),
		query("importRelations"), query("importRelationsChanged"))
	created, changed, err := w.split(ctx, q[0], rows)
	if err != nil {
		return err
	}
	var fresh, checked []map[string]any
	var lock []string
	for _, r := range created {
		from, to := r["from"].(string), r["to"].(string)
		if w.ownNew[from] || w.ownNew[to] {
			fresh = append(fresh, r)
			continue
		}
		checked = append(checked, r)
		for _, id := range []string{from, to} {
			if !w.locked[id] {
				w.locked[id] = true
				lock = append(lock, id)
			}
		}
	}
	if len(lock) > 0 {
		slices.Sort(lock) // one order for every writer, against deadlocks
		if _, err := w.collect(ctx, query("importLock"), map[string]any{"ids": lock}); err != nil {
			return err
		}
	}
	for i, batch := range [][]map[string]any{fresh, checked} {
		if len(batch) == 0 {
			continue
		}
		summary, err := w.run(ctx, q[1+i], batch)
		if err != nil {
			return err
		}
		w.res.Created += summary.Counters().RelationshipsCreated()
	}
	if len(changed) > 0 {
		if err := w.auditFacts(ctx, typ, changed); err != nil {
			return err
		}
		if _, err := w.run(ctx, q[3], changed); err != nil {
			return err
		}
		w.res.Updated += len(changed)
	}
	return nil
}

// split sorts rows by the hashes stored for their ids into new and changed rows; unchanged
// rows are dropped. Ids are unique within a data set (the importer validates that), so no
// row of a batch can depend on another.
func (w *importWriter) split(ctx context.Context, hashes string, rows []map[string]any) (created, changed []map[string]any, err error) {
	stored := map[string]any{}
	if !w.fresh {
		recs, err := w.collect(ctx, hashes, map[string]any{"ids": rowIDs(rows)})
		if err != nil {
			return nil, nil, err
		}
		for _, rec := range recs {
			id, _, _ := neo4j.GetRecordValue[string](rec, "id")
			// An entity merged away stays in the graph for reads known before the merge;
			// writing over it would bring it back.
			if into, isNil, err := neo4j.GetRecordValue[string](rec, "mergedInto"); err == nil && !isNil {
				return nil, nil, kg.Errorf(errcode.Conflict, "%s was merged into %s; import it as %s.", id, into, into)
			}
			stored[id], _ = rec.Get("hash")
		}
	}
	for _, r := range rows {
		h, found := stored[r["id"].(string)]
		switch {
		case !found:
			// A new row needs no nulls: they only remove stored values. Fewer properties to
			// decode and set made the statement about a quarter cheaper.
			props := r["props"].(map[string]any)
			for k, v := range props {
				if v == nil {
					delete(props, k)
				}
			}
			created = append(created, r)
		case h != r["hash"]:
			changed = append(changed, r)
		}
	}
	return created, changed, nil
}

func (w *importWriter) run(ctx context.Context, text string, rows []map[string]any) (neo4j.ResultSummary, error) {
	result, err := w.tx.Run(ctx, text, map[string]any{"rows": rows, "now": w.now})
	if err != nil {
		return nil, err
	}
	return result.Consume(ctx)
}

func (w *importWriter) collect(ctx context.Context, text string, params map[string]any) ([]*neo4j.Record, error) {
	result, err := w.tx.Run(ctx, text, params)
	if err != nil {
		return nil, err
	}
	return result.Collect(ctx)
}

// buildBatches sends the data set's rows in batches, entities by kind, then source texts,
// then facts by type, and closes out. It stops early when ctx is done.
func buildBatches(ctx context.Context, d *kg.Dataset, out chan<- importBatch) {
	defer close(out)
	send := func(b importBatch) bool {
		select {
		case out <- b:
			return true
		case <-ctx.Done():
			return false
		}
	}
	byKind := map[kg.Kind][]int{}
	var texts []map[string]any
	for i := range d.Entities {
		e := &d.Entities[i]
		byKind[e.Kind] = append(byKind[e.Kind], i)
		if e.Text != "" {
			texts = append(texts, map[string]any{"id": e.ID, "text": e.Text})
		}
	}
	for _, kind := range kg.Kinds {
		for chunk := range slices.Chunk(byKind[kind], importBatchSize) {
			rows := make([]map[string]any, len(chunk))
			for j, i := range chunk {
				e := &d.Entities[i]
				p := entityProps(e)
				rows[j] = map[string]any{"id": e.ID, "props": p, "hash": contentHash(p)}
			}
			if !send(importBatch{kind: kind, rows: rows}) {
				return
			}
		}
	}
	for chunk := range slices.Chunk(texts, importBatchSize) {
		if !send(importBatch{texts: true, rows: chunk}) {
			return
		}
	}
	byType := map[kg.RelationType][]int{}
	for i := range d.Relations {
		byType[d.Relations[i].Type] = append(byType[d.Relations[i].Type], i)
	}
	for _, spec := range kg.Vocabulary {
		for chunk := range slices.Chunk(byType[spec.Type], importBatchSize) {
			rows := make([]map[string]any, len(chunk))
			for j, i := range chunk {
				r := &d.Relations[i]
				p := relationProps(r)
				rows[j] = map[string]any{"id": r.ID, "from": r.From, "to": r.To, "props": p, "hash": contentHash(p)}
			}
			if !send(importBatch{typ: spec.Type, rows: rows}) {
				return
			}
		}
	}
}

// GraphLookup looks up the kinds of ids, and the texts of sources, that a data set refers to
// without defining them, in one round trip.
func (s *Store) GraphLookup(ctx context.Context, ids []string, sources []string) (kg.GraphLookup, error) {
	if len(ids) == 0 {
		return graphLookupFrom(nil), nil
	}
	recs, err := s.read(ctx, "resolveIDs", withClocks(map[string]any{"ids": ids, "sources": sources}, kg.Clocks{}))
	if err != nil {
		return nil, err
	}
	return graphLookupFrom(recs), nil
}

// graphLookupFrom reads resolveIDs' records: the kind of each id, and the text of each source
// that has one.
func graphLookupFrom(recs []*neo4j.Record) mapLookup {
	res := mapLookup{kinds: map[string]kg.Kind{}, texts: map[string]string{}}
	for _, r := range recs {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		kind, _, _ := neo4j.GetRecordValue[string](r, "kind")
		res.kinds[id] = kg.Kind(kind)
		if text, isNil, err := neo4j.GetRecordValue[string](r, "text"); err == nil && !isNil {
			res.texts[id] = text
		}
	}
	return res
}

type mapLookup struct {
	kinds map[string]kg.Kind
	texts map[string]string
}

func (m mapLookup) KindOf(id string) (kg.Kind, bool) { k, ok := m.kinds[id]; return k, ok }

func (m mapLookup) SourceText(id string) (string, bool) { t, ok := m.texts[id]; return t, ok }
