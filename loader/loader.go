package loader

import (
	"context"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// Document is an article as read, before extraction.
type Document struct {
	ID        string // given id, or graph.ContentID(Text)
	URL       string
	Title     string
	Source    string
	Published time.Time
	Text      string // the body; offsets of claims index into it, in code points
	File      string // the file it was read from ("-" for standard input)
	Line      int    // the line it starts on in that file
	// Ignored names the fields of a JSONL line that dyad does not read, sorted and joined by
	// ", ". It is set on the first line of a file that has such fields, and on no later one, so
	// that a reader can say once per file what was ignored.
	Ignored string
}

// Article is the graph.Article the document describes.
func (d Document) Article() graph.Article {
	return graph.Article{ID: d.ID, URL: d.URL, Title: d.Title, Source: d.Source, Published: d.Published}
}

// Extractor finds claims in a document. The rule-based extractor is the default; others (a
// model-based one) implement the same interface and name themselves in each claim.
type Extractor interface {
	Name() string
	Version() string
	// Extract returns the article, every actor its claims name, and the claims.
	Extract(ctx context.Context, doc Document) (graph.Extraction, error)
}
