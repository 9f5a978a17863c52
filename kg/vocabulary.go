package kg

import (
	"sort"
	"strings"
)

// RelationType is one word of the fixed relation vocabulary. Each is also the Neo4j
// relationship type, which is why the set is closed: types cannot be Cypher parameters.
type RelationType string

// RelationSpec says what a relation type means, which kinds it may join, and what its role
// (qualifier) holds.
type RelationSpec struct {
	Type        RelationType
	Description string
	From        []Kind
	To          []Kind
	// Role names what the qualifier means for this type, or "" when it takes none.
	Role string
}

var (
	actors     = []Kind{KindPerson, KindCountry, KindOrganization}
	anyButSrc  = []Kind{KindPerson, KindCountry, KindOrganization, KindBody, KindConflict, KindTerritory, KindProposal, KindEvent, KindTrack}
	places     = []Kind{KindTerritory, KindCountry}
	collective = []Kind{KindCountry, KindOrganization, KindBody, KindTrack, KindEvent}
)

// Occurrences are the relation types that say something happened (a meeting, a statement,
// a taking part, an annexation) rather than that something held. Their valid time is when
// it happened, and from then on it is part of the record: a read as of a later day still
// shows them, while a state (a role, a membership, control of a territory) shows only on
// the days it held. docs/model.md, "Two clocks".
var Occurrences = []RelationType{"PARTICIPATED_IN", "MET_WITH", "STATED", "PROPOSED", "ESTABLISHED", "ANNEXED", "PRECEDES", "CITES"}

// Vocabulary is the closed set of relation types, documented in docs/model.md.
var Vocabulary = []RelationSpec{
	{"HOLDS_ROLE", "holds a role in or for (title in role)", []Kind{KindPerson}, []Kind{KindCountry, KindOrganization, KindBody, KindPerson}, "title"},
	{"LEADS", "leads", actors, collective, ""},
	{"MEMBER_OF", "is a member of (membership status in role)", actors, []Kind{KindBody, KindOrganization}, "membership status"},
	{"INVITED_TO", "is invited to (invitation status in role)", actors, []Kind{KindBody, KindEvent}, "invitation status"},
	{"PARTY_TO", "is party to a conflict or process (side in role)", actors, []Kind{KindConflict, KindTrack}, "side"},
	{"CONTROLS", "controls a territory", []Kind{KindCountry, KindOrganization}, []Kind{KindTerritory}, ""},
	{"CLAIMS", "claims a territory", []Kind{KindCountry, KindOrganization}, []Kind{KindTerritory}, ""},
	{"ANNEXED", "annexed a territory", []Kind{KindCountry, KindOrganization}, []Kind{KindTerritory}, ""},
	{"BACKS", "supports", actors, []Kind{KindPerson, KindCountry, KindOrganization, KindProposal}, ""},
	{"PROPOSED", "proposed", actors, []Kind{KindProposal}, ""},
	{"ADDRESSES", "is about (a conflict, track, territory or proposal)", []Kind{KindProposal, KindTrack, KindEvent, KindBody, KindPerson, KindOrganization}, []Kind{KindConflict, KindTrack, KindTerritory, KindProposal}, ""},
	{"ESTABLISHED", "established", actors, []Kind{KindBody, KindOrganization, KindTrack}, ""},
	{"PARTICIPATED_IN", "took part in an event (participant role in role)", []Kind{KindPerson, KindCountry, KindOrganization, KindBody}, []Kind{KindEvent}, "participant role"},
	{"PART_OF", "is part of", []Kind{KindEvent, KindProposal, KindTerritory, KindOrganization, KindBody, KindConflict}, []Kind{KindTrack, KindConflict, KindCountry, KindTerritory, KindOrganization, KindEvent}, ""},
	{"LOCATED_IN", "is located in", []Kind{KindEvent, KindTerritory, KindOrganization, KindBody}, places, ""},
	// Where a person or organisation works, with the trade: "a New York real estate
	// developer" (issue 15 asks for it as a fact, not description text). "In or from" keeps
	// both readings of such a phrase: based there, or working on the place's property.
	{"BASED_IN", "works in or from a place (trade or occupation in role)", []Kind{KindPerson, KindOrganization}, places, "trade"},
	{"PRECEDES", "happened before", []Kind{KindEvent}, []Kind{KindEvent}, ""},
	{"STATED", "made a statement about (its gist in role, its words in the quote)", actors, anyButSrc, "statement"},
	{"MET_WITH", "met with", actors, actors, ""},
	{"CITES", "cites another source", []Kind{KindSource}, []Kind{KindSource}, ""},
}

var vocabularyByType = func() map[RelationType]RelationSpec {
	m := make(map[RelationType]RelationSpec, len(Vocabulary))
	for _, s := range Vocabulary {
		m[s.Type] = s
	}
	return m
}()

// Spec returns the vocabulary entry for t.
func (t RelationType) Spec() (RelationSpec, bool) {
	s, ok := vocabularyByType[t]
	return s, ok
}

// Valid reports whether t is in the vocabulary.
func (t RelationType) Valid() bool {
	_, ok := vocabularyByType[t]
	return ok
}

// RelationTypeNames lists the vocabulary's types, sorted, for error messages.
func RelationTypeNames() string {
	names := make([]string, 0, len(Vocabulary))
	for _, s := range Vocabulary {
		names = append(names, string(s.Type))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// Allows reports whether the type may join an entity of kind from to one of kind to.
func (s RelationSpec) Allows(from, to Kind) bool {
	return containsKind(s.From, from) && containsKind(s.To, to)
}

func containsKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// KindNames joins kinds for messages.
func KindNames(ks []Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
