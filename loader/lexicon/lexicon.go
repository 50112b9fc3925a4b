package lexicon

import (
	"fmt"
	"strings"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader/text"
)

// The relation lexicon (data/relations.tsv) maps phrases to relation types. Each line is
//
//	pattern <TAB> type <TAB> cameo <TAB> flags
//
// A pattern is words separated by spaces. In a verb pattern the first word (after "not" or
// "never") is a lemma and matches every inflection of it ("strike" matches strikes, struck,
// striking, stricken); in a noun pattern (flag noun) it matches the singular and the plural.
// Other words match as written, ignoring case. "(a|b)" matches either word, "word?" is
// optional, "..." skips up to six words (not across punctuation or another actor), and "{T}" marks where the target stands when it
// is not simply after the phrase ("pledge {T} support").
//
// The type is a PLOVER type, or "-" for a word that is no relation by itself but shapes one:
// flag speech (a verb of saying, whose subject speaks the clause after it), pledge (its
// subject commits to the verb that follows: "vowed to"), or chain (passes its subject on to
// the verb that follows: "continue to").
//
// Flags, comma-separated:
//   - noun: a nominal form ("invasion of")
//   - mutual: the relation goes both ways ("meet", "agree"): "X and Y agreed" gives X->Y and Y->X
//   - control: takes an infinitive whose object is the target ("threatened to shell X")
//   - object: the target follows at once and may take an infinitive ("urged X to ...")
//   - compound: forms "X-backed Y", where X is the source and Y the target
//   - locative: a place after "in" may be the target ("demonstrated in Serbia")
//   - reverse: the subject is the target and the object the source ("received aid from")
//   - implicit: a noun whose target may be left unsaid and found in the sentence ("invasion")
//   - referent: a noun whose possessor is the source and whose referent, named after
//     "referring to", "such as", "including" or in apposition, is the target ("its proxies")
//   - speech, pledge, chain: see above
type Entry struct {
	Pattern string
	Type    graph.RelationType // "" for "-"
	CAMEO   string
	Flags   Flags
	// Derived entries come from the CAMEO verb dictionary (data/cameo-verbs.tsv); they apply
	// only where no hand-curated entry matches.
	Derived bool
}

// Flags are an entry's flags, read from its file's flags column (see Entry).
type Flags uint16

const (
	FlagNoun Flags = 1 << iota
	FlagMutual
	FlagControl
	FlagObject
	FlagCompound
	FlagLocative
	FlagReverse
	FlagImplicit
	FlagSpeech
	FlagPledge
	FlagChain
	FlagReferent
)

var flagNames = map[string]Flags{"noun": FlagNoun, "mutual": FlagMutual, "control": FlagControl,
	"object": FlagObject, "compound": FlagCompound, "locative": FlagLocative, "reverse": FlagReverse,
	"implicit": FlagImplicit, "speech": FlagSpeech, "pledge": FlagPledge, "chain": FlagChain, "referent": FlagReferent}

func (f Flags) Has(x Flags) bool { return f&x != 0 }

// Elem is one element of a compiled pattern.
type Elem struct {
	Alts     [][]string // alternatives, each a sequence of lower-cased tokens
	Optional bool
	Gap      bool // "...": up to six words
	Target   bool // "{T}": the target's place
	head     bool // the inflected word
}

// Pattern is a compiled lexicon entry.
type Pattern struct {
	Elems []Elem
	Entry *Entry
	Lemma int32 // a derived pattern's head lemma (lexicon.derivedLemmas)
}

