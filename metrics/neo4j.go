package metrics

import (
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

// RoundTrip is the store's hook (cypher.Options.OnRoundTrip): called as a round trip
// starts, it returns the function to call with its outcome.
func RoundTrip(query string) func(err error) {
	start := time.Now()
	roundTripsInFlight.Inc()
	return func(err error) {
		roundTripsInFlight.Dec()
		roundTripSeconds.WithLabelValues(query).Observe(time.Since(start).Seconds())
		outcome := "ok"
		if err != nil {
			outcome = kg.ErrorCode(err)
		}
		roundTrips.WithLabelValues(query, outcome).Inc()
		switch outcome {
		case "ok":
			noteDatabase(true)
		case errcode.Unavailable:
			noteDatabase(false)
		}
	}
}
