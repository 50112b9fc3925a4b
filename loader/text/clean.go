package text

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open range [Start, End) of byte offsets into a text.
type Span struct{ Start, End int }

// Cut is a piece of page furniture that Clean drops, and the rule that dropped it.
type Cut struct {
	Span
	Rule string // the name of the rule in furnitureRules, or "video-caption"
}

// Clean finds the article in a text that still carries page furniture: captions, "Story
// continues below advertisement", "Sponsored content", "Read more: ..." links, photo credits,
// wire trailers, copyright lines and their kin (see furnitureRules). It works line by line:
// a line is furniture when the whole line, trimmed, matches a rule, so a sentence that merely
// mentions an advertisement is kept.
//
// Clean never rewrites the text. It returns the kept parts as spans of byte offsets into the
// text it was given, in order, not overlapping, each trimmed of surrounding white space; a span
// holds one or more consecutive kept lines and the blank lines between them. Claims therefore
// keep offsets into the original document: split sentences within each span (a span's end is
// always a sentence break) and measure offsets against the original text. Blank gives the same
// result as a text of equal byte length, for code that wants one string.
//
// Video captions get one rule of their own. "Click to play video: 'TITLE'" (or "WATCH |
// TITLE", "Video: TITLE") is dropped, but TITLE, the headline of the embedded report, is kept
// once as a line of text: as the line that repeats it right after the caption when there is
// one, or else as the part of the caption line between the quotes. Such headlines state news
// ("Ukraine urges Canada to donate rockets") that the article's readers see and gold sets
// count; they end without a full stop, so a sentence splitter should end a sentence at every
// line break.
func Clean(text string) []Span {
	kept, _ := clean(text)
	return kept
}

// Furniture returns what Clean drops from text, with the name of the rule that matched, for
// review and tests.
func Furniture(text string) []Cut {
	_, cuts := clean(text)
	return cuts
}

// Blank returns text with everything Clean drops replaced by spaces, byte for byte, and line
// ends kept: the result has the same length and the same byte offsets as text, and the kept
// words in their places. (Code point offsets differ where a dropped line held multi-byte
// characters, so count code points in the original text.)
func Blank(text string) string {
	kept := Clean(text)
	b := []byte(text)
	next := 0
	for _, s := range kept {
		blankRange(b, next, s.Start)
		next = s.End
	}
	blankRange(b, next, len(b))
	return string(b)
}

