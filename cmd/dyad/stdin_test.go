package main

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

func TestInterruptibleReaderReadsEverything(t *testing.T) {
	const text = "The quick brown fox jumps over the lazy dog.\n"
	input := strings.Repeat(text, 1000)
	// One byte at a time, and in large reads, the data arrives whole and then io.EOF.
	for _, r := range []io.Reader{iotest.OneByteReader(strings.NewReader(input)), strings.NewReader(input), iotest.HalfReader(strings.NewReader(input))} {
		got, err := io.ReadAll(&interruptibleReader{ctx: context.Background(), r: r})
		if err != nil || string(got) != input {
			t.Fatalf("read %d bytes, err %v; want %d bytes", len(got), err, len(input))
		}
	}
	// Reads into small buffers return what a larger read brought, in order.
	ir := &interruptibleReader{ctx: context.Background(), r: strings.NewReader(input)}
	if err := iotest.TestReader(ir, []byte(input)); err != nil {
		t.Fatal(err)
	}
	// An error after data comes after the data.
	got, err := io.ReadAll(&interruptibleReader{ctx: context.Background(), r: iotest.TimeoutReader(strings.NewReader(input))})
	if !errors.Is(err, iotest.ErrTimeout) || !strings.HasPrefix(input, string(got)) || len(got) == 0 {
		t.Errorf("read %d bytes then %v; want data, then iotest.ErrTimeout", len(got), err)
	}
}

func TestInterruptibleReaderStopsWhenCanceled(t *testing.T) {
	pr, pw := io.Pipe() // a reader that blocks until written to
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	ir := &interruptibleReader{ctx: ctx, r: pr}
	errc := make(chan error, 1)
	go func() {
		_, err := ir.Read(make([]byte, 64))
		errc <- err
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Read after cancel = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Read still blocks 5s after the context was canceled")
	}
	if _, err := ir.Read(make([]byte, 64)); !errors.Is(err, context.Canceled) {
		t.Errorf("a later Read = %v, want context.Canceled", err)
	}
}
