package datagen

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// AdminCSV names the files that WriteAdminCSV wrote, in the order neo4j-admin wants them.
type AdminCSV struct {
	Nodes         []string // --nodes=FILE, each
	Relationships []string // --relationships=FILE, each
}

// WriteAdminCSV writes d as CSV files for `neo4j-admin database import full` into dir: the
// entities (labels Entity and their kind), the source texts and their HAS_TEXT edges, and
// the facts (type per row). Properties are those the importer stores (docs/model.md), with
// the same names and Neo4j types, so that the bulk load writes as much as a Cypher import:
// it is the ceiling that import is measured against (docs/benchmarks.md). The content hash
// is a stand-in of the same length, not the importer's; the arrays use neo4j-admin's
// default delimiter ';', which no generated value contains.
func WriteAdminCSV(dir string, d *kg.Dataset) (*AdminCSV, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	out := &AdminCSV{}
	entities := filepath.Join(dir, "entities.csv")
	err := writeCSV(entities, []string{"id:ID(Entity)", ":LABEL", "kind", "name", "aliases:string[]", "description",
		"externalIds:string[]", "author", "publisher", "url", "hasText:boolean", "date", "dateStart:date", "dateEnd:date",
		"published", "publishedStart:date", "publishedEnd:date", "contentHash", "createdAt:datetime", "updatedAt:datetime", "version:long"},
		len(d.Entities), func(i int) []string {
			e := &d.Entities[i]
			ext := make([]string, len(e.ExternalIDs))
			for j, x := range e.ExternalIDs {
				ext[j] = x.System + ":" + x.ID
			}
			hasText := ""
			if e.Kind == kg.KindSource {
				hasText = strconv.FormatBool(e.HasText || e.Text != "")
			}
			row := []string{e.ID, "Entity;" + string(e.Kind), string(e.Kind), e.Name, arr(e.Aliases), e.Description,
				arr(ext), e.Author, e.Publisher, e.URL, hasText}
			row = append(row, dateCols(e.Date)...)
			row = append(row, dateCols(e.Published)...)
			return append(row, hash(row), now, now, "1")
		})
	if err != nil {
		return nil, err
	}
	var sources []int
	for i := range d.Entities {
		if d.Entities[i].Text != "" {
			sources = append(sources, i)
		}
	}
	texts := filepath.Join(dir, "texts.csv")
	err = writeCSV(texts, []string{":ID(SourceText)", ":LABEL", "text"}, len(sources), func(i int) []string {
		e := &d.Entities[sources[i]]
		return []string{e.ID, "SourceText", e.Text}
	})
	if err != nil {
		return nil, err
	}
	hasText := filepath.Join(dir, "has_text.csv")
	err = writeCSV(hasText, []string{":START_ID(Entity)", ":END_ID(SourceText)", ":TYPE"}, len(sources), func(i int) []string {
		id := d.Entities[sources[i]].ID
		return []string{id, id, "HAS_TEXT"}
	})
	if err != nil {
		return nil, err
	}
	facts := filepath.Join(dir, "facts.csv")
	err = writeCSV(facts, []string{":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "id", "role", "confidence:double",
		"status", "sources:string[]", "quotes:string[]", "validFrom", "validFromStart:date", "validFromEnd:date",
		"validTo", "validToStart:date", "validToEnd:date", "retractedBy", "retractedAt:datetime", "retractReason",
		"previousStatus", "contentHash", "createdAt:datetime", "updatedAt:datetime"},
		len(d.Relations), func(i int) []string {
			r := &d.Relations[i]
			sources := make([]string, len(r.Evidence))
			quotes := make([]string, len(r.Evidence))
			for j, ev := range r.Evidence {
				sources[j], quotes[j] = ev.SourceID, ev.Quote
			}
			row := []string{r.From, r.To, string(r.Type), r.ID, r.Role, strconv.FormatFloat(r.Confidence, 'g', -1, 64),
				string(r.Status), arr(sources), arr(quotes)}
			row = append(row, dateCols(r.ValidFrom)...)
			row = append(row, dateCols(r.ValidTo)...)
			if rt := r.Retraction; rt != nil {
				row = append(row, rt.By, rt.At.UTC().Format(time.RFC3339Nano), rt.Reason, string(rt.PreviousStatus))
			} else {
				row = append(row, "", "", "", "")
			}
			return append(row, hash(row), now, now)
		})
	if err != nil {
		return nil, err
	}
	out.Nodes = []string{entities, texts}
	out.Relationships = []string{hasText, facts}
	return out, nil
}

// writeCSV writes a header and n rows; an empty field is a property neo4j-admin leaves out.
func writeCSV(path string, header []string, n int, row func(i int) []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.Write(header); err != nil {
		f.Close()
		return err
	}
	for i := 0; i < n; i++ {
		if err := w.Write(row(i)); err != nil {
			f.Close()
			return fmt.Errorf("%s: row %d: %w", path, i, err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// dateCols is a partial date as the importer stores it: its string, first and last day.
func dateCols(d *kg.PartialDate) []string {
	if d == nil {
		return []string{"", "", ""}
	}
	return []string{d.String(), d.Start().Format(time.DateOnly), d.End().Format(time.DateOnly)}
}

func arr(values []string) string { return strings.Join(values, ";") }

func hash(row []string) string {
	h := sha256.Sum256([]byte(strings.Join(row, "\x00")))
	return hex.EncodeToString(h[:12])
}
