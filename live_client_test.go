package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/diplograph/diplograph/kg"
)

// The clients of the live tests: a real HTTP server (serveListener, with its deadlines) and
// subscribers speaking SSE, graphql-transport-ws and graphql-ws over loopback.

// liveEvent is one message of a subscription: the data of its field, or its errors.
type liveEvent struct {
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func (e liveEvent) code() string {
	if len(e.Errors) == 0 {
		return ""
	}
	c, _ := e.Errors[0].Extensions["code"].(string)
	return c
}

// changeEvent is the ChangeEvent fields the tests select.
type changeEvent struct {
	Sequence   int64    `json:"sequence"`
	Kind       string   `json:"kind"`
	Operation  string   `json:"operation"`
	By         string   `json:"by"`
	At         string   `json:"at"`
	Fields     []string `json:"fields"`
	MergedFrom *string  `json:"mergedFrom"`
	Entity     *struct {
		ID, Name, Description string
	} `json:"entity"`
	Relation *struct {
		ID, Type, Status string
		Confidence       float64
	} `json:"relation"`
	Import *struct {
		Origin  string
		Created int
	} `json:"import"`
}

// change decodes the event's one field.
func (e liveEvent) change(t *testing.T) changeEvent {
	t.Helper()
	if len(e.Errors) > 0 {
		t.Fatalf("subscription error: %+v", e.Errors)
	}
	for _, raw := range e.Data {
		var c changeEvent
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	t.Fatalf("event without data: %+v", e)
	return changeEvent{}
}

const changeFields = `sequence kind operation by at fields mergedFrom entity { id name description }
  relation { id type status confidence } import { origin created }`

// liveServer serves store like `diplograph serve`: a real http.Server with the configured
// timeouts, so a stream that outlives the request deadline proves it is exempt.
func liveServer(t *testing.T, c Config, store kg.Store) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var ready atomic.Bool
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		_ = serveListener(ctx, c, ln, routes(c, store, newGraphQLHandler(c, store, log), &ready), &ready, log)
		close(done)
	}()
	t.Cleanup(func() { cancel(); <-done })
	return "http://" + ln.Addr().String()
}

// sseSubscribe opens an event stream; its events arrive on the channel, which closes when
// the stream ends.
func sseSubscribe(t *testing.T, base, query string, vars map[string]any, headers map[string]string) <-chan liveEvent {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("SSE answered %d %s", resp.StatusCode, ct)
	}
	out := make(chan liveEvent, 100)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var e liveEvent
			if err := json.Unmarshal([]byte(data), &e); err == nil {
				out <- e
			}
		}
	}()
	return out
}

// wsClient is a subscriber over a WebSocket in one of the two protocols.
type wsClient struct {
	conn     *websocket.Conn
	protocol string
	events   chan liveEvent
	closed   chan websocket.StatusCode
}

// wsDial connects and initialises with payload; it fails the test unless acknowledged.
func wsDial(t *testing.T, base, protocol string, payload map[string]any, header http.Header) (*wsClient, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(base, "http")+"/graphql",
		&websocket.DialOptions{Subprotocols: []string{protocol}, HTTPHeader: header})
	if err != nil {
		return nil, err
	}
	conn.SetReadLimit(1 << 24)
	c := &wsClient{conn: conn, protocol: protocol, events: make(chan liveEvent, 1000), closed: make(chan websocket.StatusCode, 1)}
	t.Cleanup(func() { _ = conn.CloseNow() })
	c.send(t, map[string]any{"type": "connection_init", "payload": payload})
	var ack struct{ Type string }
	if err := c.read(ctx, &ack); err != nil {
		return nil, err
	}
	if ack.Type != "connection_ack" {
		return nil, &wsRefusal{ack.Type}
	}
	return c, nil
}

type wsRefusal struct{ got string }

func (r *wsRefusal) Error() string { return "no connection_ack: " + r.got }

func (c *wsClient) send(t *testing.T, msg map[string]any) {
	t.Helper()
	b, _ := json.Marshal(msg)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.conn.Write(ctx, websocket.MessageText, b); err != nil {
		t.Fatal(err)
	}
}

func (c *wsClient) read(ctx context.Context, v any) error {
	_, b, err := c.conn.Read(ctx)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// subscribe starts a subscription and reads the connection from then on: data to events,
// pings answered, the close code to closed.
func (c *wsClient) subscribe(t *testing.T, id, query string, vars map[string]any) {
	t.Helper()
	start := "subscribe"
	if c.protocol == "graphql-ws" {
		start = "start"
	}
	c.send(t, map[string]any{"id": id, "type": start, "payload": map[string]any{"query": query, "variables": vars}})
	go c.readLoop()
}

func (c *wsClient) readLoop() {
	for {
		var m struct {
			Type    string
			Payload json.RawMessage
		}
		if err := c.read(context.Background(), &m); err != nil {
			c.closed <- websocket.CloseStatus(err)
			close(c.events)
			return
		}
		switch m.Type {
		case "next", "data":
			var e liveEvent
			_ = json.Unmarshal(m.Payload, &e)
			c.events <- e
		case "error":
			var e liveEvent
			_ = json.Unmarshal(m.Payload, &e.Errors)
			c.events <- e
		case "ping":
			b, _ := json.Marshal(map[string]any{"type": "pong"})
			_ = c.conn.Write(context.Background(), websocket.MessageText, b)
		}
	}
}

// next waits for the next event of ch, failing the test after timeout.
func next(t *testing.T, ch <-chan liveEvent, timeout time.Duration) liveEvent {
	t.Helper()
	select {
	case e, ok := <-ch:
		if !ok {
			t.Fatal("the subscription ended")
		}
		return e
	case <-time.After(timeout):
		t.Fatalf("no event within %s", timeout)
	}
	return liveEvent{}
}

// none asserts that ch stays quiet for d.
func none(t *testing.T, ch <-chan liveEvent, d time.Duration) {
	t.Helper()
	select {
	case e, ok := <-ch:
		if ok {
			t.Fatalf("unexpected event: %+v", e)
		}
	case <-time.After(d):
	}
}

// mutate posts a mutation over plain HTTP with headers and returns its response.
func mutate(t *testing.T, base, query string, vars map[string]any, headers map[string]string) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	out.status = resp.StatusCode
	return out
}
