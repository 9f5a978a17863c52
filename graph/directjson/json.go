package directjson

import (
	"io"
	"math"
	"strconv"

	"github.com/diplograph/diplograph/kg"
)

// buffer is what a direct answer is written into. Each primitive writes exactly what
// gqlgen's marshaller for the same scalar writes, so that an answer does not change with
// the path it took; graph/directjson/answer_test.go compares the two.
type buffer struct{ buf []byte }

// MarshalGQL hands the finished answer to gqlgen's response writer.
func (j *buffer) MarshalGQL(w io.Writer) { _, _ = w.Write(j.buf) }

// Write and WriteString let the domain's enums (kg.Kind and the rest) marshal themselves
// into the buffer, as they do for gqlgen.
func (j *buffer) Write(p []byte) (int, error) {
	j.buf = append(j.buf, p...)
	return len(p), nil
}

func (j *buffer) WriteString(s string) (int, error) {
	j.buf = append(j.buf, s...)
	return len(s), nil
}

// key opens the i-th member of an object. Response keys are GraphQL names (letters, digits
// and underscores), so they need no escaping; as gqlgen writes them.
func (j *buffer) key(i int, alias string) {
	if i > 0 {
		j.buf = append(j.buf, ',')
	}
	j.buf = append(j.buf, '"')
	j.buf = append(j.buf, alias...)
	j.buf = append(j.buf, '"', ':')
}

const hexDigits = "0123456789ABCDEF" // upper case, as gqlgen writes \u001F

// str writes s as graphql.MarshalString does: only control characters, the backslash and
// the double quote are escaped, everything else (any UTF-8, valid or not) goes out as it
// is. Going byte by byte is the same as gqlgen's rune by rune, since every byte of a
// multi-byte sequence is 0x80 or above. Eight bytes at a time are skipped while none of
// them needs escaping: ids and names are most of an answer.
func (j *buffer) str(s string) {
	j.buf = append(j.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && !needsEscape(uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
			uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56) {
			i += 8
			continue
		}
		c := s[i]
		if c >= 0x20 && c != '\\' && c != '"' {
			i++
			continue
		}
		j.buf = append(j.buf, s[start:i]...)
		switch c {
		case '\t':
			j.buf = append(j.buf, '\\', 't')
		case '\r':
			j.buf = append(j.buf, '\\', 'r')
		case '\n':
			j.buf = append(j.buf, '\\', 'n')
		case '\\', '"':
			j.buf = append(j.buf, '\\', c)
		default:
			j.buf = append(j.buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		i++
		start = i
	}
	j.buf = append(j.buf, s[start:]...)
	j.buf = append(j.buf, '"')
}

// needsEscape reports whether any of the eight bytes of w is below 0x20, a double quote
// or a backslash (the bit tricks of "Bit Twiddling Hacks": has less than, has zero).
func needsEscape(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := w^(ones*'"'), w^(ones*'\\')
	return ((w-ones*0x20)&^w|(quote-ones)&^quote|(backslash-ones)&^backslash)&highs != 0
}

// strs writes a list of strings; a nil list is empty, as gqlgen writes it.
func (j *buffer) strs(list []string) {
	j.buf = append(j.buf, '[')
	for i, s := range list {
		if i > 0 {
			j.buf = append(j.buf, ',')
		}
		j.str(s)
	}
	j.buf = append(j.buf, ']')
}

// float writes f as gqlgen's Float does (fmt's %g, the shortest exact form) and reports
// false for NaN and the infinities, which gqlgen answers with an error instead.
func (j *buffer) float(f float64) bool {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return false
	}
	// A confidence is between 0 and 1 and seldom has more than three decimals. When f is
	// the double nearest a number of thousandths, that decimal is its shortest exact form
	// (any other decimal of three places is 0.001 away), so it is written from the digits,
	// several times faster than the general algorithm. TestDirectJSON_Float compares.
	if f >= 0 && f <= 1 && !math.Signbit(f) {
		if n := math.Round(f * 1000); n/1000 == f {
			j.thousandths(int(n))
			return true
		}
	}
	j.buf = strconv.AppendFloat(j.buf, f, 'g', -1, 64)
	return true
}

// thousandths writes n/1000, for n from 0 to 1000, without trailing zeros.
func (j *buffer) thousandths(n int) {
	switch n {
	case 0:
		j.buf = append(j.buf, '0')
		return
	case 1000:
		j.buf = append(j.buf, '1')
		return
	}
	digits := [3]byte{byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)}
	end := 3
	for digits[end-1] == '0' {
		end--
	}
	j.buf = append(j.buf, '0', '.')
	j.buf = append(j.buf, digits[:end]...)
}

func (j *buffer) int(n int64) { j.buf = strconv.AppendInt(j.buf, n, 10) }

func (j *buffer) bool(b bool) { j.buf = strconv.AppendBool(j.buf, b) }

func (j *buffer) null() { j.buf = append(j.buf, "null"...) }

// raw writes text that is already JSON, such as a quoted type name.
func (j *buffer) raw(s string) { j.buf = append(j.buf, s...) }

// enumJSON holds what MarshalGQL writes for each value of one of the domain's enums, worked
// out once: the values come from allow-lists, and each call formats and quotes a string.
type enumJSON[T interface {
	comparable
	MarshalGQL(io.Writer)
}] map[T]string

func enumTable[T interface {
	comparable
	MarshalGQL(io.Writer)
}](values ...T) enumJSON[T] {
	t := make(enumJSON[T], len(values))
	for _, v := range values {
		t[v] = enumText(v)
	}
	return t
}

// of returns what v.MarshalGQL writes; a value off the list is marshalled each time.
func (t enumJSON[T]) of(v T) string {
	if s, ok := t[v]; ok {
		return s
	}
	return enumText(v)
}

func enumText(v interface{ MarshalGQL(io.Writer) }) string {
	var j buffer
	v.MarshalGQL(&j)
	return string(j.buf)
}

var (
	statusJSON       = enumTable(kg.Statuses...)
	basisJSON        = enumTable(kg.BasisStated, kg.BasisInferred)
	precisionJSON    = enumTable(kg.PrecisionYear, kg.PrecisionMonth, kg.PrecisionDay)
	relationTypeJSON = func() enumJSON[kg.RelationType] {
		types := make([]kg.RelationType, len(kg.Vocabulary))
		for i, spec := range kg.Vocabulary {
			types[i] = spec.Type
		}
		return enumTable(types...)
	}()
)
