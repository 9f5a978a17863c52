package querylimit

import (
	"math"
	"testing"
)

func TestSchemaCost(t *testing.T) {
	for _, c := range []struct {
		typeName, field string
		child           int
		args            map[string]any
		want            int
		ok              bool
	}{
		{"Person", "relations", 3, nil, 1 + 20*3, true},
		{"Query", "entities", 2, map[string]any{"first": int64(100)}, 1 + 100*2, true},
		{"Query", "entities", 2, nil, 1 + 20*2, true},
		{"Query", "search", 1, map[string]any{"first": int64(0)}, 1 + 10, true},
		{"Person", "relations", math.MaxInt / 2, nil, math.MaxInt, true},
		{"Person", "name", 0, nil, 0, false},
	} {
		got, ok := SchemaCost(c.typeName, c.field, c.child, c.args)
		if got != c.want || ok != c.ok {
			t.Errorf("SchemaCost(%s.%s, child %d, %v) = %d, %v; want %d, %v", c.typeName, c.field, c.child, c.args, got, ok, c.want, c.ok)
		}
	}
}
