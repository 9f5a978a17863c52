package resolvers

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

func TestBatcher(t *testing.T) {
	var fetches atomic.Int32
	b := newBatcher(func(_ context.Context, keys []int) (map[int]int, error) {
		fetches.Add(1)
		out := map[int]int{}
		for _, k := range keys {
			out[k] = k * 10
		}
		return out, nil
	})
	t.Run("SiblingsInAListShareOneFetch", func(t *testing.T) {
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				ctx := graphql.WithFieldContext(context.Background(), &graphql.FieldContext{Index: &i})
				if v, err := b.Load(ctx, i%10); err != nil || v != (i%10)*10 {
					t.Errorf("Load(%d) = %d, %v", i%10, v, err)
				}
			}(i)
		}
		wg.Wait()
		if n := fetches.Load(); n != 1 {
			t.Errorf("%d fetches for 20 sibling loads of 10 keys, want 1", n)
		}
	})
	t.Run("KnownKeyIsNotFetchedAgain", func(t *testing.T) {
		before := fetches.Load()
		if v, _ := b.Load(context.Background(), 3); v != 30 || fetches.Load() != before {
			t.Errorf("a loaded key was fetched again")
		}
	})
	t.Run("OutsideAListFetchesAtOnce", func(t *testing.T) {
		if v, err := b.Load(context.Background(), 42); err != nil || v != 420 {
			t.Errorf("Load(42) = %d, %v", v, err)
		}
	})
	t.Run("OutsideAListFetchesInTheCallersGoroutine", func(t *testing.T) {
		caller, fetcher := goroutineID(), ""
		own := newBatcher(func(_ context.Context, keys []int) (map[int]int, error) {
			fetcher = goroutineID()
			return map[int]int{keys[0]: 1}, nil
		})
		if v, err := own.Load(context.Background(), 7); err != nil || v != 1 {
			t.Fatalf("Load(7) = %d, %v", v, err)
		}
		if fetcher != caller {
			t.Errorf("fetched on goroutine %s, not the caller's %s", fetcher, caller)
		}
	})
}

// goroutineID is the number in the first line of this goroutine's stack trace.
func goroutineID() string {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	return strings.Fields(string(buf))[1]
}
