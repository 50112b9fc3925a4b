package bench

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/graph"
	"github.com/dyadgraph/dyad/loader"
)

// sharedEval is ../shared/eval seen from this package's directory; samples are the
// repository's own articles, the fallback.
var (
	sharedEval = filepath.Join("..", "..", "..", "shared", "eval")
	samples    = filepath.Join("..", "samples")
)

var benchBytes = flag.Int("bench.bytes", DefaultMinBytes, "bytes of text in the benchmark corpus")

func TestCorpus(t *testing.T) {
	texts := []string{"Norway sent aid to Ukraine. Russia warned Norway.\nStory continues below advertisement",
		"Iran backs the Houthis. The Houthis attacked ships. Egypt protested."}
	pool := map[string]bool{}
	for _, tx := range texts {
		for _, s := range loader.Sentences(tx) {
			pool[s] = true
		}
	}
	docs := Corpus(texts, 50_000, 1)
	if size := Size(docs); size < 50_000 || size > 50_000+5_000 {
		t.Errorf("corpus of %d bytes, want at least 50000 and not much more", size)
	}
	seen := map[string]bool{}
	for i, d := range docs {
		if d.ID == "" || d.Text == "" || d.Line != i+1 {
			t.Fatalf("document %d: %+v", i, d)
		}
		for _, para := range strings.Split(d.Text, "\n\n") {
			for _, s := range loader.Sentences(para) {
				if !pool[s] {
					t.Fatalf("document %d holds %q, which no source has", i, s)
				}
				seen[s] = true
			}
		}
	}
	if len(seen) != len(pool) {
		t.Errorf("the corpus uses %d of the %d sentences", len(seen), len(pool))
	}
	again := Corpus(texts, 50_000, 1)
	other := Corpus(texts, 50_000, 2)
	if !slices.EqualFunc(docs, again, func(a, b loader.Document) bool { return a == b }) {
		t.Error("the same seed gave another corpus")
	}
	if len(other) > 0 && other[0].Text == docs[0].Text && other[1].Text == docs[1].Text {
		t.Error("another seed gave the same corpus")
	}
	if Corpus(nil, 100, 1) != nil || Corpus(texts, 0, 1) != nil {
		t.Error("an empty corpus was expected")
	}
}

func TestWriteJSONLReadsBack(t *testing.T) {
	docs := Corpus([]string{"Qatar mediated talks between Israel and Hamas. <Egypt> & \"Jordan\" helped."}, 2000, 3)
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, docs); err != nil {
		t.Fatal(err)
	}
	var back []loader.Document
	for d, err := range loader.Read(context.Background(), "corpus.jsonl", &buf) {
		if err != nil {
			t.Fatal(err)
		}
		back = append(back, d)
	}
	if len(back) != len(docs) {
		t.Fatalf("read back %d documents, wrote %d", len(back), len(docs))
	}
	for i := range docs {
		if back[i].ID != docs[i].ID || back[i].Title != docs[i].Title || back[i].Text != docs[i].Text {
			t.Errorf("document %d changed: %+v", i, back[i])
		}
	}
}

func TestSourcesAndBuild(t *testing.T) {
	dir := t.TempDir()
	fallback := filepath.Join(dir, "samples")
	os.Mkdir(fallback, 0o755)
	os.WriteFile(filepath.Join(fallback, "a.txt"), []byte("Title\nFrance backs Ukraine. Germany agrees."), 0o644)
	shared := filepath.Join(dir, "shared")
	os.Mkdir(shared, 0o755)

	if paths, ok := Sources(shared, fallback); ok || !slices.Equal(paths, []string{fallback}) {
		t.Errorf("without shared data: %v %v", paths, ok)
	}
	os.WriteFile(filepath.Join(shared, "sample-article.txt"), []byte("Headline\nSpain warned Morocco."), 0o644)
	if _, ok := Sources(shared, fallback); ok {
		t.Error("one shared file is not enough")
	}
	os.WriteFile(filepath.Join(shared, "plover-dev.jsonl"), []byte(`{"id":"1","text":"Chile hosted Peru."}`+"\n"), 0o644)
	paths, ok := Sources(shared, fallback)
	if !ok || len(paths) != 2 {
		t.Fatalf("with shared data: %v %v", paths, ok)
	}
	docs, ok, err := Build(context.Background(), shared, []string{fallback}, 1000, 1)
	if err != nil || !ok || Size(docs) < 1000 {
		t.Fatalf("Build: %d bytes, %v, %v", Size(docs), ok, err)
	}
	if !strings.Contains(docs[0].Text+docs[1].Text, "Chile hosted Peru.") && !strings.Contains(docs[0].Text, "Spain") {
		t.Errorf("corpus not built from the shared texts: %q", docs[0].Text)
	}
	if _, err := Texts(context.Background(), filepath.Join(dir, "missing")); err == nil {
		t.Error("no error for a missing source")
	}
	if _, _, err := Build(context.Background(), filepath.Join(dir, "nowhere"), nil, 10, 1); err == nil {
		t.Error("no error without sources")
	}
}

