package kg

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/diplograph/diplograph/errcode"
)

// Role is what a caller may do. Roles are ordered: each includes the ones below it.
type Role int

const (
	// RoleNone is the zero value: an anonymous caller holds no role.
	RoleNone Role = iota
	// RoleReader may run queries.
	RoleReader
	// RoleEditor may also change the graph: add, assert, record and retract.
	RoleEditor
	// RoleAdmin may also merge entities and read the whole audit trail.
	RoleAdmin
)

var roleNames = map[Role]string{RoleReader: "reader", RoleEditor: "editor", RoleAdmin: "admin"}

// String gives the role's lower-case name, as configured in keys and tokens.
func (r Role) String() string {
	if s, ok := roleNames[r]; ok {
		return s
	}
	return "none"
}

// ParseRole reads a role name in any letter case: reader, editor or admin.
func ParseRole(s string) (Role, bool) {
	for r, name := range roleNames {
		if strings.EqualFold(s, name) {
			return r, true
		}
	}
	return RoleNone, false
}

// MarshalGQL writes the role as a Role enum value.
func (r Role) MarshalGQL(w io.Writer) { writeEnum(w, strings.ToUpper(r.String())) }

// UnmarshalGQL reads a Role enum value.
func (r *Role) UnmarshalGQL(v any) error {
	s, err := enumString(v, "Role")
	if err != nil {
		return err
	}
	role, ok := ParseRole(s)
	if !ok {
		return fmt.Errorf("%q is not a Role", clip(s))
	}
	*r = role
	return nil
}

// Principal is the authenticated caller of a request. Name is what the audit trail
// records as the author of a change.
type Principal struct {
	Name string
	Role Role
	// Method says how the caller proved who they are: "api-key", "jwt" or "anonymous".
	Method string
}

type principalKey struct{}

// WithPrincipal returns a context that carries the caller.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the caller, or nil for an anonymous request.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// Authorize checks that the caller of ctx holds at least role. Returns UNAUTHENTICATED when
// there is no caller and FORBIDDEN when the caller's role is too low. The messages name
// the role needed and nothing about the data, so that they reveal nothing a caller may not
// read.
func Authorize(ctx context.Context, role Role) error {
	p := PrincipalFrom(ctx)
	if p == nil || p.Role == RoleNone {
		return Errorf(errcode.Unauthenticated, "This operation needs credentials with the %s role: send an API key or a token.", role)
	}
	if p.Role < role {
		return Errorf(errcode.Forbidden, "This operation needs the %s role; %s has the %s role.", role, p.Name, p.Role)
	}
	return nil
}
