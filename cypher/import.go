package cypher

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// importBatchSize rows go to Neo4j per UNWIND: large enough to amortise the round trip,
// small enough to keep each statement's memory modest.
const importBatchSize = 5000

// importTimeout bounds a whole import transaction; a bulk file is one transaction.
const importTimeout = 30 * time.Minute

// Import writes a validated data set in one transaction, so that a file lands whole or not
// at all. Entities go first (relations need their endpoints), then source texts, then facts,
// one statement per relation type: MERGE with a dynamic type cannot expand between two
// bound nodes and was fifteen times slower (docs/benchmarks.md).
func (s *Store) Import(ctx context.Context, d *kg.Dataset, progress func(done, total int)) (*kg.ImportResult, error) {
	entityRows := make([]map[string]any, len(d.Entities))
	var textRows []map[string]any
	for i := range d.Entities {
		e := &d.Entities[i]
		p := entityProps(e)
		entityRows[i] = map[string]any{"id": e.ID, "kind": string(e.Kind), "props": p, "hash": contentHash(p)}
		if e.Text != "" {
			textRows = append(textRows, map[string]any{"id": e.ID, "text": e.Text})
		}
	}
	relRows := map[kg.RelationType][]map[string]any{}
	for i := range d.Relations {
		r := &d.Relations[i]
		p := relationProps(r)
		relRows[r.Type] = append(relRows[r.Type], map[string]any{"id": r.ID, "from": r.From, "to": r.To, "props": p, "hash": contentHash(p)})
	}
	total := len(d.Entities) + len(d.Relations)
	out, err := s.write(ctx, "import", importTimeout, func(tx neo4j.ManagedTransaction) (any, error) {
		w := &importWriter{tx: tx, res: &kg.ImportResult{Entities: len(d.Entities), Relations: len(d.Relations)}, now: time.Now().UTC(), total: total, progress: progress}
		if err := w.run(ctx, query("importEntities"), entityRows, true); err != nil {
			return nil, err
		}
		if err := w.run(ctx, query("importSourceTexts"), textRows, false); err != nil {
			return nil, err
		}
		for _, spec := range kg.Vocabulary {
			if rows := relRows[spec.Type]; len(rows) > 0 {
				text := strings.ReplaceAll(query("importRelations"), "/*TYPE*/", string(spec.Type))
				if err := w.run(ctx, text, rows, true); err != nil {
					return nil, err
				}
			}
		}
		return w.res, nil
	})
	if err != nil {
		return nil, err
	}
	return out.(*kg.ImportResult), nil
}

// importWriter sends rows in UNWIND batches inside one transaction and tallies the result.
type importWriter struct {
	tx       neo4j.ManagedTransaction
	res      *kg.ImportResult
	now      time.Time
	done     int
	total    int
	progress func(done, total int)
}

func (w *importWriter) run(ctx context.Context, text string, rows []map[string]any, counted bool) error {
	for start := 0; start < len(rows); start += importBatchSize {
		batch := rows[start:min(start+importBatchSize, len(rows))]
		result, err := w.tx.Run(ctx, text, map[string]any{"rows": batch, "now": w.now})
		if err != nil {
			return err
		}
		recs, err := result.Collect(ctx)
		if err != nil {
			return err
		}
		if !counted {
			continue
		}
		if len(recs) == 1 {
			created, _, _ := neo4j.GetRecordValue[int64](recs[0], "created")
			changed, _, _ := neo4j.GetRecordValue[int64](recs[0], "changed")
			w.res.Created += int(created)
			w.res.Updated += int(changed - created)
		}
		w.done += len(batch)
		if w.progress != nil {
			w.progress(w.done, w.total)
		}
	}
	return nil
}

// contentHash fingerprints stored properties; json.Marshal sorts map keys, so equal
// content gives an equal hash.
func contentHash(p map[string]any) string {
	b, _ := json.Marshal(p)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:12])
}

// Resolver looks up the kinds of ids, and the texts of sources, that a data set refers to
// without defining them, in one round trip.
func (s *Store) Resolver(ctx context.Context, ids []string, sources []string) (kg.Resolver, error) {
	res := mapResolver{kinds: map[string]kg.Kind{}, texts: map[string]string{}}
	if len(ids) == 0 {
		return res, nil
	}
	recs, err := s.read(ctx, "resolveIDs", map[string]any{"ids": ids, "sources": sources})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		kind, _, _ := neo4j.GetRecordValue[string](r, "kind")
		res.kinds[id] = kg.Kind(kind)
		if text, isNil, err := neo4j.GetRecordValue[string](r, "text"); err == nil && !isNil {
			res.texts[id] = text
		}
	}
	return res, nil
}

type mapResolver struct {
	kinds map[string]kg.Kind
	texts map[string]string
}

func (m mapResolver) KindOf(id string) (kg.Kind, bool) { k, ok := m.kinds[id]; return k, ok }

func (m mapResolver) SourceText(id string) (string, bool) { t, ok := m.texts[id]; return t, ok }
