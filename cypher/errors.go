package cypher

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// mapError is the one place where Neo4j's failures become the domain's codes. The original
// error stays wrapped, for the log; the code and message are what a client sees.
func mapError(op string, err error) error {
	if err == nil {
		return nil
	}
	var coded *kg.Error
	if errors.As(err, &coded) {
		return err
	}
	var nerr *neo4j.Neo4jError
	switch {
	case errors.Is(err, context.Canceled):
		return wrap(op, kg.Errorf(kg.EUNAVAILABLE, "The request was cancelled."), err)
	case errors.Is(err, context.DeadlineExceeded):
		return wrap(op, kg.Errorf(kg.EUNAVAILABLE, "The database did not answer in time."), err)
	case errors.As(err, &nerr):
		switch {
		case strings.HasPrefix(nerr.Code, "Neo.ClientError.Schema.ConstraintValidationFailed"):
			return wrap(op, kg.Errorf(kg.ECONFLICT, "The change conflicts with data already in the graph."), err)
		case strings.Contains(nerr.Code, "Transaction.TransactionTimedOut"),
			strings.Contains(nerr.Code, "TransactionTimedOutClientConfiguration"):
			return wrap(op, kg.Errorf(kg.EUNAVAILABLE, "The query took longer than the per-transaction limit."), err)
		case strings.HasPrefix(nerr.Code, "Neo.ClientError.Security."):
			return wrap(op, kg.Errorf(kg.EUNAVAILABLE, "The service cannot authenticate to its database."), err)
		case strings.HasPrefix(nerr.Code, "Neo.TransientError."),
			strings.HasPrefix(nerr.Code, "Neo.ClientError.Cluster."),
			strings.HasPrefix(nerr.Code, "Neo.ClientError.Database.DatabaseNotFound"):
			return wrap(op, kg.Errorf(kg.EUNAVAILABLE, "The database is not available right now."), err)
		}
		return fmt.Errorf("%s: %w", op, err)
	case isConnectivity(err):
		return wrap(op, kg.Errorf(kg.EUNAVAILABLE, "The database is not reachable."), err)
	}
	return fmt.Errorf("%s: %w", op, err)
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
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "ConnectivityError") ||
		strings.Contains(msg, "no such host") || strings.Contains(msg, "i/o timeout")
}

// codedError keeps the domain code for the client and the cause for the log.
type codedError struct {
	coded *kg.Error
	cause error
}

func wrap(op string, coded *kg.Error, cause error) error {
	return &codedError{coded: coded, cause: fmt.Errorf("%s: %w", op, cause)}
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
