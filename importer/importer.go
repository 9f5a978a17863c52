package importer

import (
	"context"
	"io"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

// Options control an import run.
type Options struct {
	// Progress receives progress reports; nil for none.
	Progress io.Writer
	// DryRun validates without writing.
	DryRun bool
	// SkipImported skips a file whose exact content (with its source texts) was imported
	// into this graph before, without validating it again. `serve -seed` uses it, so that a
	// restart costs one lookup per file and keeps what editors changed since.
	SkipImported bool
}

// Result is what one file's import did.
type Result struct {
	File string
	kg.ImportResult
}

// ImportFile reads, validates and writes one file. When any record is invalid it returns
// Problems (BAD_USER_INPUT) and writes nothing; otherwise the file is written in one
// transaction, so it lands whole or not at all.
func ImportFile(ctx context.Context, store kg.Importer, path string, o Options) (*Result, error) {
	p, err := readFile(path)
	if err != nil {
		return nil, err
	}
	out := &Result{File: path, ImportResult: kg.ImportResult{Entities: len(p.dataset.Entities), Relations: len(p.dataset.Relations)}}
	if o.SkipImported && !o.DryRun && len(p.problems) == 0 {
		seen, err := store.Imported(ctx, p.dataset.Digest)
		if err != nil {
			return nil, err
		}
		if seen {
			out.Skipped = true
			return out, nil
		}
	}
	// Cross-record checks run even when some records did not parse, so one run reports
	// every problem of the file.
	if err := validate(ctx, store, p); err != nil {
		return nil, err
	}
	if len(p.problems) > 0 {
		return nil, &kg.Error{Code: errcode.BadUserInput, Message: p.problems.Error()}
	}
	if o.DryRun {
		return out, nil
	}
	bar := newProgress(o.Progress, path)
	res, err := store.Import(ctx, &p.dataset, bar.report)
	bar.done()
	if err != nil {
		return nil, err
	}
	out.ImportResult = *res
	return out, nil
}
