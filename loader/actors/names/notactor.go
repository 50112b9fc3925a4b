package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NotActor reports whether a capitalised phrase that the gazetteer does not know names no
// actor, so that it should not become a candidate actor (an OTHER node):
//
//   - a single letter ("B"), or a common word that is capitalised only because it starts a
//     sentence or a heading ("Beta", "Charter", "Association", "Monday", "Covid");
//   - a religious, ethnic or regional adjective alone ("Islamic", "Jewish", "Western");
//   - a document, agreement, meeting or event: a phrase whose last word is a head such as
//     "Agreement", "Accords", "Treaty", "Memorandum of Understanding", "Cessation of
//     Hostilities", "Forum", "Summit", "Conference", "White Paper", "Executive Order", or whose
//     first word is "Operation", "Resolution", "Article" or "Vision" ("Operation Spiderweb",
//     "Resolution 2334", "Article 5", "Vision 2030");
//   - an ideology or a doctrine: one or two words, the last ending in -ism ("Pan-Africanism",
//     "Political Islamism", "Zionism").
//
// Callers ask it only of phrases the gazetteer does not resolve: gazetteer names that end in
// such a head ("Warsaw Pact", "World Economic Forum") are actors by being listed.
func NotActor(phrase string) bool {
	words := strings.Fields(Fold(phrase))
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	if len(words) == 0 {
		return true
	}
	folded := strings.Join(words, " ")
	if notActorPhrases[folded] {
		return true
	}
	if len(words) == 1 {
		if p := strings.TrimPrefix(strings.TrimSpace(phrase), "the "); utf8.RuneCountInString(p) > 1 && p == strings.ToUpper(p) {
			return false // an acronym is a name ("PLAN", "CARE", "WHO")
		}
		w := words[0]
		return utf8.RuneCountInString(w) == 1 && !unicode.IsDigit([]rune(w)[0]) || notActorWords[w] || notActorHeads[w] || isIdeology(w)
	}
	if notActorHeads[words[len(words)-1]] {
		return true
	}
	if len(words) == 2 && isIdeology(words[1]) {
		return true
	}
	if notActorFirst[words[0]] {
		return true
	}
	return false
}

// isIdeology reports a word that names an ideology or a doctrine: one ending in -ism or
// -isms, long enough not to be a short name ("Bism").
func isIdeology(w string) bool {
	w = strings.TrimSuffix(w, "s")
	return strings.HasSuffix(w, "ism") && utf8.RuneCountInString(w) >= 6
}

func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// notActorWords are single words that name no actor when they stand alone. "May" is not
// among the months: it is a surname too.
var notActorWords = wordSet(`
	alpha beta gamma delta omega charter association associations 
	islamic jewish christian muslim catholic protestant orthodox sunni shia shiite hindu buddhist
	arab arabic western eastern northern southern african asian european latin
	monday tuesday wednesday thursday friday saturday sunday
	january february march april june july august september october november december
	christmas easter ramadan eid passover hanukkah diwali
	covid coronavirus brexit olympics paralympics world cup
	constitution declaration hostilities ceasefire truce deal plan report budget
	election elections referendum census
	breaking exclusive update analysis opinion editorial photos video watch live read more
`)

// notActorHeads are last words that make a phrase a document, agreement, meeting or event.
// Words that are also surnames in the people dictionary ("Day", "Law", "Bill") are left out.
var notActorHeads = wordSet(`
	agreement agreements accord accords treaty treaties convention conventions protocol protocols
	memorandum understanding declaration charter resolution order orders decree paper papers
	report plan initiative roadmap map framework doctrine strategy act
	forum summit conference dialogue talks process
	hostilities ceasefire truce deal
	games olympics cup championship festival expo
`)

// notActorFirst are first words that make a phrase a document, resolution or operation.
var notActorFirst = wordSet(`operation resolution article section chapter vision executive`)

// notActorPhrases are whole phrases that name no actor and fit no rule above.
var notActorPhrases = map[string]bool{
	"new start": true, "belt and road": true, "nord stream": true, "nord stream 2": true,
	"jcpoa": true, "iran nuclear deal": true, "cold war": true,
}
