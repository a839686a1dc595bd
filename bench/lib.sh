# Shared helpers for bench/*.sh (sourced, not run). Bash, `set -euo pipefail` in the caller.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WEB_PROJECT="$ROOT/src/Souk.Web"
WEB_DLL="$WEB_PROJECT/bin/Release/net10.0/Souk.Web.dll"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Release build of Souk.Web, skipped when the dll is newer than every source file.
build_release_if_needed() {
  if [[ -f "$WEB_DLL" ]] && [[ -z "$(find "$WEB_PROJECT" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" \
        \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$WEB_DLL" -print -quit 2>/dev/null)" ]]; then
    log "Release build is up to date: $WEB_DLL"
    return 0
  fi
  log "building Release: dotnet build -c Release src/Souk.Web"
  dotnet build -c Release "$WEB_PROJECT" --nologo -v quiet -clp:ErrorsOnly >&2 || die "Release build failed"
}

# A TCP port nobody listens on (asks the kernel, then double-checks with bash's /dev/tcp).
free_port() {
  local port
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
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
