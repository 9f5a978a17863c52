package kg

import (
	"context"
)

// Analyst answers the questions that cross the graph: neighbourhoods, paths, the ties
// between two tracks, timelines and aggregates.
type Analyst interface {
	// Neighborhood returns the subgraph within depth hops of id, capped at limit nodes.
	// Returns NOT_FOUND for an unknown id.
	Neighborhood(ctx context.Context, q NeighborhoodQuery) (*Subgraph, error)
	// Paths returns up to First shortest paths between two entities. Returns NOT_FOUND.
	Paths(ctx context.Context, q PathQuery) ([]Path, error)
	// CrossTrack returns the entities engaged in both a and b, strongest evidence first.
	CrossTrack(ctx context.Context, q CrossTrackQuery) ([]CrossTrackLink, error)
	// Timeline returns the events of an entity or track between From and To, by date.
	Timeline(ctx context.Context, q TimelineQuery) ([]*Entity, error)
	// Stats counts entities by kind and relations by type.
	Stats(ctx context.Context, at Clocks) (*Stats, error)
	// MostConnected ranks entities by degree, optionally within a track.
	MostConnected(ctx context.Context, track string, first int, at Clocks) ([]Ranked, error)
}

// NeighborhoodQuery bounds a neighbourhood read.
type NeighborhoodQuery struct {
	ID            string
	Depth         int
	RelationTypes []RelationType
	Limit         int
	Clocks
	// Sources asks for the documents the facts cite (each edge's sources and evidence).
	// A drawing rarely wants them, and reading them is a measurable share of the query's
	// time (docs/benchmarks.md).
	Sources bool
	// Brief says the answer shows of each entity only its id, kind, name, aliases,
	// description and version, and of each fact only its id, type, ends, role, valid
	// time, confidence and status: what a drawing shows. The rest of their properties
	// (evidence, timestamps, retraction, external ids, a source's metadata) is then not
	// read, and is zero in the answer.
	Brief bool
}

// Subgraph is a set of nodes and the facts between them, ready to draw.
type Subgraph struct {
	Nodes     []*Entity
	Edges     []RelationView
	Truncated bool
}

// PathQuery bounds a shortest-path search.
type PathQuery struct {
	From, To      string
	MaxHops       int
	RelationTypes []RelationType
	First         int
	Clocks
}

// Path is a chain of facts from one entity to another; each hop explains itself.
type Path struct {
	Nodes []*Entity
	Hops  []RelationView
}

// CrossTrackQuery names the two sides, each a track or a conflict.
type CrossTrackQuery struct {
	A, B  string
	First int
	Clocks
}

// CrossTrackLink is an entity engaged on both sides, with the facts that tie it to each.
type CrossTrackLink struct {
	Entity *Entity
	// Score is the strength of the evidence: the sum over ties of confidence times the
	// number of sources, on each side, multiplied so that one weak side weakens the link.
	Score float64
	TiesA []Tie
	TiesB []Tie
}

// Tie is one fact (and, when it runs through an event or proposal, the entity in between)
// that engages an entity with one side of a cross-track question.
type Tie struct {
	Via       *Entity
	Relations []RelationView
}

// TimelineQuery selects events by date, honouring each date's precision.
type TimelineQuery struct {
	ID       string
	From, To *PartialDate
	// EventStatuses keeps the events with one of these statuses on AsOf; none keeps all.
	EventStatuses []EventStatus
	Clocks
	First int
}

// Stats is a census of the graph.
type Stats struct {
	ByKind         map[Kind]int
	ByRelationType map[RelationType]int
	Entities       int
	Relations      int
}

// Ranked is an entity with its degree.
type Ranked struct {
	Entity *Entity
	Degree int
}
