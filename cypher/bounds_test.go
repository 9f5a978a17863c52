package cypher_test

import (
	"context"
	"testing"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
)

// TestBounds_CheckedWhereSubstituted: a depth or hop count beyond kg's bounds, which only a
// caller that skipped Validate could send, is refused before it is written into a
// statement, naming the field, with no round trip.
func TestBounds_CheckedWhereSubstituted(t *testing.T) {
	s := testneo4j.MustOpenStore(t)
	ctx, trips := cypher.CountRoundTrips(context.Background())
	_, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{ID: "person/x", Depth: kg.MaxNeighborhoodDepth + 1, Limit: 10})
	if kg.ErrorCode(err) != errcode.BadUserInput || kg.ErrorField(err) != "depth" {
		t.Errorf("depth %d: %v, want BAD_USER_INPUT naming depth", kg.MaxNeighborhoodDepth+1, err)
	}
	_, err = s.Paths(ctx, kg.PathQuery{From: "person/x", To: "person/y", MaxHops: 0, First: 1})
	if kg.ErrorCode(err) != errcode.BadUserInput || kg.ErrorField(err) != "maxHops" {
		t.Errorf("maxHops 0: %v, want BAD_USER_INPUT naming maxHops", err)
	}
	if trips.Load() != 0 {
		t.Errorf("%d round trips for refused queries, want 0", trips.Load())
	}
}
