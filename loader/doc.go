// Package loader turns news articles into claims: it reads articles from text and JSONL files,
// cleans page furniture out of them, splits sentences, finds actor mentions and resolves them
// to canonical actors through a gazetteer, and matches relation patterns between them.
//
// Every claim keeps its evidence: the article, the sentence and its character offsets, the
// extractor's name and version, a confidence, a negation flag and a modality.
package loader
