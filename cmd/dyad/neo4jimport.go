package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/graph/neo4j"
)

// importFlags are --neo4j-import and --neo4j-launcher of dyad load and dyad gen: build a new
// Neo4j database with Neo4j's bulk importer (neo4j-admin database import full) instead of
// writing through transactions. DIR is a Neo4j home of tools/neo4j.sh (the launcher), which
// runs the importer with the jars it runs Neo4j with. The flow:
//
//  1. refuse if the launcher's server runs on DIR (the importer needs the database offline);
//  2. if DIR holds a database already, start the server, refuse unless it is empty, stop it;
//  3. extract (or generate) everything into memory, as the transactional Save would store it;
//  4. write the import CSV files into a temporary folder in DIR, run the importer;
//  5. start the server, let neo4j.Open create the constraints and indexes, complete the import
//     (empty lists), check the counts, stop the server. tools/neo4j.sh start DIR serves it.
type importFlags struct {
	home     string
	launcher string
}

func (f *importFlags) register(fs *flag.FlagSet, e *env) {
	fs.StringVar(&f.home, "neo4j-import", "", "build a new Neo4j database in the launcher home `DIR` (tools/neo4j.sh start DIR serves it)\n"+
		"with Neo4j's bulk importer, instead of writing to a store; the server must be stopped and the database new or empty")
	fs.StringVar(&f.launcher, "neo4j-launcher", envOr(e, "DYAD_NEO4J_LAUNCHER", filepath.Join("tools", "neo4j.sh")),
		"the Neo4j launcher `script` that --neo4j-import runs (env DYAD_NEO4J_LAUNCHER)")
}

// databaseName is the database the launcher serves, which the import builds.
const databaseName = "neo4j"

// neo4jHome is a checked launcher home for an import.
type neo4jHome struct {
	dir, launcher string
	overwrite     bool // an empty database is there: the importer must replace it
	log           func(format string, args ...any)
}

// check refuses a home the importer must not write: a running server, or a database that holds
// anything. It runs before anything is extracted.
func (f *importFlags) check(ctx context.Context, e *env) (*neo4jHome, error) {
	if _, err := os.Stat(f.launcher); err != nil {
		return nil, fmt.Errorf("--neo4j-import: the Neo4j launcher %s: %w; run dyad from the repository's root or give --neo4j-launcher", f.launcher, err)
	}
	if err := os.MkdirAll(f.home, 0o755); err != nil {
		return nil, fmt.Errorf("--neo4j-import: %w", err)
	}
	dir, err := filepath.Abs(f.home)
	if err != nil {
		return nil, fmt.Errorf("--neo4j-import: %w", err)
	}
	h := &neo4jHome{dir: dir, launcher: f.launcher, log: func(format string, args ...any) {
		fmt.Fprintf(e.stderr, "dyad: neo4j import: "+format+"\n", args...)
	}}
	if running, err := h.running(ctx); err != nil {
		return nil, err
	} else if running {
		return nil, fmt.Errorf("--neo4j-import: Neo4j is running on %s, and its bulk importer needs the database offline; "+
			"stop it first (%s stop %s), or load into it with --neo4j URI", dir, h.launcher, dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "databases", databaseName)); err == nil {
		h.log("%s holds a database already; starting it to see whether it is empty", dir)
		empty, err := h.withServer(ctx, func(st *neo4j.Store) (bool, error) { return st.Empty(ctx) })
		if err != nil {
			return nil, fmt.Errorf("%w\n(if an earlier import into %s failed or was interrupted, its database is unusable: remove %s and try again)",
				err, dir, filepath.Join(dir, "data"))
		}
		if !empty {
			return nil, fmt.Errorf("--neo4j-import: the database in %s is not empty; the bulk importer builds a new database: "+
				"give a new DIR, or load into this one through transactions (tools/neo4j.sh start %s, then dyad load --neo4j URI)", dir, dir)
		}
		h.overwrite = true
	}
	return h, nil
}

// launch runs the launcher with args; its stdout is returned, its stderr kept for the error.
func (h *neo4jHome) launch(ctx context.Context, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, h.launcher, args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return stdout.String(), fmt.Errorf("%s %s: exit status %d:\n%s", h.launcher, args[0], exit.ExitCode(), lastLines(stderr.String(), 30))
		}
		return stdout.String(), fmt.Errorf("%s %s: %w", h.launcher, args[0], err)
	}
	return stdout.String(), nil
}

