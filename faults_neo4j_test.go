package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// faultNeo4j is a Neo4j of the fault tests' own (scripts/neo4j-local, home
// .data/neo4j-faults, free loopback ports), so that killing it disturbs no other suite.
type faultNeo4j struct {
	t          *testing.T
	home       string
	bolt, http int
	driver     neo4j.DriverWithContext // a direct connection, for the tests' own checks
}

// startFaultNeo4j starts the instance, empties it, and stops it when the test ends.
func startFaultNeo4j(t *testing.T) *faultNeo4j {
	t.Helper()
	home, err := filepath.Abs(".data/neo4j-faults")
	if err != nil {
		t.Fatal(err)
	}
	db := &faultNeo4j{t: t, home: home, bolt: freePort(t), http: freePort(t)}
	shareClasspath(t, home)
	db.script(t, "stop") // a run that was itself killed may have left one behind
	db.script(t, "start")
	t.Cleanup(func() {
		db.script(t, "stop")
		_ = db.driver.Close(context.Background())
	})
	db.cypher(t, `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`, nil)
	return db
}

// connect (re)opens the tests' own driver: after a restart its pooled connections are dead.
func (db *faultNeo4j) connect(t *testing.T) {
	t.Helper()
	if db.driver != nil {
		_ = db.driver.Close(context.Background())
	}
	db.driver = db.newDriver(t)
}

// newDriver is a driver of the caller's own; the caller closes it.
func (db *faultNeo4j) newDriver(t *testing.T) neo4j.DriverWithContext {
	t.Helper()
	driver, err := neo4j.NewDriverWithContext(db.uri(), neo4j.NoAuth(), func(c *neo4j.Config) {
		c.SocketConnectTimeout = 500 * time.Millisecond
	})
	if err != nil {
		t.Fatal(err)
	}
	return driver
}

func (db *faultNeo4j) uri() string { return fmt.Sprintf("bolt://127.0.0.1:%d", db.bolt) }

// script runs scripts/neo4j-local for this instance.
func (db *faultNeo4j) script(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command("scripts/neo4j-local", args...)
	cmd.Env = append(os.Environ(), "NEO4J_LOCAL_HOME="+db.home,
		"NEO4J_LOCAL_BOLT_PORT="+strconv.Itoa(db.bolt), "NEO4J_LOCAL_HTTP_PORT="+strconv.Itoa(db.http),
		"NEO4J_LOCAL_HEAP=512m", "NEO4J_LOCAL_PAGECACHE=128m", "NEO4J_LOCAL_TIMEOUT=300")
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/neo4j-local %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	t.Logf("scripts/neo4j-local %s: %s", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
	if args[0] != "stop" {
		db.connect(t)
	}
}

// kill sends SIGKILL to the server and waits until it is gone.
func (db *faultNeo4j) kill(t *testing.T) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(db.home, "run", "neo4j.pid"))
	if err != nil {
		t.Fatalf("kill: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("kill: pid file: %v", err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill %d: %v", pid, err)
	}
	for syscall.Kill(pid, 0) == nil {
		time.Sleep(10 * time.Millisecond)
	}
}

// answers reports whether the database runs a query now, in one attempt, through driver.
func answers(driver neo4j.DriverWithContext) bool {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: "neo4j"})
	defer session.Close(ctx)
	res, err := session.Run(ctx, "RETURN 1", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	return err == nil
}

func (db *faultNeo4j) cypher(t *testing.T, q string, params map[string]any) []*neo4j.Record {
	t.Helper()
	session := db.driver.NewSession(context.Background(), neo4j.SessionConfig{DatabaseName: "neo4j"})
	defer session.Close(context.Background())
	res, err := session.Run(context.Background(), q, params)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	records, err := res.Collect(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return records
}

func (db *faultNeo4j) count(t *testing.T, q string, params map[string]any) int64 {
	t.Helper()
	recs := db.cypher(t, q, params)
	if len(recs) != 1 {
		t.Fatalf("%s: %d rows", q, len(recs))
	}
	n, _ := recs[0].Values[0].(int64)
	return n
}

// shareClasspath copies the Neo4j classpath that scripts/neo4j-local resolved with Maven for
// another home (the test Neo4j's), so that this home does not resolve it again.
func shareClasspath(t *testing.T, home string) {
	t.Helper()
	if found, _ := filepath.Glob(filepath.Join(home, "classpath-*.txt")); len(found) > 0 {
		return
	}
	others, _ := filepath.Glob(filepath.Join(filepath.Dir(home), "*", "classpath-*.txt"))
	if len(others) == 0 {
		return
	}
	b, err := os.ReadFile(others[0])
	if err != nil {
		return
	}
	if err := os.MkdirAll(home, 0o755); err == nil {
		_ = os.WriteFile(filepath.Join(home, filepath.Base(others[0])), b, 0o644)
	}
}

// freePort is a loopback port that nothing listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
