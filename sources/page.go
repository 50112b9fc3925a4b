package sources

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
)

// ErrNoArticle reports a page in which no article text was found (a home page, a login wall,
// a page built by scripts).
var ErrNoArticle = errors.New("no article text found on the page")

// minArticleRunes is the least text a page must yield to be an article: less is a page of
// links, a login wall or a page built by scripts.
const minArticleRunes = 80

// Page is an article read from an HTML page.
type Page struct {
	URL       string // canonical URL: from the metadata, else the address it was read from
	Title     string
	Byline    string
	Outlet    string // the site's name, else its host
	Published time.Time
	Language  string
	Text      string // the main text, paragraphs separated by blank lines
	Encoding  string // the character set the page was decoded from
}

// ReadPage reads an HTML page: body as received, contentType the Content-Type header ("" for
// a file: the page's <meta charset> or its bytes decide), pageURL where it was read from (nil
// for a local file). The main text is what the readability library keeps; navigation, ads,
// comments and other boilerplate are dropped. The metadata is trusted in this order: Open
// Graph, JSON-LD (a NewsArticle or other Article), <time datetime>, then <meta name> and what
// readability finds.
func ReadPage(body []byte, contentType string, pageURL *url.URL) (Page, error) {
	enc, encName, _ := charset.DetermineEncoding(body, contentType)
	if encName != "utf-8" {
		decoded, _, err := transform.Bytes(enc.NewDecoder(), body)
		if err != nil {
			return Page{}, fmt.Errorf("decoding %s: %w", encName, err)
		}
		body = decoded
	} else if !utf8.Valid(body) {
		body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return Page{}, fmt.Errorf("not HTML: %w", err)
	}
	meta := pageMetadata(doc)
	parser := readability.NewParser()
	parser.MaxElemsToParse = 200_000
	art, err := parser.ParseAndMutate(doc, pageURL) // the metadata is read: doc may change
	if err != nil {
		return Page{}, err
	}
	if art.Node == nil {
		return Page{}, ErrNoArticle
	}
	text := cleanText(render.InnerText(art.Node))
	if utf8.RuneCountInString(text) < minArticleRunes {
		return Page{}, ErrNoArticle
	}
	p := Page{Text: text, Encoding: encName, Language: art.Language()}
	p.Title = first(meta.og["og:title"], meta.ld.headline, meta.names["twitter:title"], meta.names["dc.title"], art.Title(), meta.title)
	p.Byline = first(notURL(meta.og["article:author"]), meta.ld.author, meta.names["author"], meta.names["byl"], art.Byline())
	p.Outlet = first(meta.og["og:site_name"], meta.ld.publisher, meta.names["application-name"], art.SiteName())
	for _, s := range []string{meta.og["article:published_time"], meta.ld.published, meta.time,
		meta.names["article:published_time"], meta.names["date"], meta.names["pubdate"], meta.names["publishdate"],
		meta.names["dc.date"], meta.names["dc.date.issued"], meta.names["dcterms.created"], meta.names["parsely-pub-date"]} {
		if t, ok := parseTime(s); ok {
			p.Published = t
			break
		}
	}
	if p.Published.IsZero() {
		if t, err := art.PublishedTime(); err == nil {
			p.Published = t.UTC()
		}
	}
	for _, s := range []string{meta.og["og:url"], meta.ld.url, meta.canonical} {
		if u := absoluteURL(s, pageURL); u != "" {
			p.URL = u
			break
		}
	}
	if p.URL == "" && pageURL != nil {
		p.URL = pageURL.String()
	}
	if p.Outlet == "" && pageURL != nil {
		p.Outlet = strings.TrimPrefix(pageURL.Hostname(), "www.")
	}
	return p, nil
}

// Document is the page as a loader.Document: its id is the canonical URL when there is one, so
// that a page read again, changed or not, is the same article; else a hash of its text.
func (p Page) Document() loader.Document {
	id := p.URL
	if id == "" {
		id = graph.ContentID(p.Text)
	}
	return loader.Document{ID: id, URL: p.URL, Title: p.Title, Source: p.Outlet, Published: p.Published, Text: p.Text}
}

