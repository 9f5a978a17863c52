package cypher

import (
	"context"
	"time"
)

// deadlineMargin is the part of a call's remaining time kept back from Neo4j's transaction
// timeout, so that Neo4j ends a slow query (and frees its memory and locks) before the
// caller's context gives up on it, and the client hears why.
const (
	deadlineMargin    = time.Second
	minTxTimeout      = 50 * time.Millisecond
	marginShareOfTime = 4 // at most a quarter of a short remaining time
)

// txTimeoutFor is the transaction timeout for a call: the configured one, or less when the
// context's deadline (the request's, httpguard.Deadline) comes first. A context with too
// little time left fails at once with its deadline error, without a round trip.
func txTimeoutFor(ctx context.Context, configured time.Duration) (time.Duration, error) {
	deadline, ok := ctx.Deadline()
	if !ok {
		return configured, nil
	}
	left := time.Until(deadline)
	left -= min(deadlineMargin, left/marginShareOfTime)
	if left < minTxTimeout {
		return 0, context.DeadlineExceeded
	}
	return min(configured, left), nil
}
