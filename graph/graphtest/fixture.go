package graphtest

import (
	"time"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/graph"
)

// The actor ids of the fixture. Ids sort in byte order: upper-case ISO codes before slugs.
const (
	can         = "CAN"
	gbr         = "GBR"
	irn         = "IRN"
	rus         = "RUS"
	ukr         = "UKR"
	usa         = "USA"
	houthis     = "ag/houthis"
	wagner      = "ag/wagner"
	kremlin     = "gov/rus"
	nato        = "igo/nato"
	stoltenberg = "person/jens-stoltenberg"
)

// The fixture's times, whole seconds in UTC so that every store round-trips them exactly.
var (
	t1 = time.Date(2024, 2, 10, 9, 0, 0, 0, time.UTC)  // article a1
	t2 = time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC)  // article a2
	t3 = time.Date(2024, 4, 20, 8, 30, 0, 0, time.UTC) // article a3
	t4 = time.Date(2024, 5, 15, 16, 0, 0, 0, time.UTC) // article a4
	t5 = time.Date(2024, 6, 1, 7, 45, 0, 0, time.UTC)  // when article a5's events happened
	// "on Thursday" in article a5, the Thursday before t5.
	t5Thursday = time.Date(2024, 5, 30, 0, 0, 0, 0, time.UTC)
)

// The fixture's article ids.
const (
	a1 = "wire-2024-02-10-nato-pledge"
	a2 = "wire-2024-03-05-warning"
	a3 = "wire-2024-04-20-red-sea"
	a4 = "wire-2024-05-15-appeal"
	a5 = "sha256-5f1c0a9e7b3d2c4e6a8b0d1f" // a plain text file: no url, source or date
)

func articleA1() graph.Article {
	return graph.Article{ID: a1, URL: "https://wire.example/2024/02/10/nato-pledge",
		Title: "NATO allies pledge lasting support for Ukraine", Source: "Example Wire", Published: t1}
}

func articleA2() graph.Article {
	return graph.Article{ID: a2, URL: "https://wire.example/2024/03/05/warning",
		Title: "Washington and NATO warn Moscow against escalation", Source: "Example Wire", Published: t2}
}

func articleA3() graph.Article {
	return graph.Article{ID: a3, URL: "https://wire.example/2024/04/20/red-sea",
		Title: "Iran-backed Houthis attack U.S. ships as Washington strikes back", Source: "Example Wire", Published: t3}
}

func articleA4() graph.Article {
	return graph.Article{ID: a4, URL: "https://gazette.example/appeal",
		Title: "Kyiv appeals to Ottawa for air defence", Source: "Example Gazette", Published: t4}
}

func articleA5() graph.Article {
	return graph.Article{ID: a5, Title: "Sanctions widen as shelling goes on"}
}

// claim fills the fields of a claim that follow from the others: its article, its CAMEO root,
// the end offset of its sentence, the extractor and a modality.
func claim(article graph.Article, c graph.Claim) graph.Claim {
	c.ArticleID = article.ID
	if c.CAMEO == "" {
		c.CAMEO = c.Type.CAMEO()
	}
	c.End = c.Start + utf8.RuneCountInString(c.Sentence)
	if c.Modality == "" {
		c.Modality = graph.Asserted
	}
	c.Extractor, c.ExtractorVers = "rules", "1.0.0"
	return c
}

// The fixture's claims, numbered in the order the articles tell them. c21 and c1 share an article,
// a relation and a time, and carry ids of their own, so that evidence must order them by id.
func c1() graph.Claim {
	return claim(articleA1(), graph.Claim{ID: "a1-c1", Source: nato, Target: ukr, Type: graph.Support,
		Predicate: "pledged support", SourceText: "NATO", TargetText: "Ukraine", Start: 0,
		Sentence: "NATO allies pledged long-term support for Ukraine on Saturday.", Confidence: 0.9, Time: t1})
}

