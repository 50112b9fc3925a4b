package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// keptText joins the kept spans of text with " | " for comparison.
func keptText(text string, spans []Span) string {
	var parts []string
	for _, s := range spans {
		parts = append(parts, text[s.Start:s.End])
	}
	return strings.Join(parts, " | ")
}

// checkSpans checks the invariants of Clean and Furniture on text: spans in bounds, in order,
// not overlapping, trimmed, on rune boundaries; kept and cut together cover every non-space
// byte; and Blank keeps length and offsets.
func checkSpans(t *testing.T, text string) {
	t.Helper()
	kept, cuts := clean(text)
	covered := make([]bool, len(text))
	mark := func(what string, s Span) {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			t.Fatalf("%s span %v out of bounds of %d bytes", what, s, len(text))
		}
		if !utf8.RuneStart(text[min(s.Start, len(text)-1)]) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
			t.Errorf("%s span %v splits a character", what, s)
		}
		if piece := text[s.Start:s.End]; piece != strings.TrimSpace(piece) {
			t.Errorf("%s span %v is not trimmed: %q", what, s, piece)
		}
		for i := s.Start; i < s.End; i++ {
			if covered[i] {
				t.Errorf("%s span %v overlaps another at byte %d", what, s, i)
				return
			}
			covered[i] = true
		}
	}
	last := -1
	for _, s := range kept {
		if s.Start < last {
			t.Errorf("kept span %v comes before the end of the previous one (%d)", s, last)
		}
		last = s.End
		mark("kept", s)
	}
	for _, c := range cuts {
		mark("cut "+c.Rule, c.Span)
	}
	for i, r := range text {
		if !covered[i] && !isSpace(r) {
			t.Errorf("byte %d (%q) is neither kept nor cut", i, r)
			break
		}
	}
	blank := Blank(text)
	if len(blank) != len(text) {
		t.Fatalf("Blank changed the length from %d to %d", len(text), len(blank))
	}
	for _, s := range kept {
		if blank[s.Start:s.End] != text[s.Start:s.End] {
			t.Errorf("Blank changed kept text at %v", s)
		}
	}
	if strings.Count(blank, "\n") != strings.Count(text, "\n") {
		t.Errorf("Blank changed the line ends")
	}
}

func TestCleanArticle(t *testing.T) {
	text := strings.Join([]string{
		"Click to play video: 'Ministers meet in Oslo as Norway backs Ukraine'",
		"Ministers meet in Oslo as Norway backs Ukraine",
		"Norway pledged support for Ukraine on Monday.",
		"",
		"Story continues below advertisement",
		"",
		"The advertisement campaign was paid for by the ministry.",
		"Related: Sweden joins the alliance",
		"Related talks will resume on Friday in Geneva.",
		"Photo: Reuters/Jane Doe",
		"  Advertisement  ",
		"Subscribers in Russia lost access to the site.",
		"Click to play video: '‘We will not back down’: Finland warns Moscow'",
		"",
		"Finland said it would answer any provocation.",
		"WATCH | Estonia expels a Russian diplomat",
		"Reporting by Reuters showed that Russia attacked Ukraine.",
		"(Reporting by Jane Doe in Oslo; Editing by John Roe)",
		"Copyright disputes between the two countries escalated in 2023.",
		"© 2024 Example News Ltd. All rights reserved.",
		"— With files from the Example Press",
		"Sponsored content",
	}, "\n")
	checkSpans(t, text)
	want := "Ministers meet in Oslo as Norway backs Ukraine\nNorway pledged support for Ukraine on Monday." +
		" | The advertisement campaign was paid for by the ministry." +
		" | Related talks will resume on Friday in Geneva." +
		" | Subscribers in Russia lost access to the site." +
		" | ‘We will not back down’: Finland warns Moscow" +
		" | Finland said it would answer any provocation." +
		" | Estonia expels a Russian diplomat" +
		" | Reporting by Reuters showed that Russia attacked Ukraine." +
		" | Copyright disputes between the two countries escalated in 2023."
	if got := keptText(text, Clean(text)); got != want {
		t.Errorf("kept:\n%s\nwant:\n%s", strings.ReplaceAll(got, " | ", "\n| "), strings.ReplaceAll(want, " | ", "\n| "))
	}
	var rules []string
	for _, c := range Furniture(text) {
		rules = append(rules, c.Rule+": "+text[c.Start:c.End])
	}
	wantRules := []string{
		"video-caption: Click to play video: 'Ministers meet in Oslo as Norway backs Ukraine'",
		"continues-below: Story continues below advertisement",
		"read-more: Related: Sweden joins the alliance",
		"image-credit: Photo: Reuters/Jane Doe",
		"advertisement: Advertisement",
		"video-caption: Click to play video: '",
		"video-caption: '",
		"video-caption: WATCH |",
		"wire-trailer: (Reporting by Jane Doe in Oslo; Editing by John Roe)",
		"copyright: © 2024 Example News Ltd. All rights reserved.",
		"wire-trailer: — With files from the Example Press",
		"advertisement: Sponsored content",
	}
	if strings.Join(rules, "\n") != strings.Join(wantRules, "\n") {
		t.Errorf("cuts:\n%s\nwant:\n%s", strings.Join(rules, "\n"), strings.Join(wantRules, "\n"))
	}
}

