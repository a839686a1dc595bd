# Shared helpers for bench/*.sh (sourced, not run). Bash, `set -euo pipefail` in the caller.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WEB_PROJECT="$ROOT/src/Souk.Web"
WEB_DLL="$WEB_PROJECT/bin/Release/net10.0/Souk.Web.dll"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Release build of Souk.Web, skipped when the dll is newer than every source file.
build_release_if_needed() { build_if_needed "$WEB_PROJECT" "$WEB_DLL"; }

# Release build of bench/Souk.Bench (the load tools), skipped likewise; it compiles Souk.Web too.
BENCH_TOOL_DLL="$BENCH_DIR/Souk.Bench/bin/Release/net10.0/Souk.Bench.dll"
build_bench_tool_if_needed() { build_if_needed "$BENCH_DIR/Souk.Bench" "$BENCH_TOOL_DLL" "$WEB_PROJECT"; }

# build_if_needed PROJECT DLL [MORE SOURCE FOLDERS...]: dotnet build -c Release PROJECT unless DLL is newer than every source.
build_if_needed() {
  local project=$1 dll=$2; shift 2
  if [[ -f "$dll" ]] && [[ -z "$(find "$project" "$@" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" \
        \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$dll" -print -quit 2>/dev/null)" ]]; then
    log "Release build is up to date: $dll"
    return 0
  fi
  log "building Release: dotnet build -c Release ${project#"$ROOT"/}"
  dotnet build -c Release "$project" --nologo -v quiet -clp:ErrorsOnly >&2 || die "Release build of $project failed"
}

# A TCP port nobody listens on (checked with bash's /dev/tcp), below the kernel's ephemeral range: a port in that range
# may be the local end of an outgoing connection (the chat benchmark opens thousands), and then a server cannot bind it.
free_port() {
  local port low
  low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  (( low > 21000 )) || low=60000
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % (low - 20000) ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  die "no free port found"
}

# now_s: seconds since the epoch with nanoseconds, for wall-clock intervals.
now_s() { date +%s.%N; }

# wait_http URL SECONDS [PID]: polls every 50 ms until URL answers 200; fails if PID dies first.
wait_http() {
  local url=$1 limit=$2 pid=${3:-} deadline
  deadline=$(( $(date +%s) + limit ))
  while (( $(date +%s) < deadline )); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null || true)" == 200 ]]; then return 0; fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.05
  done
  return 1
}

# stop_group PID: ends a process group started with setsid (the app and any child such as `dotnet run`'s).
stop_group() {
  local pid=$1
  [[ -n "$pid" ]] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# --- PostgreSQL -----------------------------------------------------------------------------

pg_bin_dir() {
  local d
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0; fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  done
  return 1
}

# start_throwaway_pg: initdb + pg_ctl as user postgres in a /tmp data dir on a free port.
# Sets PG_STARTED_DIR and PG_ADMIN_CS (call it directly, not in $(...), or the trap cannot stop it).
PG_STARTED_DIR=""
PG_BIN=""
start_throwaway_pg() {
  PG_BIN=$(pg_bin_dir) || die "PostgreSQL server binaries not found (apt-get install -y postgresql)"
  id postgres >/dev/null 2>&1 || die "no 'postgres' user to run PostgreSQL as"
  local port dir
  port=$(free_port)
  dir=$(mktemp -d /tmp/souk-bench-pg.XXXXXX)
  PG_STARTED_DIR=$dir
  chown postgres: "$dir"
  run_as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 256MB
fsync = on
EOF
  run_as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { cat "$dir/server.log" >&2; die "pg_ctl start failed"; }
  log "started throwaway PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"
  PG_ADMIN_CS="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

run_as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then (cd /tmp && runuser -u postgres -- "$@"); else "$@"; fi
}

stop_throwaway_pg() {
  [[ -n "$PG_STARTED_DIR" ]] || return 0
  run_as_postgres "$PG_BIN/pg_ctl" -D "$PG_STARTED_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_STARTED_DIR"
  PG_STARTED_DIR=""
}

# pg_env CONNSTRING: exports PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE from an Npgsql-style string.
pg_env() {
  local IFS=';' kv k v
  for kv in $1; do
    k=${kv%%=*}; v=${kv#*=}
    case "${k,,}" in
      host|server) export PGHOST=$v ;;
      port) export PGPORT=$v ;;
      username|user|"user id"|userid) export PGUSER=$v ;;
      password) export PGPASSWORD=$v ;;
      database|db) export PGDATABASE=$v ;;
    esac
  done
}

