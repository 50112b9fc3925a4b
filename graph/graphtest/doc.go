// Package graphtest is the conformance suite that every graph.Store passes with the same answers.
//
// A store's own test calls Run with a function that opens a fresh, empty store:
//
//	func TestConformance(t *testing.T) {
//		graphtest.Run(t, func(t *testing.T) graph.Store {
//			s, err := embedded.Open(t.TempDir())
//			if err != nil {
//				t.Fatal(err)
//			}
//			return s
//		})
//	}
//
// Run loads a small, hand-made fixture (see Fixture): five articles about the war in Ukraine and
// the Red Sea, with states, a government, an IGO, armed groups and a person with an AFFILIATION,
// and claims of several types, times and confidences, two of them negated. Its subtests check:
//
//   - Load: counts, merged actors, articles, and that the store keeps copies of what it is given
//     and hands out copies of what it holds.
//   - Reload: saving the same articles again, one at a time or all at once, changes nothing;
//     saving an article again with other claims replaces them; an article given twice in one
//     batch ends as its later copy.
//   - SaveErrors: a claim naming an unknown actor or type, an actor of an unknown kind and a
//     confidence that is NaN or infinite are ErrInvalid, and one such article refuses its whole
//     batch, the valid articles before it included; actors already stored need not be given
//     again.
//   - Queries: actor lookup, one at a time and many at once (ActorsByID: present, missing,
//     repeated and no ids), actor search (white space alone is no search), relations with every
//     filter and pagination, neighbourhoods to 3 hops, shortest paths and evidence.
//
// Every expected answer is written out by hand in the test, from the contract documented in
// package graph. A few points that contract leaves to its readers are fixed here:
//
//   - Stats.Relations counts every (source, type, target) with at least one non-negated claim,
//     AFFILIATION included.
//   - Ids and names are compared byte by byte (as Go's strings.Compare does).
//   - Relations, neighbourhoods and paths about an actor that does not exist: Relations answers
//     an empty page, Neighborhood and ShortestPath report graph.ErrNotFound.
//   - Evidence answers a page for every key asked, empty for a key without claims.
//   - Times come back as the same instants (compared in UTC); zero times stay zero.
//   - Scores agree within 1e-9.
//
// Bench measures a store in one run, so that stores can be compared as ratios: a batched Save
// against one Save per article, and 2-hop neighbourhoods. Generated makes its synthetic corpus.
package graphtest
