package importer

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

// The import paths read files that someone else wrote. The fuzz targets feed them arbitrary
// bytes: every problem is a BAD_USER_INPUT with a location, every record accepted survives
// a fact check and writes back out (export) to a file that reads back to the same records.

const lineSeed = `{"source":{"id":"source/a","title":"A","text":"Putin met Witkoff in Moscow."}}
{"entity":{"id":"person/vladimir-putin","kind":"Person","name":"Vladimir Putin","aliases":["Putin"]}}
{"entity":{"id":"event/moscow-meeting","kind":"Event","name":"Meeting","date":"2026-01-22","statuses":[{"status":"planned","since":"2026-01-19/2026-01-26","sources":["source/a"],"quote":"Putin met"}]}}
{"relation":{"from":"person/vladimir-putin","type":"PARTICIPATES_IN","to":"event/moscow-meeting","confidence":0.9,"status":"reported","validFrom":"../2026-01-22","sources":["source/a"],"quote":"Putin met Witkoff"}}
`

const curatedSeed = `format: diplograph/v1
sources:
  - id: source/a
    title: A
    text: Putin met Witkoff in Moscow.
entities:
  - id: person/vladimir-putin
    kind: Person
    name: Vladimir Putin
relations:
  - from: person/vladimir-putin
    type: MEMBER_OF
    to: body/x
    confidence: 0.5
    status: reported
    evidence: [{source: source/a, quote: "Putin met"}]
    retraction: {by: someone, at: "2026-01-26T10:00:00Z", reason: wrong, previousStatus: reported}
`

func noFiles(string) (string, error) { return "", errors.New("no files in a fuzz run") }

func FuzzReadLines(f *testing.F) {
	f.Add([]byte(lineSeed))
	f.Add([]byte(`{"entity":{"id":"person/x","kind":"Person","name":"X"},"source":{"id":"source/y"}}`))
	f.Add([]byte("{\"relation\":{\"confidence\":1e400}}\n\n{"))
	f.Add([]byte(`{"entity":{"id":"person/x","kind":"Person","name":"X","unknown":1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := &parsed{path: "fuzz.jsonl"}
		if err := readLines(bytes.NewReader(data), p, noFiles); err != nil {
			checkCoded(t, err)
			return
		}
		checkParsed(t, p, "jsonl")
	})
}

func FuzzReadCurated(f *testing.F) {
	f.Add([]byte(curatedSeed))
	f.Add([]byte("format: diplograph/v1\nentities: [{id: person/x, kind: person, name: X, date: 2026-02-30}]\n"))
	f.Add([]byte("format: diplograph/v1\nrelations: [{from: a, to: b}]\n"))
	f.Add([]byte("&a [*a, *a]"))
	f.Add([]byte("format: x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := &parsed{path: "fuzz.yaml"}
		if err := readCurated(bytes.NewReader(data), p, noFiles); err != nil {
			checkCoded(t, err)
			return
		}
		checkParsed(t, p, "yaml")
	})
}

func checkCoded(t *testing.T, err error) {
	t.Helper()
	if kg.ErrorCode(err) != errcode.BadUserInput {
		t.Fatalf("error %v is not BAD_USER_INPUT", err)
	}
}

// permissive knows every well-formed id, by its prefix, and every source's text as the
// quotes themselves, so that a fact is checked for everything but the graph's contents.
type permissive struct{ quotes map[string]string }

func (permissive) KindOf(id string) (kg.Kind, bool) { return kg.KindOfID(id) }
func (r permissive) SourceText(id string) (string, bool) {
	t, ok := r.quotes[id]
	return t, ok
}

func checkParsed(t *testing.T, p *parsed, format string) {
	t.Helper()
	for _, pr := range p.problems {
		if kg.ErrorCode(pr.Err) != errcode.BadUserInput || pr.Record == "" {
			t.Fatalf("problem %+v is not a located BAD_USER_INPUT", pr)
		}
	}
	if len(p.problems) > 0 {
		return // a file with problems writes nothing
	}
	res := permissive{quotes: map[string]string{}}
	for _, r := range p.dataset.Relations {
		for _, ev := range r.Evidence {
			res.quotes[ev.SourceID] += ev.Quote + "\n"
		}
	}
	for i := range p.dataset.Relations {
		if err := p.dataset.Relations[i].Validate(res); err != nil && kg.ErrorCode(err) != errcode.BadUserInput {
			t.Fatalf("relation %+v: %v is not BAD_USER_INPUT", p.dataset.Relations[i], err)
		}
	}
	var out bytes.Buffer
	if err := Write(&out, &p.dataset, format); err != nil {
		t.Fatalf("records read but not written back: %v", err)
	}
	back := &parsed{path: "back." + format}
	var err error
	if format == "yaml" {
		err = readCurated(bytes.NewReader(out.Bytes()), back, noFiles)
	} else {
		err = readLines(bytes.NewReader(out.Bytes()), back, noFiles)
	}
	if err != nil || len(back.problems) > 0 {
		t.Fatalf("written back, the records do not read again: %v %v\n%s", err, back.problems, out.String())
	}
	if len(back.dataset.Entities) != len(p.dataset.Entities) || len(back.dataset.Relations) != len(p.dataset.Relations) {
		t.Fatalf("round trip changed the counts: %d/%d entities, %d/%d relations\n%s", len(back.dataset.Entities),
			len(p.dataset.Entities), len(back.dataset.Relations), len(p.dataset.Relations), out.String())
	}
	for i, e := range p.dataset.Entities {
		b := back.dataset.Entities[i]
		if b.ID != e.ID || b.Name != e.Name || b.Kind != e.Kind || b.Text != e.Text || dateString(b.Date) != dateString(e.Date) ||
			strings.Join(b.Aliases, "\x00") != strings.Join(e.Aliases, "\x00") {
			t.Fatalf("entity %q changed in the round trip: %+v became %+v", e.ID, e, b)
		}
	}
	for i, r := range p.dataset.Relations {
		b := back.dataset.Relations[i]
		if b.ID != r.ID || b.Confidence != r.Confidence || dateString(b.ValidFrom) != dateString(r.ValidFrom) ||
			dateString(b.ValidTo) != dateString(r.ValidTo) || len(b.Evidence) != len(r.Evidence) {
			t.Fatalf("relation %q changed in the round trip: %+v became %+v", r.ID, r, b)
		}
	}
}
