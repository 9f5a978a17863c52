package resolvers

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/kg"
)

// The batching rule. Every entity on one level of an operation asks for its relations,
// events or tracks, and those asks must become one store call per distinct set of
// arguments, so that an operation's round trips are fixed by its shape, not by how much data
// it returns. That holds because of three things, all of them needed:
//
//   - gqlgen marshals each element of a list of objects in a goroutine of its own, and
//     graph.marshalList (graph/marshal_list.go) keeps doing so whenever the elements select
//     a field resolved concurrently (graph/concurrent_fields.generated.go lists them: every
//     loader-backed field is one), so sibling Loads arrive at about the same time;
//   - a batcher closes its batch only when no new key has come for idle, so siblings
//     scheduled late on a busy machine still join it;
//   - the keys below compare by value, so siblings asking with equal arguments share a key
//     group and so one store call.
//
// TestGraphQL_RoundTripsDoNotGrowWithData (analysis_test.go) counts the round trips of a
// deep query, exactly, on the seed and on 26 times the rows.
type loaders struct {
	relations *batcher[relationKey, []kg.RelationView]
	events    *batcher[listKey, []*kg.Entity]
	tracks    *batcher[listKey, []*kg.Entity]
	texts     *batcher[string, string]

	filters  interned[kg.RelationFilter]
	listArgs interned[listArgs]
}

// relationKey is one entity's relations under one filter. Filter is interned per request
// (loaders.filters), so equal filters are one pointer and the key compares by value; the
// loader passes the filter on as it came.
type relationKey struct {
	ID     string
	Filter *kg.RelationFilter
}

// listKey is one entity's events or tracks under one set of arguments, interned likewise.
type listKey struct {
	ID   string
	Args *listArgs
}

// listArgs are the arguments of Entity.events (the times and the statuses filter) and of
// Entity.tracks (the times alone).
type listArgs struct {
	At       kg.Clocks
	Statuses []kg.EventStatus
}

type loadersKey struct{}

