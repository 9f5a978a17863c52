package live

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Store is a kg.Store that publishes every write of the API, and every imported file, on a
// Bus once the store call has returned without error: after the commit, and never for a
// write that rolled back (a CONFLICT, a bad input, a lost connection).
type Store struct {
	kg.Store
	bus   Bus
	log   *slog.Logger
	locks keyLocks
}

// publishTimeout bounds the reads and the publication after a commit; they run even when
// the caller has gone, since the write is done.
const publishTimeout = 5 * time.Second

// Wrap decorates store with publication on bus.
func Wrap(store kg.Store, bus Bus, log *slog.Logger) *Store {
	return &Store{Store: store, bus: bus, log: log}
}

// Hub is this replica's end of the bus, where subscriptions are served.
func (s *Store) Hub() *Hub { return s.bus.Hub() }

// Reader reads each event's entity or fact as it now reads, through the store's ordinary
// reads (and so by its one visibility rule): the function a Hub calls once per event.
func Reader(store kg.Store, log *slog.Logger) func(context.Context, *Event) {
	return func(ctx context.Context, e *Event) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), publishTimeout)
		defer cancel()
		var err error
		switch {
		case e.RelationID != "":
			e.Relation, err = store.Relation(ctx, e.RelationID, nil)
		case e.EntityID != "":
			e.Entity, err = store.Entity(ctx, e.EntityID, nil)
		}
		if err != nil {
			log.WarnContext(ctx, "live: event read failed; sent without its entity or fact", "seq", e.Seq, "err", err)
		}
	}
}

func entityKind(created bool) Kind {
	if created {
		return Created
	}
	return Changed
}

func (s *Store) UpsertEntity(ctx context.Context, by string, p kg.EntityPatch) (*kg.EntityResult, error) {
	defer s.locks.lock(p.ID)()
	res, err := s.Store.UpsertEntity(ctx, by, p)
	if err == nil && res.Changed {
		s.publishEntity(ctx, &Event{Kind: entityKind(res.Created), Operation: kg.OpUpsertEntity, By: by}, res.Entity)
	}
	return res, err
}

func (s *Store) AddSource(ctx context.Context, by string, p kg.EntityPatch) (*kg.EntityResult, error) {
	defer s.locks.lock(p.ID)()
	res, err := s.Store.AddSource(ctx, by, p)
	if err == nil && res.Changed {
		s.publishEntity(ctx, &Event{Kind: entityKind(res.Created), Operation: kg.OpAddSource, By: by}, res.Entity)
	}
	return res, err
}

func (s *Store) SetEventStatus(ctx context.Context, by, event string, a kg.EventStatusAssertion) (*kg.EntityResult, error) {
	defer s.locks.lock(event)()
	res, err := s.Store.SetEventStatus(ctx, by, event, a)
	if err == nil && res.Changed {
		s.publishEntity(ctx, &Event{Kind: Changed, Operation: kg.OpSetEventStatus, By: by}, res.Entity)
	}
	return res, err
}

func (s *Store) AssertRelation(ctx context.Context, by string, a kg.Assertion) (*kg.RelationResult, error) {
	defer s.locks.lock(a.From, a.To, kg.FactID(a.From, a.Type, a.To, strings.TrimSpace(a.Role)))()
	res, err := s.Store.AssertRelation(ctx, by, a)
	if err == nil && (res.Created || res.Changed) {
		kind := Corroborated
		if res.Created {
			kind = Created
		}
		s.publishRelation(ctx, &Event{Kind: kind, Operation: kg.OpAssertRelation, By: by}, res.Relation)
	}
	return res, err
}

func (s *Store) RetractRelation(ctx context.Context, by, id, reason string) (*kg.RelationView, error) {
	// The fact's ends are unknown before the read; its id serialises retractions of it.
	defer s.locks.lock(id)()
	view, err := s.Store.RetractRelation(ctx, by, id, reason)
	if err == nil {
		s.publishRelation(ctx, &Event{Kind: Retracted, Operation: kg.OpRetractRelation, By: by}, view)
	}
	return view, err
}

// RecordEvent publishes the event, then each fact the call stated.
func (s *Store) RecordEvent(ctx context.Context, by string, in kg.EventRecord) (*kg.EventResult, error) {
	keys := []string{in.Event.ID, in.Place, in.Track}
	for _, p := range in.Participants {
		keys = append(keys, p.Entity)
	}
	defer s.locks.lock(keys...)()
	res, err := s.Store.RecordEvent(ctx, by, in)
	if err != nil {
		return res, err
	}
	s.publishEntity(ctx, &Event{Kind: entityKind(res.Created), Operation: kg.OpRecordEvent, By: by}, res.Event)
	for _, r := range res.Relations {
		s.publishRelation(ctx, &Event{Kind: entityKind(res.Created), Operation: kg.OpRecordEvent, By: by}, r)
	}
	return res, nil
}

