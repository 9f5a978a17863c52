package kg

import (
	"context"
	"time"
)

// Store is everything the API and the importer need from the graph database. The Neo4j
// implementation lives in package cypher; resolvers only ever see this interface.
type Store interface {
	EntityReader
	RelationReader
	Analyst
	Importer
	Exporter
	Migrator
	// Editor and Auditor are the write API and its audit trail (edit.go, history.go).
	Editor
	Auditor
	// Ping reports whether the database answers; UNAVAILABLE when it does not.
	Ping(ctx context.Context) error
}

// EntityReader looks entities up and lists them.
type EntityReader interface {
	// Entity returns the entity with id as the graph held it at knownAt (nil: now),
	// following the merge redirects made by then. Returns NOT_FOUND.
	Entity(ctx context.Context, id string, knownAt *time.Time) (*Entity, error)
	// EntitiesByID returns the entities among ids that are visible on at, keyed by the id
	// asked for, each as Entity returns it at at.KnownAt.
	EntitiesByID(ctx context.Context, ids []string, at Clocks) (map[string]*Entity, error)
	// Entities lists entities matching f, one page at a time.
	Entities(ctx context.Context, f EntityFilter, p PageRequest) (*Page[*Entity], error)
	// Search ranks entities by full-text relevance to text, tolerating typos.
	Search(ctx context.Context, text string, kinds []Kind, first int) ([]SearchHit, error)
}

// EntityFilter narrows an entity listing. Zero values do not filter.
type EntityFilter struct {
	Kinds        []Kind
	NameContains string
	Track        string
	Conflict     string
	// HasRelation keeps entities with a relation of this type to RelatedTo (either direction).
	HasRelation RelationType
	RelatedTo   string
	Clocks
	Sort       EntitySort
	Descending bool
}

// EntitySort is the allow-list of sort keys for entity listings.
type EntitySort string

const (
	SortByName   EntitySort = "NAME"
	SortByDegree EntitySort = "DEGREE"
	SortByDate   EntitySort = "DATE"
)

// PageRequest is a Relay-style forward page: First items after the cursor After.
type PageRequest struct {
	First     int
	After     string
	WantTotal bool
}

// SearchHit is one full-text match with its relevance score.
type SearchHit struct {
	Entity *Entity
	Score  float64
}

// RelationFilter narrows the relations read for an entity. Zero values do not filter.
type RelationFilter struct {
	Types            []RelationType
	Direction        Direction
	CounterpartKinds []Kind
	MinConfidence    float64
	Statuses         []Status
	Clocks
}

// Direction of a relation, seen from the entity it is read for.
type Direction string

const (
	DirectionOut  Direction = "OUT"
	DirectionIn   Direction = "IN"
	DirectionBoth Direction = "BOTH"
)

// RelationView is a relation as read for one entity, with what a reader needs alongside it
// already loaded: both endpoints and the source documents.
type RelationView struct {
	*Relation
	FromEntity *Entity
	ToEntity   *Entity
	// SourceEntities holds the cited documents by id.
	SourceEntities map[string]*Entity
}

// RelationReader reads facts in batches, so that a GraphQL operation costs one round trip
// per level of nesting, not one per entity.
type RelationReader interface {
	// RelationsOf returns, for each id in ids, its relations that pass f.
	RelationsOf(ctx context.Context, ids []string, f RelationFilter) (map[string][]RelationView, error)
	// EventsOf returns, for each id, the events it took part in, in date order; only those
	// with one of statuses on at.AsOf when any are given.
	EventsOf(ctx context.Context, ids []string, at Clocks, statuses []EventStatus) (map[string][]*Entity, error)
	// TracksOf returns, for each id, the tracks it is engaged in.
	TracksOf(ctx context.Context, ids []string, at Clocks) (map[string][]*Entity, error)
	// SourceTexts returns the stored full text of each source among ids that has one.
	SourceTexts(ctx context.Context, ids []string) (map[string]string, error)
	// Relation returns one fact by id with the status it had at knownAt (nil: now).
	// Returns NOT_FOUND, also for a fact recorded after knownAt or moved by a merge.
	Relation(ctx context.Context, id string, knownAt *time.Time) (*RelationView, error)
}

// Importer writes data sets into the graph. Every write is one transaction: all or nothing.
type Importer interface {
	// Import writes a validated data set idempotently: entities and facts are merged on
	// their stable ids, so importing the same data twice changes nothing.
	Import(ctx context.Context, d *Dataset, progress func(done, total int)) (*ImportResult, error)
	// Imported reports whether a data set with this digest was imported into the graph.
	Imported(ctx context.Context, digest string) (bool, error)
	// GraphLookup returns what validation needs to know about the ids a data set refers to
	// but does not define.
	GraphLookup(ctx context.Context, ids []string, sources []string) (GraphLookup, error)
}

// Exporter reads the whole graph back as a data set, in a stable order.
type Exporter interface {
	Export(ctx context.Context) (*Dataset, error)
}

// Migrator applies the schema migrations that have not been applied yet.
type Migrator interface {
	Migrate(ctx context.Context) ([]string, error)
}

// ImportResult counts what an import wrote.
type ImportResult struct {
	Entities  int
	Relations int
	Created   int
	Updated   int
	// Skipped is set when the data set was not written because its digest had been
	// imported before (importer.Options.SkipImported).
	Skipped bool
}

// Clocks is when a read looks at the graph, on its two clocks (docs/model.md, "Two
// clocks"). The store applies them by one rule, in cypher/visibility.go.
type Clocks struct {
	// AsOf is valid time: the world on that day (only the date counts). Nil: any day.
	AsOf *time.Time
	// KnownAt is record time: what the graph held at that instant, before any later
	// assertion, correction or retraction. Nil: now.
	KnownAt *time.Time
}
