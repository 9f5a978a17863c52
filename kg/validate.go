package kg

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds on free text, so that a field is a field and not a payload.
const (
	MaxNameLength  = 300
	MaxTextLength  = 4000
	MaxAliases     = 100
	MaxSourceBytes = 10 << 20
	MaxEvidence    = 50
)

// checkText refuses text that is too long, not UTF-8, or carries control characters other
// than tab and newline; such text is never what an analyst meant to type.
func checkText(field, s string, max int, required bool) error {
	if required && strings.TrimSpace(s) == "" {
		return FieldError(field, "is required")
	}
	if !utf8.ValidString(s) {
		return FieldError(field, "is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return FieldError(field, "is %d characters long; the limit is %d", n, max)
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return FieldError(field, "contains the control character %U", r)
		}
	}
	return nil
}

// Validate checks an entity on its own: id, kind, text fields and kind-specific fields.
// Returns BAD_USER_INPUT naming the first wrong field.
func (e *Entity) Validate() error {
	if !e.Kind.Valid() {
		return FieldError("kind", "%q is not a kind; use one of %s", clip(string(e.Kind)), KindNames(Kinds))
	}
	if err := ValidateID("id", e.ID, e.Kind); err != nil {
		return err
	}
	if err := checkText("name", e.Name, MaxNameLength, true); err != nil {
		return err
	}
	if len(e.Aliases) > MaxAliases {
		return FieldError("aliases", "has %d entries; the limit is %d", len(e.Aliases), MaxAliases)
	}
	for i, a := range e.Aliases {
		if err := checkText(fmt.Sprintf("aliases[%d]", i), a, MaxNameLength, true); err != nil {
			return err
		}
	}
	if err := checkText("description", e.Description, MaxTextLength, false); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, x := range e.ExternalIDs {
		if err := checkText("externalIds.system", x.System, 40, true); err != nil {
			return err
		}
		if strings.ContainsRune(x.System, ':') || seen[x.System] {
			return FieldError("externalIds.system", "%q must be unique and contain no colon", clip(x.System))
		}
		seen[x.System] = true
		if err := checkText("externalIds."+clip(x.System), x.ID, MaxNameLength, true); err != nil {
			return err
		}
		if strings.EqualFold(x.System, "wikidata") && !isQID(x.ID) {
			return FieldError("externalIds.wikidata", "%q is not a Wikidata id such as Q7747", clip(x.ID))
		}
	}
	if e.Date != nil && e.Kind != KindEvent {
		return FieldError("date", "only events have a date; a %s does not", e.Kind)
	}
	if e.Kind != KindSource && (e.Author != "" || e.Publisher != "" || e.URL != "" || e.Published != nil || e.HasText) {
		return FieldError("author", "author, publisher, url, published and text belong to sources only")
	}
	for field, v := range map[string]string{"author": e.Author, "publisher": e.Publisher, "url": e.URL} {
		if err := checkText(field, v, MaxNameLength, false); err != nil {
			return err
		}
	}
	if len(e.Text) > MaxSourceBytes {
		return FieldError("text", "is %d bytes; the limit is %d", len(e.Text), MaxSourceBytes)
	}
	if !utf8.ValidString(e.Text) {
		return FieldError("text", "is not valid UTF-8")
	}
	return nil
}

