package kg_test

import (
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
