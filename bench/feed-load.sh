#!/usr/bin/env bash
# Load test of the feeds as signed-in viewers: GET /api/v1/feed/following and GET /api/v1/feed/discover, with GET /healthz
# of the same app in the same run as the ceiling; and the home page: its HTML size and its Lighthouse mobile score.
#
#   bench/feed-load.sh [--smoke] [--start-pg] [--no-sqlite]
#
# For each provider (SQLite always; PostgreSQL when SOUK_TEST_PG holds an admin connection string, or with --start-pg,
# which starts a throwaway server): a fresh database, `Souk.Web.dll seed --users U --follows F --notes N` (the power-law
# follow graph, notes over 30 days with likes, saves and comments), the app (Release, Production, --no-demo, logging at
# Warning), V seeded viewers drawn at random signed in through the API (bearer tokens), a warm-up, then wrk against
# /healthz, the following feed and the discover feed, the viewer rotating per request (bench/rotate.lua), each viewer's
# second discover page after the snapshot its first page came from was replaced (bench/discover-later.lua), and
# /healthz once more at the end to show how much the shared machine drifted. Goals (issue 5), on PostgreSQL at 20
# connections: following p99 < 30 ms, discover p99 < 60 ms; home page HTML < 100 KB; Lighthouse mobile performance ≥ 90.
#
# Full run: 20,000 users x 200 follows, 1,000,000 notes, 200 viewers, wrk -t2 -c20 -d20s after 10 s of warm-up per
#           endpoint, Lighthouse when bench/node_modules has it (`npm ci` in bench/); results in
#           bench/results/<date>-feed-<provider>.md.
# --smoke:  300 users x 20 follows, 3,000 notes, 5 viewers, no warm-up, wrk -t2 -c4 -d1s, no Lighthouse; results in
#           bench/results/tmp/; exits 1 if any request failed.
# Overrides (env): SOUK_BENCH_USERS, SOUK_BENCH_FOLLOWS, SOUK_BENCH_NOTES, SOUK_BENCH_VIEWERS, SOUK_BENCH_DURATION,
# SOUK_BENCH_CONNECTIONS, SOUK_BENCH_THREADS, SOUK_BENCH_WARMUP, SOUK_BENCH_OUT (results folder), SOUK_BENCH_LIGHTHOUSE
# (1: also in a smoke run, 0: never), SOUK_BENCH_APP_ENV (extra settings for the app), SOUK_BENCH_PG_CS (an already
# seeded PostgreSQL database, e.g. the one bench/feed-fanout.sh measured: used as it is, not seeded and not dropped),
# SOUK_BENCH_DLL (another build's Souk.Web.dll to run instead of this worktree's, e.g. with a candidate fix).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_load_args "$@"
WEB_DLL=${SOUK_BENCH_DLL:-$WEB_DLL}

if (( SMOKE )); then
  USERS=${SOUK_BENCH_USERS:-300} FOLLOWS=${SOUK_BENCH_FOLLOWS:-20} NOTES=${SOUK_BENCH_NOTES:-3000} VIEWERS=${SOUK_BENCH_VIEWERS:-5}
  DURATION=${SOUK_BENCH_DURATION:-1s} CONNECTIONS=${SOUK_BENCH_CONNECTIONS:-4} WARMUP=none LIGHTHOUSE=${SOUK_BENCH_LIGHTHOUSE:-0}
  OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results/tmp}
else
  USERS=${SOUK_BENCH_USERS:-20000} FOLLOWS=${SOUK_BENCH_FOLLOWS:-200} NOTES=${SOUK_BENCH_NOTES:-1000000} VIEWERS=${SOUK_BENCH_VIEWERS:-200}
  DURATION=${SOUK_BENCH_DURATION:-20s} CONNECTIONS=${SOUK_BENCH_CONNECTIONS:-20} WARMUP=${SOUK_BENCH_WARMUP:-10s} LIGHTHOUSE=${SOUK_BENCH_LIGHTHOUSE:-1}
  OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results}
fi
THREADS=${SOUK_BENCH_THREADS:-2}
WRK_ARGS=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 5s)
read -r -a APP_ENV <<<"${SOUK_BENCH_APP_ENV:-}"
LIGHTHOUSE_BIN="$BENCH_DIR/node_modules/.bin/lighthouse"
SEED_PASSWORD=seed-password-1234
SNAPSHOT_SECONDS=5   # Feed:Discover:SnapshotSeconds's default (the app runs with it)

