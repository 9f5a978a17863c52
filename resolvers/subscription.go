package resolvers

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
	"github.com/diplograph/diplograph/livehttp"
)

// subscribe serves one subscription from the replica's hub: the events of the replay log
// after since first, then the live ones, until the client ends it, or until it falls so far
// behind that the hub drops it (its connection is then closed with a clear code, so the
// client knows to resume with since rather than wait).
func (r *Resolver) subscribe(ctx context.Context, f live.Filter, since *int) (<-chan *model.ChangeEvent, error) {
	if r.Live == nil {
		return nil, kg.Errorf(errcode.Unavailable, "Live updates are not served by this service.")
	}
	var from *int64
	if since != nil {
		if *since < 0 {
			return nil, kg.FieldError("since", "is a sequence number received before, 0 or more; got %d", *since)
		}
		v := int64(*since)
		from = &v
	}
	release, err := livehttp.Acquire(ctx)
	if err != nil {
		return nil, kg.Errorf(errcode.RateLimited, "%s.", strings.ToUpper(err.Error()[:1])+err.Error()[1:])
	}
	replay, sub, err := r.Live.Subscribe(f, from)
	if err != nil {
		release()
		return nil, err
	}
	out := make(chan *model.ChangeEvent)
	go func() {
		defer close(out)
		defer release()
		defer r.Live.Unsubscribe(sub)
		send := func(e *live.Event) bool {
			select {
			case out <- model.ChangeEventOf(e):
				return true
			case <-sub.Dropped:
				r.dropped(ctx, sub)
			case <-ctx.Done():
			}
			return false
		}
		for _, e := range replay {
			if !send(e) {
				return
			}
		}
		for {
			select {
			case e := <-sub.C:
				if !send(e) {
					return
				}
			case <-sub.Dropped:
				r.dropped(ctx, sub)
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// dropped tells the client why its subscription ends (on a WebSocket, an error message for
// it) and closes its connection.
func (r *Resolver) dropped(ctx context.Context, sub *live.Subscriber) {
	msg := kg.ErrorMessage(sub.Err())
	if livehttp.IsWebsocket(ctx) {
		transport.AddSubscriptionError(ctx, &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": errcode.SlowConsumer}})
	}
	if r.Logger != nil {
		r.Logger.InfoContext(ctx, "live: slow subscriber dropped")
	}
	livehttp.Drop(ctx, msg)
}

// relationFilter turns relationChanged's filter into the hub's.
func relationFilter(in *model.RelationChangeFilter) (live.Filter, error) {
	f := live.Filter{Relations: true}
	if in == nil {
		return f, nil
	}
	f.Types = in.Types
	if in.Entity != nil {
		f.End = *in.Entity
	}
	if in.Track != nil {
		f.Track = *in.Track
	}
	if m := in.MinConfidence; m != nil {
		if *m < 0 || *m > 1 {
			return f, kg.FieldError("filter.minConfidence", "is from 0 to 1; got %g", *m)
		}
		f.MinConfidence = *m
	}
	return f, nil
}
