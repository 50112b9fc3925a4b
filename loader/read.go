package loader

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/graph"
)

// The kinds of bad input the readers report, wrapped in an *InputError. Test for them with
// errors.Is.
var (
	ErrUnreadable  = errors.New("cannot read")                 // missing path, no permission, I/O error
	ErrBinary      = errors.New("binary file, not an article") // NUL bytes or mostly control characters
	ErrInvalidUTF8 = errors.New("invalid UTF-8")               // text that is not UTF-8
	ErrEmpty       = errors.New("empty article")               // no text to extract from
	ErrMalformed   = errors.New("malformed JSONL")             // a line that is not a JSON article
	ErrDate        = errors.New("unreadable published date")   // a date in none of the accepted layouts
	ErrTooLong     = errors.New("line too long")               // a JSONL line or a text file over MaxLineBytes
	ErrTooBig      = errors.New("article too long")            // an article's text over MaxArticleBytes
	ErrNotFile     = errors.New("not a regular file")          // a named pipe, device or socket named as a path
)

// InputError is bad input at a place in a file. Its message is "file:line: problem", or
// "file:line:column: problem" when the column (in bytes, from 1) is known, or "file: problem"
// for the file as a whole. Standard input is called "stdin".
type InputError struct {
	File   string // as given, "-" for standard input
	Line   int    // from 1; 0 for the whole file
	Column int    // byte column from 1; 0 if not known
	Err    error  // wraps one of the Err* kinds above
}

