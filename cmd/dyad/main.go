package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"

	"github.com/dyadgraph/dyad/buildinfo"
)

// command is one subcommand of dyad.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command reads and writes, so tests can run commands in process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

var commands []command

func init() {
	commands = []command{
		{"load", "extract claims from articles and store them", runLoad},
		{"serve", "serve GraphQL and the playground", runServe},
		{"watch", "poll RSS/Atom feeds and load what is new or changed", runWatch},
		{"actors", "list likely duplicate actors in a store (dyad actors duplicates)", runActors},
		{"export", "export the graph or a part of it for Gephi, NetworkX, Neo4j, pandas...", runExport},
		{"extract", "print the relations found in articles, without storing them", runExtract},
		{"explain", "show what extraction read in each sentence: tags, tree, actors, predicates, claims", runExplain},
		{"eval", "score extraction against a gold JSONL file", runEval},
		{"bench", "measure extraction throughput (dyad bench extract) or a store (dyad bench store)", runBench},
		{"gen", "write a synthetic news-like corpus into a store, for benchmarks", runGen},
		{"loadtest", "soak a server on this machine with clients of mixed queries", runLoadTest},
		{"version", "print dyad's version, commit and build date (also dyad --version)", runVersion},
	}
}

// errFailed reports that a command has already told the user what went wrong.
var errFailed = errors.New("failed")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{&interruptibleReader{ctx: ctx, r: os.Stdin}, os.Stdout, os.Stderr, os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

// run runs the command named by args[0] and returns the exit status: 0 on success, 1 when the
// command failed (in part), 2 for a usage error. No panic escapes it.
func run(ctx context.Context, e *env, args []string) (code int) {
	shared := *e // commands report from several goroutines: one message at a time
	shared.stderr = &lockedWriter{w: e.stderr}
	e = &shared
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "dyad: internal error: %v\n%s", r, debug.Stack())
			code = 1
		}
	}()
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
		args = []string{"version"}
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(e.stderr, "dyad %s: %v\n", c.name, err)
			return 2
		case errors.Is(err, errFailed):
			return 1
		default:
			fmt.Fprintf(e.stderr, "dyad %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "dyad: unknown command %q\n", args[0])
	usage(e.stderr)
	return 2
}

// runVersion prints the version line of buildinfo.Info.
func runVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "", "Version prints the module version, the commit and the commit's date that the Go\n"+
		"toolchain stamped into this binary (a build from a checkout is version (devel)).")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("version takes no arguments")
	}
	fmt.Fprintln(e.stdout, buildinfo.Get())
	return nil
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dyad turns news articles into a geopolitical relationship graph.")
	fmt.Fprintln(w, "\nUsage: dyad COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'dyad COMMAND --help' for a command's flags.")
}

// errUsage marks a mistake in how a command was called.
var errUsage = errors.New("usage")

func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// newFlags makes a flag set for a command whose help describes its arguments.
func newFlags(e *env, name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet("dyad "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: dyad %s [flags] %s\n\n%s\n\nFlags:\n", name, args, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning a bad flag into a usage error (the flag package has printed it).
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errFailedUsage
	}
	return nil
}

var errFailedUsage = fmt.Errorf("%w: see --help", errUsage)

// interruptibleReader reads r, but a Read returns ctx.Err() as soon as ctx is done, even while
// r blocks: without it, Ctrl-C during "dyad load -" from a terminal or a pipe that stays open
// would wait for input that may never come. The read in flight goes on in its goroutine, into
// the reader's own buffer, and is abandoned.
type interruptibleReader struct {
	ctx      context.Context
	r        io.Reader
	buf      []byte // owned by the goroutine while a read is in flight
	pending  []byte // read but not yet returned
	err      error  // r's error, returned once pending is empty
	inFlight bool
	done     chan readResult
}

type readResult struct {
	n   int
	err error
}

func (ir *interruptibleReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if len(ir.pending) > 0 {
		n := copy(p, ir.pending)
		ir.pending = ir.pending[n:]
		return n, nil
	}
	if ir.err != nil {
		return 0, ir.err
	}
	if err := ir.ctx.Err(); err != nil {
		return 0, err
	}
	if !ir.inFlight {
		if cap(ir.buf) < len(p) {
			ir.buf = make([]byte, len(p))
		}
		if ir.done == nil {
			ir.done = make(chan readResult, 1)
		}
		ir.inFlight = true
		buf := ir.buf[:len(p)]
		go func() {
			n, err := ir.r.Read(buf)
			ir.done <- readResult{n, err}
		}()
	}
	select {
	case res := <-ir.done:
		ir.inFlight = false
		n := copy(p, ir.buf[:res.n])
		ir.pending, ir.err = ir.buf[n:res.n], res.err
		if n == 0 && res.err != nil {
			return 0, res.err
		}
		return n, nil
	case <-ir.ctx.Done():
		return 0, ir.ctx.Err()
	}
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
