#!/usr/bin/env bash
# tools/test.sh runs every test of dyad: the one test command that README.md gives and .ci/run
# calls. It installs or starts what the tests need by itself:
#   - the playground's npm packages (server/ui, from its lock file) and its bundle;
#   - Debian's chromium for the browser test, when missing and we may install (root);
#   - a real Neo4j 5.26 Community (tools/neo4j.sh) in a temporary folder, stopped at exit;
#   - NetworkX, pandas and pyarrow from PyPI (tools/requirements-test.txt) in a Python virtual environment, kept in
#     the user's cache between runs, for the export tests (DYAD_PYTHON).
# Go test flags may be passed through: tools/test.sh -run Conformance ./graph/...
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '== %s\n' "$*" >&2; }

log "go vet"
go vet ./...

if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  log "installing Debian's chromium for the browser test"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
    log "could not install chromium; the browser test will say so"
fi

log "playground: npm ci and build"
npm --prefix server/ui ci --no-audit --no-fund --loglevel=error
npm --prefix server/ui run --silent build

if [ -z "${DYAD_PYTHON:-}" ]; then
  venv="${XDG_CACHE_HOME:-$HOME/.cache}/dyad/venv-$(sha256sum tools/requirements-test.txt | cut -c1-12)"
  if ! "$venv/bin/python" -c 'import networkx, pandas, pyarrow' 2>/dev/null; then
    log "NetworkX, pandas, pyarrow: a Python virtual environment in $venv, from PyPI"
    rm -rf "$venv"
    (python3 -m venv "$venv" &&
      "$venv/bin/pip" install -q --disable-pip-version-check -r tools/requirements-test.txt) ||
      log "could not install NetworkX, pandas and pyarrow; the export tests will fail under CI=true and skip otherwise"
  fi
  if "$venv/bin/python" -c 'import networkx, pandas, pyarrow' 2>/dev/null; then
    export DYAD_PYTHON="$venv/bin/python"
  fi
fi

if [ -z "${NEO4J_URI:-}" ]; then
  neo4j_dir=$(mktemp -d "${TMPDIR:-/tmp}/dyad-neo4j.XXXXXX")
  trap 'tools/neo4j.sh stop "$neo4j_dir" >/dev/null 2>&1 || true; rm -rf "$neo4j_dir"' EXIT
  log "starting Neo4j in $neo4j_dir"
  if out=$(NEO4J_PORT="${NEO4J_PORT:-0}" tools/neo4j.sh start "$neo4j_dir"); then
    eval "$out"
    export NEO4J_URI
  else
    log "Neo4j did not start; its suite will fail under CI=true and skip otherwise"
  fi
fi

log "go test (NEO4J_URI=${NEO4J_URI:-unset})"
if [ $# -eq 0 ]; then set -- ./...; fi
# -p 1: the Neo4j suites of graph/neo4j and cmd/dyad share one database and clear it.
go test -count=1 -p 1 "$@"
