package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/servicetest"
)

// The fault tests' client and open-model load: requests start at a fixed rate whether or
// not earlier ones have answered (no coordinated omission), each with its own deadline.

// outcome is one request as the client saw it.
type outcome struct {
	op         string
	start, end time.Time
	code       string // extensions.code of the first error; "" for success
	transport  error  // no GraphQL answer at all (refused, reset, timed out, not JSON)
	retryAfter string
	id         string // the write's entity id
}

func (o outcome) took() time.Duration { return o.end.Sub(o.start) }

func (o outcome) String() string {
	what := "ok"
	if o.transport != nil {
		what = "transport error: " + o.transport.Error()
	} else if o.code != "" {
		what = o.code
	}
	return fmt.Sprintf("%s at %s took %s: %s", o.op, o.start.Format("15:04:05.000"), o.took().Round(time.Millisecond), what)
}

type faultClient struct {
	url  string
	http *http.Client
}

func newFaultClient(base string, timeout time.Duration) *faultClient {
	return &faultClient{url: base + "/graphql", http: &http.Client{Timeout: timeout,
		Transport: &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: 5 * time.Second}}}
}

func (c *faultClient) close() { c.http.CloseIdleConnections() }

// do posts one GraphQL request.
func (c *faultClient) do(op, query string, vars map[string]any) outcome {
	o := outcome{op: op, start: time.Now()}
	defer func() { o.end = time.Now() }()
	r, err := servicetest.Do(c.http, c.url, nil, servicetest.Body(query, vars))
	o.retryAfter = r.Header.Get("Retry-After")
	switch {
	case err != nil:
		o.transport = err
	case len(r.Errors) > 0:
		if o.code = r.Code(); o.code == "" {
			o.code = "(no code)"
		}
	case len(r.Data) == 0:
		o.transport = fmt.Errorf("HTTP %d without data or errors", r.Status)
	}
	o.end = time.Now()
	return o
}

const (
	readEntityQuery = `{ entity(id: "person/vladimir-putin") { id name ... on Person { relations { type to { id } } } } }`
	readSearchQuery = `{ search(text: "Witkoff", first: 5) { entity { id name } score } }`
	// The write of the set test: one event, its participation and its audit entry, in one
	// transaction. Its id is unique to the attempt, so a retry repeats it exactly.
	recordEventMutation = `mutation($id: ID!, $participant: ID!) { recordEvent(input: {id: $id, name: "Set test event", date: "2026-01-22",
		participants: [{entity: $participant, role: "host"}],
		sources: ["source/2026-01-26-us-envoys-to-meet-putin"],
		quote: "Steve Witkoff and senior adviser Jared Kushner are scheduled to meet with Russian President Vladimir Putin in Moscow on January 22"}) { event { id } } }`
)

func (c *faultClient) readEntity() outcome { return c.do("read entity", readEntityQuery, nil) }
func (c *faultClient) readSearch() outcome { return c.do("read search", readSearchQuery, nil) }

// participants take turns in the writes: a write locks its participant, and one shared by
// every write would make the load a queue for one lock.
var participants = []string{"person/steve-witkoff", "person/jared-kushner", "person/vladimir-putin",
	"person/donald-trump", "person/volodymyr-zelenskyy", "person/dmitry-peskov"}

// recordEvent writes event id with the n-th participant.
func (c *faultClient) recordEvent(id string, n int) outcome {
	o := c.do("write "+id, recordEventMutation, map[string]any{"id": id, "participant": participants[n%len(participants)]})
	o.id = id
	return o
}

// openLoad starts fn at rate per second until ctx ends, each in its own goroutine, and
// returns every outcome once all have answered.
func openLoad(ctx context.Context, rate float64, fn func(i int) []outcome) []outcome {
	var (
		mu  sync.Mutex
		all []outcome
		wg  sync.WaitGroup
	)
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			wg.Wait()
			return all
		case <-tick.C:
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			out := fn(i)
			mu.Lock()
			all = append(all, out...)
			mu.Unlock()
		}(i)
	}
}

// readyzWatch polls /readyz every period and records each change of its status code.
type readyzWatch struct {
	mu      sync.Mutex
	changes []readyzChange
	done    chan struct{}
}

type readyzChange struct {
	at     time.Time
	status int // 0: no answer
}

func watchReadyz(ctx context.Context, t *testing.T, base string, period time.Duration) *readyzWatch {
	t.Helper()
	w := &readyzWatch{done: make(chan struct{})}
	client := &http.Client{Timeout: time.Second}
	go func() {
		defer close(w.done)
		defer client.CloseIdleConnections()
		last := -1
		for ctx.Err() == nil {
			status := 0
			if resp, err := client.Get(base + "/readyz"); err == nil {
				status = resp.StatusCode
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			if status != last {
				w.mu.Lock()
				w.changes = append(w.changes, readyzChange{at: time.Now(), status: status})
				w.mu.Unlock()
				last = status
			}
			select {
			case <-ctx.Done():
			case <-time.After(period):
			}
		}
	}()
	return w
}

// firstAfter is when /readyz first answered status at or after t0 (zero: never).
func (w *readyzWatch) firstAfter(t0 time.Time, status int) time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i, c := range w.changes {
		// A status that began before t0 and still held at t0 counts from t0.
		if c.status == status && (!c.at.Before(t0) || (i+1 < len(w.changes) && w.changes[i+1].at.After(t0)) || i+1 == len(w.changes)) {
			if c.at.Before(t0) {
				return t0
			}
			return c.at
		}
	}
	return time.Time{}
}
