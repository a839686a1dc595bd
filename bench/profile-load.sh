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

parse_load_args "$@"

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
load_setup souk-bench

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

run_provider() {
  local provider=$1 rows run
  open_bench_db "$provider" souk_bench
  log "$LABEL: seeding $USERS users x $FOLLOWS follows"
  seed_bench_db --users "$USERS" --follows "$FOLLOWS"
  run=$(sed -n 's/.*handles s\([0-9a-f]*\)_0 .*/\1/p' <<<"$SEED_OUT")
  [[ -n "$run" ]] || die "$LABEL: cannot read the handle prefix from: $SEED_OUT"
  rows=$(bench_sql "$provider" "SELECT (SELECT count(*) FROM \"AspNetUsers\") || ' users, ' || (SELECT count(*) FROM \"Follows\") || ' follows'")
  rows=${rows:-"$USERS users, $((USERS * FOLLOWS)) follows (from the seed verb)"}
  local db_size; db_size=$(bench_db_size "$provider")

  pick_handles "$run" "$HANDLES" "$USERS" >"$WORK/handles.txt"
  local nhandles; nhandles=$(wc -l <"$WORK/handles.txt")
  local names=(healthz api page) paths=("/healthz" "/api/v1/users/{handle}" "/u/{handle}")
  local -A rps p50 p99 total non2xx sockerr
  local app_rss="" errors=0 table goals api_ratio page_ratio

  # measure TAG DLL: starts that build of the app on this database, warms up, runs wrk on the three endpoints.
  measure() {
    local tag=$1 dll=$2 sample code i applog
    applog="$WORK/app-$provider-$tag.log"
    start_app "$dll" "$applog"
    sample="s${run}_1"
    for path in "/api/v1/users/$sample" "/u/$sample"; do
      code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
      [[ $code == 200 ]] || die "$LABEL: GET $path answered $code, expected 200"
    done
    local -a scripts=("" "-s $BENCH_DIR/rotate.lua" "-s $BENCH_DIR/rotate.lua")
    local -a script_args=("" "/api/v1/users/ $WORK/handles.txt" "/u/ $WORK/handles.txt")
    local -a urls=("$BASE/healthz" "$BASE/" "$BASE/")
    # Tiered JIT keeps compiling for tens of seconds under load on 2 cores; measure after it settles.
    log "$LABEL${tag:+ ($tag)}: warming up ($WARMUP per endpoint)"
    for i in 0 1 2; do
      # shellcheck disable=SC2086
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" ${scripts[$i]} "${urls[$i]}" ${script_args[$i]:+-- ${script_args[$i]}} >/dev/null
    done
    for i in 0 1 2; do
      local key="$tag${names[$i]}"
      log "$LABEL${tag:+ ($tag)}: wrk ${WRK_ARGS[*]} ${paths[$i]}"
      # shellcheck disable=SC2086
      wrk_into "$key" "$WORK/wrk-$provider-$key.txt" "${WRK_ARGS[@]}" ${scripts[$i]} "${urls[$i]}" ${script_args[$i]:+-- ${script_args[$i]}}
    done
    stop_app "$applog"
    [[ -n "$tag" ]] || app_rss=$APP_RSS
  }

  measure "" "$WEB_DLL"
  # Optional same-session comparison with another build (e.g. before a perf fix), on the same database.
  [[ -n "${SOUK_BENCH_BASELINE_DLL:-}" ]] && measure "baseline-" "$SOUK_BENCH_BASELINE_DLL"

  api_ratio=$(ratio "${rps[api]}" "${rps[healthz]}")
  page_ratio=$(ratio "${rps[page]}" "${rps[healthz]}")
  table="| Build | Endpoint | Requests/s | p50 (ms) | p99 (ms) | Requests | Non-2xx | Socket errors | vs /healthz |
|---|---|---:|---:|---:|---:|---:|---:|---:|"
  local tag n
  for tag in "" ${SOUK_BENCH_BASELINE_DLL:+baseline-}; do
    for i in 0 1 2; do
      n="$tag${names[$i]}"
      table+=$'\n'"| $([[ -n $tag ]] && echo baseline || echo this) | \`GET ${paths[$i]}\` | $(printf '%.0f' "${rps[$n]}") | ${p50[$n]} | ${p99[$n]} | ${total[$n]} | ${non2xx[$n]} | ${sockerr[$n]} | $(percent "${rps[$n]}" "${rps[${tag}healthz]}") |"
      errors=$(( errors + ${non2xx[$n]} + ${sockerr[$n]} ))
    done
  done
  local ratio_goal p99_goal
  ratio_goal=$(awk -v r="$api_ratio" 'BEGIN {print (r >= 0.40 ? "met" : "missed")}')
  p99_goal=$(awk -v p="${p99[api]}" 'BEGIN {print (p < 20 ? "met" : "missed")}')
  goals="- API / healthz = **$api_ratio** (goal ≥ 0.40 on SQLite: $ratio_goal); page / healthz = **$page_ratio**
- API p99 = **${p99[api]} ms** at $CONNECTIONS connections (goal < 20 ms at 50 connections: $p99_goal)"
  [[ -n "${SOUK_BENCH_BASELINE_DLL:-}" ]] && goals+=$'\n'"- Baseline build (\`$SOUK_BENCH_BASELINE_DLL\`, same database, same session): API / healthz = **$(ratio "${rps[baseline-api]}" "${rps[baseline-healthz]}")**, page / healthz = **$(ratio "${rps[baseline-page]}" "${rps[baseline-healthz]}")**, API p99 = **${p99[baseline-api]} ms**"
  (( SMOKE )) && goals+=$'\n'"- Smoke run: sizes and durations are far too small for these goals to mean anything."

  local file="$OUT_DIR/$DATE-profile-$provider.md"
  cat >"$file" <<EOF
# Profile load, $LABEL ($DATE$( (( SMOKE )) && echo ", smoke"))

- Commit: \`$REV\`; machine: $MACHINE
- Data: $rows; database size $db_size; seeded in **$SEED_SECS s** (\`seed --users $USERS --follows $FOLLOWS\`)
- App: Release, \`ASPNETCORE_ENVIRONMENT=Production\`, \`--no-demo\`, logging at Warning, anonymous requests; peak RSS $app_rss
- Load: \`wrk ${WRK_ARGS[*]}\` on the same machine as the app and database; $nhandles handles rotated per request
  (the 100 most-followed users and a random spread of the rest); $WARMUP warm-up per endpoint first

$table

$goals
EOF
  echo >&2; cat "$file" >&2; echo >&2
  log "$LABEL: written $file"
  SUMMARY+="$LABEL: api/healthz=$api_ratio api p99=${p99[api]} ms seed=${SEED_SECS}s errors=$errors"$'\n'
  if (( errors > 0 )); then
    log "$LABEL: $errors failed requests (non-2xx or socket errors)"
    FAILED=1
  fi

  close_bench_db "$provider"
}

for p in "${PROVIDERS[@]}"; do run_provider "$p"; done
load_finish
