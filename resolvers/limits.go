package resolvers

import "github.com/diplograph/diplograph/kg"

// boundedInt applies a default and checks 1 <= v <= max, naming the argument on failure.
func boundedInt(arg string, v *int, def, max int) (int, error) {
	if v == nil {
		return def, nil
	}
	if *v < 1 || *v > max {
		return 0, kg.FieldError(arg, "must be between 1 and %d, got %d", max, *v)
	}
	return *v, nil
}

// orDefault is an optional argument's value, or def when it is absent.
func orDefault(v *int, def int) int {
	if v == nil {
		return def
	}
	return *v
}

// checkID refuses a malformed id before it reaches the database; NOT_FOUND would hide a typo
// in the id's shape.
func checkID(arg, id string) error {
	return kg.ValidateID(arg, id, "")
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
