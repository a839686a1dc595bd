#!/usr/bin/env bash
# Creating a listing with 3 photos, image processing included: latency of the whole sell flow and of each step.
#
#   bench/create-listing-load.sh [--smoke] [--start-pg] [--no-sqlite]
#
# For each provider (SQLite always; PostgreSQL when SOUK_TEST_PG holds an admin connection string, or with --start-pg,
# which starts a throwaway server): a fresh database seeded with `seed --listings N` (so the listing tables and the search
# index have a realistic size), the app (Release, Production, --no-demo, logging at Warning, media on local disk), then
# `Souk.Bench create-listings` (bench/Souk.Bench/CreateListingLoad.cs): it signs up sellers through the API, and each
# seller, all at once, uploads 3 photos one after the other (POST /api/v1/media) and creates a listing with them
# (POST /api/v1/listings), again and again. Photos: phone-app uploads (1600×1200 JPEG with EXIF and GPS, about 430 kB)
# and full camera photos (4032×3024 JPEG, EXIF orientation 6, about 3.4 MB). Cases (PHOTO:SELLERS[:parallel]): each
# kind at 1 and at 4 concurrent sellers uploading one photo after the other, and at 1 seller uploading all 3 at once
# (as an app that uploads each photo when it is picked may). Goal (issue 4): p99 of the whole listing < 500 ms.
#
# Full run: 200,000 seeded listings, 60 measured listings per case after one warm-up listing per seller; results in
#           bench/results/<date>-create-listing-<provider>.md.
# --smoke:  100 seeded listings, phone photos only, 1 seller x 2 listings; bench/results/tmp/; exits 1 on any failure.
# Overrides (env): SOUK_BENCH_LISTINGS (seeded), SOUK_BENCH_CREATES (measured listings per case), SOUK_BENCH_CASES
# (e.g. "phone:1 camera:4 phone:1:parallel"), SOUK_BENCH_OUT (results folder), SOUK_BENCH_BASELINE_DLL (another build's
# Souk.Web.dll, measured after this one on the same database), SOUK_BENCH_BASELINE_CASES (its cases; default: the same).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_load_args "$@"

if (( SMOKE )); then
  LISTINGS=${SOUK_BENCH_LISTINGS:-100} CREATES=${SOUK_BENCH_CREATES:-2} CASES=${SOUK_BENCH_CASES:-phone:1}
  WARMUP=0 OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results/tmp}
else
  LISTINGS=${SOUK_BENCH_LISTINGS:-200000} CREATES=${SOUK_BENCH_CREATES:-60}
  CASES=${SOUK_BENCH_CASES:-phone:1 phone:4 phone:1:parallel camera:1 camera:4 camera:1:parallel}
  WARMUP=1 OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results}
fi

load_setup souk-bench-create
build_bench_tool_if_needed

run_provider() {
  local provider=$1 rows db_size
  open_bench_db "$provider" souk_bench_create
  log "$LABEL: seeding $LISTINGS listings"
  seed_bench_db --users 200 --follows 5 --listings "$LISTINGS"
  rows=$(bench_sql "$provider" "SELECT (SELECT count(*) FROM \"Listings\") || ' listings, ' || (SELECT count(*) FROM \"SearchEntries\") || ' search entries'")
  rows=${rows:-"$LISTINGS listings (from the seed verb)"}
  db_size=$(bench_db_size "$provider")

  local body="" errors=0 goals="" load_before load_after app_rss=""
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  # measure TAG DLL CASES: that build of the app on this database, each case; appends the tables to body.
  measure() {
    local tag=$1 dll=$2 cases=$3 case kind sellers mode how rounds out result p99 applog
    applog="$WORK/app-$provider-$tag.log"
    start_app "$dll" "$applog"
    for case in $cases; do
      IFS=: read -r kind sellers mode <<<"$case"
      rounds=$(( (CREATES + sellers - 1) / sellers ))
      how="one after the other"; [[ $mode == parallel ]] && how="all at once"
      log "$LABEL${tag:+ ($tag)}: $kind photos uploaded $how, $sellers seller(s) x $rounds listing(s)"
      out="$WORK/create-$provider-$tag${case//:/-}.md"
      if ! dotnet "$BENCH_TOOL_DLL" create-listings --base "$BASE" --sellers "$sellers" --rounds "$rounds" --warmup "$WARMUP" \
          --photo "$kind" ${mode:+--parallel-uploads} >"$out"; then
        errors=$((errors + 1)); log "$LABEL: create-listings failed ($case)"
      fi
      result=$(grep '^result ' "$out" || true)
      p99=$(sed -n 's/.* p99=\([0-9]*\).*/\1/p' <<<"$result")
      body+=$'\n'"### ${tag:+Baseline build: }$kind photos uploaded $how, $sellers concurrent seller(s)"$'\n\n'"$(grep -v '^result ' "$out")"$'\n'
      goals+="- ${tag:+baseline, }$kind photos, $how, $sellers seller(s): p99 of the whole listing = **${p99:-?} ms** (goal < 500 ms: $(awk -v p="${p99:-999999}" 'BEGIN {print (p < 500 ? "met" : "missed")}'))"$'\n'
      SUMMARY+="$LABEL: ${tag}$case p99=${p99:-?} ms"$'\n'
    done
    stop_app "$applog"
    [[ -n "$tag" ]] || app_rss=$APP_RSS
  }
  measure "" "$WEB_DLL" "$CASES"
  [[ -n "${SOUK_BENCH_BASELINE_DLL:-}" ]] && measure "baseline-" "$SOUK_BENCH_BASELINE_DLL" "${SOUK_BENCH_BASELINE_CASES:-$CASES}"
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  (( SMOKE )) && goals+="- Smoke run: far too few listings for these numbers to mean anything."$'\n'

  local file="$OUT_DIR/$DATE-create-listing-$provider.md"
  cat >"$file" <<EOF
# Create a listing with 3 photos, $LABEL ($DATE$( (( SMOKE )) && echo ", smoke"))

- Commit: \`$REV\`; machine: $MACHINE
- Data: $rows before the run; database size $db_size; seeded in **$SEED_SECS s** (\`seed --users 200 --follows 5 --listings $LISTINGS\`)
- App: Release, \`ASPNETCORE_ENVIRONMENT=Production\`, \`--no-demo\`, logging at Warning, media on local disk ($(df -h "$WORK" | awk 'NR == 2 {print $1}')); peak RSS $app_rss
- Load: \`Souk.Bench create-listings\` on the same machine (it generates the JPEGs before timing); each seller uploads its
  3 photos (one after the other, or all at once where stated), then creates the listing; $WARMUP warm-up listing(s) per
  seller not counted.
  p99 is the nearest rank: with fewer than 100 listings it is the slowest one.
  Load average before/after: $load_before / $load_after (2 cores)
$body
$goals
EOF
  echo >&2; cat "$file" >&2; echo >&2
  log "$LABEL: written $file"
  if (( errors > 0 )); then FAILED=1; fi
  close_bench_db "$provider"
}

for p in "${PROVIDERS[@]}"; do run_provider "$p"; done
load_finish
