package kg

import (
	"errors"
	"fmt"

	"github.com/diplograph/diplograph/errcode"
)

// Error is a failure that is safe to show to a client: its message is written for the user.
// Code is one of package errcode's, the one vocabulary in which every layer reports failure;
// the GraphQL presenter copies it into extensions.code, and anything without a code is
// INTERNAL. Field names the input that was wrong, when there is one.
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
	return &Error{Code: errcode.BadUserInput, Field: field, Message: field + ": " + fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, or INTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return errcode.Internal
}

// ErrorMessage returns the user-facing message of a coded error, or a generic one for
// anything internal, whose details belong in the log only.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != errcode.Internal {
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
	if errors.As(err, &e) && e.Code != errcode.Internal {
		return e.Message
	}
	return err.Error()
}
