package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/loader"
	"github.com/dyadgraph/dyad/server"
)

// tokenFlags give the ingest token: a file named by --ingest-token-file, else DYAD_INGEST_TOKEN.
// The token itself is never a flag, so that it stays out of process listings and shell history.
type tokenFlags struct {
	file string
}

func (t *tokenFlags) register(fs *flag.FlagSet, e *env, what string) {
	fs.StringVar(&t.file, "ingest-token-file", e.getenv("DYAD_INGEST_TOKEN_FILE"), "`file` holding the ingest token "+what+" (env DYAD_INGEST_TOKEN_FILE); else the token is DYAD_INGEST_TOKEN")
}

// token returns the token and where it came from; "" when there is none.
func (t *tokenFlags) token(e *env) (token, from string, err error) {
	if t.file != "" {
		b, err := os.ReadFile(t.file)
		if err != nil {
			return "", "", fmt.Errorf("ingest token file: %w", err)
		}
		token = strings.TrimSpace(string(b))
		if token == "" || strings.ContainsAny(token, "\r\n") {
			return "", "", fmt.Errorf("ingest token file %s: must hold the token on one line", t.file)
		}
		return token, t.file, nil
	}
	if token = strings.TrimSpace(e.getenv("DYAD_INGEST_TOKEN")); token != "" {
		return token, "DYAD_INGEST_TOKEN", nil
	}
	return "", "", nil
}

// remoteReport is what a server's POST /ingest answers: its report, or why it refused.
type remoteReport struct {
	server.IngestReport
	Error string `json:"error"` // when refused
}

// jsonlArticle is a document as a JSONL line that the server's reader takes back unchanged.
type jsonlArticle struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
	Source    string `json:"source,omitempty"`
	Text      string `json:"text"`
}

// Requests to the server hold at most this many articles or bytes.
const (
	remoteBatchArticles = 256
	remoteBatchBytes    = 8 << 20
)

// loadRemote takes the articles read here, as `dyad load` reads them, and sends them as JSONL to a
// running server's POST /ingest, which extracts and saves them. Bad input is reported here with
// its file and line; what the server could not extract or save is reported as it says.
func loadRemote(ctx context.Context, e *env, serverURL, token string, docs iter.Seq2[loader.Document, error], prog *progress) (loadResult, error) {
	endpoint, err := url.JoinPath(strings.TrimRight(serverURL, "/"), "ingest")
	if err != nil || !strings.HasPrefix(serverURL, "http://") && !strings.HasPrefix(serverURL, "https://") {
		return loadResult{}, usageErr("--server %q is not an http:// or https:// URL", serverURL)
	}
	client := &http.Client{}
	var res loadResult
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	n, sent := 0, 0
	send := func() error {
		if n == 0 {
			return nil
		}
		sent++
		// the server streams its progress; the counts of this request shown so far
		var shown server.IngestReport
		rep, err := postIngest(ctx, client, endpoint, token, fmt.Sprintf("batch-%d.jsonl", sent), buf.Bytes(), func(r server.IngestReport) {
			prog.saved(r.Articles-shown.Articles, r.Claims-shown.Claims, r.Failed-shown.Failed)
			shown = r
		})
		buf.Reset()
		n = 0
		if err != nil {
			return err
		}
		res.articles += rep.Articles
		res.newArticles += rep.New
		res.changed += rep.Changed
		res.unchanged += rep.Unchanged
		res.claims += rep.Claims
		res.failed += rep.Failed
		for _, msg := range rep.Errors {
			prog.report(e.stderr, "server: "+msg)
		}
		prog.saved(rep.Articles-shown.Articles, rep.Claims-shown.Claims, rep.Failed-shown.Failed)
		return nil
	}
	for doc, err := range docs {
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			res.failed++
			prog.readFailed()
			prog.report(e.stderr, err)
			continue
		}
		prog.read()
		a := jsonlArticle{ID: doc.ID, URL: doc.URL, Title: doc.Title, Source: doc.Source, Text: doc.Text}
		if !doc.Published.IsZero() {
			a.Published = doc.Published.UTC().Format(time.RFC3339Nano)
		}
		if err := enc.Encode(a); err != nil {
			return res, err
		}
		n++
		if n >= remoteBatchArticles || buf.Len() >= remoteBatchBytes {
			if err := send(); err != nil {
				return res, err
			}
		}
	}
	if err := send(); err != nil {
		return res, err
	}
	return res, ctx.Err()
}

