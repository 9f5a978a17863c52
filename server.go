package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/dashboard"
	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/graphqlhttp"
	"github.com/diplograph/diplograph/httpguard"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
	"github.com/diplograph/diplograph/livehttp"
	"github.com/diplograph/diplograph/metrics"
	"github.com/diplograph/diplograph/playground"
	"github.com/diplograph/diplograph/querylimit"
	"github.com/diplograph/diplograph/requestid"
	"github.com/diplograph/diplograph/resolvers"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/vektah/gqlparser/v2/ast"
)

// openDriver connects to Neo4j, retrying with exponential backoff until ConnectTimeout:
// a service started together with its database must wait for it, not crash.
func openDriver(ctx context.Context, c Config, log *slog.Logger) (neo4j.DriverWithContext, error) {
	auth := neo4j.NoAuth()
	if c.Neo4jPassword != "" {
		auth = neo4j.BasicAuth(c.Neo4jUser, c.Neo4jPassword, "")
	}
	driver, err := neo4j.NewDriverWithContext(c.Neo4jURI, auth, func(conf *neo4j.Config) {
		c.Driver.Configure(conf)
		metrics.SetPoolMax(conf.MaxConnectionPoolSize)
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j driver for %s: %w", c.Neo4jURI, err)
	}
	deadline := time.Now().Add(c.ConnectTimeout)
	wait := 250 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err = driver.VerifyConnectivity(ctx)
		if err == nil {
			log.Info("connected to neo4j", "uri", c.Neo4jURI, "database", c.Neo4jDatabase, "attempts", attempt)
			return driver, nil
		}
		if time.Now().Add(wait).After(deadline) || ctx.Err() != nil {
			_ = driver.Close(context.Background())
			return nil, fmt.Errorf("neo4j at %s not reachable after %s: %w", c.Neo4jURI, c.ConnectTimeout, err)
		}
		log.Warn("neo4j not reachable yet; retrying", "uri", c.Neo4jURI, "in", wait, "err", err)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
		}
		wait = min(wait*2, 5*time.Second)
	}
}

// newGraphQLHandler builds the GraphQL endpoint: spec-compliant POST and GET transports, a
// parsed-query cache, the request limits, the error presenter, per-request loaders, and
// access control (authentication, the read check, @hasRole: docs/auth.md).
//
// Subscriptions come from the store's hub when store publishes (live.Store, as runService
// makes it); any other store is given an in-process bus here, so that every handler serves
// them.
func newGraphQLHandler(c Config, store kg.Store, log *slog.Logger) http.Handler {
	ls, ok := store.(*live.Store)
	if !ok {
		ls = live.Wrap(store, live.NewMemory(c.Live.hubOptions(), live.Reader(store, log)), log)
	}
	r := &resolvers.Resolver{Store: ls, Logger: log, Limits: resolvers.DefaultLimits, Live: ls.Hub()}
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: r,
		Directives: graph.DirectiveRoot{HasRole: resolvers.HasRole}}))
	// The streaming transports first: gqlgen picks the first that supports a request, and
	// the POST transport takes every JSON POST, SSE's included.
	srv.AddTransport(transport.SSE{KeepAlivePingInterval: streamKeepAlive})
	srv.AddTransport(websocketTransport(c, log))
	post, get := graphqlhttp.New(c.MaxBodyBytes)
	srv.AddTransport(post)
	srv.AddTransport(get)
	// First of all, before parsing: a caller refused here learns nothing of the schema.
	srv.Use(readCheck{anonymousReads: c.Auth.AnonymousReads})
	srv.SetDisableSuggestion(c.Profile == "production")
	srv.Use(metrics.Operations{}) // before the limits, so that a refused operation is still named
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(c.MaxTokens)
	srv.Use(querylimit.New(querylimit.Limits{MaxDepth: c.MaxDepth, MaxAliases: c.MaxAliases, MaxTokens: c.MaxTokens,
		Introspection: querylimit.StandardIntrospection}, 1000))
	srv.Use(&querylimit.Complexity{Limit: c.MaxComplexity, Cost: querylimit.SchemaCost})
	if c.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	// No AroundFields: the executor reads plain struct fields without field middleware
	// (internal/gqlgen/plainfields.go), so one would see only the fields that resolve.
	srv.SetErrorPresenter(errorPresenter(log))
	srv.SetRecoverFunc(recoverFunc(log))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if graphql.GetOperationContext(ctx).Operation.Operation == ast.Subscription {
			return next(ctx) // loaders per event (below): a subscription's would cache for ever
		}
		return next(r.WithLoaders(ctx))
	})
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		if op := graphql.GetOperationContext(ctx).Operation; op != nil && op.Operation == ast.Subscription {
			return next(r.WithLoaders(ctx))
		}
		return next(ctx)
	})
	return guardRequests(c, metrics.GraphQL(withAuthentication(c, newRateLimiter(c, log).Middleware(srv), log)))
}

