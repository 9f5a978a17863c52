package graphqlhttp_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/testserver"

	"github.com/diplograph/diplograph/graphqlhttp"
)

// auditCount is how many audits graphql-http (pinned in audit/package-lock.json)
// defines; a lower pass count means audits silently stopped running.
const auditCount = 61

// TestGraphQLHTTPAudit runs the graphql-http conformance suite (npm) against
// the transports. It needs node and npm; without them it skips locally but
// fails under CI=true so a broken CI image cannot hide regressions.
func TestGraphQLHTTPAudit(t *testing.T) {
	node := requireTool(t, "node")
	dir, err := filepath.Abs("audit")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "graphql-http", "package.json")); err != nil {
		npm := requireTool(t, "npm")
		run(t, 5*time.Minute, dir, npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error")
	}

	srv := testserver.New()
	post, get := graphqlhttp.New(0)
	srv.AddTransport(post)
	srv.AddTransport(get)
	ts := httptest.NewServer(srv)
	defer ts.Close()

	out, err := runOutput(2*time.Minute, dir, node, "audit.mjs", ts.URL+"/graphql")
	m := regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed$`).FindStringSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("graphql-http audit failed (%v):\n%s", err, out)
	}
	passed, _ := strconv.Atoi(m[1])
	failed, _ := strconv.Atoi(m[2])
	if failed != 0 || passed < auditCount {
		t.Fatalf("graphql-http audit: %d passed, %d failed, want %d passed:\n%s", passed, failed, auditCount, out)
	}
	t.Logf("graphql-http audit: %s", m[0])
}

func requireTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required in CI for the graphql-http audit: %v", name, err)
	}
	t.Skipf("skipping graphql-http audit: %s not found (%v)", name, err)
	return ""
}

func run(t *testing.T, timeout time.Duration, dir, name string, args ...string) {
	t.Helper()
	if out, err := runOutput(timeout, dir, name, args...); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

func runOutput(timeout time.Duration, dir, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}
