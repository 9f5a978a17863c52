package stack

import (
	"context"
	"testing"

	"github.com/diplograph/diplograph/kg"
)

// StoreVsRaw (BenchmarkStoreVsRaw) splits BenchmarkQuery's difference for the two largest answers: it
// pairs the store's call (the same statements, then decoding into domain types) with the
// raw statements, without HTTP or gqlgen. What BenchmarkQuery's diff has beyond this
// diff is the service above the store.
//
//	NEO4J_BENCH_URI=bolt://127.0.0.1:7694 go test -run '^$' -bench BenchmarkStoreVsRaw -benchtime 300x .
//
// store is the one env's service is built on.
func StoreVsRaw(b *testing.B, env *Env, store kg.Store) {
	calls := map[string]func(context.Context) error{
		"neighborhood": func(ctx context.Context) error {
			_, err := store.Neighborhood(ctx, kg.NeighborhoodQuery{ID: benchPerson, Depth: 2, Limit: 100, Brief: true})
			return err
		},
		"paths": func(ctx context.Context) error {
			_, err := store.Paths(ctx, kg.PathQuery{From: benchPerson, To: benchCountry, MaxHops: 4, First: 5})
			return err
		},
	}
	for _, q := range benchQueries(b) {
		call := calls[q.name]
		if call == nil {
			continue
		}
		b.Run(q.name, func(b *testing.B) {
			raw := func(ctx context.Context) error { _, err := env.raw(ctx, q.stmts); return err }
			lat := measure(b, call, raw)
			b.ReportMetric(ms(percentile(lat[0], 0.50)), "store-p50-ms")
			b.ReportMetric(ms(percentile(lat[1], 0.50)), "raw-p50-ms")
			b.ReportMetric(ms(percentile(lat[2], 0.50)), "diff-p50-ms")
		})
	}
}
