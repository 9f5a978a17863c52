package main

import (
	"flag"
	"io"
	"log/slog"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/auth"
	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/diplograph/diplograph/kg"
)

// The set-up of this package's end-to-end tests: the service as `diplograph serve` builds
// it, over a store. What does not need the root package (requests, credentials, the seed
// graph) is in internal/servicetest.

// The credentials of the write tests: one API key per role, and tokens signed with
// jwtSecret (or, forged, with another one).
const (
	readerKey = "reader-key-0123456789abcdef"
	editorKey = "editor-key-0123456789abcdef"
	adminKey  = "admin-key-0123456789abcdefg"
)

var jwtSecret = []byte("jwt-secret-for-tests-0123456789abcdef")

func jwtFor(t *testing.T, sub, role string, exp time.Time, secret []byte) string {
	t.Helper()
	tok, err := auth.SignJWT(auth.Claims{Subject: sub, Role: role, ExpiresAt: exp.Unix()}, secret)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// testConfig is the default configuration, as `diplograph serve` would load it.
func testConfig(t *testing.T) Config {
	t.Helper()
	c, err := loadConfig(flag.NewFlagSet("test", flag.ContinueOnError), nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// authConfig is the default configuration with one key per role and a JWT secret.
func authConfig(t *testing.T) Config {
	t.Helper()
	c := testConfig(t)
	c.Auth.Keys = []auth.Key{
		{Name: "rita-reader", Role: kg.RoleReader, Hash: auth.HashKey(readerKey)},
		{Name: "ed-editor", Role: kg.RoleEditor, Hash: auth.HashKey(editorKey)},
		{Name: "ada-admin", Role: kg.RoleAdmin, Hash: auth.HashKey(adminKey)},
	}
	c.Auth.JWT = auth.JWTConfig{Secret: jwtSecret}
	return c
}

// serveLogged serves the service's routes from store with configuration c, logging to log.
func serveLogged(t *testing.T, c Config, store kg.Store, log *slog.Logger) *httptest.Server {
	t.Helper()
	var ready atomic.Bool
	ready.Store(true)
	srv := httptest.NewServer(routes(c, store, newGraphQLHandler(c, store, log), &ready))
	t.Cleanup(srv.Close)
	return srv
}

// newServerWith serves store with configuration c, logging nothing.
func newServerWith(t *testing.T, c Config, store kg.Store) *httptest.Server {
	t.Helper()
	return serveLogged(t, c, store, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// newTestServer serves store with the default configuration.
func newTestServer(t *testing.T, store kg.Store) *httptest.Server {
	t.Helper()
	return newServerWith(t, testConfig(t), store)
}

// seededServer serves the seed graph from the real test Neo4j.
func seededServer(t *testing.T) (*httptest.Server, *cypher.Store) {
	t.Helper()
	store := servicetest.SeededStore(t)
	return newTestServer(t, store), store
}