func (e *InputError) Error() string {
	name := e.File
	if name == "-" {
		name = "stdin"
	}
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %v", name, e.Line, e.Column, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", name, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", name, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// MaxLineBytes bounds what is read to find one article: a JSONL line, or a whole text file. A
// longer line is reported and skipped, and so is a longer text file, so that neither a file
// without newlines nor an endless stream on standard input can exhaust memory. It leaves room
// for a JSONL line whose text of MaxArticleBytes is escaped.
const MaxLineBytes = 8 << 20

// MaxArticleBytes bounds one article's text. Extraction adds about 80 bytes of live heap per
// byte of text (82 at 1 MiB with the extractor of 2026-11-29, 45 to 56 with the one before it:
// go test -run - -bench OneLargeArticle ./loader/bench/), so an article at the bound needs
// about 80 MiB and half a second on one core, where one of 50 MB would need gigabytes and
// minutes that no signal interrupts. Longer articles are reported (ErrTooBig) and skipped:
// split them into several.
const MaxArticleBytes = 1 << 20

// maxLineBytes is MaxLineBytes, lowered by tests.
var maxLineBytes = MaxLineBytes

// formats maps file extensions to the format they promise.
var formats = map[string]format{
	".txt": formatText, ".text": formatText,
	".jsonl": formatJSONL, ".ndjson": formatJSONL, ".jsonlines": formatJSONL,
}

// notArticles are the extensions and base names (upper case, before any extension) of the
// files a directory walk passes over: text that is certainly not an article (documentation,
// source code, configuration, tables, and markup, which package sources reads when a page or
// feed is named on its own). Binary files are not listed: they are read, and reported.
var notArticles = map[string]bool{
	".md": true, ".markdown": true, ".rst": true, ".adoc": true, ".org": true, ".tex": true,
	".go": true, ".py": true, ".js": true, ".mjs": true, ".ts": true, ".sh": true, ".bash": true,
	".c": true, ".h": true, ".cc": true, ".cpp": true, ".java": true, ".rb": true, ".pl": true,
	".rs": true, ".sql": true, ".graphqls": true, ".graphql": true,
	".yaml": true, ".yml": true, ".toml": true, ".ini": true, ".cfg": true, ".conf": true,
	".csv": true, ".tsv": true, ".html": true, ".htm": true, ".xml": true, ".css": true,
	".mod": true, ".sum": true, ".lock": true, ".log": true,
	"README": true, "LICENSE": true, "LICENCE": true, "COPYING": true, "NOTICE": true,
	"CHANGELOG": true, "AUTHORS": true, "CONTRIBUTING": true, "MAKEFILE": true, "DOCKERFILE": true,
}

// notAnArticle reports whether a directory walk passes over the file name.
func notAnArticle(name string) bool {
	ext := filepath.Ext(name)
	return notArticles[strings.ToLower(ext)] || notArticles[strings.ToUpper(strings.TrimSuffix(name, ext))]
}

type format int

const (
	formatSniff format = iota // decide from the content
	formatText
	formatJSONL
)

func formatOf(name string) format {
	return formats[strings.ToLower(filepath.Ext(name))] // formatSniff when not listed
}

// Documents reads articles from paths, one at a time, in order: it never holds more than one
// article (or one JSONL line) in memory.
//
// A path is a file, a directory, or "-" for stdin. A directory is walked recursively in lexical
// order. The walk reads every regular file except hidden ones (names starting with ".", and
// everything in hidden directories) and text that is certainly not an article: documentation
// (*.md, README, LICENSE, ...), source code (*.go, *.py, ...), configuration and tables
// (*.yaml, *.csv, ...) and markup (*.html, *.xml: dyad load reads pages and feeds named on
// their own through package sources); see notArticles. A file named on its own is always read. Anything else that is not an article, such as an image, is read
// and reported as bad input.
//
// Formats:
//   - JSONL (*.jsonl, *.ndjson, *.jsonlines, or any other file whose first non-blank byte is
//     "{"): one JSON object per line with the fields id, url (or link, or source_url), title,
//     published (or date), source (or outlet, or publisher) and text. Only text is required;
//     other fields are ignored, and named once per file in Document.Ignored. A missing id becomes graph.ContentID(text); published takes
//     RFC 3339, a date ("2024-02-06"), RFC 1123 and a few more layouts (see ParsePublished), or
//     a number of Unix seconds. Blank lines are skipped.
//   - Plain text (anything else): the first non-blank line is the title and the rest, trimmed,
//     is the text. The id is graph.ContentID(text).
//
// Text files have a UTF-8 byte order mark removed and CRLF line ends turned into LF; JSONL text
// is kept exactly as given. Each Document records its File and the Line it starts on (a JSONL
// line, or a text file's title line).
//
// Bad input yields an *InputError naming the file and line, and reading goes on with the next
// article or file: an unreadable file or path (ErrUnreadable), a binary file (ErrBinary),
// invalid UTF-8 (ErrInvalidUTF8, with the byte column), an article without text (ErrEmpty), a
// line that is not a JSON article (ErrMalformed), a published date that cannot be read (ErrDate),
// an overlong line or text file (ErrTooLong), an article of more than MaxArticleBytes of text
// (ErrTooBig) and a path that is not a regular file or directory (ErrNotFile: a named pipe or
// a device, which could block or never end). A NUL byte anywhere makes a file binary; a JSONL
// file is read up to its first binary line. Invisible format characters (zero-width spaces,
// bidi marks) at a sentence boundary become spaces, so that they do not join two sentences. When ctx is done, the sequence yields ctx.Err()
// and ends. When err is not nil the Document is empty.
func Documents(ctx context.Context, stdin io.Reader, paths ...string) iter.Seq2[Document, error] {
	return func(yield func(Document, error) bool) {
		r := reader{ctx: ctx, yield: yield}
		for _, p := range paths {
			if !r.path(p, stdin) {
				return
			}
		}
	}
}

// Read reads the articles of one stream, as Documents reads a file: name is used in errors and
// Document.File, and its extension chooses the format (none: decide from the content).
func Read(ctx context.Context, name string, r io.Reader) iter.Seq2[Document, error] {
	return func(yield func(Document, error) bool) {
		rd := reader{ctx: ctx, yield: yield}
		rd.stream(name, r, formatOf(name))
	}
}

// reader carries one iteration. Its methods return false once the consumer has stopped or the
// context is done, and the iteration must end.
type reader struct {
	ctx   context.Context
	yield func(Document, error) bool
}

func (r *reader) fail(file string, line, col int, err error) bool {
	return r.yield(Document{}, &InputError{File: file, Line: line, Column: col, Err: err})
}

func (r *reader) alive() bool {
	if err := r.ctx.Err(); err != nil {
		r.yield(Document{}, err)
		return false
	}
	return true
}

func (r *reader) path(p string, stdin io.Reader) bool {
	if !r.alive() {
		return false
	}
	if p == "-" {
		if stdin == nil {
			return r.fail(p, 0, 0, fmt.Errorf("%w: no standard input", ErrUnreadable))
		}
		return r.stream(p, stdin, formatSniff)
	}
	info, err := os.Stat(p)
	if err != nil {
		return r.fail(p, 0, 0, unreadable(err))
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		// Opening a named pipe without a writer would block for ever, and a device may never end.
		return r.fail(p, 0, 0, fmt.Errorf("%w (%s); give files, directories, or - for standard input", ErrNotFile, fileKind(info.Mode())))
	}
	if info.IsDir() {
		if link, err := os.Lstat(p); err == nil && link.Mode()&fs.ModeSymlink != 0 {
			// A link to a directory, named on its own: WalkDir does not follow a root that is a
			// link and would visit nothing, but "link/" names the directory it points to.
			return r.dir(p + string(filepath.Separator))
		}
		return r.dir(p)
	}
	return r.file(p, formatOf(p))
}

// fileKind names the kind of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}

// errStop ends a directory walk early.
var errStop = errors.New("stop")

func (r *reader) dir(root string) bool {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// An unreadable directory (or entry): report it and go on with the rest.
			if !r.fail(p, 0, 0, unreadable(err)) {
				return errStop
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if notAnArticle(d.Name()) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Follow links to files; links to directories are not walked (no cycles).
			info, err := os.Stat(p)
			if err != nil {
				if !r.fail(p, 0, 0, unreadable(err)) {
					return errStop
				}
				return nil
			}
			if !info.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil // sockets, devices, pipes
		}
		if !r.file(p, formatOf(p)) {
			return errStop
		}
		return nil
	})
	return err == nil
}

