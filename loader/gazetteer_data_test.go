package loader_test

// These tests check the curated gazetteer data in data/countries.tsv and data/actors.tsv on
// their own, parsing the files with plain string handling, so that a broken row is caught with
// its file and line even before the gazetteer code reads it.

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

const (
	gazdataCountriesFile = "data/countries.tsv"
	gazdataActorsFile    = "data/actors.tsv"
)

var (
	gazdataCountriesHeader = []string{"iso3", "iso2", "name", "aliases", "demonyms", "capital", "seats", "qid"}
	gazdataActorsHeader    = []string{"id", "kind", "name", "country", "qid", "aliases"}

	gazdataISO3 = regexp.MustCompile(`^[A-Z]{3}$`)
	gazdataISO2 = regexp.MustCompile(`^[A-Z]{2}$`)
	gazdataQID  = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	gazdataID   = regexp.MustCompile(`^([a-z]+)/[a-z0-9]+(-[a-z0-9]+)*$`)

	// gazdataKindPrefix maps each actor kind allowed in actors.tsv to its id prefix. STATE and
	// PERSON are absent: states come from countries.tsv and people from the text.
	gazdataKindPrefix = map[string]string{
		"IGO":         "igo",
		"NGO":         "ngo",
		"ARMED_GROUP": "armed",
		"PARTY":       "party",
		"MEDIA":       "media",
		"GOVERNMENT":  "gov",
		"MILITARY":    "mil",
		"OTHER":       "other",
	}

	// gazdataMinimumKinds is the least number of actors of each kind the curated file holds.
	gazdataMinimumKinds = map[string]int{"IGO": 60, "ARMED_GROUP": 60, "NGO": 30, "PARTY": 30, "MEDIA": 25}

	// gazdataMustHaveCountries are entries that news needs and that are easy to lose: territories
	// and states with limited recognition.
	gazdataMustHaveCountries = []string{"USA", "RUS", "UKR", "CHN", "TWN", "HKG", "MAC", "PSE", "ISR", "PRI", "GRL", "ESH", "VAT", "XKX"}

	// gazdataAllowedClashes lists the phrases that deliberately belong to more than one entry,
	// each with the reason. Every other phrase names exactly one entry.
	gazdataAllowedClashes = map[string]string{
		"brussels": "Belgium's capital; news uses it as a name for the European Union, which lists it as an alias",
		"kingston": "the capital of Jamaica and of Norfolk Island; only Jamaica lists it as a seat",
	}

	// gazdataCommonWords are English words that must never be a mixed-case alias: they would
	// match ordinary text at the start of a sentence. (All-caps acronyms match case-sensitively.)
	gazdataCommonWords = map[string]bool{
		"a": true, "all": true, "an": true, "and": true, "any": true, "are": true, "as": true,
		"at": true, "be": true, "but": true, "by": true, "can": true, "for": true, "from": true,
		"has": true, "he": true, "her": true, "his": true, "if": true, "in": true, "is": true,
		"it": true, "its": true, "let": true, "may": true, "more": true, "new": true, "no": true,
		"not": true, "of": true, "on": true, "one": true, "or": true, "our": true, "out": true,
		"said": true, "she": true, "so": true, "that": true, "the": true, "their": true,
		"they": true, "this": true, "to": true, "up": true, "us": true, "was": true, "we": true,
		"who": true, "will": true, "with": true, "you": true,
	}
)

// gazdataRow is one data line of a file.
type gazdataRow struct {
	line   int
	fields []string
}

// gazdataTable is a parsed file.
type gazdataTable struct {
	name string
	rows []gazdataRow
}

// gazdataPhrase is one name an entry is known by, and where it was written.
type gazdataPhrase struct {
	entry string // iso3 or actor id
	field string // name, aliases, demonyms, capital, seats
	text  string
	file  string
	line  int
}

