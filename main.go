// Command diplograph serves the knowledge graph over GraphQL and loads and exports its data.
//
//	diplograph serve                 serve GraphQL and the playground
//	diplograph migrate               apply schema migrations
//	diplograph import FILE...        validate and import data files
//	diplograph export [-format F]    write the graph in the import format, or GEXF, GraphML, ...
//	diplograph generate [-n N]       write a synthetic data set
//	diplograph healthcheck [-url U]  exit 0 when the service is ready (for containers)
//	diplograph hash-key [-generate]  print the hash of an API key read from stdin
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/diplograph/diplograph/datagen"
	"github.com/diplograph/diplograph/importer"
	"github.com/diplograph/diplograph/kg"
)

// version is set at build time (-ldflags "-X main.version=...") and logged at start-up.
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "diplograph:", kg.ErrorMessageVerbose(err))
		os.Exit(1)
	}
}

const usage = `usage: diplograph <command> [flags]

commands:
  serve          serve GraphQL (/graphql), the playground (/playground/), /healthz, /readyz and /metrics
  migrate        apply pending schema migrations
  import FILE... validate, then import each file in one transaction (.yaml or .jsonl)
  export         write the whole graph in the import format (-format yaml|jsonl, -o FILE), or a
                 scope of it for analysts (-format gexf|graphml|cytoscape|nodelink|csv -scope ...: docs/exports.md)
  generate       write a synthetic data set (-n entities, -seed) for tests and benchmarks
  healthcheck    exit 0 when the service at -url answers /readyz
  hash-key       read an API key from stdin, print its SHA-256 for DIPLOGRAPH_API_KEYS (-generate: make one)

Configuration comes from the environment (see README.md); "diplograph serve -h" lists flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("no command given")
	}
	cmd, args := args[0], args[1:]
	fs := flag.NewFlagSet("diplograph "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	switch cmd {
	case "serve":
		return runServe(ctx, fs, args)
	case "migrate":
		return withStore(ctx, fs, args, func(ctx context.Context, c Config, s kg.Store) error {
			_, err := migrate(ctx, s, newLogger(c))
			return err
		})
	case "import":
		dry := fs.Bool("dry-run", false, "validate only; write nothing")
		return withStore(ctx, fs, args, func(ctx context.Context, c Config, s kg.Store) error {
			if fs.NArg() == 0 {
				return fmt.Errorf("import: name at least one file")
			}
			log := newLogger(c)
			if _, err := migrate(ctx, s, log); err != nil {
				return err
			}
			if c.Live.NATSURL != "" { // the replicas' subscribers get each file's summary
				published, bus, err := newLiveStore(ctx, c, s, log)
				if err != nil {
					return err
				}
				defer func() { _ = bus.Close() }()
				s = published
			}
			return importFiles(ctx, s, fs.Args(), importer.Options{Progress: stderr, DryRun: *dry}, stdout)
		})
	case "export":
		return runExport(ctx, fs, args, stdout, stderr)
	case "generate":
		n := fs.Int("n", 1000, "number of entities (facts: about 5n)")
		seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same data")
		format := fs.String("format", "jsonl", "yaml or jsonl")
		if err := fs.Parse(args); err != nil {
			return err
		}
		return importer.Write(stdout, datagen.Generate(*n, *seed), *format)
	case "healthcheck":
		url := fs.String("url", "http://127.0.0.1:8080/readyz", "readiness URL")
		if err := fs.Parse(args); err != nil {
			return err
		}
		return healthcheck(ctx, *url)
	case "hash-key":
		generate := fs.Bool("generate", false, "make a random key and print it with its hash")
		if err := fs.Parse(args); err != nil {
			return err
		}
		return hashKey(os.Stdin, stdout, stderr, *generate)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

func runServe(ctx context.Context, fs *flag.FlagSet, args []string) error {
	c, err := loadConfig(fs, args)
	if err != nil {
		return err
	}
	log := newLogger(c)
	slog.SetDefault(log) // a line logged without the service's logger still carries the request id
	return runService(ctx, c, log)
}

// runService connects, migrates, seeds and serves c until ctx ends (SIGTERM or SIGINT from
// main), then drains: what `diplograph serve` does, and what the fault tests run.
func runService(ctx context.Context, c Config, log *slog.Logger) error {
	log.Info("starting diplograph", "version", version, "config", c.String())
	c.Auth.logStartup(log)
	if c.Introspection && c.Profile == "production" {
		log.Warn("introspection is on in the production profile")
	}
	driver, err := openDriver(ctx, c, log)
	if err != nil {
		return err
	}
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = driver.Close(closeCtx)
		log.Info("neo4j driver closed")
	}()
	store, view := newWatchedStore(driver, c, log)
	probeCtx, stopProbe := context.WithCancel(ctx)
	probeDone := make(chan struct{})
	go func() { view.Run(probeCtx); close(probeDone) }()
	defer func() { stopProbe(); <-probeDone }() // before the driver closes
	if _, err := migrate(ctx, store, log); err != nil {
		return err
	}
	published, bus, err := newLiveStore(ctx, c, store, log)
	if err != nil {
		return err
	}
	defer func() { _ = bus.Close() }()
	for _, file := range c.Seed {
		res, err := importer.ImportFile(ctx, published, file, importer.Options{SkipImported: true})
		if err != nil {
			return err
		}
		if res.Skipped {
			log.Info("seed file already imported with this content; skipped", "file", file)
			continue
		}
		log.Info("seed file imported", "file", file, "entities", res.Entities, "relations", res.Relations,
			"new", res.Created, "changed", res.Updated)
	}
	var ready atomic.Bool
	return serve(ctx, c, routes(c, published, newGraphQLHandler(c, published, log), &ready), &ready, log)
}

func healthcheck(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", url, resp.Status)
	}
	return nil
}