# pg_with_database CONNSTRING NAME: the same connection string pointed at another database.
pg_with_database() {
  local IFS=';' kv out=""
  for kv in $1; do
    [[ -z "$kv" ]] && continue
    case "${kv%%=*}" in [Dd]atabase|[Dd][Bb]) continue ;; esac
    out+="$kv;"
  done
  echo "${out}Database=$2"
}

pg_psql() { (pg_env "$PG_ADMIN_CS"; psql -X -q -v ON_ERROR_STOP=1 -At "$@"); }

# --- reporting ------------------------------------------------------------------------------

machine_summary() {
  local cpu mem os
  cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
  printf '%s CPUs (%s), %s RAM, %s, kernel %s, .NET SDK %s, runtime %s' \
    "$(nproc)" "${cpu:-unknown CPU}" "$mem" "${os:-unknown OS}" "$(uname -r)" \
    "$(dotnet --version 2>/dev/null)" "$(dotnet --list-runtimes 2>/dev/null | awk '/Microsoft.AspNetCore.App/ {v=$2} END {print v}')"
}

git_revision() {
  local rev
  rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no -- src 2>/dev/null)" ]]; then rev+="+dirty"; fi
  echo "$rev"
}

# --- load scripts: what profile-load.sh, search-load.sh, listing-page-load.sh and create-listing-load.sh share -----------

# script_usage: prints the calling script's header comment (from line 2 to the first line that is not a comment).
script_usage() { awk 'NR == 1 {next} /^#/ {sub(/^# ?/, ""); print; next} {exit}' "$0"; }

# parse_load_args "$@": the flags every load script takes. Sets SMOKE, START_PG and SQLITE.
parse_load_args() {
  SMOKE=0 START_PG=0 SQLITE=1
  local arg
  for arg in "$@"; do
    case "$arg" in
      --smoke) SMOKE=1 ;;
      --start-pg) START_PG=1 ;;
      --no-sqlite) SQLITE=0 ;;
      -h|--help) script_usage; exit 0 ;;
      *) die "unknown argument: $arg (try --help)" ;;
    esac
  done
}