func blankRange(b []byte, from, to int) {
	for i := from; i < to; i++ {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
}

// furnitureRule drops a line that, trimmed, matches re in full and is at most maxLen bytes
// long (0: any length). The length bound keeps prefix rules ("Read more: ...") off paragraphs.
type furnitureRule struct {
	name   string
	re     *regexp.Regexp
	maxLen int
}

// rule compiles a case-insensitive pattern that must match a whole trimmed line.
func rule(name, pattern string, maxLen int) furnitureRule {
	return furnitureRule{name, regexp.MustCompile(`^(?i:` + pattern + `)$`), maxLen}
}

// furnitureRules is the list of page furniture, general patterns for what news sites put
// around an article's text. Extend it here; each rule has a name that Furniture reports.
var furnitureRules = []furnitureRule{
	// "Story continues below advertisement", "Article continues after this ad".
	rule("continues-below", `(?:the )?(?:story|article|text|content) continues (?:below|after)(?: (?:the|this))?(?: (?:advertisement|advert|ad|video|image|photo))?\.?`, 0),
	rule("continues-below", `continue reading(?: (?:below|the main story|the story|this article))?\.?`, 0),
	// Advertising and sponsorship labels on lines of their own.
	rule("advertisement", `(?:advertisement|advertising|advert|ad|ads|skip advertisement|advertisement[\s\-–—:|]+scroll to continue(?: with content)?|scroll to continue(?: with content)?|sponsored|sponsored content|sponsored links?|sponsored stories|paid content|paid post|promoted|promoted content|partner content|(?:presented|sponsored) by [^.,;!?]{1,60}|from our partners)[.:]?`, 0),
	// Links to other stories: "Read more: ...", "Related: ...", "RELATED VIDEO", "Trending now".
	rule("read-more", `(?:read more|read also|also read|more reading|see also|related|related (?:stories|story|articles|article|content|coverage|video|videos|links|topics|reading)|recommended(?: (?:for you|reading|stories|videos))?|trending(?: now| stories)?|most (?:read|popular|viewed)|top stories|more (?:stories|from [\w ]{1,40})|you (?:may|might) also (?:like|be interested in)|editor'?s picks|what to read next|don'?t miss|latest (?:news|stories|videos))(?:\s*[:|»>–—-].*)?`, 250),
	// Subscription and newsletter prompts.
	rule("subscribe", `(?:subscribe|become a subscriber)\b.*`, 200),
	rule("subscribe", `(?:sign up|get|join|receive)\b.*\b(?:newsletters?|inbox|e-?mail alerts|news alerts|breaking news alerts)\b.*`, 200),
	// Sharing and page tools.
	rule("share", `(?:share|share this|share (?:this|the) (?:article|story|page|post|video)|share (?:on|via) (?:facebook|twitter|x|linkedin|whatsapp|reddit|e-?mail|bluesky|threads)|tweet|e-?mail|print|comments?|copy link|link copied|save|save (?:article|story)|bookmark|listen(?: to (?:this|the) (?:article|story))?(?: \W? ?\d+ min(?:ute)?s?)?|facebook|twitter|linkedin|whatsapp|reddit|pinterest|flipboard)[.:]?`, 0),
	rule("share", `\d+ min(?:ute)?s? read`, 0),
	// Follow-us prompts.
	rule("follow", `follow (?:us|@\w+|(?:[\w.'-]+ ){0,6}on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky|tiktok|youtube|google news|whatsapp))\b.*`, 200),
	rule("click-here", `click here\b.*`, 200),
	// Photo and image credits: "Photo: Reuters", "Image credit: ...", "(AP Photo/Efrem Lukatsky)".
	rule("image-credit", `(?:image|images|photo|photos|photograph|picture|pictured|file photo|photo illustration|illustration|graphic|credit|credits|source|caption)(?: credits?)?\s*[:|].*`, 300),
	rule("image-credit", `\((?:[^()]*\b(?:photo|photograph|image|pictures?|file)\b[^()]*)\)`, 200),
	rule("image-credit", `(?:[^.!?]{0,100}[/|]\s*)?(?:getty images|afp via getty images|ap photo|reuters/[\w .'-]+|shutterstock|epa-efe|anadolu(?: agency)?(?: via getty images)?)`, 150),
	// Wire-service trailers: "(Reporting by ...; Editing by ...)", "— With files from ...".
	rule("wire-trailer", `\(\s*(?:additional |further )?(?:reporting|writing|editing|compiled|research) by\b.*\)\.?`, 400),
	rule("wire-trailer", `(?:additional )?(?:reporting|writing) by\b[^.]*;\s*(?:editing|writing) by\b.*`, 400),
	rule("wire-trailer", `[-—–]*\s*with (?:files|reporting|additional reporting) (?:from|by)\b.*`, 200),
	rule("wire-trailer", `(?:the )?(?:associated press|canadian press|reuters|afp|ap)(?: writers?| reporters?)? .{0,80}contributed(?: to)? (?:this|the) (?:report|story|article)\.?`, 250),
	// Copyright and rights lines.
	rule("copyright", `(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:19|20)\d{2}\b.*`, 300),
	rule("copyright", `(?:copyright|©|\(c\)).*\ball rights reserved\b.*`, 300),
	rule("copyright", `all rights reserved\.?`, 0),
	rule("copyright", `this (?:material|article|content|story) may not be (?:published|reproduced|republished|redistributed)\b.*`, 300),
	// Time stamps of the page rather than of events: "Posted February 6, 2024 3:15 pm".
	rule("timestamp", `(?:posted|updated|published|last updated|first published)\s*:?\s*(?:on\s+)?(?:\w+,? )?(?:\w+\.? \d{1,2},? \d{4}|\d{1,2} \w+\.? \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}).{0,60}`, 150),
}

// videoCaption matches a video caption line ("Click to play video: 'TITLE'", "WATCH | TITLE",
// "Video: TITLE") and captures its title, quotes and all. Without "click to play" the lead word
// must be followed by a colon, a bar or a spaced dash, so "Video-game makers ..." is no caption.
var videoCaption = regexp.MustCompile(`^(?i:(?:click|tap|press) (?:here )?to (?:play|watch|view)(?: the)? video\s*[:|–—-]?|(?:watch(?: the)? video|watch|video|listen)(?:\s*[:|]|\s+[–—-]))\s*(.*)$`)

// clean is Clean and Furniture: the kept spans and the cuts.
func clean(text string) (kept []Span, cuts []Cut) {
	lines := splitLines(text)
	drop := make([]string, len(lines))   // rule that drops the line, or ""
	partial := make([]*Span, len(lines)) // the part of a caption line that is kept
	for i, ln := range lines {
		t := strings.TrimSpace(text[ln.Start:ln.End])
		if t == "" {
			continue
		}
		if m := videoCaption.FindStringSubmatchIndex(t); m != nil {
			drop[i] = "video-caption"
			title := unquote(t[m[2]:m[3]])
			if j := nextNonBlank(text, lines, i+1); j >= 0 && sameWords(strings.TrimSpace(text[lines[j].Start:lines[j].End]), title) {
				continue // the next line repeats the title and is kept as it stands
			}
			if title != "" {
				off := ln.Start + strings.Index(text[ln.Start:ln.End], title)
				partial[i] = &Span{off, off + len(title)}
			}
			continue
		}
		for _, r := range furnitureRules {
			if (r.maxLen == 0 || len(t) <= r.maxLen) && r.re.MatchString(t) {
				drop[i] = r.name
				break
			}
		}
	}

	open := -1 // start of the span being built
	end := 0   // end of the last kept line
	closeSpan := func() {
		if open >= 0 {
			kept = append(kept, trimSpan(text, Span{open, end}))
			open = -1
		}
	}
	for i, ln := range lines {
		blank := strings.TrimSpace(text[ln.Start:ln.End]) == ""
		switch {
		case drop[i] != "" && partial[i] != nil:
			// A caption whose title is kept: cut what comes before and after the title.
			closeSpan()
			p := *partial[i]
			cuts = append(cuts, Cut{trimSpan(text, Span{ln.Start, p.Start}), drop[i]})
			kept = append(kept, p)
			if after := trimSpan(text, Span{p.End, ln.End}); after.Start < after.End {
				cuts = append(cuts, Cut{after, drop[i]})
			}
		case drop[i] != "":
			closeSpan()
			cuts = append(cuts, Cut{trimSpan(text, ln), drop[i]})
		case blank:
			// Blank lines join the span around them; trimSpan takes them off its ends.
		default:
			if open < 0 {
				open = ln.Start
			}
			end = ln.End
		}
	}
	closeSpan()
	return kept, cuts
}

// splitLines returns the lines of text as spans without their line ends.
func splitLines(text string) []Span {
	var out []Span
	for start := 0; start < len(text); {
		i := strings.IndexByte(text[start:], '\n')
		if i < 0 {
			out = append(out, Span{start, len(text)})
			break
		}
		end := start + i
		if end > start && text[end-1] == '\r' {
			end--
		}
		out = append(out, Span{start, end})
		start += i + 1
	}
	return out
}

func nextNonBlank(text string, lines []Span, from int) int {
	for j := from; j < len(lines); j++ {
		if strings.TrimSpace(text[lines[j].Start:lines[j].End]) != "" {
			return j
		}
	}
	return -1
}

// trimSpan narrows s to exclude white space at its ends.
func trimSpan(text string, s Span) Span {
	for s.Start < s.End {
		r, size := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !isSpace(r) {
			break
		}
		s.Start += size
	}
	for s.End > s.Start {
		r, size := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !isSpace(r) {
			break
		}
		s.End -= size
	}
	return s
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// quotePairs are the quotes a caption title may come in.
var quotePairs = [][2]string{{"'", "'"}, {`"`, `"`}, {"‘", "’"}, {"“", "”"}, {"«", "»"}}

// unquote removes one pair of enclosing quotes from s.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	for _, q := range quotePairs {
		if len(s) >= len(q[0])+len(q[1]) && strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			return strings.TrimSpace(s[len(q[0]) : len(s)-len(q[1])])
		}
	}
	return s
}

// sameWords reports whether a and b are the same words, ignoring case, punctuation and quotes.
func sameWords(a, b string) bool {
	return a != "" && b != "" && strings.Join(words(a), " ") == strings.Join(words(b), " ")
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7F && !isPunctOrSpace(r))
	})
}

func isPunctOrSpace(r rune) bool {
	return isSpace(r) || strings.ContainsRune("‘’“”«»–—…", r)
}
