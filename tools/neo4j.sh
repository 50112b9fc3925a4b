#!/usr/bin/env bash
# Local Neo4j (embedded Community 5.26, Bolt only, no auth) for tests and dev,
# without Docker. The server itself is tools/neo4j-launcher (Maven project).
#
#   tools/neo4j.sh start  [DIR]   build if needed, start, wait until Bolt answers;
#                                 prints `export NEO4J_URI=...` lines on stdout
#   tools/neo4j.sh stop   [DIR]   TERM, wait, KILL after a timeout; idempotent
#   tools/neo4j.sh status [DIR]   exit 0 if running, 3 if not
#   tools/neo4j.sh build          only build the launcher (if out of date)
#   tools/neo4j.sh admin  DIR ARGS...
#                                 run Neo4j's own neo4j-admin (ARGS, e.g. database import
#                                 full neo4j --nodes=...) on DIR's databases, with the
#                                 launcher's jars; refuses while the server of DIR runs
#
# DIR holds the database, neo4j.pid and neo4j.log. start without DIR makes a
# new temp dir; stop/status without DIR use $NEO4J_DIR (which start exports).
#
# Typical use (the exit status must be checked before eval):
#   out="$(tools/neo4j.sh start /tmp/neo4j-test)" && eval "$out"
#   go test ./...
#   tools/neo4j.sh stop /tmp/neo4j-test
#
# Environment:
#   NEO4J_PORT           Bolt port (default 7687); 0 or "auto" = pick a free one
#   NEO4J_HEAP           JVM heap, initial and max (default: 256m initial, 1g max)
#   NEO4J_PAGECACHE      page cache size (default 128m)
#   NEO4J_JAVA_OPTS      extra JVM options (word-split)
#   NEO4J_START_TIMEOUT  seconds to wait for the server (default 120)
#   NEO4J_STOP_TIMEOUT   seconds to wait after TERM before KILL (default 60)
#   JAVA_HOME            JDK/JRE to use (else `java` on PATH); needs Java 17+
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAUNCHER_DIR="$SCRIPT_DIR/neo4j-launcher"
TARGET="$LAUNCHER_DIR/target"
STAMP="$TARGET/.dyad-build-stamp"
MAIN_CLASS="dyad.neo4j.Launcher"
PID_FILE_NAME="neo4j.pid"
LOG_FILE_NAME="neo4j.log"

log() { printf 'neo4j.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
}

java_bin() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        printf '%s\n' "$JAVA_HOME/bin/java"
    elif command -v java >/dev/null 2>&1; then
        command -v java
    else
        die "java not found (install a JDK 17+, or set JAVA_HOME)"
    fi
}

check_java_version() {
    local java="$1" line major
    line="$("$java" -version 2>&1 | head -n1)"
    major="$(printf '%s\n' "$line" | sed -n 's/.*version "\([0-9]*\).*/\1/p')"
    if [[ -z "$major" ]]; then
        log "warning: could not read the Java version from: $line"
    elif [[ "$major" == 1 ]] || (( major < 17 )); then
        die "Java 17+ is needed, found: $line"
    fi
}

# Prints the reason the launcher needs building, or nothing if it is current.
build_reason() {
    if [[ ! -f "$STAMP" ]]; then echo "not built yet"; return; fi
    if [[ ! -f "$TARGET/classes/dyad/neo4j/Launcher.class" ]]; then echo "classes missing"; return; fi
    if ! compgen -G "$TARGET/lib/*.jar" >/dev/null; then echo "target/lib empty"; return; fi
    local newer
    newer="$(find "$LAUNCHER_DIR/pom.xml" "$LAUNCHER_DIR/src" -newer "$STAMP" -print -quit 2>/dev/null || true)"
    if [[ -n "$newer" ]]; then echo "changed: ${newer#"$LAUNCHER_DIR"/}"; fi
}

# The build lock: a rebuild (which empties target/) holds it exclusively; a
# start holds it shared from its up-to-date check until the JVM is ready (by
# then the JVM has opened every jar), so parallel starts from one checkout
# never see a half-built target/. Without flock(1) there is no locking.
LOCK_FILE="${TMPDIR:-/tmp}/dyad-neo4j-launcher-$(printf '%s' "$LAUNCHER_DIR" | cksum | cut -d' ' -f1).lock"
HAVE_FLOCK=0
command -v flock >/dev/null 2>&1 && HAVE_FLOCK=1

lock_shared() {
    if (( HAVE_FLOCK )); then exec 9>>"$LOCK_FILE"; flock -s 9; fi
}
lock_exclusive() {
    if (( HAVE_FLOCK )); then flock -x 9; fi
}
unlock() {
    if (( HAVE_FLOCK )); then exec 9>&-; fi
}

