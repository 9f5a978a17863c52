package resolvers

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// loaders batch the nested reads of one GraphQL operation: every entity on a level asks
// for its relations, events or tracks, and the batcher turns those asks into one store call
// per distinct set of arguments. That keeps an operation's round trips fixed by its shape,
// not by how much data it returns.
type loaders struct {
	relations *batcher[relationKey, []kg.RelationView]
	events    *batcher[listKey, []*kg.Entity]
	tracks    *batcher[listKey, []*kg.Entity]
	texts     *batcher[string, string]
}

// relationKey is an entity id and its filter, encoded so that it can be a map key.
type relationKey struct {
	ID     string
	Filter string
}

type listKey struct {
	ID string
	At clocksKey
	// EventStatuses, joined by commas: the events filter (tracks have none).
	EventStatuses string
}

// groupKey is what one store call shares: the times and the filter.
type groupKey struct {
	At            clocksKey
	EventStatuses string
}

// clocksKey is kg.Clocks by value, so that equal times batch together.
type clocksKey struct{ AsOf, KnownAt string }

func keyOf(at kg.Clocks) clocksKey {
	k := clocksKey{AsOf: dateKey(at.AsOf)}
	if at.KnownAt != nil {
		k.KnownAt = at.KnownAt.UTC().Format(time.RFC3339Nano)
	}
	return k
}

func (k clocksKey) clocks() (kg.Clocks, error) {
	var at kg.Clocks
	if k.AsOf != "" {
		t, err := time.Parse(time.DateOnly, k.AsOf)
		if err != nil {
			return at, err
		}
		at.AsOf = &t
	}
	if k.KnownAt != "" {
		t, err := time.Parse(time.RFC3339Nano, k.KnownAt)
		if err != nil {
			return at, err
		}
		at.KnownAt = &t
	}
	return at, nil
}

type loadersKey struct{}

func newLoaders(store kg.Store) *loaders {
	return &loaders{
		relations: newBatcher(func(ctx context.Context, keys []relationKey) (map[relationKey][]kg.RelationView, error) {
			groups := map[string][]string{}
			for _, k := range keys {
				groups[k.Filter] = append(groups[k.Filter], k.ID)
			}
			out := map[relationKey][]kg.RelationView{}
			for filter, ids := range groups {
				var f kg.RelationFilter
				if err := json.Unmarshal([]byte(filter), &f); err != nil {
					return nil, err
				}
				byID, err := store.RelationsOf(ctx, ids, f)
				if err != nil {
					return nil, err
				}
				for _, id := range ids {
					out[relationKey{id, filter}] = byID[id]
				}
			}
			return out, nil
		}),
		events: listLoader(store.EventsOf),
		texts: newBatcher(func(ctx context.Context, ids []string) (map[string]string, error) {
			return store.SourceTexts(ctx, ids)
		}),
		tracks: listLoader(func(ctx context.Context, ids []string, at kg.Clocks, _ []kg.EventStatus) (map[string][]*kg.Entity, error) {
			return store.TracksOf(ctx, ids, at)
		}),
	}
}

func listLoader(fetch func(context.Context, []string, kg.Clocks, []kg.EventStatus) (map[string][]*kg.Entity, error)) *batcher[listKey, []*kg.Entity] {
	return newBatcher(func(ctx context.Context, keys []listKey) (map[listKey][]*kg.Entity, error) {
		groups := map[groupKey][]string{}
		for _, k := range keys {
			g := groupKey{k.At, k.EventStatuses}
			groups[g] = append(groups[g], k.ID)
		}
		out := map[listKey][]*kg.Entity{}
		for key, ids := range groups {
			at, err := key.At.clocks()
			if err != nil {
				return nil, err
			}
			var statuses []kg.EventStatus
			for _, s := range strings.Split(key.EventStatuses, ",") {
				if s != "" {
					statuses = append(statuses, kg.EventStatus(s))
				}
			}
			byID, err := fetch(ctx, ids, at, statuses)
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				out[listKey{id, key.At, key.EventStatuses}] = byID[id]
			}
		}
		return out, nil
	})
}

// WithLoaders gives a request its own loaders; the server wraps every operation with it, so
// nothing is cached across requests.
func (r *Resolver) WithLoaders(ctx context.Context) context.Context {
	return context.WithValue(ctx, loadersKey{}, newLoaders(r.Store))
}

func loadersFrom(ctx context.Context, store kg.Store) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	// Without the middleware (a unit test calling a resolver directly) batching is lost,
	// but answers stay right.
	return newLoaders(store)
}

func dateKey(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}
