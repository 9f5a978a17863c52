package live

import (
	"context"
	"sync"
	"time"
)

// Bus gives each committed change its sequence number and carries it to the Hub of every
// replica. Publish returns once the event is in the log (and so will reach every
// subscriber that keeps up), or with an error.
type Bus interface {
	Publish(ctx context.Context, e *Event) (int64, error)
	// Hub is this replica's end of the bus.
	Hub() *Hub
	Close() error
}

// Memory is the Bus of a single process, the default: sequence numbers come from a counter
// that starts at the process's start time in microseconds, so that they keep growing across
// restarts, and a client resuming with a number from before a restart is told to reload
// (its events are gone with the old process) rather than given a wrong replay.
type Memory struct {
	mu  sync.Mutex
	seq int64
	hub *Hub
}

// NewMemory makes the in-process bus and its hub. read is as for NewHub.
func NewMemory(opts HubOptions, read func(context.Context, *Event)) *Memory {
	start := time.Now().UnixMicro()
	return &Memory{seq: start - 1, hub: NewHub(opts, start, read)}
}

// Publish numbers e and delivers it at once. Holding the lock while delivering keeps the
// hub's log in sequence order.
func (m *Memory) Publish(ctx context.Context, e *Event) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.seq++
	e.Seq = m.seq
	m.hub.Deliver(ctx, e)
	return e.Seq, nil
}

func (m *Memory) Hub() *Hub    { return m.hub }
func (m *Memory) Close() error { return nil }
