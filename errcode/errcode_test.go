package errcode_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/errcode"
)

// TestNoCodeSpelledOutside walks every hand-written, non-test Go file of the module and fails
// on a string literal equal to a code: the code must come from this package's constants.
// Tests are exempt on purpose: they pin the wire format as a client reads it.
func TestNoCodeSpelledOutside(t *testing.T) {
	root := moduleRoot(t)
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			switch {
			case rel == "errcode", strings.HasPrefix(d.Name(), "."), d.Name() == "node_modules", d.Name() == "testdata":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		checked++
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(lit.Value); err == nil && slices.Contains(errcode.All, s) {
				t.Errorf("%s spells the code %q: use errcode's constant", rel, s)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Fatalf("checked only %d Go files under %s: the walk is not seeing the module", checked, root)
	}
}

// TestPythonClientKnowsEveryCode keeps the Python client's exception classes and this list
// the same set, so a new code cannot reach clients as an untyped error.
func TestPythonClientKnowsEveryCode(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(moduleRoot(t), "python", "src", "diplograph", "errors.py"))
	if err != nil {
		t.Fatal(err)
	}
	var python []string
	for _, m := range regexp.MustCompile(`(?m)^    code = "([A-Z_]+)"$`).FindAllStringSubmatch(string(src), -1) {
		python = append(python, m[1])
	}
	want := slices.Clone(errcode.All)
	slices.Sort(want)
	slices.Sort(python)
	if !slices.Equal(python, want) {
		t.Fatalf("python/src/diplograph/errors.py has codes %v, errcode.All has %v", python, want)
	}
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatalf("no go.mod in %s", dir)
	}
	return dir
}
