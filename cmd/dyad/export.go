package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/export"
	"github.com/dyadgraph/dyad/graph"
)

func runExport(ctx context.Context, e *env, args []string) error {
	var about strings.Builder
	about.WriteString("Export writes a selection of the graph in a format that researchers' tools read. With\n" +
		"no selection flags it exports the whole graph; --actor with --hops exports a neighbourhood;\n" +
		"--actors a list of actors and the relations among them. The filter flags narrow the claims\n" +
		"that count, as the GraphQL RelationFilter does. Formats:\n")
	for _, f := range export.Formats {
		fmt.Fprintf(&about, "  %-13s %s\n", f.Name, f.About)
	}
	about.WriteString("neo4j-csv writes three files: -o DIR/ (or an existing directory) gives DIR/nodes.csv,\n" +
		"DIR/relationships.csv and DIR/provenance.json; -o PREFIX gives PREFIX-nodes.csv and so on.\n" +
		"A table (events-csv, events-jsonl, relations-csv) written to a file gets a Frictionless\n" +
		"datapackage.json beside it (events.csv: events.datapackage.json) with each column's type and\n" +
		"meaning. Every format carries its provenance: dyad's version, the selection, the time\n" +
		"(SOURCE_DATE_EPOCH, when set, for a reproducible file) and the store.\n" +
		"With --server, the export comes from a running dyad serve (GET /export), which may hold\n" +
		"the embedded store.")
	fs := newFlags(e, "export", "", about.String())
	var sf storeFlags
	sf.register(fs, e)
	format := fs.String("format", "", "the `format`: "+export.FormatNames())
	output := fs.String("o", "", "the output `file` (standard output if empty or -); for neo4j-csv a directory or file prefix")
	fs.String("actor", "", "the `id` of the actor at the centre of a neighbourhood")
	fs.Int("hops", 1, "how far from --actor: 0 to 3")
	fs.Int("limit", graph.DefaultLimit, "the most actors of a neighbourhood, 1 to 5000")
	fs.String("actors", "", "comma-separated actor `ids`: those actors and the relations among them")
	fs.String("types", "", "comma-separated relation `types` (AFFILIATION only when named)")
	fs.String("quad", "", "only relations of this quad `class`, e.g. MATERIAL_CONFLICT")
	fs.String("since", "", "only claims from this `date` (2024-02-24 or an RFC 3339 time)")
	fs.String("until", "", "only claims up to this `date`")
	fs.Float64("min-confidence", 0, "only claims of at least this confidence, 0 to 1")
	fs.Bool("rollup", false, "count a state's government and military as the state")
	serverURL := fs.String("server", e.getenv("DYAD_SERVER"), "export through the dyad serve at this `URL` (env DYAD_SERVER) instead of opening a store")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("export takes flags only, not %q", fs.Arg(0))
	}
	f, ok := export.FormatNamed(*format)
	if !ok {
		return usageErr("--format %q: choose one of %s", *format, export.FormatNames())
	}
	// The selection flags are the parameters of GET /export, parsed by the same code.
	q := url.Values{}
	fs.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "actor", "hops", "limit", "actors", "types", "quad", "since", "until", "rollup":
			q.Set(fl.Name, fl.Value.String())
		case "min-confidence":
			q.Set("minConfidence", fl.Value.String())
		}
	})
	sel, err := export.ParseQuery(q)
	if err != nil {
		return usageErr("%s", strings.TrimPrefix(err.Error(), graph.ErrInvalid.Error()+": "))
	}
	if len(f.Files) > 1 && (*output == "" || *output == "-") {
		return usageErr("%s writes several files: give -o DIR/ or -o PREFIX", f.Name)
	}
	files := &outputFiles{stdout: e.stdout, path: *output, multi: len(f.Files) > 1}
	if *serverURL != "" {
		return exportRemote(ctx, e, *serverURL, f, sel, files)
	}

	st, where, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	ex, err := export.Prepare(ctx, st, sel)
	if err != nil {
		return exportError(err)
	}
	ex.SetStore(where)
	if epoch := e.getenv("SOURCE_DATE_EPOCH"); epoch != "" {
		sec, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return usageErr("SOURCE_DATE_EPOCH %q is not a number of seconds", epoch)
		}
		ex.SetExportedAt(time.Unix(sec, 0))
	}
	n, err := ex.Write(ctx, f, files.create)
	if err == nil && f.Described() && files.toFile() {
		err = files.sidecar(func(w io.Writer, table string) error { return ex.WriteDataPackage(w, f, table) })
	}
	if cerr := files.close(err == nil); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	what := strconv.Itoa(n.Nodes) + " actors, " + strconv.Itoa(n.Edges) + " relations"
	if n.Events > 0 || len(f.Files) == 1 && strings.HasPrefix(f.Name, "events") {
		what = strconv.Itoa(n.Events) + " claims"
	}
	fmt.Fprintf(e.stderr, "dyad export: %s of %s from %s: %s to %s\n", f.Name, sel.Name(), where, what, strings.Join(files.names, ", "))
	if ex.Truncated() {
		fmt.Fprintf(e.stderr, "dyad export: the neighbourhood had more than %d actors; the nearest were kept (raise --limit)\n", graph.ClampLimit(sel.Limit))
	}
	return nil
}

// exportError words a store's refusal of a selection for the command line.
func exportError(err error) error {
	switch {
	case errors.Is(err, graph.ErrNotFound):
		return fmt.Errorf("%s does not exist in the store", strings.TrimPrefix(err.Error(), graph.ErrNotFound.Error()+": "))
	case errors.Is(err, graph.ErrInvalid):
		return usageErr("%s", strings.TrimPrefix(err.Error(), graph.ErrInvalid.Error()+": "))
	}
	return err
}

// outputFiles opens the files of an export: standard output, one file, or for a two-file format
// the files in a directory or after a prefix. A failed export removes the files it began.
type outputFiles struct {
	stdout io.Writer
	path   string
	multi  bool
	open   []*os.File
	names  []string
}

func (o *outputFiles) create(name string) (io.Writer, error) {
	if !o.multi && (o.path == "" || o.path == "-") {
		o.names = append(o.names, "standard output")
		return o.stdout, nil
	}
	path := o.path
	if o.multi {
		if st, err := os.Stat(path); strings.HasSuffix(path, "/") || err == nil && st.IsDir() {
			if err := os.MkdirAll(path, 0o755); err != nil {
				return nil, err
			}
			path = filepath.Join(path, name)
		} else {
			path += "-" + name
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	o.open = append(o.open, f)
	o.names = append(o.names, path)
	return f, nil
}

// toFile reports whether the export goes to files rather than standard output.
func (o *outputFiles) toFile() bool { return o.multi || o.path != "" && o.path != "-" }

// sidecar writes the datapackage.json of the one table written, through write, which is given
// the table's file name as the descriptor names it (relative: the two stay side by side).
func (o *outputFiles) sidecar(write func(w io.Writer, table string) error) error {
	table := o.path
	path := export.DataPackageName(table)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	o.open = append(o.open, f)
	o.names = append(o.names, path)
	return write(f, filepath.Base(table))
}

// close closes the files, and removes them unless the export succeeded.
func (o *outputFiles) close(ok bool) error {
	var first error
	for _, f := range o.open {
		if err := f.Close(); err != nil && first == nil {
			first = err
		}
		if !ok || first != nil {
			os.Remove(f.Name())
		}
	}
	return first
}
