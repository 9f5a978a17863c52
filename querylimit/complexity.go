package querylimit

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CostFunc weighs one field of a valid operation: childCost is what one of its values
// costs (the sum of its selected fields) and args are its arguments with variables filled
// in. ok false leaves the default, 1 + childCost.
type CostFunc func(typeName, field string, childCost int, args map[string]any) (cost int, ok bool)

// Complexity refuses an operation whose cost, by Cost, exceeds Limit, with BAD_USER_INPUT.
// It walks the operation the way gqlgen's FixedComplexityLimit does (complexity.Calculate,
// a field on an interface costs what it costs on its most expensive implementation), but
// asks Cost directly instead of the generated ComplexityRoot: that one builds an execution
// context and decodes every argument once per implementation of each interface field, which
// on an entity query was a large share of the service's own time (docs/benchmarks-history.md).
type Complexity struct {
	Limit int
	Cost  CostFunc

	schema graphql.ExecutableSchema
}

var (
	_ graphql.HandlerExtension        = (*Complexity)(nil)
	_ graphql.OperationContextMutator = (*Complexity)(nil)
)

// ExtensionName implements graphql.HandlerExtension.
func (*Complexity) ExtensionName() string { return "ComplexityLimit" }

// Validate implements graphql.HandlerExtension.
func (c *Complexity) Validate(schema graphql.ExecutableSchema) error {
	if c.Cost == nil {
		return fmt.Errorf("querylimit.Complexity needs a Cost function")
	}
	c.schema = schema
	return nil
}

// MutateOperationContext implements graphql.OperationContextMutator.
func (c *Complexity) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if c.Limit <= 0 || op.Operation == nil {
		return nil
	}
	cost := complexity.Calculate(ctx, costSchema{c.schema, c.Cost}, op.Operation, op.Variables)
	if cost > c.Limit {
		return refuse("the query's complexity is %d; the limit is %d (each list field multiplies what it "+
			"selects by its length: ask for fewer items with first, or fewer nested lists)", cost, c.Limit)
	}
	return nil
}

// costSchema answers complexity.Calculate's questions with the CostFunc.
type costSchema struct {
	graphql.ExecutableSchema
	cost CostFunc
}

func (s costSchema) Complexity(_ context.Context, typeName, field string, childCost int, args map[string]any) (int, bool) {
	return s.cost(typeName, field, childCost, args)
}
