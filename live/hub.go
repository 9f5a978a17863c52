package live

import (
	"context"
	"sync"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

// HubOptions bound what a Hub holds: memory grows with neither time nor traffic.
type HubOptions struct {
	// Replay is how many events the replay log keeps (the newest).
	Replay int
	// Buffer is how many events may wait for one subscriber before it is dropped.
	Buffer int
	// MaxSubscribers is how many subscriptions this replica serves at once.
	MaxSubscribers int
}

// DefaultHubOptions suit a dashboard audience on one replica.
var DefaultHubOptions = HubOptions{Replay: 10000, Buffer: 256, MaxSubscribers: 5000}

// Hub is one replica's end of the bus: it keeps the replay log and fans each event out to
// the subscriptions it matches. Deliver must be called in sequence order, by one goroutine
// at a time (the Bus does so).
type Hub struct {
	opts HubOptions
	// read fills in the entity or fact as it now reads, once per event for all subscribers.
	read func(context.Context, *Event)

	mu   sync.Mutex
	ring []*Event // the replay log, oldest first from head
	head int
	// floor is the lowest sequence the log can answer for: events below it are unknown here
	// (before this process's bus began, or fallen out of the log).
	floor int64
	last  int64
	subs  map[*Subscriber]struct{}
}

// NewHub makes a hub whose log answers for sequences from floor on. read, when not nil,
// reads each event's entity or fact as it now reads.
func NewHub(opts HubOptions, floor int64, read func(context.Context, *Event)) *Hub {
	if opts.Replay <= 0 || opts.Buffer <= 0 || opts.MaxSubscribers <= 0 {
		panic("live: HubOptions must all be positive")
	}
	return &Hub{opts: opts, read: read, floor: floor, last: floor - 1, subs: map[*Subscriber]struct{}{}}
}

// Subscriber is one subscription's queue. Events arrive on C; Dropped is closed when the
// hub gave up on it (Err says why).
type Subscriber struct {
	C       chan *Event
	Dropped chan struct{}
	filter  Filter
	err     error
}

// Err is why the subscriber was dropped: a SLOW_CONSUMER error.
func (s *Subscriber) Err() error { return s.err }

// Subscribe registers f. With since, it first returns the events of the log after since
// that f matches, and a RELOAD_REQUIRED error when the log no longer holds all of them;
// every later event goes to the subscriber's channel, so nothing falls between the two.
// Returns OVERLOADED when the replica serves MaxSubscribers already.
func (h *Hub) Subscribe(f Filter, since *int64) ([]*Event, *Subscriber, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.subs) >= h.opts.MaxSubscribers {
		return nil, nil, kg.Errorf(errcode.Overloaded, "This replica serves %d subscriptions already; try again later.", len(h.subs))
	}
	var replay []*Event
	if since != nil {
		if *since+1 < h.floor {
			return nil, nil, kg.Errorf(errcode.ReloadRequired,
				"Events after sequence %d are no longer in the replay log (it starts at %d): read the graph again, then subscribe without since.", *since, h.floor)
		}
		for i := range len(h.ring) {
			e := h.ring[(h.head+i)%len(h.ring)]
			if e.Seq > *since && f.Match(e) {
				replay = append(replay, e)
			}
		}
	}
	s := &Subscriber{C: make(chan *Event, h.opts.Buffer), Dropped: make(chan struct{}), filter: f}
	h.subs[s] = struct{}{}
	return replay, s, nil
}

// Unsubscribe ends s; its channel is left for the garbage collector.
func (h *Hub) Unsubscribe(s *Subscriber) {
	h.mu.Lock()
	delete(h.subs, s)
	h.mu.Unlock()
}

// Deliver appends e to the log and hands it to every subscriber it matches, without ever
// waiting: a subscriber whose buffer is full is dropped.
func (h *Hub) Deliver(ctx context.Context, e *Event) {
	if h.read != nil {
		h.read(ctx, e)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if e.Seq <= h.last {
		return // a redelivery: the log has it
	}
	if len(h.ring) < h.opts.Replay {
		h.ring = append(h.ring, e)
	} else {
		h.ring[h.head] = e
		h.head = (h.head + 1) % len(h.ring)
	}
	h.last = e.Seq
	h.floor = max(h.floor, h.ring[h.head].Seq)
	for s := range h.subs {
		if !s.filter.Match(e) {
			continue
		}
		select {
		case s.C <- e:
		default:
			s.err = kg.Errorf(errcode.SlowConsumer, "More than %d events waited for this subscription: it was dropped. Resubscribe with since: the last sequence you received.", h.opts.Buffer)
			delete(h.subs, s)
			close(s.Dropped)
		}
	}
}

// Stats is what the hub holds, for the metrics and the tests.
type Stats struct {
	Subscribers int
	Logged      int
	Floor, Last int64
}

// Stats reports what the hub holds now.
func (h *Hub) Stats() Stats {
	h.mu.Lock()
	defer h.mu.Unlock()
	return Stats{Subscribers: len(h.subs), Logged: len(h.ring), Floor: h.floor, Last: h.last}
}