// TestRepositorySamples builds a corpus from whichever sources the repository offers.
func TestRepositorySamples(t *testing.T) {
	docs, shared, err := Build(context.Background(), sharedEval, []string{samples}, 100_000, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !shared && os.Getenv("CI") == "true" {
		t.Errorf("CI=true needs %s", sharedEval)
	}
	if Size(docs) < 100_000 {
		t.Errorf("corpus of %d bytes", Size(docs))
	}
}

// countingExtractor finds one claim per document and fails on documents whose text says so.
type countingExtractor struct{}

func (countingExtractor) Name() string    { return "counting" }
func (countingExtractor) Version() string { return "1" }
func (countingExtractor) Extract(_ context.Context, d loader.Document) (graph.Extraction, error) {
	if strings.Contains(d.Text, "FAIL") {
		return graph.Extraction{}, errors.New("asked to fail")
	}
	return graph.Extraction{Claims: make([]graph.Claim, 1)}, nil
}

func TestExtract(t *testing.T) {
	docs := []loader.Document{{Text: "abc"}, {Text: "FAIL here"}, {Text: "defgh"}}
	res, err := Extract(context.Background(), countingExtractor{}, docs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 3 || res.Failed != 1 || res.Claims != 2 || res.Bytes != 17 || res.Extractor != "counting 1" {
		t.Errorf("result %+v", res)
	}
	if res.Elapsed <= 0 || res.MBPerSecond() <= 0 || res.GOMAXPROCS != runtime.GOMAXPROCS(0) {
		t.Errorf("timing %+v", res)
	}
	if runtime.GOOS == "linux" && res.PeakRSS <= 0 {
		t.Errorf("peak RSS unknown on linux: %+v", res)
	}
	var table bytes.Buffer
	res.WriteTable(&table)
	for _, want := range []string{"documents         3 (1 failed)", "claims            2", "MB/s (GOMAXPROCS="} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, table.String())
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if res, err := Extract(ctx, countingExtractor{}, docs); !errors.Is(err, context.Canceled) || res.Documents != 0 {
		t.Errorf("cancelled: %+v %v", res, err)
	}
}

var sink [][]byte

func TestSampleHeap(t *testing.T) {
	runtime.GC()
	stop := SampleHeap(time.Millisecond)
	for range 64 {
		sink = append(sink, make([]byte, 1<<20)) // 64 MiB held until stop
	}
	peak := stop()
	if peak < 64<<20 {
		t.Errorf("peak heap %d bytes, want at least 64 MiB", peak)
	}
	if again := stop(); again != peak {
		t.Errorf("a second stop gave %d, want %d", again, peak)
	}
	sink = nil
}

// BenchmarkRuleExtractor measures the rule-based extractor over a shuffled corpus of
// -bench.bytes of text (10 MiB by default); go test prints MB/s. One operation is the whole
// corpus, so -benchtime=1x gives one pass:
//
//	go test -run - -bench RuleExtractor -benchtime=1x -cpu 1 ./loader/bench
func BenchmarkRuleExtractor(b *testing.B) {
	docs, shared, err := Build(context.Background(), sharedEval, []string{samples}, *benchBytes, 1)
	if err != nil {
		b.Fatal(err)
	}
	if !shared {
		b.Logf("%s is missing: corpus built from %s", sharedEval, samples)
	}
	g, err := loader.LoadGazetteer()
	if err != nil {
		b.Fatal(err)
	}
	ex := loader.NewRuleExtractor(g)
	ctx := context.Background()
	b.SetBytes(Size(docs))
	b.ReportAllocs()
	runtime.GC()
	stop := SampleHeap(time.Millisecond)
	for b.Loop() {
		for _, d := range docs {
			if _, err := ex.Extract(ctx, d); err != nil {
				b.Fatalf("%s: %v", d.ID, err)
			}
		}
	}
	b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MiB")
	if rss, ok := PeakRSS(); ok {
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
	}
}

// BenchmarkOneLargeArticle measures the live heap that one article's extraction adds per byte
// of its text (peak live heap while extracting, less the live heap before), at sizes up to the reader's bound (loader.MaxArticleBytes was chosen from
// it): go test -run - -bench OneLargeArticle ./loader/bench/
func BenchmarkOneLargeArticle(b *testing.B) {
	paths, _ := Sources(sharedEval, samples)
	texts, err := Texts(context.Background(), paths...)
	if err != nil {
		b.Fatal(err)
	}
	all := strings.Join(texts, "\n\n")
	g, err := loader.LoadGazetteer()
	if err != nil {
		b.Fatal(err)
	}
	ex := loader.NewRuleExtractor(g)
	for _, size := range []int{64 << 10, 256 << 10, loader.MaxArticleBytes} {
		var sb strings.Builder
		for sb.Len() < size {
			sb.WriteString(all)
			sb.WriteString("\n\n")
		}
		doc := loader.Document{ID: "large", Title: "large", Text: strings.ToValidUTF8(sb.String()[:size], "")}
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(doc.Text)))
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before) // the gazetteer, tables and the text itself
			stop := SampleHeap(time.Millisecond)
			for b.Loop() {
				if _, err := ex.Extract(context.Background(), doc); err != nil {
					b.Fatal(err)
				}
			}
			peak := stop()
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric((float64(peak)-float64(before.HeapAlloc))/float64(len(doc.Text)), "heap-B/text-B")
		})
	}
}
