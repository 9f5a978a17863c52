package cypher

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// contentHash fingerprints stored properties: the first 12 bytes of the SHA-256 of their
// JSON (json.Marshal sorts map keys, so equal content gives an equal hash). Hashes are
// stored, so the bytes hashed must never change: appendHashJSON writes exactly what
// json.Marshal writes for the value types that props hold, several times faster (hashing
// was most of the importer's Go time), and anything else goes through json.Marshal.
func contentHash(p map[string]any) string {
	buf := hashBuffers.Get().(*[]byte)
	b, ok := appendHashJSON((*buf)[:0], p)
	if !ok {
		b, _ = json.Marshal(p)
	}
	h := sha256.Sum256(b)
	if ok {
		*buf = b[:0]
	}
	hashBuffers.Put(buf)
	return hex.EncodeToString(h[:12])
}

var hashBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// appendHashJSON appends json.Marshal(p) to b, or reports false for a value it does not
// know.
func appendHashJSON(b []byte, p map[string]any) ([]byte, bool) {
	var stack [32]string
	keys := stack[:0]
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		var ok bool
		if b, ok = appendJSONValue(b, p[k]); !ok {
			return b, false
		}
	}
	return append(b, '}'), true
}

func appendJSONValue(b []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), true
	case string:
		return appendJSONString(b, v), true
	case []string:
		if v == nil {
			return append(b, "null"...), true
		}
		b = append(b, '[')
		for i, s := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s)
		}
		return append(b, ']'), true
	case bool:
		return strconv.AppendBool(b, v), true
	case float64:
		return appendJSONFloat(b, v)
	case int64:
		return strconv.AppendInt(b, v, 10), true
	case int:
		return strconv.AppendInt(b, int64(v), 10), true
	case dbtype.Date:
		// A named time.Time has no MarshalJSON and no exported fields.
		return append(b, "{}"...), true
	case time.Time:
		t, err := v.MarshalJSON()
		return append(b, t...), err == nil
	}
	return b, false
}

// appendJSONString writes printable ASCII directly and leaves every string that json.Marshal
// escapes (quotes, backslashes, control characters, <, >, &, non-ASCII) to json.Marshal.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendJSONFloat is encoding/json's float64 encoding.
func appendJSONFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-07 becomes e-7
		b = b[:n-1]
	}
	return b, true
}
