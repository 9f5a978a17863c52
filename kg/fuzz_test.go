package kg

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/diplograph/diplograph/errcode"
)

// The fuzz targets of kg's input parsers. `go test` runs their seed corpora (the f.Add
// calls and testdata/fuzz); docs/benchmarks.md records the long runs.

// FuzzParseDate: any string either fails with a message, or gives a date that writes back
// to a string which parses to the same date, whose first day is not after its last.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2014", "2022-02", "2026-01-22", "2024-02-29", "2023-02-29", "0000",
		"2026-01-19/2026-01-26", "../2026-01-21", "2026-01-19/..", "2026-01-19/", "/2026", "../..",
		"2026-13", "2026-1-1", "२०२६", "2026-01-26/2026-01-19", "9999-12-31", "0001-01-01", "2026/2026/2026"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseDate(%q): empty error message", s)
			}
			if len(err.Error()) > 1000 {
				t.Fatalf("ParseDate(%q): error message of %d bytes echoes too much input", s, len(err.Error()))
			}
			return
		}
		if d.IsZero() {
			t.Fatalf("ParseDate(%q) accepted a zero date", s)
		}
		back := d.String()
		again, err := ParseDate(back)
		if err != nil {
			t.Fatalf("ParseDate(%q) = %q, which does not parse: %v", s, back, err)
		}
		if again.String() != back || !again.Start().Equal(d.Start()) || !again.End().Equal(d.End()) {
			t.Fatalf("ParseDate(%q) = %q does not round-trip: %q", s, back, again.String())
		}
		if d.End().Before(d.Start()) {
			t.Fatalf("ParseDate(%q): last day %v before first day %v", s, d.End(), d.Start())
		}
		if d.Start().Before(MinDay) || d.End().After(MaxDay) {
			t.Fatalf("ParseDate(%q): days %v..%v outside MinDay..MaxDay", s, d.Start(), d.End())
		}
	})
}

// FuzzValidateID: an accepted id is short, ASCII and names a kind; a refused one gets a
// BAD_USER_INPUT error naming the field, with the input clipped in its message.
func FuzzValidateID(f *testing.F) {
	for _, s := range []string{"person/vladimir-putin", "Person/x", "person/", "person/a--b", "person/a-", "nobody/x",
		"source/2026-01-26-reuters", "person/" + strings.Repeat("a", 300), "body/ü", "person/a\n", "track/a/b"} {
		f.Add(s, "")
		f.Add(s, "Person")
	}
	f.Fuzz(func(t *testing.T, id, kind string) {
		k, known := ParseKind(kind)
		if !known {
			k = ""
		}
		err := ValidateID("filter.track", id, k)
		if err != nil {
			var coded *Error
			if !errors.As(err, &coded) || coded.Code != errcode.BadUserInput || coded.Field != "filter.track" {
				t.Fatalf("ValidateID(%q): %#v is not a BAD_USER_INPUT error naming the field", id, err)
			}
			if len(coded.Message) > 600 {
				t.Fatalf("ValidateID(%q): message of %d bytes", id, len(coded.Message))
			}
			return
		}
		got, ok := KindOfID(id)
		if !ok || (k != "" && got != k) {
			t.Fatalf("ValidateID(%q, %q) accepted an id of kind %q (%t)", id, k, got, ok)
		}
		if len(id) > MaxIDLength || !utf8.ValidString(id) || strings.ContainsAny(id, " \t\r\n\"'`\\") {
			t.Fatalf("ValidateID accepted %q", id)
		}
		if !strings.HasPrefix(id, got.IDPrefix()+"/") {
			t.Fatalf("id %q does not start with its kind's prefix %q", id, got.IDPrefix())
		}
	})
}
