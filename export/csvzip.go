package export

import (
	"archive/zip"
	"encoding/csv"
	"io"
)

// CSV: nodes.csv and edges.csv in one zip, the two tables pandas, R and spreadsheets read.
// The zip's entries are written in turn (nodes, then edges), so it streams too. Lists are
// JSON strings.
type csvWriter struct {
	zw  *zip.Writer
	out *csv.Writer
}

func newCSVWriter(w io.Writer) (*csvWriter, error) {
	c := &csvWriter{zw: zip.NewWriter(w)}
	return c, c.table("nodes.csv", append([]string{"id"}, names(nodeAttrs)...))
}

func names(defs []attrDef) []string {
	out := make([]string, len(defs))
	for i, d := range defs {
		out[i] = d.Name
	}
	return out
}

// table starts the next entry with its header row.
func (c *csvWriter) table(name string, header []string) error {
	if c.out != nil {
		c.out.Flush()
		if err := c.out.Error(); err != nil {
			return err
		}
	}
	f, err := c.zw.Create(name)
	if err != nil {
		return err
	}
	c.out = csv.NewWriter(f)
	return c.out.Write(header)
}

func row(first []string, attrs []attr) []string {
	out := append([]string{}, first...)
	for _, a := range attrs {
		out = append(out, a.text())
	}
	return out
}

func (c *csvWriter) node(n node) error { return c.out.Write(row([]string{n.ID}, n.Attrs)) }

func (c *csvWriter) edges() error {
	return c.table("edges.csv", append([]string{"source", "target"}, names(edgeAttrs)...))
}

func (c *csvWriter) edge(e edge) error {
	return c.out.Write(row([]string{e.Source, e.Target}, e.Attrs))
}

func (c *csvWriter) close() error {
	c.out.Flush()
	if err := c.out.Error(); err != nil {
		return err
	}
	return c.zw.Close()
}
