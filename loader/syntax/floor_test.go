package syntax

// The floors of TestEmbeddedModelOnDev: a little under what the embedded model scores on EWT dev
// with the tagger's tags (model/README.md).
const minDevUAS, minDevLAS = 83.0, 79.0
