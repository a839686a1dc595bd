#!/usr/bin/env bash
# The one test command. Works as root on a fresh Debian 12 machine (only Debian, NuGet and npm
# registries reachable) and again on a machine where it already ran.
#
#   1. installs what is missing (apt-get; npm ci for the browser tests' axe-core)
#   2. starts a throwaway PostgreSQL and Redis on free loopback ports (stopped on exit)
#   3. exports SOUK_TEST_PG and SOUK_TEST_REDIS for the tests (the two-node test in tests/Souk.Tests/Platform starts
#      deploy/two-nodes.sh with them: two built Souk.Web nodes behind a real nginx, with and without Redis)
#   4. builds once, runs every test project with a TRX logger, sums the TRX counters
#   5. runs bench/smoke.sh when it exists
#   6. runs scripts/crash-test.sh (kill -9 during checkouts; the ledger must verify after the restart)
#
# The last line printed is always the totals, alone: "N passed, N failed, N skipped".
# Exit code: 0 only when the build passed, no test failed, every test project produced results
# and the bench smoke passed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CONFIG="${SOUK_TEST_CONFIG:-Release}"
TEST_PROJECTS=(tests/Souk.Tests/Souk.Tests.csproj tests/Souk.BrowserTests/Souk.BrowserTests.csproj)
RESULTS="$ROOT/TestResults/test-sh"
STARTED=$(date +%s)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive

log() { echo "[test.sh +$(( $(date +%s) - STARTED ))s] $*" >&2; }

