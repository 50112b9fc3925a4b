// Package eval scores extracted relations against gold data, with the matching rules of the
// project's reference scorer (../shared/eval/score.py), so that `dyad eval` and score.py give
// the same numbers for the same predictions.
//
// # Gold files
//
// A gold file is JSONL: one record per line, blank lines skipped. A record is a sentence (for
// sentence-level scoring) or a whole article (for article-level scoring):
//
//	{"id": "r1", "text": "Chile and Peru have signed a fisheries pact.",
//	 "events": [{"source": "CHL", "target": "PER", "code": "SUPPORT"},
//	            {"source": "PER", "target": "CHL", "code": "SUPPORT"}]}
//
// Record fields:
//   - id (required): a string or a number; predictions name it as their article.
//   - text: the sentence or article to extract from. `dyad eval` feeds it to the extractor; the
//     scoring itself does not read it.
//   - events (required, may be []): what a careful reader takes from the text.
//
// Event fields:
//   - source, target: CAMEO-style actor codes. Only the first three letters are compared, with
//     the actor's country (ISO 3166-1 alpha-3), or, for an actor without a country, with its
//     kind: "IGO" for IGO, "NGO" for NGO, "IMG" for ARMED_GROUP. So USA, USAGOV and USAMIL all
//     mean "an American actor", and IGOEUREEC means "some intergovernmental organisation".
//     Old CAMEO codes JAP, ITL and VTN count as JPN, ITA and VNM.
//   - source_names, target_names: when this list is not empty, the actor must match by name
//     instead of by code: a name matches when, normalised (lower case, "the " removed, only
//     letters, digits and spaces kept), it equals the actor's normalised name, id or one of its
//     aliases, or, being longer than three characters, is contained in one of them ("houthi"
//     is in "houthi rebels").
//   - code: the relation type. A PLOVER type (SUPPORT); alternatives joined by "|"
//     ("SUPPORT|AID": either is right); a CAMEO code (only its two-digit root is compared with
//     the prediction's cameo: "042" matches "04"); or AFFILIATION. The older labels DEMAND,
//     DISAPPROVE, INVESTIGATE and FIGHT count as REQUEST, ACCUSE, ACCUSE and ASSAULT, in gold
//     and predictions alike.
//   - core (article level; default true): a core event must be found. A non-core event is
//     credited when found and never counted as missing.
//   - why (article level): the words that state the event, shown when it is missing.
//   - source_text, target_text (optional): the words of the text that name each actor. The
//     scorer does not read them; the claim model's trainer (tools/claimtrain) labels the
//     candidate pairs of mentions with them.
//
// Other fields (note, predicate, ...) are allowed and ignored.
//
// # Predictions
//
// Predictions are the `dyad extract` contract, one JSON line per article:
//
//	{"article": ID, "relations": [{"source": ACTOR, "target": ACTOR, "type": "SUPPORT",
//	  "cameo": "05", "negated": false, "sentence": "...", ...}]}
//
// where ACTOR is {"id", "name", "kind", "country", "aliases"}. Lines for the same article are
// joined; an "id" field stands in for a missing "article". FromExtraction builds the same
// relations from an extraction in memory.
//
// # Scores
//
// Score is sentence-level micro precision, recall and F1 at two levels: dyad+type (source,
// target and type must all match) and dyad (source and target only). Per record, AFFILIATION and
// negated relations are left out, relations with the same (source, target, type) count once,
// and each gold event takes the first unused relation that matches it (greedy). Unmatched
// relations are false positives, unmatched events false negatives.
//
// ScoreArticles is article-level: per record, recall over its core events (found when any
// non-negated relation matches), and precision over its distinct predicted triples (right
// when they match any gold event, core or not).
//
// Where score.py would stop with a Python exception (a record without id or events, a field of
// the wrong type), this package reports the file and line instead; a missing core event without
// "why" is shown as "SOURCE CODE TARGET". Everything else prints exactly as score.py prints it,
// which a test checks against score.py itself on generated predictions.
package eval
