// Package names canonicalises the names of people and organisations, so that the spellings and
// transliterations news uses for one actor ("Zelenskyy", "Zelensky", "Zelenskiy"; "al-Sharaa",
// "Al Shara"; "Vučić", "Vucic") compare equal, and finds the family name that news uses alone
// after a full mention ("von der Leyen", "al-Sharaa", "bin Salman", "Xi").
//
// The key is deliberately conservative: it folds case, diacritics, punctuation, the Arabic
// article, doubled letters and a few regular transliteration alternations, and nothing that
// would merge names that are different in any language (vowels stay, "kh" stays "kh"). Closer
// comparisons for duplicate reports use Similarity, which leaves the decision to its caller.
package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// Key maps a name to the form under which its spellings compare equal. It strips leading
// titles ("President", "Mr", "Sheikh"), generational suffixes ("Jr.", "III") and the Arabic
// article ("al-", "el-"), folds case and diacritics, and normalises each word's spelling
// (see word). Two names with the same key are, as far as spelling can tell, the same name:
//
//	Key("Volodymyr Zelenskyy") == Key("Volodymyr Zelenskiy") == Key("Volodymyr Zelensky")
//	Key("Ahmed al-Sharaa") == Key("Ahmad Al Shara")
//	Key("Ursula von der Leyen") == "ursula von der leyen"
func Key(name string) string {
	return OrgKey(StripTitles(name))
}

// OrgKey is Key without the stripping of titles, for the names of organisations, where a
// leading word such as "General" or "King" is part of the name ("General Motors").
func OrgKey(name string) string {
	words := strings.Fields(Fold(name))
	words = dropSuffixes(words)
	out := make([]string, 0, len(words))
	for i, w := range words {
		if arabicArticle[w] && (i+1 < len(words) || len(words) == 1) {
			if len(words) == 1 {
				return w
			}
			continue
		}
		for _, part := range splitAbd(w) {
			out = append(out, word(part))
		}
	}
	return strings.Join(out, " ")
}

// arabicArticle holds the spellings of the Arabic article, written apart or hyphenated
// ("al-Assad", "Al Thani", "el-Sisi"). The key drops it: news writes it, hyphenates it and
// leaves it out for one and the same name.
var arabicArticle = map[string]bool{"al": true, "el": true}

// givenNames maps the commonest transliterations of a few Arabic and Turkic given names to
// one form. Only names whose spellings are all common in English news are here.
var givenNames = map[string]string{
	"mohammed": "muhamad", "mohammad": "muhamad", "mohamed": "muhamad", "mohamad": "muhamad",
	"muhammad": "muhamad", "muhammed": "muhamad", "muhamad": "muhamad", "muhamed": "muhamad",
	"ahmed": "ahmad", "ahmet": "ahmad", "ahmad": "ahmad",
	"hussein": "husain", "husein": "husain", "hussain": "husain", "husain": "husain", "husayn": "husain",
	"hassan": "hasan", "hasan": "hasan",
	"yusuf": "yusuf", "youssef": "yusuf", "yousef": "yusuf", "yousuf": "yusuf", "yussef": "yusuf",
	"omar": "umar", "umar": "umar",
	"osman": "usman", "usman": "usman", "othman": "usman", "uthman": "usman",
	"abdallah": "abdulah", "abdullah": "abdulah", "abdulla": "abdulah", "abdellah": "abdulah",
	"mahmoud": "mahmud", "mahmud": "mahmud", "mehmood": "mahmud", "mahmood": "mahmud",
	"mustafa": "mustafa", "mostafa": "mustafa", "moustafa": "mustafa",
}

// splitAbd splits a glued "Abdul"/"Abdel" from the name it prefixes ("Abdulmalik" ->
// "abd", "malik"), and writes the prefix alone as "abd" ("Abdel Fattah", "Abd al-Fattah" and
// "Abdul Fattah" become "abd fattah"). "Abdullah" and short remainders stay whole.
func splitAbd(w string) []string {
	if _, ok := givenNames[w]; ok {
		return []string{w}
	}
	for _, p := range []string{"abdul", "abdel", "abdal", "abdol", "abd"} {
		if w == p {
			return []string{"abd"}
		}
		if rest, ok := strings.CutPrefix(w, p); ok && len(rest) >= 4 && p != "abd" {
			return []string{"abd", rest}
		}
	}
	return []string{w}
}

