package dashboard

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func serve(t *testing.T, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/explore/", http.StripPrefix("/explore", Handler()))
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

func TestPageAndBundleAreServedWithTheCSP(t *testing.T) {
	for path, want := range map[string]string{
		"/explore/":        `<script defer src="app.js">`,
		"/explore/app.js":  "__diplograph",
		"/explore/app.css": "mark",
	} {
		rec := serve(t, http.MethodGet, path)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("GET %s: body lacks %q", path, want)
		}
		csp := rec.Header().Get("Content-Security-Policy")
		for _, d := range []string{"default-src 'none'", "script-src 'self'", "connect-src 'self'"} {
			if !strings.Contains(csp, d) {
				t.Errorf("GET %s: CSP %q lacks %q", path, csp, d)
			}
		}
		if strings.Contains(csp, "http") {
			t.Errorf("GET %s: CSP names another host: %q", path, csp)
		}
	}
}

func TestBundleNamesNoOtherHost(t *testing.T) {
	body := serve(t, http.MethodGet, "/explore/").Body.String()
	if !strings.Contains(body, "app.css") || strings.Contains(body, "//") {
		t.Errorf("index.html refers to another host: %s", body)
	}
}

func TestOnlyGetAndHead(t *testing.T) {
	if rec := serve(t, http.MethodPost, "/explore/"); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", rec.Code)
	}
	if rec := serve(t, http.MethodGet, "/explore/index.html"); rec.Code != http.StatusNotFound {
		t.Errorf("index.html by name: %d, want 404 (served at the directory URL only)", rec.Code)
	}
	if rec := serve(t, http.MethodGet, "/explore/missing.js"); rec.Code != http.StatusNotFound {
		t.Errorf("missing file: %d, want 404", rec.Code)
	}
}
