package auth

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/metrics"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// WithAuthentication puts the caller of every request to h in its context, and answers
// 401 UNAUTHENTICATED to credentials that do not verify before anything else runs.
func (s Settings) WithAuthentication(h http.Handler, log *slog.Logger) http.Handler {
	authn, err := New(s.authenticatorConfig())
	if err != nil {
		// Register's check built the same Authenticator already, so this cannot happen with a
		// loaded configuration; a hand-made one that is wrong must not serve anything.
		panic("auth configuration: " + err.Error())
	}
	return authn.Middleware(h, func(r *http.Request, err error) {
		metrics.ObserveError(r.Context(), errcode.Unauthenticated)
		log.InfoContext(r.Context(), "credentials refused", "remote", r.RemoteAddr, "reason", err)
	})
}

// ReadCheck refuses every operation of a caller below reader when anonymous reads are
// off. It runs before the document is parsed or validated, so a refused caller learns
// nothing: neither the data nor, from validation's messages, the schema. Mutations and
// admin fields are checked again, per field, by @hasRole.
type ReadCheck struct{ AnonymousReads bool }

var (
	_ graphql.HandlerExtension          = ReadCheck{}
	_ graphql.OperationParameterMutator = ReadCheck{}
)

func (ReadCheck) ExtensionName() string                   { return "ReadCheck" }
func (ReadCheck) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator: the first step
// of every operation, before parsing.
func (r ReadCheck) MutateOperationParameters(ctx context.Context, _ *graphql.RawParams) *gqlerror.Error {
	if r.AnonymousReads {
		return nil
	}
	if err := kg.Authorize(ctx, kg.RoleReader); err != nil {
		// The presenter finds the coded error through Err and gives it its code.
		return &gqlerror.Error{Message: kg.ErrorMessage(err), Err: err}
	}
	return nil
}
