// Package kgmock is a kg.Store made of function fields, one per method, for in-process
// tests of the layers above the store (resolvers, the GraphQL stack): a test sets the
// fields its operation needs and nothing else. A method whose field is unset answers an
// error naming it, so a test that reaches an unexpected call fails on that error instead
// of reading a zero value. The pattern is benbjohnson/wtf's mock package.
//
// It proves a resolver's logic only: what a query answers is tested against the real
// Neo4j (package cypher, and the root package's end-to-end tests).
package kgmock

import (
	"context"
	"fmt"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Store implements kg.Store by calling its fields.
type Store struct {
	EntityFn       func(ctx context.Context, id string, knownAt *time.Time) (*kg.Entity, error)
	EntitiesByIDFn func(ctx context.Context, ids []string, at kg.Clocks) (map[string]*kg.Entity, error)
	EntitiesFn     func(ctx context.Context, f kg.EntityFilter, p kg.PageRequest) (*kg.Page[*kg.Entity], error)
	SearchFn       func(ctx context.Context, text string, kinds []kg.Kind, first int) ([]kg.SearchHit, error)

	RelationsOfFn func(ctx context.Context, ids []string, f kg.RelationFilter) (map[string][]kg.RelationView, error)
	EventsOfFn    func(ctx context.Context, ids []string, at kg.Clocks, statuses []kg.EventStatus) (map[string][]*kg.Entity, error)
	TracksOfFn    func(ctx context.Context, ids []string, at kg.Clocks) (map[string][]*kg.Entity, error)
	SourceTextsFn func(ctx context.Context, ids []string) (map[string]string, error)
	RelationFn    func(ctx context.Context, id string, knownAt *time.Time) (*kg.RelationView, error)

	NeighborhoodFn  func(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error)
	PathsFn         func(ctx context.Context, q kg.PathQuery) ([]kg.Path, error)
	CrossTrackFn    func(ctx context.Context, q kg.CrossTrackQuery) ([]kg.CrossTrackLink, error)
	TimelineFn      func(ctx context.Context, q kg.TimelineQuery) ([]*kg.Entity, error)
	StatsFn         func(ctx context.Context, at kg.Clocks) (*kg.Stats, error)
	MostConnectedFn func(ctx context.Context, track string, first int, at kg.Clocks) ([]kg.Ranked, error)

	ImportFn      func(ctx context.Context, d *kg.Dataset, progress func(done, total int)) (*kg.ImportResult, error)
	ImportedFn    func(ctx context.Context, digest string) (bool, error)
	GraphLookupFn func(ctx context.Context, ids []string, sources []string) (kg.GraphLookup, error)
	ExportFn      func(ctx context.Context) (*kg.Dataset, error)
	MigrateFn     func(ctx context.Context) ([]string, error)

	UpsertEntityFn    func(ctx context.Context, by string, p kg.EntityPatch) (*kg.EntityResult, error)
	AddSourceFn       func(ctx context.Context, by string, p kg.EntityPatch) (*kg.EntityResult, error)
	AssertRelationFn  func(ctx context.Context, by string, a kg.Assertion) (*kg.RelationResult, error)
	RecordEventFn     func(ctx context.Context, by string, in kg.EventRecord) (*kg.EventResult, error)
	RetractRelationFn func(ctx context.Context, by, id, reason string) (*kg.RelationView, error)
	SetEventStatusFn  func(ctx context.Context, by, event string, s kg.EventStatusAssertion) (*kg.EntityResult, error)
	MergeEntitiesFn   func(ctx context.Context, by, keep, duplicate string) (*kg.MergeResult, error)

	HistoryFn func(ctx context.Context, id string, first int) ([]*kg.Change, error)
	ChangesFn func(ctx context.Context, p kg.PageRequest) (*kg.Page[*kg.Change], error)

	PingFn func(ctx context.Context) error
}

var _ kg.Store = (*Store)(nil)

// unset is the error of a method whose field the test did not set.
func unset(method string) error {
	return fmt.Errorf("kgmock: Store.%s called, but %sFn is not set", method, method)
}

func (s *Store) Entity(ctx context.Context, id string, knownAt *time.Time) (*kg.Entity, error) {
	if s.EntityFn == nil {
		return nil, unset("Entity")
	}
	return s.EntityFn(ctx, id, knownAt)
}

func (s *Store) EntitiesByID(ctx context.Context, ids []string, at kg.Clocks) (map[string]*kg.Entity, error) {
	if s.EntitiesByIDFn == nil {
		return nil, unset("EntitiesByID")
	}
	return s.EntitiesByIDFn(ctx, ids, at)
}

func (s *Store) Entities(ctx context.Context, f kg.EntityFilter, p kg.PageRequest) (*kg.Page[*kg.Entity], error) {
	if s.EntitiesFn == nil {
		return nil, unset("Entities")
	}
	return s.EntitiesFn(ctx, f, p)
}

func (s *Store) Search(ctx context.Context, text string, kinds []kg.Kind, first int) ([]kg.SearchHit, error) {
	if s.SearchFn == nil {
		return nil, unset("Search")
	}
	return s.SearchFn(ctx, text, kinds, first)
}

func (s *Store) RelationsOf(ctx context.Context, ids []string, f kg.RelationFilter) (map[string][]kg.RelationView, error) {
	if s.RelationsOfFn == nil {
		return nil, unset("RelationsOf")
	}
	return s.RelationsOfFn(ctx, ids, f)
}

func (s *Store) EventsOf(ctx context.Context, ids []string, at kg.Clocks, statuses []kg.EventStatus) (map[string][]*kg.Entity, error) {
	if s.EventsOfFn == nil {
		return nil, unset("EventsOf")
	}
	return s.EventsOfFn(ctx, ids, at, statuses)
}

func (s *Store) TracksOf(ctx context.Context, ids []string, at kg.Clocks) (map[string][]*kg.Entity, error) {
	if s.TracksOfFn == nil {
		return nil, unset("TracksOf")
	}
	return s.TracksOfFn(ctx, ids, at)
}

func (s *Store) SourceTexts(ctx context.Context, ids []string) (map[string]string, error) {
	if s.SourceTextsFn == nil {
		return nil, unset("SourceTexts")
	}
	return s.SourceTextsFn(ctx, ids)
}

func (s *Store) Relation(ctx context.Context, id string, knownAt *time.Time) (*kg.RelationView, error) {
	if s.RelationFn == nil {
		return nil, unset("Relation")
	}
	return s.RelationFn(ctx, id, knownAt)
}

func (s *Store) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	if s.NeighborhoodFn == nil {
		return nil, unset("Neighborhood")
	}
	return s.NeighborhoodFn(ctx, q)
}

