#!/usr/bin/env bash
# Load test of the profile endpoints, with GET /healthz of the same app in the same run as the ceiling.
#
#   bench/profile-load.sh [--smoke] [--start-pg] [--no-sqlite]
#
# For each provider (SQLite always; PostgreSQL when SOUK_TEST_PG holds an admin connection string such as
# "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres", or with --start-pg, which starts a
# throwaway server): a fresh database, `Souk.Web.dll seed`, the app (Release, Production, --no-demo,
# logging at Warning), a warm-up, then wrk against /healthz, /api/v1/users/{handle} and /u/{handle}, the
# handles rotating over many seeded users (the most followed ones and a random spread of the rest).
#
# Full run: 100,000 users x 200 follows, wrk -t2 -c50 -d20s; results in bench/results/<date>-profile-<provider>.md.
# --smoke:  200 users x 5 follows, wrk -t2 -c4 -d2s; results in bench/results/tmp/; exits 1 if any request failed.
# Overrides (env): SOUK_BENCH_USERS, SOUK_BENCH_FOLLOWS, SOUK_BENCH_DURATION, SOUK_BENCH_CONNECTIONS,
# SOUK_BENCH_THREADS, SOUK_BENCH_WARMUP, SOUK_BENCH_HANDLES, SOUK_BENCH_OUT (results folder),
# SOUK_BENCH_BASELINE_DLL (another build's Souk.Web.dll, measured after this one on the same database).
# The app runs with its build output as content root (appsettings.json read as in a deployment).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SMOKE=0 START_PG=0 SQLITE=1
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    --start-pg) START_PG=1 ;;
    --no-sqlite) SQLITE=0 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (try --help)" ;;
  esac
done

if (( SMOKE )); then
  USERS=${SOUK_BENCH_USERS:-200} FOLLOWS=${SOUK_BENCH_FOLLOWS:-5}
  DURATION=${SOUK_BENCH_DURATION:-2s} CONNECTIONS=${SOUK_BENCH_CONNECTIONS:-4} WARMUP=${SOUK_BENCH_WARMUP:-1s}
  HANDLES=${SOUK_BENCH_HANDLES:-200} OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results/tmp}
else
  USERS=${SOUK_BENCH_USERS:-100000} FOLLOWS=${SOUK_BENCH_FOLLOWS:-200}
  DURATION=${SOUK_BENCH_DURATION:-20s} CONNECTIONS=${SOUK_BENCH_CONNECTIONS:-50} WARMUP=${SOUK_BENCH_WARMUP:-10s}
  HANDLES=${SOUK_BENCH_HANDLES:-10000} OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results}
fi
THREADS=${SOUK_BENCH_THREADS:-2}
WRK_ARGS=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 5s)

command -v wrk >/dev/null || die "wrk not found (apt-get install -y wrk)"
command -v curl >/dev/null || die "curl not found"

WORK=$(mktemp -d /tmp/souk-bench.XXXXXX)
APP_PID="" PG_DB="" PG_ADMIN_CS=""
cleanup() {
  local rc=$?
  stop_group "$APP_PID"; APP_PID=""
  if [[ -n "$PG_DB" ]]; then pg_psql -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || true; fi
  stop_throwaway_pg
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
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

# pick_handles RUN COUNT N: the 100 most followed (low indices, see Seeder) and a random spread of the rest, shuffled.
pick_handles() {
  local run=$1 count=$2 n=$3
  awk -v run="$run" -v count="$count" -v n="$n" 'BEGIN {
    srand(42)
    if (count >= n) { for (i = 0; i < n; i++) pick[i] = 1 }
    else {
      top = (count < 100 ? count : 100)
      for (i = 0; i < top; i++) pick[i] = 1
      got = top
      while (got < count) { i = int(rand() * n); if (!(i in pick)) { pick[i] = 1; got++ } }
    }
    for (i in pick) printf "%.8f s%s_%d\n", rand(), run, i
  }' | sort -k1,1 | awk '{print $2}'
}

FAILED=0
SUMMARY=""
DATE=$(date +%F)
MACHINE=$(machine_summary)
REV=$(git_revision)

