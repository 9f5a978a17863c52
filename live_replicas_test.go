package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
	"github.com/diplograph/diplograph/livehttp"
	natsserver "github.com/nats-io/nats-server/v2/server"
)

// embeddedNATS runs a NATS server with JetStream on a random loopback port.
func embeddedNATS(t *testing.T) string {
	t.Helper()
	ns, err := natsserver.NewServer(&natsserver.Options{Host: "127.0.0.1", Port: -1, JetStream: true,
		StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats did not start")
	}
	t.Cleanup(ns.Shutdown)
	return ns.ClientURL()
}

// liveReplica is one service instance over store, publishing on its configured bus.
func liveReplica(t *testing.T, c Config, store kg.Store) (string, *live.Store, live.Bus) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ls, bus, err := newLiveStore(context.Background(), c, store, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = bus.Close() })
	return liveServer(t, c, ls), ls, bus
}

// Two replicas sharing NATS: a write through A reaches a subscriber on B, and a replica
// started afterwards replays it from the shared log.
func TestLive_TwoReplicasShareNATS(t *testing.T) {
	store := seededStore(t)
	c := authConfig(t)
	c.Live.NATSURL = embeddedNATS(t)
	a, _, _ := liveReplica(t, c, store)
	b, _, _ := liveReplica(t, c, store)
	sub := `subscription($since: Int) { entityChanged(id: "person/vladimir-putin", since: $since) { ` + changeFields + ` } }`
	onB := sseSubscribe(t, b, sub, nil, asReader)
	onA := sseSubscribe(t, a, sub, nil, asReader)
	time.Sleep(300 * time.Millisecond)

	mutate(t, a, describe, map[string]any{"id": "person/vladimir-putin", "d": "written through A"}, asEditor)
	eb, ea := next(t, onB, 10*time.Second).change(t), next(t, onA, 10*time.Second).change(t)
	if eb.Entity == nil || eb.Entity.Description != "written through A" || eb.By != "ed-editor" || eb.Sequence != ea.Sequence {
		t.Fatalf("on B: %+v; on A: %+v", eb, ea)
	}
	none(t, onB, time.Second)

	late, _, _ := liveReplica(t, c, store)
	replayed := next(t, sseSubscribe(t, late, sub, map[string]any{"since": eb.Sequence - 1}, asReader), 10*time.Second).change(t)
	if replayed.Sequence != eb.Sequence || replayed.Kind != "CHANGED" {
		t.Fatalf("replayed on a later replica: %+v", replayed)
	}
}

// A subscriber that stops reading is dropped once its buffer fills, with close code 4413,
// the service's memory and goroutines return to where they were, and it keeps serving.
func TestLive_SlowConsumerDropped(t *testing.T) {
	store := seededStore(t)
	c := authConfig(t)
	c.Live.Buffer = 8
	base, ls, bus := liveReplica(t, c, store)
	serving := func() {
		t.Helper()
		if resp, err := http.Get(base + "/healthz"); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("healthz: %v %v", resp, err)
		}
		if res := mutate(t, base, `{ entity(id: "person/vladimir-putin") { id } }`, nil, asReader); res.code() != "" {
			t.Fatalf("query: %+v", res.Errors)
		}
	}
	serving()

	slow, err := wsDial(t, base, "graphql-transport-ws", map[string]any{"X-API-Key": readerKey}, nil)
	if err != nil {
		t.Fatal(err)
	}
	slow.send(t, map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{
		"query": `subscription { relationChanged { sequence import { origin } } }`}})
	waitFor(t, func() bool { return ls.Hub().Stats().Subscribers == 1 })
	// Large events fill the socket's buffers quickly; then the subscriber's own buffer.
	big := strings.Repeat("x", 64<<10)
	for range 400 {
		if _, err := bus.Publish(context.Background(), &live.Event{Kind: live.Imported, Operation: kg.OpImport, By: "test",
			Import: &live.ImportSummary{Origin: big}}); err != nil {
			t.Fatal(err)
		}
		if ls.Hub().Stats().Subscribers == 0 {
			break
		}
	}
	waitFor(t, func() bool { return ls.Hub().Stats().Subscribers == 0 })

	// Reading now, the client drains what was sent and finds the close code.
	var sawError bool
	for {
		_, msg, err := slow.conn.Read(context.Background())
		if err != nil {
			if code := websocket.CloseStatus(err); code != livehttp.CloseSlowConsumer {
				t.Fatalf("closed with %d (%v), want %d", code, err, livehttp.CloseSlowConsumer)
			}
			break
		}
		sawError = sawError || strings.Contains(string(msg), errcode.SlowConsumer)
	}
	t.Logf("error message before the close: %t", sawError)

	serving()
	waitFor(t, func() bool { return streamGoroutines() == 0 })
}

// streamGoroutines counts the goroutines serving subscriptions: the hub's subscribers, the
// WebSocket and SSE transports (the test's own client included, which has ended).
func streamGoroutines() int {
	buf := make([]byte, 4<<20)
	n := 0
	for _, g := range strings.Split(string(buf[:runtime.Stack(buf, true)]), "\n\n") {
		if strings.Contains(g, "coder/websocket") || strings.Contains(g, "gqlgen/graphql/handler/transport") ||
			strings.Contains(g, "diplograph/resolvers.(*Resolver).subscribe") {
			n++
		}
	}
	return n
}

// waitFor polls cond for up to 20 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 20 s")
}
