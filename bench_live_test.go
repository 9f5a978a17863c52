package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/importer"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
)

// BenchmarkLive measures subscriptions on the test Neo4j (docs/benchmarks.md, "Live updates"):
//
//   - write: an upsertEntity through the store and one through the publishing store with
//     no subscriber, alternating, each op one of each; the medians of both are reported
//     (plain-ms, live-ms): what publication adds to a write (its audit entry and tracks read
//     after the commit, the event read once for the hub).
//
//   - delivery: the built service in a process of its own with 1,000 SSE subscribers on
//     loopback; each op is one mutation, done when every subscriber has its event. It
//     reports the latency from commit (the event's at) to delivery (read by the client),
//     p50 and p99 over every subscriber of every op, and the service's memory per
//     subscriber (heap and stacks, from its /metrics, and resident set).
//
//     NEO4J_URI=bolt://127.0.0.1:7694 go test -run '^$' -bench BenchmarkLive -benchtime 20x .
func BenchmarkLive(b *testing.B) {
	if os.Getenv("NEO4J_URI") == "" {
		b.Skip("NEO4J_URI is not set")
	}
	store := testneo4j.MustOpenStore(b)
	if _, err := importer.ImportFile(context.Background(), store, "data/seed.yaml", importer.Options{}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	upsert := func(s kg.Store, i int) {
		d := fmt.Sprintf("bench %d", i)
		if _, err := s.UpsertEntity(ctx, "bench", kg.EntityPatch{ID: "person/vladimir-putin", Description: &d}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("write", func(b *testing.B) {
		published := live.Wrap(store, live.NewMemory(live.DefaultHubOptions, live.Reader(store, log)), log)
		var plain, withLive []time.Duration
		for i := 0; b.Loop(); i++ {
			// Paired and alternating, so that the machine's load falls on both alike.
			stores, order := []kg.Store{store, published}, []int{0, 1}
			if i%2 == 1 {
				order = []int{1, 0}
			}
			for _, j := range order {
				start := time.Now()
				upsert(stores[j], 2*i+j)
				if j == 0 {
					plain = append(plain, time.Since(start))
				} else {
					withLive = append(withLive, time.Since(start))
				}
			}
		}
		b.ReportMetric(median(plain), "plain-ms")
		b.ReportMetric(median(withLive), "live-ms")
	})
	b.Run("delivery", func(b *testing.B) { benchDelivery(b, 1000) })
}

func benchDelivery(b *testing.B, subscribers int) {
	base, metric, stop := startService(b)
	defer stop()
	heap0, rss0 := metric("go_memstats_heap_inuse_bytes")+metric("go_memstats_stack_inuse_bytes"), metric("process_resident_memory_bytes")

	var mu sync.Mutex
	var latencies []time.Duration
	got := make(chan int64, subscribers*4)
	tr := &http.Transport{MaxConnsPerHost: 0, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	body := []byte(`{"query":"subscription { entityChanged(id: \"person/vladimir-putin\") { sequence at } }"}`)
	for range subscribers {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "text/event-stream")
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		go func() {
			defer resp.Body.Close()
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
				data, ok := strings.CutPrefix(sc.Text(), "data: ")
				if !ok {
					continue
				}
				var e struct {
					Data struct {
						EntityChanged struct {
							Sequence int64
							At       time.Time
						}
					}
				}
				if json.Unmarshal([]byte(data), &e) != nil {
					continue
				}
				lat := time.Since(e.Data.EntityChanged.At)
				mu.Lock()
				latencies = append(latencies, lat)
				mu.Unlock()
				got <- e.Data.EntityChanged.Sequence
			}
		}()
	}
	time.Sleep(2 * time.Second) // every stream registered
	heap1, rss1 := metric("go_memstats_heap_inuse_bytes")+metric("go_memstats_stack_inuse_bytes"), metric("process_resident_memory_bytes")

	for i := 0; b.Loop(); i++ {
		res := postJSON(b, base, `mutation($d: String) { upsertEntity(input: {id: "person/vladimir-putin", description: $d}) { changed } }`,
			map[string]any{"d": fmt.Sprintf("delivery %d", i)})
		if !strings.Contains(res, `"changed":true`) {
			b.Fatalf("mutation: %s", res)
		}
		for range subscribers {
			select {
			case <-got:
			case <-time.After(30 * time.Second):
				b.Fatal("an event did not arrive within 30 s")
			}
		}
	}
	b.StopTimer()
	mu.Lock()
	slices.Sort(latencies)
	n := len(latencies)
	mu.Unlock()
	if n == 0 {
		b.Fatal("no event delivered")
	}
	b.ReportMetric(float64(latencies[n/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(latencies[n*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric((heap1-heap0)/float64(subscribers), "heap+stack-B/sub")
	b.ReportMetric((rss1-rss0)/float64(subscribers), "rss-B/sub")
}

// startService builds and starts `diplograph serve` on the test Neo4j, with anonymous
// writes, and returns its URL, a reader of its /metrics and its stop.
func startService(b *testing.B) (string, func(string) float64, func()) {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "diplograph")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	cmd := exec.Command(bin, "serve", "-addr", addr, "-dev-anonymous-writes")
	cmd.Env = append(os.Environ(), "DIPLOGRAPH_LOG_LEVEL=warn")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	base := "http://" + addr
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil && resp.StatusCode == http.StatusOK {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			b.Fatal("the service did not become ready")
		}
	}
	metric := func(name string) float64 {
		resp, err := http.Get(base + "/metrics")
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
				f, _ := strconv.ParseFloat(v, 64)
				return f
			}
		}
		b.Fatalf("no metric %s", name)
		return 0
	}
	stop := func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() }
	return base, metric, stop
}

func postJSON(b *testing.B, base, query string, vars map[string]any) string {
	b.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return string(out)
}

func median(ds []time.Duration) float64 {
	slices.Sort(ds)
	return float64(ds[len(ds)/2].Microseconds()) / 1000
}
