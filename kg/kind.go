package kg

import (
	"regexp"
	"strings"
)

// Kind is the type of an entity. Each kind is a Neo4j label beside :Entity, and the first
// segment of every id of that kind, so an id says what it names.
type Kind string

const (
	KindPerson       Kind = "Person"
	KindCountry      Kind = "Country"
	KindOrganization Kind = "Organization"
	KindBody         Kind = "Body"
	KindConflict     Kind = "Conflict"
	KindTerritory    Kind = "Territory"
	KindProposal     Kind = "Proposal"
	KindEvent        Kind = "Event"
	KindTrack        Kind = "Track"
	KindSource       Kind = "Source"
)

// Kinds lists every kind in documentation order. It is the allow-list for labels.
var Kinds = []Kind{
	KindPerson, KindCountry, KindOrganization, KindBody, KindConflict,
	KindTerritory, KindProposal, KindEvent, KindTrack, KindSource,
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}

// IDPrefix is the id segment for the kind: "person" for Person.
func (k Kind) IDPrefix() string { return strings.ToLower(string(k)) }

// ParseKind accepts a kind in any letter case ("person", "PERSON").
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds {
		if strings.EqualFold(s, string(k)) {
			return k, true
		}
	}
	return "", false
}

var idPattern = regexp.MustCompile(`^([a-z]+)/[a-z0-9]+(-[a-z0-9]+)*$`)

// MaxIDLength bounds ids so that an id is a key, not a payload.
const MaxIDLength = 200

// KindOfID returns the kind named by an id's prefix, and false when the id is malformed.
func KindOfID(id string) (Kind, bool) {
	if len(id) > MaxIDLength {
		return "", false
	}
	m := idPattern.FindStringSubmatch(id)
	if m == nil {
		return "", false
	}
	return ParseKind(m[1])
}

// ValidateID checks that id is well formed and, when kind is set, of that kind.
func ValidateID(field, id string, kind Kind) error {
	k, ok := KindOfID(id)
	if !ok {
		return FieldError(field, "%q is not an entity id: expected kind/slug, e.g. person/vladimir-putin (lowercase letters, digits and single hyphens, at most %d characters)", clip(id), MaxIDLength)
	}
	if kind != "" && k != kind {
		return FieldError(field, "id %q has prefix %q but the entity is a %s: use %s/...", id, k.IDPrefix(), kind, kind.IDPrefix())
	}
	return nil
}

// clip shortens user input that is echoed back in an error message.
func clip(s string) string {
	const max = 80
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}
