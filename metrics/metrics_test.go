package metrics

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestGraphQLOutcomeIsTheFirstErrorsCode(t *testing.T) {
	h := GraphQL(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ObserveError(r.Context(), errcode.NotFound)
		ObserveError(r.Context(), errcode.BadUserInput)
	}))
	notFound := requests.WithLabelValues("none", errcode.NotFound)
	invalid := errorsByCode.WithLabelValues(errcode.BadUserInput)
	before, beforeInvalid := testutil.ToFloat64(notFound), testutil.ToFloat64(invalid)
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/graphql", nil))
	if got := testutil.ToFloat64(notFound) - before; got != 1 {
		t.Errorf("requests{none,NOT_FOUND} moved by %g", got)
	}
	if got := testutil.ToFloat64(invalid) - beforeInvalid; got != 1 {
		t.Errorf("the second error's code was not counted: %g", got)
	}
	if v := testutil.ToFloat64(inFlight); v != 0 {
		t.Errorf("in flight %g after the request", v)
	}
	ObserveError(context.Background(), errcode.Internal) // outside a request: counted, nothing else
}

func TestRoundTripFeedsDatabaseUpUntilAHealthViewReports(t *testing.T) {
	healthFed.Store(false)
	t.Cleanup(func() { healthFed.Store(false) })
	RoundTrip("entity")(kg.Errorf(errcode.Unavailable, "down"))
	if testutil.ToFloat64(databaseUp) != 0 || testutil.ToFloat64(roundTripsInFlight) != 0 {
		t.Fatal("an UNAVAILABLE round trip did not set database_up to 0")
	}
	RoundTrip("entity")(kg.Errorf(errcode.NotFound, "no such entity")) // the database answered, but says nothing new
	if testutil.ToFloat64(databaseUp) != 0 {
		t.Fatal("a NOT_FOUND round trip changed database_up")
	}
	RoundTrip("entity")(nil)
	if testutil.ToFloat64(databaseUp) != 1 {
		t.Fatal("an answered round trip did not set database_up to 1")
	}
	if n := testutil.ToFloat64(roundTrips.WithLabelValues("entity", errcode.Internal)); n != 0 {
		t.Fatalf("INTERNAL round trips: %g", n)
	}
	RoundTrip("entity")(errors.New("uncoded"))
	if n := testutil.ToFloat64(roundTrips.WithLabelValues("entity", errcode.Internal)); n != 1 {
		t.Fatalf("an uncoded error is not counted as INTERNAL: %g", n)
	}
	SetDatabaseUp(false)
	RoundTrip("entity")(nil)
	if testutil.ToFloat64(databaseUp) != 0 {
		t.Fatal("a round trip overrode the health view")
	}
}
