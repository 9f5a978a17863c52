package cypher

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// entitySort is an allow-listed sort: its key expression, and an index hint with the
// predicate that starts the listing in each direction (/*HINT*/ and /*SEEK*/ in
// entityFilter.cypher). A sort key is never taken from input.
type entitySort struct{ key, hint, seekAsc, seekDesc string }

// entitySorts lists the sorts. NAME reads the stored lower-cased name and walks its index
// (entity_name_key) in order from the cursor, stopping at the end of the page, instead of
// sorting every entity (docs/benchmarks-history.md). The hint keeps that plan when statistics
// would not choose it: on a small graph, or under a filter whose selectivity the planner
// cannot see.
var entitySorts = map[kg.EntitySort]entitySort{
	kg.SortByName: {key: "e.nameKey", hint: "USING INDEX e:Entity(nameKey)",
		seekAsc: "e.nameKey >= coalesce($afterKey, '') AND", seekDesc: "e.nameKey IS NOT NULL AND"},
	kg.SortByDegree: {key: "COUNT { (e)--(:Entity) }"},
	kg.SortByDate:   {key: "coalesce(toString(coalesce(e.dateStart, e.publishedStart)), '9999-12-31')"},
}

// entityQuery assembles a listing from the shared filter and a tail, with only
// allow-listed text substituted. A count has no cursor to start from, so no seek.
func entityQuery(tail string, sort kg.EntitySort, descending bool) string {
	q := query("entityFilter") + query(tail)
	by := entitySorts[sort]
	after, order, hint, seek := ">", "ASC", by.hint, by.seekAsc
	if descending {
		after, order, seek = "<", "DESC", by.seekDesc
	}
	if tail == "entitiesCount" {
		hint, seek = "", ""
	}
	return strings.NewReplacer("/*SORT_KEY*/", by.key, "/*AFTER*/", after, "/*ORDER*/", order,
		"/*HINT*/", hint, "/*SEEK*/", seek).Replace(q)
}

// Entities lists one page of entities. Returns BAD_USER_INPUT for a malformed cursor.
func (s *Store) Entities(ctx context.Context, f kg.EntityFilter, p kg.PageRequest) (*kg.Page[*kg.Entity], error) {
	if f.Sort == "" {
		f.Sort = kg.SortByName
	}
	if _, ok := entitySorts[f.Sort]; !ok {
		return nil, kg.FieldError("sort", "%q is not a sort key; use NAME, DEGREE or DATE", f.Sort)
	}
	params := entityFilterParams(f)
	params["first"] = p.First
	params["after"], params["afterKey"], params["afterID"] = nil, nil, nil
	if p.After != "" {
		key, id, err := decodeCursor(p.After, f.Sort)
		if err != nil {
			return nil, err
		}
		params["after"], params["afterKey"], params["afterID"] = p.After, key, id
	}
	recs, err := s.readText(ctx, "entities", entityQuery("entities", f.Sort, f.Descending), params)
	if err != nil {
		return nil, err
	}
	page := &kg.Page[*kg.Entity]{HasPrevious: p.After != ""}
	if len(recs) > p.First {
		page.HasNext = true
		recs = recs[:p.First]
	}
	for _, r := range recs {
		v, _ := r.Get("entity")
		e, err := decodeEntity(v)
		if err != nil {
			return nil, err
		}
		key, _ := r.Get("key")
		page.Items = append(page.Items, e)
		page.Cursors = append(page.Cursors, encodeCursor(f.Sort, key, e.ID))
	}
	if p.WantTotal {
		name, text := "entitiesCount", entityQuery("entitiesCount", f.Sort, f.Descending)
		if unfiltered(f) {
			name, text = "entitiesCountAll", query("entitiesCountAll")
		}
		recs, err := s.readText(ctx, name, text, params)
		if err != nil {
			return nil, err
		}
		total := 0
		if len(recs) == 1 {
			n, _, _ := neo4j.GetRecordValue[int64](recs[0], "total")
			total = int(n)
		}
		page.TotalCount = &total
	}
	return page, nil
}

// unfiltered reports whether f keeps every entity, so that Neo4j's count store can answer.
func unfiltered(f kg.EntityFilter) bool {
	return len(f.Kinds) == 0 && f.NameContains == "" && f.Track == "" && f.Conflict == "" &&
		f.RelatedTo == "" && f.HasRelation == "" && f.Clocks == (kg.Clocks{})
}

func entityFilterParams(f kg.EntityFilter) map[string]any {
	p := map[string]any{
		"kinds": kindNames(f.Kinds), "name": nil, "track": nil, "conflict": nil,
		"relatedTo": nil, "relType": nil,
	}
	if f.NameContains != "" {
		p["name"] = strings.ToLower(f.NameContains)
	}
	if f.Track != "" {
		p["track"] = f.Track
	}
	if f.Conflict != "" {
		p["conflict"] = f.Conflict
	}
	if f.RelatedTo != "" {
		p["relatedTo"] = f.RelatedTo
	}
	if f.HasRelation != "" {
		p["relType"] = string(f.HasRelation)
	}
	withClocks(p, f.Clocks)
	return p
}

// A cursor is opaque to clients: the sort it belongs to, the last row's key and its id.
type cursor struct {
	Sort kg.EntitySort `json:"s"`
	Key  any           `json:"k"`
	ID   string        `json:"i"`
}

func encodeCursor(sort kg.EntitySort, key any, id string) string {
	b, _ := json.Marshal(cursor{Sort: sort, Key: key, ID: id})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string, sort kg.EntitySort) (any, string, error) {
	bad := kg.FieldError("after", "is not a cursor from this listing; pass the endCursor of the previous page")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, "", bad
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil || c.Sort != sort || c.ID == "" {
		return nil, "", bad
	}
	switch k := c.Key.(type) {
	case float64:
		if sort != kg.SortByDegree {
			return nil, "", bad
		}
		return int64(k), c.ID, nil
	case string:
		if sort == kg.SortByDegree {
			return nil, "", bad
		}
		return k, c.ID, nil
	}
	return nil, "", bad
}
