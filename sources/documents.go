package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
)

// kind is what a resource holds.
type kind int

const (
	kindOther kind = iota // text or JSONL, for the loader
	kindPage
	kindFeed
)

// pageExts and feedExts are the file extensions that promise a page or a feed.
var (
	pageExts = map[string]bool{".html": true, ".htm": true, ".xhtml": true}
	feedExts = map[string]bool{".rss": true, ".atom": true, ".rdf": true, ".xml": true}
)

// IsURL reports whether path is an http or https URL.
func IsURL(path string) bool {
	p := strings.ToLower(path)
	return strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://")
}

// IsSource reports whether a path given to dyad load is for this package: an http or https
// URL, or a file that is an HTML page or a feed by its extension (.html, .htm, .xhtml; .rss,
// .atom, .rdf, .xml) or by its first bytes. Directories and standard input are not.
func IsSource(path string) bool {
	if IsURL(path) {
		return true
	}
	ext := strings.ToLower(filepath.Ext(path))
	if pageExts[ext] || feedExts[ext] {
		return true
	}
	// Stat before opening: opening a named pipe would block until a writer comes.
	if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	return sniff(head[:n]) != kindOther
}

// sniff tells a page or a feed from its first bytes.
func sniff(head []byte) kind {
	h := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n"))
	switch {
	case bytes.HasPrefix(h, []byte("<!doctype html")), bytes.HasPrefix(h, []byte("<html")),
		bytes.HasPrefix(h, []byte("<head")), bytes.HasPrefix(h, []byte("<body")):
		return kindPage
	case bytes.HasPrefix(h, []byte("<rss")), bytes.HasPrefix(h, []byte("<feed")), bytes.HasPrefix(h, []byte("<rdf:rdf")):
		return kindFeed
	case bytes.HasPrefix(h, []byte("<?xml")):
		if bytes.Contains(h, []byte("<rss")) || bytes.Contains(h, []byte("<feed")) || bytes.Contains(h, []byte("<rdf:rdf")) {
			return kindFeed
		}
		if bytes.Contains(h, []byte("<html")) {
			return kindPage
		}
		return kindFeed // XML that is no feed is reported as such
	case bytes.HasPrefix(h, []byte("<!--")), bytes.HasPrefix(h, []byte("<meta")), bytes.HasPrefix(h, []byte("<div")):
		return kindPage
	}
	return kindOther
}

// kindOf decides from the Content-Type, then from the first bytes.
func kindOf(contentType string, body []byte) kind {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return kindPage
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return kindFeed
	}
	k := sniff(body[:min(len(body), 1024)])
	if k == kindOther && mt == "application/json" && bytes.Contains(body[:min(len(body), 1024)], []byte("jsonfeed.org")) {
		return kindFeed
	}
	return k
}

// Reader reads pages and feeds, from the web and from files, as loader.Documents.
type Reader struct {
	Fetcher *Fetcher
}

// Documents reads each path (a URL, or a page or feed file; see IsSource) as Documents, in
// order. A page is one article; a feed is one article per item, read from the item's page or
// from the feed when it carries the full text. A URL that serves plain text or JSONL is read
// as the loader reads such a file. Failures are *loader.InputError naming the URL or file (and
// the feed an item came from), and reading goes on with the next item or path.
func (r *Reader) Documents(ctx context.Context, paths ...string) iter.Seq2[loader.Document, error] {
	return func(yield func(loader.Document, error) bool) {
		for _, p := range paths {
			if err := ctx.Err(); err != nil {
				yield(loader.Document{}, err)
				return
			}
			if !r.path(ctx, p, yield) {
				return
			}
		}
	}
}

func fail(yield func(loader.Document, error) bool, name string, err error) bool {
	return yield(loader.Document{}, &loader.InputError{File: name, Err: err})
}

func (r *Reader) path(ctx context.Context, p string, yield func(loader.Document, error) bool) bool {
	if IsURL(p) {
		resp, err := r.Fetcher.Get(ctx, p, Validators{})
		if err != nil {
			return fail(yield, p, err)
		}
		base, _ := url.Parse(resp.URL)
		return r.resource(ctx, p, base, resp.ContentType, resp.Body, yield)
	}
	body, err := readFile(p, r.maxBytes())
	if err != nil {
		return fail(yield, p, err)
	}
	return r.resource(ctx, p, nil, "", body, yield)
}

func (r *Reader) maxBytes() int64 {
	if r.Fetcher != nil {
		return r.Fetcher.opt.MaxBytes
	}
	return 5 << 20
}

