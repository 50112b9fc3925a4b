package text

import (
	"strconv"
	"time"
)

var Weekdays = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

var months = map[string]time.Month{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8, "sep.": 9, "sept.": 9,
	"oct.": 10, "nov.": 11, "dec.": 12}

// ResolveTime dates a sentence: the publication time, unless the sentence names a day or a
// period relative to it ("on Tuesday", "yesterday", "last month", "on September 29", "in
// 2022"), which is then resolved against the publication time. The first expression found
// wins. A zero publication time stays zero: nothing can be resolved against it.
func ResolveTime(toks []Token, published time.Time) time.Time {
	if published.IsZero() {
		return published
	}
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location()) }
	for i := range toks {
		w := toks[i].Lower
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].Lower
		}
		switch {
		case w == "yesterday":
			return day(published).AddDate(0, 0, -1)
		case w == "today" || w == "tonight":
			return day(published)
		case w == "last" && next == "week":
			return day(published).AddDate(0, 0, -7)
		case w == "last" && next == "month":
			return day(published).AddDate(0, -1, 0)
		case w == "last" && next == "year":
			return day(published).AddDate(-1, 0, 0)
		case toks[i].Cap && Weekdays[w] != 0 || w == "sunday":
			if wd, ok := Weekdays[w]; ok {
				back := (int(published.Weekday()) - int(wd) + 7) % 7
				if i > 0 && toks[i-1].Lower == "next" {
					return day(published).AddDate(0, 0, (int(wd)-int(published.Weekday())+7)%7)
				}
				return day(published).AddDate(0, 0, -back)
			}
		case toks[i].Cap && months[w] != 0 && w != "may" || w == "may" && toks[i].Cap && i+1 < len(toks) && toks[i+1].Kind == TokNumber:
			m := months[w]
			if i+1 < len(toks) && toks[i+1].Kind == TokNumber {
				n, err := strconv.Atoi(toks[i+1].Text)
				if err == nil && n >= 1 && n <= 31 {
					year := published.Year()
					if i+3 < len(toks) && toks[i+2].Text == "," && toks[i+3].Kind == TokNumber {
						if y, err := strconv.Atoi(toks[i+3].Text); err == nil && y > 1800 && y < 2200 {
							year = y
						}
					}
					t := time.Date(year, m, n, 0, 0, 0, 0, published.Location())
					if t.After(published) && year == published.Year() {
						t = t.AddDate(-1, 0, 0)
					}
					return t
				}
				if err == nil && n > 1800 && n < 2200 {
					return time.Date(n, m, 1, 0, 0, 0, 0, published.Location())
				}
			}
		case w == "in" && i+1 < len(toks) && toks[i+1].Kind == TokNumber && len(toks[i+1].Text) == 4:
			if y, err := strconv.Atoi(toks[i+1].Text); err == nil && y > 1800 && y < 2200 && y != published.Year() {
				return time.Date(y, 1, 1, 0, 0, 0, 0, published.Location())
			}
		}
	}
	return published
}