PASSED=0 FAILED=0 SKIPPED=0
PROBLEMS=()
FAILED_TESTS=()
summary_and_exit() {
  local code=0
  # CI keeps only the tail of the output: name the failed tests here, next to the totals.
  if ((${#FAILED_TESTS[@]} > 0)); then
    log "failed tests (details in the console output above and in $RESULTS):"
    for t in "${FAILED_TESTS[@]}"; do log "  FAILED: $t"; done
  fi
  if ((${#PROBLEMS[@]} > 0)); then
    code=1
    for p in "${PROBLEMS[@]}"; do log "PROBLEM: $p"; done
  fi
  ((FAILED > 0)) && code=1
  log "done in $(( $(date +%s) - STARTED ))s, exit code $code"
  echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
  exit "$code"
}

# ---------------------------------------------------------------------------------------------
# 1. Packages
# ---------------------------------------------------------------------------------------------
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
# hey (HTTP load generator) is in bookworm as package "hey"; wrk likewise.
# fonts-wqy-microhei: CJK glyphs, so Chinese pages render (and screenshot) as text, not boxes.
# sqlite3: the crash test and the benchmarks read the SQLite database with it.
for pkg in postgresql redis-server chromium fonts-wqy-microhei nginx wrk hey sqlite3; do
  installed "$pkg" || missing+=("$pkg")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    log "missing Debian packages: ${missing[*]} (run as root to install them)"
    PROBLEMS+=("missing packages: ${missing[*]}")
    summary_and_exit
  fi
  log "installing: ${missing[*]}"
  apt-get update -q >&2
  apt-get install -y -q "${missing[@]}" >&2
else
  log "Debian packages present"
fi

BROWSER_DIR="$ROOT/tests/Souk.BrowserTests"
if [[ -f "$BROWSER_DIR/node_modules/axe-core/axe.min.js" && "$BROWSER_DIR/node_modules/.package-lock.json" -nt "$BROWSER_DIR/package-lock.json" ]]; then
  log "npm packages present"
else
  log "npm ci in tests/Souk.BrowserTests"
  (cd "$BROWSER_DIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

# ---------------------------------------------------------------------------------------------
# 2. Throwaway PostgreSQL and Redis
# ---------------------------------------------------------------------------------------------
WORK="$(mktemp -d /tmp/souk-test.XXXXXX)"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
PGDATA="$WORK/pg"
PG_STARTED="" REDIS_PIDFILE="$WORK/redis.pid"

cleanup() {
  local rc=$?
  set +e
  if [[ -n "$PG_STARTED" ]]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w -t 30 stop >/dev/null 2>&1
  fi
  if [[ -f "$REDIS_PIDFILE" ]]; then
    kill "$(cat "$REDIS_PIDFILE")" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$(cat "$REDIS_PIDFILE" 2>/dev/null)" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$WORK"
  return $rc
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$(( 20000 + RANDOM % 40000 ))
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  return 1
}

PGPORT="$(free_port)"
chown postgres: "$WORK"
chmod 755 "$WORK"
log "PostgreSQL $(basename "$(dirname "$PGBIN")") on 127.0.0.1:$PGPORT"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; PROBLEMS+=("initdb failed"); summary_and_exit; }
if runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg.log" -w -t 60 \
     -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
     start >/dev/null; then
  PG_STARTED=1
else
  cat "$WORK/pg.log" >&2
  PROBLEMS+=("PostgreSQL did not start")
  summary_and_exit
fi

REDISPORT="$(free_port)"
log "Redis on 127.0.0.1:$REDISPORT"
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$REDIS_PIDFILE" --logfile "$WORK/redis.log" --dir "$WORK"
for _ in $(seq 1 50); do
  [[ "$(redis-cli -h 127.0.0.1 -p "$REDISPORT" ping 2>/dev/null)" == PONG ]] && break
  sleep 0.1
done
[[ "$(redis-cli -h 127.0.0.1 -p "$REDISPORT" ping 2>/dev/null)" == PONG ]] \
  || { cat "$WORK/redis.log" >&2; PROBLEMS+=("Redis did not start"); summary_and_exit; }

# ---------------------------------------------------------------------------------------------
# 3. What the tests read
# ---------------------------------------------------------------------------------------------
export SOUK_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
export SOUK_TEST_REDIS="127.0.0.1:$REDISPORT"

# ---------------------------------------------------------------------------------------------
# 4. Build once, test every project, sum the TRX counters
# ---------------------------------------------------------------------------------------------
log "dotnet build Souk.slnx -c $CONFIG"
if ! dotnet build Souk.slnx -c "$CONFIG" -nologo -v minimal; then
  PROBLEMS+=("build failed")
  summary_and_exit
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

failed_in_trx() {
  awk '
    /<UnitTestResult / && /outcome="(Failed|Error|Timeout|Aborted)"/ {
      match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11)
      if ($0 ~ /\/>[ \t\r]*$/) print name; else want = 1
      next }
    want && /<Message>/ {
      msg = $0; sub(/.*<Message>/, "", msg); sub(/<\/Message>.*/, "", msg)
      print name " -- " substr(msg, 1, 300); want = 0; next }
    want && /<\/UnitTestResult>/ { print name; want = 0 }
  ' "$1"
}
attr() { local v; v="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")"; echo "${v:-0}"; }

for project in "${TEST_PROJECTS[@]}"; do
  [[ -f "$project" ]] || { log "skipping $project (not in this tree)"; continue; }
  name="$(basename "$project" .csproj)"
  log "dotnet test $name"
  rc=0
  timeout --kill-after=30s 15m dotnet test "$project" -c "$CONFIG" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS/$name" --blame-hang-timeout 8m || rc=$?
  trx="$RESULTS/$name/$name.trx"
  if [[ ! -f "$trx" ]]; then
    # VSTest writes no TRX for a project without a single test; it says so and exits 0.
    if [[ $rc -eq 0 ]]; then
      log "$name: no TRX and exit code 0: no tests, counted as 0"
    else
      PROBLEMS+=("$name: dotnet test exited $rc and wrote no TRX (crash or build problem)")
    fi
    continue
  fi
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  outcome="$(grep -o '<ResultSummary outcome="[A-Za-z]*"' "$trx" | head -n 1 | sed 's/.*outcome="\(.*\)"/\1/')"
  total=$(attr total "$counters"); passed=$(attr passed "$counters"); failed=$(attr failed "$counters")
  errors=$(( $(attr error "$counters") + $(attr timeout "$counters") + $(attr aborted "$counters") ))
  failed=$(( failed + errors ))
  skipped=$(( total - passed - failed ))
  ((skipped < 0)) && skipped=0
  log "$name: $passed passed, $failed failed, $skipped skipped (outcome $outcome, exit $rc)"
  if ((failed > 0)); then
    # Each failed UnitTestResult's name and the first line of its message (TRX writes one element per line).
    while IFS= read -r line; do FAILED_TESTS+=("$name: $line"); done < <(failed_in_trx "$trx")
  fi
  PASSED=$(( PASSED + passed )); FAILED=$(( FAILED + failed )); SKIPPED=$(( SKIPPED + skipped ))
  if [[ $rc -ne 0 && $failed -eq 0 ]]; then
    PROBLEMS+=("$name: dotnet test exited $rc with no failed test (test host crashed or run aborted)")
  fi
  if [[ "$outcome" != "Completed" && "$outcome" != "Passed" && "$outcome" != "Failed" && "$outcome" != "Warning" ]]; then
    PROBLEMS+=("$name: run outcome $outcome")
  fi
done

# ---------------------------------------------------------------------------------------------
# 5. Benchmark smoke
# ---------------------------------------------------------------------------------------------
if [[ -f bench/smoke.sh ]]; then
  log "bench/smoke.sh"
  # Ten benchmarks with both providers: about 7.5 minutes on a loaded machine (chat-load --smoke, with its two nodes
  # behind nginx, about 2 of them); the limit catches a hang, not a slow run.
  if ! timeout --kill-after=30s 13m bash bench/smoke.sh; then
    PROBLEMS+=("bench/smoke.sh failed")
  fi
else
  log "no bench/smoke.sh in this tree: benchmark smoke skipped"
fi

# ---------------------------------------------------------------------------------------------
# 6. Crash test: kill -9 during checkouts, restart, the ledger and the stock must still add up
# ---------------------------------------------------------------------------------------------
log "scripts/crash-test.sh"
if ! timeout --kill-after=30s 6m bash scripts/crash-test.sh; then
  PROBLEMS+=("scripts/crash-test.sh failed")
fi

summary_and_exit
