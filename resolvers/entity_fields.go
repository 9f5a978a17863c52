package resolvers

import (
	"context"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// relationArgs are the arguments of Entity.relations, the same on every kind.
type relationArgs struct {
	types            []kg.RelationType
	direction        *kg.Direction
	counterpartKinds []kg.Kind
	minConfidence    *float64
	statuses         []kg.Status
	at               kg.Clocks
}

// relationsOf loads an entity's relations through the request's batching loader.
func (r *Resolver) relationsOf(ctx context.Context, obj model.Entity, a relationArgs) ([]*model.Relation, error) {
	f := kg.RelationFilter{
		Types:            a.types,
		Direction:        deref(a.direction),
		CounterpartKinds: a.counterpartKinds,
		MinConfidence:    deref(a.minConfidence),
		Statuses:         a.statuses,
		Clocks:           asStored(a.at),
	}
	if f.MinConfidence < 0 || f.MinConfidence > 1 {
		return nil, kg.FieldError("minConfidence", "must be between 0 and 1, got %v", f.MinConfidence)
	}
	l := loadersFrom(ctx, r.Store)
	views, err := l.relations.Load(ctx, relationKey{ID: obj.Base().ID, Filter: l.filters.of(f)})
	if err != nil {
		return nil, err
	}
	return model.RelationsOf(views), nil
}

func (r *Resolver) eventsOf(ctx context.Context, obj model.Entity, at kg.Clocks, statuses []kg.EventStatus) ([]*model.Event, error) {
	l := loadersFrom(ctx, r.Store)
	es, err := l.events.Load(ctx, listKey{ID: obj.Base().ID, Args: l.listArgs.of(listArgs{At: asStored(at), Statuses: statuses})})
	if err != nil {
		return nil, err
	}
	out := make([]*model.Event, len(es))
	for i, e := range es {
		out[i] = &model.Event{EntityRef: model.EntityRef{Entity: e}}
	}
	return out, nil
}

func (r *Resolver) tracksOf(ctx context.Context, obj model.Entity, at kg.Clocks) ([]*model.Track, error) {
	l := loadersFrom(ctx, r.Store)
	ts, err := l.tracks.Load(ctx, listKey{ID: obj.Base().ID, Args: l.listArgs.of(listArgs{At: asStored(at)})})
	if err != nil {
		return nil, err
	}
	out := make([]*model.Track, len(ts))
	for i, t := range ts {
		out[i] = &model.Track{EntityRef: model.EntityRef{Entity: t}}
	}
	return out, nil
}

// participantsOf reads an event's participants from its incoming PARTICIPATED_IN facts,
// through the same batching loader as every other relation read.
func (r *Resolver) participantsOf(ctx context.Context, obj model.Entity, at kg.Clocks) ([]*model.Participant, error) {
	in := kg.DirectionIn
	views, err := r.relationsOf(ctx, obj, relationArgs{types: []kg.RelationType{"PARTICIPATED_IN"}, direction: &in, at: at})
	if err != nil {
		return nil, err
	}
	// Taking part in an event that had not taken place on the day asked for is a plan.
	status := obj.Base().StatusOn(at.AsOf, at.KnownAt)
	planned := status != nil && status.Status.Planned()
	out := make([]*model.Participant, len(views))
	for i, v := range views {
		role := v.Role
		out[i] = &model.Participant{Entity: model.Wrap(v.FromEntity), Relation: v, Planned: planned}
		if role != "" {
			out[i].Role = &role
		}
	}
	return out, nil
}

// sourceTextOf reads a source's stored text through the batching loader, so that the texts
// of every source on one level of a query cost one round trip; a source without a text
// costs none.
func (r *Resolver) sourceTextOf(ctx context.Context, obj *model.Source) (*string, error) {
	if !obj.HasText {
		return nil, nil
	}
	text, err := loadersFrom(ctx, r.Store).texts.Load(ctx, obj.ID)
	if err != nil || text == "" {
		return nil, err
	}
	return &text, nil
}
