package classify

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// toyData draws examples of three classes, each told by one of its own cue words among shared
// noise words, with a share of labels flipped so that the probabilities have something to
// calibrate.
func toyData(n int, seed uint64) []Example {
	rng := rand.New(rand.NewPCG(seed, 7))
	cues := [][]string{{"attacked", "shelled"}, {"met", "visited"}, {"said", "noted"}}
	var out []Example
	for i := 0; i < n; i++ {
		c := rng.IntN(3)
		f := []uint64{Hash("w=" + cues[c][rng.IntN(2)])}
		for j := 0; j < 3; j++ {
			f = append(f, Hash(fmt.Sprintf("noise=%d", rng.IntN(50))))
		}
		if rng.Float64() < 0.1 {
			c = rng.IntN(3)
		}
		out = append(out, Example{Features: f, Class: c})
	}
	return out
}

var toyClasses = []string{"ASSAULT", "CONSULT", "NONE"}

func TestTrainLearnsCues(t *testing.T) {
	m, err := Train(toyClasses, toyData(3000, 1), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 10% of labels are redrawn, a third of those to the same class: ~93% is the ceiling.
	if _, acc := m.Evaluate(toyData(1000, 2)); acc < 0.88 {
		t.Errorf("accuracy %.3f on held-out toy data, want >= 0.88", acc)
	}
	p := m.Probabilities([]uint64{Hash("w=shelled")}, nil)
	if p[0] < 0.8 {
		t.Errorf("P(ASSAULT | shelled) = %.2f, want >= 0.8", p[0])
	}
	sum := 0.0
	for _, v := range p {
		sum += v
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("probabilities sum to %v", sum)
	}
}

func TestTrainIsDeterministic(t *testing.T) {
	data := toyData(500, 3)
	var out [2]bytes.Buffer
	for i := range out {
		m, err := Train(toyClasses, data, Options{Epochs: 3})
		if err != nil {
			t.Fatal(err)
		}
		m.Calibrate(toyData(200, 4))
		if _, err := m.WriteTo(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Error("two trainings on the same data wrote different models")
	}
}

func TestRoundTrip(t *testing.T) {
	m, err := Train(toyClasses, toyData(500, 5), Options{Epochs: 3})
	if err != nil {
		t.Fatal(err)
	}
	m.Temperature, m.Params = 1.7, map[string]float64{"threshold": 0.4, "floor": 0.05}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if back.Features() != m.Features() || back.Temperature != 1.7 || back.Params["threshold"] != 0.4 || back.Params["floor"] != 0.05 || strings.Join(back.Classes, ",") != strings.Join(m.Classes, ",") {
		t.Fatalf("read back %d features, T=%v, %v", back.Features(), back.Temperature, back.Classes)
	}
	for _, e := range toyData(50, 6) {
		a, b := m.Probabilities(e.Features, nil), back.Probabilities(e.Features, nil)
		for c := range a {
			if a[c] != b[c] {
				t.Fatalf("probabilities differ after a round trip: %v vs %v", a, b)
			}
		}
	}
}

func TestReadRejectsOtherFiles(t *testing.T) {
	if _, err := Read(strings.NewReader("not a model")); err == nil {
		t.Error("Read took plain text")
	}
	var buf bytes.Buffer
	m, _ := Train(toyClasses, toyData(50, 8), Options{Epochs: 1})
	m.WriteTo(&buf)
	if _, err := Read(bytes.NewReader(buf.Bytes()[:buf.Len()/2])); err == nil {
		t.Error("Read took a truncated model")
	}
}

// An over-confident model (many epochs, no penalty, noisy labels) gets a temperature above 1,
// and calibrating lowers its held-out log-loss.
func TestCalibrateLowersLogLoss(t *testing.T) {
	m, err := Train(toyClasses, toyData(400, 9), Options{Epochs: 40, L2: 1e-12, LearningRate: 1})
	if err != nil {
		t.Fatal(err)
	}
	held := toyData(1000, 10)
	loss := func() float64 {
		s := 0.0
		for _, e := range held {
			s -= math.Log(m.Probabilities(e.Features, nil)[e.Class])
		}
		return s / float64(len(held))
	}
	before := loss()
	temp := m.Calibrate(held)
	after := loss()
	if temp <= 1 || after >= before {
		t.Errorf("temperature %.2f, log-loss %.3f -> %.3f; want T > 1 and a lower loss", temp, before, after)
	}
}

func TestTrainRejectsBadClass(t *testing.T) {
	if _, err := Train(toyClasses, []Example{{Class: 3}}, Options{}); err == nil {
		t.Error("Train took a class index out of range")
	}
}
