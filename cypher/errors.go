package cypher

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// mapError is the one place where Neo4j's failures become the domain's codes. The original
// error stays wrapped, for the log; the code and message are what a client sees. Errors that
// say the database cannot be reached are marked down, for the health view (Options.Health).
func mapError(op string, err error) error {
	if err == nil {
		return nil
	}
	var coded *kg.Error
	if errors.As(err, &coded) {
		return err
	}
	cause := lastAttempt(err)
	var nerr *neo4j.Neo4jError
	switch {
	case errors.Is(cause, context.Canceled), contextEnded(cause, context.Canceled):
		return wrap(op, kg.Errorf(errcode.Unavailable, "The request was cancelled."), err)
	case errors.Is(cause, context.DeadlineExceeded), contextEnded(cause, context.DeadlineExceeded):
		// The caller's deadline passed while the driver waited on the database: slow, not gone.
		return wrap(op, kg.Errorf(errcode.Unavailable, "The database did not answer in time."), err)
	case errors.As(cause, &nerr):
		switch {
		case strings.HasPrefix(nerr.Code, "Neo.ClientError.Schema.ConstraintValidationFailed"):
			return wrap(op, kg.Errorf(errcode.Conflict, "The change conflicts with data already in the graph."), err)
		case strings.Contains(nerr.Code, "Transaction.TransactionTimedOut"),
			strings.Contains(nerr.Code, "TransactionTimedOutClientConfiguration"):
			return wrap(op, kg.Errorf(errcode.Unavailable, "The query took longer than the per-transaction limit."), err)
		case strings.Contains(nerr.Code, "Transaction.LockClientStopped"),
			strings.Contains(nerr.Code, "Transaction.Terminated"):
			// Ended from outside while it ran or waited for a lock: its timeout, or the
			// database stopping. Nothing was written; it is safe to try again.
			return wrap(op, kg.Errorf(errcode.Unavailable, "The transaction was ended before it finished; try again."), err)
		case strings.HasPrefix(nerr.Code, "Neo.ClientError.Security."):
			return wrapDown(op, kg.Errorf(errcode.Unavailable, "The service cannot authenticate to its database."), err)
		case strings.HasPrefix(nerr.Code, "Neo.TransientError."),
			strings.HasPrefix(nerr.Code, "Neo.ClientError.Cluster."),
			strings.HasPrefix(nerr.Code, "Neo.ClientError.Database.DatabaseNotFound"):
			return wrapDown(op, kg.Errorf(errcode.Unavailable, "The database is not available right now."), err)
		}
		return fmt.Errorf("%s: %w", op, err)
	case poolExhausted(cause):
		// Every connection was busy for the whole acquisition timeout: the database is up,
		// the service is at its limit. Not UNAVAILABLE, which would send operators looking
		// for an outage.
		return wrap(op, kg.Errorf(errcode.Overloaded, "The service is busy; try again shortly."), err)
	case isConnectivity(cause):
		return wrapDown(op, kg.Errorf(errcode.Unavailable, "The database is not reachable."), err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// contextEnded: the driver reports a context that ended during a read or write on a
// connection as a ConnectivityError around the context's error, which does not unwrap. A
// pool wait that timed out is the same kind of error with other words (poolExhausted).
func contextEnded(err, ctxErr error) bool {
	var conn *neo4j.ConnectivityError
	if !errors.As(err, &conn) || conn.Inner == nil {
		return false
	}
	return errors.Is(conn.Inner, ctxErr) || conn.Inner.Error() == ctxErr.Error()
}

// lastAttempt is the failure of the driver's last try when it gave up retrying
// (TransactionExecutionLimit, which does not unwrap), else err itself.
func lastAttempt(err error) error {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		return limit.Errors[len(limit.Errors)-1]
	}
	return err
}

// poolExhausted tells a wait for a busy pool that timed out from a database that does not
// answer. The driver's types for it are internal, so its own words are matched: a pool
// timeout whose cause is the acquisition deadline (a dial that timed out names the dial),
// or a full pool.
func poolExhausted(err error) bool {
	var conn *neo4j.ConnectivityError
	if !errors.As(err, &conn) || conn.Inner == nil {
		return false
	}
	msg := conn.Inner.Error()
	switch {
	case strings.HasPrefix(msg, "No idle connections on any of"):
		return true
	case strings.HasPrefix(msg, "Timeout while waiting for connection to any of"):
		return strings.HasSuffix(msg, context.DeadlineExceeded.Error()) || strings.HasSuffix(msg, context.Canceled.Error())
	}
	return false
}

func isConnectivity(err error) bool {
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) {
		return true
	}
	var usage *neo4j.UsageError
	if errors.As(err, &usage) {
		return false
	}
	msg := err.Error()
	// A server that accepts connections but is not (or no longer) serving Bolt answers the
	// handshake with no version: a Neo4j starting up or shutting down.
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "ConnectivityError") ||
		strings.Contains(msg, "no such host") || strings.Contains(msg, "i/o timeout") ||
		strings.Contains(msg, "Bolt versions are supported")
}

// codedError keeps the domain code for the client and the cause for the log. down says the
// cause shows the database unreachable, not merely this request failing.
type codedError struct {
	coded *kg.Error
	cause error
	down  bool
}

func wrap(op string, coded *kg.Error, cause error) error {
	return &codedError{coded: coded, cause: fmt.Errorf("%s: %w", op, cause)}
}

func wrapDown(op string, coded *kg.Error, cause error) error {
	return &codedError{coded: coded, cause: fmt.Errorf("%s: %w", op, cause), down: true}
}

// DatabaseDown reports whether err, returned by the store, says the database cannot be
// reached (as opposed to a slow query, a busy pool or a bad request).
func DatabaseDown(err error) bool {
	var c *codedError
	return errors.As(err, &c) && c.down
}

func (e *codedError) Error() string { return e.coded.Message + ": " + e.cause.Error() }

// As exposes the domain error to kg.ErrorCode and kg.ErrorMessage.
func (e *codedError) As(target any) bool {
	if t, ok := target.(**kg.Error); ok {
		*t = e.coded
		return true
	}
	return false
}

func (e *codedError) Unwrap() error { return e.cause }
