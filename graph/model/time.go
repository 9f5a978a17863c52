package model

import (
	"fmt"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalTime writes an instant as RFC 3339 with nanoseconds, as gqlgen's own Time does.
func MarshalTime(t time.Time) graphql.Marshaler { return graphql.MarshalTime(t) }

// UnmarshalTime reads an RFC 3339 instant (2026-01-26T12:00:00Z, an offset, or a fraction
// of a second) and rejects anything else as BAD_USER_INPUT: gqlgen's own Time answers a
// bad string with an uncoded error, which reached clients as INTERNAL.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, inputError("a Time is an RFC 3339 string such as 2026-01-26T12:00:00Z, not %T", v)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, inputError("%q is not an RFC 3339 instant: use a form such as 2026-01-26T12:00:00Z", s)
	}
	return t, nil
}

// ScalarError is a scalar that cannot be read: BAD_USER_INPUT. The unmarshaller is not
// told which argument or input field it reads, so the error presenter names it from the
// error's path.
type ScalarError struct{ Message string }

func (e *ScalarError) Error() string { return e.Message }

func inputError(format string, args ...any) error {
	return &ScalarError{Message: fmt.Sprintf(format, args...)}
}
