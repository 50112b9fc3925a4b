package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/embedded"
	"github.com/dyadgraph/dyad/graph/neo4j"
)

// storeFlags choose the store: Neo4j when a URI is given, else the embedded store.
type storeFlags struct {
	data                  string
	uri, user, pass, dbNm string
	neo4jBatch            int
	readOnly              bool          // set by serve --read-only
	retryTime             time.Duration // the driver's retry time for one transaction; 0 for its default
}

func (s *storeFlags) register(fs *flag.FlagSet, e *env) {
	fs.StringVar(&s.data, "data", envOr(e, "DYAD_DATA", "data"), "embedded store `directory` (env DYAD_DATA)")
	fs.StringVar(&s.uri, "neo4j", e.getenv("NEO4J_URI"), "Neo4j `URI`, e.g. bolt://127.0.0.1:7687 (env NEO4J_URI); empty for the embedded store")
	fs.StringVar(&s.user, "neo4j-user", e.getenv("NEO4J_USER"), "Neo4j user (env NEO4J_USER)")
	fs.StringVar(&s.pass, "neo4j-password", e.getenv("NEO4J_PASSWORD"), "Neo4j password (env NEO4J_PASSWORD)")
	fs.StringVar(&s.dbNm, "neo4j-database", e.getenv("NEO4J_DATABASE"), "Neo4j database (env NEO4J_DATABASE); empty for the default")
	fs.IntVar(&s.neo4jBatch, "neo4j-batch", neo4j.DefaultBatchSize, "`articles` per Neo4j write transaction")
}

// open opens the chosen store and says which one it is.
func (s *storeFlags) open(ctx context.Context) (graph.Store, string, error) {
	if s.uri != "" {
		st, err := neo4j.Open(ctx, neo4j.Options{URI: s.uri, User: s.user, Password: s.pass, Database: s.dbNm,
			BatchSize: s.neo4jBatch, RetryTime: s.retryTime})
		if err != nil {
			return nil, "", fmt.Errorf("neo4j at %s: %w", s.uri, err)
		}
		return st, "neo4j at " + redactedURI(s.uri), nil
	}
	open := embedded.Open
	if s.readOnly {
		open = embedded.OpenReadOnly
	}
	st, err := open(s.data)
	if errors.Is(err, embedded.ErrInUse) {
		return nil, "", fmt.Errorf("embedded store in %s: %w; if dyad serve holds it, go through the server: "+
			"dyad load --server URL, dyad export --server URL (or GET URL/export?format=...)", s.data, err)
	}
	if err != nil {
		return nil, "", fmt.Errorf("embedded store in %s: %w", s.data, err)
	}
	if s.readOnly {
		return st, "embedded store in " + s.data + " (read-only)", nil
	}
	return st, "embedded store in " + s.data, nil
}

// redactedURI is a URI without the password it may carry, for messages and provenance.
func redactedURI(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.User == nil {
		return uri
	}
	return u.Redacted()
}

func envOr(e *env, key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}
