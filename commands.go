package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/diplograph/diplograph/importer"
	"github.com/diplograph/diplograph/kg"
)

// withStore parses flags and configuration, connects, and runs fn with a store; the
// connection is closed when fn returns.
func withStore(ctx context.Context, fs *flag.FlagSet, args []string, fn func(context.Context, Config, kg.Store) error) error {
	c, err := loadConfig(fs, args)
	if err != nil {
		return err
	}
	log := newLogger(c)
	driver, err := openDriver(ctx, c, log)
	if err != nil {
		return err
	}
	defer driver.Close(context.Background())
	return fn(ctx, c, newStore(driver, c))
}

func migrate(ctx context.Context, s kg.Migrator, log *slog.Logger) ([]string, error) {
	applied, err := s.Migrate(ctx)
	if err != nil {
		return applied, fmt.Errorf("migrate: %w", err)
	}
	if len(applied) > 0 {
		log.Info("migrations applied", "migrations", applied)
	} else {
		log.Debug("schema up to date")
	}
	return applied, nil
}

// importFiles imports each file in its own transaction and stops at the first failure;
// files before it stay imported, the failing one writes nothing.
func importFiles(ctx context.Context, s kg.Importer, files []string, o importer.Options, out io.Writer) error {
	for _, f := range files {
		res, err := importer.ImportFile(ctx, s, f, o)
		if err != nil {
			return err
		}
		verb := "imported"
		switch {
		case o.DryRun:
			verb = "valid (dry run, nothing written)"
		case res.Skipped:
			verb = "already imported, skipped"
		}
		fmt.Fprintf(out, "%s: %s %d entities and %d relations (%d new, %d changed)\n",
			f, verb, res.Entities, res.Relations, res.Created, res.Updated)
	}
	return nil
}

func exportTo(ctx context.Context, s kg.Exporter, format, path string, stdout io.Writer) error {
	return writeAtomically(path, stdout, func(w io.Writer) error { return importer.Export(ctx, s, w, format) })
}
