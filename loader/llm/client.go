package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Errors of the exchange with the endpoint. Test for them with errors.Is; HTTP error answers
// are *StatusError.
var (
	ErrTimeout     = errors.New("model request timed out")                        // no answer within Config.Timeout
	ErrBadResponse = errors.New("the endpoint's answer is not a chat completion") // not the OpenAI response shape
)

// maxResponseBytes bounds the size of an answer read from the endpoint.
const maxResponseBytes = 32 << 20

// StatusError is an HTTP error answer from the endpoint.
type StatusError struct {
	Code       int           // the HTTP status code
	Message    string        // the error message the endpoint gave, or the start of its body
	RetryAfter time.Duration // what its Retry-After header asked for, if it sent one
	retryAfter bool          // whether it sent one
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("endpoint answered %d %s", e.Code, http.StatusText(e.Code))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// Retryable reports whether the request may succeed if sent again: for 408, 429 and 5xx.
func (e *StatusError) Retryable() bool {
	return e.Code == http.StatusTooManyRequests || e.Code == http.StatusRequestTimeout || e.Code >= 500
}

// transportError is a failure to reach the endpoint or read its answer; it is retried.
type transportError struct{ err error }

func (e *transportError) Error() string { return "cannot reach the endpoint: " + e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

type chatRequest struct {
	Model          string         `json:"model"`
	Messages       []chatMessage  `json:"messages"`
	Temperature    float64        `json:"temperature"`
	Stream         bool           `json:"stream"`
	ResponseFormat map[string]any `json:"response_format"`
}

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chatResponse struct {
	Choices []struct {
		Message struct {
			Content *string `json:"content"`
			Refusal string  `json:"refusal"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}

// ask sends one chunk of text and returns the relations in the model's answer.
func (e *Extractor) ask(ctx context.Context, text string) ([]relation, error) {
	body, err := json.Marshal(chatRequest{
		Model: e.cfg.Model,
		Messages: []chatMessage{
			{Role: "system", Content: systemPrompt},
			{Role: "user", Content: userPrompt(text)},
		},
		ResponseFormat: responseFormat,
	})
	if err != nil {
		return nil, err
	}
	content, err := e.complete(ctx, body)
	if err != nil {
		return nil, err
	}
	return parseOutput(content)
}

// complete posts a chat-completions request, retrying what may succeed when sent again, and
// returns the message content of the answer.
func (e *Extractor) complete(ctx context.Context, body []byte) (string, error) {
	for attempt := 0; ; attempt++ {
		e.stats.requests.Add(1)
		if attempt > 0 {
			e.stats.retries.Add(1)
		}
		content, err := e.post(ctx, body)
		if err == nil {
			return content, nil
		}
		if ctx.Err() != nil {
			// cancelled while the attempt ran: say so, whatever the endpoint answered
			return "", fmt.Errorf("%w, after the endpoint's answer: %w", ctx.Err(), err)
		}
		if !retryable(err) {
			return "", err
		}
		if attempt >= e.cfg.MaxRetries {
			if attempt == 0 {
				return "", err
			}
			return "", fmt.Errorf("gave up after %d attempts: %w", attempt+1, err)
		}
		wait := e.backoff(attempt, err)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return "", fmt.Errorf("gave up after %d attempts, as waiting %s for the next would pass the deadline: %w",
				attempt+1, wait, err)
		}
		if serr := e.sleep(ctx, wait); serr != nil {
			return "", fmt.Errorf("%w, waiting to retry after: %w", serr, err)
		}
	}
}

// backoff is the wait before retry number attempt+1: what Retry-After asked for (capped at
// maxRetryWait), or else RetryBackoff doubled for each earlier retry (capped at maxBackoff),
// plus up to a quarter more at random so that clients spread out.
func (e *Extractor) backoff(attempt int, err error) time.Duration {
	if se, ok := errors.AsType[*StatusError](err); ok && se.retryAfter {
		return min(se.RetryAfter, maxRetryWait)
	}
	d := e.cfg.RetryBackoff
	for range attempt {
		if d >= maxBackoff {
			break
		}
		d *= 2
	}
	d = min(d, maxBackoff)
	return d + rand.N(d/4+1)
}

func retryable(err error) bool {
	if se, ok := errors.AsType[*StatusError](err); ok {
		return se.Retryable()
	}
	_, transport := errors.AsType[*transportError](err)
	return transport || errors.Is(err, ErrTimeout)
}

// post sends one request, within Config.Timeout.
func (e *Extractor) post(ctx context.Context, body []byte) (string, error) {
	actx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, e.endpoint, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if e.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+e.cfg.APIKey)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return "", e.failure(ctx, actx, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return "", e.failure(ctx, actx, err)
	}
	if len(data) > maxResponseBytes {
		return "", fmt.Errorf("%w: it is longer than %d bytes", ErrBadResponse, maxResponseBytes)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", statusError(resp, data)
	}
	var cr chatResponse
	if err := json.Unmarshal(data, &cr); err != nil {
		return "", fmt.Errorf("%w: %v; it begins %s", ErrBadResponse, err, excerpt(string(data)))
	}
	if len(cr.Choices) == 0 {
		return "", fmt.Errorf("%w: it has no choices; it begins %s", ErrBadResponse, excerpt(string(data)))
	}
	choice := cr.Choices[0]
	switch {
	case choice.Message.Refusal != "":
		return "", fmt.Errorf("%w: the model refused: %s", ErrMalformedOutput, choice.Message.Refusal)
	case choice.FinishReason == "length":
		return "", fmt.Errorf("%w: the answer was cut off at the model's output limit (try a smaller chunk size)",
			ErrMalformedOutput)
	case choice.Message.Content == nil:
		return "", fmt.Errorf("%w: the message has no content", ErrBadResponse)
	}
	return *choice.Message.Content, nil
}

// failure classifies an error of sending a request or reading its answer.
func (e *Extractor) failure(ctx, actx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("%w (%w)", context.Cause(ctx), err)
	case actx.Err() != nil:
		return fmt.Errorf("%w: no answer within %s", ErrTimeout, e.cfg.Timeout)
	}
	return &transportError{err}
}

// statusError reads an HTTP error answer: the message from an OpenAI-style error body, or the
// start of the body, and the Retry-After header.
func statusError(resp *http.Response, body []byte) *StatusError {
	se := &StatusError{Code: resp.StatusCode}
	var api struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &api) == nil && len(api.Error) > 0 {
		var detail struct {
			Message string `json:"message"`
		}
		var plain string
		switch {
		case json.Unmarshal(api.Error, &detail) == nil && detail.Message != "":
			se.Message = detail.Message
		case json.Unmarshal(api.Error, &plain) == nil:
			se.Message = plain
		}
	}
	if se.Message == "" {
		se.Message = strings.TrimSpace(string(body))
		if r := []rune(se.Message); len(r) > 200 {
			se.Message = string(r[:200]) + "..."
		}
	}
	if v := strings.TrimSpace(resp.Header.Get("Retry-After")); v != "" {
		if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
			se.RetryAfter, se.retryAfter = time.Duration(secs)*time.Second, true
		} else if at, err := http.ParseTime(v); err == nil {
			se.RetryAfter, se.retryAfter = max(time.Until(at), 0), true
		}
	}
	return se
}

// sleepCtx waits for d, or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-t.C:
		return nil
	}
}