func (r *reader) file(p string, f format) bool {
	if !r.alive() {
		return false
	}
	fh, err := os.Open(p)
	if err != nil {
		return r.fail(p, 0, 0, unreadable(err))
	}
	defer fh.Close()
	return r.stream(p, fh, f)
}

// unreadable turns an os error into ErrUnreadable without repeating the path.
func unreadable(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%w: %v", ErrUnreadable, err)
}

// sniffBytes is how much of a file decides whether it is binary and which format it is in.
const sniffBytes = 8 << 10

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func (r *reader) stream(name string, in io.Reader, f format) bool {
	// Read the head by hand rather than with Peek, so that a read error after some bytes
	// surfaces again at the line where it happens.
	head := make([]byte, sniffBytes)
	n, err := io.ReadFull(in, head)
	head = head[:n]
	rest := in
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		rest = eofReader{}
	case err != nil && n == 0:
		return r.fail(name, 0, 0, unreadable(err))
	case err != nil:
		rest = errReader{err}
	}
	if why := binaryReason(head); why != "" {
		return r.fail(name, 1, 0, fmt.Errorf("%w (%s)", ErrBinary, why)) // detected from its start
	}
	head = bytes.TrimPrefix(head, utf8BOM)
	br := bufio.NewReaderSize(io.MultiReader(bytes.NewReader(head), rest), 64<<10)
	if f == formatSniff {
		f = formatText
		t := bytes.TrimLeft(head, " \t\r\n")
		switch {
		case len(t) > 0 && t[0] == '{':
			f = formatJSONL
		case len(t) > 0 && t[0] == '[' && bytes.HasPrefix(bytes.TrimLeft(t[1:], " \t\r\n"), []byte("{")):
			return r.fail(name, 0, 0, fmt.Errorf("%w: a JSON array; write one article object per line (JSONL)", ErrMalformed))
		}
	}
	if f == formatJSONL {
		return r.jsonl(name, br)
	}
	return r.text(name, br)
}

// errReader fails with err; eofReader is at its end.
type (
	errReader struct{ err error }
	eofReader struct{}
)

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
func (eofReader) Read([]byte) (int, error)   { return 0, io.EOF }

// binaryReason says why the first bytes of a file show it is not text, or "" if they do not.
// UTF-16 is named as such, since it is text a user can convert.
func binaryReason(head []byte) string {
	if len(head) == 0 {
		return ""
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return "UTF-16 text; convert it to UTF-8"
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "contains NUL bytes"
	}
	control := 0
	for _, b := range head {
		if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' && b != 0x1B) || b == 0x7F {
			control++
		}
	}
	if control*10 > len(head) {
		return "mostly control characters"
	}
	return ""
}