func (s *Store) Paths(ctx context.Context, q kg.PathQuery) ([]kg.Path, error) {
	if s.PathsFn == nil {
		return nil, unset("Paths")
	}
	return s.PathsFn(ctx, q)
}

func (s *Store) CrossTrack(ctx context.Context, q kg.CrossTrackQuery) ([]kg.CrossTrackLink, error) {
	if s.CrossTrackFn == nil {
		return nil, unset("CrossTrack")
	}
	return s.CrossTrackFn(ctx, q)
}

func (s *Store) Timeline(ctx context.Context, q kg.TimelineQuery) ([]*kg.Entity, error) {
	if s.TimelineFn == nil {
		return nil, unset("Timeline")
	}
	return s.TimelineFn(ctx, q)
}

func (s *Store) Stats(ctx context.Context, at kg.Clocks) (*kg.Stats, error) {
	if s.StatsFn == nil {
		return nil, unset("Stats")
	}
	return s.StatsFn(ctx, at)
}

func (s *Store) MostConnected(ctx context.Context, track string, first int, at kg.Clocks) ([]kg.Ranked, error) {
	if s.MostConnectedFn == nil {
		return nil, unset("MostConnected")
	}
	return s.MostConnectedFn(ctx, track, first, at)
}

func (s *Store) Import(ctx context.Context, d *kg.Dataset, progress func(done, total int)) (*kg.ImportResult, error) {
	if s.ImportFn == nil {
		return nil, unset("Import")
	}
	return s.ImportFn(ctx, d, progress)
}

