package browsertest

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"

	"github.com/chromedp/chromedp"
)

// Screenshot saves what the tab shows as dir/name.png and fails the test if the picture is
// blank: a page that rendered nothing, or only a background, passes no assertion on text
// only by luck. It returns the file's path, for a person to look at.
func (p *Page) Screenshot(dir, name string) string {
	p.t.Helper()
	shot := Run(p, "taking screenshot "+name, chromedp.CaptureScreenshot())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		p.t.Fatal(err)
	}
	if err := NotBlank(shot); err != nil {
		p.t.Errorf("screenshot %s: %v", path, err)
	}
	return path
}

// NotBlank decodes a PNG and checks that it shows something: enough distinct colours (text
// and icons anti-alias into dozens), and no single colour covering nearly all of it.
func NotBlank(pngBytes []byte) error {
	img, err := png.Decode(bytes.NewReader(pngBytes))
	if err != nil {
		return fmt.Errorf("not a PNG: %w", err)
	}
	colours, commonest := countColours(img)
	b := img.Bounds()
	pixels := b.Dx() * b.Dy()
	switch {
	case pixels == 0:
		return fmt.Errorf("the picture is empty")
	case colours < 32:
		return fmt.Errorf("only %d distinct colours: the page looks blank", colours)
	case commonest*100 > pixels*97:
		return fmt.Errorf("one colour covers %d%% of the picture: the page looks blank", commonest*100/pixels)
	}
	return nil
}

// countColours is the number of distinct colours and the pixel count of the commonest.
func countColours(img image.Image) (distinct, commonest int) {
	counts := map[[4]uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			k := [4]uint32{r, g, bl, a}
			counts[k]++
			commonest = max(commonest, counts[k])
		}
	}
	return len(counts), commonest
}
