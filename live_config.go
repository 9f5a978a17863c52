package main

import (
	"context"
	"flag"
	"log/slog"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
)

// LiveConfig is where subscriptions' events travel and how much each replica keeps.
type LiveConfig struct {
	// NATSURL, when set, shares events between replicas through NATS JetStream; empty,
	// they stay in this process (one replica).
	NATSURL string
	// Replay is how many events the replay log keeps for clients resuming with since.
	Replay int
	// Buffer is how many events may wait for one subscriber before it is dropped.
	Buffer int
	// MaxSubscribers is how many subscriptions one replica serves at once.
	MaxSubscribers int
}

func (l *LiveConfig) register(fs *flag.FlagSet, env func(string, string) string, envInt func(string, int) int) {
	d := live.DefaultHubOptions
	fs.StringVar(&l.NATSURL, "nats-url", env("DIPLOGRAPH_NATS_URL", ""), "NATS server(s) sharing live events between replicas; empty: in-process")
	fs.IntVar(&l.Replay, "live-replay", envInt("DIPLOGRAPH_LIVE_REPLAY", d.Replay), "events kept for subscriptions resuming with since")
	fs.IntVar(&l.Buffer, "live-buffer", envInt("DIPLOGRAPH_LIVE_BUFFER", d.Buffer), "events waiting for one subscriber before it is dropped")
	fs.IntVar(&l.MaxSubscribers, "live-max-subscribers", envInt("DIPLOGRAPH_LIVE_MAX_SUBSCRIBERS", d.MaxSubscribers), "subscriptions one replica serves at once")
}

func (l LiveConfig) hubOptions() live.HubOptions {
	o := live.DefaultHubOptions
	if l.Replay > 0 {
		o.Replay = l.Replay
	}
	if l.Buffer > 0 {
		o.Buffer = l.Buffer
	}
	if l.MaxSubscribers > 0 {
		o.MaxSubscribers = l.MaxSubscribers
	}
	return o
}

// newLiveStore decorates store with publication on the configured bus: NATS when a URL is
// set, this process's own otherwise. Close the bus when the service stops.
func newLiveStore(ctx context.Context, c Config, store kg.Store, log *slog.Logger) (*live.Store, live.Bus, error) {
	read := live.Reader(store, log)
	var bus live.Bus
	if c.Live.NATSURL != "" {
		nb, err := live.NewNATS(ctx, c.Live.NATSURL, live.NATSOptions{}, c.Live.hubOptions(), read, log)
		if err != nil {
			return nil, nil, err
		}
		log.Info("live events shared through NATS", "url", c.Live.NATSURL)
		bus = nb
	} else {
		bus = live.NewMemory(c.Live.hubOptions(), read)
	}
	return live.Wrap(store, bus, log), bus, nil
}
