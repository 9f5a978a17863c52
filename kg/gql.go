package kg

import (
	"io"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/errcode"
)

// The domain's enums marshal themselves to and from GraphQL enum values (upper case), so
// the schema binds to these types directly instead of copying them. Only the standard
// library is needed: gqlgen recognises the method set.

func writeEnum(w io.Writer, s string) { _, _ = io.WriteString(w, strconv.Quote(s)) }

func enumString(v any, what string) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", Errorf(errcode.BadUserInput, "%s must be an enum value, not %T", what, v)
	}
	return s, nil
}

// MarshalGQL writes the kind as an EntityKind value.
func (k Kind) MarshalGQL(w io.Writer) { writeEnum(w, strings.ToUpper(string(k))) }

// UnmarshalGQL reads an EntityKind value.
func (k *Kind) UnmarshalGQL(v any) error {
	s, err := enumString(v, "EntityKind")
	if err != nil {
		return err
	}
	parsed, ok := ParseKind(s)
	if !ok {
		return Errorf(errcode.BadUserInput, "%q is not an EntityKind", clip(s))
	}
	*k = parsed
	return nil
}

// MarshalGQL writes the type as a RelationType value; the names are the same.
func (t RelationType) MarshalGQL(w io.Writer) { writeEnum(w, string(t)) }

// UnmarshalGQL reads a RelationType value.
func (t *RelationType) UnmarshalGQL(v any) error {
	s, err := enumString(v, "RelationType")
	if err != nil {
		return err
	}
	if !RelationType(s).Valid() {
		return Errorf(errcode.BadUserInput, "%q is not a RelationType", clip(s))
	}
	*t = RelationType(s)
	return nil
}

// MarshalGQL writes the status as an EventStatus value.
func (s EventStatus) MarshalGQL(w io.Writer) { writeEnum(w, strings.ToUpper(string(s))) }

// UnmarshalGQL reads an EventStatus value.
func (s *EventStatus) UnmarshalGQL(v any) error {
	str, err := enumString(v, "EventStatus")
	if err != nil {
		return err
	}
	if parsed := EventStatus(strings.ToLower(str)); parsed.Valid() {
		*s = parsed
		return nil
	}
	return Errorf(errcode.BadUserInput, "%q is not an EventStatus", clip(str))
}

// MarshalGQL writes the basis as a Basis value.
func (b Basis) MarshalGQL(w io.Writer) { writeEnum(w, strings.ToUpper(string(b))) }

// UnmarshalGQL reads a Basis value.
func (b *Basis) UnmarshalGQL(v any) error {
	str, err := enumString(v, "Basis")
	if err != nil {
		return err
	}
	if parsed := Basis(strings.ToLower(str)); parsed.Valid() {
		*b = parsed
		return nil
	}
	return Errorf(errcode.BadUserInput, "%q is not a Basis", clip(str))
}

// MarshalGQL writes the status as a Status value.
func (s Status) MarshalGQL(w io.Writer) { writeEnum(w, strings.ToUpper(string(s))) }

// UnmarshalGQL reads a Status value.
func (s *Status) UnmarshalGQL(v any) error {
	str, err := enumString(v, "Status")
	if err != nil {
		return err
	}
	st := Status(strings.ToLower(str))
	if !st.Valid() {
		return Errorf(errcode.BadUserInput, "%q is not a Status", clip(str))
	}
	*s = st
	return nil
}

// MarshalGQL writes the direction.
func (d Direction) MarshalGQL(w io.Writer) { writeEnum(w, string(d)) }

// UnmarshalGQL reads a Direction value.
func (d *Direction) UnmarshalGQL(v any) error {
	s, err := enumString(v, "Direction")
	if err != nil {
		return err
	}
	switch Direction(s) {
	case DirectionIn, DirectionOut, DirectionBoth:
		*d = Direction(s)
		return nil
	}
	return Errorf(errcode.BadUserInput, "%q is not a Direction", clip(s))
}

// MarshalGQL writes the precision.
func (p Precision) MarshalGQL(w io.Writer) { writeEnum(w, string(p)) }

// UnmarshalGQL reads a DatePrecision value.
func (p *Precision) UnmarshalGQL(v any) error {
	s, err := enumString(v, "DatePrecision")
	if err != nil {
		return err
	}
	switch Precision(s) {
	case PrecisionYear, PrecisionMonth, PrecisionDay:
		*p = Precision(s)
		return nil
	}
	return Errorf(errcode.BadUserInput, "%q is not a DatePrecision", clip(s))
}

// MarshalGQL writes the sort key.
func (s EntitySort) MarshalGQL(w io.Writer) { writeEnum(w, string(s)) }

// UnmarshalGQL reads an EntitySort value.
func (s *EntitySort) UnmarshalGQL(v any) error {
	str, err := enumString(v, "EntitySort")
	if err != nil {
		return err
	}
	switch EntitySort(str) {
	case SortByName, SortByDegree, SortByDate:
		*s = EntitySort(str)
		return nil
	}
	return Errorf(errcode.BadUserInput, "%q is not an EntitySort", clip(str))
}