// anchors returns the first words of the element that follows the pattern's first gap or
// target slot (or else its second element): a word that must occur within anchorWindow tokens
// after the pattern's first word. nil when there is none.
func (p *Pattern) anchors() []string {
	pick := -1
	for k := 1; k < len(p.Elems); k++ {
		if el := &p.Elems[k]; !el.Gap && !el.Target && !el.Optional && (p.Elems[k-1].Gap || p.Elems[k-1].Target) {
			pick = k
			break
		}
	}
	if pick < 0 && len(p.Elems) > 1 && !p.Elems[1].Gap && !p.Elems[1].Target && !p.Elems[1].Optional {
		pick = 1
	}
	if pick < 0 {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, alt := range p.Elems[pick].Alts {
		if !seen[alt[0]] {
			seen[alt[0]] = true
			out = append(out, alt[0])
		}
	}
	return out
}

// AnchorWindow bounds how far after a derived pattern's first word its anchor may stand: the
// verb's other words, a target group and a gap of six words.
const AnchorWindow = 16

// Lexicon indexes patterns by the words they may start with.
type Lexicon struct {
	ByFirst map[string][]*Pattern
	// DerivedBy indexes the derived patterns by their first word and then by an anchor word
	// that must occur soon after it (the object's head, "aid" in "give ... aid"), so that the
	// thousands of derived patterns cost a few map lookups at each verb
	DerivedBy map[string][]*Pattern // anchor word -> derived patterns
	// DerivedLemmas maps a word to the derived patterns' head lemmas it is a form of
	DerivedLemmas map[string][]int32
	// Participles maps a past participle to the compound-forming entries it belongs to
	// ("backed" -> back), for "X-backed Y".
	Participles map[string]*Entry
	Entries     []Entry
}

// Builder collects the lexicon's entries from the pattern files; a later entry with
// the same pattern and type replaces an earlier one.
type Builder struct {
	Entries []Entry
	index   map[string]int // pattern and type -> index in entries, for overrides
}

// Add adds the entry of one line of a pattern file (pattern, type, cameo, flags); derived says
// whether the file is derived data (tools/lexgen).
func (b *Builder) Add(f []string, derived bool) error {
	pattern := strings.Join(strings.Fields(strings.ToLower(f[0])), " ")
	if pattern == "" {
		return fmt.Errorf("empty pattern")
	}
	e := Entry{Pattern: pattern, CAMEO: f[2]}
	if f[1] != "-" {
		t := graph.RelationType(strings.ToUpper(f[1]))
		if !t.Valid() || t == graph.Affiliation {
			return fmt.Errorf("pattern %q: unknown type %q (want a PLOVER type or -)", f[0], f[1])
		}
		e.Type = t
		if e.CAMEO == "" {
			e.CAMEO = t.CAMEO()
		}
		if !cameoFits(t, e.CAMEO) {
			return fmt.Errorf("pattern %q: CAMEO code %s is not under %s's roots %s", f[0], e.CAMEO, t, strings.Join(t.CAMEORoots(), ", "))
		}
	}
	for _, fl := range strings.Split(f[3], ",") {
		if fl = strings.TrimSpace(strings.ToLower(fl)); fl == "" {
			continue
		}
		v, ok := flagNames[fl]
		if !ok {
			return fmt.Errorf("pattern %q: unknown flag %q", f[0], fl)
		}
		e.Flags |= v
	}
	if e.Type == "" && !e.Flags.Has(FlagSpeech|FlagPledge|FlagChain) {
		return fmt.Errorf("pattern %q: type - needs the flag speech, pledge or chain", f[0])
	}
	if _, err := compilePattern(&e, nil); err != nil {
		return err
	}
	e.Derived = derived
	key := e.Pattern + "\t" + string(e.Type)
	if i, ok := b.index[key]; ok {
		b.Entries[i] = e // an override
		return nil
	}
	if b.index == nil {
		b.index = map[string]int{}
	}
	b.index[key] = len(b.Entries)
	b.Entries = append(b.Entries, e)
	return nil
}

// splitPattern splits a pattern at spaces outside parentheses.
func splitPattern(p string) []string {
	var out []string
	depth, from := 0, 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ' ':
			if depth == 0 {
				if i > from {
					out = append(out, p[from:i])
				}
				from = i + 1
			}
		}
	}
	if from < len(p) {
		out = append(out, p[from:])
	}
	return out
}