// cleanText trims each line and keeps at most one blank line between paragraphs.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	var b strings.Builder
	blank := false
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
			if blank {
				b.WriteString("\n")
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// metadata is what a page says of itself.
type metadata struct {
	og        map[string]string // Open Graph and article:* properties
	names     map[string]string // <meta name>, lower case
	ld        ldArticle
	time      string // the first <time datetime> in an <article>, else in the page
	canonical string // <link rel=canonical>
	title     string // <title>
}

// ldArticle is what a JSON-LD Article says.
type ldArticle struct {
	headline, published, author, publisher, url string
}

func pageMetadata(doc *html.Node) metadata {
	m := metadata{og: map[string]string{}, names: map[string]string{}}
	var articleTime, anyTime string
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				content := strings.TrimSpace(attr(n, "content"))
				if p := strings.ToLower(attr(n, "property")); p != "" && content != "" {
					if _, seen := m.og[p]; !seen {
						m.og[p] = content
					}
				}
				if name := strings.ToLower(attr(n, "name")); name != "" && content != "" {
					if _, seen := m.names[name]; !seen {
						m.names[name] = content
					}
				}
				if ip := strings.ToLower(attr(n, "itemprop")); ip == "datepublished" && content != "" && anyTime == "" {
					anyTime = content
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = attr(n, "href")
				}
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = strings.TrimSpace(n.FirstChild.Data)
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil && m.ld == (ldArticle{}) {
					m.ld = readJSONLD(n.FirstChild.Data)
				}
			case atom.Article:
				inArticle = true
			case atom.Time:
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					if inArticle && articleTime == "" {
						articleTime = dt
					}
					if anyTime == "" {
						anyTime = dt
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(doc, false)
	m.time = first(articleTime, anyTime)
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// readJSONLD finds the first Article (NewsArticle, ReportageNewsArticle, BlogPosting...) in a
// JSON-LD script: an object, an array of them, or a @graph.
func readJSONLD(src string) ldArticle {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return ldArticle{}
	}
	var found ldArticle
	var visit func(v any) bool
	visit = func(v any) bool {
		switch t := v.(type) {
		case []any:
			for _, e := range t {
				if visit(e) {
					return true
				}
			}
		case map[string]any:
			if isArticleType(t["@type"]) {
				found = ldArticle{headline: ldString(t["headline"]), published: ldString(t["datePublished"]),
					author: ldNames(t["author"]), publisher: ldNames(t["publisher"]),
					url: first(ldString(t["url"]), ldID(t["mainEntityOfPage"]))}
				return true
			}
			if g, ok := t["@graph"]; ok {
				return visit(g)
			}
		}
		return false
	}
	visit(v)
	return found
}

func isArticleType(v any) bool {
	switch t := v.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || t == "BlogPosting" || t == "Report"
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case []any:
		if len(t) > 0 {
			return ldString(t[0])
		}
	}
	return ""
}

// ldNames reads a person or organisation, or a list of them, as names joined by commas.
func ldNames(v any) string {
	switch t := v.(type) {
	case string:
		return notURL(strings.TrimSpace(t))
	case map[string]any:
		return ldString(t["name"])
	case []any:
		var names []string
		for _, e := range t {
			if n := ldNames(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// ldID reads a reference given as a URL or as an object with an @id.
func ldID(v any) string {
	if m, ok := v.(map[string]any); ok {
		return ldString(m["@id"])
	}
	return ldString(v)
}

// notURL drops a value that is a link (Open Graph's article:author is often a profile URL).
func notURL(s string) string {
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return ""
	}
	return s
}

// absoluteURL resolves ref against base and keeps it if it is an http or https URL.
func absoluteURL(ref string, base *url.URL) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// parseTime reads a date as loader.ParsePublished does, in UTC.
func parseTime(s string) (time.Time, bool) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, false
	}
	t, err := loader.ParsePublished(s)
	if err != nil || t.IsZero() {
		return time.Time{}, false
	}
	return t.UTC(), true
}

func first(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
