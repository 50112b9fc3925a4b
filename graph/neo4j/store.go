package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// DefaultBatchSize is how many articles (about 500 claims) one write transaction holds unless
// Options says otherwise. Measured on 20,000 synthetic claims (BENCHMARKS.md), 100 articles a
// transaction cost Neo4j the least CPU per claim: 20 cost 1.7 times as much (per-transaction
// overhead) and 1,000 cost 1.2 times as much (transaction state and garbage collection). With
// the write statement planned once (replan=skip), 400 articles a transaction still cost as much
// as 100 once planning is left out, and more with it: Neo4j plans again for each new bucket of
// list sizes, 3 to 5 s each on this machine.
const DefaultBatchSize = 100

// FullTextIndex is the name of the full-text index on actor names and aliases.
const FullTextIndex = "dyad_actor_names"

// Options say where the database is and how to write to it.
type Options struct {
	URI      string // bolt://host:7687 or neo4j://host:7687
	User     string // empty for a server without authentication
	Password string
	Database string // empty for the server's default database
	// BatchSize is how many articles one write transaction holds (<= 0: DefaultBatchSize).
	// 1 writes each article in its own transaction.
	BatchSize int
	// ConnectTimeout bounds Open's first contact with the server (<= 0: DefaultConnectTimeout),
	// so that a port that accepts connections but never answers is reported, not waited on.
	ConnectTimeout time.Duration
	// RetryTime is how long the driver retries a transaction that fails for a transient reason,
	// such as a server that went away (<= 0: DefaultRetryTime).
	RetryTime time.Duration
}

// Defaults of Options.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultRetryTime      = 10 * time.Second
)

// maxOperation bounds an operation whose caller set no deadline. The driver reads from the
// network without watching a context that has none: with a deadline, Ctrl-C (a canceled
// context) stops a read from a server that does not answer.
const maxOperation = 30 * time.Minute

// bounded gives ctx a deadline if it has none; see maxOperation.
func bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, maxOperation)
}

// Store is a graph.Store kept in Neo4j. It is safe for concurrent use.
type Store struct {
	driver    driver.DriverWithContext
	database  string
	batchSize int
	bookmarks driver.BookmarkManager
}

var _ graph.Store = (*Store)(nil)

// schema creates the constraints and indexes, each only if it does not exist.
var schema = append(append([]string{
	"CREATE CONSTRAINT dyad_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
	"CREATE CONSTRAINT dyad_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
	"CREATE CONSTRAINT dyad_claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE",
	"CREATE CONSTRAINT dyad_state_key IF NOT EXISTS FOR (s:DyadState) REQUIRE s.key IS UNIQUE",
	"CREATE CONSTRAINT dyad_article_text IF NOT EXISTS FOR (x:ArticleText) REQUIRE x.article IS UNIQUE",
	"CREATE INDEX dyad_claim_article IF NOT EXISTS FOR (c:Claim) ON (c.article)",
	"CREATE INDEX dyad_claim_source IF NOT EXISTS FOR (c:Claim) ON (c.source)",
	"CREATE INDEX dyad_claim_target IF NOT EXISTS FOR (c:Claim) ON (c.target)",
	// The claims of one dyad, read whenever a write recomputes its derived edges.
	"CREATE INDEX dyad_claim_pair IF NOT EXISTS FOR (c:Claim) ON (c.source, c.target)",
	"CREATE FULLTEXT INDEX " + FullTextIndex + " IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.aliasText, a.searchText] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
}, edgeCountIndexes()...), "CALL db.awaitIndexes(300)")

// Open connects to Neo4j, checks that it answers and creates the schema dyad needs.
func Open(ctx context.Context, o Options) (*Store, error) {
	if o.URI == "" {
		return nil, errors.New("neo4j: no URI given")
	}
	auth := driver.NoAuth()
	if o.User != "" {
		auth = driver.BasicAuth(o.User, o.Password, "")
	}
	connect := o.ConnectTimeout
	if connect <= 0 {
		connect = DefaultConnectTimeout
	}
	retry := o.RetryTime
	if retry <= 0 {
		retry = DefaultRetryTime
	}
	d, err := driver.NewDriverWithContext(o.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = connect
		c.ConnectionAcquisitionTimeout = connect
		c.MaxTransactionRetryTime = retry
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: %w", err)
	}
	verifyCtx, cancel := context.WithTimeout(ctx, connect)
	err = d.VerifyConnectivity(verifyCtx)
	cancel()
	if err != nil {
		closeQuickly(d)
		if ctx.Err() == nil && verifyCtx.Err() != nil {
			err = fmt.Errorf("no answer within %s; is a Neo4j Bolt server listening there?", connect)
		}
		return nil, fmt.Errorf("neo4j: connecting to %s: %w", o.URI, err)
	}
	s := &Store{
		driver:    d,
		database:  o.Database,
		batchSize: o.BatchSize,
		bookmarks: driver.NewBookmarkManager(driver.BookmarkManagerConfig{}),
	}
	if s.batchSize <= 0 {
		s.batchSize = DefaultBatchSize
	}
	if err := s.createSchema(ctx); err != nil {
		closeQuickly(d)
		return nil, err
	}
	return s, nil
}