// gazdataParse reads a tab-separated file strictly: valid UTF-8, no carriage returns, '#'
// comment lines, the header as the first other line, then exactly len(header) fields per line
// with no surrounding spaces and no empty or repeated items in ';' lists.
func gazdataParse(name string, r io.Reader, header []string) (gazdataTable, []error) {
	table := gazdataTable{name: name}
	data, err := io.ReadAll(r)
	if err != nil {
		return table, []error{fmt.Errorf("%s: %w", name, err)}
	}
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	sawHeader := false
	for i, text := range strings.Split(string(data), "\n") {
		line := i + 1
		if !utf8.ValidString(text) {
			fail(line, "invalid UTF-8")
			continue
		}
		if strings.Contains(text, "\r") {
			fail(line, "carriage return (the file must use \\n line ends)")
			continue
		}
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if !sawHeader {
			sawHeader = true
			if strings.Join(fields, "\t") != strings.Join(header, "\t") {
				fail(line, "header %q, want %q", fields, header)
				return table, errs
			}
			continue
		}
		if len(fields) != len(header) {
			fail(line, "%d columns, want %d", len(fields), len(header))
			continue
		}
		ok := true
		for c, f := range fields {
			if f != strings.TrimSpace(f) {
				fail(line, "column %s has surrounding spaces: %q", header[c], f)
				ok = false
			}
			if !strings.Contains(f, ";") {
				continue
			}
			seen := map[string]bool{}
			for _, item := range strings.Split(f, ";") {
				switch {
				case item == "":
					fail(line, "column %s has an empty item in %q", header[c], f)
					ok = false
				case item != strings.TrimSpace(item):
					fail(line, "column %s item %q has surrounding spaces", header[c], item)
					ok = false
				case seen[item]:
					fail(line, "column %s repeats %q", header[c], item)
					ok = false
				}
				seen[item] = true
			}
		}
		if ok {
			table.rows = append(table.rows, gazdataRow{line: line, fields: fields})
		}
	}
	if !sawHeader {
		errs = append(errs, fmt.Errorf("%s: no header line", name))
	}
	return table, errs
}

func gazdataSplit(field string) []string {
	if field == "" {
		return nil
	}
	return strings.Split(field, ";")
}

// gazdataKey is the form in which two phrases count as the same name: lower case, single
// spaces, without a leading "the".
func gazdataKey(phrase string) string {
	key := strings.Join(strings.Fields(strings.ToLower(phrase)), " ")
	if rest, ok := strings.CutPrefix(key, "the "); ok {
		key = rest
	}
	return key
}

// gazdataCheckCountries validates countries.tsv rows and returns the known codes and every phrase.
func gazdataCheckCountries(table gazdataTable) (codes map[string]bool, phrases []gazdataPhrase, errs []error) {
	codes = map[string]bool{}
	iso2s := map[string]int{}
	iso3s := map[string]int{}
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", table.name, line, fmt.Sprintf(format, args...)))
	}
	for _, row := range table.rows {
		f := row.fields
		iso3, iso2, name := f[0], f[1], f[2]
		if !gazdataISO3.MatchString(iso3) {
			fail(row.line, "iso3 %q is not three capital letters", iso3)
		} else if first, dup := iso3s[iso3]; dup {
			fail(row.line, "iso3 %s repeats line %d", iso3, first)
		} else {
			iso3s[iso3] = row.line
		}
		if !gazdataISO2.MatchString(iso2) {
			fail(row.line, "iso2 %q is not two capital letters", iso2)
		} else if first, dup := iso2s[iso2]; dup {
			fail(row.line, "iso2 %s repeats line %d", iso2, first)
		} else {
			iso2s[iso2] = row.line
		}
		if name == "" {
			fail(row.line, "%s has no name", iso3)
		}
		if f[7] != "" && !gazdataQID.MatchString(f[7]) {
			fail(row.line, "qid %q does not match %s", f[7], gazdataQID)
		}
		codes[iso3] = true
		add := func(field string, items ...string) {
			for _, p := range items {
				phrases = append(phrases, gazdataPhrase{entry: iso3, field: field, text: p, file: table.name, line: row.line})
			}
		}
		add("name", name)
		add("aliases", gazdataSplit(f[3])...)
		add("demonyms", gazdataSplit(f[4])...)
		if f[5] != "" {
			add("capital", f[5])
		}
		add("seats", gazdataSplit(f[6])...)
	}
	return codes, phrases, errs
}

// gazdataCheckActors validates actors.tsv rows against the known country codes and returns
// the number of actors of each kind and every phrase.
func gazdataCheckActors(table gazdataTable, countries map[string]bool) (kinds map[string]int, phrases []gazdataPhrase, errs []error) {
	kinds = map[string]int{}
	ids := map[string]int{}
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", table.name, line, fmt.Sprintf(format, args...)))
	}
	for _, row := range table.rows {
		f := row.fields
		id, kind, name, country, qid := f[0], f[1], f[2], f[3], f[4]
		if first, dup := ids[id]; dup {
			fail(row.line, "id %s repeats line %d", id, first)
		}
		ids[id] = row.line
		prefix, known := gazdataKindPrefix[kind]
		if !known {
			fail(row.line, "kind %q is not one of IGO, NGO, ARMED_GROUP, PARTY, MEDIA, GOVERNMENT, MILITARY, OTHER", kind)
		}
		m := gazdataID.FindStringSubmatch(id)
		switch {
		case m == nil:
			fail(row.line, "id %q is not prefix/lower-case-slug", id)
		case known && m[1] != prefix:
			fail(row.line, "id %q: %s ids start with %q", id, kind, prefix+"/")
		}
		if name == "" {
			fail(row.line, "%s has no name", id)
		}
		if country != "" && !countries[country] {
			fail(row.line, "%s: country %q is not in %s", id, country, gazdataCountriesFile)
		}
		if (kind == "GOVERNMENT" || kind == "MILITARY") && country == "" {
			fail(row.line, "%s: a %s actor needs its country", id, kind)
		}
		if qid != "" && !gazdataQID.MatchString(qid) {
			fail(row.line, "qid %q does not match %s", qid, gazdataQID)
		}
		kinds[kind]++
		phrases = append(phrases, gazdataPhrase{entry: id, field: "name", text: name, file: table.name, line: row.line})
		for _, a := range gazdataSplit(f[5]) {
			phrases = append(phrases, gazdataPhrase{entry: id, field: "aliases", text: a, file: table.name, line: row.line})
		}
	}
	return kinds, phrases, errs
}