func c2() graph.Claim {
	return claim(articleA1(), graph.Claim{Source: usa, Target: ukr, Type: graph.Support,
		Predicate: "backs", SourceText: "The United States", TargetText: "Kyiv", Start: 63,
		Sentence: "The United States backs Kyiv for as long as it takes, an official said.", Confidence: 0.8, Time: t1})
}

func c3() graph.Claim {
	return claim(articleA1(), graph.Claim{Source: rus, Target: ukr, Type: graph.Assault,
		Predicate: "invasion of", SourceText: "Russia", TargetText: "Ukraine", Start: 135,
		Sentence: "Russia's invasion of Ukraine is entering its third year.", Confidence: 0.95, Time: t1})
}

func c4() graph.Claim {
	return claim(articleA1(), graph.Claim{Source: stoltenberg, Target: nato, Type: graph.Affiliation,
		Predicate: "Secretary-General", Role: "Secretary-General", SourceText: "Jens Stoltenberg",
		TargetText: "NATO", Start: 192,
		Sentence: "NATO Secretary-General Jens Stoltenberg spoke in Brussels.", Confidence: 0.9, Time: t1})
}

func c21() graph.Claim {
	return claim(articleA1(), graph.Claim{ID: "a1-c0", Source: nato, Target: ukr, Type: graph.Support,
		Predicate: "stands with", SourceText: "the alliance", TargetText: "Ukraine", Start: 251,
		SourceStart: 259, SourceEnd: 271, TargetStart: 284, TargetEnd: 291,
		Sentence: "He said the alliance stands with Ukraine.", Confidence: 0.5, Time: t1})
}

func c5() graph.Claim {
	return claim(articleA2(), graph.Claim{Source: usa, Target: ukr, Type: graph.Support,
		Predicate: "reaffirmed support", SourceText: "Washington", TargetText: "Ukraine", Start: 0,
		Sentence: "Washington reaffirmed its support for Ukraine on Tuesday.", Confidence: 0.6, Time: t2})
}

func c6() graph.Claim {
	return claim(articleA2(), graph.Claim{Source: nato, Target: rus, Type: graph.Threaten,
		Predicate: "warned", SourceText: "NATO", TargetText: "Russia", Start: 58,
		Sentence: "NATO and the United States warned Russia against any escalation.", Confidence: 0.7, Time: t2})
}

func c7() graph.Claim {
	return claim(articleA2(), graph.Claim{Source: usa, Target: rus, Type: graph.Threaten,
		Predicate: "warned", SourceText: "the United States", TargetText: "Russia", Start: 58,
		Sentence: "NATO and the United States warned Russia against any escalation.", Confidence: 0.5, Time: t2})
}

func c8() graph.Claim {
	return claim(articleA2(), graph.Claim{Source: rus, Target: ukr, Type: graph.Assault, Negated: true,
		Predicate: "did not strike", SourceText: "Moscow", TargetText: "Ukrainian", Start: 123,
		Sentence: "Moscow insisted it did not strike Ukrainian civilian sites.", Confidence: 0.6, Time: t2})
}

func c22() graph.Claim { // only in the revised a2 that the reload test saves
	return claim(articleA2(), graph.Claim{Source: usa, Target: ukr, Type: graph.Consult,
		Predicate: "held talks with", SourceText: "Washington", TargetText: "Ukrainian", Start: 58,
		Sentence: "Washington held talks with Ukrainian officials.", Confidence: 0.7, Time: t2})
}

func c9() graph.Claim {
	return claim(articleA3(), graph.Claim{Source: irn, Target: houthis, Type: graph.Support,
		Predicate: "-backed", SourceText: "Iran", TargetText: "Houthis", Start: 0,
		Sentence: "Iran-backed Houthis fired missiles at ships in the Red Sea.", Confidence: 0.85, Time: t3})
}

func c10() graph.Claim {
	return claim(articleA3(), graph.Claim{Source: irn, Target: houthis, Type: graph.Aid,
		Predicate: "arms", SourceText: "Tehran", TargetText: "the group", Start: 59,
		Sentence: "Analysts say Tehran arms the group.", Confidence: 0.6, Time: t3})
}

