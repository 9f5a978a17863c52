package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/ratelimit"
	"github.com/diplograph/diplograph/requestid"
)

// Config is every setting of the service, read from the environment (see the README's
// table) and overridable by flags. Defaults are safe for a laptop; the production profile
// turns off what a public endpoint should not offer.
type Config struct {
	Addr     string
	Profile  string
	LogLevel slog.Level
	LogJSON  bool

	Neo4jURI      string
	Neo4jUser     string
	Neo4jPassword string
	Neo4jDatabase string
	// ConnectTimeout is how long start-up keeps retrying an unreachable database.
	ConnectTimeout time.Duration
	TxTimeout      time.Duration
	// RequestTimeout is every HTTP request's deadline; what is left of it bounds each
	// transaction, and the server's write timeout is a little longer (httpguard).
	RequestTimeout time.Duration
	// Driver sizes the connection pool and its timeouts (cypher.DriverOptions).
	Driver cypher.DriverOptions
	// HealthInterval is the database probe's period while it is up (health.Options).
	HealthInterval time.Duration

	Introspection bool
	Playground    bool
	// Seed lists data files imported (idempotently) at start-up.
	Seed []string

	// Auth is who may read and write (auth_config.go).
	Auth AuthConfig
	// RateLimit is each client's share (ratelimit_config.go).
	RateLimit ratelimit.Config
	// Live is the subscriptions' bus and bounds (live_config.go).
	Live LiveConfig

	MaxBodyBytes  int64
	MaxDepth      int
	MaxAliases    int
	MaxTokens     int
	MaxComplexity int
	ShutdownGrace time.Duration
}

// String prints the configuration with the secret masked, for the start-up log.
func (c Config) String() string {
	pw := ""
	if c.Neo4jPassword != "" {
		pw = "****"
	}
	return fmt.Sprintf("addr=%s profile=%s neo4j=%s user=%s password=%s database=%s introspection=%t playground=%t seed=%v %s %s",
		c.Addr, c.Profile, c.Neo4jURI, c.Neo4jUser, pw, c.Neo4jDatabase, c.Introspection, c.Playground, c.Seed, c.Auth, rateLimitString(c.RateLimit))
}

