package server

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A client that asks for a large answer and never reads it is cut off once the send timeout
// passes, so that it cannot hold the server's memory and connection.
func TestClientThatDoesNotReadIsCutOff(t *testing.T) {
	written := make(chan error, 1)
	big := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		chunk := []byte(strings.Repeat("x", 1<<20))
		for range 256 { // 256 MiB, far more than the socket buffers hold
			if _, err := w.Write(chunk); err != nil {
				written <- err
				return
			}
		}
		written <- nil
	})
	srv := NewHTTPServer(sendDeadline(200*time.Millisecond, big), time.Minute, slog.New(slog.DiscardHandler))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	select {
	case err := <-written:
		if err == nil {
			t.Fatal("256 MiB went to a client that reads nothing")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server still writes to a client that has read nothing for 10 s")
	}
	// What the client can still read ends early.
	n, _ := io.Copy(io.Discard, bufio.NewReader(conn))
	if n >= 256<<20 {
		t.Errorf("the client read %d bytes, the whole answer", n)
	}
}

// The server's own timeouts are all set, and its write timeout leaves room for a request's
// work and its sending.
func TestHTTPServerTimeouts(t *testing.T) {
	s := NewHTTPServer(http.NotFoundHandler(), time.Minute, slog.New(slog.DiscardHandler))
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.IdleTimeout <= 0 {
		t.Errorf("read timeouts %s, %s, idle %s: want all set", s.ReadHeaderTimeout, s.ReadTimeout, s.IdleTimeout)
	}
	if s.WriteTimeout < time.Minute+DefaultSendTimeout || s.WriteTimeout > 3*time.Minute {
		t.Errorf("write timeout %s: want the request timeout and the send timeout, and not much more", s.WriteTimeout)
	}
}
