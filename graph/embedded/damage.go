package embedded

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"

	"github.com/dyadgraph/dyad/graph"
)

// ErrDamaged is reported by Open when the database file is not a whole store: empty, cut
// short, or with pages that do not read back. The store cannot tell what was lost; the message
// says to restore the file from a backup or delete it.
var ErrDamaged = errors.New("store file is damaged")

// ErrReadOnly is reported by Save on a store opened with OpenReadOnly. It wraps
// graph.ErrReadOnly, so that callers that know no embedded store can tell it apart.
var ErrReadOnly = fmt.Errorf("%w: the store was opened for reading only (dyad serve --read-only)", graph.ErrReadOnly)

// damaged wraps ErrDamaged with what is wrong with the file at path and what to do.
func damaged(path, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s; restore it from a backup or delete it (loading the articles again rebuilds it)",
		ErrDamaged, path, fmt.Sprintf(format, args...))
}

// The parts of a bbolt file that checkFile reads: each of the first two pages holds a copy of
// the meta record after a 16-byte page header, and the meta with the higher transaction id is
// the current one. Its pgid is the number of pages the file holds.
const (
	pageHeaderSize = 16
	metaMagic      = 0xED0CDAED
	metaVersion    = 2
	metaSize       = 64 // magic, version, page size, flags, root (16), freelist, pgid, txid, checksum
)

type meta struct {
	pageSize uint32
	pgid     uint64
	txid     uint64
}

// readMeta decodes a meta record, or reports why it is not one.
func readMeta(b []byte) (meta, bool) {
	if len(b) < pageHeaderSize+metaSize {
		return meta{}, false
	}
	m := b[pageHeaderSize : pageHeaderSize+metaSize]
	le := binary.LittleEndian
	if le.Uint32(m[0:]) != metaMagic || le.Uint32(m[4:]) != metaVersion {
		return meta{}, false
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != le.Uint64(m[56:]) {
		return meta{}, false
	}
	return meta{pageSize: le.Uint32(m[8:]), pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:])}, true
}

// checkFile finds what would make bbolt crash on a file rather than report an error: an empty
// file (which bbolt would silently make a new store of), no valid meta page, or a file cut
// shorter than its pages reach (bbolt maps the file and a read past its end is a SIGBUS that
// no recover catches). It reports whether the file exists.
func checkFile(path string) (exists bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return true, nil // let bbolt report it, as it would
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return true, nil
	}
	switch {
	case !info.Mode().IsRegular():
		return true, fmt.Errorf("%s is not a regular file", path)
	case info.Size() == 0:
		return true, damaged(path, "the file is empty (0 bytes), so it holds no store")
	}
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return true, damaged(path, "reading its first pages: %v", err)
	}
	head = head[:n]
	var metas []meta
	if m, ok := readMeta(head); ok {
		metas = append(metas, m)
	}
	for _, size := range []int{int(firstPageSize(metas)), os.Getpagesize(), 4096, 16384, 65536} {
		if size > 0 && size < len(head) {
			if m, ok := readMeta(head[size:]); ok && int(m.pageSize) == size {
				metas = append(metas, m)
				break
			}
		}
	}
	if len(metas) == 0 {
		return true, damaged(path, "neither of its meta pages is valid (is it a dyad store at all?)")
	}
	cur := metas[0]
	for _, m := range metas[1:] {
		if m.txid > cur.txid {
			cur = m
		}
	}
	if need := int64(cur.pgid) * int64(cur.pageSize); info.Size() < need {
		return true, damaged(path, "the file is cut short: %d bytes, but its pages reach %d", info.Size(), need)
	}
	return true, nil
}

func firstPageSize(metas []meta) uint32 {
	if len(metas) > 0 {
		return metas[0].pageSize
	}
	return 0
}

// guarded runs f, turning a panic or a memory fault inside bbolt (a page that does not read
// back) into ErrDamaged for the file at path.
func guarded(path string, f func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			err = damaged(path, "%v", v)
		}
	}()
	return f()
}
