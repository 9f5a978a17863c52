// Package browsertest drives Debian's chromium through chromedp for the tests of the pages
// the service serves (the playground now, the dashboard later). It never downloads a
// browser: the executable is $CHROMIUM (make test sets it from scripts/ensure-chromium's
// output), else chromium on PATH, else /usr/bin/chromium, and a test without one fails.
//
// A Page fails its test when the page asks for anything but the origin under test or logs
// an error to the console, so a test cannot pass on a page that is quietly broken.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Timeout bounds one Page.Run: this machine renders in software on two shared cores, and
// GraphiQL's bundle alone is 3 MB of JavaScript to parse.
var Timeout = 60 * time.Second

// ExecPath is the chromium to drive, or an error that says how to install one.
func ExecPath() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("CHROMIUM=%s is not an executable: %w", p, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no chromium: run scripts/ensure-chromium (make test does) or set CHROMIUM to its path")
}

// Browser is one headless chromium for a test, stopped when the test ends.
type Browser struct {
	ctx    context.Context
	origin string
}

// Start launches chromium for pages of origin (scheme://host:port). It may reach loopback
// only: every other host goes to a proxy that does not exist and no name resolves, so even a
// request the listeners missed cannot leave the machine.
func Start(t testing.TB, origin string) *Browser {
	t.Helper()
	path, err := ExecPath()
	if err != nil {
		t.Fatalf("browser tests need chromium: %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Flag("headless", "new"),
		// Tests run as root in a container without user namespaces, where the sandbox
		// cannot start.
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900),
		// Chromium sends loopback past the proxy by itself; port 9 (discard) has no listener.
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-pings", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil { // launches the browser
		cancel()
		cancelAlloc()
		t.Fatalf("starting %s: %v", path, err)
	}
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return &Browser{ctx: ctx, origin: origin}
}

// Page is one tab in a browser context of its own (its own storage and cookies), watched
// for requests to other hosts and for console errors.
type Page struct {
	Ctx    context.Context
	t      testing.TB
	origin string

	mu       sync.Mutex
	problems []string
	requests map[network.RequestID]string // URLs by request, to name the one that failed
}

// NewPage opens a tab. Its problems are reported when the test ends.
func (b *Browser) NewPage(t testing.TB) *Page {
	t.Helper()
	p := &Page{t: t, origin: b.origin, requests: map[network.RequestID]string{}}
	// A listener from the tab's first message: chromedp enables the network, log and
	// runtime domains as it opens the tab, so every request and message is seen.
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext(), chromedp.WithListener(p.watch))
	p.Ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatalf("opening a tab: %v", err)
	}
	t.Cleanup(func() {
		for _, problem := range p.Problems() {
			t.Errorf("page: %s", problem)
		}
		cancel()
	})
	return p
}

// watch records what a page must not do.
func (p *Page) watch(ev any) {
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		p.mu.Lock()
		p.requests[ev.RequestID] = ev.Request.URL
		p.mu.Unlock()
		if !p.allowed(ev.Request.URL) {
			p.problem("requested %s (only %s is allowed)", ev.Request.URL, p.origin)
		}
	case *network.EventWebSocketCreated:
		if !p.allowed(ev.URL) {
			p.problem("opened a web socket to %s", ev.URL)
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			p.mu.Lock()
			u := p.requests[ev.RequestID]
			p.mu.Unlock()
			if ev.BlockedReason != "" {
				u += " (blocked: " + string(ev.BlockedReason) + ")"
			}
			p.problem("a request failed: %s %s", ev.ErrorText, u)
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			p.problem("console.%s: %s", ev.Type, consoleText(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		p.problem("uncaught exception: %s (%s:%d)", msg, d.URL, d.LineNumber)
	case *log.EventEntryAdded:
		// Content-Security-Policy violations, failed loads and the browser's own
		// complaints arrive here rather than through console.error.
		if ev.Entry.Level == log.EntryLevelError {
			p.problem("%s error: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	}
}

// allowed: the origin under test, and URLs that never touch the network.
func (p *Page) allowed(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	}
	return u.Scheme+"://"+u.Host == p.origin
}

func consoleText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			var str string
			if json.Unmarshal(a.Value, &str) == nil {
				parts = append(parts, str)
			} else {
				parts = append(parts, string(a.Value))
			}
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func (p *Page) problem(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.problems = append(p.problems, fmt.Sprintf(format, args...))
}

// Problems is what the page did wrong so far.
func (p *Page) Problems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.problems...)
}

// TakeProblems returns what the page did wrong so far and forgets it, for a test that
// expects a page to misbehave.
func (p *Page) TakeProblems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	taken := p.problems
	p.problems = nil
	return taken
}

// Do runs actions within Timeout and fails the test on an error, saying what the page had
// done wrong by then, which is often why an element never appeared.
func (p *Page) Do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, Timeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v (page problems so far: %q)", what, err, p.Problems())
	}
}

// Run runs one action that returns a value, as Do does.
func Run[T any](p *Page, what string, action chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, Timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		p.t.Fatalf("%s: %v (page problems so far: %q)", what, err, p.Problems())
	}
	return v
}
