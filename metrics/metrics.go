// Package metrics is the service's Prometheus instrumentation (prometheus/client_golang):
// GraphQL requests by operation and outcome with their latency, errors by code, Neo4j round
// trips with their latency, the connections in use, rate-limit refusals, and the
// database's health. docs/observability.md lists every series and the alerts worth setting.
//
// The collectors are the process's own, registered once on a private registry, so that
// several servers in one test binary share them (tests compare values before and after).
package metrics

import (
	"net/http"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

const namespace = "diplograph"

// latencyBuckets span a cached read (a few ms) to the transaction timeout (10 s).
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

var (
	registry = prometheus.NewRegistry()

	requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "graphql_requests_total",
		Help: "GraphQL requests by operation (its root field, \"multiple\", or \"none\" when refused before parsing) and outcome (ok, or the first error's code).",
	}, []string{"operation", "outcome"})
	requestSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: namespace, Name: "graphql_request_duration_seconds",
		Help: "Time from a GraphQL request's arrival to its answer, by operation.", Buckets: latencyBuckets,
	}, []string{"operation"})
	inFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "graphql_requests_in_flight", Help: "GraphQL requests being answered.",
	})
	errorsByCode = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "graphql_errors_total",
		Help: "Errors sent to clients, by extensions.code (a request may carry several).",
	}, []string{"code"})
	rateLimited = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "rate_limited_total",
		Help: "Requests refused with RATE_LIMITED, by the bucket's scope (credential or address).",
	}, []string{"scope"})

	roundTrips = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "neo4j_round_trips_total",
		Help: "Statements (reads) and managed transactions (writes) sent to Neo4j, by query file and outcome (ok or the error's code).",
	}, []string{"query", "outcome"})
	roundTripSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: namespace, Name: "neo4j_round_trip_duration_seconds",
		Help: "Time of one Neo4j round trip, by query file, connection acquisition included.", Buckets: latencyBuckets,
	}, []string{"query"})
	roundTripsInFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "neo4j_round_trips_in_flight",
		Help: "Round trips under way: each holds one pooled connection, so this is the pool's use (the driver exposes no pool statistics).",
	})
	poolMax = prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "neo4j_pool_max_connections", Help: "The driver's connection pool size (configured).",
	})
	databaseUp = prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "database_up",
		Help: "1 while the service believes Neo4j answers, 0 while it is known to be down.",
	})
)

func init() {
	registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		requests, requestSeconds, inFlight, errorsByCode, rateLimited,
		roundTrips, roundTripSeconds, roundTripsInFlight, poolMax, databaseUp)
}

// Handler serves the metrics in Prometheus's text format.
func Handler() http.Handler {
	return promhttp.HandlerFor(registry, promhttp.HandlerOpts{Registry: registry})
}

// healthFed is set once a health view reports through SetDatabaseUp; until then the gauge
// follows the outcomes of round trips.
var healthFed atomic.Bool

// SetDatabaseUp is the hook for the service's view of the database's health: once called,
// it alone sets diplograph_database_up.
func SetDatabaseUp(up bool) {
	healthFed.Store(true)
	setUp(up)
}

// noteDatabase is a round trip's evidence about the database's health, used until a health
// view reports.
func noteDatabase(up bool) {
	if !healthFed.Load() {
		setUp(up)
	}
}

func setUp(up bool) {
	if up {
		databaseUp.Set(1)
	} else {
		databaseUp.Set(0)
	}
}

// SetPoolMax records the driver's configured pool size.
func SetPoolMax(n int) { poolMax.Set(float64(n)) }

// RateLimited counts one refusal of the scope's bucket.
func RateLimited(scope string) { rateLimited.WithLabelValues(scope).Inc() }