// patternTokens tokenizes one alternative of a pattern word. A word that starts with an
// apostrophe ("'s") is one token, as the text tokenizer makes it after a word.
func patternTokens(w string) []string {
	if strings.HasPrefix(w, "'") {
		return []string{w}
	}
	return text.LowerTokens(w)
}

func cameoFits(t graph.RelationType, code string) bool {
	for _, r := range t.CAMEORoots() {
		if strings.HasPrefix(code, r) {
			return true
		}
	}
	return false
}

// compilePattern compiles an entry. cache, when not nil, shares the alternatives of words
// that many entries repeat (the derived lexicon's object synsets), to keep memory small.
func compilePattern(e *Entry, cache map[string][][]string) (*Pattern, error) {
	p := &Pattern{Entry: e}
	headDone := false
	for _, w := range splitPattern(e.Pattern) {
		var el Elem
		switch {
		case w == "...":
			el.Gap = true
		case w == "{t}":
			el.Target = true
		default:
			if strings.HasSuffix(w, "?") && len(w) > 1 {
				el.Optional = true
				w = strings.TrimSuffix(w, "?")
			}
			alts := []string{w}
			if strings.HasPrefix(w, "(") && strings.HasSuffix(w, ")") {
				alts = strings.Split(w[1:len(w)-1], "|")
			} else if strings.ContainsAny(w, "()|{}") {
				return nil, fmt.Errorf("pattern %q: bad word %q", e.Pattern, w)
			}
			negation := w == "not" || w == "never" || w == "(not|never)"
			inflect := !headDone && !el.Optional && !negation
			if shared, ok := cache[w]; ok && !inflect {
				el.Alts = shared
				p.Elems = append(p.Elems, el)
				continue
			}
			for _, a := range alts {
				toks := patternTokens(a)
				if len(toks) == 0 {
					return nil, fmt.Errorf("pattern %q: empty alternative", e.Pattern)
				}
				if !inflect {
					el.Alts = append(el.Alts, toks)
					continue
				}
				var forms []string
				if e.Flags.Has(FlagNoun) {
					forms = nounForms(toks[0])
				} else {
					forms = verbForms(toks[0])
				}
				for _, f := range forms {
					el.Alts = append(el.Alts, append([]string{f}, toks[1:]...))
				}
			}
			if inflect {
				headDone, el.head = true, true
			} else if cache != nil {
				cache[w] = el.Alts
			}
		}
		if len(p.Elems) == 0 && (el.Gap || el.Target || el.Optional) {
			return nil, fmt.Errorf("pattern %q: must start with a word", e.Pattern)
		}
		p.Elems = append(p.Elems, el)
	}
	if !headDone {
		return nil, fmt.Errorf("pattern %q: has no head word", e.Pattern)
	}
	return p, nil
}

func Build(entries []Entry) (*Lexicon, error) {
	lx := &Lexicon{ByFirst: map[string][]*Pattern{}, DerivedBy: map[string][]*Pattern{},
		DerivedLemmas: map[string][]int32{}, Participles: map[string]*Entry{}, Entries: entries}
	lemmaIDs := map[string]int32{}
	cache := map[string][][]string{}
	for i := range lx.Entries {
		e := &lx.Entries[i]
		p, err := compilePattern(e, cache)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		if anchors := p.anchors(); e.Derived && anchors != nil {
			lemma := strings.Join(p.Elems[0].Alts[0], " ")
			id, ok := lemmaIDs[lemma]
			if !ok {
				id = int32(len(lemmaIDs))
				lemmaIDs[lemma] = id
				for _, alt := range p.Elems[0].Alts {
					if !seen[alt[0]] {
						seen[alt[0]] = true
						lx.DerivedLemmas[alt[0]] = append(lx.DerivedLemmas[alt[0]], id)
					}
				}
			}
			p.Lemma = id
			for _, a := range anchors {
				lx.DerivedBy[a] = append(lx.DerivedBy[a], p)
			}
			continue
		}
		for _, alt := range p.Elems[0].Alts {
			w := alt[0]
			if seen[w] {
				continue
			}
			seen[w] = true
			lx.ByFirst[w] = append(lx.ByFirst[w], p)
		}
		if e.Flags.Has(FlagCompound) {
			for _, alt := range p.Elems[0].Alts {
				if w := alt[0]; len(alt) == 1 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en")) {
					lx.Participles[w] = e
				}
			}
		}
	}
	return lx, nil
}

