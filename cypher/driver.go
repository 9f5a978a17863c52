package cypher

import (
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DriverOptions are the connection settings of the Neo4j driver that decide how the
// service behaves when the database is slow, busy or gone (docs/operations.md).
type DriverOptions struct {
	// PoolSize is the most connections held open to the database. Each store call holds
	// one for its transaction; one GraphQL request may run several calls at once.
	PoolSize int
	// AcquireTimeout is how long a call waits for a free connection (or a new one)
	// before it gets OVERLOADED: the pool's queue is this long.
	AcquireTimeout time.Duration
	// ConnectTimeout bounds one TCP connect: an address that does not answer fails fast.
	ConnectTimeout time.Duration
	// RetryTime bounds the driver's retries of a transient failure inside one call.
	RetryTime time.Duration
}

// DefaultDriverOptions suit one service next to its database (docs/operations.md).
var DefaultDriverOptions = DriverOptions{
	PoolSize:       100,
	AcquireTimeout: 2 * time.Second,
	ConnectTimeout: time.Second,
	RetryTime:      2 * time.Second,
}

// Configure applies the options to a driver's configuration, for neo4j.NewDriverWithContext.
func (o DriverOptions) Configure(conf *neo4j.Config) {
	d := DefaultDriverOptions
	conf.MaxConnectionPoolSize = pick(o.PoolSize, d.PoolSize)
	conf.ConnectionAcquisitionTimeout = pick(o.AcquireTimeout, d.AcquireTimeout)
	conf.SocketConnectTimeout = pick(o.ConnectTimeout, d.ConnectTimeout)
	// The driver's default of 30 s makes a client wait long for an UNAVAILABLE that the
	// health view would give it at once.
	conf.MaxTransactionRetryTime = pick(o.RetryTime, d.RetryTime)
	// Keep-alive finds a connection that a restarted database left dead before a query does.
	conf.SocketKeepalive = true
}

func pick[T int | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}
