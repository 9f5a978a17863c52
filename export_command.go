package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"time"

	"github.com/diplograph/diplograph/export"
	"github.com/diplograph/diplograph/kg"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// exportFlags are the export command's scope and filter flags: the HTTP endpoint's query
// parameters under the same names (docs/exports.md), read by the same parser.
var exportFlags = []struct{ name, usage string }{
	{"scope", "all, neighborhood, track, conflict, paths, crossTrack or entities (default all)"},
	{"id", "the neighbourhood's centre, or the track or conflict"},
	{"depth", "neighbourhood depth, 1 to 3"},
	{"limit", "neighbourhood nodes, paths, or cross-track links"},
	{"from", "paths: first entity"}, {"to", "paths: last entity"}, {"maxHops", "paths: 1 to 6"},
	{"a", "crossTrack: one track or conflict"}, {"b", "crossTrack: the other"},
	{"ids", "entities: comma-separated ids"},
	{"asOf", "valid time, YYYY-MM-DD"}, {"knownAt", "record time, RFC 3339"},
	{"types", "comma-separated relation types"}, {"kinds", "comma-separated entity kinds"},
	{"minConfidence", "0 to 1"},
}

// runExport is "diplograph export": the import format (yaml, jsonl) of the whole graph, or
// an analyst's format of any scope.
func runExport(ctx context.Context, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	format := fs.String("format", "yaml", "yaml or jsonl (import format), or gexf, graphml, cytoscape, nodelink, csv")
	out := fs.String("o", "-", "output file, - for standard output")
	params := map[string]*string{}
	for _, f := range exportFlags {
		params[f.name] = fs.String(f.name, "", f.usage)
	}
	return withStore(ctx, fs, args, func(ctx context.Context, c Config, s kg.Store) error {
		q := url.Values{}
		fs.Visit(func(f *flag.Flag) {
			if p, ok := params[f.Name]; ok {
				q.Set(f.Name, *p)
			}
		})
		if *format == "yaml" || *format == "jsonl" {
			if len(q) > 0 {
				return fmt.Errorf("export: -format %s writes the whole graph; scopes and filters are for gexf, graphml, cytoscape, nodelink and csv", *format)
			}
			return exportTo(ctx, s, *format, *out, stdout)
		}
		f, err := export.ParseFormat("format", *format)
		if err != nil {
			return err
		}
		r, err := export.ParseRequest(q)
		if err != nil {
			return err
		}
		return writeAtomically(*out, stdout, func(w io.Writer) error {
			now := time.Now().UTC()
			ew, err := export.NewWriter(f, w, export.Meta{Description: r.Describe(), AsOf: r.AsOf, KnownAt: r.KnownAt, Generated: now})
			if err != nil {
				return err
			}
			progress, done := exportProgress(stderr)
			counts, err := export.Run(ctx, s, r, ew, progress)
			done()
			if err == nil {
				fmt.Fprintf(stderr, "export: wrote %d nodes and %d edges (%s)\n", counts.Nodes, counts.Edges, *format)
			}
			return err
		})
	})
}

// exportProgress draws a progress bar when stderr is a terminal, and otherwise writes a
// plain line now and then, which a log or CI keeps readably. schollz/progressbar is a
// well-kept bar that redraws in place; a log wants lines instead.
func exportProgress(stderr io.Writer) (export.Progress, func()) {
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		var bar *progressbar.ProgressBar
		return func(done, total int, c export.Counts) {
				if bar == nil {
					bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("export"),
						progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(100*time.Millisecond))
				}
				bar.ChangeMax(total)
				bar.Describe(fmt.Sprintf("export: %d nodes, %d edges", c.Nodes, c.Edges))
				_ = bar.Set(done)
			}, func() {
				if bar != nil {
					_ = bar.Finish()
					fmt.Fprintln(stderr)
				}
			}
	}
	last := time.Time{}
	return func(done, total int, c export.Counts) {
		if time.Since(last) >= 2*time.Second || done == total {
			last = time.Now()
			fmt.Fprintf(stderr, "export: %d of %d steps, %d nodes, %d edges\n", done, total, c.Nodes, c.Edges)
		}
	}, func() {}
}

// writeAtomically writes to path through a temporary file renamed at the end, so a failed
// export leaves no half file; "-" is standard output.
func writeAtomically(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		return write(stdout)
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
