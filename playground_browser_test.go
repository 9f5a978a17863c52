package main

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/diplograph/diplograph/internal/browsertest"
)

// playgroundShots is where the playground's browser tests leave their screenshots, for a
// person to look at (.data/ is not committed).
const playgroundShots = ".data/screenshots/playground"

// TestPlayground_Browser opens the playground in Debian's chromium against the seeded
// service, as a new user would after make run. Each page fails the test if it asks any
// host but the service or logs a console error.
func TestPlayground_Browser(t *testing.T) {
	srv, _ := seededServer(t)
	// The page runs under its Content-Security-Policy, so anything GraphiQL needs that the
	// policy forbids is a console error, which fails the page.
	res, err := http.Get(srv.URL + "/playground/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if csp := res.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'none'") {
		t.Fatalf("the playground is served with Content-Security-Policy %q, want one that starts from nothing", csp)
	}
	browser := browsertest.Start(t, srv.URL)
	poll := func(js string) chromedp.Action[json.RawMessage] {
		return chromedp.Poll[json.RawMessage](js, chromedp.WithPollingInterval(100*time.Millisecond),
			chromedp.WithPollingTimeout(browsertest.Timeout-5*time.Second))
	}

	// The docs explorer is built from GraphiQL's introspection query, which the depth
	// limit used to refuse: it then showed an error and no types.
	t.Run("DocsExplorerListsQueryFields", func(t *testing.T) {
		page := browser.NewPage(t)
		page.Do("opening the playground",
			chromedp.Navigate(srv.URL+"/playground/"),
			chromedp.Click(chromedp.CSS(`button[aria-label="Show Documentation Explorer"]`)),
		)
		root := browsertest.Run(page, "waiting for the root types", poll(`(() => {
			const err = document.querySelector('.graphiql-doc-explorer-error');
			if (err) return {error: err.textContent};
			const link = document.querySelector('.graphiql-doc-explorer-root-type + a.graphiql-doc-explorer-type-name, .graphiql-doc-explorer-content a.graphiql-doc-explorer-type-name');
			return link && {query: link.textContent};
		})()`))
		var roots struct{ Error, Query string }
		if err := json.Unmarshal(root, &roots); err != nil || roots.Error != "" || roots.Query != "Query" {
			t.Fatalf("docs explorer shows %s (%v), want the root type Query", root, err)
		}
		page.Do("opening Query", chromedp.Click(chromedp.CSS(`.graphiql-doc-explorer-content a.graphiql-doc-explorer-type-name`)))
		listed := browsertest.Run(page, "waiting for the fields of Query", poll(`(() => {
			const title = document.querySelector('.graphiql-doc-explorer-title');
			const names = [...document.querySelectorAll('.graphiql-doc-explorer-field-name')].map(a => a.textContent);
			return title && title.textContent === 'Query' && names.length > 0 && names;
		})()`))
		var fields []string
		if err := json.Unmarshal(listed, &fields); err != nil {
			t.Fatalf("fields %s: %v", listed, err)
		}
		for _, want := range []string{"node", "entity", "entities", "search", "relation", "neighborhood", "paths"} {
			if !slices.Contains(fields, want) {
				t.Errorf("docs explorer lists %v for Query, without %s", fields, want)
			}
		}
		t.Logf("screenshot: %s", page.Screenshot(playgroundShots, "docs-explorer-query"))
	})

	// The query the playground opens with (firstQuery) asks for Putin's strong relations.
	t.Run("RunsTheDefaultQuery", func(t *testing.T) {
		page := browser.NewPage(t)
		page.Do("running the default query",
			chromedp.Navigate(srv.URL+"/playground/"),
			chromedp.Click(chromedp.CSS(`button.graphiql-execute-button`)),
		)
		raw := browsertest.Run(page, "waiting for the answer", poll(`(() => {
			const cm = document.querySelector('.graphiql-response .CodeMirror');
			const text = cm && cm.CodeMirror.getValue();
			return text && text.trim().startsWith('{') && text;
		})()`))
		var text string
		if err := json.Unmarshal(raw, &text); err != nil {
			t.Fatal(err)
		}
		var answer struct {
			Data struct {
				Entity struct {
					Name      string
					Relations []struct {
						Type string
						To   struct{ ID string }
					}
				}
			}
			Errors []any
		}
		if err := json.Unmarshal([]byte(text), &answer); err != nil {
			t.Fatalf("the answer pane shows %q: %v", text, err)
		}
		if len(answer.Errors) > 0 || answer.Data.Entity.Name != "Vladimir Putin" || len(answer.Data.Entity.Relations) == 0 {
			t.Errorf("the answer pane shows %s, want Vladimir Putin with his relations from the seed", text)
		}
		if !strings.Contains(text, `"quote"`) {
			t.Errorf("the answer pane lacks the relations' quotes: %s", text)
		}
		t.Logf("screenshot: %s", page.Screenshot(playgroundShots, "default-query-answer"))
	})
}
