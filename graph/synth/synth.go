// Package synth generates synthetic, deterministic news-like corpora for load tests and
// benchmarks of the stores: many actors with a power-law skew in how often they are named (a few
// take part in most claims, as the great powers do in the news), the sixteen PLOVER types with
// uneven frequencies, AFFILIATION now and then, and times spread over five years. Nothing in it
// comes from real articles.
package synth

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
)

// Corpus describes a synthetic corpus. Generation is deterministic in all three fields.
type Corpus struct {
	Actors int    // how many actors to draw from (at least 10)
	Claims int    // how many claims in all, over as many articles as it takes (1 to 9 each)
	Seed   uint64 // the random seed
}

// Span is the period the claims fall in: five years.
var (
	SpanStart = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	SpanEnd   = SpanStart.AddDate(5, 0, 0)
)

// syllables make pronounceable, searchable names.
var syllables = strings.Fields("ka ri to men sa lo vi na dor el ur bak tis an gor fa lin mo ze quo hal ber nis ta")

// plover lists the PLOVER types with relative weights, talk and blame being commoner than war.
var plover = []struct {
	t graph.RelationType
	w int
}{
	{graph.Consult, 20}, {graph.Accuse, 12}, {graph.Support, 10}, {graph.Agree, 8}, {graph.Cooperate, 8},
	{graph.Request, 7}, {graph.Reject, 6}, {graph.Threaten, 5}, {graph.Assault, 5}, {graph.Protest, 4},
	{graph.Aid, 4}, {graph.Sanction, 3}, {graph.Coerce, 3}, {graph.Mobilize, 2}, {graph.Concede, 2},
	{graph.Retreat, 1},
}

// ActorsOf returns the corpus's actors, in id order: every tenth a state, each state followed by
// its government and military (so that roll-up has something to do), the rest of the other
// kinds. Ids are "syn/NNNNNNN" for all but governments and militaries, which take their state's
// id with "-GOV" and "-MIL".
func (c Corpus) ActorsOf() []graph.Actor {
	n := max(10, c.Actors)
	rng := rand.New(rand.NewPCG(c.Seed, 0x5eed))
	out := make([]graph.Actor, n)
	others := []graph.ActorKind{graph.KindPerson, graph.KindIGO, graph.KindNGO, graph.KindArmedGroup,
		graph.KindParty, graph.KindMedia, graph.KindOther}
	state := ""
	for i := range out {
		var name strings.Builder
		for k := range 2 + rng.IntN(2) {
			s := syllables[rng.IntN(len(syllables))]
			if k == 0 {
				s = strings.ToUpper(s[:1]) + s[1:]
			}
			name.WriteString(s)
		}
		base := name.String()
		a := graph.Actor{ID: fmt.Sprintf("syn/%07d", i), Name: base, Kind: others[rng.IntN(len(others))]}
		switch i % 10 {
		case 0:
			a.ID = fmt.Sprintf("S%06d", i/10)
			a.Kind, a.Country, a.Name = graph.KindState, a.ID, base+"ia"
			a.Aliases = []string{base + "ian"}
			state = a.ID
		case 1:
			a.ID, a.Kind, a.Country, a.Name = state+"-GOV", graph.KindGovernment, state, "Government of "+out[i-1].Name
		case 2:
			a.ID, a.Kind, a.Country, a.Name = state+"-MIL", graph.KindMilitary, state, "Armed forces of "+out[i-1].Name
		default:
			a.Name = fmt.Sprintf("%s %d", base, i)
			if rng.IntN(3) == 0 {
				a.Country = state
			}
		}
		out[i] = a
	}
	return out
}

// Each generates the corpus's articles in order and calls fn with each. It stops at the first
// error fn returns, or when ctx is done.
func (c Corpus) Each(ctx context.Context, fn func(graph.Extraction) error) error {
	actors := c.ActorsOf()
	n := uint64(len(actors))
	rng := rand.New(rand.NewPCG(c.Seed, 0x9e3779b97f4a7c15))
	// Actors are named with a Zipf skew over a random permutation, so that busy actors are of
	// every kind and spread over the id space.
	perm := rng.Perm(len(actors))
	zipf := rand.NewZipf(rng, 1.1, 4, n-1)
	pick := func() int { return perm[zipf.Uint64()] }
	total := 0
	for _, p := range plover {
		total += p.w
	}
	pickType := func() graph.RelationType {
		k := rng.IntN(total)
		for _, p := range plover {
			if k < p.w {
				return p.t
			}
			k -= p.w
		}
		return graph.Consult
	}
	span := SpanEnd.Sub(SpanStart)
	sources := []string{"Synthetic Wire", "Example Herald", "Sample Times", "Test Gazette"}
	written := 0
	for a := 0; written < c.Claims; a++ {
		if a%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		published := SpanStart.Add(time.Duration(rng.Int64N(int64(span/time.Second))) * time.Second)
		id := fmt.Sprintf("syn-%08d", a)
		x := graph.Extraction{Article: graph.Article{ID: id, URL: "https://synthetic.example/" + id,
			Title: fmt.Sprintf("Synthetic article %d", a), Source: sources[rng.IntN(len(sources))], Published: published}}
		named := map[int]bool{}
		offset := 0
		for range min(1+rng.IntN(9), c.Claims-written) {
			src, tgt := pick(), pick()
			for tgt == src {
				tgt = pick()
			}
			typ := pickType()
			if rng.IntN(50) == 0 {
				typ = graph.Affiliation
			}
			verb := strings.ToLower(string(typ))
			sentence := fmt.Sprintf("%s said it would %s %s, according to officials.", actors[src].Name, verb, actors[tgt].Name)
			x.Claims = append(x.Claims, graph.Claim{ArticleID: id, Source: actors[src].ID, Target: actors[tgt].ID,
				Type: typ, CAMEO: typ.CAMEO(), Predicate: verb, SourceText: actors[src].Name, TargetText: actors[tgt].Name,
				Sentence: sentence, Start: offset, End: offset + len(sentence),
				Confidence: float64(40+rng.IntN(56)) / 100, Negated: rng.IntN(25) == 0, Modality: graph.Asserted,
				Time: published.Add(-time.Duration(rng.IntN(72)) * time.Hour), Extractor: "synth", ExtractorVers: "1"})
			offset += len(sentence) + 1
			named[src], named[tgt] = true, true
		}
		for _, i := range slices.Sorted(maps.Keys(named)) {
			a := actors[i]
			a.Aliases = slices.Clone(a.Aliases)
			x.Actors = append(x.Actors, a)
		}
		written += len(x.Claims)
		if err := fn(x); err != nil {
			return err
		}
	}
	return nil
}
