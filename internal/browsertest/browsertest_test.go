package browsertest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPageReportsWhatItMustNotDo: a page that asks other hosts (by name and by address) and
// logs errors is caught, and what it asked for never leaves the machine.
func TestPageReportsWhatItMustNotDo(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/csp" {
			// A page whose policy forbids what it does, as the playground's would if GraphiQL
			// needed something the policy leaves out.
			w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src 'self'")
			fmt.Fprint(w, `<!doctype html><link rel="icon" href="data:,"><script>document.title = "ran"</script>`)
			return
		}
		fmt.Fprint(w, `<!doctype html><link rel="icon" href="data:,"><p>hostile</p>
			<img src="http://203.0.113.9/by-address.png">
			<img src="https://cdn.example.com/by-name.png">
			<script>console.error("boom"); throw new Error("uncaught");</script>`)
	}))
	defer srv.Close()
	page := Start(t, srv.URL).NewPage(t)
	page.Do("opening the page", chromedp.Navigate(srv.URL))

	page.Do("opening a page that breaks its own policy", chromedp.Navigate(srv.URL+"/csp"))

	want := []string{
		"security error: Executing inline script violates the following Content Security Policy directive",
		"requested http://203.0.113.9/by-address.png",
		"requested https://cdn.example.com/by-name.png",
		"console.error: boom",
		"uncaught exception: Uncaught Error: uncaught",
		// Chromium could not reach either: the address goes to the dead proxy, the name resolves nowhere.
		"a request failed: net::ERR_PROXY_CONNECTION_FAILED",
	}
	var got []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		got = append(got, page.TakeProblems()...)
		if containsAll(got, want) {
			return
		}
	}
	t.Errorf("problems %q\nwant them to include %q", got, want)
}

func containsAll(got, want []string) bool {
	joined := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			return false
		}
	}
	return true
}

func TestExecPathNamesTheFix(t *testing.T) {
	t.Setenv("CHROMIUM", "/nonexistent/chromium")
	if _, err := ExecPath(); err == nil || !strings.Contains(err.Error(), "/nonexistent/chromium") {
		t.Errorf("ExecPath() error = %v, want one naming the missing executable", err)
	}
}

func TestNotBlank(t *testing.T) {
	encode := func(paint func(x, y int) color.Color) []byte {
		img := image.NewRGBA(image.Rect(0, 0, 200, 100))
		for y := range 100 {
			for x := range 200 {
				img.Set(x, y, paint(x, y))
			}
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	white := encode(func(int, int) color.Color { return color.White })
	if err := NotBlank(white); err == nil {
		t.Error("a white picture passed")
	}
	mostlyWhite := encode(func(x, y int) color.Color {
		if x < 2 {
			return color.RGBA{uint8(y), 0, 0, 255}
		}
		return color.White
	})
	if err := NotBlank(mostlyWhite); err == nil {
		t.Error("a picture 99% white passed")
	}
	gradient := encode(func(x, y int) color.Color { return color.RGBA{uint8(x), uint8(y * 2), 128, 255} })
	if err := NotBlank(gradient); err != nil {
		t.Errorf("a gradient: %v", err)
	}
	if err := NotBlank([]byte("not a png")); err == nil {
		t.Error("garbage passed")
	}
}
