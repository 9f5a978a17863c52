package export

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/kg"
)

// Scope is which part of the graph an export holds.
type Scope string

const (
	ScopeAll          Scope = "all"
	ScopeNeighborhood Scope = "neighborhood"
	ScopeTrack        Scope = "track"
	ScopeConflict     Scope = "conflict"
	ScopePaths        Scope = "paths"
	ScopeCrossTrack   Scope = "crossTrack"
	ScopeEntities     Scope = "entities"
)

// Scopes is the allow-list of scopes.
var Scopes = []Scope{ScopeAll, ScopeNeighborhood, ScopeTrack, ScopeConflict, ScopePaths, ScopeCrossTrack, ScopeEntities}

// The bounds of the scopes that walk the graph: those of the GraphQL fields they mirror
// (neighborhood, paths, crossTrack), so an export asks no more of Neo4j than a query may.
// They are kg's (kg/bounds.go).
const (
	maxDepth        = kg.MaxNeighborhoodDepth
	maxNeighborhood = kg.MaxNeighborhoodLimit
	maxHops         = kg.MaxPathHops
	maxPaths        = kg.MaxPaths
	maxLinks        = kg.MaxCrossTrackLinks
	// MaxIDs bounds an explicit id list: a dashboard view, not the graph.
	MaxIDs = 2000
)

// Request is one export: its scope, the scope's arguments, and the filters that apply to
// every scope. The zero values of the filters keep everything.
type Request struct {
	Scope Scope
	// ID is the centre of a neighbourhood, or the track or conflict.
	ID    string
	Depth int
	// Limit caps a neighbourhood's nodes, the number of paths, or of cross-track links.
	Limit    int
	From, To string
	MaxHops  int
	A, B     string
	IDs      []string

	kg.Clocks
	Types         []kg.RelationType
	Kinds         []kg.Kind
	MinConfidence float64
}

// Parameters lists the query parameters ParseRequest reads, for error messages and docs.
var Parameters = []string{"scope", "id", "depth", "limit", "from", "to", "maxHops", "a", "b", "ids",
	"asOf", "knownAt", "types", "kinds", "minConfidence"}

// ParseRequest reads an export request from query parameters (the HTTP endpoint's and,
// through the same names, the CLI's flags). Every error is BAD_USER_INPUT naming the
// parameter.
func ParseRequest(q url.Values) (Request, error) {
	var r Request
	for name := range q {
		if !known(name) {
			return r, kg.FieldError(name, "is not a parameter of an export; use %s", strings.Join(Parameters, ", "))
		}
	}
	r.Scope = Scope(q.Get("scope"))
	if r.Scope == "" {
		r.Scope = ScopeAll
	}
	if !validScope(r.Scope) {
		return r, kg.FieldError("scope", "%q is not a scope; use all, neighborhood, track, conflict, paths, crossTrack or entities", clip(string(r.Scope)))
	}
	if err := r.parseFilters(q); err != nil {
		return r, err
	}
	return r, r.parseScope(q)
}

func known(name string) bool {
	for _, p := range Parameters {
		if p == name {
			return true
		}
	}
	return false
}

func validScope(s Scope) bool {
	for _, k := range Scopes {
		if k == s {
			return true
		}
	}
	return false
}

func (r *Request) parseFilters(q url.Values) error {
	if s := q.Get("asOf"); s != "" {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return kg.FieldError("asOf", "%q is not a day of the calendar: use YYYY-MM-DD", clip(s))
		}
		r.AsOf = &t
	}
	if s := q.Get("knownAt"); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return kg.FieldError("knownAt", "%q is not an RFC 3339 instant: use a form such as 2026-01-26T12:00:00Z", clip(s))
		}
		r.KnownAt = &t
	}
	for _, s := range list(q.Get("types")) {
		t := kg.RelationType(strings.ToUpper(s))
		if !t.Valid() {
			return kg.FieldError("types", "%q is not a relation type (docs/model.md lists them)", clip(s))
		}
		r.Types = append(r.Types, t)
	}
	for _, s := range list(q.Get("kinds")) {
		k, ok := kg.ParseKind(s)
		if !ok {
			return kg.FieldError("kinds", "%q is not an entity kind (docs/model.md lists them)", clip(s))
		}
		r.Kinds = append(r.Kinds, k)
	}
	if s := q.Get("minConfidence"); s != "" {
		c, err := strconv.ParseFloat(s, 64)
		if err != nil || c < 0 || c > 1 {
			return kg.FieldError("minConfidence", "%q is not a number between 0 and 1", clip(s))
		}
		r.MinConfidence = c
	}
	return nil
}

