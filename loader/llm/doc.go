// Package llm is an optional, model-based loader.Extractor: it asks a large language model,
// served behind an OpenAI-compatible chat-completions endpoint (a local Ollama at
// http://localhost:11434/v1, a vLLM or llama.cpp server, or a hosted API), for the relations in
// an article, and turns its answer into claims with the same evidence the rule-based extractor
// keeps. It is off unless configured: nothing in dyad calls a model unless given its address.
//
// # What is asked
//
// Each request (POST {BaseURL}/chat/completions) carries a system prompt that defines the
// sixteen PLOVER types and AFFILIATION in a line each, the article's text (page furniture
// blanked by loader.Blank), temperature 0, and a strict JSON schema as response_format, so the
// model answers with {"relations": [...]}, each relation naming its source and target as
// written, a type from the enum, the predicate as written, the sentence copied from the text,
// a negation flag, a modality, the role (for AFFILIATION) and a confidence. Articles longer than
// Config.MaxChunkChars are sent in chunks of whole paragraphs and the answers merged.
//
// # What is kept
//
// The model's answer is checked, never trusted:
//
//   - Evidence must be exact. Each relation's sentence is looked up in the chunk it came from,
//     ignoring differences of white space, typographic quotes and dashes; the claim's Sentence,
//     Start and End are then the document's own text and its code-point offsets. A sentence the
//     model paraphrased, or one shorter than three words, drops the relation.
//   - A type outside the vocabulary drops the relation; the CAMEO root comes from graph.Types.
//   - Actors resolve through an ActorResolver (the lead adapts the gazetteer to it), so model
//     and rules name the same actor with the same id. A name it cannot resolve becomes a
//     candidate actor ("candidate/<slug>", kind OTHER) and the claim's confidence is scaled by
//     CandidateFactor; it is never silently dropped. A relation whose two ends are the same
//     actor, or that lacks one, is dropped.
//
// Every claim names its extractor ("llm") and version ("llm/<model>/p<prompt version>"), so
// that loader.Combine can merge them with the rule-based claims and keep the provenance of each.
// Extractor.Stats counts what was asked, retried, kept and dropped, and why.
//
// # Failures
//
// HTTP 429, 408 and 5xx answers, timeouts and network errors are retried up to
// Config.MaxRetries times with doubling backoff, honouring Retry-After, and never past the
// context's deadline. Other HTTP errors fail at once (*StatusError). An answer that is not the
// JSON asked for (after stripping ```json fences and <think> blocks) fails with
// ErrMalformedOutput; errors name the article, its file and line, and the chunk.
package llm
