package importer

import (
	"context"
	"encoding/json"
	"io"
	"time"

	"github.com/diplograph/diplograph/kg"
	"gopkg.in/yaml.v3"
)

// Export writes the whole graph in the import format: "yaml" (curated) or "jsonl"
// (streaming). Records are ordered by id, so exporting the same graph twice gives the same
// bytes, and export, wipe, import, export is the identity.
func Export(ctx context.Context, store kg.Exporter, w io.Writer, format string) error {
	d, err := store.Export(ctx)
	if err != nil {
		return err
	}
	return Write(w, d, format)
}

// Write writes a data set in the import format: "yaml" or "jsonl".
func Write(w io.Writer, d *kg.Dataset, format string) error {
	f := toFile(d)
	switch format {
	case "yaml", "":
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(f); err != nil {
			return err
		}
		return enc.Close()
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i := range f.Sources {
			if err := enc.Encode(lineRecord{Source: &f.Sources[i]}); err != nil {
				return err
			}
		}
		for i := range f.Entities {
			if err := enc.Encode(lineRecord{Entity: &f.Entities[i]}); err != nil {
				return err
			}
		}
		for i := range f.Relations {
			if err := enc.Encode(lineRecord{Relation: &f.Relations[i]}); err != nil {
				return err
			}
		}
		return nil
	}
	return kg.FieldError("format", "%q is not an export format; use yaml or jsonl", format)
}

func toFile(d *kg.Dataset) File {
	f := File{Format: Format}
	for _, e := range d.Entities {
		rec := EntityRecord{
			ID: e.ID, Aliases: e.Aliases, Description: e.Description,
			Author: e.Author, Publisher: e.Publisher, URL: e.URL, Text: e.Text,
		}
		if len(e.ExternalIDs) > 0 {
			rec.ExternalIDs = map[string]string{}
			for _, x := range e.ExternalIDs {
				rec.ExternalIDs[x.System] = x.ID
			}
		}
		if len(rec.Aliases) == 0 {
			rec.Aliases = nil
		}
		rec.Date, rec.Published = dateString(e.Date), dateString(e.Published)
		for _, s := range e.Statuses {
			st := EventStatusRecord{Status: string(s.Status), Since: dateString(s.Since)}
			for _, ev := range s.Evidence {
				st.Sources, st.Quote = append(st.Sources, ev.SourceID), ev.Quote
			}
			rec.Statuses = append(rec.Statuses, st)
		}
		if e.Kind == kg.KindSource {
			rec.Title = e.Name
			f.Sources = append(f.Sources, rec)
			continue
		}
		rec.Kind, rec.Name = string(e.Kind), e.Name
		f.Entities = append(f.Entities, rec)
	}
	for _, r := range d.Relations {
		conf := r.Confidence
		rec := RelationRecord{
			From: r.From, Type: string(r.Type), To: r.To, Role: r.Role,
			Confidence: &conf, Status: string(r.Status), BasisNote: r.BasisNote,
		}
		if r.Basis != kg.BasisStated {
			rec.Basis = string(r.Basis)
		}
		rec.ValidFrom, rec.ValidTo = dateString(r.ValidFrom), dateString(r.ValidTo)
		if sameQuote(r.Evidence) {
			for _, ev := range r.Evidence {
				rec.Sources = append(rec.Sources, ev.SourceID)
			}
			if len(r.Evidence) > 0 {
				rec.Quote = r.Evidence[0].Quote
			}
		} else {
			for _, ev := range r.Evidence {
				rec.Evidence = append(rec.Evidence, EvidenceRecord{Source: ev.SourceID, Quote: ev.Quote})
			}
		}
		if rt := r.Retraction; rt != nil {
			rec.Retraction = &RetractionRecord{By: rt.By, At: rt.At.UTC().Format(time.RFC3339Nano), Reason: rt.Reason, PreviousStatus: string(rt.PreviousStatus)}
		}
		f.Relations = append(f.Relations, rec)
	}
	return f
}

func sameQuote(evs []kg.Evidence) bool {
	for _, ev := range evs[min(1, len(evs)):] {
		if ev.Quote != evs[0].Quote {
			return false
		}
	}
	return true
}

func dateString(d *kg.PartialDate) string {
	if d == nil {
		return ""
	}
	return d.String()
}
