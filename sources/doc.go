// Package sources reads news from the web: HTML pages, whose main text is found with a
// readability library and whose title, date, byline, outlet and canonical URL come from their
// metadata; RSS and Atom feeds, whose items are read as pages (or from the feed when it carries
// the full text); and a watcher that polls feeds and yields only the items that are new or
// changed, keeping its state in the store.
//
// Everything it downloads goes through a Fetcher, which is polite (a User-Agent naming dyad
// and its version, robots.txt, a per-host interval, Retry-After) and safe (timeouts, a size
// limit, bounded redirects, http and https only, and private and loopback addresses refused
// unless allowed), so that a feed cannot make dyad fetch internal URLs.
//
// The readers yield loader.Documents, so that what they read is extracted and saved as the
// files of `dyad load` are; only cmd/dyad wires them.
package sources