// text reads a whole file as one article: the first non-blank line is the title.
func (r *reader) text(name string, br *bufio.Reader) bool {
	data, err := io.ReadAll(io.LimitReader(br, int64(maxLineBytes)+1))
	if err != nil {
		return r.fail(name, 0, 0, unreadable(err))
	}
	if len(data) > maxLineBytes {
		return r.fail(name, 0, 0, fmt.Errorf("%w: a text article over %d bytes", ErrTooLong, maxLineBytes))
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := position(data, i)
		return r.fail(name, line, col, fmt.Errorf("%w (contains NUL bytes)", ErrBinary))
	}
	if line, col, ok := invalidUTF8(data); ok {
		return r.fail(name, line, col, invalidUTF8Err(data, line, col))
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	titleLine := 0
	title, body := "", ""
	for n, rest := 1, s; rest != ""; n++ {
		line, after, _ := strings.Cut(rest, "\n")
		if t := strings.TrimSpace(line); t != "" {
			title, body, titleLine = t, strings.TrimSpace(after), n
			break
		}
		rest = after
	}
	switch {
	case titleLine == 0:
		return r.fail(name, 0, 0, fmt.Errorf("%w: the file has no text", ErrEmpty))
	case body == "":
		return r.fail(name, titleLine, 0, fmt.Errorf("%w: a title line but no text after it", ErrEmpty))
	case len(body) > MaxArticleBytes:
		return r.fail(name, titleLine, 0, tooBig(len(body)))
	}
	body = spaceFormatBreaks(body)
	return r.yield(Document{ID: graph.ContentID(body), Title: title, Text: body, File: name, Line: titleLine}, nil)
}

// jsonArticle is one JSONL line as written. The URL, the outlet and the date each have the
// names used by common exports (see JSONLFields); the first one given wins.
type jsonArticle struct {
	ID        json.RawMessage `json:"id"`
	URL       string          `json:"url"`
	Link      string          `json:"link"`
	SourceURL string          `json:"source_url"`
	Title     string          `json:"title"`
	Published json.RawMessage `json:"published"`
	Date      json.RawMessage `json:"date"`
	Source    string          `json:"source"`
	Outlet    string          `json:"outlet"`
	Publisher string          `json:"publisher"`
	Text      *string         `json:"text"`
}

// JSONLFields are the fields of a JSONL article that dyad reads; the others are ignored (and
// named once per file, see Document.Ignored). Names joined by "/" are aliases, the first one
// given wins.
var JSONLFields = []string{"id", "url/link/source_url", "title", "published/date", "source/outlet/publisher", "text"}

// knownJSONLFields are JSONLFields, one name each.
var knownJSONLFields = map[string]bool{}

func init() {
	for _, f := range JSONLFields {
		for name := range strings.SplitSeq(f, "/") {
			knownJSONLFields[name] = true
		}
	}
}

// ignoredFields names, sorted and joined by ", ", the fields of a JSON object that dyad does
// not read.
func ignoredFields(line []byte) string {
	var fields map[string]json.RawMessage
	if json.Unmarshal(line, &fields) != nil {
		return ""
	}
	var out []string
	for name := range fields {
		if !knownJSONLFields[name] {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}

// firstText is the first of values that is not blank, trimmed.
func firstText(values ...string) string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func (r *reader) jsonl(name string, br *bufio.Reader) bool {
	var line []byte
	noted := false // the fields the file's lines carry and dyad ignores have been named
	for n := 1; ; n++ {
		if n%256 == 0 && !r.alive() {
			return false
		}
		var tooLong bool
		var err error
		line, tooLong, err = readLine(br, line[:0])
		if err != nil && err != io.EOF {
			return r.fail(name, n, 0, unreadable(err))
		}
		if i := bytes.IndexByte(line, 0); i >= 0 && !tooLong {
			// A binary part: report it once, and read no further in this file.
			r.fail(name, n, i+1, fmt.Errorf("%w (contains NUL bytes); the rest of the file is skipped", ErrBinary))
			return r.alive()
		}
		if tooLong {
			if !r.fail(name, n, 0, fmt.Errorf("%w: over %d bytes", ErrTooLong, maxLineBytes)) {
				return false
			}
		} else if len(bytes.TrimSpace(line)) > 0 {
			doc, lerr := parseJSONLine(line)
			if lerr != nil {
				lerr.File, lerr.Line = name, n
				if !r.yield(Document{}, lerr) {
					return false
				}
			} else {
				doc.File, doc.Line = name, n
				if !noted {
					doc.Ignored = ignoredFields(line)
					noted = len(doc.Ignored) > 0
				}
				if !r.yield(doc, nil) {
					return false
				}
			}
		}
		if err == io.EOF {
			return true
		}
	}
}

// readLine appends the next line (without its newline) to buf. Past MaxLineBytes it stops
// keeping bytes, reads on to the end of the line and reports tooLong.
func readLine(br *bufio.Reader, buf []byte) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > maxLineBytes+1 {
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		return buf, tooLong, err
	}
}

// parseJSONLine decodes one JSONL article; the error's File and Line are for the caller to set.
func parseJSONLine(line []byte) (Document, *InputError) {
	if _, col, ok := invalidUTF8(line); ok {
		return Document{}, &InputError{Column: col, Err: invalidUTF8Err(line, 1, col)}
	}
	var a jsonArticle
	if err := json.Unmarshal(line, &a); err != nil {
		return Document{}, jsonError(line, err)
	}
	if a.Text == nil {
		return Document{}, &InputError{Err: fmt.Errorf("%w: no \"text\" field", ErrMalformed)}
	}
	if strings.TrimSpace(*a.Text) == "" {
		return Document{}, &InputError{Err: fmt.Errorf("%w: \"text\" is empty", ErrEmpty)}
	}
	if len(*a.Text) > MaxArticleBytes {
		return Document{}, &InputError{Err: tooBig(len(*a.Text))}
	}
	id, err := idOf(a.ID)
	if err != nil {
		return Document{}, &InputError{Err: err}
	}
	if id == "" {
		id = graph.ContentID(*a.Text)
	}
	date := a.Published
	if len(bytes.TrimSpace(date)) == 0 || string(bytes.TrimSpace(date)) == "null" {
		date = a.Date
	}
	published, err := publishedOf(date)
	if err != nil {
		return Document{}, &InputError{Err: err}
	}
	return Document{ID: id, URL: firstText(a.URL, a.Link, a.SourceURL), Title: strings.TrimSpace(a.Title),
		Source: firstText(a.Source, a.Outlet, a.Publisher), Published: published, Text: spaceFormatBreaks(*a.Text)}, nil
}

// jsonError describes a JSON decoding error, with the column of a syntax error.
func jsonError(line []byte, err error) *InputError {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		col := int(syntax.Offset)
		if col < 1 {
			col = 1
		}
		if col > len(line) {
			// The object is cut short: point at the end of the line.
			col = len(line)
		}
		return &InputError{Column: col, Err: fmt.Errorf("%w: %v", ErrMalformed, err)}
	case errors.As(err, &typ) && typ.Field == "":
		return &InputError{Err: fmt.Errorf("%w: want a JSON object, found %s", ErrMalformed, typ.Value)}
	case errors.As(err, &typ):
		return &InputError{Err: fmt.Errorf("%w: field %q: want a %s, found %s", ErrMalformed, typ.Field, typ.Type, typ.Value)}
	}
	return &InputError{Err: fmt.Errorf("%w: %v", ErrMalformed, err)}
}

// idOf reads an id given as a string or a number; null or missing gives "".
func idOf(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("%w: id: %v", ErrMalformed, err)
		}
		return strings.TrimSpace(s), nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(raw), nil
	}
	return "", fmt.Errorf("%w: id: want a string or a number, found %s", ErrMalformed, raw)
}

