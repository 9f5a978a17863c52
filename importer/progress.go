package importer

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// progress draws a bar on a terminal and prints plain lines otherwise (CI logs, pipes),
// at most one line every two seconds.
type progress struct {
	w        io.Writer
	label    string
	tty      bool
	start    time.Time
	last     time.Time
	drawn    bool
	lastDone int
	total    int
}

func newProgress(w io.Writer, label string) *progress {
	p := &progress{w: w, label: label, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		p.tty = term.IsTerminal(int(f.Fd()))
	}
	return p
}

func (p *progress) report(done, total int) {
	if p == nil || p.w == nil {
		return
	}
	p.lastDone, p.total = done, total
	now := time.Now()
	if done < total && now.Sub(p.last) < p.interval() {
		return
	}
	p.last = now
	rate := float64(done) / max(now.Sub(p.start).Seconds(), 1e-3)
	if p.tty {
		const width = 30
		filled := width * done / max(total, 1)
		fmt.Fprintf(p.w, "\r%s [%s%s] %3d%% %d/%d rows %.0f rows/s", p.label,
			strings.Repeat("#", filled), strings.Repeat(" ", width-filled), 100*done/max(total, 1), done, total, rate)
		p.drawn = true
		return
	}
	fmt.Fprintf(p.w, "%s: %d/%d rows (%d%%), %.0f rows/s\n", p.label, done, total, 100*done/max(total, 1), rate)
}

func (p *progress) interval() time.Duration {
	if p.tty {
		return 100 * time.Millisecond
	}
	return 2 * time.Second
}

func (p *progress) done() {
	if p != nil && p.w != nil && p.drawn {
		fmt.Fprintln(p.w)
	}
}