// maxBusyWait is how long, in all, postIngest waits for a server that answers that it is busy
// (503 with a Retry-After) before it gives up.
const maxBusyWait = 10 * time.Minute

// postIngest sends one body of JSONL articles and returns the server's report; a refusal (no
// token, a wrong one, ingest off) or a server that cannot be reached is an error. It asks for
// the server's progress (?progress=lines) and passes each progress line to onProgress, with the
// counts of this request so far. A server at its ingest capacity answers 503 with a Retry-After
// before reading the body: the body is sent again after that wait, for up to maxBusyWait in all.
func postIngest(ctx context.Context, client *http.Client, endpoint, token, name string, body []byte, onProgress func(server.IngestReport)) (remoteReport, error) {
	u := endpoint + "?" + url.Values{"name": {name}, "progress": {"lines"}}.Encode()
	var waited time.Duration
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
		if err != nil {
			return remoteReport{}, err
		}
		req.Header.Set("Content-Type", "application/x-ndjson")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err != nil {
			return remoteReport{}, fmt.Errorf("sending articles to %s: %w", endpoint, err)
		}
		wait, busy := retryAfter(resp)
		if !busy || waited+wait > maxBusyWait {
			return readIngestAnswer(resp, endpoint, token, onProgress)
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		select {
		case <-time.After(wait):
			waited += wait
		case <-ctx.Done():
			return remoteReport{}, ctx.Err()
		}
	}
}

// retryAfter reports whether the answer is a 503 that says when to send again, and when.
func retryAfter(resp *http.Response) (time.Duration, bool) {
	if resp.StatusCode != http.StatusServiceUnavailable {
		return 0, false
	}
	secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || secs < 0 {
		return 0, false
	}
	return time.Duration(max(secs, 1)) * time.Second, true
}

// readIngestAnswer reads the server's answer to one POST /ingest: a report, or JSON lines of
// progress ending with the report.
func readIngestAnswer(resp *http.Response, endpoint, token string, onProgress func(server.IngestReport)) (remoteReport, error) {
	defer resp.Body.Close()
	status, statusText := resp.StatusCode, resp.Status
	var rep remoteReport
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct == "application/x-ndjson" && status == http.StatusOK {
		lines := bufio.NewScanner(resp.Body)
		lines.Buffer(make([]byte, 64<<10), 4<<20)
		final := false
		for !final && lines.Scan() {
			rep = remoteReport{}
			if err := json.Unmarshal(lines.Bytes(), &rep); err != nil {
				return remoteReport{}, fmt.Errorf("%s sent a line that is not a report: %.200s", endpoint, lines.Bytes())
			}
			if final = rep.Final; !final && onProgress != nil {
				onProgress(rep.IngestReport)
			}
		}
		if !final {
			err := lines.Err()
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return remoteReport{}, fmt.Errorf("reading the answer of %s: it ended before its report: %w", endpoint, err)
		}
		status, statusText = rep.Status, fmt.Sprintf("%d %s", rep.Status, http.StatusText(rep.Status))
	} else {
		raw, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
		if err != nil {
			return remoteReport{}, fmt.Errorf("reading the answer of %s: %w", endpoint, err)
		}
		if err := json.Unmarshal(raw, &rep); err != nil {
			return remoteReport{}, fmt.Errorf("%s answered %s, not a report: %.200s", endpoint, resp.Status, raw)
		}
	}
	switch {
	case status == http.StatusUnauthorized && token == "":
		return rep, errors.New(endpoint + " needs the ingest token: set DYAD_INGEST_TOKEN or pass --ingest-token-file")
	case status == http.StatusUnauthorized:
		return rep, errors.New(endpoint + " refused the ingest token")
	case status != http.StatusOK:
		msg := rep.Error
		if msg == "" {
			msg = strings.Join(rep.Errors, "; ")
		}
		return rep, fmt.Errorf("%s answered %s: %s", endpoint, statusText, msg)
	}
	return rep, nil
}
