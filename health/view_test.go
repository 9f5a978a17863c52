package health

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

// probeResult is what the scripted probe answers next.
type probeResult struct{ err atomic.Pointer[error] }

func (p *probeResult) set(err error) { p.err.Store(&err) }
func (p *probeResult) probe(context.Context) error {
	if e := p.err.Load(); e != nil {
		return *e
	}
	return nil
}

var (
	errRefused = errors.New("connection refused")
	errSlow    = errors.New("deadline exceeded")
	errBusy    = errors.New("pool busy")
)

func classify(err error) Failure {
	switch {
	case errors.Is(err, errSlow):
		return Doubtful
	case errors.Is(err, errBusy):
		return Busy
	}
	return Definite
}

func newTestView(p *probeResult) *View {
	return New(p.probe, Options{Interval: 20 * time.Millisecond, DownInterval: 10 * time.Millisecond, Classify: classify})
}

func TestView_DefiniteFailureIsDownAtOnce_AndRecoveryIsSeen(t *testing.T) {
	p := &probeResult{}
	v := newTestView(p)
	changes, unsubscribe := v.Subscribe()
	defer unsubscribe()
	p.set(errRefused)
	v.ProbeOnce(context.Background())
	if v.Up() {
		t.Fatal("a refused probe left the view up")
	}
	if _, _, err := v.Begin(context.Background()); !errors.Is(err, ErrRefused) || kg.ErrorCode(err) != errcode.Unavailable {
		t.Fatalf("Begin while down: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go v.Run(ctx)
	p.set(nil)
	deadline := time.After(2 * time.Second)
	for !v.Up() {
		select {
		case <-deadline:
			t.Fatal("recovery not seen within 2 s")
		case <-time.After(5 * time.Millisecond):
		}
	}
	if c := <-changes; c.To != Down || c.Cause == nil {
		t.Errorf("first change %+v; want to down with a cause", c)
	}
	if c := <-changes; c.To != Up {
		t.Errorf("second change %+v; want up", c)
	}
	s := v.Stats()
	if s.Outages != 1 || s.Refused != 1 || s.State != Up {
		t.Errorf("stats %+v", s)
	}
}

func TestView_DoubtfulNeedsThreeInARow_BusyNever(t *testing.T) {
	p := &probeResult{}
	v := newTestView(p)
	p.set(errBusy)
	for range 5 {
		v.ProbeOnce(context.Background())
	}
	if !v.Up() {
		t.Fatal("a busy pool took the view down")
	}
	p.set(errSlow)
	v.ProbeOnce(context.Background())
	v.ProbeOnce(context.Background())
	if !v.Up() {
		t.Fatal("two slow probes took the view down")
	}
	v.ProbeOnce(context.Background())
	if v.Up() {
		t.Fatal("three slow probes in a row left the view up")
	}
}

func TestView_GoingDownEndsCallsInFlight(t *testing.T) {
	p := &probeResult{}
	v := newTestView(p)
	call, end, err := v.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer end()
	p.set(errRefused)
	v.ProbeOnce(context.Background())
	select {
	case <-call.Done():
		if !errors.Is(context.Cause(call), ErrRefused) {
			t.Errorf("cause %v; want ErrRefused", context.Cause(call))
		}
	case <-time.After(time.Second):
		t.Fatal("a call in flight was not cancelled when the view went down")
	}
}

func TestView_UnreachableRunsTheProbeAtOnce(t *testing.T) {
	p := &probeResult{}
	v := New(p.probe, Options{Interval: time.Hour, Classify: classify})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go v.Run(ctx)
	p.set(errRefused)
	start := time.Now()
	v.Unreachable(errRefused)
	for v.Up() {
		if time.Since(start) > time.Second {
			t.Fatal("Unreachable did not run the probe")
		}
		time.Sleep(time.Millisecond)
	}
}