// word normalises one folded word's spelling:
//   - a few given names to one transliteration (Mohammed, Muhammad, Mohamed -> muhamad);
//   - "x" -> "ks" (Alexei, Aleksei), "ou" -> "u" (Abdoulaye, Abdulaye), "tch" -> "ch",
//     "dzh" -> "j" (Dzhokhar, Jokhar);
//   - doubled letters to one (Zelenskyy, Sharaa, Mohammed);
//   - a final "iy", "yi", "ij", "ii" or "y" to "i" (Zelenskiy, Syrskyi, Andrii, Dmitry, Sergey).
func word(w string) string {
	if g, ok := givenNames[w]; ok {
		return g
	}
	if !isASCIIWord(w) {
		return w
	}
	w = strings.ReplaceAll(w, "x", "ks")
	w = strings.ReplaceAll(w, "tch", "ch")
	w = strings.ReplaceAll(w, "dzh", "j")
	w = strings.ReplaceAll(w, "ou", "u")
	// doubled letters
	var b strings.Builder
	var prev byte
	for i := 0; i < len(w); i++ {
		if w[i] == prev && unicode.IsLetter(rune(w[i])) {
			continue
		}
		b.WriteByte(w[i])
		prev = w[i]
	}
	w = b.String()
	if len(w) > 3 {
		for _, end := range []string{"iy", "yi", "ij", "ii"} {
			if rest, ok := strings.CutSuffix(w, end); ok {
				return rest + "i"
			}
		}
		if rest, ok := strings.CutSuffix(w, "y"); ok {
			return rest + "i"
		}
	}
	return w
}

func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || !(c >= 'a' && c <= 'z') {
			return false
		}
	}
	return w != ""
}

// suffixes are generational suffixes written after a name.
var suffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

func dropSuffixes(words []string) []string {
	for len(words) > 1 && suffixes[strings.ToLower(strings.Trim(words[len(words)-1], ".,"))] {
		words = words[:len(words)-1]
	}
	return words
}

// Similarity compares two names by their keys: 1 for the same key, falling towards 0 with
// the Levenshtein distance between the keys relative to the longer one. It is meant for
// reports of likely duplicates ("Zelenskyy" and "Zelenski" score high), not for merging by
// itself: "Kim Jong Un" and "Kim Jong Il" score high too.
func Similarity(a, b string) float64 {
	ka, kb := Key(a), Key(b)
	if ka == kb {
		return 1
	}
	n := max(utf8.RuneCountInString(ka), utf8.RuneCountInString(kb))
	if n == 0 {
		return 0
	}
	return 1 - float64(levenshtein.ComputeDistance(ka, kb))/float64(n)
}

// Refers reports whether short, as written in a text after full was named, can refer to the
// same person or organisation: the same key ("Zelensky" for "Zelenskyy" alone), the key of
// full's surname ("Mr Shara" for "Ahmed al-Sharaa", "von der Leyen" for "Ursula von der
// Leyen"), or full's given and family name without middle names ("Lula da Silva" for "Luiz
// Inacio Lula da Silva").
func Refers(short, full string) bool {
	ks, kf := Key(short), Key(full)
	if ks == "" || kf == "" {
		return false
	}
	if ks == kf || ks == Key(Surname(full)) || unglued(ks) == kf || unglued(ks) == Key(Surname(full)) {
		return true
	}
	// a tail of the full name's words: "Lula da Silva", "Jong Un" is not (surname first)
	fw, sw := strings.Fields(kf), strings.Fields(ks)
	if len(sw) >= 2 && len(sw) < len(fw) && !surnameFirst(strings.Fields(StripTitles(full))) {
		if strings.Join(fw[len(fw)-len(sw):], " ") == ks {
			return true
		}
		// first and last: "Luiz Lula da Silva" aside, "Abdel Fattah Sisi" for "Abdel Fattah el-Sisi"
		if sw[0] == fw[0] && sw[len(sw)-1] == fw[len(fw)-1] {
			return true
		}
	}
	return false
}

// unglued removes an Arabic article written together with the word it belongs to
// ("Alsharaa" -> "sharaa"), from every word of a key long enough to hold one. The key leaves
// glued articles alone, because "al" starts many names ("Alexander", "Alberto"); Refers tries
// it only to compare with a name already known.
func unglued(key string) string {
	words := strings.Fields(key)
	for i, w := range words {
		if rest, ok := strings.CutPrefix(w, "al"); ok && len(rest) >= 4 {
			words[i] = word(rest)
		}
	}
	return strings.Join(words, " ")
}