command -v wrk >/dev/null || die "wrk not found (apt-get install -y wrk)"
command -v jq >/dev/null || die "jq not found (apt-get install -y jq)"
if (( LIGHTHOUSE )) && [[ ! -x "$LIGHTHOUSE_BIN" ]]; then
  log "Lighthouse not installed (cd bench && npm ci): the score is skipped"; LIGHTHOUSE=0
fi
# An existing seeded database stands in for the PostgreSQL provider (its admin string is only used for the checks).
[[ -n "${SOUK_BENCH_PG_CS:-}" ]] && export SOUK_TEST_PG=$SOUK_BENCH_PG_CS
load_setup souk-bench-feed

# sign_in_viewers RUN: VIEWERS seeded users drawn at random (seeded by 42), signed in 4 at a time; tokens to WORK/tokens.txt.
sign_in_viewers() {
  local run=$1
  awk -v n="$USERS" -v count="$VIEWERS" -v run="$run" 'BEGIN {
    srand(42); while (got < count && got < n) { i = int(rand() * n); if (!(i in seen)) { seen[i] = 1; got++; print "s" run "_" i } } }' \
    | xargs -P 4 -I{} curl -s --fail-with-body -H 'Content-Type: application/json' \
        -d "{\"email\":\"{}@seed.souk.local\",\"password\":\"$SEED_PASSWORD\"}" "$BASE/api/v1/auth/login" \
    | jq -r '.accessToken' >"$WORK/tokens.txt" || die "$LABEL: signing the viewers in failed"
  [[ $(grep -c . "$WORK/tokens.txt") == "$VIEWERS" ]] || die "$LABEL: $(grep -c . "$WORK/tokens.txt") of $VIEWERS viewers signed in"
}

# lighthouse_home: the mobile performance score of the anonymous home page (Lighthouse's default: a mid-range phone on a
# throttled 4G connection, simulated). Sets LH_LINE.
lighthouse_home() {
  local json="$WORK/lighthouse-$1.json"
  log "$LABEL: Lighthouse (mobile, performance) on $BASE/"
  if CHROME_PATH=/usr/bin/chromium timeout 300 "$LIGHTHOUSE_BIN" "$BASE/" --only-categories=performance --output=json --output-path="$json" \
      --chrome-flags="--no-sandbox --headless=new" --quiet >"$WORK/lighthouse-$1.log" 2>&1; then
    LH_LINE=$(jq -r '"**\((.categories.performance.score * 100) | round)** (first contentful paint \(.audits["first-contentful-paint"].displayValue), largest contentful paint \(.audits["largest-contentful-paint"].displayValue), total blocking time \(.audits["total-blocking-time"].displayValue), cumulative layout shift \(.audits["cumulative-layout-shift"].displayValue), speed index \(.audits["speed-index"].displayValue))"' "$json")
  else
    tail -5 "$WORK/lighthouse-$1.log" >&2
    LH_LINE="failed (see the log above)"
  fi
}

# later_cursors: each viewer's first discover page now, its next-page cursor to WORK/cursors.txt (line by line with
# tokens.txt); then waits out the snapshot those pages were ranked from and asks for one first page, so a load replaces it.
later_cursors() {
  local token cursor
  : >"$WORK/cursors.txt"
  while read -r token; do
    cursor=$(curl -s --fail-with-body -H "Authorization: Bearer $token" "$BASE/api/v1/feed/discover" | jq -r '.nextCursor // empty') \
      || die "$LABEL: a first discover page failed"
    [[ -n "$cursor" ]] || die "$LABEL: a viewer's first discover page has no next page"
    echo "$cursor" >>"$WORK/cursors.txt"
  done <"$WORK/tokens.txt"
  sleep $(( SNAPSHOT_SECONDS + 1 ))
  curl -s -o /dev/null "$BASE/api/v1/feed/discover"
  sleep 1
}

# under VALUE GOAL [COUNT]: "met" when VALUE < GOAL, else "missed"; "missed, no request completed" when COUNT (requests that
# succeeded: wrk reports p99 0 when every request timed out) is 0 or less.
under() { awk -v v="$1" -v g="$2" -v n="${3:-1}" 'BEGIN {print (n <= 0 ? "missed, no request completed" : v < g ? "met" : "missed")}'; }