func TestCleanLines(t *testing.T) {
	furniture := map[string]string{
		"Story continues below advertisement":                       "continues-below",
		"ARTICLE CONTINUES AFTER THIS AD":                           "continues-below",
		"Continue reading the main story":                           "continues-below",
		"ADVERTISEMENT":                                             "advertisement",
		"Advertisement - Scroll to continue":                        "advertisement",
		"Sponsored by Example Bank":                                 "advertisement",
		"Paid Content":                                              "advertisement",
		"READ MORE: Kremlin rejects the proposal":                   "read-more",
		"Read more » Kremlin rejects the proposal":                  "read-more",
		"Also read | Ceasefire talks stall":                         "read-more",
		"Trending Now":                                              "read-more",
		"You may also like":                                         "read-more",
		"Subscribe to our daily newsletter":                         "subscribe",
		"Sign up for breaking news alerts delivered to your inbox.": "subscribe",
		"Get daily National news delivered to your inbox":           "subscribe",
		"Share this article":                                        "share",
		"Share on Facebook":                                         "share",
		"Listen to this article · 4 min":                            "share",
		"5 min read":                                                "share",
		"Follow us on Twitter":                                      "follow",
		"Click here to read the full report":                        "click-here",
		"Image: Getty Images":                                       "image-credit",
		"Photo credit: Jane Doe":                                    "image-credit",
		"(AP Photo/Jane Doe)":                                       "image-credit",
		"Jane Doe / Getty Images":                                   "image-credit",
		"(Writing by Jane Doe; Editing by John Roe)":                "wire-trailer",
		"Reporting by Jane Doe; Editing by John Roe":                "wire-trailer",
		"The Associated Press contributed to this report.":          "wire-trailer",
		"Copyright 2024 The Associated Press.":                      "copyright",
		"Copyright © 2023 Example Media":                            "copyright",
		"All rights reserved":                                       "copyright",
		"This material may not be published, broadcast, rewritten.": "copyright",
		"Posted February 6, 2024 3:15 pm":                           "timestamp",
		"Updated: 2024-02-06 15:04":                                 "timestamp",
		"Click to play video":                                       "video-caption",
	}
	for line, rule := range furniture {
		cuts := Furniture("Title line.\n" + line + "\nLast line.")
		if len(cuts) != 1 || cuts[0].Rule != rule {
			t.Errorf("%q: cuts %v, want one by rule %s", line, cuts, rule)
		}
	}
	content := []string{
		"Sponsored by Qatar, the talks began on Monday.",
		"Share prices fell in Moscow after the sanctions.",
		"Subscribers to the treaty include Canada and Norway.",
		"Follow-up talks are planned for March.",
		"Video-game makers in Poland donated to Ukraine.",
		"Video footage showed Russian troops crossing the border.",
		"Photographs of the meeting were released by Kyiv.",
		"Copyright disputes between China and the U.S. escalated.",
		"Advertisements for the rally appeared across Belgrade.",
		"Reporting by state media suggested Russia attacked Ukraine.",
		"Published reports said Iran backs the Houthis.",
		"Related to the dispute, Hungary summoned the ambassador.",
		"Watch the border, Lithuania warned Belarus.",
		"Read the statement: Germany supports Ukraine.",
	}
	for _, line := range content {
		text := "Title line.\n" + line + "\nLast line."
		if cuts := Furniture(text); len(cuts) != 0 {
			t.Errorf("%q was cut by rule %s", line, cuts[0].Rule)
		}
	}
}

func TestCleanVideoCaptionWithoutRepeat(t *testing.T) {
	text := "Click to play video: “Poland sends tanks to Ukraine”\nWarsaw confirmed the delivery."
	checkSpans(t, text)
	if got, want := keptText(text, Clean(text)), "Poland sends tanks to Ukraine | Warsaw confirmed the delivery."; got != want {
		t.Errorf("kept %q, want %q", got, want)
	}
}

func TestCleanEdges(t *testing.T) {
	for _, text := range []string{
		"",
		"\n\n",
		"Advertisement",
		"One line without a newline",
		"Windows\r\nline ends\r\nAdvertisement\r\n\r\nlast",
		"Click to play video: ''\n''",
		"Click to play video: 'Ünïcödé tïtlé ‘quoted’'\n\nÜnïcödé tïtlé ‘quoted’\n© 2024 Ëxample",
		"  indented\t\n\u00a0Sponsored content\u00a0\nend  ",
	} {
		checkSpans(t, text)
	}
	if kept := Clean("Advertisement\n\nSponsored content"); len(kept) != 0 {
		t.Errorf("furniture only: kept %v", kept)
	}
	text := "Windows\r\nline ends\r\nAdvertisement\r\n\r\nlast"
	if got, want := keptText(text, Clean(text)), "Windows\r\nline ends | last"; got != want {
		t.Errorf("CRLF: kept %q, want %q", got, want)
	}
	if got, want := Blank("Kyiv\nShare this article\nüber"), "Kyiv\n                  \nüber"; got != want {
		t.Errorf("Blank = %q, want %q", got, want)
	}
}

// TestCleanSampleArticle cleans the shared sample article: its captions and advertisement
// lines go, its text stays.
func TestCleanSampleArticle(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "eval", "sample-article.txt"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true needs ../shared/eval: %v", err)
		}
		t.Skipf("../shared/eval is not here (%v); the synthetic tests cover cleaning", err)
	}
	text := string(data)
	checkSpans(t, text)
	kept := keptText(text, Clean(text))
	for _, gone := range []string{"Click to play video", "Story continues below advertisement", "Sponsored content"} {
		if strings.Contains(kept, gone) {
			t.Errorf("kept text still holds %q", gone)
		}
	}
	for _, stays := range []string{"Ukraine urges Canada to donate decommissioned rockets", "Iran must reign in its proxies", "time is of the essence"} {
		if strings.Count(kept, stays) != 1 {
			t.Errorf("kept text holds %q %d times, want once", stays, strings.Count(kept, stays))
		}
	}
}
