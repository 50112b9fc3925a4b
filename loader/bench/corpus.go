package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/dyadgraph/dyad/loader"
)

// DefaultMinBytes is the default size of a corpus: 10 MiB of text, over the 10 MB the
// throughput target asks for.
const DefaultMinBytes = 10 << 20

// Sources returns the files to build a corpus from: the sample article and the development set
// in sharedEval (the ../shared/eval directory) when both are there, and otherwise the fallback
// paths (files or directories, such as the repository's loader/samples). shared reports which.
func Sources(sharedEval string, fallback ...string) (paths []string, shared bool) {
	var found []string
	for _, name := range []string{"sample-article.txt", "plover-dev.jsonl"} {
		p := filepath.Join(sharedEval, name)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			found = append(found, p)
		}
	}
	if len(found) == 2 {
		return found, true
	}
	return fallback, false
}

// Build is Sources, Texts and Corpus in one: a corpus of at least minBytes from the shared
// evaluation texts in sharedEval, or from the fallback paths when they are absent. shared
// reports which sources it used.
func Build(ctx context.Context, sharedEval string, fallback []string, minBytes int, seed uint64) (docs []loader.Document, shared bool, err error) {
	paths, shared := Sources(sharedEval, fallback...)
	if len(paths) == 0 {
		return nil, false, fmt.Errorf("no corpus sources: %s is missing and no fallback was given", sharedEval)
	}
	texts, err := Texts(ctx, paths...)
	if err != nil {
		return nil, shared, err
	}
	return Corpus(texts, minBytes, seed), shared, nil
}

// Texts reads the article texts in paths with loader.Documents; unreadable input is an error.
func Texts(ctx context.Context, paths ...string) ([]string, error) {
	var texts []string
	var errs []error
	for doc, err := range loader.Documents(ctx, nil, paths...) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		texts = append(texts, doc.Text)
	}
	if len(errs) > 0 {
		return texts, errors.Join(errs...)
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("no articles in %s", strings.Join(paths, ", "))
	}
	return texts, nil
}

// Corpus builds articles holding at least minBytes of text in all, from the sentences of texts
// shuffled with a generator seeded by seed. Every line of a text is split into sentences (with
// the extractor's own splitter), the sentences
// are drawn in shuffled order, reshuffled each time they run out, and laid out as articles of
// 8 to 30 sentences in paragraphs of 1 to 4. Lines without a final stop (captions, page
// furniture such as "Story continues below advertisement") come along as paragraphs of their
// own, so cleaning is measured too.
func Corpus(texts []string, minBytes int, seed uint64) []loader.Document {
	var pool []string
	for _, t := range texts {
		pool = append(pool, loader.Sentences(t)...)
	}
	if len(pool) == 0 || minBytes <= 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x64796164)) // "dyad"
	order := make([]int, len(pool))
	next := len(order)
	draw := func() string {
		if next == len(order) {
			for i := range order {
				order[i] = i
			}
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			next = 0
		}
		next++
		return pool[order[next-1]]
	}
	var docs []loader.Document
	var b strings.Builder
	for total := 0; total < minBytes; {
		b.Reset()
		n := 8 + rng.IntN(23)
		inPara, paraLen := 0, 1+rng.IntN(4)
		for i := 0; i < n; i++ {
			s := draw()
			alone := !terminated(s) // a caption or furniture line stands as a paragraph of its own
			switch {
			case i == 0:
			case inPara == 0 || inPara >= paraLen || alone:
				b.WriteString("\n\n")
				inPara, paraLen = 0, 1+rng.IntN(4)
			default:
				b.WriteByte(' ')
			}
			b.WriteString(s)
			inPara++
			if alone {
				inPara = paraLen // end the paragraph
			}
		}
		text := b.String()
		docs = append(docs, loader.Document{ID: fmt.Sprintf("bench-%06d", len(docs)+1),
			Title: fmt.Sprintf("Bench article %d", len(docs)+1), Text: text, File: "bench", Line: len(docs) + 1})
		total += len(text)
	}
	return docs
}

// Size is the bytes of text in docs.
func Size(docs []loader.Document) int64 {
	var n int64
	for _, d := range docs {
		n += int64(len(d.Text))
	}
	return n
}

// WriteJSONL writes docs as JSONL articles (id, title, text), one per line, as `dyad load` and
// `dyad extract` read them.
func WriteJSONL(w io.Writer, docs []loader.Document) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		if err := enc.Encode(struct {
			ID    string `json:"id"`
			Title string `json:"title,omitempty"`
			Text  string `json:"text"`
		}{d.ID, d.Title, d.Text}); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// terminated reports whether a sentence ends with ".", "!" or "?", perhaps inside quotes.
func terminated(s string) bool {
	s = strings.TrimRight(s, `"')]’”»`)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}
