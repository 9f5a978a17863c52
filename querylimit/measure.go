package querylimit

import "github.com/vektah/gqlparser/v2/ast"

type measurement struct {
	depth         int // of the data selections, introspection left out
	aliases       int
	introspection introspectionDepth
}

// introspectionDepth is the most of each kind of nesting on any one path under __schema or
// __type; the two maxima may lie on different paths.
type introspectionDepth struct {
	ofType    int
	typeLists int
}

func (d introspectionDepth) max(o introspectionDepth) introspectionDepth {
	return introspectionDepth{ofType: max(d.ofType, o.ofType), typeLists: max(d.typeLists, o.typeLists)}
}

// typeLists are the fields of __Type that list other types, directly or through their
// fields and arguments.
var typeLists = map[string]bool{"fields": true, "inputFields": true, "interfaces": true, "possibleTypes": true}

func isIntrospection(f *ast.Field) bool { return f.Name == "__schema" || f.Name == "__type" }

// measure finds the deepest operation and the deepest introspection selection, expanding
// fragment spreads (each fragment is measured once per kind: both measures add up along a
// path, so a fragment's own maximum plus the depth it is spread at is the maximum through
// it), and counts aliases across the document. A fragment cycle is not followed:
// validation reports it.
func measure(doc *ast.QueryDocument) measurement {
	w := &walker{
		fragments:     map[string]*ast.FragmentDefinition{},
		data:          newFragmentMemo[int](),
		introspection: newFragmentMemo[introspectionDepth](),
	}
	for _, f := range doc.Fragments {
		w.fragments[f.Name] = f
	}
	var m measurement
	for _, op := range doc.Operations {
		m.depth = max(m.depth, w.dataDepth(op.SelectionSet))
	}
	m.introspection = w.intro
	var countAliases func(ast.SelectionSet)
	countAliases = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Alias != "" && s.Alias != s.Name {
					m.aliases++
				}
				countAliases(s.SelectionSet)
			case *ast.InlineFragment:
				countAliases(s.SelectionSet)
			}
		}
	}
	for _, op := range doc.Operations {
		countAliases(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		countAliases(f.SelectionSet)
	}
	return m
}

// walker measures selection sets, remembering what each fragment measured. A fragment is
// walked as data or as introspection depending on where it is spread (one on __Type only
// ever validly appears under __schema or __type), so each kind has its own memory.
type walker struct {
	fragments     map[string]*ast.FragmentDefinition
	data          fragmentMemo[int]
	introspection fragmentMemo[introspectionDepth]
	intro         introspectionDepth // the deepest introspection selection met so far
}

// fragmentMemo remembers what each fragment measured, walking each once.
type fragmentMemo[M any] struct {
	known    map[string]M
	visiting map[string]bool
}

func newFragmentMemo[M any]() fragmentMemo[M] {
	return fragmentMemo[M]{known: map[string]M{}, visiting: map[string]bool{}}
}

// of is what walk measures in f's selections. An unknown fragment, or one already being
// walked (a cycle, which validation reports), measures zero.
func (m fragmentMemo[M]) of(f *ast.FragmentDefinition, walk func(ast.SelectionSet) M) M {
	var zero M
	if f == nil {
		return zero
	}
	if known, ok := m.known[f.Name]; ok {
		return known
	}
	if m.visiting[f.Name] {
		return zero
	}
	m.visiting[f.Name] = true
	d := walk(f.SelectionSet)
	m.visiting[f.Name] = false
	m.known[f.Name] = d
	return d
}

// dataDepth is the depth of set, counting each field as a level, except introspection
// fields, which it measures with introspectionDepth instead.
func (w *walker) dataDepth(set ast.SelectionSet) int {
	deepest := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			if isIntrospection(s) {
				w.intro = w.intro.max(w.introspectionDepth(s.SelectionSet))
			} else {
				d = 1 + w.dataDepth(s.SelectionSet)
			}
		case *ast.InlineFragment:
			d = w.dataDepth(s.SelectionSet)
		case *ast.FragmentSpread:
			d = w.data.of(w.fragments[s.Name], w.dataDepth)
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// introspectionDepth counts the ofType fields and the type lists on the paths of set.
func (w *walker) introspectionDepth(set ast.SelectionSet) introspectionDepth {
	var deepest introspectionDepth
	for _, sel := range set {
		var d introspectionDepth
		switch s := sel.(type) {
		case *ast.Field:
			d = w.introspectionDepth(s.SelectionSet)
			if s.Name == "ofType" {
				d.ofType++
			} else if typeLists[s.Name] {
				d.typeLists++
			}
		case *ast.InlineFragment:
			d = w.introspectionDepth(s.SelectionSet)
		case *ast.FragmentSpread:
			d = w.introspection.of(w.fragments[s.Name], w.introspectionDepth)
		}
		deepest = deepest.max(d)
	}
	return deepest
}
