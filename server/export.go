package server

import (
	"errors"
	"fmt"
	"log/slog"
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
func exportHandler(store graph.Store, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		q := req.URL.Query()
		f, ok := export.FormatNamed(q.Get("format"))
		if !ok {
			http.Error(w, fmt.Sprintf("format %q: want one of %s", q.Get("format"), export.FormatNames()), http.StatusBadRequest)
			return
		}
		serveExport(w, req, store, log, q, f)
	})
}

// exportNeighborhood serves GET /export/neighborhood, the first export, kept for the links
// that use it: /export with actor required and format json (the default), graphml or csv (the
// relations table).
func exportNeighborhood(store graph.Store, log *slog.Logger) http.Handler {
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
		serveExport(w, req, store, log, q, f)
	})
}

func serveExport(w http.ResponseWriter, req *http.Request, store graph.Store, log *slog.Logger, q url.Values, f export.Format) {
	sel, err := export.ParseQuery(q)
	if err != nil {
		http.Error(w, trimKind(err), http.StatusBadRequest)
		return
	}
	ex, err := export.Prepare(req.Context(), store, sel)
	switch {
	case errors.Is(err, graph.ErrNotFound):
		http.Error(w, trimKind(err)+" not found", http.StatusNotFound)
		return
	case errors.Is(err, graph.ErrInvalid):
		http.Error(w, trimKind(err), http.StatusBadRequest)
		return
	case err != nil:
		ref := errorRef()
		log.Error("export: selection", "ref", ref, "query", req.URL.RawQuery, "err", err)
		http.Error(w, "internal error (ref "+ref+")", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, export.FileName(sel, f)))
	h.Set("X-Dyad-Truncated", fmt.Sprint(ex.Truncated()))
	if _, err := ex.WriteStream(req.Context(), f, w); err != nil {
		log.Warn("export: writing the response", "query", req.URL.RawQuery, "format", f.Name, "err", err)
		panic(http.ErrAbortHandler) // the status is sent: break the transfer so that it is not taken whole
	}
}
