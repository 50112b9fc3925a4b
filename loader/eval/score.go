package eval

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// Precision is TP / (TP + FP), or 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN), or 0 when nothing was expected.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall, or 0 when both are 0.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report is the sentence-level score of predictions against gold records.
type Report struct {
	Records  int
	DyadType Counts // source, target and type match
	Dyad     Counts // source and target match

	// PerType counts dyad+type matches by type: a true positive and a false negative under the
	// gold event's type (its first alternative when it gives several, the matched one when a
	// relation matched), a false positive under the predicted type.
	PerType map[string]*Counts
	// Confusion counts, for each gold event whose actors a relation had, the gold type (first
	// alternative, or the one matched) against the type predicted for those actors.
	Confusion map[[2]string]int

	// Misses are the gold events no relation matched at the dyad+type level, in gold order.
	Misses []Miss
	// FalsePositives are the relations that matched no gold event at the dyad+type level, in
	// the order predicted (after AFFILIATION, negated and duplicate relations are left out).
	FalsePositives []FalsePositive
}

// Miss is a gold event that was not found.
type Miss struct {
	Record    string // the record's id
	Text      string // the record's text
	Event     Event
	DyadFound bool // a relation had its actors, with another type
}

// FalsePositive is a predicted relation that matched no gold event.
type FalsePositive struct {
	Record      string // the record's id
	Relation    Relation
	DyadMatched bool // it had the actors of a gold event, with another type
}

// scored returns the relations of a record that sentence-level scoring counts: not AFFILIATION,
// not negated, the first of each (source, target, type).
func scored(rels []Relation) []Relation {
	out := make([]Relation, 0, len(rels))
	seen := make(map[tripleKey]bool, len(rels))
	for _, rel := range rels {
		if strings.ToUpper(rel.Type) == "AFFILIATION" || rel.Negated {
			continue
		}
		if k := tripleOf(rel); !seen[k] {
			seen[k] = true
			out = append(out, rel)
		}
	}
	return out
}

// assign matches gold events to relations greedily: each event, in order, takes the first
// unused relation that matches it. It returns which events and which relations were matched.
func assign(events []Event, rels []Relation, match func(Event, Relation) bool) (hit, used []bool) {
	hit, used, _ = assignIndex(events, rels, match)
	return hit, used
}

// assignIndex is assign that also returns, for each event, the index of its relation or -1.
func assignIndex(events []Event, rels []Relation, match func(Event, Relation) bool) (hit, used []bool, to []int) {
	hit, used, to = make([]bool, len(events)), make([]bool, len(rels)), make([]int, len(events))
	for i, e := range events {
		to[i] = -1
		for j, rel := range rels {
			if !used[j] && match(e, rel) {
				used[j], hit[i], to[i] = true, true, j
				break
			}
		}
	}
	return hit, used, to
}

// goldType is the type an event is counted under: the predicted type when it is one of the
// event's alternatives, else the first alternative.
func goldType(e Event, rel *Relation) string {
	if rel != nil && typeMatch(e.Code, *rel) {
		return upgrade(strings.ToUpper(rel.Type))
	}
	first, _, _ := strings.Cut(e.Code, "|")
	return upgrade(strings.ToUpper(strings.TrimSpace(first)))
}

func count(hit []bool) int {
	n := 0
	for _, h := range hit {
		if h {
			n++
		}
	}
	return n
}

// Score scores predictions against gold records sentence by sentence (see the package
// documentation), as score.py does without --article.
func Score(gold []Record, pred Predictions) Report {
	rep := Report{Records: len(gold), PerType: map[string]*Counts{}, Confusion: map[[2]string]int{}}
	perType := func(t string) *Counts {
		c := rep.PerType[t]
		if c == nil {
			c = &Counts{}
			rep.PerType[t] = c
		}
		return c
	}
	for _, g := range gold {
		rels := scored(pred[g.ID])
		hit, used, to := assignIndex(g.Events, rels, eventMatch)
		dhit, dused, dto := assignIndex(g.Events, rels, dyadMatch)
		for i, e := range g.Events {
			if hit[i] {
				perType(goldType(e, &rels[to[i]])).TP++
			} else {
				perType(goldType(e, nil)).FN++
			}
			switch {
			case hit[i]:
				rel := &rels[to[i]]
				rep.Confusion[[2]string{goldType(e, rel), upgrade(strings.ToUpper(rel.Type))}]++
			case dhit[i]:
				rel := &rels[dto[i]]
				rep.Confusion[[2]string{goldType(e, rel), upgrade(strings.ToUpper(rel.Type))}]++
			}
		}
		for j, rel := range rels {
			if !used[j] {
				perType(upgrade(strings.ToUpper(rel.Type))).FP++
			}
		}
		n, dn := count(hit), count(dhit)
		rep.DyadType.TP += n
		rep.DyadType.FP += len(rels) - n
		rep.DyadType.FN += len(g.Events) - n
		rep.Dyad.TP += dn
		rep.Dyad.FP += len(rels) - dn
		rep.Dyad.FN += len(g.Events) - dn
		for i, e := range g.Events {
			if !hit[i] {
				rep.Misses = append(rep.Misses, Miss{Record: g.ID, Text: g.Text, Event: e, DyadFound: dhit[i]})
			}
		}
		for j, rel := range rels {
			if !used[j] {
				rep.FalsePositives = append(rep.FalsePositives, FalsePositive{Record: g.ID, Relation: rel, DyadMatched: dused[j]})
			}
		}
	}
	return rep
}

