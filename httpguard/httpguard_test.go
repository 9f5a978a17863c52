package httpguard

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestRetryAfter_SetOnlyWhenNoted(t *testing.T) {
	h := RetryAfter(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("busy") != "" {
			NoteRetry(r.Context(), 1500*time.Millisecond)
			NoteRetry(r.Context(), 500*time.Millisecond)
		}
		_, _ = w.Write([]byte("{}"))
	}))
	for _, tc := range []struct{ url, want string }{{"/graphql?busy=1", "2"}, {"/graphql", ""}} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.url, nil))
		if got := rec.Header().Get("Retry-After"); got != tc.want {
			t.Errorf("%s: Retry-After %q; want %q", tc.url, got, tc.want)
		}
	}
}

func TestDeadline_EveryRequestHasOne(t *testing.T) {
	var left time.Duration
	h := Deadline(3*time.Second, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		d, ok := r.Context().Deadline()
		if !ok {
			t.Fatal("no deadline")
		}
		left = time.Until(d)
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/graphql", nil))
	if left <= 2*time.Second || left > 3*time.Second {
		t.Errorf("%s left of a 3 s deadline", left)
	}
	if WriteTimeout(3*time.Second) <= 3*time.Second {
		t.Error("the write timeout must outlast the request deadline")
	}
}
