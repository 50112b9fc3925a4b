package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// a tiny treebank, written for this test
const tiny = `# sent_id = 1
1	The	the	DET	DT	_	2	det	_	_
2	ministry	ministry	NOUN	NN	_	3	nsubj	_	_
3	said	say	VERB	VBD	_	0	root	_	_
4	forces	force	NOUN	NNS	_	5	nsubj	_	_
5	shelled	shell	VERB	VBD	_	3	ccomp	_	_
6	the	the	DET	DT	_	7	det	_	_
7	city	city	NOUN	NN	_	5	obj	_	_
8	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = 2
1	The	the	DET	DT	_	2	det	_	_
2	port	port	NOUN	NN	_	4	nsubj:pass	_	_
3	was	be	AUX	VBD	_	4	aux:pass	_	_
4	attacked	attack	VERB	VBN	_	0	root	_	_
5	by	by	ADP	IN	_	6	case	_	_
6	rebels	rebel	NOUN	NNS	_	4	obl:agent	_	_
7	.	.	PUNCT	.	_	4	punct	_	_

# sent_id = 3
1	Police	police	NOUN	NNS	_	2	nsubj	_	_
2	detained	detain	VERB	VBD	_	0	root	_	_
3	protesters	protester	NOUN	NNS	_	2	obj	_	_
4	who	who	PRON	WP	_	5	nsubj	_	_
5	marched	march	VERB	VBD	_	3	acl:relcl	_	_
6	.	.	PUNCT	.	_	2	punct	_	_

`

// Training twice on the same treebank writes the same model, and -eval scores it.
func TestDeterministicTraining(t *testing.T) {
	dir := t.TempDir()
	tb := filepath.Join(dir, "tiny.conllu")
	if err := os.WriteFile(tb, []byte(tiny), 0o644); err != nil {
		t.Fatal(err)
	}
	var models [2][]byte
	for i := range models {
		out := filepath.Join(dir, "model"+string(rune('a'+i))+".gz")
		var log bytes.Buffer
		args := []string{"-train", tb, "-dev", tb, "-out", out, "-epochs", "4", "-action-bits", "12",
			"-label-bits", "10", "-retag-bits", "10", "-retag-epochs", "3", "-retag-folds", "2"}
		if err := run(args, &log); err != nil {
			t.Fatalf("%v\n%s", err, log.String())
		}
		if !strings.Contains(log.String(), "epoch 4: ") || !strings.Contains(log.String(), "kept epoch") {
			t.Errorf("the log does not show the epochs:\n%s", log.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		models[i] = b
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Errorf("two trainings wrote different models (%d and %d bytes)", len(models[0]), len(models[1]))
	}
	var log bytes.Buffer
	if err := run([]string{"-eval", tb, "-model", filepath.Join(dir, "modela.gz")}, &log); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "UAS ") || !strings.Contains(log.String(), "over 21 words") {
		t.Errorf("-eval printed:\n%s", log.String())
	}
}

func TestUsage(t *testing.T) {
	if err := run([]string{"-out", "x"}, &bytes.Buffer{}); err == nil {
		t.Error("no error without -train")
	}
	if err := run([]string{"-eval", filepath.Join(t.TempDir(), "none.conllu")}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "none.conllu") {
		t.Errorf("a missing file: %v", err)
	}
}
