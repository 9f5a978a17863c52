// Package playground serves a GraphiQL IDE whose scripts and styles are all
// embedded in the binary, so it works on machines without internet access
// (gqlgen's built-in playground pulls GraphiQL from a CDN and renders blank
// offline).
//
// The page references its assets relative to itself ("assets/..."), so the
// handler can be mounted at any path ending in "/":
//
//	mux.Handle("/playground/", http.StripPrefix("/playground",
//		playground.Handler("diplograph", "/graphql",
//			playground.WithDefaultQuery("{ __typename }"))))
//
// Vendored files under assets/vendor/ are produced by scripts/build-playground
// from the versions pinned in package-lock.json; do not edit them by hand.
package playground

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed assets index.html
var files embed.FS

// DefaultQuery is shown in the editor when no WithDefaultQuery option is given
// and the browser has no query saved from an earlier visit.
const DefaultQuery = `# Welcome to the GraphQL playground.
#
# Authenticated requests: open the "Headers" tab below and enter
#   {"Authorization": "Bearer <token>"}
# Headers are not saved in the browser.
{
  __typename
}
`

// Option customises the page rendered by Handler.
type Option func(*config)

type config struct {
	defaultQuery string
}

// WithDefaultQuery sets the query shown to first-time visitors (GraphiQL keeps
// a visitor's own edits in localStorage and prefers them on later visits).
func WithDefaultQuery(q string) Option { return func(c *config) { c.defaultQuery = q } }

type asset struct {
	body    []byte
	gz      []byte // nil when compression would not pay off
	ctype   string
	version string // content hash, used as cache-busting query and ETag
}

// Assets are hashed and compressed once per process, not per handler or request.
var loadAssets = sync.OnceValue(func() map[string]*asset {
	out := map[string]*asset{}
	err := fs.WalkDir(files, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		a := &asset{body: body, ctype: contentType(p), version: hex.EncodeToString(sum[:8])}
		if len(body) > 1024 {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			_, _ = zw.Write(body)
			_ = zw.Close()
			if buf.Len() < len(body) {
				a.gz = buf.Bytes()
			}
		}
		out[strings.TrimPrefix(p, "assets/")] = a
		return nil
	})
	if err != nil {
		panic("playground: reading embedded assets: " + err.Error())
	}
	return out
})

func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	default:
		return "application/octet-stream"
	}
}

type handler struct {
	index  []byte
	csp    string
	assets map[string]*asset
}

// Handler returns the playground: index.html at "/" and its files under
// "assets/". endpoint is the GraphQL URL the IDE posts to; a path such as
// "/graphql" is resolved against the page's origin.
func Handler(title, endpoint string, opts ...Option) http.Handler {
	cfg := config{defaultQuery: DefaultQuery}
	for _, o := range opts {
		o(&cfg)
	}
	assets := loadAssets()
	tmpl := template.Must(template.New("index.html").Funcs(template.FuncMap{
		"asset": func(name string) (string, error) {
			a, ok := assets[name]
			if !ok {
				return "", fs.ErrNotExist
			}
			return "assets/" + name + "?v=" + a.version, nil
		},
	}).ParseFS(files, "index.html"))
	var buf bytes.Buffer
	err := tmpl.Execute(&buf, map[string]string{
		"Title":        title,
		"Endpoint":     endpoint,
		"DefaultQuery": cfg.defaultQuery,
	})
	if err != nil {
		panic("playground: rendering index.html: " + err.Error())
	}
	return &handler{index: buf.Bytes(), csp: csp(endpoint), assets: assets}
}

// csp allows nothing but this origin. GraphiQL's stylesheet inlines its fonts
// and icons as data: URLs, and its components (Radix UI, CodeMirror) set
// style attributes, hence data: and 'unsafe-inline' for styles only.
func csp(endpoint string) string {
	connect := "'self'"
	if u, err := url.Parse(endpoint); err == nil && u.Host != "" {
		connect += " " + u.Scheme + "://" + u.Host
	}
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self'",
		"style-src 'self' 'unsafe-inline'",
		"font-src 'self' data:",
		"img-src 'self' data:",
		"connect-src " + connect,
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'",
	}, "; ")
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", h.csp)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")

	p := strings.TrimPrefix(r.URL.Path, "/")
	switch {
	case p == "" || p == "index.html":
		h.serveIndex(w, r)
	case strings.HasPrefix(p, "assets/"):
		h.serveAsset(w, r, strings.TrimPrefix(p, "assets/"))
	default:
		http.NotFound(w, r)
	}
}

func (h *handler) serveIndex(w http.ResponseWriter, r *http.Request) {
	// Relative asset URLs only resolve correctly from a directory URL; after
	// http.StripPrefix("/playground") a request for "/playground" lands here
	// with an empty path, so send the browser to "/playground/".
	if orig := requestPath(r); r.URL.Path == "" && orig != "" && !strings.HasSuffix(orig, "/") {
		loc := path.Base(orig) + "/"
		if r.URL.RawQuery != "" {
			loc += "?" + r.URL.RawQuery
		}
		w.Header().Set("Location", loc)
		w.WriteHeader(http.StatusMovedPermanently)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// The page embeds hashed asset URLs, so it must be revalidated to pick up new ones.
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(h.index))
}

// requestPath is the path the client asked for, before any StripPrefix.
func requestPath(r *http.Request) string {
	if u, err := url.ParseRequestURI(r.RequestURI); err == nil {
		return u.Path
	}
	return ""
}

func (h *handler) serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	a, ok := h.assets[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", a.ctype)
	hdr.Set("Vary", "Accept-Encoding")
	if r.URL.Query().Get("v") == a.version {
		hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		// An unversioned or stale URL must not pin old bytes in caches.
		hdr.Set("Cache-Control", "no-cache")
	}
	body, etag := a.body, `"`+a.version+`"`
	if a.gz != nil && acceptsGzip(r) {
		body, etag = a.gz, `"`+a.version+`-gz"`
		hdr.Set("Content-Encoding", "gzip")
	}
	hdr.Set("ETag", etag)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