run_provider() {
  local provider=$1 label cs prov_name db_size rows seed_out seed_secs run port base
  local env_common=(ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
    Logging__LogLevel__Microsoft.AspNetCore=Warning Blobs__Root="$WORK/$provider-media" Demo__Enabled=false)
  if [[ $provider == sqlite ]]; then
    label=SQLite prov_name=Sqlite
    mkdir -p "$WORK/sqlite"
    cs="Data Source=$WORK/sqlite/souk.db"
  else
    label=PostgreSQL prov_name=Postgres
    PG_DB="souk_bench_$(date +%s)_$$"
    pg_psql -c "CREATE DATABASE \"$PG_DB\"" >/dev/null || die "cannot create database $PG_DB (SOUK_TEST_PG=$PG_ADMIN_CS)"
    cs=$(pg_with_database "$PG_ADMIN_CS" "$PG_DB")
  fi
  local env_db=(ConnectionStrings__Souk="$cs" Database__Provider="$prov_name")

  log "$label: seeding $USERS users x $FOLLOWS follows"
  seed_out=$(env "${env_common[@]}" "${env_db[@]}" dotnet "$WEB_DLL" seed --users "$USERS" --follows "$FOLLOWS" 2>&1) \
    || { echo "$seed_out" >&2; die "$label: seed failed"; }
  log "$label: $seed_out"
  run=$(sed -n 's/.*handles s\([0-9a-f]*\)_0 .*/\1/p' <<<"$seed_out")
  seed_secs=$(sed -n 's/.* in \([0-9.]*\) s on .*/\1/p' <<<"$seed_out")
  [[ -n "$run" ]] || die "$label: cannot read the handle prefix from: $seed_out"

  if [[ $provider == sqlite ]]; then
    db_size=$(du -cb "$WORK"/sqlite/souk.db* | awk 'END {printf "%.1f MB", $1 / 1e6}')
    if command -v sqlite3 >/dev/null; then
      rows=$(sqlite3 "$WORK/sqlite/souk.db" 'SELECT (SELECT count(*) FROM AspNetUsers) || " users, " || (SELECT count(*) FROM Follows) || " follows"')
    fi
  else
    db_size=$(pg_psql -c "SELECT round(pg_database_size('$PG_DB') / 1e6, 1) || ' MB'")
    rows=$(PG_ADMIN_CS=$cs pg_psql -c 'SELECT (SELECT count(*) FROM "AspNetUsers") || '"' users, '"' || (SELECT count(*) FROM "Follows") || '"' follows'"'')
  fi
  rows=${rows:-"$USERS users, $((USERS * FOLLOWS)) follows (from the seed verb)"}

  pick_handles "$run" "$HANDLES" "$USERS" >"$WORK/handles.txt"
  local nhandles; nhandles=$(wc -l <"$WORK/handles.txt")
  local names=(healthz api page) paths=("/healthz" "/api/v1/users/{handle}" "/u/{handle}")
  local -A rps p50 p99 total non2xx sockerr
  local app_rss="" errors=0 table goals api_ratio page_ratio

  # measure TAG DLL: starts that build of the app on this database, warms up, runs wrk on the three endpoints.
  measure() {
    local tag=$1 dll=$2 port base sample code i
    port=$(free_port)
    base="http://127.0.0.1:$port"
    env "${env_common[@]}" ASPNETCORE_CONTENTROOT="$(dirname "$dll")" "${env_db[@]}" setsid dotnet "$dll" --no-demo --urls "$base" >"$WORK/app-$provider-$tag.log" 2>&1 &
    APP_PID=$!
    wait_http "$base/healthz" 90 "$APP_PID" || { cat "$WORK/app-$provider-$tag.log" >&2; die "$label: app did not answer /healthz"; }
    sample="s${run}_1"
    for path in "/api/v1/users/$sample" "/u/$sample"; do
      code=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
      [[ $code == 200 ]] || die "$label: GET $path answered $code, expected 200"
    done
    local -a scripts=("" "-s $BENCH_DIR/rotate-handles.lua" "-s $BENCH_DIR/rotate-handles.lua")
    local -a script_args=("" "/api/v1/users/ $WORK/handles.txt" "/u/ $WORK/handles.txt")
    local -a urls=("$base/healthz" "$base/" "$base/")
    # Tiered JIT keeps compiling for tens of seconds under load on 2 cores; measure after it settles.
    log "$label${tag:+ ($tag)}: warming up ($WARMUP per endpoint)"
    for i in 0 1 2; do
      # shellcheck disable=SC2086
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" ${scripts[$i]} "${urls[$i]}" ${script_args[$i]:+-- ${script_args[$i]}} >/dev/null
    done
    for i in 0 1 2; do
      local key="$tag${names[$i]}"
      log "$label${tag:+ ($tag)}: wrk ${WRK_ARGS[*]} ${paths[$i]}"
      # shellcheck disable=SC2086
      wrk "${WRK_ARGS[@]}" ${scripts[$i]} "${urls[$i]}" ${script_args[$i]:+-- ${script_args[$i]}} >"$WORK/wrk-$provider-$key.txt" \
        || die "$label: wrk failed on ${paths[$i]}"
      read -r rps[$key] p50[$key] p99[$key] total[$key] non2xx[$key] sockerr[$key] < <(parse_wrk "$WORK/wrk-$provider-$key.txt")
    done
    [[ -n "$tag" ]] || app_rss=$(awk '/^VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$APP_PID/status" 2>/dev/null || echo "?")
    stop_group "$APP_PID"; APP_PID=""
    if grep -qiE 'fail|exception|crit' "$WORK/app-$provider-$tag.log"; then
      log "$label: the app logged errors:"; grep -iE 'fail|exception|crit' "$WORK/app-$provider-$tag.log" | head -20 >&2
    fi
  }

  measure "" "$WEB_DLL"
  # Optional same-session comparison with another build (e.g. before a perf fix), on the same database.
  [[ -n "${SOUK_BENCH_BASELINE_DLL:-}" ]] && measure "baseline-" "$SOUK_BENCH_BASELINE_DLL"

  ratio_of() { awk -v a="${rps[$1]}" -v h="${rps[$2]}" 'BEGIN {printf "%.2f", (h > 0 ? a / h : 0)}'; }
  api_ratio=$(ratio_of api healthz)
  page_ratio=$(ratio_of page healthz)
  table="| Build | Endpoint | Requests/s | p50 (ms) | p99 (ms) | Requests | Non-2xx | Socket errors | vs /healthz |
|---|---|---:|---:|---:|---:|---:|---:|---:|"
  local tag n
  for tag in "" ${SOUK_BENCH_BASELINE_DLL:+baseline-}; do
    for i in 0 1 2; do
      n="$tag${names[$i]}"
      table+=$'\n'"| $([[ -n $tag ]] && echo baseline || echo this) | \`GET ${paths[$i]}\` | $(printf '%.0f' "${rps[$n]}") | ${p50[$n]} | ${p99[$n]} | ${total[$n]} | ${non2xx[$n]} | ${sockerr[$n]} | $(awk -v r="$(ratio_of "$n" "${tag}healthz")" 'BEGIN {printf "%.0f %%", 100 * r}') |"
      errors=$(( errors + ${non2xx[$n]} + ${sockerr[$n]} ))
    done
  done
  local ratio_goal p99_goal
  ratio_goal=$(awk -v r="$api_ratio" 'BEGIN {print (r >= 0.40 ? "met" : "missed")}')
  p99_goal=$(awk -v p="${p99[api]}" 'BEGIN {print (p < 20 ? "met" : "missed")}')
  goals="- API / healthz = **$api_ratio** (goal ≥ 0.40 on SQLite: $ratio_goal); page / healthz = **$page_ratio**
- API p99 = **${p99[api]} ms** at $CONNECTIONS connections (goal < 20 ms at 50 connections: $p99_goal)"
  [[ -n "${SOUK_BENCH_BASELINE_DLL:-}" ]] && goals+=$'\n'"- Baseline build (\`$SOUK_BENCH_BASELINE_DLL\`, same database, same session): API / healthz = **$(ratio_of baseline-api baseline-healthz)**, page / healthz = **$(ratio_of baseline-page baseline-healthz)**, API p99 = **${p99[baseline-api]} ms**"
  (( SMOKE )) && goals+=$'\n'"- Smoke run: sizes and durations are far too small for these goals to mean anything."

  local file="$OUT_DIR/$DATE-profile-$provider.md"
  cat >"$file" <<EOF
# Profile load, $label ($DATE$( (( SMOKE )) && echo ", smoke"))

- Commit: \`$REV\`; machine: $MACHINE
- Data: $rows; database size $db_size; seeded in **$seed_secs s** (\`seed --users $USERS --follows $FOLLOWS\`)
- App: Release, \`ASPNETCORE_ENVIRONMENT=Production\`, \`--no-demo\`, logging at Warning, anonymous requests; peak RSS $app_rss
- Load: \`wrk ${WRK_ARGS[*]}\` on the same machine as the app and database; $nhandles handles rotated per request
  (the 100 most-followed users and a random spread of the rest); $WARMUP warm-up per endpoint first

$table

$goals
EOF
  echo >&2; cat "$file" >&2; echo >&2
  log "$label: written $file"
  SUMMARY+="$label: api/healthz=$api_ratio api p99=${p99[api]} ms seed=${seed_secs}s errors=$errors"$'\n'
  if (( errors > 0 )); then
    log "$label: $errors failed requests (non-2xx or socket errors)"
    FAILED=1
  fi

  if [[ $provider == postgres ]]; then
    pg_psql -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null || true
    PG_DB=""
  else
    rm -rf "$WORK/sqlite"
  fi
}

for p in "${PROVIDERS[@]}"; do run_provider "$p"; done

printf '%s' "$SUMMARY" >&2
if (( SMOKE && FAILED )); then die "smoke: some requests failed"; fi
if (( FAILED )); then log "warning: some requests failed (see the tables)"; fi
log "done"