// publishedOf reads a published time given as text (see ParsePublished), or as a number of
// Unix seconds (or milliseconds, for numbers from 1e11 on).
func publishedOf(raw json.RawMessage) (time.Time, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return time.Time{}, nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return time.Time{}, fmt.Errorf("%w: published: %v", ErrMalformed, err)
		}
		return ParsePublished(s)
	}
	secs, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || secs < 0 || secs > 1e15 {
		return time.Time{}, fmt.Errorf("%w %s: want a date string, Unix seconds or milliseconds", ErrDate, raw)
	}
	if secs >= 1e11 { // past the year 5138 in seconds: milliseconds
		secs /= 1000
	}
	whole := int64(secs)
	return time.Unix(whole, int64((secs-float64(whole))*1e9)).UTC(), nil
}

// publishedLayouts are the layouts ParsePublished accepts, tried in order.
var publishedLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700", // RSS, with a one-digit day
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	time.UnixDate,
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"Monday, January 2, 2006",
}

// ParsePublished reads a publication time in one of the common layouts: RFC 3339 (with or
// without fractional seconds or a zone), a date ("2024-02-06", "2024/02/06", "February 6,
// 2024", "Feb 6, 2024", "6 February 2024"), "2024-02-06 15:04:05", and the RFC 1123, RFC 822,
// RFC 850, ANSI C and Unix date forms used by feeds. Times without a zone are taken as UTC.
// An empty string is the zero time.
func ParsePublished(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range publishedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w %q: use RFC 3339 (2024-02-06T15:04:05Z) or a date (2024-02-06)", ErrDate, s)
}