# Builds the launcher if it is out of date. Call with the shared lock held;
# returns with it still held (shared).
build() {
    local reason
    reason="$(build_reason)"
    [[ -z "$reason" ]] && return 0

    command -v mvn >/dev/null 2>&1 || die "mvn not found (needed once to build $LAUNCHER_DIR)"
    lock_exclusive
    reason="$(build_reason)"  # another process may have built it meanwhile
    if [[ -n "$reason" ]]; then
        log "building the launcher ($reason); the first build downloads Neo4j from Maven Central"
        local t0=$SECONDS
        # clean: copy-dependencies never removes jars of an old Neo4j version.
        # (sed: Maven 3.8 prints colour resets even in batch mode.)
        if ! (cd "$LAUNCHER_DIR" && mvn -q -B clean package -DskipTests) 2>&1 \
            | sed 's/\x1b\[[0-9;]*m//g' >&2; then
            die "maven build of $LAUNCHER_DIR failed"
        fi
        touch "$STAMP"
        log "built in $((SECONDS - t0)) s"
    fi
    if (( HAVE_FLOCK )); then flock -s 9; fi
}

# Absolute path of DIR (which must exist).
abs_dir() { (cd "$1" && pwd -P); }

resolve_dir() {
    local dir="${1:-${NEO4J_DIR:-}}"
    [[ -n "$dir" ]] || die "no DIR given and NEO4J_DIR is not set"
    [[ -d "$dir" ]] || die "no such directory: $dir"
    abs_dir "$dir"
}

# Prints the pid if the server of DIR runs, else nothing (and drops a stale pid file).
running_pid() {
    local dir="$1" pid_file="$1/$PID_FILE_NAME" pid
    [[ -f "$pid_file" ]] || return 0
    pid="$(tr -dc '0-9' <"$pid_file")"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
        && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS"; then
        printf '%s\n' "$pid"
    else
        rm -f "$pid_file"
    fi
}

port_answers() {
    local port="$1"
    timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null
}

ready_uri() {
    sed -n 's|^neo4j ready \(bolt://[^ ]*\).*|\1|p' "$1" 2>/dev/null | tail -n1
}

print_exports() {
    local dir="$1" uri="$2"
    printf 'export NEO4J_URI=%q\n' "$uri"
    printf 'export NEO4J_DIR=%q\n' "$dir"
}

log_tail() {
    local log_file="$1"
    if [[ -f "$log_file" ]]; then
        log "last lines of $log_file:"
        tail -n 40 "$log_file" | sed 's/^/    /' >&2
    fi
}

