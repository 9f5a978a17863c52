package resolvers

import (
	"context"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// batcher collects the keys that sibling resolvers ask for and fetches them in one call.
// A batch closes when no new key has arrived for idle (or after maxWait in all), rather
// than a fixed time after its first key: gqlgen resolves list elements in goroutines, and
// on a busy machine a fixed window splits a level into several round trips. Results are
// kept for the request, so a key asked for twice is fetched once.
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
