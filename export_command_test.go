package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportCommand runs "diplograph export" against the seeded test Neo4j (NEO4J_URI), as a
// subtest of TestExport.
func exportCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "putin.gexf")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"export", "-format", "gexf", "-scope", "neighborhood",
		"-id", "person/vladimir-putin", "-depth", "2", "-asOf", "2025-12-31", "-o", file}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Graph struct {
			Mode  string `xml:"mode,attr"`
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"nodes>node"`
			Edges []struct {
				ID string `xml:"id,attr"`
			} `xml:"edges>edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil || doc.Graph.Mode != "dynamic" || len(doc.Graph.Nodes) < 5 || len(doc.Graph.Edges) < 5 {
		t.Fatalf("%v: %+v", err, doc)
	}
	// Not a terminal: plain lines, the last one saying what was written.
	if !strings.Contains(stderr.String(), "export: wrote ") || strings.Contains(stderr.String(), "\r") {
		t.Errorf("stderr %q: want plain progress lines", stderr.String())
	}
	if _, err := os.Stat(file + ".tmp"); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
	err = run(context.Background(), []string{"export", "-format", "gexf", "-scope", "neighborhood", "-depth", "9", "-id", "person/vladimir-putin"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "depth") {
		t.Errorf("depth 9: %v, want an error naming depth", err)
	}
	err = run(context.Background(), []string{"export", "-format", "yaml", "-scope", "track"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "whole graph") {
		t.Errorf("yaml with a scope: %v", err)
	}
}
