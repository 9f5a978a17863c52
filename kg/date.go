package kg

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a date is known.
type Precision string

const (
	PrecisionYear  Precision = "YEAR"
	PrecisionMonth Precision = "MONTH"
	PrecisionDay   Precision = "DAY"
)

// PartialDate is a calendar date known to the year, the month or the day. "2014" stays
// 2014: it is never silently widened to 2014-01-01. Start and End give the first and the
// last day it may mean, which is what range comparisons (asOf, from/to) use.
//
// A date may also be known only by its bounds (date_bounded.go): some day not before
// NotBefore and not after NotAfter, either end open. Year, Month and Day are then zero, and
// Precision is the finer of the bounds'.
type PartialDate struct {
	Year      int
	Month     int // 0 when unknown
	Day       int // 0 when unknown
	Precision Precision

	Bounded             bool
	NotBefore, NotAfter *PartialDate // nil: open on that side
}

// ParseDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD", or a date known by its bounds in
// EDTF's interval form ("2026-01-19/2026-01-26", "../2026-01-21", "2026-01-19/.."), and
// rejects impossible dates.
func ParseDate(s string) (PartialDate, error) {
	if strings.Contains(s, "/") {
		return parseBounded(s)
	}
	return parseCalendarDate(s)
}

func parseCalendarDate(s string) (PartialDate, error) {
	// A function, so that the message is only formatted for a string that is not a date:
	// every date read from the graph passes through here.
	bad := func() error { return fmt.Errorf("%q is not a date: %s", clip(s), dateForms) }
	num := func(part string) (int, bool) {
		for _, c := range part {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(part)
		return n, err == nil
	}
	var d PartialDate
	var ok bool
	switch len(s) {
	case 4, 7, 10:
	default:
		return d, bad()
	}
	if d.Year, ok = num(s[:4]); !ok || d.Year < 1 {
		return d, bad()
	}
	d.Precision = PrecisionYear
	if len(s) >= 7 {
		if s[4] != '-' {
			return d, bad()
		}
		if d.Month, ok = num(s[5:7]); !ok || d.Month < 1 || d.Month > 12 {
			return PartialDate{}, fmt.Errorf("%q has no month %s", s, s[5:7])
		}
		d.Precision = PrecisionMonth
	}
	if len(s) == 10 {
		if s[7] != '-' {
			return PartialDate{}, bad()
		}
		if d.Day, ok = num(s[8:10]); !ok || d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
			return PartialDate{}, fmt.Errorf("%q is not a day of the calendar", s)
		}
		d.Precision = PrecisionDay
	}
	return d, nil
}

// MustDate parses a date known to be valid; for tests and constants.
func MustDate(s string) PartialDate {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether the date is unset.
func (d PartialDate) IsZero() bool { return d.Year == 0 && !d.Bounded }

// String gives the date back at its own precision: "2014", "2022-02", "2026-01-22".
// Dates from ParseDate are written out by hand: every fact in an answer has dates, and
// fmt took a visible share of the service's time per request.
func (d PartialDate) String() string {
	if d.Bounded {
		return d.boundsString()
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
		return d.format()
	}
	b := [10]byte{
		byte('0' + d.Year/1000), byte('0' + d.Year/100%10), byte('0' + d.Year/10%10), byte('0' + d.Year%10), '-',
		byte('0' + d.Month/10), byte('0' + d.Month%10), '-',
		byte('0' + d.Day/10), byte('0' + d.Day%10),
	}
	switch d.Precision {
	case PrecisionYear:
		return string(b[:4])
	case PrecisionMonth:
		return string(b[:7])
	case PrecisionDay:
		return string(b[:10])
	}
	return ""
}

// format is String for any numbers, such as a year beyond 9999 read from a database that
// something else wrote.
func (d PartialDate) format() string {
	switch d.Precision {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// Start is the first day the date may mean; for a bound open at the start, MinDay.
func (d PartialDate) Start() time.Time {
	if d.Bounded {
		if d.NotBefore == nil {
			return MinDay
		}
		return d.NotBefore.Start()
	}
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// End is the last day the date may mean; for a bound open at the end, MaxDay.
func (d PartialDate) End() time.Time {
	if d.Bounded {
		if d.NotAfter == nil {
			return MaxDay
		}
		return d.NotAfter.End()
	}
	switch d.Precision {
	case PrecisionYear:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, time.Month(d.Month), daysIn(d.Year, d.Month), 0, 0, 0, 0, time.UTC)
	}
	return d.Start()
}

// ParseDatePtr parses an optional date: "" gives nil.
func ParseDatePtr(s string) (*PartialDate, error) {
	if s == "" {
		return nil, nil
	}
	d, err := ParseDate(s)
	if err != nil {
		return nil, err
	}
	return &d, nil
}