// irregularVerbs lists the past tense and past participle of irregular verbs.
var irregularVerbs = map[string][2]string{
	"arise": {"arose", "arisen"}, "beat": {"beat", "beaten"}, "become": {"became", "become"},
	"begin": {"began", "begun"}, "bind": {"bound", "bound"}, "break": {"broke", "broken"},
	"bring": {"brought", "brought"}, "build": {"built", "built"}, "buy": {"bought", "bought"},
	"catch": {"caught", "caught"}, "choose": {"chose", "chosen"}, "come": {"came", "come"},
	"cut": {"cut", "cut"}, "deal": {"dealt", "dealt"}, "do": {"did", "done"}, "draw": {"drew", "drawn"},
	"drive": {"drove", "driven"}, "fall": {"fell", "fallen"}, "feel": {"felt", "felt"},
	"fight": {"fought", "fought"}, "find": {"found", "found"}, "flee": {"fled", "fled"},
	"forbid": {"forbade", "forbidden"}, "forgive": {"forgave", "forgiven"}, "freeze": {"froze", "frozen"},
	"get": {"got", "gotten"}, "give": {"gave", "given"}, "go": {"went", "gone"}, "hang": {"hung", "hung"},
	"have": {"had", "had"}, "hear": {"heard", "heard"}, "hit": {"hit", "hit"}, "hold": {"held", "held"},
	"hurt": {"hurt", "hurt"}, "keep": {"kept", "kept"}, "know": {"knew", "known"}, "lay": {"laid", "laid"},
	"lead": {"led", "led"}, "leave": {"left", "left"}, "lend": {"lent", "lent"}, "let": {"let", "let"},
	"lose": {"lost", "lost"}, "make": {"made", "made"}, "meet": {"met", "met"}, "overrun": {"overran", "overrun"},
	"overthrow": {"overthrew", "overthrown"}, "pay": {"paid", "paid"}, "put": {"put", "put"},
	"quit": {"quit", "quit"}, "rebuild": {"rebuilt", "rebuilt"}, "ride": {"rode", "ridden"},
	"rise": {"rose", "risen"}, "run": {"ran", "run"}, "say": {"said", "said"}, "see": {"saw", "seen"},
	"seek": {"sought", "sought"}, "sell": {"sold", "sold"}, "send": {"sent", "sent"}, "set": {"set", "set"},
	"shake": {"shook", "shaken"}, "shoot": {"shot", "shot"}, "shut": {"shut", "shut"},
	"sit": {"sat", "sat"}, "speak": {"spoke", "spoken"}, "spend": {"spent", "spent"},
	"stand": {"stood", "stood"}, "steal": {"stole", "stolen"}, "strike": {"struck", "struck;stricken"},
	"swear": {"swore", "sworn"}, "take": {"took", "taken"}, "teach": {"taught", "taught"},
	"tell": {"told", "told"}, "think": {"thought", "thought"}, "throw": {"threw", "thrown"},
	"undertake": {"undertook", "undertaken"}, "understand": {"understood", "understood"},
	"uphold": {"upheld", "upheld"}, "win": {"won", "won"}, "withdraw": {"withdrew", "withdrawn"},
	"withhold": {"withheld", "withheld"}, "write": {"wrote", "written"}, "shed": {"shed", "shed"},
	"spread": {"spread", "spread"}, "bid": {"bid", "bid"}, "forgo": {"forwent", "forgone"},
	"overtake": {"overtook", "overtaken"}, "upset": {"upset", "upset"}, "be": {"was;were", "been"},
	"blow": {"blew", "blown"}, "slay": {"slew", "slain"}, "broadcast": {"broadcast", "broadcast"},
	"foresee": {"foresaw", "foreseen"}, "oversee": {"oversaw", "overseen"}, "mislead": {"misled", "misled"},
	"outlaw": {"outlawed", "outlawed"}, "bear": {"bore", "borne"}, "feed": {"fed", "fed"},
}

