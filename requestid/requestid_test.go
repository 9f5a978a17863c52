package requestid_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/requestid"
)

func TestMiddleware(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(requestid.NewHandler(slog.NewTextHandler(&buf, nil))).With("component", "test")
	var seen string
	h := requestid.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = requestid.From(r.Context())
		log.InfoContext(r.Context(), "handled")
	}))
	for _, tc := range []struct {
		name, sent string
		kept       bool
	}{
		{"sane id kept", "dash-board_42.abc:1", true},
		{"none sent", "", false},
		{"newline refused", "abc\nlevel=ERROR msg=forged", false},
		{"space refused", "a b", false},
		{"too long refused", strings.Repeat("a", requestid.MaxLength+1), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			buf.Reset()
			req := httptest.NewRequest("GET", "/x", nil)
			if tc.sent != "" {
				req.Header.Set(requestid.Header, tc.sent)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			got := rec.Header().Get(requestid.Header)
			if got != seen || got == "" {
				t.Fatalf("response header %q, context %q", got, seen)
			}
			if tc.kept != (got == tc.sent) {
				t.Fatalf("sent %q, got %q", tc.sent, got)
			}
			if !tc.kept && (len(got) != 32 || !requestid.Sane(got)) {
				t.Fatalf("made id %q is not 32 hex digits", got)
			}
			if !strings.Contains(buf.String(), "request_id="+got) || !strings.Contains(buf.String(), "component=test") {
				t.Fatalf("log line lacks the id or the logger's attributes: %s", buf.String())
			}
		})
	}
	if a, b := requestid.New(), requestid.New(); a == b {
		t.Fatalf("two made ids are equal: %s", a)
	}
}
