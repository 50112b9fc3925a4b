package export

import (
	"io"
	"time"

	"github.com/parquet-go/parquet-go"
)

// parquetEvents writes the events table as Parquet (https://parquet.apache.org/docs/) with
// github.com/parquet-go/parquet-go: one typed column per field, in eventFields' order, absent
// values null; the provenance as the file's key-value metadata (dyad.version, dyad.selection,
// ...), which pyarrow.parquet.read_metadata shows.
type parquetEvents struct {
	w *parquet.Writer
}

// parquetNode is a field kind's Parquet column: every column is optional, so that an empty
// text, an undated time or a missing actor is null.
func parquetNode(k kind) parquet.Node {
	switch k {
	case integer:
		return parquet.Optional(parquet.Int(64))
	case real:
		return parquet.Optional(parquet.Leaf(parquet.DoubleType))
	case boolean:
		return parquet.Optional(parquet.Leaf(parquet.BooleanType))
	case instant:
		return parquet.Optional(parquet.Timestamp(parquet.Millisecond))
	case day:
		return parquet.Optional(parquet.Date())
	}
	return parquet.Optional(parquet.String())
}

// orderedGroup is a parquet.Group whose columns keep the order of names; a plain Group sorts
// them by name.
type orderedGroup struct {
	parquet.Group
	names []string
}

func (g orderedGroup) Fields() []parquet.Field {
	byName := map[string]parquet.Field{}
	for _, f := range g.Group.Fields() {
		byName[f.Name()] = f
	}
	out := make([]parquet.Field, len(g.names))
	for i, n := range g.names {
		out[i] = byName[n]
	}
	return out
}

func newParquetEvents(w io.Writer, prov Provenance) *parquetEvents {
	g := orderedGroup{Group: parquet.Group{}}
	for _, f := range eventFields {
		g.Group[f.name] = parquetNode(f.kind)
		g.names = append(g.names, f.name)
	}
	opts := []parquet.WriterOption{parquet.NewSchema("dyad_events", g), parquet.Compression(&parquet.Snappy)}
	for _, kv := range prov.pairs() {
		opts = append(opts, parquet.KeyValueMetadata("dyad."+kv[0], kv[1]))
	}
	return &parquetEvents{w: parquet.NewWriter(w, opts...)}
}

// row writes one record, its values in eventFields' order.
func (p *parquetEvents) row(rec []any) error {
	row := make(parquet.Row, len(eventFields))
	for i, f := range eventFields {
		v, present := parquetValue(f.kind, rec[i])
		if present {
			row[i] = v.Level(0, 1, i)
		} else {
			row[i] = parquet.NullValue().Level(0, 0, i)
		}
	}
	_, err := p.w.WriteRows([]parquet.Row{row})
	return err
}

// parquetValue is a value as its column stores it, and false for null.
func parquetValue(k kind, v any) (parquet.Value, bool) {
	switch k {
	case integer:
		return parquet.Int64Value(int64(v.(int))), true
	case real:
		return parquet.DoubleValue(v.(float64)), true
	case boolean:
		return parquet.BooleanValue(v.(bool)), true
	case instant, day:
		t := v.(time.Time)
		if t.IsZero() {
			return parquet.Value{}, false
		}
		if k == day {
			y, m, d := t.UTC().Date()
			days := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400 // midnight: exact
			return parquet.Int32Value(int32(days)), true
		}
		return parquet.Int64Value(t.UnixMilli()), true
	case list:
		return parquet.Value{}, false // the events table has no lists
	}
	s := v.(string)
	return parquet.ByteArrayValue([]byte(s)), s != ""
}

func (p *parquetEvents) close() error { return p.w.Close() }
