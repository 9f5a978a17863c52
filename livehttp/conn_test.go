package livehttp

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

// A stream's connection holds at most Subscriptions at once and starts them at Rate;
// a released slot can be taken again; a request that is no stream is not counted.
func TestAcquire_PerConnectionLimits(t *testing.T) {
	var errs []error
	h := Middleware(Limits{Subscriptions: 2, Rate: 1, Burst: 3}, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if ConnFrom(ctx) == nil {
			errs = append(errs, errors.New("no Conn in a stream's context"))
			return
		}
		release, err := Acquire(ctx)
		if err != nil {
			errs = append(errs, err)
			return
		}
		if _, err := Acquire(ctx); err != nil {
			errs = append(errs, err)
		}
		if _, err := Acquire(ctx); !errors.Is(err, ErrTooMany) {
			errs = append(errs, errors.New("a third subscription was allowed"))
		}
		release()
		release() // twice is once
		third, err := Acquire(ctx)
		if err != nil {
			errs = append(errs, err)
			return
		}
		third() // a slot is free, but the burst of 3 starts is spent
		if _, err := Acquire(ctx); !errors.Is(err, ErrTooFast) {
			errs = append(errs, errors.New("a fourth start within the burst was allowed"))
		}
	}))
	req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	req.Header.Set("Accept", "text/event-stream")
	h.ServeHTTP(httptest.NewRecorder(), req)
	for _, err := range errs {
		t.Error(err)
	}

	plain := Middleware(DefaultLimits, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		if ConnFrom(r.Context()) != nil {
			t.Error("a plain request got a stream's Conn")
		}
		if _, dl := r.Context().Deadline(); dl {
			t.Error("unexpected deadline")
		}
	}))
	plain.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/graphql", nil))
}
