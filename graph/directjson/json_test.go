package directjson

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// The direct answers write a float as gqlgen does: fmt's %g.
func TestDirectJSON_Float(t *testing.T) {
	values := []float64{0, 1, 0.5, 0.95, 0.1, 0.001, 0.999, 0.0005, 0.0001, 1e-7, 0.123456789, 1.5, 42, 1e21,
		-0.5, math.Copysign(0, -1), math.SmallestNonzeroFloat64, math.MaxFloat64, 0.30000000000000004}
	for n := range 1001 {
		values = append(values, float64(n)/1000, float64(n)/1000+1e-12)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		values = append(values, rng.Float64())
	}
	for _, f := range values {
		var j buffer
		if !j.float(f) {
			t.Fatalf("float(%v) refused", f)
		}
		if want := fmt.Sprintf("%g", f); string(j.buf) != want {
			t.Errorf("float(%v) wrote %s, gqlgen writes %s", f, j.buf, want)
		}
	}
}

// The direct answers escape a string as gqlgen does, whatever bytes it holds and wherever
// they fall in the eight-byte words that str skips.
func TestDirectJSON_Str(t *testing.T) {
	alphabet := []byte("ab/-Z09 \x00\x01\x1f\x20\"\\\x7f\x80\xc3\xa9\xff\t\n\r")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		var j buffer
		j.str(string(b))
		var want strings.Builder
		graphql.MarshalString(string(b)).MarshalGQL(&want)
		if string(j.buf) != want.String() {
			t.Fatalf("str(%q) wrote %s, gqlgen writes %s", b, j.buf, want.String())
		}
	}
}
