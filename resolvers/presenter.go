package resolvers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	gqlerrcode "github.com/99designs/gqlgen/graphql/errcode"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/health"
	"github.com/diplograph/diplograph/httpguard"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/requestid"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// ErrorPresenter shapes every GraphQL error: extensions.code always holds one of the
// domain's codes, a coded error keeps its user-facing message, and anything uncoded is
// logged in full and reaches the client only as "Internal error." Each error carries its
// request's id in extensions.requestId, and is counted in metrics by code.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := presentError(ctx, log, err)
		if id := requestid.From(ctx); id != "" {
			gerr.Extensions["requestId"] = id
		}
		code, _ := gerr.Extensions["code"].(string)
		metrics.ObserveError(ctx, code)
		return gerr
	}
}

// presentError gives err its code and its user-facing message.
func presentError(ctx context.Context, log *slog.Logger, err error) *gqlerror.Error {
	gerr := graphql.DefaultErrorPresenter(ctx, err)
	if gerr.Extensions == nil {
		gerr.Extensions = map[string]any{}
	}
	var coded *kg.Error
	var scalar *model.ScalarError
	switch {
	case errors.As(err, &scalar):
		field := lastPathName(gerr.Path)
		gerr.Message = field + ": " + scalar.Message
		gerr.Extensions["code"] = errcode.BadUserInput
		gerr.Extensions["field"] = field
	case errors.As(err, &coded):
		gerr.Message = kg.ErrorMessage(err)
		gerr.Extensions["code"] = coded.Code
		if coded.Field != "" {
			gerr.Extensions["field"] = coded.Field
		}
		noteRetry(ctx, coded.Code)
		if (coded.Code == errcode.Internal || coded.Code == errcode.Unavailable || coded.Code == errcode.Overloaded) && !errors.Is(err, health.ErrRefused) {
			log.ErrorContext(ctx, "request failed", "code", coded.Code, "err", err, "path", gerr.Path.String())
		}
	case isRequestError(gerr):
		gerr.Extensions["code"] = errcode.BadUserInput
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		// The request's deadline (httpguard.Deadline) passed outside the store, in a
		// loader waiting for its batch, say: the same answer as a slow database.
		gerr.Message = "The request did not finish within its deadline."
		gerr.Extensions = map[string]any{"code": errcode.Unavailable}
		noteRetry(ctx, errcode.Unavailable)
	default:
		log.ErrorContext(ctx, "internal error", "err", err, "path", gerr.Path.String())
		gerr.Message = kg.ErrorMessage(err)
		gerr.Extensions = map[string]any{"code": errcode.Internal}
	}
	return gerr
}

// lastPathName is the argument or input field a path ends in ("knownAt", "filter.asOf"'s
// "asOf"), or "input" when it names none.
func lastPathName(p ast.Path) string {
	for i := len(p) - 1; i >= 0; i-- {
		if name, ok := p[i].(ast.PathName); ok {
			return string(name)
		}
	}
	return "input"
}

// isRequestError tells errors about the request itself (parse, validation, variable
// coercion, transport limits), which are the client's to fix, from failures of ours.
func isRequestError(gerr *gqlerror.Error) bool {
	switch gerr.Extensions["code"] {
	case gqlerrcode.ValidationFailed, gqlerrcode.ParseFailed, errcode.BadUserInput:
		return true
	}
	// gqlgen reports argument and input coercion failures as plain errors on a path, with
	// the underlying cause in Err; those are input errors too.
	return gerr.Err == nil && gerr.Rule != ""
}

// RecoverFunc turns a panic in a resolver into an INTERNAL error, logged with its value.
func RecoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(v))
		return kg.Errorf(errcode.Internal, "Internal error.")
	}
}

// retryAfter is what UNAVAILABLE and OVERLOADED answers ask a client to wait: the health
// probe looks again within half of it.
const retryAfter = time.Second

// noteRetry is called by the error presenter for each error: a client told UNAVAILABLE or
// OVERLOADED should come back, and the header says when.
func noteRetry(ctx context.Context, code string) {
	if code == errcode.Unavailable || code == errcode.Overloaded {
		httpguard.NoteRetry(ctx, retryAfter)
	}
}
