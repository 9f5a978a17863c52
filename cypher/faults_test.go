package cypher_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/health"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// slowStatement would run for many seconds: only a timeout ends it.
const slowStatement = `UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)`

// TestDeadline_EndsSlowQueryInNeo4j: a call whose context has a deadline sends Neo4j a
// transaction timeout a little shorter, so Neo4j itself ends the slow query (its code is in
// the error's cause) before the caller's deadline, and nothing is left running.
func TestDeadline_EndsSlowQueryInNeo4j(t *testing.T) {
	_ = testneo4j.MustOpenStore(t) // the database lock; this test writes nothing
	driver, c := testneo4j.Driver(t)
	store := cypher.New(driver, cypher.Options{Database: c.Database, TxTimeout: time.Minute})
	const deadline = 3 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	start := time.Now()
	_, err := store.ReadForTest(ctx, "slowForTest", slowStatement)
	took := time.Since(start)
	if err == nil {
		t.Fatal("the slow statement finished; it should have been ended by its timeout")
	}
	if kg.ErrorCode(err) != errcode.Unavailable {
		t.Errorf("code %s (%v); want UNAVAILABLE", kg.ErrorCode(err), err)
	}
	if !strings.Contains(err.Error(), "TransactionTimedOut") {
		t.Errorf("not ended by Neo4j's transaction timeout but by %v", err)
	}
	if took > deadline+500*time.Millisecond {
		t.Errorf("answered after %s; the deadline was %s", took, deadline)
	}
	t.Logf("ended by Neo4j after %s (deadline %s)", took.Round(time.Millisecond), deadline)
	res, err := neo4j.ExecuteQuery(context.Background(), driver,
		`SHOW TRANSACTIONS YIELD metaData WHERE metaData.query = 'slowForTest' RETURN count(*) AS n`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
	if err != nil {
		t.Fatal(err)
	}
	if n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n"); n != 0 {
		t.Errorf("%d slow transactions still running in Neo4j", n)
	}
}

// TestDeadline_TooLittleTimeLeft: a call with almost no time left fails at once, without a
// round trip.
func TestDeadline_TooLittleTimeLeft(t *testing.T) {
	_ = testneo4j.MustOpenStore(t)
	driver, c := testneo4j.Driver(t)
	store := cypher.New(driver, cypher.Options{Database: c.Database})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	ctx, trips := cypher.CountRoundTrips(ctx)
	if _, err := store.ReadForTest(ctx, "late", "RETURN 1"); kg.ErrorCode(err) != errcode.Unavailable {
		t.Errorf("got %v; want UNAVAILABLE", err)
	}
	if trips.Load() != 0 {
		t.Errorf("%d round trips for a call already out of time", trips.Load())
	}
}

// TestOverload_BusyPoolIsNotDown reproduces issue 19's "64 in flight": more calls than
// connections, each waiting past the acquisition timeout. That was a pool timeout, retried
// by the driver until its retry time and reported as "The database is not reachable."
// (UNAVAILABLE). It is OVERLOADED now, and the health view stays up.
func TestOverload_BusyPoolIsNotDown(t *testing.T) {
	_ = testneo4j.MustOpenStore(t)
	_, c := testneo4j.Driver(t)
	opts := cypher.DriverOptions{PoolSize: 2, AcquireTimeout: 200 * time.Millisecond, RetryTime: time.Millisecond}
	driver, err := neo4j.NewDriverWithContext(c.URI, testAuth(c), opts.Configure)
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(context.Background())
	// One connection first, as the service's start-up does: the driver sets up its
	// connector on the first connect without a lock, a race when the first ones are many.
	if err := driver.VerifyConnectivity(context.Background()); err != nil {
		t.Fatal(err)
	}
	var store *cypher.Store
	view := health.New(func(ctx context.Context) error { return store.Ping(ctx) }, health.Options{})
	store = cypher.New(driver, cypher.Options{Database: c.Database, TxTimeout: 20 * time.Second, Health: view})

	const calls = 12
	errs := make([]error, calls)
	var wg sync.WaitGroup
	for i := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = store.ReadForTest(context.Background(), "busyForTest",
				`UNWIND range(1, 3000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)`)
		}()
	}
	wg.Wait()
	overloaded := 0
	for _, err := range errs {
		switch kg.ErrorCode(err) {
		case "":
		case errcode.Overloaded:
			overloaded++
			if msg := kg.ErrorMessage(err); !strings.Contains(msg, "busy") {
				t.Errorf("OVERLOADED says %q", msg)
			}
		default:
			t.Errorf("a busy pool gave %s: %v", kg.ErrorCode(err), err)
		}
	}
	if overloaded == 0 {
		t.Fatalf("%d calls on 2 connections, none OVERLOADED: the test did not fill the pool", calls)
	}
	if !view.Up() {
		t.Error("the health view went down for a busy pool")
	}
	t.Logf("%d of %d calls OVERLOADED", overloaded, calls)
	var coded *kg.Error
	if !errors.As(errs[0], &coded) && errs[0] != nil {
		t.Errorf("uncoded error %v", errs[0])
	}
}

func testAuth(c testneo4j.Config) neo4j.AuthToken {
	if c.Password == "" {
		return neo4j.NoAuth()
	}
	return neo4j.BasicAuth(c.User, c.Password, "")
}