func isQID(s string) bool {
	if len(s) < 2 || s[0] != 'Q' || s[1] == '0' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// GraphLookup answers what the rules for a relation need to know about the rest of the graph
// (the part outside the data being validated): the kind of an entity that the relation
// names, and a source's text, if known.
type GraphLookup interface {
	KindOf(id string) (Kind, bool)
	SourceText(id string) (text string, known bool)
}

// Validate checks a fact against the vocabulary and the graph that res describes: a known
// type, endpoints that exist and whose kinds the type allows, a sane valid time, confidence
// in 0..1, a known status, existing sources, and each quote found verbatim in its source's
// text when that text is known. These are the rules of both the importer and the write API.
func (r *Relation) Validate(res GraphLookup) error {
	spec, ok := r.Type.Spec()
	if !ok {
		return FieldError("type", "%q is not a relation type; use one of %s", clip(string(r.Type)), RelationTypeNames())
	}
	if err := ValidateID("from", r.From, ""); err != nil {
		return err
	}
	if err := ValidateID("to", r.To, ""); err != nil {
		return err
	}
	fromKind, ok := res.KindOf(r.From)
	if !ok {
		return FieldError("from", "no entity has id %q", r.From)
	}
	toKind, ok := res.KindOf(r.To)
	if !ok {
		return FieldError("to", "no entity has id %q", r.To)
	}
	if r.From == r.To {
		return FieldError("to", "a relation joins two different entities; both ends are %q", r.From)
	}
	if !containsKind(spec.From, fromKind) {
		return FieldError("from", "%s cannot start from a %s; it starts from %s", r.Type, fromKind, KindNames(spec.From))
	}
	if !containsKind(spec.To, toKind) {
		return FieldError("to", "%s cannot point to a %s; it points to %s", r.Type, toKind, KindNames(spec.To))
	}
	if err := checkText("role", r.Role, MaxNameLength, false); err != nil {
		return err
	}
	if r.ValidFrom != nil && r.ValidTo != nil && r.ValidTo.End().Before(r.ValidFrom.Start()) {
		return FieldError("validTo", "%s is before validFrom %s", r.ValidTo, r.ValidFrom)
	}
	if r.Confidence < 0 || r.Confidence > 1 || r.Confidence != r.Confidence {
		return FieldError("confidence", "%v is outside 0..1", r.Confidence)
	}
	if !r.Status.Valid() {
		return FieldError("status", "%q is not a status; use asserted, reported, disputed or retracted", clip(string(r.Status)))
	}
	if err := validateBasis(r.Basis, r.BasisNote); err != nil {
		return err
	}
	return validateEvidence("", r.Evidence, res)
}

// validateEvidence checks what a claim cites: at least one existing source, and each quote
// a verbatim passage of its source when the text is known. prefix names where the
// evidence sits ("" for a fact, "statuses[1]." for an event's status).
func validateEvidence(prefix string, evidence []Evidence, res GraphLookup) error {
	if len(evidence) == 0 {
		return FieldError(prefix+"sources", "a claim needs at least one source")
	}
	if len(evidence) > MaxEvidence {
		return FieldError(prefix+"sources", "has %d entries; the limit is %d", len(evidence), MaxEvidence)
	}
	for i, ev := range evidence {
		field := fmt.Sprintf("%ssources[%d]", prefix, i)
		if err := ValidateID(field, ev.SourceID, KindSource); err != nil {
			return err
		}
		if k, ok := res.KindOf(ev.SourceID); !ok || k != KindSource {
			return FieldError(field, "no source has id %q", ev.SourceID)
		}
		if err := checkText(prefix+"quote", ev.Quote, MaxTextLength, true); err != nil {
			return err
		}
		if text, known := res.SourceText(ev.SourceID); known && !strings.Contains(text, ev.Quote) {
			return FieldError(prefix+"quote", "%q is not a verbatim passage of %s", clip(ev.Quote), ev.SourceID)
		}
	}
	return nil
}

// ValidateStatuses checks an event's status history against the graph that res describes.
// Returns BAD_USER_INPUT naming the entry's field.
func (e *Entity) ValidateStatuses(res GraphLookup) error { return e.validateStatuses(res) }

// validateBasis: a fact is stated or inferred, and an inferred one says what was inferred.
func validateBasis(b Basis, note string) error {
	if !b.Valid() {
		return FieldError("basis", "%q is not a basis; use stated (the sources say it) or inferred (a curator read it from them)", clip(string(b)))
	}
	if err := checkText("basisNote", note, MaxBasisNoteLength, false); err != nil {
		return err
	}
	switch {
	case b == BasisInferred && strings.TrimSpace(note) == "":
		return FieldError("basisNote", "an inferred fact says what was inferred and from what")
	case b == BasisStated && note != "":
		return FieldError("basisNote", "only an inferred fact has a note; a stated one has its quote")
	}
	return nil
}
