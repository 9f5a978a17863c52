package kg_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/diplograph/diplograph/kg"
)

func TestParseDate(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	cases := []struct {
		in         string
		precision  kg.Precision
		start, end time.Time
	}{
		{"2014", kg.PrecisionYear, day("2014-01-01"), day("2014-12-31")},
		{"2022-02", kg.PrecisionMonth, day("2022-02-01"), day("2022-02-28")},
		{"2024-02", kg.PrecisionMonth, day("2024-02-01"), day("2024-02-29")},
		{"2026-01-22", kg.PrecisionDay, day("2026-01-22"), day("2026-01-22")},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			d, err := kg.ParseDate(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if d.String() != tc.in || d.Precision != tc.precision || !d.Start().Equal(tc.start) || !d.End().Equal(tc.end) {
				t.Errorf("got %s %s %s..%s", d, d.Precision, d.Start(), d.End())
			}
		})
	}
	for _, bad := range []string{"", "14", "2014-1", "2014-13", "2023-02-29", "2026-01-32", "2026/01/22", "20x4", "2026-01-22T00:00", "-001", "0000"} {
		if _, err := kg.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted an impossible date", bad)
		}
	}
}

// String is written out by hand; fmt is the reference, over every precision, the edges of
// each part, and numbers no parsed date has.
func TestPartialDate_StringMatchesFmt(t *testing.T) {
	want := func(d kg.PartialDate) string {
		switch d.Precision {
		case kg.PrecisionYear:
			return fmt.Sprintf("%04d", d.Year)
		case kg.PrecisionMonth:
			return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
		case kg.PrecisionDay:
			return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
		}
		return ""
	}
	for _, p := range []kg.Precision{kg.PrecisionYear, kg.PrecisionMonth, kg.PrecisionDay, "", "WEEK"} {
		for _, y := range []int{0, 1, 9, 10, 99, 100, 999, 1000, 2026, 9999, 10000, -5} {
			for _, m := range []int{0, 1, 9, 10, 12, 13} {
				for _, dd := range []int{0, 1, 9, 10, 31, 32} {
					d := kg.PartialDate{Year: y, Month: m, Day: dd, Precision: p}
					if got := d.String(); got != want(d) {
						t.Errorf("%+v: String() = %q, want %q", d, got, want(d))
					}
				}
			}
		}
	}
}

// Every date read from the graph is parsed; a valid one must not cost an allocation (it
// once formatted the error message up front).
func TestParseDate_ValidDateAllocatesNothing(t *testing.T) {
	for _, s := range []string{"2026", "2026-01", "2026-01-22"} {
		if n := testing.AllocsPerRun(100, func() { _, _ = kg.ParseDate(s) }); n != 0 {
			t.Errorf("ParseDate(%q) allocates %v times", s, n)
		}
	}
}

func TestParseDate_Bounded(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	cases := []struct {
		in, out    string
		precision  kg.Precision
		start, end time.Time
		openStart  bool
		openEnd    bool
	}{
		{"2026-01-19/2026-01-26", "2026-01-19/2026-01-26", kg.PrecisionDay, day("2026-01-19"), day("2026-01-26"), false, false},
		{"../2026-01-21", "../2026-01-21", kg.PrecisionDay, kg.MinDay, day("2026-01-21"), true, false},
		{"/2026-01-21", "../2026-01-21", kg.PrecisionDay, kg.MinDay, day("2026-01-21"), true, false},
		{"2026-01/..", "2026-01/..", kg.PrecisionMonth, day("2026-01-01"), kg.MaxDay, false, true},
		{"2025/2026-01", "2025/2026-01", kg.PrecisionMonth, day("2025-01-01"), day("2026-01-31"), false, false},
		{"2026-01-22/2026-01-22", "2026-01-22/2026-01-22", kg.PrecisionDay, day("2026-01-22"), day("2026-01-22"), false, false},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			d, err := kg.ParseDate(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if !d.Bounded || d.String() != tc.out || d.Precision != tc.precision || !d.Start().Equal(tc.start) || !d.End().Equal(tc.end) ||
				d.OpenStart() != tc.openStart || d.OpenEnd() != tc.openEnd || (d.FirstDay() == nil) != tc.openStart || (d.LastDay() == nil) != tc.openEnd {
				t.Errorf("got %s %s %s..%s open %v/%v", d, d.Precision, d.Start(), d.End(), d.OpenStart(), d.OpenEnd())
			}
		})
	}
	for _, bad := range []string{"../..", "/", "2026-01-27/2026-01-26", "2026-02-30/..", "2026/01/22", "2026-01-19/2026-01-26/2026-01-27", "x/2026", "2026-01-19 / 2026-01-26"} {
		if _, err := kg.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted a bad bounded date", bad)
		}
	}
}