// loadConfig reads the environment, then flags (which win).
func loadConfig(fs *flag.FlagSet, args []string) (Config, error) {
	var c Config
	var errs []string
	env := func(key, def string) string {
		if v, ok := os.LookupEnv(key); ok {
			return v
		}
		return def
	}
	envBool := func(key string, def bool) bool {
		v, err := strconv.ParseBool(env(key, strconv.FormatBool(def)))
		if err != nil {
			errs = append(errs, key+": not a boolean")
		}
		return v
	}
	envInt := func(key string, def int) int {
		v, err := strconv.Atoi(env(key, strconv.Itoa(def)))
		if err != nil || v < 0 {
			errs = append(errs, key+": not a non-negative integer")
		}
		return v
	}
	envDur := func(key string, def time.Duration) time.Duration {
		v, err := time.ParseDuration(env(key, def.String()))
		if err != nil || v <= 0 {
			errs = append(errs, key+": not a positive duration such as 10s")
		}
		return v
	}

	c.Profile = env("DIPLOGRAPH_PROFILE", "development")
	production := c.Profile == "production"
	if c.Profile != "development" && !production {
		errs = append(errs, "DIPLOGRAPH_PROFILE: use development or production")
	}
	fs.StringVar(&c.Addr, "addr", env("DIPLOGRAPH_ADDR", ":8080"), "HTTP listen address")
	fs.StringVar(&c.Neo4jURI, "neo4j-uri", env("NEO4J_URI", "bolt://127.0.0.1:7687"), "Neo4j URI (bolt://, neo4j://, neo4j+s://)")
	fs.StringVar(&c.Neo4jUser, "neo4j-user", env("NEO4J_USERNAME", "neo4j"), "Neo4j user")
	c.Neo4jPassword = env("NEO4J_PASSWORD", "")
	fs.StringVar(&c.Neo4jDatabase, "neo4j-database", env("NEO4J_DATABASE", "neo4j"), "Neo4j database, named on every query")
	fs.DurationVar(&c.ConnectTimeout, "connect-timeout", envDur("DIPLOGRAPH_CONNECT_TIMEOUT", 60*time.Second), "how long to retry the database at start-up")
	fs.DurationVar(&c.TxTimeout, "tx-timeout", envDur("DIPLOGRAPH_TX_TIMEOUT", 10*time.Second), "server-side timeout of each transaction")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", envDur("DIPLOGRAPH_REQUEST_TIMEOUT", 15*time.Second), "deadline of every request, database time included")
	d := cypher.DefaultDriverOptions
	fs.IntVar(&c.Driver.PoolSize, "neo4j-pool-size", envInt("DIPLOGRAPH_NEO4J_POOL_SIZE", d.PoolSize), "most connections to Neo4j")
	fs.DurationVar(&c.Driver.AcquireTimeout, "neo4j-acquire-timeout", envDur("DIPLOGRAPH_NEO4J_ACQUIRE_TIMEOUT", d.AcquireTimeout), "wait for a free connection before OVERLOADED")
	fs.DurationVar(&c.Driver.ConnectTimeout, "neo4j-connect-timeout", envDur("DIPLOGRAPH_NEO4J_CONNECT_TIMEOUT", d.ConnectTimeout), "TCP connect timeout to Neo4j")
	fs.DurationVar(&c.HealthInterval, "health-interval", envDur("DIPLOGRAPH_HEALTH_INTERVAL", 500*time.Millisecond), "database probe period while it is up; 500 ms while down")
	fs.BoolVar(&c.Introspection, "introspection", envBool("DIPLOGRAPH_INTROSPECTION", !production), "allow schema introspection")
	fs.BoolVar(&c.Playground, "playground", envBool("DIPLOGRAPH_PLAYGROUND", !production), "serve the GraphiQL playground")
	seed := fs.String("seed", env("DIPLOGRAPH_SEED", ""), "comma-separated data files to import at start-up")
	fs.Int64Var(&c.MaxBodyBytes, "max-body-bytes", int64(envInt("DIPLOGRAPH_MAX_BODY_BYTES", 1<<20)), "largest request body")
	fs.IntVar(&c.MaxDepth, "max-depth", envInt("DIPLOGRAPH_MAX_DEPTH", 12), "deepest query")
	fs.IntVar(&c.MaxAliases, "max-aliases", envInt("DIPLOGRAPH_MAX_ALIASES", 50), "most aliases in one query")
	fs.IntVar(&c.MaxTokens, "max-tokens", envInt("DIPLOGRAPH_MAX_TOKENS", 10000), "most lexical tokens in one query")
	fs.IntVar(&c.MaxComplexity, "max-complexity", envInt("DIPLOGRAPH_MAX_COMPLEXITY", 200000), "complexity budget of one query")
	fs.DurationVar(&c.ShutdownGrace, "shutdown-grace", envDur("DIPLOGRAPH_SHUTDOWN_GRACE", 20*time.Second), "time in-flight requests get to finish on SIGTERM")
	level := fs.String("log-level", env("DIPLOGRAPH_LOG_LEVEL", "info"), "debug, info, warn or error")
	format := fs.String("log-format", env("DIPLOGRAPH_LOG_FORMAT", "text"), "text or json")
	finishAuth := c.Auth.register(fs, env, envBool, production)
	finishRateLimit := registerRateLimit(&c.RateLimit, fs, env, production)
	c.Live.register(fs, env, envInt)
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if err := c.LogLevel.UnmarshalText([]byte(*level)); err != nil {
		errs = append(errs, "log level: use debug, info, warn or error")
	}
	c.LogJSON = *format == "json"
	for _, s := range strings.Split(*seed, ",") {
		if s = strings.TrimSpace(s); s != "" {
			c.Seed = append(c.Seed, s)
		}
	}
	if c.ShutdownGrace <= c.RequestTimeout {
		errs = append(errs, "DIPLOGRAPH_SHUTDOWN_GRACE: must be longer than DIPLOGRAPH_REQUEST_TIMEOUT, so that a request in flight at SIGTERM can finish")
	}
	if c.TxTimeout > c.RequestTimeout {
		errs = append(errs, "DIPLOGRAPH_TX_TIMEOUT: longer than DIPLOGRAPH_REQUEST_TIMEOUT, which bounds it anyway")
	}
	if c.Driver.PoolSize < 1 {
		errs = append(errs, "DIPLOGRAPH_NEO4J_POOL_SIZE: at least 1")
	}
	errs = append(errs, finishAuth()...)
	errs = append(errs, finishRateLimit()...)
	if len(errs) > 0 {
		return c, fmt.Errorf("configuration: %s", strings.Join(errs, "; "))
	}
	return c, nil
}

// newLogger writes to stderr; every line logged with a request's context carries its
// request_id (requestid.Handler).
func newLogger(c Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogJSON {
		return slog.New(requestid.NewHandler(slog.NewJSONHandler(os.Stderr, opts)))
	}
	return slog.New(requestid.NewHandler(slog.NewTextHandler(os.Stderr, opts)))
}
