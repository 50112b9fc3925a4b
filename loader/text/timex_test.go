package text

import (
	"testing"
	"time"
)

func TestResolveTime(t *testing.T) {
	pub := time.Date(2024, 2, 7, 15, 0, 0, 0, time.UTC) // a Wednesday
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		text string
		want time.Time
	}{
		{"Stoltenberg spoke.", pub},
		{"He said on Tuesday that talks failed.", day(2024, 2, 6)},
		{"He said on Wednesday that talks failed.", day(2024, 2, 7)},
		{"The strike came on Friday.", day(2024, 2, 2)},
		{"Officials met yesterday.", day(2024, 2, 6)},
		{"The attack last month was repelled.", day(2024, 1, 7)},
		{"The war began in 2022.", day(2022, 1, 1)},
		{"On September 29, Putin offered talks.", day(2023, 9, 29)},
		{"On March 3, 2021 the deal was signed.", day(2021, 3, 3)},
		{"They may meet in May.", pub},
	}
	for _, c := range cases {
		if got := ResolveTime(Tokenize(c.text), pub); !got.Equal(c.want) {
			t.Errorf("%q: got %v, want %v", c.text, got, c.want)
		}
	}
	if got := ResolveTime(Tokenize("on Tuesday"), time.Time{}); !got.IsZero() {
		t.Errorf("no publication time: got %v", got)
	}
}