cmd_start() {
    local dir
    if [[ -n "${1:-}" ]]; then
        mkdir -p "$1"
        dir="$(abs_dir "$1")"
    else
        dir="$(mktemp -d "${TMPDIR:-/tmp}/dyad-neo4j.XXXXXX")"
    fi
    local log_file="$dir/$LOG_FILE_NAME" pid_file="$dir/$PID_FILE_NAME"

    local pid
    pid="$(running_pid "$dir")"
    if [[ -n "$pid" ]]; then
        local uri
        uri="$(ready_uri "$log_file")"
        if [[ -n "$uri" ]]; then
            log "already running in $dir (pid $pid) at $uri"
            print_exports "$dir" "$uri"
            return 0
        fi
        die "a server is already starting in $dir (pid $pid); stop it first"
    fi

    local port="${NEO4J_PORT:-7687}"
    [[ "$port" == auto ]] && port=0
    if ! [[ "$port" =~ ^[0-9]{1,5}$ ]] || (( 10#$port > 65535 )); then
        die "bad NEO4J_PORT: $port"
    fi
    port=$((10#$port))
    if (( port != 0 )) && port_answers "$port"; then
        die "port $port is already in use on 127.0.0.1 (another Neo4j?); set NEO4J_PORT to a free port, or NEO4J_PORT=0 to pick one"
    fi

    local java
    java="$(java_bin)"
    check_java_version "$java"
    lock_shared
    build

    # JVM flags as in Neo4j 5's own neo4j.conf (module opens for its direct
    # memory and NIO access, GC and netty settings).
    local -a jvm=(
        "-Xms${NEO4J_HEAP:-256m}" "-Xmx${NEO4J_HEAP:-1g}"
        "-XX:+UseG1GC" "-XX:-OmitStackTraceInFastThrow" "-XX:+DisableExplicitGC"
        "-XX:+ExitOnOutOfMemoryError"
        "-Djdk.nio.maxCachedBufferSize=1024"
        "-Dio.netty.tryReflectionSetAccessible=true"
        "-Dlog4j2.disable.jmx=true"
        "-Dfile.encoding=UTF-8"
        "--add-opens=java.base/java.nio=ALL-UNNAMED"
        "--add-opens=java.base/java.io=ALL-UNNAMED"
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
        "--add-opens=java.base/java.lang=ALL-UNNAMED"
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"
        "--enable-native-access=ALL-UNNAMED"
    )
    if [[ -n "${NEO4J_JAVA_OPTS:-}" ]]; then
        # shellcheck disable=SC2206 # word splitting wanted
        jvm+=(${NEO4J_JAVA_OPTS})
    fi

    : >"$log_file"
    local t0=$SECONDS
    # stdout/stderr go to the log, never to our stdout: callers use $(...).
    NEO4J_PAGECACHE="${NEO4J_PAGECACHE:-128m}" nohup "$java" "${jvm[@]}" \
        -cp "$TARGET/classes:$TARGET/lib/*" "$MAIN_CLASS" "$dir" "$port" \
        </dev/null >>"$log_file" 2>&1 9>&- &
    pid=$!
    printf '%s\n' "$pid" >"$pid_file"
    log "starting neo4j (pid $pid) in $dir, log $log_file"

    local timeout="${NEO4J_START_TIMEOUT:-120}" uri=""
    while :; do
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid" 2>/dev/null || true
            rm -f "$pid_file"
            log_tail "$log_file"
            die "neo4j exited during start-up"
        fi
        uri="$(ready_uri "$log_file")"
        if [[ -n "$uri" ]] && port_answers "${uri##*:}"; then
            break
        fi
        if (( SECONDS - t0 >= timeout )); then
            log_tail "$log_file"
            log "neo4j not ready after ${timeout} s; stopping it"
            stop_pid "$dir" "$pid"
            die "start timed out"
        fi
        sleep 0.5
    done
    unlock
    log "neo4j ready at $uri after $((SECONDS - t0)) s"
    print_exports "$dir" "$uri"
}

stop_pid() {
    local dir="$1" pid="$2" timeout="${NEO4J_STOP_TIMEOUT:-60}" t0=$SECONDS
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do
        if (( SECONDS - t0 >= timeout )); then
            log "neo4j (pid $pid) still running after ${timeout} s; sending KILL"
            kill -KILL "$pid" 2>/dev/null || true
            local k0=$SECONDS
            while kill -0 "$pid" 2>/dev/null && (( SECONDS - k0 < 10 )); do sleep 0.2; done
            break
        fi
        sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && die "could not stop pid $pid"
    rm -f "$dir/$PID_FILE_NAME"
}

cmd_stop() {
    local dir pid
    dir="$(resolve_dir "${1:-}")"
    pid="$(running_pid "$dir")"
    if [[ -z "$pid" ]]; then
        log "not running ($dir)"
        return 0
    fi
    log "stopping neo4j (pid $pid) in $dir"
    local t0=$SECONDS
    stop_pid "$dir" "$pid"
    log "stopped after $((SECONDS - t0)) s"
}

cmd_status() {
    local dir pid
    dir="$(resolve_dir "${1:-}")"
    pid="$(running_pid "$dir")"
    if [[ -z "$pid" ]]; then
        echo "stopped ($dir)"
        return 3
    fi
    local uri
    uri="$(ready_uri "$dir/$LOG_FILE_NAME")"
    if [[ -n "$uri" ]] && port_answers "${uri##*:}"; then
        echo "running pid $pid $uri ($dir)"
    else
        echo "starting pid $pid ($dir)"
    fi
}

# neo4j-admin on DIR's databases (the launcher keeps them in DIR/data, which is where
# neo4j-admin looks with NEO4J_HOME=DIR). Its output goes to stderr: callers use $(...).
cmd_admin() {
    [[ $# -ge 2 ]] || die "usage: tools/neo4j.sh admin DIR ARGS..."
    local dir pid
    dir="$(resolve_dir "$1")"
    shift
    pid="$(running_pid "$dir")"
    if [[ -n "$pid" ]]; then
        die "neo4j is running in $dir (pid $pid); neo4j-admin needs it stopped: tools/neo4j.sh stop $dir"
    fi
    local java
    java="$(java_bin)"
    check_java_version "$java"
    lock_shared
    build
    local -a jvm=("-Xmx${NEO4J_HEAP:-1g}" "-XX:+UseG1GC" "-Dfile.encoding=UTF-8"
        "--add-opens=java.base/java.nio=ALL-UNNAMED"
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
        "--add-opens=java.base/java.lang=ALL-UNNAMED"
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"
        "--enable-native-access=ALL-UNNAMED")
    local rc=0
    NEO4J_HOME="$dir" NEO4J_CONF="$dir" "$java" "${jvm[@]}" -cp "$TARGET/classes:$TARGET/lib/*" \
        org.neo4j.cli.AdminTool "$@" </dev/null >&2 9>&- || rc=$?
    unlock
    return "$rc"
}

main() {
    local cmd="${1:-}"
    shift || true
    case "$cmd" in
        start) cmd_start "$@" ;;
        stop) cmd_stop "$@" ;;
        status) cmd_status "$@" ;;
        build) lock_shared; build; unlock ;;
        admin) cmd_admin "$@" ;;
        -h | --help | help) usage ;;
        *) usage; exit 2 ;;
    esac
}

main "$@"