func c11() graph.Claim {
	return claim(articleA3(), graph.Claim{Source: houthis, Target: usa, Type: graph.Assault,
		Predicate: "attacked", SourceText: "The Houthis", TargetText: "a U.S. destroyer", Start: 95,
		Sentence: "The Houthis attacked a U.S. destroyer overnight.", Confidence: 0.75, Time: t3})
}

func c12() graph.Claim {
	return claim(articleA3(), graph.Claim{Source: usa, Target: houthis, Type: graph.Assault,
		Predicate: "struck", SourceText: "U.S. forces", TargetText: "Houthi", Start: 143,
		Sentence: "U.S. forces struck Houthi launch sites in response.", Confidence: 0.8, Time: t3})
}

func c13() graph.Claim {
	return claim(articleA3(), graph.Claim{Source: irn, Target: usa, Type: graph.Assault, Negated: true,
		Predicate: "did not attack", SourceText: "Iran", TargetText: "American", Start: 195,
		Sentence: "Iran said it did not attack American forces.", Confidence: 0.4, Time: t3})
}

func c14() graph.Claim {
	return claim(articleA4(), graph.Claim{Source: ukr, Target: can, Type: graph.Request,
		Predicate: "urged", SourceText: "Ukraine", TargetText: "Canada", Start: 0,
		Sentence: "Ukraine urged Canada to send more air defence systems.", Confidence: 0.65, Time: t4})
}

func c15() graph.Claim {
	return claim(articleA4(), graph.Claim{Source: nato, Target: irn, Type: graph.Request,
		Predicate: "called on", SourceText: "NATO", TargetText: "Iran", Start: 55,
		Sentence: "NATO called on Iran to stop supplying drones.", Confidence: 0.55, Time: t4})
}

func c16() graph.Claim {
	return claim(articleA4(), graph.Claim{Source: kremlin, Target: nato, Type: graph.Accuse,
		Predicate: "accused", SourceText: "The Kremlin", TargetText: "the alliance", Start: 101,
		Sentence: "The Kremlin accused the alliance of prolonging the war.", Confidence: 0.7, Time: t4})
}

func c17() graph.Claim {
	return claim(articleA4(), graph.Claim{Source: rus, Target: ukr, Type: graph.Assault,
		Predicate: "shelled", SourceText: "Russian forces", TargetText: "Kharkiv", Start: 157,
		Sentence: "Russian forces shelled Kharkiv again.", Confidence: 0.9, Time: t4})
}

func c18() graph.Claim {
	return claim(articleA5(), graph.Claim{Source: rus, Target: ukr, Type: graph.Assault,
		Predicate: "struck", SourceText: "Russia", TargetText: "Ukraine's", Start: 0,
		Sentence: "Russia struck Ukraine's power grid on Thursday.", Confidence: 0.5, Time: t5Thursday})
}

func c19() graph.Claim {
	return claim(articleA5(), graph.Claim{Source: usa, Target: kremlin, Type: graph.Sanction,
		Predicate: "imposed sanctions on", SourceText: "Washington", TargetText: "the Kremlin", Start: 48,
		Sentence: "Washington imposed sanctions on the Kremlin's inner circle.", Confidence: 0.8, Time: t5})
}

func c20() graph.Claim {
	return claim(articleA5(), graph.Claim{Source: usa, Target: ukr, Type: graph.Support,
		Modality: graph.Pledged, Predicate: "will support", SourceText: "The U.S.", TargetText: "Kyiv",
		Start: 108, Sentence: "The U.S. will support Kyiv's reconstruction, a diplomat hinted.", Confidence: 0.3,
		Time: t5})
}

// The fixture's actors. Articles name them with partial details; Save merges them by id.
func actorCanada() graph.Actor {
	return graph.Actor{ID: can, Name: "Canada", Kind: graph.KindState, Country: "CAN", QID: "Q16"}
}

func actorBritain() graph.Actor {
	return graph.Actor{ID: gbr, Name: "United Kingdom", Kind: graph.KindState, Country: "GBR", QID: "Q145",
		Aliases: []string{"UK", "Britain"}}
}

