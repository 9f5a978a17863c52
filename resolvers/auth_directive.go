package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/diplograph/diplograph/kg"
)

// HasRole implements the @hasRole directive: the field runs only for a caller holding at
// least role. It runs before the field's resolver, so a caller without the role learns
// nothing about the data, not even whether an id exists. Returns UNAUTHENTICATED without
// credentials and FORBIDDEN with too low a role.
func HasRole(ctx context.Context, _ any, next graphql.Resolver, role kg.Role) (any, error) {
	if err := kg.Authorize(ctx, role); err != nil {
		return nil, err
	}
	return next(ctx)
}

// actor names the caller in the audit trail. Every mutation is behind @hasRole, so there
// is always a principal; "unknown" would show a wiring mistake in the trail, not hide it.
func actor(ctx context.Context) string {
	if p := kg.PrincipalFrom(ctx); p != nil && p.Name != "" {
		return p.Name
	}
	return "unknown"
}