func newLoaders(store kg.Store) *loaders {
	return &loaders{
		filters:  interned[kg.RelationFilter]{same: sameFilter},
		listArgs: interned[listArgs]{same: func(a, b listArgs) bool { return sameClocks(a.At, b.At) && slices.Equal(a.Statuses, b.Statuses) }},
		relations: newBatcher(func(ctx context.Context, keys []relationKey) (map[relationKey][]kg.RelationView, error) {
			out := map[relationKey][]kg.RelationView{}
			for filter, ids := range groupIDs(keys, func(k relationKey) (*kg.RelationFilter, string) { return k.Filter, k.ID }) {
				byID, err := store.RelationsOf(ctx, ids, *filter)
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
		out := map[listKey][]*kg.Entity{}
		for args, ids := range groupIDs(keys, func(k listKey) (*listArgs, string) { return k.Args, k.ID }) {
			byID, err := fetch(ctx, ids, args.At, args.Statuses)
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				out[listKey{id, args}] = byID[id]
			}
		}
		return out, nil
	})
}

// groupIDs gathers a batch's ids by their interned arguments: one store call per group.
func groupIDs[K any, A comparable](keys []K, split func(K) (A, string)) map[A][]string {
	groups := map[A][]string{}
	for _, k := range keys {
		args, id := split(k)
		groups[args] = append(groups[args], id)
	}
	return groups
}

// interned hands out one pointer per distinct value (by same) for the life of a request,
// which makes a key holding it comparable by value. A request asks with a handful of
// distinct arguments at most, so a list scanned under a lock is enough.
type interned[T any] struct {
	same func(a, b T) bool
	mu   sync.Mutex
	seen []*T
}

func (in *interned[T]) of(v T) *T {
	in.mu.Lock()
	defer in.mu.Unlock()
	for _, p := range in.seen {
		if in.same(*p, v) {
			return p
		}
	}
	in.seen = append(in.seen, &v)
	return &v
}

func sameFilter(a, b kg.RelationFilter) bool {
	return slices.Equal(a.Types, b.Types) && a.Direction == b.Direction &&
		slices.Equal(a.CounterpartKinds, b.CounterpartKinds) && a.MinConfidence == b.MinConfidence &&
		slices.Equal(a.Statuses, b.Statuses) && sameClocks(a.Clocks, b.Clocks)
}

// asStored gives the times as the store reads them, asOf a day (midnight UTC) and knownAt an
// instant in UTC, so that whichever of several equal clocks is interned first, the store is
// asked the same.
func asStored(at kg.Clocks) kg.Clocks {
	if at.AsOf != nil {
		day, _ := time.Parse(time.DateOnly, at.AsOf.Format(time.DateOnly))
		at.AsOf = &day
	}
	if at.KnownAt != nil {
		utc := at.KnownAt.UTC()
		at.KnownAt = &utc
	}
	return at
}

// sameClocks compares asOf by its day and knownAt by its instant, as the store reads them.
func sameClocks(a, b kg.Clocks) bool {
	return sameTime(a.AsOf, b.AsOf, func(x, y time.Time) bool { return x.Format(time.DateOnly) == y.Format(time.DateOnly) }) &&
		sameTime(a.KnownAt, b.KnownAt, time.Time.Equal)
}

func sameTime(a, b *time.Time, same func(x, y time.Time) bool) bool {
	if a == nil || b == nil {
		return a == b
	}
	return same(*a, *b)
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

// batcher collects the keys that sibling resolvers ask for and fetches them in one call.
// A batch closes when no new key has arrived for idle (or after maxWait in all), rather
// than a fixed time after its first key: on a busy machine a fixed window splits a level
// into several round trips (the batching rule above). Results are kept for the request, so
// a key asked for twice is fetched once.
type batcher[K comparable, V any] struct {
	fetch   func(ctx context.Context, keys []K) (map[K]V, error)
	idle    time.Duration
	maxWait time.Duration

	mu    sync.Mutex
	open  *batch[K, V]
	known map[K]*batch[K, V]
}

type batch[K comparable, V any] struct {
	ctx     context.Context
	keys    []K
	started time.Time
	timer   *time.Timer
	done    chan struct{}
	values  map[K]V
	err     error
}

func newBatcher[K comparable, V any](fetch func(context.Context, []K) (map[K]V, error)) *batcher[K, V] {
	return &batcher[K, V]{fetch: fetch, idle: 5 * time.Millisecond, maxWait: 100 * time.Millisecond, known: map[K]*batch[K, V]{}}
}

// Load returns the value for key, fetched together with the other keys of its batch.
func (b *batcher[K, V]) Load(ctx context.Context, key K) (V, error) {
	b.mu.Lock()
	bt, ok := b.known[key]
	fetchNow := false
	if !ok {
		bt = b.open
		if bt == nil {
			bt = &batch[K, V]{ctx: ctx, started: time.Now(), done: make(chan struct{})}
			bt.timer = time.AfterFunc(b.idle, func() { b.close(bt) })
			b.open = bt
		} else if time.Since(bt.started) < b.maxWait {
			bt.timer.Reset(b.idle)
		}
		bt.keys = append(bt.keys, key)
		b.known[key] = bt
		// A field outside any list has no siblings to wait for: fetch now, in this
		// goroutine, rather than hand the fetch to the timer's and wait to be woken.
		fetchNow = !inList(ctx)
	}
	b.mu.Unlock()
	if fetchNow {
		bt.timer.Stop()
		b.close(bt)
	}
	select {
	case <-bt.done:
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
	return bt.values[key], bt.err
}

// close ends the batch and fetches its keys; a batch is closed once.
func (b *batcher[K, V]) close(bt *batch[K, V]) {
	b.mu.Lock()
	if b.open != bt {
		b.mu.Unlock()
		return
	}
	b.open = nil
	keys := bt.keys
	b.mu.Unlock()
	bt.values, bt.err = b.fetch(bt.ctx, keys)
	close(bt.done)
}

// inList reports whether the field being resolved sits under a list element. Only then can
// sibling resolvers share a batch, so only then is waiting for them worth its latency.
func inList(ctx context.Context) bool {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if fc.Index != nil {
			return true
		}
	}
	return false
}