func actorIran() graph.Actor {
	return graph.Actor{ID: irn, Name: "Iran", Kind: graph.KindState, Country: "IRN", QID: "Q794",
		Aliases: []string{"Islamic Republic of Iran"}}
}

func actorUkraine() graph.Actor {
	return graph.Actor{ID: ukr, Name: "Ukraine", Kind: graph.KindState, Country: "UKR", QID: "Q212"}
}

func actorHouthis() graph.Actor {
	return graph.Actor{ID: houthis, Name: "Houthis", Kind: graph.KindArmedGroup, Country: "YEM",
		Aliases: []string{"Houthi rebels", "Ansar Allah"}}
}

func actorWagner() graph.Actor {
	return graph.Actor{ID: wagner, Name: "Wagner Group", Kind: graph.KindArmedGroup, Country: "RUS",
		Aliases: []string{"Russian mercenaries"}}
}

func actorKremlin() graph.Actor {
	return graph.Actor{ID: kremlin, Name: "Russian Government", Kind: graph.KindGovernment, Country: "RUS",
		Aliases: []string{"the Kremlin", "Moscow"}}
}

func actorNATO() graph.Actor {
	return graph.Actor{ID: nato, Name: "NATO", Kind: graph.KindIGO, QID: "Q7184",
		Aliases: []string{"the alliance", "North Atlantic Treaty Organization"}}
}

func actorStoltenberg() graph.Actor {
	return graph.Actor{ID: stoltenberg, Name: "Jens Stoltenberg", Kind: graph.KindPerson, Country: "NOR"}
}

// Fixture returns a fresh copy of the conformance suite's data: five articles, eleven actors of
// several kinds and twenty-one claims of several types, times and confidences, two of them
// negated and one an AFFILIATION. Russia and the United States are named with different details
// in different articles, so that saving it exercises the merging of actors. Tests of other
// packages may use it to seed a store.
func Fixture() []graph.Extraction {
	return []graph.Extraction{
		{
			Article: articleA1(),
			Actors: []graph.Actor{
				actorNATO(), actorUkraine(), actorStoltenberg(),
				{ID: usa, Name: "United States", Kind: graph.KindState, Country: "USA", QID: "Q30",
					Aliases: []string{"U.S.", "United States of America", "America"}},
				{ID: rus, Name: "Russia", Kind: graph.KindState, Aliases: []string{"Russian Federation"}},
			},
			Claims: []graph.Claim{c1(), c2(), c3(), c4(), c21()},
		},
		{
			Article: articleA2(),
			Actors: []graph.Actor{
				actorNATO(), actorUkraine(),
				{ID: usa, Name: "US government", Aliases: []string{"Washington", "U.S."}},
				{ID: rus, Name: "Russian Federation", Kind: graph.KindState, Country: "RUS", QID: "Q159"},
			},
			Claims: []graph.Claim{c5(), c6(), c7(), c8()},
		},
		{
			Article: articleA3(),
			Actors:  []graph.Actor{actorIran(), actorHouthis(), {ID: usa, Name: "United States"}},
			Claims:  []graph.Claim{c9(), c10(), c11(), c12(), c13()},
		},
		{
			Article: articleA4(),
			Actors: []graph.Actor{actorUkraine(), actorCanada(), actorNATO(), actorIran(), actorKremlin(),
				{ID: rus, Name: "Russia"}},
			Claims: []graph.Claim{c14(), c15(), c16(), c17()},
		},
		{
			Article: articleA5(),
			// Britain and Wagner are named in the text but take part in no claim.
			Actors: []graph.Actor{{ID: rus, Name: "Russia"}, actorUkraine(), {ID: usa, Name: "United States"},
				actorKremlin(), actorBritain(), actorWagner()},
			Claims: []graph.Claim{c18(), c19(), c20()},
		},
	}
}

// withID returns the claim as a store returns it: with ClaimID when it came without an id.
func withID(c graph.Claim) graph.Claim {
	if c.ID == "" {
		c.ID = graph.ClaimID(c)
	}
	return c
}