func (s *Store) MergeEntities(ctx context.Context, by, keep, duplicate string) (*kg.MergeResult, error) {
	defer s.locks.lock(keep, duplicate)()
	res, err := s.Store.MergeEntities(ctx, by, keep, duplicate)
	if err == nil {
		s.publishEntity(ctx, &Event{Kind: Merged, Operation: kg.OpMergeEntities, By: by, MergedFrom: duplicate}, res.Entity)
	}
	return res, err
}

// Import publishes one summary per file that wrote anything.
func (s *Store) Import(ctx context.Context, d *kg.Dataset, progress func(done, total int)) (*kg.ImportResult, error) {
	res, err := s.Store.Import(ctx, d, progress)
	if err == nil && !res.Skipped && res.Created+res.Updated > 0 {
		by := "import"
		if p := kg.PrincipalFrom(ctx); p != nil && p.Name != "" {
			by = p.Name
		}
		s.publish(ctx, &Event{Kind: Imported, Operation: kg.OpImport, By: by, Import: &ImportSummary{
			Origin: d.Origin, Entities: res.Entities, Relations: res.Relations, Created: res.Created, Updated: res.Updated}})
	}
	return res, err
}

// anchorKinds are the kinds through which a change is tied to a track (the rule of
// Entity.tracks, cypher/queries/tracksOf.cypher): a track itself, or an event, proposal or
// body that is part of or addresses one.
var anchorKinds = []kg.Kind{kg.KindTrack, kg.KindEvent, kg.KindProposal, kg.KindBody}

func (s *Store) publishEntity(ctx context.Context, e *Event, ent *kg.Entity) {
	e.EntityID = ent.ID
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), publishTimeout)
	defer cancel()
	var anchors []string
	if slices.Contains(anchorKinds, ent.Kind) {
		anchors = []string{ent.ID}
	}
	e.Tracks = s.tracks(ctx, anchors)
	e.Fields = s.fields(ctx, ent.ID, e.Operation, "")
	s.publish(ctx, e)
}

func (s *Store) publishRelation(ctx context.Context, e *Event, r *kg.RelationView) {
	e.RelationID, e.Type, e.Confidence = r.ID, r.Type, r.Confidence
	e.Ends = []string{r.From, r.To}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), publishTimeout)
	defer cancel()
	var anchors []string
	for _, end := range []*kg.Entity{r.FromEntity, r.ToEntity} {
		if end != nil && slices.Contains(anchorKinds, end.Kind) {
			anchors = append(anchors, end.ID)
		}
	}
	e.Tracks = s.tracks(ctx, anchors)
	e.Fields = s.fields(ctx, r.From, e.Operation, r.ID)
	s.publish(ctx, e)
}

// tracks reads the tracks the anchors are tied to, by the store's one rule (TracksOf).
func (s *Store) tracks(ctx context.Context, anchors []string) []string {
	if len(anchors) == 0 {
		return nil
	}
	byID, err := s.Store.TracksOf(ctx, anchors, kg.Clocks{})
	if err != nil {
		s.log.WarnContext(ctx, "live: tracks of a change not read; trackActivity will miss it", "ids", anchors, "err", err)
		return nil
	}
	var out []string
	for _, id := range anchors {
		for _, t := range byID[id] {
			if !slices.Contains(out, t.ID) {
				out = append(out, t.ID)
			}
		}
	}
	return out
}

// fields names what the change wrote: the keys whose values differ between the before and
// after of its entry in the audit trail (the newest entry of this operation on this entity
// or fact; the key lock makes it this write's within this process).
func (s *Store) fields(ctx context.Context, id string, op kg.Operation, relation string) []string {
	changes, err := s.Store.History(ctx, id, 10)
	if err != nil {
		s.log.WarnContext(ctx, "live: audit entry of a change not read; fields left empty", "id", id, "err", err)
		return nil
	}
	for _, c := range changes {
		if c.Operation != op || c.RelationID != relation {
			continue
		}
		return diffKeys(c.Before, c.After)
	}
	return nil
}

// diffKeys lists, sorted, the top-level keys of two JSON objects whose values differ.
func diffKeys(before, after *string) []string {
	var b, a map[string]json.RawMessage
	if before != nil {
		_ = json.Unmarshal([]byte(*before), &b)
	}
	if after != nil {
		_ = json.Unmarshal([]byte(*after), &a)
	}
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || string(w) != string(v) {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return slices.DeleteFunc(out, func(k string) bool { return k == "version" })
}

func (s *Store) publish(ctx context.Context, e *Event) {
	e.At = time.Now().UTC()
	if _, err := s.bus.Publish(ctx, e); err != nil {
		// The write is committed and stays; subscribers miss this event. Logged as an error
		// so an operator sees the bus down; the writer's answer is not turned into a failure
		// for a write that happened.
		s.log.ErrorContext(ctx, "live: event not published", "op", e.Operation, "entity", e.EntityID, "relation", e.RelationID, "err", err)
	}
}