func (r *Request) parseScope(q url.Values) error {
	var err error
	need := func(field string) (string, error) {
		v := q.Get(field)
		if v == "" {
			return "", kg.FieldError(field, "is required for scope=%s", r.Scope)
		}
		return v, kg.ValidateID(field, v, "")
	}
	switch r.Scope {
	case ScopeNeighborhood:
		if r.ID, err = need("id"); err != nil {
			return err
		}
		if r.Depth, err = boundedInt(q, "depth", 1, maxDepth); err != nil {
			return err
		}
		r.Limit, err = boundedInt(q, "limit", 100, maxNeighborhood)
	case ScopeTrack, ScopeConflict:
		kind := kg.KindTrack
		if r.Scope == ScopeConflict {
			kind = kg.KindConflict
		}
		if r.ID, err = need("id"); err != nil {
			return err
		}
		err = kg.ValidateID("id", r.ID, kind)
	case ScopePaths:
		if r.From, err = need("from"); err != nil {
			return err
		}
		if r.To, err = need("to"); err != nil {
			return err
		}
		if r.MaxHops, err = boundedInt(q, "maxHops", 4, maxHops); err != nil {
			return err
		}
		r.Limit, err = boundedInt(q, "limit", 5, maxPaths)
	case ScopeCrossTrack:
		if r.A, err = need("a"); err != nil {
			return err
		}
		if r.B, err = need("b"); err != nil {
			return err
		}
		if r.A == r.B {
			return kg.FieldError("b", "must differ from a")
		}
		r.Limit, err = boundedInt(q, "limit", 20, maxLinks)
	case ScopeEntities:
		r.IDs = list(q.Get("ids"))
		if len(r.IDs) == 0 {
			return kg.FieldError("ids", "is required for scope=entities: a comma-separated list of entity ids")
		}
		if len(r.IDs) > MaxIDs {
			return kg.FieldError("ids", "names %d entities; at most %d", len(r.IDs), MaxIDs)
		}
		for _, id := range r.IDs {
			if err := kg.ValidateID("ids", id, ""); err != nil {
				return err
			}
		}
	}
	return err
}

// list splits a comma-separated parameter, ignoring blanks.
func list(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func boundedInt(q url.Values, field string, def, max int) (int, error) {
	s := q.Get(field)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, kg.FieldError(field, "%q is not a whole number from 1 to %d", clip(s), max)
	}
	return n, nil
}

// Describe says what the export holds, for the file's metadata.
func (r Request) Describe() string {
	var b strings.Builder
	b.WriteString("diplograph export, scope " + string(r.Scope))
	switch r.Scope {
	case ScopeNeighborhood:
		fmt.Fprintf(&b, " of %s, depth %d, at most %d nodes", r.ID, r.Depth, r.Limit)
	case ScopeTrack, ScopeConflict:
		b.WriteString(" " + r.ID)
	case ScopePaths:
		fmt.Fprintf(&b, " from %s to %s, at most %d hops", r.From, r.To, r.MaxHops)
	case ScopeCrossTrack:
		fmt.Fprintf(&b, " between %s and %s", r.A, r.B)
	case ScopeEntities:
		fmt.Fprintf(&b, " (%d entities)", len(r.IDs))
	}
	if r.AsOf != nil {
		b.WriteString("; as of " + r.AsOf.Format(day))
	}
	if r.KnownAt != nil {
		b.WriteString("; known at " + instant(r.KnownAt))
	}
	if len(r.Types) > 0 {
		b.WriteString("; relation types " + joinAny(r.Types))
	}
	if len(r.Kinds) > 0 {
		b.WriteString("; kinds " + joinAny(r.Kinds))
	}
	if r.MinConfidence > 0 {
		b.WriteString("; confidence at least " + strconv.FormatFloat(r.MinConfidence, 'g', -1, 64))
	}
	return b.String()
}

func joinAny[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ",")
}

// FileName is a name that says what the file holds: diplograph-<scope>[-<id>]-<date>.<ext>,
// the date being asOf's, or today's for the graph as it stands.
func (r Request) FileName(f Format, today time.Time) string {
	parts := []string{"diplograph", string(r.Scope)}
	switch r.Scope {
	case ScopeNeighborhood, ScopeTrack, ScopeConflict:
		parts = append(parts, slug(r.ID))
	case ScopePaths:
		parts = append(parts, slug(r.From), slug(r.To))
	case ScopeCrossTrack:
		parts = append(parts, slug(r.A), slug(r.B))
	}
	when := today
	if r.AsOf != nil {
		when = *r.AsOf
		parts = append(parts, "asof")
	}
	parts = append(parts, when.Format(day))
	return strings.Join(parts, "-") + f.Extension()
}

// slug is an id's part after its kind: the name a file is known by.
func slug(id string) string {
	if i := strings.IndexByte(id, '/'); i >= 0 {
		return id[i+1:]
	}
	return id
}
