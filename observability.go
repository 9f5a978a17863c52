package main

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/ratelimit"
	"github.com/diplograph/diplograph/requestid"
)

// metricsEndpoint serves /metrics: to anyone in the development profile, and in the
// production profile only to an admin's credentials (docs/observability.md shows a
// Prometheus scrape configuration with an API key).
func metricsEndpoint(c Config, log *slog.Logger) http.Handler {
	h := metrics.Handler()
	if c.Profile != "production" {
		return h
	}
	return c.Auth.WithAuthentication(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := kg.Authorize(r.Context(), kg.RoleAdmin); err != nil {
			writeRefused(w, r, err)
			return
		}
		h.ServeHTTP(w, r)
	}), log)
}

// writeRefused answers a non-GraphQL endpoint's refusal in the GraphQL error shape the
// clients already read: 401 without credentials, 403 with too low a role.
func writeRefused(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusForbidden
	var coded *kg.Error
	if errors.As(err, &coded) && coded.Code == errcode.Unauthenticated {
		status = http.StatusUnauthorized
		w.Header().Set("WWW-Authenticate", "Bearer")
	}
	ext := map[string]any{"code": kg.ErrorCode(err)}
	if id := requestid.From(r.Context()); id != "" {
		ext["requestId"] = id
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]any{{"message": kg.ErrorMessage(err), "extensions": ext}}})
}

// newRateLimiter builds the GraphQL endpoint's limiter; each refusal is counted, in
// metrics by scope and code, and logged at debug level (a flood would fill the log).
func newRateLimiter(c Config, log *slog.Logger) *ratelimit.Limiter {
	return ratelimit.New(c.RateLimit, func(r *http.Request, scope string) {
		metrics.RateLimited(scope)
		metrics.ObserveError(r.Context(), errcode.RateLimited)
		log.DebugContext(r.Context(), "rate limited", "scope", scope, "remote", r.RemoteAddr)
	})
}