// routes wires the HTTP endpoints, each request with its id (requestid). ready turns false
// first on shutdown, so a load balancer stops sending traffic before in-flight requests drain.
func routes(c Config, store kg.Store, gql http.Handler, ready *atomic.Bool) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/graphql", gql)
	mux.Handle("GET /export/{format}", exportRoute(c, store))
	mux.Handle("GET /metrics", metricsEndpoint(c, slog.Default()))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !ready.Load() {
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		if err := databaseReady(req.Context(), store); err != nil {
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
	// The dashboard reads only the public API, so it is served wherever the API is.
	mux.Handle("/explore/", http.StripPrefix("/explore", dashboard.Handler()))
	if c.Playground {
		mux.Handle("/playground/", http.StripPrefix("/playground", playground.Handler("diplograph", "/graphql",
			playground.WithDefaultQuery(firstQuery))))
		mux.Handle("GET /{$}", http.RedirectHandler("/playground/", http.StatusFound))
	}
	return requestid.Middleware(mux)
}

// firstQuery is what the playground opens with; the README shows the same query.
const firstQuery = `# Who links the Ukraine peace talks and the Gaza Board of Peace?
{
  entity(id: "person/vladimir-putin") {
    name
    ... on Person {
      relations(minConfidence: 0.8) {
        type
        role
        to { id name }
        validFrom { value precision }
        quote
        sources { title published { value } }
      }
      tracks { id name }
    }
  }
}
`

// serve runs the HTTP server until ctx is cancelled, then shuts down in order: readiness
// fails, in-flight requests drain for up to ShutdownGrace, and the caller closes the driver.
func serve(ctx context.Context, c Config, h http.Handler, ready *atomic.Bool, log *slog.Logger) error {
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	return serveListener(ctx, c, ln, h, ready, log)
}

func serveListener(ctx context.Context, c Config, ln net.Listener, h http.Handler, ready *atomic.Bool, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      httpguard.WriteTimeout(c.RequestTimeout),
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// Subscriptions' streams end when shutdown begins; other requests drain.
	streams, endStreams := context.WithCancel(context.Background())
	defer endStreams()
	srv.BaseContext = func(net.Listener) context.Context { return livehttp.WithShutdown(context.Background(), streams) }
	srv.RegisterOnShutdown(endStreams)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	ready.Store(true)
	base := "http://" + displayAddr(ln.Addr())
	log.Info("serving", "graphql", base+"/graphql", "explore", base+"/explore/", "playground", playgroundURL(c, base), "healthz", base+"/healthz", "readyz", base+"/readyz")
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	ready.Store(false)
	log.Info("shutting down: readiness off, draining requests", "grace", c.ShutdownGrace)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), c.ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func playgroundURL(c Config, base string) string {
	if !c.Playground {
		return "(disabled)"
	}
	return base + "/playground/"
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// newStore wraps the driver in the Neo4j store.
func newStore(driver neo4j.DriverWithContext, c Config) *cypher.Store {
	return cypher.New(driver, cypher.Options{Database: c.Neo4jDatabase, TxTimeout: c.TxTimeout, OnRoundTrip: metrics.RoundTrip})
}
