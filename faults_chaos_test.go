package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/errcode"
)

// testKillAndRestart is the chaos test and the set test in one fault: a mixed read and
// write load at a fixed rate through the real HTTP service while its Neo4j is killed with
// SIGKILL and started again. Every request must succeed or get UNAVAILABLE (with
// Retry-After) within its deadline; while the database is known down, answers come at
// once; /readyz follows the database; the service stops cleanly with no goroutine left; and
// every write the client saw acknowledged is in the graph once and whole, as is every write
// it did not (retried on UNAVAILABLE until acknowledged).
func testKillAndRestart(t *testing.T, db *faultNeo4j) {
	goroutinesBefore := runtime.NumGoroutine()
	base, logs, stop := inProcessService(t, db)
	warmUp(t, base)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("service log:\n%s", logs)
		}
	})
	client := newFaultClient(base, faultRequestTimeout+5*time.Second)

	watchCtx, endWatch := context.WithCancel(context.Background())
	readyz := watchReadyz(watchCtx, t, base, 20*time.Millisecond)

	var (
		writesMu         sync.Mutex
		attempted, acked []string
	)
	loadCtx, endLoad := context.WithCancel(context.Background())
	// Writes retry on UNAVAILABLE until acknowledged, for at most this long after the load.
	retryUntil := func() bool { return loadCtx.Err() == nil }
	var retryDeadline time.Time
	var retryMu sync.Mutex
	loadDone := make(chan []outcome, 1)
	go func() {
		loadDone <- openLoad(loadCtx, faultLoadRate, func(i int) []outcome {
			switch i % 4 {
			case 1:
				return []outcome{client.readSearch()}
			case 0:
				id := fmt.Sprintf("event/set-test-%d-%d", time.Now().Unix(), i)
				writesMu.Lock()
				attempted = append(attempted, id)
				writesMu.Unlock()
				var tries []outcome
				wait := time.Second
				for {
					o := client.recordEvent(id, i)
					tries = append(tries, o)
					if o.transport == nil && o.code == "" {
						writesMu.Lock()
						acked = append(acked, id)
						writesMu.Unlock()
						return tries
					}
					if o.code != errcode.Unavailable && o.code != errcode.Overloaded && o.transport == nil {
						return tries // not retryable: the assertions below report it
					}
					retryMu.Lock()
					late := !retryUntil() && time.Now().After(retryDeadline)
					retryMu.Unlock()
					if late {
						return tries
					}
					// As a client should: no sooner than Retry-After, backing off to 8 s, with
					// jitter, so that the writes queued during an outage do not all return at once.
					time.Sleep(wait + time.Duration(rand.Int64N(int64(wait/2))))
					wait = min(2*wait, 8*time.Second)
				}
			default:
				return []outcome{client.readEntity()}
			}
		})
	}()

	time.Sleep(5 * time.Second) // load on a healthy database first
	killedAt := time.Now()
	db.kill(t)
	t.Logf("neo4j killed at %s", killedAt.Format("15:04:05.000"))
	time.Sleep(3 * time.Second) // down, under load

	// Start it again; note when it first answers a query, as seen from outside the service.
	restartedAt := time.Now()
	var answeredAt time.Time
	answerCtx, endAnswer := context.WithCancel(context.Background())
	answered := make(chan struct{})
	watcher := db.newDriver(t)
	defer watcher.Close(context.Background())
	go func() {
		defer close(answered)
		for answerCtx.Err() == nil {
			if answers(watcher) {
				answeredAt = time.Now()
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	db.script(t, "start")
	select {
	case <-answered:
	case <-time.After(30 * time.Second):
	}
	endAnswer()
	<-answered
	if answeredAt.IsZero() {
		t.Fatal("neo4j-local start returned but the database answers no query")
	}
	t.Logf("neo4j restarted at %s, answering at %s", restartedAt.Format("15:04:05.000"), answeredAt.Format("15:04:05.000"))
	time.Sleep(3 * time.Second) // load on the recovered database

	retryMu.Lock()
	retryDeadline = time.Now().Add(30 * time.Second)
	retryMu.Unlock()
	endLoad()
	outcomes := <-loadDone
	endWatch()
	<-readyz.done
	client.close()
	if err := stop(); err != nil {
		t.Errorf("the service ended with: %v", err)
	}

	checkOutcomes(t, outcomes, killedAt, answeredAt)
	checkReadyz(t, readyz, killedAt, answeredAt)
	if strings.Contains(logs.String(), "panic") {
		t.Errorf("the service log mentions a panic:\n%s", logs)
	}
	checkNoGoroutineLeak(t, goroutinesBefore)
	checkWrites(t, db, attempted, acked)
}

// checkOutcomes: success or UNAVAILABLE with Retry-After, always within the deadline; fast
// refusals while the database is known down; success once it is back.
func checkOutcomes(t *testing.T, outcomes []outcome, killedAt, answeredAt time.Time) {
	t.Helper()
	slices.SortFunc(outcomes, func(a, b outcome) int { return a.start.Compare(b.start) })
	var ok, unavailable, overloaded, okBefore, okAfter, recoveredRefused int
	var downLatencies []time.Duration
	failures := map[string][]outcome{}
	fail := func(why string, o outcome) { failures[why] = append(failures[why], o) }
	for _, o := range outcomes {
		switch {
		case o.transport != nil, o.code != "" && o.code != errcode.Unavailable && o.code != errcode.Overloaded:
			fail("neither success nor UNAVAILABLE", o)
			continue
		case o.took() > faultRequestTimeout+2*time.Second: // the deadline, and a loaded machine's scheduling
			fail("past its deadline of "+faultRequestTimeout.String(), o)
		}
		switch o.code {
		case "":
			ok++
			if o.end.Before(killedAt) {
				okBefore++
			}
			if o.start.After(answeredAt) {
				okAfter++
			}
			continue
		case errcode.Overloaded:
			// The writes queued during the outage come back together: the honest answer
			// to that herd is OVERLOADED, and only after the database is back.
			overloaded++
			if o.start.Before(answeredAt) {
				fail("OVERLOADED while the database was down", o)
			}
		default:
			unavailable++
		}
		if o.retryAfter == "" {
			fail("no Retry-After", o)
		}
		// Known down: a second after the kill, until shortly before the database answers.
		if o.code == errcode.Unavailable && o.start.After(killedAt.Add(time.Second)) && o.end.Before(answeredAt.Add(-500*time.Millisecond)) {
			downLatencies = append(downLatencies, o.took())
		}
		if o.end.Before(killedAt) {
			fail("refused before the kill", o)
		}
		if o.start.After(answeredAt) {
			recoveredRefused++
		}
	}
	for why, list := range failures {
		t.Errorf("%d requests %s; the first: %v", len(list), why, list[:min(5, len(list))])
	}
	t.Logf("%d requests: %d succeeded (%d before the kill, %d after Neo4j answered again), %d UNAVAILABLE, %d OVERLOADED (%d refusals after Neo4j answered again, most of them writes queued during the outage)",
		len(outcomes), ok, okBefore, okAfter, unavailable, overloaded, recoveredRefused)
	if okBefore == 0 {
		t.Error("no request succeeded before the kill")
	}
	if okAfter == 0 {
		t.Error("no request succeeded after Neo4j answered again")
	}
	if len(downLatencies) < 20 {
		t.Fatalf("only %d requests while the database was down; the test measures nothing", len(downLatencies))
	}
	slices.Sort(downLatencies)
	p50, p95 := downLatencies[len(downLatencies)/2], downLatencies[len(downLatencies)*95/100]
	t.Logf("while down: %d refusals, p50 %s, p95 %s, max %s", len(downLatencies), p50, p95, downLatencies[len(downLatencies)-1])
	if p95 > 100*time.Millisecond {
		t.Errorf("refusals while the database is known down take %s at p95; want under 100 ms", p95)
	}
}

func checkReadyz(t *testing.T, w *readyzWatch, killedAt, answeredAt time.Time) {
	t.Helper()
	down := w.firstAfter(killedAt, 503)
	up := w.firstAfter(answeredAt, 200)
	switch {
	case down.IsZero():
		t.Errorf("/readyz never answered 503 after the kill: %v", w.changes)
	case down.Sub(killedAt) > time.Second:
		t.Errorf("/readyz answered 503 %s after the kill; want within 1 s", down.Sub(killedAt))
	default:
		t.Logf("/readyz 503 %s after the kill", down.Sub(killedAt).Round(time.Millisecond))
	}
	switch {
	case up.IsZero():
		t.Errorf("/readyz never answered 200 after the database came back: %v", w.changes)
	case up.Sub(answeredAt) > 2*time.Second:
		t.Errorf("/readyz answered 200 %s after the database answered; want within 2 s", up.Sub(answeredAt))
	default:
		t.Logf("/readyz 200 %s after the database answered", up.Sub(answeredAt).Round(time.Millisecond))
	}
}

// checkNoGoroutineLeak waits for the stopped service's goroutines to end.
func checkNoGoroutineLeak(t *testing.T, before int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+2 {
		t.Errorf("%d goroutines after the service stopped, %d before it started", n, before)
		_ = pprof.Lookup("goroutine").WriteTo(os.Stderr, 1)
	}
}

// checkWrites is the set test's verdict, read from the database itself: each acknowledged
// write once and whole; each unacknowledged one whole or absent.
func checkWrites(t *testing.T, db *faultNeo4j, attempted, acked []string) {
	t.Helper()
	if len(acked) == 0 || len(attempted) < 10 {
		t.Fatalf("%d writes attempted, %d acknowledged: too few to test", len(attempted), len(acked))
	}
	recs := db.cypher(t, `UNWIND $ids AS id
		OPTIONAL MATCH (e:Entity {id: id})
		WITH id, count(e) AS nodes, collect(e)[0] AS e
		OPTIONAL MATCH (:Entity)-[r:PARTICIPATED_IN]->(e)
		WITH id, nodes, e, count(r) AS parts
		OPTIONAL MATCH (c:Change {entityId: id})
		RETURN id, nodes, parts, count(c) AS changes, e.name AS name`, map[string]any{"ids": attempted})
	isAcked := map[string]bool{}
	for _, id := range acked {
		isAcked[id] = true
	}
	var present, changesPerWrite int64 = 0, -1
	for _, r := range recs {
		id := r.Values[0].(string)
		nodes, parts, changes := r.Values[1].(int64), r.Values[2].(int64), r.Values[3].(int64)
		switch {
		case nodes == 0 && isAcked[id]:
			t.Errorf("lost write: %s was acknowledged but is not in the graph", id)
		case nodes == 0:
			if parts != 0 || changes != 0 {
				t.Errorf("half-applied write: %s is absent but has %d participations and %d audit entries", id, parts, changes)
			}
		case nodes > 1:
			t.Errorf("duplicated write: %d entities with id %s", nodes, id)
		default:
			present++
			if parts != 1 || r.Values[4] == nil {
				t.Errorf("half-applied or doubled write: %s has %d participations (want 1), name %v", id, parts, r.Values[4])
			}
			if changesPerWrite < 0 {
				changesPerWrite = changes
			}
			if changes != changesPerWrite || changes == 0 {
				t.Errorf("write %s has %d audit entries; the others %d", id, changes, changesPerWrite)
			}
		}
	}
	t.Logf("set test: %d writes attempted, %d acknowledged, %d in the graph, %d audit entries each", len(attempted), len(acked), present, changesPerWrite)
}

// warmUp sends a few requests one at a time, so that the load starts on a service and a
// database past their first, slow queries (plans compiled, pages cached).
func warmUp(t *testing.T, base string) {
	t.Helper()
	client := newFaultClient(base, faultRequestTimeout+5*time.Second)
	defer client.close()
	for i := range 10 {
		r, s, w := client.readEntity(), client.readSearch(), client.recordEvent(fmt.Sprintf("event/warm-up-%d", i), i)
		if r.took()+s.took()+w.took() < time.Second && r.code == "" && s.code == "" && w.code == "" {
			return
		}
	}
}
