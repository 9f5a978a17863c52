package export

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/diplograph/diplograph/errcode"
	"github.com/diplograph/diplograph/kg"
)

// Handler serves GET /export/{format}?scope=...: the request's scope in the format, as an
// attachment. The caller is authenticated before it (auth.Middleware, as for /graphql) and
// must have the reader role unless anonymousReads, the rule GraphQL reads follow. Errors
// before the first byte are JSON in GraphQL's shape, extensions.code from kg's vocabulary;
// a failure once the file is streaming aborts the response, so that a client never takes a
// cut-off file for a whole one.
func Handler(s Reader, anonymousReads bool, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		f, err := ParseFormat("format", req.PathValue("format"))
		if err == nil && !anonymousReads {
			err = kg.Authorize(req.Context(), kg.RoleReader)
		}
		var r Request
		if err == nil {
			r, err = ParseRequest(req.URL.Query())
		}
		if err != nil {
			writeError(w, log, req, err)
			return
		}
		now := time.Now().UTC()
		out := &lazyResponse{w: w, rc: http.NewResponseController(w), onStart: func(h http.Header) {
			h.Set("Content-Type", f.ContentType())
			h.Set("Content-Disposition", `attachment; filename="`+r.FileName(f, now)+`"`)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Cache-Control", "no-store")
		}}
		buf := bufio.NewWriterSize(out, 64<<10)
		// Not the *bufio.Writer itself: encoding/xml would adopt it and flush it after every
		// element, sending the headers before an error could still be answered.
		ew, err := NewWriter(f, struct{ io.Writer }{buf}, Meta{Description: r.Describe(), AsOf: r.AsOf, KnownAt: r.KnownAt, Generated: now})
		if err == nil {
			// Each page read is sent on: the client sees progress, and the server holds
			// one page, not the file.
			_, err = Run(req.Context(), s, r, ew, func(int, int, Counts) {
				if buf.Flush() == nil {
					out.flush()
				}
			})
		}
		if err == nil {
			err = buf.Flush()
		}
		switch {
		case err == nil:
			out.flush()
		case !out.started:
			writeError(w, log, req, err)
		default:
			log.ErrorContext(req.Context(), "export failed while streaming", "err", err, "url", req.URL.String())
			panic(http.ErrAbortHandler)
		}
	})
}

// lazyResponse sends the headers with the first byte, so that an error found before then
// can still be answered as an error. Each write pushes the server's write deadline on: a
// large export takes longer than one request usually may, but never stalls that long.
type lazyResponse struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	onStart func(http.Header)
	started bool
}

func (l *lazyResponse) Write(p []byte) (int, error) {
	if !l.started {
		l.started = true
		l.onStart(l.w.Header())
		l.w.WriteHeader(http.StatusOK)
	}
	_ = l.rc.SetWriteDeadline(time.Now().Add(time.Minute))
	return l.w.Write(p)
}

func (l *lazyResponse) flush() {
	if l.started {
		_ = l.rc.Flush()
	}
}

// statusOf is the HTTP status for an error code.
func statusOf(code string) int {
	switch code {
	case errcode.BadUserInput:
		return http.StatusBadRequest
	case errcode.NotFound:
		return http.StatusNotFound
	case errcode.Unauthenticated:
		return http.StatusUnauthorized
	case errcode.Forbidden:
		return http.StatusForbidden
	case errcode.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

func writeError(w http.ResponseWriter, log *slog.Logger, req *http.Request, err error) {
	code := kg.ErrorCode(err)
	if code == errcode.Internal || code == errcode.Unavailable {
		log.ErrorContext(req.Context(), "export failed", "code", code, "err", err, "url", req.URL.String())
	}
	ext := map[string]any{"code": code}
	if field := kg.ErrorField(err); field != "" {
		ext["field"] = field
	}
	var coded *kg.Error
	if code == errcode.Unauthenticated && errors.As(err, &coded) {
		w.Header().Set("WWW-Authenticate", "Bearer")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(statusOf(code))
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": kg.ErrorMessage(err), "extensions": ext}},
	})
}
