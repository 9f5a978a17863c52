package kg

import (
	"errors"
	"fmt"
)

// Error codes are the one vocabulary in which every layer reports failure. The GraphQL
// presenter copies them into extensions.code; anything without a code is INTERNAL.
const (
	ENOTFOUND        = "NOT_FOUND"
	EINVALID         = "BAD_USER_INPUT"
	ECONFLICT        = "CONFLICT"
	EUNAUTHENTICATED = "UNAUTHENTICATED"
	EFORBIDDEN       = "FORBIDDEN"
	EUNAVAILABLE     = "UNAVAILABLE"
	// EOVERLOADED: the database is up but every connection to it is busy; the request
	// waited its turn and gave up. Try again after the Retry-After header's seconds.
	EOVERLOADED = "OVERLOADED"
	// ERATELIMITED is a client that sent more than its share (HTTP 429, with Retry-After).
	ERATELIMITED = "RATE_LIMITED"
	EINTERNAL    = "INTERNAL"
)

// Error is a failure that is safe to show to a client: its message is written for the user.
// Field names the input that was wrong, when there is one.
type Error struct {
	Code    string
	Message string
	Field   string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.Field)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf builds an *Error with a formatted, user-facing message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError is a BAD_USER_INPUT error that names the offending field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: field + ": " + fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, or INTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of a coded error, or a generic one for
// anything internal, whose details belong in the log only.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return "Internal error."
}

// ErrorField returns the field an error names, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ErrorMessageVerbose is for operators (the CLI, logs): the coded message when there is
// one, else the whole error.
func ErrorMessageVerbose(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return err.Error()
}
