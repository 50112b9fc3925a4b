package names

import (
	"strings"
	"unicode"
)

// foldRunes maps Latin letters with diacritics, and a few letters news writes two ways, to
// plain ASCII. Letters it does not know pass through lower-cased.
var foldRunes = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'ĉ': "c", 'ċ': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ĕ': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ĝ': "g", 'ğ': "g", 'ġ': "g", 'ģ': "g", 'ĥ': "h", 'ħ': "h",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ĩ': "i", 'ī': "i", 'ĭ': "i", 'į': "i", 'ı': "i",
	'ĵ': "j", 'ķ': "k", 'ĺ': "l", 'ļ': "l", 'ľ': "l", 'ŀ': "l", 'ł': "l",
	'ñ': "n", 'ń': "n", 'ņ': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ŏ': "o", 'ő': "o", 'œ': "oe",
	'ŕ': "r", 'ŗ': "r", 'ř': "r", 'ś': "s", 'ŝ': "s", 'ş': "s", 'š': "s", 'ș': "s", 'ß': "ss",
	'ţ': "t", 'ť': "t", 'ț': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ũ': "u", 'ū': "u", 'ŭ': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ŵ': "w", 'ý': "y", 'ÿ': "y", 'ŷ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
	'ə': "a", 'ơ': "o", 'ư': "u", 'ạ': "a", 'ả': "a", 'ấ': "a", 'ầ': "a", 'ẩ': "a", 'ậ': "a", 'ắ': "a",
	'ằ': "a", 'ặ': "a", 'ẹ': "e", 'ẻ': "e", 'ẽ': "e", 'ế': "e", 'ề': "e", 'ể': "e", 'ễ': "e", 'ệ': "e",
	'ỉ': "i", 'ị': "i", 'ọ': "o", 'ỏ': "o", 'ố': "o", 'ồ': "o", 'ổ': "o", 'ỗ': "o", 'ộ': "o", 'ớ': "o",
	'ờ': "o", 'ở': "o", 'ỡ': "o", 'ợ': "o", 'ụ': "u", 'ủ': "u", 'ứ': "u", 'ừ': "u", 'ử': "u", 'ữ': "u",
	'ự': "u", 'ỳ': "y", 'ỵ': "y", 'ỷ': "y", 'ỹ': "y",
	// apostrophes and transliteration marks for ayn and hamza ("Sa'ar", "Shi'a", "ʿAbd") vanish
	'\'': "", '’': "", '‘': "", 'ʼ': "", 'ʻ': "", 'ʿ': "", 'ʾ': "", '`': "", '´': "",
}

// Fold lower-cases a name, removes diacritics and apostrophes, turns hyphens, dots, commas
// and other punctuation into spaces, and collapses runs of spaces: "Vučić" -> "vucic",
// "al-Sharaa" -> "al sharaa", "J.D. Vance" -> "j d vance", "Sa'ar" -> "saar".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // at the start, or after a space written
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := foldRunes[r]; ok {
			if f != "" {
				b.WriteString(f)
				space = false
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimRight(b.String(), " ")
}