// lastLines is the end of a command's output, enough to tell what went wrong: without Java's
// stack frames and the importer's progress dots.
func lastLines(s string, n int) string {
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		trimmed := strings.TrimSpace(l)
		if strings.HasPrefix(trimmed, "at ") || strings.HasPrefix(trimmed, "... ") || strings.HasPrefix(trimmed, ".") {
			continue
		}
		lines = append(lines, l)
	}
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// running asks the launcher whether its server runs on the home (status exits 3 when not).
func (h *neo4jHome) running(ctx context.Context) (bool, error) {
	cmd := exec.CommandContext(ctx, h.launcher, "status", h.dir)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &exit) && exit.ExitCode() == 3:
		return false, nil
	}
	return false, fmt.Errorf("%s status %s: %v: %s", h.launcher, h.dir, err, out)
}

// withServer starts the home's server on a free port (NEO4J_PORT if set), opens it, runs work
// and stops the server again, whatever happens.
func (h *neo4jHome) withServer(ctx context.Context, work func(st *neo4j.Store) (bool, error)) (bool, error) {
	var env []string
	if os.Getenv("NEO4J_PORT") == "" {
		env = append(env, "NEO4J_PORT=0")
	}
	out, err := h.launch(ctx, env, "start", h.dir)
	defer func() {
		// A fresh context: an interrupted import still stops the server it started.
		stopCtx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		if _, err := h.launch(stopCtx, nil, "stop", h.dir); err != nil {
			h.log("stopping Neo4j: %v", err)
		}
	}()
	if err != nil {
		return false, fmt.Errorf("--neo4j-import: starting Neo4j on %s: %w", h.dir, err)
	}
	var uri string
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(line, "export NEO4J_URI="); ok {
			uri = strings.Trim(v, "'")
		}
	}
	if uri == "" {
		return false, fmt.Errorf("--neo4j-import: %s start printed no NEO4J_URI", h.launcher)
	}
	st, err := neo4j.Open(ctx, neo4j.Options{URI: uri})
	if err != nil {
		return false, fmt.Errorf("--neo4j-import: %w", err)
	}
	defer st.Close()
	return work(st)
}

// importTimes are the phases of an import, for the summary and the benchmark.
type importTimes struct {
	csv, admin, schema time.Duration
}

func (t importTimes) total() time.Duration { return t.csv + t.admin + t.schema }

// build writes the import files of b, runs the importer and makes the database ready to serve:
// the constraints and indexes of neo4j.Open, the completion of the import, and counts that
// match what b holds.
func (h *neo4jHome) build(ctx context.Context, b *neo4j.Bulk) (importTimes, error) {
	var times importTimes
	start := time.Now()
	csvDir, err := os.MkdirTemp(h.dir, "import-csv-")
	if err != nil {
		return times, fmt.Errorf("--neo4j-import: %w", err)
	}
	defer os.RemoveAll(csvDir)
	files, err := b.WriteCSV(csvDir)
	if err != nil {
		return times, fmt.Errorf("--neo4j-import: %w", err)
	}
	times.csv = time.Since(start)
	h.log("import files written in %s; running neo4j-admin database import full", times.csv.Round(time.Millisecond))

	start = time.Now()
	if _, err := h.launch(ctx, nil, append([]string{"admin", h.dir}, files.AdminArgs(databaseName, h.overwrite)...)...); err != nil {
		return times, fmt.Errorf("--neo4j-import: neo4j-admin database import: %w", err)
	}
	times.admin = time.Since(start)
	h.log("neo4j-admin imported in %s; starting Neo4j to create the constraints and indexes", times.admin.Round(time.Millisecond))

	start = time.Now()
	want := b.Stats()
	_, err = h.withServer(ctx, func(st *neo4j.Store) (bool, error) {
		if err := st.CompleteImport(ctx); err != nil {
			return false, err
		}
		got, err := st.Stats(ctx)
		if err != nil {
			return false, err
		}
		if got != want {
			return false, fmt.Errorf("the imported database counts %+v, the import files held %+v", got, want)
		}
		return true, nil
	})
	times.schema = time.Since(start)
	if err != nil {
		return times, fmt.Errorf("--neo4j-import: %w", err)
	}
	return times, nil
}

// bulkStore hands the batches of a load or a generation to a neo4j.Bulk. ingest.Run and
// generate call only Save and Articles (and Close); the other methods of graph.Store are not
// there, and are never called.
type bulkStore struct {
	graph.Store
	bulk *neo4j.Bulk
}

func (s bulkStore) Save(ctx context.Context, batch []graph.Extraction) error {
	return s.bulk.Save(ctx, batch)
}

func (s bulkStore) Articles(ctx context.Context, q graph.ArticleQuery) (graph.ArticlePage, error) {
	return s.bulk.Articles(ctx, q)
}

func (s bulkStore) Close() error { return nil }
