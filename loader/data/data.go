// Package data holds the built-in data files of the rule-based extractor, embedded: the
// gazetteer's countries, places, actors, sector words, roles and people, and the relation
// lexicon's patterns. README.md describes the formats; package actors reads them.
package data

import "embed"

// FS holds the *.tsv files of this directory, by their base names ("countries.tsv").
//
//go:embed *.tsv
var FS embed.FS