// readFile reads a page or feed file of at most limit bytes.
func readFile(p string, limit int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%w: %v", loader.ErrUnreadable, err)
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", loader.ErrUnreadable, err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, limit)
	}
	return body, nil
}

// resource reads a fetched or opened resource by what it holds.
func (r *Reader) resource(ctx context.Context, name string, base *url.URL, contentType string, body []byte, yield func(loader.Document, error) bool) bool {
	switch kindOf(contentType, body) {
	case kindPage:
		doc, err := pageDocument(body, contentType, base)
		if err != nil {
			return fail(yield, name, err)
		}
		doc.File, doc.Line = name, 1
		return yield(doc, nil)
	case kindFeed:
		feed, err := ReadFeed(body, base)
		if err != nil {
			return fail(yield, name, err)
		}
		if len(feed.Items) == 0 {
			return fail(yield, name, fmt.Errorf("%w: the feed has no items", loader.ErrEmpty))
		}
		for i, it := range feed.Items {
			if err := ctx.Err(); err != nil {
				yield(loader.Document{}, err)
				return false
			}
			doc, _, err := r.ItemDocument(ctx, feed, it, Validators{})
			if err != nil {
				if !fail(yield, itemName(name, i, it), err) {
					return false
				}
				continue
			}
			doc.File, doc.Line = itemName(name, i, it), 1
			if !yield(doc, nil) {
				return false
			}
		}
		return true
	}
	if base == nil {
		return fail(yield, name, fmt.Errorf("%w: neither an HTML page nor a feed", ErrFeed))
	}
	for doc, err := range loader.Read(ctx, name, bytes.NewReader(body)) {
		if !yield(doc, err) {
			return false
		}
	}
	return true
}

// itemName names a feed item in messages: its link, or the feed and the item's number.
func itemName(feed string, i int, it Item) string {
	if it.Link != "" {
		return it.Link
	}
	return fmt.Sprintf("%s#item%d", feed, i+1)
}

// pageDocument reads a page as a Document, within the loader's bound on an article's text.
func pageDocument(body []byte, contentType string, base *url.URL) (loader.Document, error) {
	p, err := ReadPage(body, contentType, base)
	if err != nil {
		return loader.Document{}, err
	}
	if len(p.Text) > loader.MaxArticleBytes {
		return loader.Document{}, fmt.Errorf("%w: %d bytes of text, over the limit of %d", loader.ErrTooBig, len(p.Text), loader.MaxArticleBytes)
	}
	return p.Document(), nil
}

// ItemDocument reads one feed item as a Document: from the feed when it carries the full
// text, else from its page, fetched with the validators given. The page's metadata comes
// first; the item's fills what the page lacks. When the page has not changed since the
// validators were taken, it returns NotModified set and no Document.
func (r *Reader) ItemDocument(ctx context.Context, feed Feed, it Item, v Validators) (loader.Document, *Response, error) {
	var doc loader.Document
	var resp *Response
	switch {
	case it.FullText != "":
		doc = loader.Document{ID: first(it.Link, it.GUID, graph.ContentID(it.FullText)), URL: it.Link, Text: it.FullText}
		if len(doc.Text) > loader.MaxArticleBytes {
			return loader.Document{}, nil, fmt.Errorf("%w: %d bytes of text, over the limit of %d", loader.ErrTooBig, len(doc.Text), loader.MaxArticleBytes)
		}
	case it.Link != "":
		if r.Fetcher == nil {
			return loader.Document{}, nil, fmt.Errorf("cannot fetch %s: no fetcher", it.Link)
		}
		var err error
		resp, err = r.Fetcher.Get(ctx, it.Link, v)
		if err != nil {
			return loader.Document{}, nil, err
		}
		if resp.NotModified {
			return loader.Document{}, resp, nil
		}
		base, _ := url.Parse(resp.URL)
		if kindOf(resp.ContentType, resp.Body) != kindPage {
			return loader.Document{}, resp, fmt.Errorf("%s: not an HTML page (Content-Type %q)", resp.URL, resp.ContentType)
		}
		if doc, err = pageDocument(resp.Body, resp.ContentType, base); err != nil {
			return loader.Document{}, resp, err
		}
	case it.Summary != "":
		doc = loader.Document{ID: first(it.GUID, graph.ContentID(it.Summary)), Text: it.Summary}
	default:
		return loader.Document{}, nil, fmt.Errorf("%w: the item has no link and no text", loader.ErrEmpty)
	}
	doc.Title = first(doc.Title, it.Title)
	doc.Source = first(doc.Source, feed.Title)
	if doc.Published.IsZero() {
		doc.Published = it.Published
	}
	return doc, resp, nil
}
