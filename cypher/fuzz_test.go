package cypher

import (
	"strings"
	"testing"
	"unicode"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

// FuzzLuceneQuery: whatever a caller types as search text, the Lucene query built from it
// holds only lower-cased words and the operators luceneQuery itself writes, at most
// maxSearchTerms words, with balanced parentheses: no Lucene syntax of the caller's survives.
func FuzzLuceneQuery(f *testing.F) {
	for _, s := range []string{"putin", "Vladimir Putin", "board of peace", `name:"x" OR *`, "a~2^9 (b", "AND OR NOT TO",
		"Зеленский", "ترامب", "İstanbul", "ǅemal", strings.Repeat("word ", 40), "", "  \t", "x-y_z/q\\w", "1 2 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		q := luceneQuery(text)
		hasWord := strings.IndexFunc(strings.ToLower(text), func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
		if (q == "") == hasWord {
			t.Fatalf("luceneQuery(%q) = %q: empty exactly when the text has no word", text, q)
		}
		depth, terms := 0, 0
		for _, r := range q {
			switch {
			case r == '(':
				depth++
				terms++
			case r == ')':
				depth--
				if depth < 0 {
					t.Fatalf("luceneQuery(%q) = %q: unbalanced parentheses", text, q)
				}
			case r == ' ', r == '^', r == '*', r == '~', unicode.IsLetter(r), unicode.IsDigit(r):
			default:
				t.Fatalf("luceneQuery(%q) = %q: character %q is not ours", text, q, r)
			}
		}
		if depth != 0 || terms > maxSearchTerms {
			t.Fatalf("luceneQuery(%q) = %q: depth %d, %d terms", text, q, depth, terms)
		}
		for _, f := range strings.FieldsFunc(q, func(r rune) bool { return strings.ContainsRune(" ()", r) }) {
			word := strings.TrimRight(f, "^*~0123456789")
			if f == "OR" {
				continue
			}
			if word == "" {
				word = strings.TrimRight(strings.SplitN(f, "^", 2)[0], "*~") // a word of digits
			}
			for _, op := range []string{"OR", "AND", "NOT", "TO"} {
				if word == op {
					t.Fatalf("luceneQuery(%q) = %q: the word %q reads as an operator", text, q, word)
				}
			}
		}
	})
}

// FuzzDecodeCursor: a page cursor is client input; any string is either refused with
// BAD_USER_INPUT naming "after", or decodes to a key of the listing's sort that encodes back.
func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor(kg.SortByName, "putin", "person/vladimir-putin"), "NAME")
	f.Add(encodeCursor(kg.SortByDegree, int64(7), "person/vladimir-putin"), "DEGREE")
	f.Add(encodeCursor(kg.SortByDate, "2026-01-22", "event/x"), "DATE")
	f.Add("eyJzIjoiTkFNRSJ9", "NAME")
	f.Add("!!!", "DEGREE")
	f.Add("", "NAME")
	f.Fuzz(func(t *testing.T, s, sortName string) {
		sort := kg.EntitySort(sortName)
		if _, ok := entitySorts[sort]; !ok {
			sort = kg.SortByName
		}
		key, id, err := decodeCursor(s, sort)
		if err != nil {
			if kg.ErrorCode(err) != errcode.BadUserInput || kg.ErrorField(err) != "after" {
				t.Fatalf("decodeCursor(%q): %v does not name after", s, err)
			}
			return
		}
		if id == "" {
			t.Fatalf("decodeCursor(%q) accepted an empty id", s)
		}
		if _, isInt := key.(int64); isInt != (sort == kg.SortByDegree) {
			t.Fatalf("decodeCursor(%q, %s) gave key %#v", s, sort, key)
		}
		k2, id2, err := decodeCursor(encodeCursor(sort, key, id), sort)
		if err != nil || k2 != key || id2 != id {
			t.Fatalf("cursor %q does not round-trip: %v %q %v", s, k2, id2, err)
		}
	})
}