// Print writes the two lines score.py prints.
func (r Report) Print(w io.Writer) error {
	c, d := r.DyadType, r.Dyad
	_, err := fmt.Fprintf(w, "dyad+type P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)\ndyad      P=%.3f R=%.3f F1=%.3f\n",
		c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN, d.Precision(), d.Recall(), d.F1())
	return err
}

// PrintTypes writes precision, recall and F1 for each type, then the confusion matrix of the
// gold events whose actors were found: gold types down, predicted types across.
func (r Report) PrintTypes(w io.Writer) error {
	bw := bufio.NewWriter(w)
	types := make([]string, 0, len(r.PerType))
	for t := range r.PerType {
		types = append(types, t)
	}
	slices.Sort(types)
	fmt.Fprintf(bw, "%-12s %6s %6s %6s %5s %5s %5s\n", "type", "P", "R", "F1", "tp", "fp", "fn")
	for _, t := range types {
		c := r.PerType[t]
		fmt.Fprintf(bw, "%-12s %6.3f %6.3f %6.3f %5d %5d %5d\n", t, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	}
	if len(r.Confusion) > 0 {
		set := map[string]bool{}
		for k := range r.Confusion {
			set[k[0]], set[k[1]] = true, true
		}
		all := make([]string, 0, len(set))
		for t := range set {
			all = append(all, t)
		}
		slices.Sort(all)
		fmt.Fprintf(bw, "\nconfusion (gold down, predicted across; events whose actors were found)\n%-10s", "")
		for _, t := range all {
			fmt.Fprintf(bw, " %4.4s", t)
		}
		fmt.Fprintln(bw)
		for _, g := range all {
			fmt.Fprintf(bw, "%-10.10s", g)
			for _, p := range all {
				if n := r.Confusion[[2]string{g, p}]; n > 0 {
					fmt.Fprintf(bw, " %4d", n)
				} else {
					fmt.Fprintf(bw, " %4s", ".")
				}
			}
			fmt.Fprintln(bw)
		}
	}
	return bw.Flush()
}

// PrintErrors lists each miss with its record's text, then each false positive with its
// sentence, for `dyad eval --errors`.
func (r Report) PrintErrors(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, m := range r.Misses {
		note := ""
		if m.DyadFound {
			note = "  (actors found, with another type)"
		}
		fmt.Fprintf(bw, "MISS %s: %s%s\n", m.Record, describeEvent(m.Event), note)
		if m.Text != "" {
			fmt.Fprintf(bw, "     text: %s\n", oneLine(m.Text))
		}
	}
	for _, fp := range r.FalsePositives {
		note := ""
		if fp.DyadMatched {
			note = "  (right actors, wrong type)"
		}
		fmt.Fprintf(bw, "FALSE %s: %s%s\n", fp.Record, describeRelation(fp.Relation), note)
		if s := fp.Relation.Sentence; s != "" {
			fmt.Fprintf(bw, "     sentence: %s\n", oneLine(s))
		}
	}
	return bw.Flush()
}

// describeEvent renders a gold event as "SOURCE CODE TARGET", with names where given.
func describeEvent(e Event) string {
	side := func(code string, names []string) string {
		if len(names) > 0 {
			return names[0]
		}
		if code == "" {
			return "?"
		}
		return code
	}
	return side(e.Source, e.SourceNames) + " " + e.Code + " " + side(e.Target, e.TargetNames)
}

// describeRelation renders a relation as "SOURCE TYPE TARGET [cameo] "predicate"".
func describeRelation(rel Relation) string {
	side := func(a Actor) string {
		s := firstSet(a.Name, a.ID)
		if code := actorCode(a); code != "" {
			s += " (" + code + ")"
		}
		return s
	}
	s := side(rel.Source) + " " + rel.Type + " " + side(rel.Target)
	if rel.CAMEO != "" {
		s += " [" + rel.CAMEO + "]"
	}
	if rel.Predicate != "" {
		s += fmt.Sprintf(" %q", rel.Predicate)
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// ArticleReport is the article-level score of predictions against gold articles.
type ArticleReport struct {
	Articles []ArticleScore
}

// ArticleScore is one article's score.
type ArticleScore struct {
	ID        string
	Core      int        // core gold events
	Found     int        // core gold events that a relation matched
	Predicted int        // distinct non-negated predicted triples
	Right     int        // predicted triples that match a gold event, core or not
	Missing   []Event    // core events not found
	Unmatched []Relation // predicted triples that match no gold event
}

// Recall is Found / Core, or 1 when there are no core events.
func (a ArticleScore) Recall() float64 {
	if a.Core == 0 {
		return 1
	}
	return ratio(a.Found, a.Core)
}

// Precision is Right / Predicted, or 0 when nothing was predicted.
func (a ArticleScore) Precision() float64 { return ratio(a.Right, a.Predicted) }

// Worst is the lowest recall or precision of any article, and 1 when there are none.
func (r ArticleReport) Worst() float64 {
	worst := 1.0
	for _, a := range r.Articles {
		worst = min(worst, a.Recall(), a.Precision())
	}
	return worst
}

// ScoreArticles scores predictions against gold articles (see the package documentation), as
// score.py does with --article.
func ScoreArticles(gold []Record, pred Predictions) ArticleReport {
	var rep ArticleReport
	for _, g := range gold {
		var rels []Relation
		seen := map[tripleKey]bool{}
		for _, rel := range pred[g.ID] {
			if k := tripleOf(rel); !rel.Negated && !seen[k] {
				seen[k] = true
				rels = append(rels, rel)
			}
		}
		a := ArticleScore{ID: g.ID, Predicted: len(rels)}
		for _, e := range g.Events {
			if !e.Core {
				continue
			}
			a.Core++
			found := false
			for _, rel := range rels {
				if eventMatch(e, rel) {
					found = true
					break
				}
			}
			if found {
				a.Found++
			} else {
				a.Missing = append(a.Missing, e)
			}
		}
		for _, rel := range rels {
			right := false
			for _, e := range g.Events {
				if eventMatch(e, rel) {
					right = true
					break
				}
			}
			if right {
				a.Right++
			} else {
				a.Unmatched = append(a.Unmatched, rel)
			}
		}
		rep.Articles = append(rep.Articles, a)
	}
	return rep
}

// maxUnmatchedShown is how many unmatched triples Print lists per article, as score.py does.
const maxUnmatchedShown = 15

// Print writes what score.py --article prints: per article a score line, its missing core
// events (by the first 50 characters of why) and up to 15 unmatched triples.
func (r ArticleReport) Print(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, a := range r.Articles {
		fmt.Fprintf(bw, "%s: core recall=%.2f (%d/%d) precision=%.2f (%d/%d)\n",
			a.ID, a.Recall(), a.Found, a.Core, a.Precision(), a.Right, a.Predicted)
		for _, e := range a.Missing {
			why := prefix(e.Why, 50)
			if e.Why == "" {
				why = describeEvent(e)
			}
			fmt.Fprintf(bw, "  missing: %s\n", why)
		}
		for i, rel := range a.Unmatched {
			if i == maxUnmatchedShown {
				break
			}
			fmt.Fprintf(bw, "  unmatched: %s\n", tripleOf(rel))
		}
	}
	return bw.Flush()
}

// PrintErrors lists every unmatched triple of each article with its sentence, for
// `dyad eval --article --errors` (Print shows only the first 15, without sentences).
func (r ArticleReport) PrintErrors(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, a := range r.Articles {
		for _, e := range a.Missing {
			fmt.Fprintf(bw, "MISS %s: %s\n", a.ID, describeEvent(e))
			if e.Why != "" {
				fmt.Fprintf(bw, "     why: %s\n", oneLine(e.Why))
			}
		}
		for _, rel := range a.Unmatched {
			fmt.Fprintf(bw, "FALSE %s: %s\n", a.ID, describeRelation(rel))
			if rel.Sentence != "" {
				fmt.Fprintf(bw, "     sentence: %s\n", oneLine(rel.Sentence))
			}
		}
	}
	return bw.Flush()
}
