package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/requestid"
)

// Config is what the Authenticator accepts.
type Config struct {
	Keys []Key
	JWT  JWTConfig
	// AnonymousWrites makes every request without credentials act as an admin named
	// "anonymous". It exists for a developer's laptop only; the service warns loudly at
	// start-up when it is on, and the production profile refuses it.
	AnonymousWrites bool
}

// Authenticator turns a request's credentials into a kg.Principal.
type Authenticator struct {
	keys      map[string]Key // by hash
	jwt       JWTConfig
	anonymous *kg.Principal
	now       func() time.Time
}

// New builds an Authenticator. Returns an error for a JWT secret that is set but too
// short, or for two keys with the same hash (one secret cannot be two callers).
func New(c Config) (*Authenticator, error) {
	a := &Authenticator{keys: map[string]Key{}, jwt: c.JWT, now: time.Now}
	for _, k := range c.Keys {
		if other, dup := a.keys[k.Hash]; dup {
			return nil, fmt.Errorf("API keys %q and %q have the same hash", other.Name, k.Name)
		}
		a.keys[k.Hash] = k
	}
	if n := len(c.JWT.Secret); n > 0 && n < MinSecretLength {
		return nil, fmt.Errorf("DIPLOGRAPH_JWT_SECRET is %d bytes; HS256 needs at least %d", n, MinSecretLength)
	}
	if c.AnonymousWrites {
		a.anonymous = &kg.Principal{Name: "anonymous", Role: kg.RoleAdmin, Method: "anonymous"}
	}
	return a, nil
}

// errBadCredentials is what a client learns about credentials that do not verify,
// whatever the reason: the details are for the log.
var errBadCredentials = errors.New("the credentials are not valid")

// Authenticate returns the caller of r: nil (anonymous) when it sends no credentials, an
// error when it sends credentials that do not verify. A request sends at most one of
// "Authorization: Bearer <key or token>" and "X-API-Key: <key>"; a token is told from a key
// by its shape (three dot-separated parts).
func (a *Authenticator) Authenticate(r *http.Request) (*kg.Principal, error) {
	return a.AuthenticateHeader(r.Header)
}

// AuthenticateHeader is Authenticate for credentials that came in another envelope than a
// request's header: a WebSocket's connection_init payload.
func (a *Authenticator) AuthenticateHeader(h http.Header) (*kg.Principal, error) {
	authz, apiKey := h.Values("Authorization"), h.Values("X-Api-Key")
	switch {
	case len(authz)+len(apiKey) == 0:
		return a.anonymous, nil
	case len(authz)+len(apiKey) > 1:
		return nil, fmt.Errorf("%w: send one credential, not several", errBadCredentials)
	case len(apiKey) == 1:
		return a.checkKey(apiKey[0])
	}
	scheme, cred, ok := strings.Cut(strings.TrimSpace(authz[0]), " ")
	cred = strings.TrimSpace(cred)
	if !ok || !strings.EqualFold(scheme, "Bearer") || cred == "" {
		return nil, fmt.Errorf("%w: use Authorization: Bearer <key or token>", errBadCredentials)
	}
	if strings.Count(cred, ".") == 2 {
		if len(a.jwt.Secret) == 0 {
			return nil, fmt.Errorf("%w: tokens are not accepted here", errBadCredentials)
		}
		p, err := VerifyJWT(cred, a.jwt, a.now())
		if err != nil {
			return nil, fmt.Errorf("%w: %w", errBadCredentials, err)
		}
		return p, nil
	}
	return a.checkKey(cred)
}

// checkKey looks the key up by its hash. The lookup's timing depends only on the hash of
// the presented key, which tells an attacker nothing about any stored key.
func (a *Authenticator) checkKey(key string) (*kg.Principal, error) {
	k, ok := a.keys[HashKey(strings.TrimSpace(key))]
	if !ok {
		return nil, fmt.Errorf("%w: unknown API key", errBadCredentials)
	}
	return &kg.Principal{Name: k.Name, Role: k.Role, Method: "api-key"}, nil
}

// Middleware authenticates every request before next sees it. A request without
// credentials goes on as anonymous (the GraphQL layer decides what anonymous callers may
// read); one with credentials that do not verify gets 401 and a GraphQL-shaped error with
// extensions.code UNAUTHENTICATED, so an invalid or expired credential never reaches
// the database, not even for a read. onFailure, when set, logs the reason.
func (a *Authenticator) Middleware(next http.Handler, onFailure func(r *http.Request, err error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := a.Authenticate(r)
		if err != nil {
			if onFailure != nil {
				onFailure(r, err)
			}
			writeUnauthenticated(w, r, err)
			return
		}
		if p != nil {
			r = r.WithContext(kg.WithPrincipal(r.Context(), p))
		}
		next.ServeHTTP(w, r)
	})
}

func writeUnauthenticated(w http.ResponseWriter, r *http.Request, err error) {
	msg := "The credentials are not valid."
	desc := "invalid_token"
	if errors.Is(err, ErrExpired) {
		msg = "The token has expired."
	}
	ext := map[string]any{"code": errcode.Unauthenticated}
	if id := requestid.From(r.Context()); id != "" {
		ext["requestId"] = id
	}
	w.Header().Set("WWW-Authenticate", `Bearer error="`+desc+`"`)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusUnauthorized)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": ext}},
	})
}
