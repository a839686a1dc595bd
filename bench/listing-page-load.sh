#!/usr/bin/env bash
# Load test of the listing page GET /l/{id} (and its API twin GET /api/v1/listings/{id}), with GET /healthz of the same
# app in the same run as the ceiling.
#
#   bench/listing-page-load.sh [--smoke] [--start-pg] [--no-sqlite]
#
# For each provider (SQLite always; PostgreSQL when SOUK_TEST_PG holds an admin connection string, or with --start-pg,
# which starts a throwaway server): a fresh database, `Souk.Web.dll seed --users U --follows 5 --listings N`, the app
# (Release, Production, --no-demo, logging at Warning), the listing ids an anonymous visitor can open drawn at random over
# all N (`Souk.Bench listing-ids`: hidden ones answer 404 and are left out; sold and reserved ones stay), a warm-up, then
# wrk against /healthz, /api/v1/listings/{id} and /l/{id}, the ids rotating per request (bench/rotate.lua), and /healthz
# once more at the end to show how much the shared machine drifted. Goal (issue 4): the page ≥ 40 % of /healthz.
#
# Full run: 200,000 listings by 2,000 users, 10,000 ids, wrk -t2 -c50 -d20s after 10 s of warm-up per endpoint;
#           results in bench/results/<date>-listing-page-<provider>.md.
# --smoke:  300 listings by 50 users, no warm-up, wrk -t2 -c4 -d1s; results in bench/results/tmp/; exits 1 if any request failed.
# Overrides (env): SOUK_BENCH_LISTINGS, SOUK_BENCH_USERS, SOUK_BENCH_IDS, SOUK_BENCH_DURATION, SOUK_BENCH_CONNECTIONS,
# SOUK_BENCH_THREADS, SOUK_BENCH_WARMUP, SOUK_BENCH_OUT (results folder), SOUK_BENCH_BASELINE_DLL (another build's
# Souk.Web.dll, measured after this one on the same database), SOUK_BENCH_APP_ENV (extra settings for the app, e.g.
# "Catalog__ListingCache__AnonymousSeconds=0").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_load_args "$@"

if (( SMOKE )); then
  LISTINGS=${SOUK_BENCH_LISTINGS:-300} USERS=${SOUK_BENCH_USERS:-50} IDS=${SOUK_BENCH_IDS:-200}
  DURATION=${SOUK_BENCH_DURATION:-1s} CONNECTIONS=${SOUK_BENCH_CONNECTIONS:-4} WARMUP=none
  OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results/tmp}
else
  LISTINGS=${SOUK_BENCH_LISTINGS:-200000} USERS=${SOUK_BENCH_USERS:-2000} IDS=${SOUK_BENCH_IDS:-10000}
  DURATION=${SOUK_BENCH_DURATION:-20s} CONNECTIONS=${SOUK_BENCH_CONNECTIONS:-50} WARMUP=${SOUK_BENCH_WARMUP:-10s}
  OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results}
fi
THREADS=${SOUK_BENCH_THREADS:-2}
WRK_ARGS=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 5s)
read -r -a APP_ENV <<<"${SOUK_BENCH_APP_ENV:-}"

command -v wrk >/dev/null || die "wrk not found (apt-get install -y wrk)"
load_setup souk-bench-listing
build_bench_tool_if_needed

