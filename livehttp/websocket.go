package livehttp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	coderws "github.com/coder/websocket"
)

// Websocket is gqlgen's WebSocket implementation (on github.com/coder/websocket, as
// gqlgen's default) with what the default lacks: every write has a deadline, so a client
// that stops reading cannot hold a goroutine and its buffers for ever, and the connection
// is registered with its Conn so that Drop can close it with a code of ours.
type Websocket struct {
	// WriteTimeout bounds each message written.
	WriteTimeout time.Duration
}

var _ transport.WebsocketImplementation = Websocket{}

// Accept upgrades the request, with the subprotocols gqlgen asks for.
func (i Websocket) Accept(w http.ResponseWriter, r *http.Request, o transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	for k, vs := range o.ResponseHeader {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	conn, err := coderws.Accept(w, r, &coderws.AcceptOptions{Subprotocols: o.Subprotocols})
	if err != nil {
		return nil, err
	}
	ws := &wsConn{conn: conn, writeTimeout: i.WriteTimeout}
	if c := ConnFrom(r.Context()); c != nil {
		c.mu.Lock()
		c.ws = ws
		c.mu.Unlock()
	}
	return ws, nil
}

type wsConn struct {
	conn         *coderws.Conn
	writeTimeout time.Duration

	mu      sync.Mutex
	timer   *time.Timer
	closing bool
}

var (
	_ transport.WebsocketReadLimiter   = (*wsConn)(nil)
	_ transport.WebsocketReadDeadliner = (*wsConn)(nil)
)

func (c *wsConn) NextReader() (int, io.Reader, error) {
	t, data, err := c.conn.Read(context.Background())
	if err != nil {
		if s := coderws.CloseStatus(err); s == coderws.StatusNormalClosure || s == coderws.StatusGoingAway {
			return int(t), nil, transport.ErrWebsocketClosed
		}
		return int(t), nil, err
	}
	return int(t), bytes.NewReader(data), nil
}

func (c *wsConn) WriteJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.writeTimeout)
	defer cancel()
	// A write that misses its deadline closes the connection (coder/websocket's rule).
	return c.conn.Write(ctx, coderws.MessageText, b)
}

// WriteClose starts the closing handshake in the background: it waits for the peer, which
// must not stall the transport's teardown.
func (c *wsConn) WriteClose(code int, reason string) error {
	c.drop(code, reason)
	return nil
}

func (c *wsConn) drop(code int, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing {
		return
	}
	c.closing = true
	go func() { _ = c.conn.Close(coderws.StatusCode(code), reason) }()
	// A peer that never answers the handshake is cut off.
	time.AfterFunc(2*time.Second, func() { _ = c.conn.CloseNow() })
}

func (c *wsConn) Close() error {
	c.mu.Lock()
	closing := c.closing
	c.mu.Unlock()
	if closing {
		return nil // the handshake under way closes the connection
	}
	err := c.conn.CloseNow()
	if errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}

func (c *wsConn) Subprotocol() string { return c.conn.Subprotocol() }

func (c *wsConn) SetReadLimit(n int64) { c.conn.SetReadLimit(n) }

// SetReadDeadline closes the connection when no message (a pong) came by t.
func (c *wsConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	if !t.IsZero() {
		c.timer = time.AfterFunc(time.Until(t), func() { _ = c.conn.CloseNow() })
	}
	return nil
}
