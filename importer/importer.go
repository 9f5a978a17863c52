package importer

import (
	"context"
	"io"

	"github.com/diplograph/diplograph/kg"
)

// Options control an import run.
type Options struct {
	// Progress receives progress reports; nil for none.
	Progress io.Writer
	// DryRun validates without writing.
	DryRun bool
}

// Result is what one file's import did.
type Result struct {
	File string
	kg.ImportResult
}

// ImportFile reads, validates and writes one file. When any record is invalid it returns
// Problems (BAD_USER_INPUT) and writes nothing; otherwise the file is written in one
// transaction, so it lands whole or not at all.
func ImportFile(ctx context.Context, store kg.Writer, path string, o Options) (*Result, error) {
	p, err := readFile(path)
	if err != nil {
		return nil, err
	}
	// Cross-record checks run even when some records did not parse, so one run reports
	// every problem of the file.
	if err := validate(ctx, store, p); err != nil {
		return nil, err
	}
	if len(p.problems) > 0 {
		return nil, &kg.Error{Code: kg.EINVALID, Message: p.problems.Error()}
	}
	out := &Result{File: path, ImportResult: kg.ImportResult{Entities: len(p.dataset.Entities), Relations: len(p.dataset.Relations)}}
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
