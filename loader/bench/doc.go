// Package bench measures extraction throughput: it builds a corpus of news-like text of a
// chosen size by shuffling the sentences of real articles, runs an extractor over it on one
// goroutine, and reports megabytes of text per second with the memory it took.
//
// The corpus is built in memory each time, from the shared evaluation texts (the sample
// article and the development set in ../shared/eval) when they are present, or from the
// repository's own sample articles otherwise; see Sources. It is never written to the
// repository. The shuffle is seeded, so a seed always gives the same corpus.
//
// Throughput is bytes of article text (UTF-8) over wall time, in MB/s with 1 MB = 10^6 bytes.
// For a one-core figure, run with GOMAXPROCS=1 or on an idle machine: Extract itself uses one
// goroutine, but the garbage collector works beside it.
//
// Memory is reported three ways: the peak of live heap objects while extracting (sampled),
// the bytes allocated per MB of text (garbage collector pressure), and the peak resident set
// size of the whole process (from getrusage, which also counts the corpus itself).
package bench
