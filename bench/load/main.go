// Command load offers a mixed read load to a running diplograph at a fixed arrival rate and
// reports, per time window and per query type, how many requests were answered, the errors,
// and p50/p99/max latency, beside the service's resident memory (its own /metrics).
//
// It is an open-model generator: request i is due at start + i/rate whatever happened to
// the ones before, and its latency is measured from that due time, so a slow answer cannot
// hold back the requests behind it and hide the queueing it caused (no coordinated
// omission). A request that would exceed -max-in-flight is not sent and counts as dropped.
//
//	go run ./bench/load -url http://127.0.0.1:8080 -rate 20 -duration 10m -n 100000
//
// The ids it asks for are those of `diplograph generate -n N` (datagen's mix: 40% people,
// 4% countries, 2% tracks), picked at random with a fixed seed.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// queryType is one kind of read in the mix, with its share of the arrivals.
type queryType struct {
	name   string
	weight int
	query  string
	vars   func(r *rand.Rand) map[string]any
}

func mix(n int) []queryType {
	people, countries, tracks := max(1, n*400/1000), max(1, n*40/1000), max(1, n*20/1000)
	person := func(r *rand.Rand) string { return fmt.Sprintf("person/gen-%d", r.IntN(people)) }
	return []queryType{
		{"entity", 35, `query($id: ID!) { entity(id: $id) { id kind name relations { id type role confidence status quote
			validFrom { value precision } from { id name } to { id name } sources { id name } } } }`,
			func(r *rand.Rand) map[string]any { return map[string]any{"id": person(r)} }},
		{"search", 20, `query($t: String!) { search(text: $t) { score entity { id kind name } } }`,
			func(r *rand.Rand) map[string]any {
				return map[string]any{"t": fmt.Sprintf("Person %d", r.IntN(people))}
			}},
		// Unfiltered: a kind filter's totalCount counts tens of thousands of rows at 100k.
		{"entities", 10, `{ entities(first: 20, sort: NAME) { totalCount pageInfo { hasNextPage endCursor } nodes { id kind name } } }`,
			func(*rand.Rand) map[string]any { return nil }},
		{"neighborhood", 15, `query($id: ID!) { neighborhood(id: $id, depth: 2, limit: 100) { truncated nodes { id kind name }
			edges { id type confidence from { id } to { id } } } }`,
			func(r *rand.Rand) map[string]any { return map[string]any{"id": person(r)} }},
		{"timeline", 15, `query($id: ID!) { timeline(id: $id) { id name date { value precision } } }`,
			func(r *rand.Rand) map[string]any {
				return map[string]any{"id": fmt.Sprintf("country/gen-%d", r.IntN(countries))}
			}},
		{"crossTrack", 5, `query($a: ID!, $b: ID!) { crossTrack(a: $a, b: $b) { score entity { id kind name } } }`,
			func(r *rand.Rand) map[string]any {
				a := r.IntN(tracks)
				return map[string]any{"a": fmt.Sprintf("track/gen-%d", a), "b": fmt.Sprintf("track/gen-%d", (a+1+r.IntN(max(1, tracks-1)))%tracks)}
			}},
	}
}

// sample is one answered or failed request.
type sample struct {
	typ     int
	due     time.Time
	latency time.Duration
	failure string // "" when answered without errors
}

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the service's base URL")
	rate := flag.Float64("rate", 20, "requests a second, all types together")
	duration := flag.Duration("duration", 10*time.Minute, "how long to offer load, after the warm-up")
	warmup := flag.Duration("warmup", 0, "load offered first, at the same rate, reported but left out of the totals (a cold page cache)")
	window := flag.Duration("window", time.Minute, "report interval")
	n := flag.Int("n", 100000, "entities the data set was generated with (diplograph generate -n)")
	maxInFlight := flag.Int("max-in-flight", 256, "requests outstanding before new arrivals are dropped")
	timeout := flag.Duration("timeout", 15*time.Second, "client timeout of one request")
	apiKey := flag.String("api-key", os.Getenv("DIPLOGRAPH_API_KEY"), "sent as X-API-Key when set")
	seed := flag.Uint64("seed", 1, "random seed of the ids picked")
	flag.Parse()

	types := mix(*n)
	var cumulative []int
	total := 0
	for _, q := range types {
		total += q.weight
		cumulative = append(cumulative, total)
	}
	client := &http.Client{Timeout: *timeout, Transport: &http.Transport{MaxIdleConnsPerHost: *maxInFlight, MaxConnsPerHost: 0}}
	rng := rand.New(rand.NewPCG(*seed, 0))
	samples := make(chan sample, 4096)
	sem := make(chan struct{}, *maxInFlight)
	var wg sync.WaitGroup

	fmt.Printf("# load: %s, %.1f req/s for %s after a warm-up of %s, n=%d, max in flight %d, started %s\n", *base, *rate, *duration, *warmup, *n, *maxInFlight, time.Now().UTC().Format(time.RFC3339))
	fmt.Printf("# %-8s %-13s %6s %6s %8s %8s %8s  %s\n", "window", "type", "n", "errors", "p50 ms", "p99 ms", "max ms", "service")
	reportDone := make(chan struct{})
	start := time.Now().Add(100 * time.Millisecond)
	go report(samples, types, start, start.Add(*warmup), *window, *base, *apiKey, client, reportDone)

	interval := time.Duration(float64(time.Second) / *rate)
	count := int((*warmup + *duration).Seconds() * *rate)
	for i := 0; i < count; i++ {
		due := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(due))
		pick := rng.IntN(total)
		t, _ := slices.BinarySearch(cumulative, pick+1)
		body, _ := json.Marshal(map[string]any{"query": types[t].query, "variables": types[t].vars(rng)})
		select {
		case sem <- struct{}{}:
		default:
			samples <- sample{typ: t, due: due, failure: "dropped"}
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			failure := send(client, *base, *apiKey, body)
			samples <- sample{typ: t, due: due, latency: time.Since(due), failure: failure}
		}()
	}
	wg.Wait()
	close(samples)
	<-reportDone
}