// closeQuickly closes a driver without waiting long for a server that does not answer.
func closeQuickly(d driver.DriverWithContext) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	d.Close(ctx)
}

func (s *Store) createSchema(ctx context.Context) error {
	ctx, cancel := bounded(ctx)
	defer cancel()
	session := s.session(ctx, driver.AccessModeWrite)
	defer session.Close(ctx)
	for _, q := range schema {
		res, err := session.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("neo4j: creating the schema (%s): %w", strings.Fields(q)[1], err)
		}
	}
	return nil
}

// Close releases the driver's connections, waiting at most a few seconds for the server.
func (s *Store) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.driver.Close(ctx)
}

func (s *Store) session(ctx context.Context, mode driver.AccessMode) driver.SessionWithContext {
	return s.driver.NewSession(ctx, driver.SessionConfig{
		AccessMode:      mode,
		DatabaseName:    s.database,
		BookmarkManager: s.bookmarks,
	})
}

// read runs work in a managed read transaction, which the driver retries on transient errors.
func read[T any](ctx context.Context, s *Store, work func(tx driver.ManagedTransaction) (T, error)) (T, error) {
	ctx, cancel := bounded(ctx)
	defer cancel()
	session := s.session(ctx, driver.AccessModeRead)
	defer session.Close(ctx)
	return driver.ExecuteRead(ctx, session, driver.ManagedTransactionWorkT[T](work))
}

// write runs work in a managed write transaction, which the driver retries on transient errors.
func write[T any](ctx context.Context, s *Store, work func(tx driver.ManagedTransaction) (T, error)) (T, error) {
	ctx, cancel := bounded(ctx)
	defer cancel()
	session := s.session(ctx, driver.AccessModeWrite)
	defer session.Close(ctx)
	return driver.ExecuteWrite(ctx, session, driver.ManagedTransactionWorkT[T](work))
}

// collect runs a query in tx and returns its records.
func collect(ctx context.Context, tx driver.ManagedTransaction, query string, params map[string]any) ([]*driver.Record, error) {
	ctx, cancel := bounded(ctx)
	defer cancel()
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// exec runs a query in tx for its effect.
func exec(ctx context.Context, tx driver.ManagedTransaction, query string, params map[string]any) error {
	ctx, cancel := bounded(ctx)
	defer cancel()
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	var sub []string
	for _, t := range graph.Types {
		p, err := typePattern([]graph.RelationType{t.Type})
		if err != nil {
			return graph.Stats{}, err
		}
		// Derived edges join actors only; without labels on the ends the count comes from the
		// count store rather than a scan.
		sub = append(sub, "MATCH ()-[r:"+p+"]->() RETURN count(r) AS n")
	}
	query := `
CALL { MATCH (a:Actor) RETURN count(a) AS actors }
CALL { MATCH (a:Article) RETURN count(a) AS articles }
CALL { MATCH (c:Claim) RETURN count(c) AS claims }
CALL { ` + strings.Join(sub, " UNION ALL ") + ` }
RETURN actors, articles, claims, sum(n) AS relations`
	return read(ctx, s, func(tx driver.ManagedTransaction) (graph.Stats, error) {
		recs, err := collect(ctx, tx, query, nil)
		if err != nil || len(recs) != 1 {
			return graph.Stats{}, wrap("stats", err, len(recs))
		}
		r := recs[0]
		return graph.Stats{
			Actors:    int(asInt(get(r, "actors"))),
			Articles:  int(asInt(get(r, "articles"))),
			Claims:    int(asInt(get(r, "claims"))),
			Relations: int(asInt(get(r, "relations"))),
		}, nil
	})
}

// wrap names the operation in a driver error, or reports an unexpected number of records.
func wrap(op string, err error, records int) error {
	if err != nil {
		return fmt.Errorf("neo4j: %s: %w", op, err)
	}
	return fmt.Errorf("neo4j: %s: got %d records, want 1", op, records)
}
