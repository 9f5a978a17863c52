package cypher

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// editTx is one transaction of the write API. It takes the locks, reads what it is about
// to change only once the locks are held, writes, and appends the audit trail in the same
// transaction. A new editTx is made for every attempt, because the driver retries the
// whole unit of work on transient errors such as a detected deadlock.
type editTx struct {
	ctx     context.Context
	tx      neo4j.ManagedTransaction
	by      string
	now     time.Time
	locked  []string
	changes []map[string]any
}

// edit runs fn as one write transaction of the write API on behalf of by.
func (s *Store) edit(ctx context.Context, name, by string, fn func(e *editTx) (any, error)) (any, error) {
	return s.write(ctx, name, 0, func(tx neo4j.ManagedTransaction) (any, error) {
		e := &editTx{ctx: ctx, tx: tx, by: by, now: time.Now().UTC()}
		out, err := fn(e)
		if err != nil {
			return nil, err
		}
		if err := e.finish(); err != nil {
			return nil, err
		}
		return out, nil
	})
}

// run sends one statement of the transaction and collects its records.
func (e *editTx) run(text string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := e.tx.Run(e.ctx, textFor(text, params), params)
	if err != nil {
		return nil, err
	}
	return res.Collect(e.ctx)
}

// lock takes the write locks of the entities among ids that exist, in sorted order, and
// returns the ids it found.
func (e *editTx) lock(ids ...string) (map[string]bool, error) {
	ids = sortedUnique(ids)
	recs, err := e.run(query("editLock"), map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	found := map[string]bool{}
	for _, r := range recs {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		found[id] = true
		e.locked = append(e.locked, id)
	}
	return found, nil
}

// lockOrCreate locks the entity with id, making a placeholder for it when it is new.
func (e *editTx) lockOrCreate(id string) error {
	if _, err := e.run(query("editLockOrCreate"), map[string]any{"id": id}); err != nil {
		return err
	}
	e.locked = append(e.locked, id)
	return nil
}

// entity reads an entity under edit: nil when it does not exist (or is only this edit's
// placeholder), with its source text, and the entity a merge redirected its id to.
func (e *editTx) entity(id string) (ent *kg.Entity, text string, mergedInto string, err error) {
	recs, err := e.run(query("editEntityRead"), map[string]any{"id": id})
	if err != nil || len(recs) == 0 {
		return nil, "", "", err
	}
	v, _ := recs[0].Get("entity")
	if ent, err = decodeEntity(v); err != nil {
		return nil, "", "", err
	}
	text, _, _ = neo4j.GetRecordValue[string](recs[0], "text")
	mergedInto, _, _ = neo4j.GetRecordValue[string](recs[0], "mergedInto")
	return ent, text, mergedInto, nil
}

// putEntity writes next over stored (nil when new) unless nothing changed, and records the
// change. The content hash is the importer's, so importing the same data later is a no-op.
func (e *editTx) putEntity(op kg.Operation, stored, next *kg.Entity) (*kg.Entity, bool, error) {
	props := entityProps(next)
	hash := contentHash(props)
	// Comparing with the hash of what is stored, recomputed, keeps an identical edit a
	// no-op even on data written before content hashes existed.
	if stored != nil && contentHash(entityProps(stored)) == hash {
		return stored, false, nil
	}
	written, err := e.writeEntity(next)
	if err != nil {
		return nil, false, err
	}
	e.record(op, next.ID, "", "", kg.EntitySnapshot(stored), kg.EntitySnapshot(written))
	return written, true, nil
}

// writeEntity writes an entity's properties and counts the write in its version.
func (e *editTx) writeEntity(next *kg.Entity) (*kg.Entity, error) {
	props := entityProps(next)
	recs, err := e.run(query("editEntity"), map[string]any{"id": next.ID, "kind": string(next.Kind), "props": props, "hash": contentHash(props), "now": e.now})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("edit entity %s: no node to write", next.ID)
	}
	v, _ := recs[0].Get("entity")
	return decodeEntity(v)
}

// relation reads a fact by id with its endpoints and sources; nil when there is none.
func (e *editTx) relation(id string) (*kg.RelationView, error) {
	typ, ok := kg.TypeOfFactID(id)
	if !ok {
		return nil, nil
	}
	recs, err := e.run(strings.ReplaceAll(query("relation"), "/*TYPE*/", string(typ)), withClocks(map[string]any{"id": id}, kg.Clocks{}))
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	v, _ := recs[0].Get("view")
	view, err := decodeRelationView(v)
	if err != nil {
		return nil, err
	}
	return &view, nil
}

// putRelation writes next over stored (nil when new) unless nothing changed, and records
// the change under op. next.Type must be from the vocabulary (checked by Validate).
func (e *editTx) putRelation(op kg.Operation, stored, next *kg.Relation) (bool, error) {
	if !next.Type.Valid() {
		return false, kg.FieldError("type", "%q is not a relation type", next.Type)
	}
	props := relationProps(next)
	hash := contentHash(props)
	if stored != nil && contentHash(relationProps(stored)) == hash {
		return false, nil
	}
	text := strings.ReplaceAll(query("editRelation"), "/*TYPE*/", string(next.Type))
	if _, err := e.run(text, map[string]any{"id": next.ID, "from": next.From, "to": next.To, "props": props, "hash": hash, "now": e.now}); err != nil {
		return false, err
	}
	e.record(op, next.From, next.To, next.ID, kg.RelationSnapshot(stored), kg.RelationSnapshot(next))
	return true, nil
}

// graphLookup answers Relation.Validate from inside the transaction, so that validation sees
// exactly the graph the write will change: kinds of ids, texts of sources.
func (e *editTx) graphLookup(ids, sources []string) (kg.GraphLookup, error) {
	recs, err := e.run(query("resolveIDs"), withClocks(map[string]any{"ids": sortedUnique(ids), "sources": sources}, kg.Clocks{}))
	if err != nil {
		return nil, err
	}
	return graphLookupFrom(recs), nil
}

// record appends an entry to the audit trail; finish writes them all.
func (e *editTx) record(op kg.Operation, entityID, counterpartID, relationID string, before, after *string) {
	e.changes = append(e.changes, changeEntry(e.now, len(e.changes), e.by, op, entityID, counterpartID, relationID, before, after))
}

// changeEntry is one audit entry as editChanges.cypher stores it; seq orders the entries of
// one transaction.
func changeEntry(at time.Time, seq int, by string, op kg.Operation, entityID, counterpartID, relationID string, before, after *string) map[string]any {
	c := map[string]any{
		"id": changeID(at, seq), "at": at, "by": by, "operation": string(op),
		"entityId": entityID, "counterpartId": nilIfEmpty(counterpartID), "relationId": nilIfEmpty(relationID),
	}
	if before != nil {
		c["before"] = *before
	}
	if after != nil {
		c["after"] = *after
	}
	return c
}

// finish writes the audit trail and removes the lock markers; the commit that follows
// releases the locks.
func (e *editTx) finish() error {
	if len(e.changes) > 0 {
		if _, err := e.run(query("editChanges"), map[string]any{"changes": e.changes}); err != nil {
			return err
		}
	}
	if len(e.locked) > 0 {
		if _, err := e.run(query("editUnlock"), map[string]any{"ids": sortedUnique(e.locked)}); err != nil {
			return err
		}
	}
	return nil
}

// changeID makes ids that sort by time (nanoseconds, then the order within one
// transaction), with a random tail so that concurrent transactions never collide.
func changeID(at time.Time, seq int) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%016x%04x%s", at.UnixNano(), seq, hex.EncodeToString(b))
}

func sortedUnique(ids []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}
