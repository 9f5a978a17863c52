// Package health keeps the service's one view of whether its database answers. A background
// probe (the store's Ping, with a short timeout) and the store's own failures feed it; the
// store asks it before each call, so that while the database is known to be down a request
// is answered UNAVAILABLE at once instead of waiting on connection timeouts, and /readyz
// answers from it without a round trip. Recovery is seen by the probe, which runs every
// DownInterval while the database is down.
package health

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

// State is what the view believes of the database.
type State int32

const (
	// Up: the last probe, or the last call, reached the database. The start state: the
	// service only serves after it has connected once.
	Up State = iota
	// Down: a probe or a call found the database unreachable, and no probe has reached it since.
	Down
)

func (s State) String() string {
	if s == Down {
		return "down"
	}
	return "up"
}

// Options tune the probe. Zero values take the defaults.
type Options struct {
	// Interval is the probe's period while the database is up (default 500 ms).
	Interval time.Duration
	// DownInterval is its period while down (default 500 ms): how soon recovery is seen.
	DownInterval time.Duration
	// Timeout bounds one probe (default 1 s): a database slower than this to answer
	// "RETURN 1" is down for the service's purposes.
	Timeout time.Duration
	// DoubtfulLimit is how many doubtful probe failures in a row take the view down
	// (default 3).
	DoubtfulLimit int
	// Classify sorts a failed probe (default: every failure is Definite).
	Classify func(error) Failure
	// Log hears of every change of state (optional).
	Log func(from, to State, cause error)
}

// Failure is what a failed probe says of the database.
type Failure int

const (
	// Definite: the database is gone (connection refused, authentication failed). Down at once.
	Definite Failure = iota
	// Doubtful: no answer in time, which a very busy database and an unreachable host both
	// give. Down after DoubtfulLimit in a row, so that a busy database is not called down.
	Doubtful
	// Busy: the database answered that it, or the pool, is busy. Not down.
	Busy
)

// Stats are the view's counters, for metrics.
type Stats struct {
	State       State
	Since       time.Time // when the current state began
	Probes      int64     // probes run
	ProbeErrors int64     // probes that failed
	Refused     int64     // calls answered UNAVAILABLE without a round trip
	Outages     int64     // transitions to Down
}

// Change is one transition, sent to subscribers.
type Change struct {
	From, To State
	At       time.Time
	Cause    error // the failure that took the database down; nil on recovery
}

// View is safe for concurrent use. Run must be running for it to notice recovery.
type View struct {
	probe func(context.Context) error
	opts  Options

	state       atomic.Int32
	since       atomic.Int64 // unix nanoseconds
	probes      atomic.Int64
	probeErrors atomic.Int64
	refused     atomic.Int64
	outages     atomic.Int64
	doubtful    atomic.Int32 // doubtful probe failures in a row
	kick        chan struct{}

	mu      sync.Mutex // guards subs and upCtx, and serialises transitions
	subs    map[chan Change]struct{}
	upCtx   context.Context // cancelled when the view goes down; a new one on recovery
	downNow context.CancelFunc
}

// New makes a view that probes with probe (the store's Ping).
func New(probe func(context.Context) error, o Options) *View {
	if o.Interval <= 0 {
		o.Interval = 500 * time.Millisecond
	}
	if o.DownInterval <= 0 {
		o.DownInterval = 500 * time.Millisecond
	}
	if o.Timeout <= 0 {
		o.Timeout = time.Second
	}
	if o.DoubtfulLimit <= 0 {
		o.DoubtfulLimit = 3
	}
	if o.Classify == nil {
		o.Classify = func(error) Failure { return Definite }
	}
	v := &View{probe: probe, opts: o, kick: make(chan struct{}, 1), subs: map[chan Change]struct{}{}}
	v.since.Store(time.Now().UnixNano())
	v.upCtx, v.downNow = context.WithCancel(context.Background())
	return v
}

// State is the current belief.
func (v *View) State() State { return State(v.state.Load()) }

// Up reports whether the database is believed to answer.
func (v *View) Up() bool { return v.State() == Up }

