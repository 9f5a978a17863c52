package httpguard

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// retryKey holds a request's *retryHint in its context.
type retryKey struct{}

type retryHint struct {
	mu    sync.Mutex
	after time.Duration
}

// RetryAfter lets the code that answers a request ask the client to retry later (NoteRetry);
// the header is set when the response's header is written, after the error presenter has
// seen every error. Without a note the response is untouched.
func RetryAfter(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hint := &retryHint{}
		ctx := context.WithValue(r.Context(), retryKey{}, hint)
		next.ServeHTTP(&retryWriter{ResponseWriter: w, hint: hint}, r.WithContext(ctx))
	})
}

// NoteRetry records that the answer to the request of ctx should carry Retry-After: after
// (rounded up to whole seconds, at least 1). The longest note wins.
func NoteRetry(ctx context.Context, after time.Duration) {
	hint, ok := ctx.Value(retryKey{}).(*retryHint)
	if !ok {
		return
	}
	hint.mu.Lock()
	hint.after = max(hint.after, after)
	hint.mu.Unlock()
}

type retryWriter struct {
	http.ResponseWriter
	hint    *retryHint
	written bool
}

func (w *retryWriter) WriteHeader(code int) {
	w.setHeader()
	w.ResponseWriter.WriteHeader(code)
}

func (w *retryWriter) Write(b []byte) (int, error) {
	w.setHeader()
	return w.ResponseWriter.Write(b)
}

// Flush keeps streaming responses streaming.
func (w *retryWriter) Flush() {
	w.setHeader()
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (w *retryWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *retryWriter) setHeader() {
	if w.written {
		return
	}
	w.written = true
	w.hint.mu.Lock()
	after := w.hint.after
	w.hint.mu.Unlock()
	if after > 0 {
		secs := int((after + time.Second - 1) / time.Second)
		w.ResponseWriter.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
	}
}