func (s *Store) Imported(ctx context.Context, digest string) (bool, error) {
	if s.ImportedFn == nil {
		return false, unset("Imported")
	}
	return s.ImportedFn(ctx, digest)
}

func (s *Store) GraphLookup(ctx context.Context, ids []string, sources []string) (kg.GraphLookup, error) {
	if s.GraphLookupFn == nil {
		return nil, unset("GraphLookup")
	}
	return s.GraphLookupFn(ctx, ids, sources)
}

func (s *Store) Export(ctx context.Context) (*kg.Dataset, error) {
	if s.ExportFn == nil {
		return nil, unset("Export")
	}
	return s.ExportFn(ctx)
}

func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	if s.MigrateFn == nil {
		return nil, unset("Migrate")
	}
	return s.MigrateFn(ctx)
}

func (s *Store) UpsertEntity(ctx context.Context, by string, p kg.EntityPatch) (*kg.EntityResult, error) {
	if s.UpsertEntityFn == nil {
		return nil, unset("UpsertEntity")
	}
	return s.UpsertEntityFn(ctx, by, p)
}

func (s *Store) AddSource(ctx context.Context, by string, p kg.EntityPatch) (*kg.EntityResult, error) {
	if s.AddSourceFn == nil {
		return nil, unset("AddSource")
	}
	return s.AddSourceFn(ctx, by, p)
}

func (s *Store) AssertRelation(ctx context.Context, by string, a kg.Assertion) (*kg.RelationResult, error) {
	if s.AssertRelationFn == nil {
		return nil, unset("AssertRelation")
	}
	return s.AssertRelationFn(ctx, by, a)
}

func (s *Store) RecordEvent(ctx context.Context, by string, in kg.EventRecord) (*kg.EventResult, error) {
	if s.RecordEventFn == nil {
		return nil, unset("RecordEvent")
	}
	return s.RecordEventFn(ctx, by, in)
}

func (s *Store) RetractRelation(ctx context.Context, by, id, reason string) (*kg.RelationView, error) {
	if s.RetractRelationFn == nil {
		return nil, unset("RetractRelation")
	}
	return s.RetractRelationFn(ctx, by, id, reason)
}

func (s *Store) SetEventStatus(ctx context.Context, by, event string, st kg.EventStatusAssertion) (*kg.EntityResult, error) {
	if s.SetEventStatusFn == nil {
		return nil, unset("SetEventStatus")
	}
	return s.SetEventStatusFn(ctx, by, event, st)
}

func (s *Store) MergeEntities(ctx context.Context, by, keep, duplicate string) (*kg.MergeResult, error) {
	if s.MergeEntitiesFn == nil {
		return nil, unset("MergeEntities")
	}
	return s.MergeEntitiesFn(ctx, by, keep, duplicate)
}

func (s *Store) History(ctx context.Context, id string, first int) ([]*kg.Change, error) {
	if s.HistoryFn == nil {
		return nil, unset("History")
	}
	return s.HistoryFn(ctx, id, first)
}

func (s *Store) Changes(ctx context.Context, p kg.PageRequest) (*kg.Page[*kg.Change], error) {
	if s.ChangesFn == nil {
		return nil, unset("Changes")
	}
	return s.ChangesFn(ctx, p)
}

func (s *Store) Ping(ctx context.Context) error {
	if s.PingFn == nil {
		return unset("Ping")
	}
	return s.PingFn(ctx)
}