# load_setup NAME: everything before the first provider. A temp folder (WORK) that is removed on exit together with the
# app, the benchmark database and a throwaway PostgreSQL; the providers to run (PROVIDERS: sqlite unless --no-sqlite,
# postgres with SOUK_TEST_PG or --start-pg); the Release build; the results folder (OUT_DIR, set by the caller); and the
# facts every report states (DATE, MACHINE, REV). Resets FAILED and SUMMARY for load_finish.
load_setup() {
  command -v curl >/dev/null || die "curl not found"
  WORK=$(mktemp -d "/tmp/$1.XXXXXX")
  APP_PID="" PG_DB="" PG_ADMIN_CS="" BENCH_CS=""
  trap load_cleanup EXIT
  trap 'exit 130' INT TERM
  PROVIDERS=()
  (( SQLITE )) && PROVIDERS+=(sqlite)
  if [[ -n "${SOUK_TEST_PG:-}" ]]; then
    PG_ADMIN_CS=$SOUK_TEST_PG; PROVIDERS+=(postgres)
  elif (( START_PG )); then
    PROVIDERS+=(postgres)
  fi
  (( ${#PROVIDERS[@]} )) || die "no provider to test"
  build_release_if_needed
  if [[ " ${PROVIDERS[*]} " == *" postgres "* && -z "$PG_ADMIN_CS" ]]; then start_throwaway_pg; fi
  mkdir -p "$OUT_DIR"
  FAILED=0 SUMMARY="" DATE=$(date +%F) MACHINE=$(machine_summary) REV=$(git_revision)
}

load_cleanup() {
  local rc=$?
  stop_group "$APP_PID"; APP_PID=""
  if [[ -n "$PG_DB" ]]; then pg_psql -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || true; fi
  stop_throwaway_pg
  rm -rf "$WORK"
  exit "$rc"
}

# load_finish: the one-line-per-provider summary; in smoke mode exits 1 if any request failed.
load_finish() {
  printf '%s' "$SUMMARY" >&2
  if (( SMOKE && FAILED )); then die "smoke: some requests failed"; fi
  if (( FAILED )); then log "warning: some requests failed (see the tables)"; fi
  log "done"
}

# open_bench_db PROVIDER NAME: a fresh, empty database. Sets LABEL (SQLite | PostgreSQL), BENCH_CS, ENV_DB (the app's
# provider and connection string) and ENV_COMMON (Production, logging at Warning, media under WORK, no demo data).
open_bench_db() {
  local provider=$1 name=$2
  ENV_COMMON=(ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
    Logging__LogLevel__Microsoft.AspNetCore=Warning Blobs__Root="$WORK/$provider-media" Demo__Enabled=false)
  if [[ $provider == sqlite ]]; then
    LABEL=SQLite
    mkdir -p "$WORK/sqlite"
    BENCH_CS="Data Source=$WORK/sqlite/souk.db"
    ENV_DB=(ConnectionStrings__Souk="$BENCH_CS" Database__Provider=Sqlite)
  else
    LABEL=PostgreSQL
    PG_DB="${name}_$(date +%s)_$$"
    pg_psql -c "CREATE DATABASE \"$PG_DB\"" >/dev/null || die "cannot create database $PG_DB (SOUK_TEST_PG=$PG_ADMIN_CS)"
    BENCH_CS=$(pg_with_database "$PG_ADMIN_CS" "$PG_DB")
    ENV_DB=(ConnectionStrings__Souk="$BENCH_CS" Database__Provider=Postgres)
  fi
}

# close_bench_db PROVIDER: drops the database (and its media) again.
close_bench_db() {
  if [[ $1 == postgres ]]; then
    pg_psql -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null || true
    PG_DB=""
  else
    rm -rf "$WORK/sqlite"
  fi
  rm -rf "$WORK/$1-media"
}

# bench_db_size PROVIDER: "123.4 MB" (SQLite: the file and its WAL; PostgreSQL: pg_database_size).
bench_db_size() {
  if [[ $1 == sqlite ]]; then du -cb "$WORK"/sqlite/souk.db* | awk 'END {printf "%.1f MB", $1 / 1e6}'
  else pg_psql -c "SELECT round(pg_database_size('$PG_DB') / 1e6, 1) || ' MB'"; fi
}

# bench_sql PROVIDER SQL: the query's rows from the benchmark database (standard SQL, quoted identifiers); on SQLite only
# when the sqlite3 shell is installed (prints nothing otherwise).
bench_sql() {
  if [[ $1 == sqlite ]]; then
    if command -v sqlite3 >/dev/null; then sqlite3 "$WORK/sqlite/souk.db" "$2"; fi
  else
    PG_ADMIN_CS=$BENCH_CS pg_psql -c "$2"
  fi
}

# seed_bench_db ARGS...: the app's own seed verb on the benchmark database. Sets SEED_OUT (its last line) and SEED_SECS.
seed_bench_db() {
  local out
  out=$(env "${ENV_COMMON[@]}" "${ENV_DB[@]}" dotnet "$WEB_DLL" seed "$@" 2>&1) || { echo "$out" >&2; die "$LABEL: seed failed"; }
  SEED_OUT=$(tail -n 1 <<<"$out")
  log "$LABEL: $SEED_OUT"
  SEED_SECS=$(sed -n 's/.* in \([0-9.]*\) s on .*/\1/p' <<<"$SEED_OUT")
  [[ -n "$SEED_SECS" ]] || die "$LABEL: cannot read the seed time from: $SEED_OUT"
}

# start_app DLL LOG [NAME=VALUE...]: that build of the app on the benchmark database (Release, Production, --no-demo, its
# build output as content root so appsettings.json is read as in a deployment) on a free port, with extra settings;
# waits for /healthz. Sets APP_PID and BASE. (Not in $(...): APP_PID must stay visible to the trap.)
start_app() {
  local dll=$1 logfile=$2; shift 2
  BASE="http://127.0.0.1:$(free_port)"
  env "${ENV_COMMON[@]}" "$@" ASPNETCORE_CONTENTROOT="$(dirname "$dll")" "${ENV_DB[@]}" \
    setsid dotnet "$dll" --no-demo --urls "$BASE" >"$logfile" 2>&1 &
  APP_PID=$!
  wait_http "$BASE/healthz" 90 "$APP_PID" || { cat "$logfile" >&2; die "$LABEL: app did not answer /healthz"; }
}

# stop_app LOG: stops the app; sets APP_RSS (its peak resident memory) and shows the errors it logged, if any.
stop_app() {
  APP_RSS=$(awk '/^VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$APP_PID/status" 2>/dev/null || echo "?")
  stop_group "$APP_PID"; APP_PID=""
  if grep -qiE 'fail|exception|crit' "$1"; then
    log "$LABEL: the app logged errors:"; grep -iE 'fail|exception|crit' "$1" | head -20 >&2
  fi
}

# to_ms VALUE: wrk's latency ("812.00us", "1.20ms", "2.01s", "1.00m") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; else if (u == "h") n *= 3600000
    printf "%.2f", n }'
}

# parse_wrk FILE: prints "rps p50 p99 requests non2xx socket_errors".
parse_wrk() {
  local f=$1 rps p50 p99 total non2xx sockerr
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$f")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$f")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$f")")
  total=$(awk '/requests in/ {print $1}' "$f")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$f")
  sockerr=$(awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$f")
  echo "${rps:-0} ${p50:-0} ${p99:-0} ${total:-0} ${non2xx:-0} ${sockerr:-0}"
}

# wrk_max FILE: the slowest single request wrk saw, in ms. wrk's percentiles are corrected for coordinated omission: a
# request that took L ms adds L / (the run's mean interval per connection) samples spread below L, so one request of a few
# seconds in a run of 20 s lifts p99 to hundreds of ms (checked: one 1.5 s request among 117,000 of 0.25 ms reads as
# p99 1.15 s). The max is uncorrected and tells that apart from a generally slow tail.
wrk_max() { to_ms "$(awk '$1 == "Latency" {print $4; exit}' "$1")"; }

# wrk_into KEY FILE WRK-ARGS...: runs wrk, keeps its output in FILE and reads it into the caller's associative arrays
# rps, p50, p99, total, non2xx and sockerr under KEY (the caller declares them: `local -A rps p50 ...`).
wrk_into() {
  local key=$1 file=$2; shift 2
  wrk "$@" >"$file" || die "$LABEL: wrk $* failed"
  read -r "rps[$key]" "p50[$key]" "p99[$key]" "total[$key]" "non2xx[$key]" "sockerr[$key]" < <(parse_wrk "$file")
}

# percent A B: A / B as a whole percentage ("41 %"); ratio A B: the same as a fraction ("0.41").
percent() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f %%", (b > 0 ? 100 * a / b : 0)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
