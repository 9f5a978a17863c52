// Package errcode owns the service's one error vocabulary: the strings a client reads in
// extensions.code (and the Python client maps to exception classes, python/src/diplograph/errors.py).
//
// It is a package of its own, not part of kg, because the transport packages that also answer
// with these codes (graphqlhttp, querylimit, httpguard) are generic HTTP and GraphQL plumbing
// that knows nothing of the graph's domain: they import this list and nothing else. kg builds
// its coded Error on the same constants. No Go file outside this package spells a code as a
// string literal; TestNoCodeSpelledOutside enforces that.
package errcode

const (
	// NotFound is an id the graph does not hold (or did not hold at the asked knownAt).
	NotFound = "NOT_FOUND"
	// BadUserInput is a request the client must fix; extensions.field names the input when
	// there is one. Transport-level refusals (bad media type, method, body) use it too: the
	// HTTP status says which kind.
	BadUserInput = "BAD_USER_INPUT"
	// Conflict is a write that lost a race or contradicts what is stored.
	Conflict = "CONFLICT"
	// Unauthenticated is an operation that needs credentials without them, or credentials
	// that do not verify.
	Unauthenticated = "UNAUTHENTICATED"
	// Forbidden is credentials that verified but whose role is too low.
	Forbidden = "FORBIDDEN"
	// Unavailable is the database down, too slow, or the request cancelled.
	Unavailable = "UNAVAILABLE"
	// Overloaded is the database up but every connection to it busy: the request waited its
	// turn and gave up. Try again after the Retry-After header's seconds.
	Overloaded = "OVERLOADED"
	// RateLimited is a client that sent more than its share (HTTP 429, with Retry-After).
	RateLimited = "RATE_LIMITED"
	// ReloadRequired is a subscription resumed with since older than the replay log holds:
	// the client must read the graph again, then subscribe without since (docs/live.md).
	ReloadRequired = "RELOAD_REQUIRED"
	// SlowConsumer is a subscription dropped because its events piled up unread.
	SlowConsumer = "SLOW_CONSUMER"
	// Internal is a failure of the service's own; the details are in its log only.
	Internal = "INTERNAL"
)

// All lists every code, in the order the docs present them.
var All = []string{NotFound, BadUserInput, Conflict, Unauthenticated, Forbidden, Unavailable, Overloaded, RateLimited, ReloadRequired, SlowConsumer, Internal}
