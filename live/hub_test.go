package live

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

func codeOf(err error) string {
	var e *kg.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func publishN(t *testing.T, m *Memory, n int, entity string) []int64 {
	t.Helper()
	var seqs []int64
	for range n {
		seq, err := m.Publish(context.Background(), &Event{Kind: Changed, EntityID: entity})
		if err != nil {
			t.Fatal(err)
		}
		seqs = append(seqs, seq)
	}
	return seqs
}

// The replay log answers for what it holds and refuses, with RELOAD_REQUIRED, a resume from
// before it: never a replay with a hole in it.
func TestHub_ResumeAndGap(t *testing.T) {
	m := NewMemory(HubOptions{Replay: 5, Buffer: 10, MaxSubscribers: 10}, nil)
	first := m.Hub().Stats().Floor
	if _, _, err := m.Hub().Subscribe(Filter{Entity: "a"}, new(first-2)); codeOf(err) != errcode.ReloadRequired {
		t.Fatalf("a sequence from before this bus began: %v", err)
	}
	seqs := publishN(t, m, 8, "a") // the log keeps the last 5
	replay, _, err := m.Hub().Subscribe(Filter{Entity: "a"}, new(seqs[3]))
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, e := range replay {
		got = append(got, e.Seq)
	}
	if !slices.Equal(got, seqs[4:]) {
		t.Fatalf("replay after %d: %v, want %v", seqs[3], got, seqs[4:])
	}
	if _, _, err := m.Hub().Subscribe(Filter{Entity: "a"}, new(seqs[1])); codeOf(err) != errcode.ReloadRequired {
		t.Fatalf("a sequence older than the log: %v", err)
	}
	if st := m.Hub().Stats(); st.Logged != 5 || st.Floor != seqs[3] {
		t.Fatalf("log: %+v", st)
	}
}

// A subscriber whose buffer is full is dropped with SLOW_CONSUMER; the others keep theirs.
func TestHub_SlowSubscriberDropped(t *testing.T) {
	m := NewMemory(HubOptions{Replay: 100, Buffer: 3, MaxSubscribers: 10}, nil)
	_, slow, _ := m.Hub().Subscribe(Filter{Entity: "a"}, nil)
	_, other, _ := m.Hub().Subscribe(Filter{Entity: "b"}, nil)
	publishN(t, m, 4, "a")
	select {
	case <-slow.Dropped:
	default:
		t.Fatal("not dropped")
	}
	if codeOf(slow.Err()) != errcode.SlowConsumer {
		t.Fatalf("err: %v", slow.Err())
	}
	select {
	case <-other.Dropped:
		t.Fatal("a subscriber of nothing was dropped")
	default:
	}
	if st := m.Hub().Stats(); st.Subscribers != 1 {
		t.Fatalf("subscribers: %d", st.Subscribers)
	}
}

func TestHub_MaxSubscribers(t *testing.T) {
	m := NewMemory(HubOptions{Replay: 1, Buffer: 1, MaxSubscribers: 2}, nil)
	for range 2 {
		if _, _, err := m.Hub().Subscribe(Filter{Entity: "a"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := m.Hub().Subscribe(Filter{Entity: "a"}, nil); codeOf(err) != errcode.Overloaded {
		t.Fatalf("one more: %v", err)
	}
}

func TestFilter_Match(t *testing.T) {
	fact := &Event{Kind: Created, RelationID: "r", Ends: []string{"a", "b"}, Type: "MET_WITH", Confidence: 0.7, Tracks: []string{"t"}}
	entity := &Event{Kind: Changed, EntityID: "a", Tracks: []string{"t"}}
	merged := &Event{Kind: Merged, EntityID: "a", MergedFrom: "d"}
	imported := &Event{Kind: Imported}
	for _, c := range []struct {
		f    Filter
		e    *Event
		want bool
	}{
		{Filter{Entity: "a"}, entity, true},
		{Filter{Entity: "a"}, fact, false},
		{Filter{Entity: "d"}, merged, true},
		{Filter{Relations: true}, fact, true},
		{Filter{Relations: true}, entity, false},
		{Filter{Relations: true, Types: []kg.RelationType{"HOLDS_ROLE"}}, fact, false},
		{Filter{Relations: true, End: "b"}, fact, true},
		{Filter{Relations: true, End: "c"}, fact, false},
		{Filter{Relations: true, Track: "t", MinConfidence: 0.7}, fact, true},
		{Filter{Relations: true, MinConfidence: 0.8}, fact, false},
		{Filter{Activity: "t"}, entity, true},
		{Filter{Activity: "u"}, fact, false},
		{Filter{Activity: "u"}, imported, true},
	} {
		if got := c.f.Match(c.e); got != c.want {
			t.Errorf("%+v on %+v: %t", c.f, c.e, got)
		}
	}
}

// Writes to the same id wait for each other; the lock table empties behind them.
func TestKeyLocks(t *testing.T) {
	var k keyLocks
	var mu sync.Mutex
	inside := 0
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			keys := []string{"x", "y"}
			if i%2 == 1 {
				keys = []string{"y", "x", ""}
			}
			unlock := k.lock(keys...)
			mu.Lock()
			inside++
			if inside != 1 {
				t.Error("two writers inside")
			}
			inside--
			mu.Unlock()
			unlock()
		})
	}
	wg.Wait()
	if len(k.locks) != 0 {
		t.Fatalf("locks left: %d", len(k.locks))
	}
}

func TestDiffKeys(t *testing.T) {
	before, after := `{"id":"a","name":"A","version":1,"aliases":["x"]}`, `{"id":"a","name":"B","version":2,"description":"d"}`
	if got := diffKeys(&before, &after); !slices.Equal(got, []string{"aliases", "description", "name"}) {
		t.Fatalf("diff: %v", got)
	}
	if got := diffKeys(nil, &after); !slices.Equal(got, []string{"description", "id", "name"}) {
		t.Fatalf("created: %v", got)
	}
}
