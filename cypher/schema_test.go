package cypher

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/kg"
)

// TestMigrationsIndexEveryRelationType keeps the schema in step with the vocabulary: every
// type needs its id index, or fact lookups scan every relationship.
func TestMigrationsIndexEveryRelationType(t *testing.T) {
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, m := range ms {
		all += strings.Join(m.statements, "\n")
	}
	for _, s := range kg.Vocabulary {
		if !strings.Contains(all, "[r:"+string(s.Type)+"]-() ON (r.id)") {
			t.Errorf("no migration indexes %s ids", s.Type)
		}
		// Stats as of now counts a type's retracted facts through this index.
		if !strings.Contains(all, "[r:"+string(s.Type)+"]-() ON (r.status)") {
			t.Errorf("no migration indexes %s statuses", s.Type)
		}
	}
}

// TestQueriesExist checks that every query the code names has its file, and that no file
// is left unused.
func TestQueriesExist(t *testing.T) {
	used := map[string]bool{}
	re := regexp.MustCompile(`(?:query|read|readText|entityLists|entityQuery)\(\s*(?:ctx,\s*)?"([a-zA-Z]+)"`)
	_ = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, _ := os.ReadFile(path)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
		return nil
	})
	files, _ := queryFiles.ReadDir("queries")
	for _, f := range files {
		name := strings.TrimSuffix(f.Name(), ".cypher")
		if !used[name] {
			t.Errorf("queries/%s is never used", f.Name())
		}
		delete(used, name)
	}
	for name := range used {
		t.Errorf("the code names query %q but queries/%s.cypher does not exist", name, name)
	}
}
