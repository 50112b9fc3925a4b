// Package actors is the loader's actors stage: it finds the mentions of actors in a text's
// sentences and resolves each to canonical actors, through the Gazetteer (countries with their
// seats, capitals, demonyms and places; organisations; sector words such as "troops"; role
// words; people with dated roles) and through what the document has named before (people named
// again by surname, acronyms defined in the text, "the alliance", pronouns).
//
// Find reads a text.Doc and hands the events stage a Doc: for each sentence its Mentions (a
// token span, the actors it stands for, how it names them and flags such as locative or
// possessive) and the Persons it introduces with a role; and the actors made for the document
// (people, candidate names), which Doc.Actor looks up beside the gazetteer's.
//
// Files: gazetteer.go (the gazetteer and its file formats; the built-in files are those of
// package loader/data), datedroles.go (the people dictionary), mentions.go (the mention
// finder), persons.go (people with roles), groups.go (parts of a state, groups without a state,
// "X-backed" and "X-based" groups), references.go ("the alliance", pronouns), resolve.go (a
// name resolved outside a text), actors.go (Doc and Find).
//
// The Gazetteer also holds the relation lexicon (package lexicon), read from the same files;
// the events stage reads it from there.
package actors
