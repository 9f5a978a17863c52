package kg

import (
	"fmt"
	"strings"
	"time"
)

// Dates known only by their bounds: Wikidata's earliest and latest date, written as EDTF
// (ISO 8601-2) level 1 intervals. "American officials also met ... ahead of the Kremlin
// visit" gives no month, only that it was not after the visit: ../2026-01-21. "Earlier this
// week", in an article of 2026-01-26, is 2026-01-19/2026-01-26. No Go EDTF library is served
// to this project, and only this form of the standard is needed, so it is parsed here.

// dateForms is what a date may be written as, for error messages.
const dateForms = "use YYYY, YYYY-MM or YYYY-MM-DD, or bounds as EARLIEST/LATEST with .. for an open end (2026-01-19/2026-01-26, ../2026-01-21)"

// MinDay and MaxDay stand for an open bound in comparisons: every day is after the one and
// before the other. They are never stored: an open bound is stored as no bound.
var (
	MinDay = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxDay = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
)

// parseBounded reads "EARLIEST/LATEST", each a calendar date or ".." (open; EDTF's empty
// form, "2026-01-19/", is read the same way). At least one end is a date, and the earliest
// day may not come after the latest.
func parseBounded(s string) (PartialDate, error) {
	parts := strings.Split(s, "/")
	if len(parts) != 2 {
		return PartialDate{}, fmt.Errorf("%q is not a date: %s", clip(s), dateForms)
	}
	d := PartialDate{Bounded: true}
	for i, part := range parts {
		if part == ".." || part == "" {
			continue
		}
		b, err := parseCalendarDate(part)
		if err != nil {
			return PartialDate{}, fmt.Errorf("%q: the %s bound: %w", clip(s), [2]string{"earliest", "latest"}[i], err)
		}
		if i == 0 {
			d.NotBefore = &b
		} else {
			d.NotAfter = &b
		}
		if d.Precision == "" || finer(b.Precision, d.Precision) {
			d.Precision = b.Precision
		}
	}
	switch {
	case d.NotBefore == nil && d.NotAfter == nil:
		return PartialDate{}, fmt.Errorf("%q has no bound: give at least one of the two dates", clip(s))
	case d.NotBefore != nil && d.NotAfter != nil && d.NotAfter.End().Before(d.NotBefore.Start()):
		return PartialDate{}, fmt.Errorf("%q: the earliest bound comes after the latest", clip(s))
	}
	return d, nil
}

func finer(a, b Precision) bool {
	rank := map[Precision]int{PrecisionYear: 1, PrecisionMonth: 2, PrecisionDay: 3}
	return rank[a] > rank[b]
}

func (d PartialDate) boundsString() string {
	bound := func(b *PartialDate) string {
		if b == nil {
			return ".."
		}
		return b.String()
	}
	return bound(d.NotBefore) + "/" + bound(d.NotAfter)
}

// OpenStart reports whether the date has no earliest day: a bound open at the start.
func (d PartialDate) OpenStart() bool { return d.Bounded && d.NotBefore == nil }

// OpenEnd reports whether the date has no latest day: a bound open at the end.
func (d PartialDate) OpenEnd() bool { return d.Bounded && d.NotAfter == nil }

// FirstDay is Start, or nil when the date is open at the start: what the API answers.
func (d PartialDate) FirstDay() *time.Time {
	if d.OpenStart() {
		return nil
	}
	t := d.Start()
	return &t
}

// LastDay is End, or nil when the date is open at the end.
func (d PartialDate) LastDay() *time.Time {
	if d.OpenEnd() {
		return nil
	}
	t := d.End()
	return &t
}
