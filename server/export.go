package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/dyadgraph/dyad/export"
	"github.com/dyadgraph/dyad/graph"
)

// exportHandler serves GET /export: a selection of the graph in a researchers' format, streamed
// as it is read, with a Content-Disposition file name. The parameters are export.Params plus
//
//	format         events-csv, events-jsonl, graphml, gexf, neo4j-csv (a zip of its two files),
//	               cyjs, json or relations-csv (see export.Formats)
//
// A bad parameter is a 400 and an unknown actor a 404, before anything is sent. An error while
// streaming aborts the response, so that the client sees a broken transfer rather than a
// short file.
func exportHandler(store graph.Store, o options) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		q := req.URL.Query()
		f, ok := export.FormatNamed(q.Get("format"))
		if !ok {
			http.Error(w, fmt.Sprintf("format %q: want one of %s", q.Get("format"), export.FormatNames()), http.StatusBadRequest)
			return
		}
		serveExport(w, req, store, o, q, f)
	})
}

// exportNeighborhood serves GET /export/neighborhood, the first export, kept for the links
// that use it: /export with actor required and format json (the default), graphml or csv (the
// relations table).
func exportNeighborhood(store graph.Store, o options) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		q := req.URL.Query()
		if q.Get("actor") == "" {
			http.Error(w, "actor is required, e.g. /export/neighborhood?actor=UKR&hops=2&format=graphml", http.StatusBadRequest)
			return
		}
		name := map[string]string{"": "json", "json": "json", "graphml": "graphml", "csv": "relations-csv"}[q.Get("format")]
		f, ok := export.FormatNamed(name)
		if !ok {
			http.Error(w, fmt.Sprintf("format %q: want json, graphml or csv, or use /export for more", q.Get("format")), http.StatusBadRequest)
			return
		}
		serveExport(w, req, store, o, q, f)
	})
}

func serveExport(w http.ResponseWriter, req *http.Request, store graph.Store, o options, q url.Values, f export.Format) {
	sel, ex, ok := prepareExport(w, req, store, o, q)
	if !ok {
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, export.FileName(sel, f)))
	h.Set("X-Dyad-Truncated", fmt.Sprint(ex.Truncated()))
	h.Set("X-Dyad-Version", ex.Provenance().Dyad)
	if f.Described() {
		dp := url.URL{Path: "export/datapackage", RawQuery: q.Encode()}
		h.Set("Link", fmt.Sprintf(`<%s>; rel="describedby"; type="application/json"`, dp.String()))
	}
	sw := &startedWriter{ResponseWriter: w}
	if _, err := ex.WriteStream(req.Context(), f, sw); err != nil {
		if !sw.started {
			// nothing is sent yet: the client can still be told, with a status, what happened
			for _, k := range []string{"Content-Type", "Content-Disposition", "X-Dyad-Truncated", "X-Dyad-Version", "Link"} {
				h.Del(k)
			}
			if errors.Is(err, context.DeadlineExceeded) {
				http.Error(w, "the export took longer than the server allows; select less (fewer hops, a narrower filter)", http.StatusServiceUnavailable)
				return
			}
			ref := errorRef()
			o.log.Error("export: before the first byte", "ref", ref, "query", req.URL.RawQuery, "format", f.Name, "err", err)
			http.Error(w, "the export failed before it began: internal error (ref "+ref+")", http.StatusInternalServerError)
			return
		}
		o.log.Warn("export: writing the response", "query", req.URL.RawQuery, "format", f.Name, "err", err)
		panic(http.ErrAbortHandler) // the status is sent: break the transfer so that it is not taken whole
	}
}

// startedWriter notes whether a response has begun: its status or a byte sent.
type startedWriter struct {
	http.ResponseWriter
	started bool
}

func (w *startedWriter) WriteHeader(status int) {
	w.started = true
	w.ResponseWriter.WriteHeader(status)
}

func (w *startedWriter) Write(b []byte) (int, error) {
	w.started = true
	return w.ResponseWriter.Write(b)
}

// Flush passes a flush on; it sends the status, so the response has begun.
func (w *startedWriter) Flush() {
	w.started = true
	http.NewResponseController(w.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *startedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// prepareExport reads the selection of a query and looks it up, or answers the error and
// reports false.
func prepareExport(w http.ResponseWriter, req *http.Request, store graph.Store, o options, q url.Values) (export.Selection, *export.Export, bool) {
	sel, err := export.ParseQuery(q)
	if err != nil {
		http.Error(w, trimKind(err), http.StatusBadRequest)
		return sel, nil, false
	}
	ex, err := export.Prepare(req.Context(), store, sel)
	switch {
	case errors.Is(err, graph.ErrNotFound):
		http.Error(w, trimKind(err)+" not found", http.StatusNotFound)
		return sel, nil, false
	case errors.Is(err, graph.ErrInvalid):
		http.Error(w, trimKind(err), http.StatusBadRequest)
		return sel, nil, false
	case err != nil:
		ref := errorRef()
		o.log.Error("export: selection", "ref", ref, "query", req.URL.RawQuery, "err", err)
		http.Error(w, "internal error (ref "+ref+")", http.StatusInternalServerError)
		return sel, nil, false
	}
	ex.SetStore(o.storeName)
	return sel, ex, true
}

// dataPackageHandler serves GET /export/datapackage: the Frictionless datapackage.json of the
// table (events-csv, events-jsonl or relations-csv) that GET /export gives for the same query,
// naming that file as the browser saves it.
func dataPackageHandler(store graph.Store, o options) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		q := req.URL.Query()
		f, ok := export.FormatNamed(q.Get("format"))
		if !ok || !f.Described() {
			http.Error(w, fmt.Sprintf("format %q: a datapackage.json describes a table: events-csv, events-jsonl or relations-csv", q.Get("format")), http.StatusBadRequest)
			return
		}
		sel, ex, ok := prepareExport(w, req, store, o, q)
		if !ok {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, export.DataPackageName(export.FileName(sel, f))))
		if err := ex.WriteDataPackage(w, f, export.FileName(sel, f)); err != nil {
			o.log.Warn("export: writing a datapackage.json", "query", req.URL.RawQuery, "err", err)
		}
	})
}
