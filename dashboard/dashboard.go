// Package dashboard serves the /explore/ graph explorer: a single page built from
// dashboard/src by esbuild into dist/ (committed, see README.md) and embedded here, so the
// binary carries it and it works offline. The page talks only to the GraphQL endpoint
// beside it (../graphql), and its content security policy forbids every other host.
//
//	mux.Handle("/explore/", http.StripPrefix("/explore", dashboard.Handler()))
package dashboard

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed dist
var dist embed.FS

// CSP allows this origin only. ForceAtlas2 runs in a worker built from a blob: URL;
// the PNG export reads canvases into a data: URL; sigma and Preact set styles through
// the CSSOM, which style-src does not restrict, so no 'unsafe-inline' is needed.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"connect-src 'self'; worker-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Handler serves index.html at "/" and the bundle beside it; mount it under a path
// ending in "/" with http.StripPrefix.
func Handler() http.Handler {
	root, err := fs.Sub(dist, "dist")
	if err != nil {
		panic("dashboard: embedded dist missing: " + err.Error())
	}
	files := http.FileServer(http.FS(root))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		// The page's relative URLs (app.js, ../graphql) resolve only from the directory URL.
		if r.URL.Path == "" {
			http.Redirect(w, r, "explore/", http.StatusMovedPermanently)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		// Embedded files carry no modification time; revalidate so a new binary's bundle is used.
		h.Set("Cache-Control", "no-cache")
		if strings.HasSuffix(r.URL.Path, "/index.html") {
			// FileServer would redirect it to "./"; serve the page at its directory URL only.
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
}
