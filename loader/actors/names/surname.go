package names

import (
	"strings"
	"unicode"
)

// particles are the words that belong to a family name when they come before it: "von der
// Leyen", "de Gaulle", "bin Salman", "Al Thani", "da Silva". Compared folded.
var particles = map[string]bool{
	"von": true, "vom": true, "zu": true, "van": true, "der": true, "den": true, "ter": true, "te": true,
	"de": true, "del": true, "della": true, "dei": true, "di": true, "da": true, "dos": true, "das": true,
	"do": true, "du": true, "des": true, "la": true, "le": true, "y": true,
	"bin": true, "ibn": true, "bint": true, "ben": true, "al": true, "el": true, "abu": true, "ould": true,
}

// eastAsianSurnames are family names that Chinese, Korean and Taiwanese names in English news
// write first ("Xi Jinping", "Kim Jong Un", "Lee Jae-myung"). Vietnamese names are left out:
// news calls Nguyen Phu Trong "Trong", the last word.
var eastAsianSurnames = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao
		lin luo zheng liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye
		cheng wei su lu ding ren shen yao jin fu qin mao xi wen bo qian kong bai hou shi
		kim lee park choi jung jeong kang cho yoon jang lim oh seo shin kwon hwang ahn yoo hong moon ban roh
		chun noh hsieh tsai lai ko lien soong`) {
		eastAsianSurnames[s] = true
	}
}

// Surname returns the family name of a person's name as news uses it alone, with its
// particles and as written: "Ursula von der Leyen" -> "von der Leyen", "Ahmed al-Sharaa" ->
// "al-Sharaa", "Mohammed bin Salman" -> "bin Salman", "Xi Jinping" -> "Xi", "Ferdinand Marcos
// Jr." -> "Marcos", "President Cyril Ramaphosa" -> "Ramaphosa". A one-word name is its own
// surname.
func Surname(name string) string {
	words := dropSuffixes(strings.Fields(StripTitles(name)))
	if len(words) == 0 {
		return ""
	}
	if surnameFirst(words) {
		return words[0]
	}
	i := len(words) - 1
	for i > 1 && particles[Fold(words[i-1])] {
		i--
	}
	return strings.Join(words[i:], " ")
}

// surnameFirst reports whether a name is written family name first: an East Asian family name
// followed by a hyphenated given name ("Moon Jae-in"), by two short syllables ("Kim Jong Un"),
// or by one word that reads as Mandarin pinyin ("Wang Yi", "Li Keqiang").
func surnameFirst(words []string) bool {
	if len(words) < 2 || len(words) > 3 || !eastAsianSurnames[Fold(words[0])] {
		return false
	}
	rest := words[1:]
	for _, w := range rest {
		if r := []rune(w); !unicode.IsUpper(r[0]) {
			return false
		}
	}
	if strings.Contains(rest[len(rest)-1], "-") {
		return true
	}
	if len(rest) == 2 {
		return len(Fold(rest[0])) <= 5 && len(Fold(rest[1])) <= 5 && !strings.Contains(rest[0], ".")
	}
	return isPinyin(Fold(rest[0]))
}

var (
	pinyinInitials = []string{"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", ""}
	pinyinFinals   = []string{"iang", "iong", "uang", "ueng", "ang", "eng", "ing", "ong", "iao", "ian", "uai", "uan", "ai", "ei", "ao", "ou", "an", "en", "er", "in", "un", "ia", "ie", "iu", "ua", "uo", "ui", "ue", "a", "o", "e", "i", "u"}
)

// isPinyin reports whether a folded word splits into Mandarin syllables (an initial and a
// final each; the check is loose, allowing combinations Mandarin lacks).
func isPinyin(w string) bool {
	if w == "" {
		return false
	}
	return pinyinFrom(w, 0, 0)
}

func pinyinFrom(w string, i, syllables int) bool {
	if i == len(w) {
		return syllables > 0 && syllables <= 3
	}
	for _, ini := range pinyinInitials {
		if !strings.HasPrefix(w[i:], ini) {
			continue
		}
		j := i + len(ini)
		for _, fin := range pinyinFinals {
			if strings.HasPrefix(w[j:], fin) && pinyinFrom(w, j+len(fin), syllables+1) {
				return true
			}
		}
	}
	return false
}
