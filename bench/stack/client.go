package stack

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
)

// blockingClient is the benchmarks' HTTP/1.1 client: the calling goroutine writes the
// request and reads the answer on a kept-alive connection itself, as a notebook's client
// (Python's requests) does, and as the Neo4j driver on the raw side reads Bolt. Go's
// http.Client instead hands each request to a writer goroutine and each answer back from
// a reader goroutine: two wake-ups per request that belong to that client, not to the
// service, and that cost most after the long idle wait of a slow query. BENCH_CLIENT=net/http
// measures with http.Client instead.
type blockingClient struct {
	addr, path string
	mu         sync.Mutex
	idle       []*blockingConn
}

type blockingConn struct {
	conn net.Conn
	r    *bufio.Reader
}

// post sends body and returns the status and the whole answer.
func (c *blockingClient) post(ctx context.Context, body []byte) (int, []byte, error) {
	bc, err := c.take(ctx)
	if err != nil {
		return 0, nil, err
	}
	deadline, _ := ctx.Deadline()
	_ = bc.conn.SetDeadline(deadline)
	req := fmt.Appendf(make([]byte, 0, 256+len(body)), "POST %s HTTP/1.1\r\nHost: %s\r\n"+
		"Content-Type: application/json\r\nAccept: application/graphql-response+json\r\nContent-Length: %d\r\n\r\n",
		c.path, c.addr, len(body))
	if _, err := bc.conn.Write(append(req, body...)); err != nil {
		_ = bc.conn.Close()
		return 0, nil, err
	}
	resp, err := http.ReadResponse(bc.r, nil)
	if err != nil {
		_ = bc.conn.Close()
		return 0, nil, err
	}
	var out []byte
	if resp.ContentLength >= 0 {
		out = make([]byte, resp.ContentLength)
		_, err = io.ReadFull(resp.Body, out)
	} else {
		out, err = io.ReadAll(resp.Body)
	}
	if err != nil || resp.Close {
		_ = bc.conn.Close()
		return resp.StatusCode, out, err
	}
	c.mu.Lock()
	c.idle = append(c.idle, bc)
	c.mu.Unlock()
	return resp.StatusCode, out, nil
}

func (c *blockingClient) take(ctx context.Context) (*blockingConn, error) {
	c.mu.Lock()
	if n := len(c.idle); n > 0 {
		bc := c.idle[n-1]
		c.idle = c.idle[:n-1]
		c.mu.Unlock()
		return bc, nil
	}
	c.mu.Unlock()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", c.addr)
	if err != nil {
		return nil, err
	}
	return &blockingConn{conn: conn, r: bufio.NewReaderSize(conn, 64<<10)}, nil
}

func (c *blockingClient) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, bc := range c.idle {
		_ = bc.conn.Close()
	}
	c.idle = nil
}

// netHTTPPost is post through Go's http.Client.
func netHTTPPost(ctx context.Context, client *http.Client, url string, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json")
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	return resp.StatusCode, out, err
}
