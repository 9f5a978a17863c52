package playground

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func mounted() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/playground/", http.StripPrefix("/playground",
		Handler("diplograph <test>", "/graphql", WithDefaultQuery("{ me { id } }"))))
	return mux
}

func get(t *testing.T, h http.Handler, target string, hdr ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var assetRef = regexp.MustCompile(`(?:src|href)="(assets/[^"]+)"`)

func TestIndexAndAssets(t *testing.T) {
	h := mounted()
	res := get(t, h, "/playground/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("index status %d", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("index content type %q", ct)
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "connect-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "http") {
		t.Errorf("CSP too permissive: %q", csp)
	}
	html := body(t, res)
	if m := regexp.MustCompile(`(?i)https?://`).FindString(html); m != "" {
		t.Fatalf("index.html references an absolute URL (%q); assets must be served locally:\n%s", m, html)
	}
	for _, want := range []string{`data-endpoint="/graphql"`, `data-default-query="{ me { id } }"`, "<title>diplograph &lt;test&gt;</title>"} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if strings.Contains(html, "<script>") {
		t.Error("inline <script> would be blocked by the CSP")
	}

	refs := assetRef.FindAllStringSubmatch(html, -1)
	wantTypes := map[string]string{
		"vendor/react.production.min.js":     "text/javascript; charset=utf-8",
		"vendor/react-dom.production.min.js": "text/javascript; charset=utf-8",
		"vendor/graphiql.min.js":             "text/javascript; charset=utf-8",
		"vendor/graphiql.min.css":            "text/css; charset=utf-8",
		"playground.js":                      "text/javascript; charset=utf-8",
		"playground.css":                     "text/css; charset=utf-8",
	}
	if len(refs) != len(wantTypes) {
		t.Fatalf("index.html references %d assets, want %d: %v", len(refs), len(wantTypes), refs)
	}
	for _, ref := range refs {
		url := "/playground/" + ref[1]
		name := strings.TrimPrefix(strings.SplitN(ref[1], "?", 2)[0], "assets/")
		res := get(t, h, url)
		b := body(t, res)
		if res.StatusCode != http.StatusOK || len(b) == 0 {
			t.Errorf("%s: status %d, %d bytes", url, res.StatusCode, len(b))
			continue
		}
		if ct := res.Header.Get("Content-Type"); ct != wantTypes[name] {
			t.Errorf("%s: content type %q, want %q", url, ct, wantTypes[name])
		}
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			t.Errorf("%s: versioned asset should be cached long, got %q", url, cc)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: missing nosniff", url)
		}
	}
}

func TestGraphiQLBundleIsUMD(t *testing.T) {
	res := get(t, mounted(), "/playground/assets/vendor/graphiql.min.js")
	if b := body(t, res); !strings.Contains(b, "window.GraphiQL") {
		t.Error("graphiql.min.js does not define window.GraphiQL; playground.js depends on it")
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("unversioned asset URL should revalidate, got %q", cc)
	}
}

func TestGzipAndConditional(t *testing.T) {
	h := mounted()
	res := get(t, h, "/playground/assets/vendor/graphiql.min.css", "Accept-Encoding", "gzip")
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatal("expected gzip encoding")
	}
	zr, err := gzip.NewReader(bytes.NewReader([]byte(body(t, res))))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if !bytes.Contains(plain, []byte(".graphiql-container")) {
		t.Error("gzipped CSS does not decode to GraphiQL's stylesheet")
	}
	etag := res.Header.Get("ETag")
	res = get(t, h, "/playground/assets/vendor/graphiql.min.css", "Accept-Encoding", "gzip", "If-None-Match", etag)
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", res.StatusCode)
	}
}

func TestRoutingEdgeCases(t *testing.T) {
	h := mounted()
	if res := get(t, h, "/playground/assets/nope.js"); res.StatusCode != http.StatusNotFound {
		t.Errorf("missing asset: %d", res.StatusCode)
	}
	if res := get(t, h, "/playground/index.html"); res.StatusCode != http.StatusOK {
		t.Errorf("index.html: %d", res.StatusCode)
	}
	// Mounted with an exact pattern the page URL may lack its trailing slash,
	// which would break relative asset URLs.
	exact := http.StripPrefix("/pg", Handler("t", "/graphql"))
	res := get(t, exact, "/pg")
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "pg/" {
		t.Errorf("/pg: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	// Mounted at the root.
	if res := get(t, Handler("t", "/graphql"), "/"); res.StatusCode != http.StatusOK {
		t.Errorf("root mount: %d", res.StatusCode)
	}
	req := httptest.NewRequest(http.MethodPost, "/playground/", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
}
