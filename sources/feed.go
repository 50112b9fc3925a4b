package sources

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrFeed reports a feed that cannot be read: malformed XML, or neither RSS, Atom nor JSON Feed.
var ErrFeed = errors.New("not a readable RSS, Atom or JSON feed")

// FullTextRunes is how long, in characters, an item's content in a feed must be to be taken as
// the article's full text; shorter content is a summary, and the item's page is read instead.
// It is Readability's own threshold for an article.
const FullTextRunes = 500

// Feed is a feed as read.
type Feed struct {
	Title string
	Link  string
	Items []Item
}

// Item is one entry of a feed.
type Item struct {
	Link      string // absolute http(s) URL of the item's page; "" if none
	GUID      string
	Title     string
	Author    string
	Published time.Time
	Updated   time.Time
	// FullText is the item's content as text, when the feed carries the whole article (at least
	// FullTextRunes characters); "" otherwise.
	FullText string
	// Summary is the item's description as text.
	Summary string
}

// Key names the item across polls: its link, else its GUID.
func (it Item) Key() string { return first(it.Link, it.GUID) }

// ReadFeed reads an RSS (0.9x, 1.0, 2.0), Atom or JSON feed. feedURL (nil for a file) resolves
// relative item links.
func ReadFeed(body []byte, feedURL *url.URL) (Feed, error) {
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return Feed{}, fmt.Errorf("%w: %v", ErrFeed, err)
	}
	f := Feed{Title: strings.TrimSpace(parsed.Title), Link: absoluteURL(parsed.Link, feedURL)}
	for _, pi := range parsed.Items {
		if pi == nil {
			continue
		}
		it := Item{GUID: strings.TrimSpace(pi.GUID), Title: strings.TrimSpace(htmlText(pi.Title))}
		it.Link = absoluteURL(pi.Link, feedURL)
		if it.Link == "" {
			for _, l := range pi.Links {
				if it.Link = absoluteURL(l, feedURL); it.Link != "" {
					break
				}
			}
		}
		if it.Link == "" && (strings.HasPrefix(it.GUID, "http://") || strings.HasPrefix(it.GUID, "https://")) {
			it.Link = absoluteURL(it.GUID, feedURL)
		}
		if pi.PublishedParsed != nil {
			it.Published = pi.PublishedParsed.UTC()
		}
		if pi.UpdatedParsed != nil {
			it.Updated = pi.UpdatedParsed.UTC()
		}
		if it.Published.IsZero() {
			it.Published = it.Updated
		}
		var authors []string
		for _, a := range pi.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				authors = append(authors, strings.TrimSpace(a.Name))
			}
		}
		it.Author = strings.Join(authors, ", ")
		if content := htmlText(pi.Content); utf8.RuneCountInString(content) >= FullTextRunes {
			it.FullText = content
		}
		it.Summary = htmlText(pi.Description)
		if it.FullText == "" && utf8.RuneCountInString(it.Summary) >= FullTextRunes && it.Link == "" {
			it.FullText = it.Summary // no page to read: the description is all there is
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

// htmlText renders HTML (or plain text, which it leaves as it is) as text, paragraphs separated
// by blank lines.
func htmlText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !strings.ContainsAny(s, "<&") {
		return cleanText(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return cleanText(s)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return cleanText(render.InnerText(root))
}
