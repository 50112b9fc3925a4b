package neo4j

import "strings"

// keyPart is one expression of a list's sort key, as its ORDER BY names it, and the parameter
// that holds a cursor's value of it.
type keyPart struct {
	expr, param string
	desc        bool // ordered highest first
}

// keyset is the Cypher condition that a row's sort key lies strictly beyond the cursor's (the
// parameters of parts) in a page's direction: after it, or before it when backward. For parts
// a, b it reads (a > $a OR (a = $a AND b > $b)).
func keyset(parts []keyPart, backward bool) string {
	cond := ""
	for i := len(parts) - 1; i >= 0; i-- {
		p := parts[i]
		op := " > $"
		if p.desc != backward {
			op = " < $"
		}
		c := p.expr + op + p.param
		if cond != "" {
			c = "(" + c + " OR (" + p.expr + " = $" + p.param + " AND " + cond + "))"
		}
		cond = c
	}
	return cond
}

// orderBy is the ORDER BY list of parts, reversed when backward (a backward page is read from
// the end of the list, then turned round).
func orderBy(parts []keyPart, backward bool) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = p.expr
		if p.desc != backward {
			out[i] += " DESC"
		}
	}
	return strings.Join(out, ", ")
}

// pageOf is the Cypher expression of the page cut from list, the items beyond the cursor in
// list order: its first $size items, or its last $size when backward.
func pageOf(list string, backward bool) string {
	if backward {
		return list + "[CASE WHEN size(" + list + ") > $size THEN size(" + list + ") - $size ELSE 0 END..]"
	}
	return list + "[0..$size]"
}