run_provider() {
  local provider=$1 rows db_size run
  local reuse=0
  [[ $provider == postgres && -n "${SOUK_BENCH_PG_CS:-}" ]] && reuse=1
  if (( reuse )); then
    open_bench_db sqlite unused && rm -rf "$WORK/sqlite"   # for ENV_COMMON only
    LABEL=PostgreSQL BENCH_CS=$SOUK_BENCH_PG_CS ENV_DB=(ConnectionStrings__Souk="$BENCH_CS" Database__Provider=Postgres)
    run=$(bench_sql postgres "SELECT substring(\"UserName\" from '^s([0-9a-f]+)_0$') FROM \"AspNetUsers\" WHERE \"UserName\" ~ '^s[0-9a-f]+_0$' LIMIT 1")
    USERS=$(bench_sql postgres "SELECT count(*) FROM \"AspNetUsers\" WHERE \"UserName\" LIKE 's${run}_%'")
    rows=$(bench_sql postgres "SELECT (SELECT count(*) FROM \"AspNetUsers\") || ' users, ' || (SELECT count(*) FROM \"Follows\") || ' follows, ' || (SELECT count(*) FROM \"Notes\") || ' notes, ' || (SELECT count(*) FROM \"NoteLikes\") || ' likes'")
    SEED_LINE="an existing database (SOUK_BENCH_PG_CS), not seeded by this run"
    db_size=$(bench_sql postgres "SELECT round(pg_database_size(current_database()) / 1e6, 1) || ' MB'")
  else
    open_bench_db "$provider" souk_bench_feed
    log "$LABEL: seeding $USERS users x $FOLLOWS follows, $NOTES notes"
    seed_bench_db --users "$USERS" --follows "$FOLLOWS" --notes "$NOTES"
    SEED_LINE="seeded in **$SEED_SECS s** (\`seed --users $USERS --follows $FOLLOWS --notes $NOTES\`)"
    run=$(sed -n 's/.*handles s\([0-9a-f]*\)_0 .*/\1/p' <<<"$SEED_OUT")
    rows=$(sed -n 's/^Seeded \(.*\) in [0-9.]* s on .*/\1/p' <<<"$SEED_OUT")
    db_size=$(bench_db_size "$provider")
  fi
  [[ -n "$run" ]] || die "$LABEL: cannot find the seeded handles' prefix"

  local applog="$WORK/app-$provider.log"
  # Every viewer signs in from 127.0.0.1: lift the per-address sign-in limit for the run.
  start_app "$WEB_DLL" "$applog" RateLimits__LoginPerAddressPerMinute=100000 "${APP_ENV[@]}"
  log "$LABEL: signing in $VIEWERS viewers"
  sign_in_viewers "$run"
  local code items
  items=$(curl -s -H "Authorization: Bearer $(head -n 1 "$WORK/tokens.txt")" "$BASE/api/v1/feed/following" | jq '.items | length')
  (( items > 0 )) || die "$LABEL: the first viewer's following feed is empty"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -n 1 "$WORK/tokens.txt")" "$BASE/api/v1/feed/discover")
  [[ $code == 200 ]] || die "$LABEL: GET /api/v1/feed/discover answered $code"

  # The home page as an anonymous visitor gets it (HTML only, before images, scripts and styles), plain and compressed.
  local home_bytes home_gzip
  home_bytes=$(curl -s -o "$WORK/home.html" -w '%{size_download}' "$BASE/")
  home_gzip=$(gzip -c "$WORK/home.html" | wc -c)

  # "later": each viewer's second discover page, asked for after the snapshot their first page was ranked from has been
  # replaced (people scroll for longer than a snapshot lives).
  local names=(healthz following discover later healthz2)
  local paths=("/healthz" "/api/v1/feed/following" "/api/v1/feed/discover" "/api/v1/feed/discover?cursor= (a later page)" "/healthz (again, at the end)")
  local -a scripts=("" "-s $BENCH_DIR/rotate.lua" "-s $BENCH_DIR/rotate.lua" "-s $BENCH_DIR/discover-later.lua" "")
  local -a script_args=("" "/api/v1/feed/following $WORK/tokens.txt bearer" "/api/v1/feed/discover $WORK/tokens.txt bearer" "$WORK/tokens.txt $WORK/cursors.txt" "")
  local -a urls=("$BASE/healthz" "$BASE/" "$BASE/" "$BASE/" "$BASE/healthz")
  local -A rps p50 p99 total non2xx sockerr
  local i key errors=0 load_before load_after
  # Tiered JIT keeps compiling for tens of seconds under load on 2 cores; measure after it settles (not in a smoke run).
  (( SMOKE )) || log "$LABEL: warming up ($WARMUP per endpoint)"
  for i in 0 1 2; do
    (( SMOKE )) && break
    # shellcheck disable=SC2086
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" ${scripts[$i]} "${urls[$i]}" ${script_args[$i]:+-- ${script_args[$i]}} >/dev/null
  done
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  for i in 0 1 2 3 4; do
    key=${names[$i]}
    [[ $key == later ]] && later_cursors
    log "$LABEL: wrk ${WRK_ARGS[*]} ${paths[$i]}"
    # shellcheck disable=SC2086
    wrk_into "$key" "$WORK/wrk-$provider-$key.txt" "${WRK_ARGS[@]}" ${scripts[$i]} "${urls[$i]}" ${script_args[$i]:+-- ${script_args[$i]}}
  done
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  LH_LINE="not run"
  (( LIGHTHOUSE )) && lighthouse_home "$provider"
  stop_app "$applog"

  # Max: the slowest single request (see wrk_max in lib.sh: a few requests of seconds show as a p99 of hundreds of ms).
  local table="| Endpoint | Requests/s | p50 (ms) | p99 (ms) | Max (ms) | Requests | Non-2xx | Socket errors | vs /healthz |