// gazdataCheckPhrases checks every name across both files: each names one entry (apart from
// gazdataAllowedClashes), carries a capital letter or digit (so that it is a name, not a
// generic reference such as "the alliance"), and is not a common English word.
func gazdataCheckPhrases(phrases []gazdataPhrase) []error {
	var errs []error
	owner := map[string]gazdataPhrase{}
	clashes := map[string]bool{}
	for _, p := range phrases {
		key := gazdataKey(p.text)
		if key == "" {
			errs = append(errs, fmt.Errorf("%s:%d: %s has an empty %s", p.file, p.line, p.entry, p.field))
			continue
		}
		if !strings.ContainsFunc(p.text, func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) {
			errs = append(errs, fmt.Errorf("%s:%d: %s %s %q has no capital letter: a generic reference, not a name", p.file, p.line, p.entry, p.field, p.text))
		}
		if gazdataCommonWords[key] && p.text != strings.ToUpper(p.text) {
			errs = append(errs, fmt.Errorf("%s:%d: %s %s %q is a common English word", p.file, p.line, p.entry, p.field, p.text))
		}
		first, seen := owner[key]
		switch {
		case !seen:
			owner[key] = p
		case first.entry == p.entry:
			// the same entry may spell a name twice ("Hong Kong" as name and capital)
		case gazdataAllowedClashes[key] != "":
			clashes[key] = true
		default:
			errs = append(errs, fmt.Errorf("%s:%d: %s %s %q is also %s %s at %s:%d",
				p.file, p.line, p.entry, p.field, p.text, first.entry, first.field, first.file, first.line))
		}
	}
	var stale []string
	for key := range gazdataAllowedClashes {
		if !clashes[key] {
			stale = append(stale, key)
		}
	}
	sort.Strings(stale)
	for _, key := range stale {
		errs = append(errs, fmt.Errorf("allowed clash %q no longer occurs: remove it from gazdataAllowedClashes", key))
	}
	return errs
}

// gazdataCheckQIDs checks that no Wikidata item is given to two entries.
func gazdataCheckQIDs(countries, actors gazdataTable) []error {
	var errs []error
	type where struct {
		file string
		line int
	}
	seen := map[string]where{}
	for _, t := range []struct {
		table  gazdataTable
		column int
	}{{countries, 7}, {actors, 4}} {
		for _, row := range t.table.rows {
			q := row.fields[t.column]
			if q == "" {
				continue
			}
			if w, dup := seen[q]; dup {
				errs = append(errs, fmt.Errorf("%s:%d: qid %s is also given at %s:%d", t.table.name, row.line, q, w.file, w.line))
				continue
			}
			seen[q] = where{t.table.name, row.line}
		}
	}
	return errs
}

// gazdataValidate runs every check on the two files' contents.
func gazdataValidate(countriesName string, countriesData io.Reader, actorsName string, actorsData io.Reader) (codes map[string]bool, kinds map[string]int, errs []error) {
	countries, e := gazdataParse(countriesName, countriesData, gazdataCountriesHeader)
	errs = append(errs, e...)
	actors, e := gazdataParse(actorsName, actorsData, gazdataActorsHeader)
	errs = append(errs, e...)
	codes, countryPhrases, e := gazdataCheckCountries(countries)
	errs = append(errs, e...)
	kinds, actorPhrases, e := gazdataCheckActors(actors, codes)
	errs = append(errs, e...)
	errs = append(errs, gazdataCheckPhrases(append(countryPhrases, actorPhrases...))...)
	errs = append(errs, gazdataCheckQIDs(countries, actors)...)
	return codes, kinds, errs
}

