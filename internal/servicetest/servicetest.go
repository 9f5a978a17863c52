// Package servicetest is the set-up the root package's end-to-end tests share: a caller's
// credentials, a GraphQL request over HTTP and its decoded answer, a GET, the seed graph
// in the test Neo4j, and the database's size. Building the service itself stays in the
// root package's tests (setup_test.go), the only place that can: it is package main.
package servicetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/diplograph/diplograph/cypher"
	"github.com/diplograph/diplograph/importer"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Cred is the headers that carry a caller's credentials; nil is an anonymous caller.
type Cred map[string]string

// Bearer sends s (an API key or a JWT) as Authorization: Bearer.
func Bearer(s string) Cred { return Cred{"Authorization": "Bearer " + s} }

// APIKey sends key as X-API-Key.
func APIKey(key string) Cred { return Cred{"X-API-Key": key} }

// Response is a GraphQL answer as the client reads it.
type Response struct {
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	Status int         `json:"-"`
	Header http.Header `json:"-"`
}

// Code is the first error's extensions.code, or "".
func (r Response) Code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// Body is a GraphQL request's JSON body.
func Body(query string, vars map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		panic(err) // the tests' variables are plain values
	}
	return b
}

// Do posts body to url (a service's /graphql) with c's credentials and decodes the answer.
// Its error is a transport failure or an answer that is not JSON; it does not fail a test,
// so that goroutines under load (the fault tests) may call it.
func Do(client *http.Client, url string, c Cred, body []byte) (Response, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Response{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range c {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	out := Response{Status: resp.StatusCode, Header: resp.Header}
	if err == nil {
		err = json.Unmarshal(raw, &out)
	}
	if err != nil {
		return out, fmt.Errorf("HTTP %d, body %.200q: %w", resp.StatusCode, raw, err)
	}
	return out, nil
}

// Post sends a GraphQL request to base's /graphql with c's credentials.
func Post(t testing.TB, base string, c Cred, query string, vars map[string]any) Response {
	t.Helper()
	return PostBody(t, base, c, Body(query, vars))
}

// PostBody sends body as it is to base's /graphql.
func PostBody(t testing.TB, base string, c Cred, body []byte) Response {
	t.Helper()
	r, err := Do(http.DefaultClient, base+"/graphql", c, body)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Get fetches url with c's credentials and reads the whole body.
func Get(t testing.TB, url string, c Cred) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range c {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// SeedFile is data/seed.yaml, wherever the test runs from.
func SeedFile() string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "data", "seed.yaml")
}

// SeededStore is the test Neo4j, wiped, with the seed graph imported.
func SeededStore(t testing.TB) *cypher.Store {
	t.Helper()
	store := testneo4j.MustOpenStore(t)
	if _, err := importer.ImportFile(context.Background(), store, SeedFile(), importer.Options{}); err != nil {
		t.Fatal(err)
	}
	return store
}

// Counts is the number of nodes and relationships in the whole test database.
func Counts(t testing.TB) (nodes, rels int64) {
	t.Helper()
	driver, c := testneo4j.Driver(t)
	res, err := neo4j.ExecuteQuery(context.Background(), driver,
		`CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.Database))
	if err != nil {
		t.Fatal(err)
	}
	nodes, _, _ = neo4j.GetRecordValue[int64](res.Records[0], "nodes")
	rels, _, _ = neo4j.GetRecordValue[int64](res.Records[0], "rels")
	return nodes, rels
}
