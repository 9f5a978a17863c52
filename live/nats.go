package live

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// NATSOptions name the stream the replicas share.
type NATSOptions struct {
	// Stream is the JetStream stream (default DIPLOGRAPH_LIVE), Subject its one subject
	// (default diplograph.live.events).
	Stream, Subject string
	// Replicas is the stream's replication in a NATS cluster (default 1).
	Replicas int
}

// NATS is the Bus of several replicas: every event is published to one JetStream stream,
// whose stream sequence is the event's sequence number, and every replica's hub follows
// the stream with an ordered consumer, from the first event the stream retains, so its
// replay log matches the stream's. The stream keeps as many events as the replay log
// (HubOptions.Replay), discarding the oldest.
//
// Why JetStream numbers the events and not a counter in Neo4j: the stream already is the
// bounded, ordered, shared log that resuming needs, and numbering there costs no write
// lock; a counter node would serialise every write of every replica through one node.
// What a subscriber may see across replicas: one total order, the stream's. Writes to the
// same entity through one replica keep their commit order (the store's key locks hold
// until the stream has acknowledged the event). Two writes to the same entity made at the
// same moment through two replicas are published in the order their publications reach
// the stream, which can differ from their commit order by the few milliseconds between a
// commit and its acknowledgement; each event still carries the entity as it reads when it
// arrives (docs/live.md).
type NATS struct {
	nc      *nats.Conn
	js      jetstream.JetStream
	subject string
	hub     *Hub
	consume jetstream.ConsumeContext
	log     *slog.Logger
}

// NewNATS connects to url (one server or a comma-separated list), makes or updates the
// stream, and starts following it.
func NewNATS(ctx context.Context, url string, o NATSOptions, hubOpts HubOptions, read func(context.Context, *Event), log *slog.Logger) (*NATS, error) {
	if o.Stream == "" {
		o.Stream = "DIPLOGRAPH_LIVE"
	}
	if o.Subject == "" {
		o.Subject = "diplograph.live.events"
	}
	if o.Replicas == 0 {
		o.Replicas = 1
	}
	nc, err := nats.Connect(url, nats.Name("diplograph"), nats.MaxReconnects(-1))
	if err != nil {
		return nil, fmt.Errorf("nats at %s: %w", url, err)
	}
	b := &NATS{nc: nc, subject: o.Subject, log: log}
	if err := b.start(ctx, o, hubOpts, read); err != nil {
		nc.Close()
		return nil, err
	}
	return b, nil
}

func (b *NATS) start(ctx context.Context, o NATSOptions, hubOpts HubOptions, read func(context.Context, *Event)) error {
	js, err := jetstream.New(b.nc)
	if err != nil {
		return fmt.Errorf("jetstream: %w", err)
	}
	b.js = js
	stream, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: o.Stream, Subjects: []string{o.Subject}, MaxMsgs: int64(hubOpts.Replay),
		Discard: jetstream.DiscardOld, Storage: jetstream.FileStorage, Replicas: o.Replicas,
	})
	if err != nil {
		return fmt.Errorf("jetstream stream %s: %w", o.Stream, err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		return fmt.Errorf("jetstream stream %s: %w", o.Stream, err)
	}
	floor := int64(info.State.FirstSeq)
	if info.State.Msgs == 0 {
		floor = int64(info.State.LastSeq) + 1
	}
	b.hub = NewHub(hubOpts, floor, read)
	cons, err := stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverAllPolicy})
	if err != nil {
		return fmt.Errorf("jetstream consumer: %w", err)
	}
	// The handler runs for one message at a time, in stream order: the hub's rule.
	b.consume, err = cons.Consume(func(m jetstream.Msg) {
		md, err := m.Metadata()
		if err != nil {
			b.log.Error("live: message without metadata skipped", "err", err)
			return
		}
		e := &Event{}
		if err := json.Unmarshal(m.Data(), e); err != nil {
			b.log.Error("live: undecodable event skipped", "seq", md.Sequence.Stream, "err", err)
			return
		}
		e.Seq = int64(md.Sequence.Stream)
		b.hub.Deliver(context.Background(), e)
	})
	if err != nil {
		return fmt.Errorf("jetstream consume: %w", err)
	}
	return nil
}

// Publish appends e to the stream and returns its stream sequence once acknowledged.
func (b *NATS) Publish(ctx context.Context, e *Event) (int64, error) {
	data, err := json.Marshal(e)
	if err != nil {
		return 0, err
	}
	ack, err := b.js.Publish(ctx, b.subject, data)
	if err != nil {
		return 0, fmt.Errorf("jetstream publish: %w", err)
	}
	e.Seq = int64(ack.Sequence)
	return e.Seq, nil
}

func (b *NATS) Hub() *Hub { return b.hub }

// Close stops following the stream and closes the connection.
func (b *NATS) Close() error {
	if b.consume != nil {
		b.consume.Stop()
	}
	b.nc.Close()
	return nil
}
