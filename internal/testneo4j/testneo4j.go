// Package testneo4j gives tests a real, empty Neo4j. It uses NEO4J_URI when set; else,
// where a Docker engine answers and the image is present (DIPLOGRAPH_TEST_DOCKER: 0 never,
// 1 always), a container started with testcontainers-go's Neo4j module, which Main
// terminates; else the test instance that `make test` starts (scripts/neo4j-local with the
// test home, Bolt on 127.0.0.1:7688). The choice is logged once per test binary. With
// CI=true a missing database fails the test; elsewhere it skips with the command that
// starts one. A container that cannot be started always fails the test.
package testneo4j

import (
	"context"
	"fmt"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DefaultURI is where `make test` starts the test Neo4j.
const DefaultURI = "bolt://127.0.0.1:7688"

// Config is the database the tests use.
type Config struct {
	URI, User, Password, Database string
}

// FromEnv reads the test database's coordinates.
func FromEnv() Config {
	c := Config{URI: os.Getenv("NEO4J_URI"), User: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
	if c.URI == "" {
		c.URI = DefaultURI
	}
	if c.User == "" {
		c.User = "neo4j"
	}
	if c.Database == "" {
		c.Database = "neo4j"
	}
	return c
}

var (
	once      sync.Once
	shared    neo4j.DriverWithContext
	sharedCfg Config
	sharedErr error
	lockFile  *os.File
)

// Driver returns a driver to the test database, shared by the tests of one package.
func Driver(tb testing.TB) (neo4j.DriverWithContext, Config) {
	tb.Helper()
	once.Do(func() { shared, sharedCfg, sharedErr = open() })
	if isSetupError(sharedErr) {
		tb.Fatalf("testneo4j: %v", sharedErr)
	}
	if sharedErr != nil {
		msg := fmt.Sprintf("no Neo4j at %s: %v\nrun `make test`, or start one with `NEO4J_LOCAL_HOME=.data/neo4j-test NEO4J_LOCAL_BOLT_PORT=7688 NEO4J_LOCAL_HTTP_PORT=7475 scripts/neo4j-local start`, or set NEO4J_URI", sharedCfg.URI, sharedErr)
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return shared, sharedCfg
}

// MustOpenStore returns a store over an empty, migrated database. Test packages share one
// Neo4j, so the database is held with a file lock for the rest of the test binary's run:
// packages take turns, while compilation stays parallel.
func MustOpenStore(tb testing.TB) *cypher.Store {
	tb.Helper()
	driver, c := Driver(tb)
	lock(tb, c)
	ctx := context.Background()
	Wipe(tb, driver, c.Database)
	store := cypher.New(driver, cypher.Options{Database: c.Database, TxTimeout: 60 * time.Second})
	if _, err := store.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return store
}

// lock takes an exclusive lock named after the database, once per test binary.
func lock(tb testing.TB, c Config) {
	tb.Helper()
	if lockFile != nil {
		return
	}
	path := fmt.Sprintf("%s/diplograph-test-%x.lock", os.TempDir(), hash(c.URI+"/"+c.Database))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		tb.Fatalf("lock %s: %v", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		tb.Fatalf("lock %s: %v", path, err)
	}
	lockFile = f // held until the process exits
}

func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// Wipe deletes every node, in batches, so the next test starts from nothing. It refuses a
// database holding data that no test created: NEO4J_URI may point at real data by mistake.
func Wipe(tb testing.TB, driver neo4j.DriverWithContext, database string) {
	tb.Helper()
	ctx := context.Background()
	res, err := neo4j.ExecuteQuery(ctx, driver,
		`OPTIONAL MATCH (m:DiplographTestDatabase) WITH count(m) AS marked
		 OPTIONAL MATCH (n) RETURN marked, count(n) AS nodes`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database))
	if err != nil {
		tb.Fatalf("wipe: %v", err)
	}
	marked, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "marked")
	nodes, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "nodes")
	if marked == 0 && nodes > 0 {
		tb.Fatalf("the database %q holds %d nodes that no test created; refusing to wipe it. Point NEO4J_URI at an empty database for tests.", database, nodes)
	}
	// CALL IN TRANSACTIONS needs an auto-commit transaction, hence session.Run.
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: database})
	defer session.Close(ctx)
	for _, q := range []string{
		`MATCH (n) WHERE NOT n:DiplographTestDatabase CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`,
		`MERGE (:DiplographTestDatabase)`,
	} {
		result, err := session.Run(ctx, q, nil)
		if err == nil {
			_, err = result.Consume(ctx)
		}
		if err != nil {
			tb.Fatalf("wipe: %v", err)
		}
	}
}