// doubling lists verbs of more than one syllable that double their last consonant.
var doubling = text.Set("expel", "compel", "patrol", "commit", "admit", "permit", "submit", "regret",
	"control", "refer", "prefer", "confer", "occur", "deter", "rebel", "propel", "acquit", "equip",
	"transfer", "omit", "incur", "repel", "dispel", "forbid", "kidnap", "embed", "label", "cancel",
	"signal", "model", "level", "travel", "annul", "enrol", "extol", "compel", "impel", "abet",
	"allot", "befit", "outwit", "handicap", "worship", "unplug", "format", "compel", "enthral")

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// verbForms returns a verb lemma's inflections: base, third person, past, participle, -ing.
func verbForms(v string) []string {
	forms := []string{v}
	if irr, ok := irregularVerbs[v]; ok {
		forms = append(forms, strings.Split(irr[0], ";")...)
		forms = append(forms, strings.Split(irr[1], ";")...)
	}
	n := len(v)
	switch {
	case strings.HasSuffix(v, "y") && n > 1 && !isVowel(v[n-2]):
		forms = append(forms, v[:n-1]+"ies", v[:n-1]+"ied", v+"ing")
	case strings.HasSuffix(v, "ie"):
		forms = append(forms, v+"s", v+"d", v[:n-2]+"ying")
	case strings.HasSuffix(v, "ee"), strings.HasSuffix(v, "ye"), strings.HasSuffix(v, "oe"):
		forms = append(forms, v+"s", v+"d", v+"ing")
	case strings.HasSuffix(v, "e"):
		forms = append(forms, v+"s", v+"d", v[:n-1]+"ing")
	case strings.HasSuffix(v, "s"), strings.HasSuffix(v, "x"), strings.HasSuffix(v, "z"),
		strings.HasSuffix(v, "ch"), strings.HasSuffix(v, "sh"):
		forms = append(forms, v+"es", v+"ed", v+"ing")
	default:
		forms = append(forms, v+"s")
		// consonant-vowel-consonant endings double in short verbs ("ban", "stop") and in
		// those listed, but not always ("open", "visit"): both spellings are accepted; the
		// one English does not use never occurs in text.
		if n >= 3 && !isVowel(v[n-1]) && isVowel(v[n-2]) && !isVowel(v[n-3]) && strings.IndexByte("wxy", v[n-1]) < 0 &&
			(n <= 4 || doubling[v]) {
			d := v + v[n-1:]
			forms = append(forms, d+"ed", d+"ing", v+"ed", v+"ing") // "banned", and "opened"
		} else {
			forms = append(forms, v+"ed", v+"ing")
		}
	}
	return forms
}

// nounForms returns a noun's singular and plural.
func nounForms(n string) []string {
	l := len(n)
	switch {
	case strings.HasSuffix(n, "y") && l > 1 && !isVowel(n[l-2]):
		return []string{n, n[:l-1] + "ies"}
	case strings.HasSuffix(n, "s"), strings.HasSuffix(n, "x"), strings.HasSuffix(n, "ch"), strings.HasSuffix(n, "sh"):
		return []string{n, n + "es"}
	}
	return []string{n, n + "s"}
}

var irregularParticiples = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range irregularVerbs {
		for _, p := range strings.Split(f[1], ";") {
			m[p] = true
		}
	}
	return m
}()

func IsIrregularParticiple(w string) bool { return irregularParticiples[w] }