// send posts one request and says what went wrong, or "".
func send(client *http.Client, base, apiKey string, body []byte) string {
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if apiKey != "" {
		req.Header.Set("X-API-Key", apiKey)
	}
	resp, err := client.Do(req)
	if err != nil {
		return "transport: " + err.Error()
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return "read: " + err.Error()
	}
	var answer struct {
		Errors []struct {
			Extensions struct{ Code string } `json:"extensions"`
		} `json:"errors"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(raw, &answer) != nil {
		return "HTTP " + strconv.Itoa(resp.StatusCode)
	}
	if len(answer.Errors) > 0 {
		return answer.Errors[0].Extensions.Code
	}
	return ""
}

// report groups samples by the window their request was due in and prints each window
// once the next one has started (late answers of a window land in it, as they should).
// The totals count only requests due after the warm-up, at measured.
func report(samples <-chan sample, types []queryType, start, measured time.Time, window time.Duration, base, apiKey string, client *http.Client, done chan<- struct{}) {
	defer close(done)
	type cell struct {
		lat      []time.Duration
		errors   int
		failures map[string]int
	}
	windows := map[int][]cell{}
	all := make([]cell, len(types))
	printed := 0
	flush := func(upTo int) {
		for ; printed < upTo; printed++ {
			cells := windows[printed]
			rss := serviceMemory(client, base, apiKey)
			label := (time.Duration(printed) * window).String()
			if start.Add(time.Duration(printed) * window).Before(measured) {
				label += "*" // in the warm-up
			}
			for t, c := range cells {
				fmt.Printf("  %-8s %-13s %6d %6d %8.1f %8.1f %8.1f  %s\n", label,
					types[t].name, len(c.lat)+c.errors, c.errors, ms(pct(c.lat, .5)), ms(pct(c.lat, .99)), ms(pct(c.lat, 1)), rss)
				rss = ""
			}
			delete(windows, printed)
		}
	}
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	for {
		select {
		case s, ok := <-samples:
			if !ok {
				last := printed
				for w := range windows {
					last = max(last, w+1)
				}
				flush(last)
				fmt.Printf("# totals after the warm-up\n")
				for t, c := range all {
					var why []string
					for f, k := range c.failures {
						why = append(why, fmt.Sprintf("%s×%d", f, k))
					}
					fmt.Printf("  %-8s %-13s %6d %6d %8.1f %8.1f %8.1f  %s\n", "all", types[t].name, len(c.lat)+c.errors, c.errors,
						ms(pct(c.lat, .5)), ms(pct(c.lat, .99)), ms(pct(c.lat, 1)), strings.Join(why, " "))
				}
				return
			}
			w := int(s.due.Sub(start) / window)
			if windows[w] == nil {
				windows[w] = make([]cell, len(types))
			}
			cells := []*cell{&windows[w][s.typ]}
			if !s.due.Before(measured) {
				cells = append(cells, &all[s.typ])
			}
			for _, c := range cells {
				if s.failure != "" {
					c.errors++
					if c.failures == nil {
						c.failures = map[string]int{}
					}
					c.failures[s.failure]++
				} else {
					c.lat = append(c.lat, s.latency)
				}
			}
		case <-tick.C:
			// A window is complete once every request due in it has had its timeout.
			flush(int(time.Since(start.Add(20*time.Second)) / window))
		}
	}
}

// serviceMemory reads the service's resident memory and goroutines from its /metrics.
func serviceMemory(client *http.Client, base, apiKey string) string {
	req, _ := http.NewRequest(http.MethodGet, base+"/metrics", nil)
	if apiKey != "" {
		req.Header.Set("X-API-Key", apiKey)
	}
	resp, err := client.Do(req)
	if err != nil {
		return "metrics: " + err.Error()
	}
	defer resp.Body.Close()
	var rss, goroutines float64
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		name, value, _ := strings.Cut(sc.Text(), " ")
		v, _ := strconv.ParseFloat(value, 64)
		switch name {
		case "process_resident_memory_bytes":
			rss = v
		case "go_goroutines":
			goroutines = v
		}
	}
	return fmt.Sprintf("rss=%.1fMiB goroutines=%.0f", rss/(1<<20), goroutines)
}

func pct(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	slices.Sort(lat)
	return lat[min(len(lat)-1, int(p*float64(len(lat)-1)+0.5))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
