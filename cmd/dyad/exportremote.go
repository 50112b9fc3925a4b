package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/dyadgraph/dyad/export"
)

// exportRemote asks a running dyad serve for an export (GET /export with the selection's
// parameters) and writes it as dyad export writes its own: the files of a format of several
// files out of the server's zip, and a table's datapackage.json (GET /export/datapackage) beside
// it. A transfer the server breaks off leaves no file behind.
func exportRemote(ctx context.Context, e *env, server string, f export.Format, sel export.Selection, files *outputFiles) (err error) {
	if !strings.HasPrefix(server, "http://") && !strings.HasPrefix(server, "https://") {
		return usageErr("--server %q is not an http:// or https:// URL", server)
	}
	base, err := url.Parse(strings.TrimRight(server, "/") + "/")
	if err != nil {
		return usageErr("--server %q: %v", server, err)
	}
	q := export.Query(sel)
	q.Set("format", f.Name)
	defer func() {
		if cerr := files.close(err == nil); err == nil {
			err = cerr
		}
	}()
	body, err := remoteGet(ctx, base, "export", q)
	if err != nil {
		return err
	}
	defer body.Close()
	var size int64
	if len(f.Files) == 1 {
		w, err := files.create("")
		if err != nil {
			return err
		}
		if size, err = io.Copy(w, body); err != nil {
			return fmt.Errorf("reading the export from %s: %w", server, err)
		}
	} else if size, err = unzipInto(body, f, files); err != nil {
		return fmt.Errorf("the export from %s: %w", server, err)
	}
	if f.Described() && files.toFile() {
		dp, err := remoteGet(ctx, base, "export/datapackage", q)
		if err != nil {
			return err
		}
		defer dp.Close()
		var doc map[string]any
		if err := json.NewDecoder(io.LimitReader(dp, 1<<20)).Decode(&doc); err != nil {
			return fmt.Errorf("the datapackage.json from %s: %w", server, err)
		}
		err = files.sidecar(func(w io.Writer, table string) error {
			if rs, ok := doc["resources"].([]any); ok && len(rs) == 1 {
				if r, ok := rs[0].(map[string]any); ok {
					r["path"] = table // the file as saved here, not as the server names it
				}
			}
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(doc)
		})
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stderr, "dyad export: %s of %s from the server at %s: %d bytes to %s\n", f.Name, sel.Name(), server, size,
		strings.Join(files.names, ", "))
	return nil
}

// remoteGet GETs a path under the server with a query, and turns an answer other than 200 into
// an error that gives the server's message.
func remoteGet(ctx context.Context, base *url.URL, path string, q url.Values) (io.ReadCloser, error) {
	u := base.ResolveReference(&url.URL{Path: path, RawQuery: q.Encode()})
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("the server at %s: %w", base, err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		err := fmt.Errorf("the server at %s answered %s: %s", base, resp.Status, strings.TrimSpace(string(msg)))
		if resp.StatusCode == http.StatusBadRequest {
			return nil, usageErr("%v", err)
		}
		return nil, err
	}
	return resp.Body, nil
}

// unzipInto writes the files of a zipped export, in the format's order, and returns their size.
func unzipInto(body io.Reader, f export.Format, files *outputFiles) (int64, error) {
	tmp, err := os.CreateTemp("", "dyad-export-*.zip")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	n, err := io.Copy(tmp, body)
	if err != nil {
		return 0, err
	}
	zr, err := zip.NewReader(tmp, n)
	if err != nil {
		return 0, err
	}
	var size int64
	for _, name := range f.Files {
		zf, err := zr.Open(name)
		if err != nil {
			return 0, fmt.Errorf("%s is not in the zip: %w", name, err)
		}
		w, err := files.create(name)
		if err == nil {
			var k int64
			k, err = io.Copy(w, zf)
			size += k
		}
		zf.Close()
		if err != nil {
			return 0, err
		}
	}
	return size, nil
}