// invalidUTF8 finds the first invalid UTF-8 byte in data: its line and byte column, from 1.
func invalidUTF8(data []byte) (line, col int, found bool) {
	if utf8.Valid(data) {
		return 0, 0, false
	}
	line, start := 1, 0
	for i := 0; i < len(data); {
		c := data[i]
		if c == '\n' {
			line, start = line+1, i+1
			i++
			continue
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return line, i - start + 1, true
		}
		i += size
	}
	return 0, 0, false
}

// invalidUTF8Err names the offending byte at (line, col) of data.
func invalidUTF8Err(data []byte, line, col int) error {
	off := 0
	for l := 1; l < line; l++ {
		off += bytes.IndexByte(data[off:], '\n') + 1
	}
	return fmt.Errorf("%w: byte 0x%02X (is the file in another encoding, such as Latin-1 or Windows-1252?)", ErrInvalidUTF8, data[off+col-1])
}

// tooBig describes an article over MaxArticleBytes.
func tooBig(n int) error {
	return fmt.Errorf("%w: %d bytes of text, over the limit of %d (extraction needs about 80 bytes of memory per byte); split it into several articles",
		ErrTooBig, n, MaxArticleBytes)
}

// position is the line and byte column, from 1, of data[i].
func position(data []byte, i int) (line, col int) {
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	return bytes.Count(data[:i], []byte{'\n'}) + 1, i - start + 1
}

// spaceFormatBreaks turns invisible format characters (Unicode category Cf: zero-width space,
// bidi marks and embeddings, word joiner, byte order mark...) that stand at a sentence or word
// boundary into spaces, so that "Kyiv.\u200bNATO" reads as two sentences, as a reader sees it.
// Between letters they stay (a soft hyphen, a zero-width joiner in a Persian word, an emoji
// sequence). Each character becomes one space, so offsets in code points are unchanged.
func spaceFormatBreaks(text string) string {
	if !strings.ContainsFunc(text, isFormat) {
		return text
	}
	runes := []rune(text)
	changed := false
	for i := 0; i < len(runes); {
		if !isFormat(runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(runes) && isFormat(runes[j]) {
			j++
		}
		var before, after rune = ' ', ' '
		if i > 0 {
			before = runes[i-1]
		}
		if j < len(runes) {
			after = runes[j]
		}
		if boundaryBefore(before) || unicode.IsSpace(after) || unicode.IsPunct(after) {
			for k := i; k < j; k++ {
				runes[k] = ' '
			}
			changed = true
		}
		i = j
	}
	if !changed {
		return text
	}
	return string(runes)
}

func isFormat(r rune) bool { return unicode.Is(unicode.Cf, r) }

// boundaryBefore reports whether a format character after r stands at a boundary: after white
// space, or after punctuation that ends a sentence or a clause.
func boundaryBefore(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '-' && r != '\'' && r != '’'
}
