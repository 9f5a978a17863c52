package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/importer"
	"github.com/diplograph/diplograph/internal/servicetest"
	"github.com/diplograph/diplograph/internal/testneo4j"
	"github.com/diplograph/diplograph/kg"
)

// TestMain terminates the Neo4j container that testneo4j may start for this package.
func TestMain(m *testing.M) { testneo4j.Main(m) }

// TestImport_EventStatusErrors: a status is checked like a fact's evidence, and only an
// event has one; nothing of a bad file is written.
func TestImport_EventStatusErrors(t *testing.T) {
	store := servicetest.SeededStore(t)
	bad := `format: diplograph/v1
sources:
  - {id: source/status-wire, title: Status wire, text: "The envoys are scheduled to meet on February 2."}
entities:
  - id: event/2026-02-02-bad-status
    kind: Event
    name: Bad status
    date: "2026-02-02"
    statuses:
      - {status: held, since: "2026-02-02", sources: [source/status-wire], quote: "The envoys met."}
      - {status: rumoured, since: "2026-02-03", sources: [source/status-wire], quote: "The envoys are scheduled"}
  - id: person/status-holder
    kind: Person
    name: Status Holder
    statuses:
      - {status: held, since: "2026-02-02", sources: [source/status-wire], quote: "The envoys"}
`
	badFile := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(badFile, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := importer.ImportFile(context.Background(), store, badFile, importer.Options{})
	if kg.ErrorCode(err) != errcode.BadUserInput {
		t.Fatalf("err = %v, want BAD_USER_INPUT", err)
	}
	for _, want := range []string{"statuses[0].quote", "person/status-holder): statuses: only an event"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not report %q:\n%v", want, err)
		}
	}
	if _, err := store.Entity(context.Background(), "event/2026-02-02-bad-status", nil); kg.ErrorCode(err) != errcode.NotFound {
		t.Errorf("the bad file wrote its event: %v", err)
	}
}
