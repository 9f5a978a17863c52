// Package importer reads data sets (curated YAML and streaming JSON Lines), validates every
// record against the domain's rules before anything is written, and writes each file as one
// all-or-nothing transaction. Export writes the same format back.
package importer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/kg"
)

// Format is the version tag of a data file.
const Format = "diplograph/v1"

// File is the curated YAML format, documented in docs/import-format.md.
type File struct {
	Format    string           `yaml:"format" json:"format"`
	Sources   []EntityRecord   `yaml:"sources,omitempty" json:"sources,omitempty"`
	Entities  []EntityRecord   `yaml:"entities,omitempty" json:"entities,omitempty"`
	Relations []RelationRecord `yaml:"relations,omitempty" json:"relations,omitempty"`
}

// EntityRecord is an entity, or a source, as written in a data file.
type EntityRecord struct {
	ID          string            `yaml:"id" json:"id"`
	Kind        string            `yaml:"kind,omitempty" json:"kind,omitempty"`
	Name        string            `yaml:"name,omitempty" json:"name,omitempty"`
	Title       string            `yaml:"title,omitempty" json:"title,omitempty"`
	Aliases     []string          `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	Description string            `yaml:"description,omitempty" json:"description,omitempty"`
	ExternalIDs map[string]string `yaml:"externalIds,omitempty" json:"externalIds,omitempty"`
	Date        string            `yaml:"date,omitempty" json:"date,omitempty"`
	Author      string            `yaml:"author,omitempty" json:"author,omitempty"`
	Publisher   string            `yaml:"publisher,omitempty" json:"publisher,omitempty"`
	URL         string            `yaml:"url,omitempty" json:"url,omitempty"`
	Published   string            `yaml:"published,omitempty" json:"published,omitempty"`
	TextFile    string            `yaml:"textFile,omitempty" json:"textFile,omitempty"`
	Text        string            `yaml:"text,omitempty" json:"text,omitempty"`
	// Statuses is an event's status history, oldest first.
	Statuses []EventStatusRecord `yaml:"statuses,omitempty" json:"statuses,omitempty"`
}

// EventStatusRecord is one entry of an event's status history: the status, the day from
// which the sources give it, and the sources with one quote.
type EventStatusRecord struct {
	Status  string   `yaml:"status" json:"status"`
	Since   string   `yaml:"since" json:"since"`
	Sources []string `yaml:"sources" json:"sources"`
	Quote   string   `yaml:"quote" json:"quote"`
}

// RelationRecord is a fact as written in a data file. Either sources and quote (the quote
// is checked against each source whose text is known), or evidence, one quote per source.
type RelationRecord struct {
	ID         string   `yaml:"id,omitempty" json:"id,omitempty"`
	From       string   `yaml:"from" json:"from"`
	Type       string   `yaml:"type" json:"type"`
	To         string   `yaml:"to" json:"to"`
	Role       string   `yaml:"role,omitempty" json:"role,omitempty"`
	ValidFrom  string   `yaml:"validFrom,omitempty" json:"validFrom,omitempty"`
	ValidTo    string   `yaml:"validTo,omitempty" json:"validTo,omitempty"`
	Confidence *float64 `yaml:"confidence" json:"confidence"`
	Status     string   `yaml:"status" json:"status"`
	// Basis is stated (the default) or inferred; an inferred fact has a BasisNote.
	Basis      string            `yaml:"basis,omitempty" json:"basis,omitempty"`
	BasisNote  string            `yaml:"basisNote,omitempty" json:"basisNote,omitempty"`
	Sources    []string          `yaml:"sources,omitempty" json:"sources,omitempty"`
	Quote      string            `yaml:"quote,omitempty" json:"quote,omitempty"`
	Evidence   []EvidenceRecord  `yaml:"evidence,omitempty" json:"evidence,omitempty"`
	Retraction *RetractionRecord `yaml:"retraction,omitempty" json:"retraction,omitempty"`
}

// EvidenceRecord is one source's quote for a fact.
type EvidenceRecord struct {
	Source string `yaml:"source" json:"source"`
	Quote  string `yaml:"quote" json:"quote"`
}

// RetractionRecord keeps a retraction through export and import.
type RetractionRecord struct {
	By             string `yaml:"by" json:"by"`
	At             string `yaml:"at" json:"at"`
	Reason         string `yaml:"reason" json:"reason"`
	PreviousStatus string `yaml:"previousStatus" json:"previousStatus"`
}

// toEntity converts a record; kind is forced for records from the sources list.
func (r EntityRecord) toEntity(kind kg.Kind, readText func(string) (string, error)) (kg.Entity, error) {
	e := kg.Entity{
		ID: r.ID, Name: r.Name, Aliases: r.Aliases, Description: r.Description,
		ExternalIDs: externalIDs(r.ExternalIDs), Author: r.Author, Publisher: r.Publisher, URL: r.URL, Text: r.Text,
	}
	if kind != "" {
		if r.Kind != "" && !strings.EqualFold(r.Kind, string(kind)) {
			return e, kg.FieldError("kind", "a record in the sources list is a Source, not %q", r.Kind)
		}
		e.Kind = kind
	} else if k, ok := kg.ParseKind(r.Kind); ok {
		e.Kind = k
	} else {
		return e, kg.FieldError("kind", "%q is not a kind; use one of %s", r.Kind, kg.KindNames(kg.Kinds))
	}
	if e.Kind == kg.KindSource && r.Title != "" {
		if r.Name != "" && r.Name != r.Title {
			return e, kg.FieldError("title", "a source has a title or a name, not both")
		}
		e.Name = r.Title
	}
	var err error
	if e.Date, err = kg.ParseDatePtr(r.Date); err != nil {
		return e, kg.FieldError("date", "%v", err)
	}
	if e.Published, err = kg.ParseDatePtr(r.Published); err != nil {
		return e, kg.FieldError("published", "%v", err)
	}
	for i, s := range r.Statuses {
		entry := kg.EventStatusEntry{Status: kg.EventStatus(strings.ToLower(s.Status))}
		if entry.Since, err = kg.ParseDatePtr(s.Since); err != nil {
			return e, kg.FieldError(fmt.Sprintf("statuses[%d].since", i), "%v", err)
		}
		for _, src := range s.Sources {
			entry.Evidence = append(entry.Evidence, kg.Evidence{SourceID: src, Quote: s.Quote})
		}
		e.Statuses = append(e.Statuses, entry)
	}
	if r.TextFile != "" {
		if r.Text != "" {
			return e, kg.FieldError("textFile", "give text or textFile, not both")
		}
		if e.Text, err = readText(r.TextFile); err != nil {
			return e, kg.FieldError("textFile", "%v", err)
		}
	}
	e.HasText = e.Text != ""
	return e, e.Validate()
}

// toRelation converts a record and derives its stable id; a record that states an id must
// state the derived one, so that two files cannot name one fact differently.
func (r RelationRecord) toRelation() (kg.Relation, error) {
	rel := kg.Relation{From: r.From, To: r.To, Type: kg.RelationType(r.Type), Role: r.Role, Status: kg.Status(r.Status),
		Basis: kg.Basis(r.Basis), BasisNote: strings.TrimSpace(r.BasisNote)}
	if rel.Basis == "" {
		rel.Basis = kg.BasisStated
	}
	var err error
	if rel.ValidFrom, err = kg.ParseDatePtr(r.ValidFrom); err != nil {
		return rel, kg.FieldError("validFrom", "%v", err)
	}
	if rel.ValidTo, err = kg.ParseDatePtr(r.ValidTo); err != nil {
		return rel, kg.FieldError("validTo", "%v", err)
	}
	if r.Confidence == nil {
		return rel, kg.FieldError("confidence", "is required (a number from 0 to 1)")
	}
	rel.Confidence = *r.Confidence
	switch {
	case len(r.Evidence) > 0 && (len(r.Sources) > 0 || r.Quote != ""):
		return rel, kg.FieldError("evidence", "give evidence, or sources and quote, not both")
	case len(r.Evidence) > 0:
		for _, ev := range r.Evidence {
			rel.Evidence = append(rel.Evidence, kg.Evidence{SourceID: ev.Source, Quote: ev.Quote})
		}
	default:
		for _, s := range r.Sources {
			rel.Evidence = append(rel.Evidence, kg.Evidence{SourceID: s, Quote: r.Quote})
		}
	}
	rel.ID = kg.FactID(rel.From, rel.Type, rel.To, rel.Role)
	if r.ID != "" && r.ID != rel.ID {
		return rel, kg.FieldError("id", "%q does not match the fact it names; omit it, or use %q", r.ID, rel.ID)
	}
	if rt := r.Retraction; rt != nil {
		if rel.Retraction, err = rt.toRetraction(); err != nil {
			return rel, err
		}
	}
	return rel, nil
}

func (rt RetractionRecord) toRetraction() (*kg.Retraction, error) {
	at, err := parseTimestamp(rt.At)
	if err != nil {
		return nil, kg.FieldError("retraction.at", "%v", err)
	}
	return &kg.Retraction{By: rt.By, At: at, Reason: rt.Reason, PreviousStatus: kg.Status(rt.PreviousStatus)}, nil
}

// describe names a relation record in an error message.
func (r RelationRecord) describe() string {
	return fmt.Sprintf("%s %s %s", r.From, r.Type, r.To)
}

// externalIDs turns the file's map into the domain's list, sorted by system so that the
// stored order, and so every export, is stable.
func externalIDs(m map[string]string) []kg.ExternalID {
	out := make([]kg.ExternalID, 0, len(m))
	for k, v := range m {
		out = append(out, kg.ExternalID{System: k, ID: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].System < out[j].System })
	if len(out) == 0 {
		return nil
	}
	return out
}