// Begin is the store's gate (cypher.Health): while down, the UNAVAILABLE error a client
// gets at once; while up, a context that ends with ErrRefused as its cause when the view
// goes down, so that calls waiting in the driver's retries end with it.
func (v *View) Begin(ctx context.Context) (context.Context, func(), error) {
	v.mu.Lock()
	up, upCtx := v.Up(), v.upCtx
	v.mu.Unlock()
	if !up {
		v.refused.Add(1)
		return ctx, func() {}, ErrRefused
	}
	call, cancel := context.WithCancelCause(ctx)
	stop := context.AfterFunc(upCtx, func() { cancel(ErrRefused) })
	return call, func() { stop(); cancel(nil) }, nil
}

// ErrRefused is Allow's answer while the database is down. The outage is logged once, when
// the view changes state, so a refused request need not be (errors.Is(err, ErrRefused)).
var ErrRefused = kg.Errorf(errcode.Unavailable, "The database is not reachable.")

// Unreachable is told of a call that found the database gone (cypher.Health). It runs the
// probe at once rather than trusting one call: a lost connection or a slow answer is not
// yet an outage. A stopped database refuses the probe's connection within a millisecond
// on a local network, so the view is down before the next requests queue behind it.
func (v *View) Unreachable(error) {
	select {
	case v.kick <- struct{}{}:
	default:
	}
}

// Stats returns the counters.
func (v *View) Stats() Stats {
	return Stats{State: v.State(), Since: time.Unix(0, v.since.Load()), Probes: v.probes.Load(),
		ProbeErrors: v.probeErrors.Load(), Refused: v.refused.Load(), Outages: v.outages.Load()}
}

// Subscribe returns a channel of state changes and a function that ends the subscription.
// A subscriber that does not keep up misses changes rather than blocking the view.
func (v *View) Subscribe() (<-chan Change, func()) {
	ch := make(chan Change, 8)
	v.mu.Lock()
	v.subs[ch] = struct{}{}
	v.mu.Unlock()
	return ch, func() {
		v.mu.Lock()
		delete(v.subs, ch)
		v.mu.Unlock()
	}
}

// Run probes until ctx ends: every Interval while up, every DownInterval while down, and at
// once when a call reports the database unreachable.
func (v *View) Run(ctx context.Context) {
	for {
		period := v.opts.Interval
		if !v.Up() || v.doubtful.Load() > 0 {
			period = v.opts.DownInterval
		}
		timer := time.NewTimer(period)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-v.kick:
			timer.Stop()
		case <-timer.C:
		}
		v.ProbeOnce(ctx)
	}
}

// ProbeOnce runs one probe and records its outcome.
func (v *View) ProbeOnce(ctx context.Context) {
	pctx, cancel := context.WithTimeout(ctx, v.opts.Timeout)
	err := v.probe(pctx)
	cancel()
	if ctx.Err() != nil {
		return // shutting down: the probe's failure says nothing of the database
	}
	v.probes.Add(1)
	if err == nil {
		v.doubtful.Store(0)
		v.set(Up, nil)
		return
	}
	v.probeErrors.Add(1)
	switch v.opts.Classify(err) {
	case Busy:
		v.doubtful.Store(0)
	case Doubtful:
		if int(v.doubtful.Add(1)) >= v.opts.DoubtfulLimit {
			v.set(Down, err)
		}
	default:
		v.set(Down, err)
	}
}

func (v *View) set(to State, cause error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	from := State(v.state.Load())
	if from == to {
		return
	}
	now := time.Now()
	v.state.Store(int32(to))
	v.since.Store(now.UnixNano())
	if to == Down {
		v.outages.Add(1)
		v.downNow()
	} else {
		v.upCtx, v.downNow = context.WithCancel(context.Background())
	}
	if v.opts.Log != nil {
		v.opts.Log(from, to, cause)
	}
	c := Change{From: from, To: to, At: now, Cause: cause}
	for ch := range v.subs {
		select {
		case ch <- c:
		default:
		}
	}
}