run_provider() {
  local provider=$1 rows db_size nids
  open_bench_db "$provider" souk_bench_listing
  log "$LABEL: seeding $LISTINGS listings by $USERS users"
  seed_bench_db --users "$USERS" --follows 5 --listings "$LISTINGS"
  rows=$(bench_sql "$provider" "SELECT (SELECT count(*) FROM \"Listings\") || ' listings (' || (SELECT count(*) FROM \"Listings\" WHERE \"State\" < 3) || ' not hidden), ' || (SELECT count(*) FROM \"ListingPhotos\") || ' photo rows'")
  rows=${rows:-"$LISTINGS listings (from the seed verb)"}
  db_size=$(bench_db_size "$provider")

  local names=(healthz api page healthz2) paths=("/healthz" "/api/v1/listings/{id}" "/l/{id}" "/healthz (again, at the end)")
  local -A rps p50 p99 total non2xx sockerr
  local errors=0 table goals page_ratio api_ratio app_rss="" load_before load_after

  # measure TAG DLL: that build of the app on this database: warm-up, then wrk on each endpoint.
  measure() {
    local tag=$1 dll=$2 i key code applog
    applog="$WORK/app-$provider-$tag.log"
    start_app "$dll" "$applog" "${APP_ENV[@]}"
    if [[ ! -s "$WORK/ids.txt" ]]; then
      dotnet "$BENCH_TOOL_DLL" listing-ids --base "$BASE" --max "$LISTINGS" --count "$IDS" >"$WORK/ids.txt" || die "$LABEL: listing-ids failed"
      nids=$(wc -l <"$WORK/ids.txt")
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/l/$(head -n 1 "$WORK/ids.txt")")
    [[ $code == 200 ]] || die "$LABEL: GET /l/$(head -n 1 "$WORK/ids.txt") answered $code, expected 200"
    local -a scripts=("" "-s $BENCH_DIR/rotate.lua" "-s $BENCH_DIR/rotate.lua" "")
    local -a script_args=("" "/api/v1/listings/ $WORK/ids.txt" "/l/ $WORK/ids.txt" "")
    local -a urls=("$BASE/healthz" "$BASE/" "$BASE/" "$BASE/healthz")
    # Tiered JIT keeps compiling for tens of seconds under load on 2 cores; measure after it settles (not in a smoke run).
    (( SMOKE )) || log "$LABEL${tag:+ ($tag)}: warming up ($WARMUP per endpoint)"
    for i in 0 1 2; do
      (( SMOKE )) && break
      # shellcheck disable=SC2086
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" ${scripts[$i]} "${urls[$i]}" ${script_args[$i]:+-- ${script_args[$i]}} >/dev/null
    done
    [[ -n "$tag" ]] || load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    for i in 0 1 2 3; do
      key="$tag${names[$i]}"
      log "$LABEL${tag:+ ($tag)}: wrk ${WRK_ARGS[*]} ${paths[$i]}"
      # shellcheck disable=SC2086
      wrk_into "$key" "$WORK/wrk-$provider-$key.txt" "${WRK_ARGS[@]}" ${scripts[$i]} "${urls[$i]}" ${script_args[$i]:+-- ${script_args[$i]}}
    done
    [[ -n "$tag" ]] || load_after=$(cut -d' ' -f1-3 /proc/loadavg)
    stop_app "$applog"
    [[ -n "$tag" ]] || app_rss=$APP_RSS
  }

  measure "" "$WEB_DLL"
  # Optional same-session comparison with another build (e.g. before a perf fix), on the same database.
  [[ -n "${SOUK_BENCH_BASELINE_DLL:-}" ]] && measure "baseline-" "$SOUK_BENCH_BASELINE_DLL"

  page_ratio=$(ratio "${rps[page]}" "${rps[healthz]}")
  api_ratio=$(ratio "${rps[api]}" "${rps[healthz]}")
  table="| Build | Endpoint | Requests/s | p50 (ms) | p99 (ms) | Requests | Non-2xx | Socket errors | vs /healthz |
|---|---|---:|---:|---:|---:|---:|---:|---:|"
  local tag n i
  for tag in "" ${SOUK_BENCH_BASELINE_DLL:+baseline-}; do
    for i in 0 1 2 3; do
      n="$tag${names[$i]}"
      table+=$'\n'"| $([[ -n $tag ]] && echo baseline || echo this) | \`GET ${paths[$i]}\` | $(printf '%.0f' "${rps[$n]}") | ${p50[$n]} | ${p99[$n]} | ${total[$n]} | ${non2xx[$n]} | ${sockerr[$n]} | $(percent "${rps[$n]}" "${rps[${tag}healthz]}") |"
      errors=$(( errors + ${non2xx[$n]} + ${sockerr[$n]} ))
    done
  done
  goals="- Page / healthz = **$page_ratio** (goal ≥ 0.40: $(awk -v r="$page_ratio" 'BEGIN {print (r >= 0.40 ? "met" : "missed")}')); API / healthz = **$api_ratio**
- Page p50 / p99 = **${p50[page]} / ${p99[page]} ms** at $CONNECTIONS connections"
  [[ -n "${SOUK_BENCH_BASELINE_DLL:-}" ]] && goals+=$'\n'"- Baseline build (\`$SOUK_BENCH_BASELINE_DLL\`, same database, same session): page / healthz = **$(ratio "${rps[baseline-page]}" "${rps[baseline-healthz]}")**, API / healthz = **$(ratio "${rps[baseline-api]}" "${rps[baseline-healthz]}")**, page p99 = **${p99[baseline-page]} ms**"
  (( SMOKE )) && goals+=$'\n'"- Smoke run: sizes and durations are far too small for these goals to mean anything."

  local file="$OUT_DIR/$DATE-listing-page-$provider.md"
  cat >"$file" <<EOF
# Listing page load, $LABEL ($DATE$( (( SMOKE )) && echo ", smoke"))

- Commit: \`$REV\`; machine: $MACHINE
- Data: $rows; database size $db_size; seeded in **$SEED_SECS s** (\`seed --users $USERS --follows 5 --listings $LISTINGS\`)
- App: Release, \`ASPNETCORE_ENVIRONMENT=Production\`, \`--no-demo\`, logging at Warning, anonymous requests${APP_ENV[*]:+, settings: \`${APP_ENV[*]}\`}; peak RSS $app_rss
- Load: \`wrk ${WRK_ARGS[*]}\` on the same machine as the app and database; $nids listing ids drawn at random over all
  $LISTINGS and rotated per request; warm-up per endpoint first: $WARMUP. Load average before/after the measured runs:
  $load_before / $load_after (2 cores; during the runs the app, the database and wrk add about 3)

$table

$goals
EOF
  echo >&2; cat "$file" >&2; echo >&2
  log "$LABEL: written $file"
  SUMMARY+="$LABEL: page/healthz=$page_ratio page p99=${p99[page]} ms api/healthz=$api_ratio errors=$errors"$'\n'
  if (( errors > 0 )); then
    log "$LABEL: $errors failed requests (non-2xx or socket errors)"
    FAILED=1
  fi
  rm -f "$WORK/ids.txt"
  close_bench_db "$provider"
}

for p in "${PROVIDERS[@]}"; do run_provider "$p"; done
load_finish
