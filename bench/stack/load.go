package stack

import (
	"cmp"
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Load (TestLoadQuery) offers requests at a fixed arrival rate (an open loop: a slow answer does
// not slow the next arrival), over GraphQL and then raw, and logs latency percentiles. Each
// latency counts from the request's scheduled arrival, so queueing in the client shows up
// rather than hiding (no coordinated omission). Bounded: rate × seconds requests, at most
// 200 in flight (more count as dropped), 10 s each.
//
//	BENCH_LOAD_QUERIES=entity,search  (query types; default entity)
//	BENCH_LOAD_RATE=50                (requests per second)
//	BENCH_LOAD_SECONDS=20
func Load(t *testing.T, env *Env) {
	rate := envFloat(t, "BENCH_LOAD_RATE", 50)
	secs := envFloat(t, "BENCH_LOAD_SECONDS", 20)
	if rate <= 0 || rate > 1000 || secs <= 0 || secs > 300 {
		t.Fatalf("BENCH_LOAD_RATE must be in (0, 1000] and BENCH_LOAD_SECONDS in (0, 300]; got %v and %v", rate, secs)
	}
	want := strings.Split(cmp.Or(os.Getenv("BENCH_LOAD_QUERIES"), "entity"), ",")
	for _, q := range benchQueries(t) {
		if !slices.Contains(want, q.name) {
			continue
		}
		t.Run(q.name, func(t *testing.T) {
			gql, raw := env.ops(t, q)
			for _, side := range []struct {
				name string
				op   func(context.Context) error
			}{{"graphql", gql}, {"raw", raw}} {
				r := openLoop(rate, time.Duration(secs*float64(time.Second)), side.op)
				t.Logf("LOAD %s/%s rate=%.0f/s n=%d ok=%d errors=%d dropped=%d p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms",
					q.name, side.name, rate, r.offered, len(r.lat), r.errors, r.dropped,
					ms(percentile(r.lat, 0.50)), ms(percentile(r.lat, 0.90)), ms(percentile(r.lat, 0.99)), ms(percentile(r.lat, 1)))
				// Errors and drops are results here (the rate is more than the database
				// sustains); ops has already checked that both sides answer.
				if r.firstErr != nil {
					t.Logf("%s/%s: first error: %v", q.name, side.name, r.firstErr)
				}
			}
		})
	}
}

type loadResult struct {
	offered, errors, dropped int
	lat                      []time.Duration // successful requests, sorted
	firstErr                 error
}

func openLoop(rate float64, d time.Duration, op func(context.Context) error) loadResult {
	const maxInFlight = 200
	n := int(rate * d.Seconds())
	interval := time.Duration(float64(time.Second) / rate)
	var (
		mu  sync.Mutex
		r   = loadResult{offered: n}
		wg  sync.WaitGroup
		sem = make(chan struct{}, maxInFlight)
	)
	start := time.Now()
	for i := range n {
		due := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(due))
		select {
		case sem <- struct{}{}:
		default:
			mu.Lock()
			r.dropped++
			mu.Unlock()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := op(ctx)
			took := time.Since(due)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				r.errors++
				if r.firstErr == nil {
					r.firstErr = err
				}
				return
			}
			r.lat = append(r.lat, took)
		}()
	}
	wg.Wait()
	slices.Sort(r.lat)
	return r
}

func envFloat(t *testing.T, key string, def float64) float64 {
	t.Helper()
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", key, v, err)
	}
	return f
}
