package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestFaults is the service under faults (issue 19, docs/operations.md): its own Neo4j,
// killed and restarted under load, backed up and restored, and two replicas restarted in
// turn behind nginx. One instance serves the three, in order, to keep the suite short.
func TestFaults(t *testing.T) {
	db := startFaultNeo4j(t)
	t.Run("KillAndRestartUnderLoad", func(t *testing.T) { testKillAndRestart(t, db) })
	t.Run("RollingRestartBehindNginx", func(t *testing.T) { testRollingRestart(t, db) })
	// Last: it backs up what the others wrote (the seed at least; every replica imports it).
	t.Run("BackupAndRestore", func(t *testing.T) { testBackupAndRestore(t, db) })
}

// faultRequestTimeout is the request deadline that every answer must keep, under faults.
// Transactions get as long (migrations and the seed at start-up have no request deadline,
// and a freshly started Neo4j on a busy machine is slow to answer the first of them).
const faultRequestTimeout = 10 * time.Second

// faultLoadRate is the fault tests' arrival rate, requests a second: modest, since the
// suite runs under the race detector beside every other suite on a small machine; the
// faults, not the throughput, are under test.
const faultLoadRate = 8

// faultServiceArgs are the flags of a service on db that the fault tests run.
func faultServiceArgs(db *faultNeo4j, addr string) []string {
	return []string{"-addr", addr, "-neo4j-uri", db.uri(), "-seed", "data/seed.yaml", "-dev-anonymous-writes=true",
		"-request-timeout", faultRequestTimeout.String(), "-tx-timeout", faultRequestTimeout.String(), "-shutdown-grace", (faultRequestTimeout + 5*time.Second).String()}
}

// inProcessService runs runService in this process (so that its goroutines can be
// counted) and returns its base URL, its log, and a function that stops it and returns
// runService's error.
func inProcessService(t *testing.T, db *faultNeo4j) (string, *syncBuffer, func() error) {
	t.Helper()
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	c, err := loadConfig(flag.NewFlagSet("faults", flag.ContinueOnError), faultServiceArgs(db, addr))
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runService(ctx, c, slog.New(slog.NewTextHandler(logs, nil))) }()
	stop := func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			return fmt.Errorf("the service did not stop within 30 s of its context ending")
		}
	}
	base := "http://" + addr
	if err := waitReady(base, 3*time.Minute, done); err != nil {
		_ = stop()
		t.Fatalf("%v\nservice log:\n%s", err, logs)
	}
	return base, logs, stop
}

// waitReady polls /readyz until it answers 200, the service exits, or timeout passes.
func waitReady(base string, timeout time.Duration, exited <-chan error) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: time.Second}
	defer client.CloseIdleConnections()
	for time.Now().Before(deadline) {
		if resp, err := client.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-exited:
			return fmt.Errorf("the service at %s exited before it was ready: %v", base, err)
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("no 200 from %s/readyz within %s", base, timeout)
}

// syncBuffer is a log destination that the service and the test share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