|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for i in 0 1 2 3 4; do
    key=${names[$i]}
    table+=$'\n'"| \`GET ${paths[$i]}\` | $(printf '%.0f' "${rps[$key]}") | ${p50[$key]} | ${p99[$key]} | $(wrk_max "$WORK/wrk-$provider-$key.txt") | ${total[$key]} | ${non2xx[$key]} | ${sockerr[$key]} | $(percent "${rps[$key]}" "${rps[healthz]}") |"
    errors=$(( errors + ${non2xx[$key]} + ${sockerr[$key]} ))
  done
  local goals="- Following p99 = **${p99[following]} ms** (goal < 30 ms at 20 connections on PostgreSQL: $(under "${p99[following]}" 30 "$(( total[following] - non2xx[following] - sockerr[following] ))")); following / healthz = **$(ratio "${rps[following]}" "${rps[healthz]}")**
- Discover p99 = **${p99[discover]} ms** (goal < 60 ms: $(under "${p99[discover]}" 60 "$(( total[discover] - non2xx[discover] - sockerr[discover] ))")); discover / healthz = **$(ratio "${rps[discover]}" "${rps[healthz]}")**
- Discover, a later page after its snapshot was replaced: p99 = **${p99[later]} ms** (goal < 60 ms: $(under "${p99[later]}" 60 "$(( total[later] - non2xx[later] - sockerr[later] ))")); later / healthz = **$(ratio "${rps[later]}" "${rps[healthz]}")**
- Home page HTML (anonymous, before images): **$(awk -v b="$home_bytes" 'BEGIN {printf "%.1f KB", b / 1024}')**, $(awk -v b="$home_gzip" 'BEGIN {printf "%.1f KB", b / 1024}') gzipped (goal < 100 KB: $(under "$home_bytes" 102400))
- Lighthouse mobile performance of the home page: $LH_LINE"
  (( SMOKE )) && goals+=$'\n'"- Smoke run: sizes and durations are far too small for these goals to mean anything."

  local file="$OUT_DIR/$DATE-feed-$provider.md"
  cat >"$file" <<EOF
# Feed load, $LABEL ($DATE$( (( SMOKE )) && echo ", smoke"))

- Commit: \`$REV\`; machine: $MACHINE
- Data: $rows; database size $db_size; $SEED_LINE
- App: Release, \`ASPNETCORE_ENVIRONMENT=Production\`, \`--no-demo\`, logging at Warning${APP_ENV[*]:+, settings: \`${APP_ENV[*]}\`}; peak RSS $APP_RSS
- Load: \`wrk ${WRK_ARGS[*]}\` on the same machine as the app and database; $VIEWERS seeded viewers signed in (bearer
  tokens) and rotated per request (\`bench/rotate.lua\`), default page size; warm-up per endpoint first: $WARMUP.
  Load average before/after the measured runs: $load_before / $load_after (2 cores; during the runs the app, the
  database and wrk add about 3)

$table

$goals
EOF
  echo >&2; cat "$file" >&2; echo >&2
  log "$LABEL: written $file"
  SUMMARY+="$LABEL: following p99=${p99[following]} ms discover p99=${p99[discover]} ms later page p99=${p99[later]} ms following/healthz=$(ratio "${rps[following]}" "${rps[healthz]}") discover/healthz=$(ratio "${rps[discover]}" "${rps[healthz]}") home=${home_bytes} B errors=$errors"$'\n'
  if (( errors > 0 )); then
    log "$LABEL: $errors failed requests (non-2xx or socket errors)"
    FAILED=1
  fi
  (( reuse )) || close_bench_db "$provider"
}

for p in "${PROVIDERS[@]}"; do run_provider "$p"; done
load_finish
