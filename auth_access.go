package main

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/kg"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// withAuthentication puts the caller of every GraphQL request in its context, and answers
// 401 UNAUTHENTICATED to credentials that do not verify before anything else runs.
func withAuthentication(c Config, h http.Handler, log *slog.Logger) http.Handler {
	authn, err := auth.New(c.Auth.authConfig())
	if err != nil {
		// loadConfig built the same Authenticator already, so this cannot happen with a
		// loaded configuration; a hand-made one that is wrong must not serve anything.
		panic("auth configuration: " + err.Error())
	}
	return authn.Middleware(h, func(r *http.Request, err error) {
		log.Info("credentials refused", "remote", r.RemoteAddr, "reason", err)
	})
}

// readAccess refuses every operation of a caller below reader when anonymous reads are
// off. It runs before execution, so a refused caller learns nothing about the data.
// Mutations and admin fields are checked again, per field, by @hasRole.
func readAccess(anonymousReads bool, present graphql.ErrorPresenterFunc) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if anonymousReads {
			return next(ctx)
		}
		if err := kg.Authorize(ctx, kg.RoleReader); err != nil {
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{present(ctx, err)}})
		}
		return next(ctx)
	}
}