func TestGazetteerDataFiles(t *testing.T) {
	cf, err := os.Open(gazdataCountriesFile)
	if err != nil {
		t.Fatal(err)
	}
	defer cf.Close()
	af, err := os.Open(gazdataActorsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	codes, kinds, errs := gazdataValidate(gazdataCountriesFile, cf, gazdataActorsFile, af)
	for _, err := range errs {
		t.Error(err)
	}
	if len(codes) < 249 {
		t.Errorf("%s has %d countries, want every ISO 3166-1 entry (249) and more", gazdataCountriesFile, len(codes))
	}
	for _, code := range gazdataMustHaveCountries {
		if !codes[code] {
			t.Errorf("%s has no row for %s", gazdataCountriesFile, code)
		}
	}
	for kind, least := range gazdataMinimumKinds {
		if kinds[kind] < least {
			t.Errorf("%s has %d %s actors, want at least %d", gazdataActorsFile, kinds[kind], kind, least)
		}
	}
	t.Logf("%d countries; actors by kind: %v", len(codes), kinds)
}

// TestGazetteerDataValidatorCatches feeds the checks broken files, so that a check that
// stopped working would show here rather than let bad data through.
func TestGazetteerDataValidatorCatches(t *testing.T) {
	const countriesHead = "# comment\niso3\tiso2\tname\taliases\tdemonyms\tcapital\tseats\tqid\n"
	const actorsHead = "id\tkind\tname\tcountry\tqid\taliases\n"
	const goodCountry = "RUS\tRU\tRussia\tRussian Federation\tRussian;Russians\tMoscow\tMoscow;the Kremlin\tQ159\n"
	const goodActor = "igo/nato\tIGO\tNATO\t\tQ7184\tNorth Atlantic Treaty Organization\n"
	tests := []struct {
		name, countries, actors, want string
	}{
		{"valid", countriesHead + goodCountry, actorsHead + goodActor, ""},
		{"bad header", "iso3\tname\n", actorsHead, "countries.tsv:1: header"},
		{"missing column", countriesHead + "RUS\tRU\tRussia\t\t\tMoscow\tQ159\n", actorsHead, "countries.tsv:3: 7 columns, want 8"},
		{"bad iso3", countriesHead + "Rus\tRU\tRussia\t\t\t\t\t\n", actorsHead, "countries.tsv:3: iso3 \"Rus\""},
		{"bad iso2", countriesHead + "RUS\tRUS\tRussia\t\t\t\t\t\n", actorsHead, "countries.tsv:3: iso2 \"RUS\""},
		{"duplicate iso2", countriesHead + goodCountry + "BLR\tRU\tBelarus\t\t\t\t\t\n", actorsHead, "countries.tsv:4: iso2 RU repeats line 3"},
		{"bad qid", countriesHead + "RUS\tRU\tRussia\t\t\t\t\tq159\n", actorsHead, "qid \"q159\""},
		{"empty item", countriesHead + "RUS\tRU\tRussia\tRussian Federation;\t\t\t\t\n", actorsHead, "empty item"},
		{"bad kind", countriesHead, actorsHead + "igo/x\tCLUB\tX\t\t\t\n", "actors.tsv:2: kind \"CLUB\""},
		{"prefix mismatch", countriesHead, actorsHead + "ngo/nato\tIGO\tNATO\t\t\t\n", "IGO ids start with \"igo/\""},
		{"duplicate id", countriesHead, actorsHead + goodActor + goodActor, "actors.tsv:3: id igo/nato repeats line 2"},
		{"unknown country", countriesHead + goodCountry, actorsHead + "armed/x\tARMED_GROUP\tX Front\tXYZ\t\t\n", "country \"XYZ\" is not in"},
		{"shared alias", countriesHead + goodCountry, actorsHead + "media/kremlin\tMEDIA\tKremlin Daily\t\t\tKremlin\n", "media/kremlin aliases \"Kremlin\" is also RUS seats"},
		{"generic alias", countriesHead, actorsHead + "igo/nato\tIGO\tNATO\t\t\tthe alliance\n", "no capital letter"},
		{"common word", countriesHead, actorsHead + "armed/let\tARMED_GROUP\tLashkar-e-Taiba\tRUS\t\tLeT\n", "common English word"},
		{"shared qid", countriesHead + goodCountry, actorsHead + "igo/x\tIGO\tX Union\t\tQ159\t\n", "qid Q159 is also given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, errs := gazdataValidate("countries.tsv", strings.NewReader(tt.countries), "actors.tsv", strings.NewReader(tt.actors))
			var msgs []string
			for _, e := range errs {
				if !strings.Contains(e.Error(), "allowed clash") {
					msgs = append(msgs, e.Error())
				}
			}
			all := strings.Join(msgs, "\n")
			if tt.want == "" {
				if all != "" {
					t.Errorf("want no errors, got:\n%s", all)
				}
				return
			}
			if !strings.Contains(all, tt.want) {
				t.Errorf("want an error containing %q, got:\n%s", tt.want, all)
			}
		})
	}
}
