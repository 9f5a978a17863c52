package querylimit

import (
	"math"

	"github.com/99designs/gqlgen/graphql"
)

// listFieldCost is the expected length of each nested list field, used to weigh its
// children in the complexity budget. The same fields exist on every entity type.
var listFieldCost = map[string]int{"relations": 20, "events": 10, "tracks": 5, "participants": 10}

// pagedFieldCost is the default page size of the root lists whose length is their
// `first` argument.
var pagedFieldCost = map[string]int{"Query.entities": 20, "Query.search": 10}

// SchemaCost is diplograph's schema's CostFunc, the one the server gives Complexity. It
// weighs list fields by their size, so that a query's cost follows the rows it
// can make the database read: a page of 100 entities, each with 20 relations, costs 2,000
// times its leaves. Everything else costs 1 plus what it selects.
func SchemaCost(typeName, field string, childCost int, args map[string]any) (int, bool) {
	if n, ok := listFieldCost[field]; ok {
		return weigh(n, childCost), true
	}
	if def, ok := pagedFieldCost[typeName+"."+field]; ok {
		return weigh(pageSize(args["first"], def), childCost), true
	}
	return 0, false
}

// weigh is 1 + n×childCost, saturating: a cost that wrapped around would pass the limit.
func weigh(n, childCost int) int {
	if childCost > 0 && n > (math.MaxInt-1)/childCost {
		return math.MaxInt
	}
	return 1 + n*childCost
}

// pageSize is first as the client gave it, or def. Validation has already checked that
// first is an Int; a page size out of bounds is the resolver's to refuse.
func pageSize(first any, def int) int {
	n, err := graphql.UnmarshalInt(first)
	if first == nil || err != nil || n < 1 {
		return def
	}
	return n
}
