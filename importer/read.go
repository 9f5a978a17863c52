package importer

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"gopkg.in/yaml.v3"
)

// Problem is one invalid record, located precisely enough to fix: the file, the record
// (its list and position, or its line) and the field.
type Problem struct {
	File   string
	Record string
	Field  string
	Err    error
}

func (p Problem) Error() string {
	return fmt.Sprintf("%s: %s: %s", p.File, p.Record, kg.ErrorMessage(p.Err))
}

// Problems is every invalid record of a file. A file with problems writes nothing.
type Problems []Problem

// maxProblems stops a badly broken file from printing a million lines.
const maxProblems = 200

func (ps Problems) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d invalid record(s); nothing was written:", len(ps))
	for _, p := range ps {
		b.WriteString("\n  " + p.Error())
	}
	return b.String()
}

// parsed is a data file read into domain values, with where each record came from.
type parsed struct {
	dataset  kg.Dataset
	entityAt []string // record location of each entity
	relAt    []string // record location of each relation
	problems Problems
	path     string
}

func (p *parsed) fail(record string, err error) {
	if len(p.problems) < maxProblems {
		p.problems = append(p.problems, Problem{File: p.path, Record: record, Field: kg.ErrorField(err), Err: err})
	}
}

// readFile reads a .yaml/.yml or .jsonl file. The format follows the extension.
func readFile(path string) (*parsed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, kg.Errorf(errcode.BadUserInput, "%v", err)
	}
	defer f.Close()
	p := &parsed{path: path}
	p.dataset.Origin = filepath.Base(path)
	// The digest covers every byte the data set was built from: the file, and each source
	// text with its name, so that a corrected quote in an article changes it too.
	digest := sha256.New()
	in := io.TeeReader(f, digest)
	fileText := textReader(filepath.Dir(path))
	readText := func(name string) (string, error) {
		text, err := fileText(name)
		fmt.Fprintf(digest, "\x00%s\x00%d\x00", name, len(text))
		io.WriteString(digest, text)
		return text, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml", ".json":
		err = readCurated(in, p, readText)
	case ".jsonl", ".ndjson":
		err = readLines(in, p, readText)
	default:
		return nil, kg.Errorf(errcode.BadUserInput, "%s: unknown format; use .yaml (curated) or .jsonl (streaming)", path)
	}
	p.dataset.Digest = hex.EncodeToString(digest.Sum(nil))
	return p, err
}

// textReader resolves a source's textFile relative to its data file, and refuses paths that
// climb out of the data file's folder.
func textReader(dir string) func(string) (string, error) {
	return func(name string) (string, error) {
		if filepath.IsAbs(name) || strings.HasPrefix(filepath.Clean(name), "..") {
			return "", errors.New("must be a path inside the data file's folder")
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		return string(b), nil
	}
}

func readCurated(r io.Reader, p *parsed, readText func(string) (string, error)) error {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	var f File
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return kg.Errorf(errcode.BadUserInput, "%s: %v", p.path, err)
	}
	if f.Format != Format {
		return kg.Errorf(errcode.BadUserInput, "%s: format is %q; this version reads %q", p.path, f.Format, Format)
	}
	for i, rec := range f.Sources {
		p.addEntity(fmt.Sprintf("sources[%d] (%s)", i, rec.ID), rec, kg.KindSource, readText)
	}
	for i, rec := range f.Entities {
		p.addEntity(fmt.Sprintf("entities[%d] (%s)", i, rec.ID), rec, "", readText)
	}
	for i, rec := range f.Relations {
		p.addRelation(fmt.Sprintf("relations[%d] (%s)", i, rec.describe()), rec)
	}
	return nil
}

// lineRecord is one line of the streaming format: exactly one of its fields is set.
type lineRecord struct {
	Source   *EntityRecord   `json:"source,omitempty"`
	Entity   *EntityRecord   `json:"entity,omitempty"`
	Relation *RelationRecord `json:"relation,omitempty"`
}

func readLines(r io.Reader, p *parsed, readText func(string) (string, error)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), kg.MaxSourceBytes+1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		at := fmt.Sprintf("line %d", n)
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var rec lineRecord
		if err := dec.Decode(&rec); err != nil {
			p.fail(at, kg.Errorf(errcode.BadUserInput, "not a record: %v", err))
			continue
		}
		switch {
		case rec.Source != nil && rec.Entity == nil && rec.Relation == nil:
			p.addEntity(at+" ("+rec.Source.ID+")", *rec.Source, kg.KindSource, readText)
		case rec.Entity != nil && rec.Source == nil && rec.Relation == nil:
			p.addEntity(at+" ("+rec.Entity.ID+")", *rec.Entity, "", readText)
		case rec.Relation != nil && rec.Source == nil && rec.Entity == nil:
			p.addRelation(at+" ("+rec.Relation.describe()+")", *rec.Relation)
		default:
			p.fail(at, kg.Errorf(errcode.BadUserInput, "a line holds exactly one of source, entity or relation"))
		}
	}
	if err := sc.Err(); err != nil {
		return kg.Errorf(errcode.BadUserInput, "%s: %v", p.path, err)
	}
	return nil
}

func (p *parsed) addEntity(at string, rec EntityRecord, kind kg.Kind, readText func(string) (string, error)) {
	e, err := rec.toEntity(kind, readText)
	if err != nil {
		p.fail(at, err)
		return
	}
	p.dataset.Entities = append(p.dataset.Entities, e)
	p.entityAt = append(p.entityAt, at)
}

func (p *parsed) addRelation(at string, rec RelationRecord) {
	r, err := rec.toRelation()
	if err != nil {
		p.fail(at, err)
		return
	}
	p.dataset.Relations = append(p.dataset.Relations, r)
	p.relAt = append(p.relAt, at)
}

func parseTimestamp(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}
