#!/usr/bin/env bash
# Load test of GET /api/v1/search: ten fixed queries, each against GET /healthz of the same process as the ceiling.
#
#   bench/search-load.sh [--smoke] [--start-pg] [--no-sqlite]
#
# For each provider (SQLite always; PostgreSQL when SOUK_TEST_PG holds an admin connection string, or with --start-pg,
# which starts a throwaway server): a fresh database, `Souk.Web.dll seed --users U --follows 5 --listings N --products P`
# (listings and shop products in Chinese, English, Italian and Russian around Hong Kong, Milan, Moscow and London, with their
# search entries), the app (Release, Production, --no-demo, logging at Warning), then per query a warm-up and `wrk` at 10
# connections: p50, p99 and requests/s. The ten queries: CJK 2 characters, CJK 4 characters, Russian, Italian products, an
# English prefix, a category, products by price in one currency, a radius, the nearest sort and the newest browse (see
# QUERIES below); all but the two product ones search listings and products together.
#
# Full run: 200,000 listings and 50,000 products by 2,000 users, wrk -t2 -c10 -d15s after 5 s of warm-up per query; results in
#           bench/results/<date>-search-<provider>.md.
# --smoke:  500 listings and 200 products by 50 users, wrk -t2 -c2 -d1s; results in bench/results/tmp/; exits 1 if any
#           request was not 2xx.
# Overrides (env): SOUK_BENCH_LISTINGS, SOUK_BENCH_PRODUCTS, SOUK_BENCH_USERS, SOUK_BENCH_DURATION, SOUK_BENCH_CONNECTIONS, SOUK_BENCH_THREADS,
# SOUK_BENCH_WARMUP, SOUK_BENCH_OUT (results folder), SOUK_BENCH_CACHE (Search:CacheSeconds for the app; default: the
# app's own, 10 s, under which repeating one URL mostly measures the answer cache; 0 makes every request run its SQL).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SMOKE=0 START_PG=0 SQLITE=1
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    --start-pg) START_PG=1 ;;
    --no-sqlite) SQLITE=0 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (try --help)" ;;
  esac
done

if (( SMOKE )); then
  LISTINGS=${SOUK_BENCH_LISTINGS:-500} PRODUCTS=${SOUK_BENCH_PRODUCTS:-200} USERS=${SOUK_BENCH_USERS:-50}
  DURATION=${SOUK_BENCH_DURATION:-1s} CONNECTIONS=${SOUK_BENCH_CONNECTIONS:-2} WARMUP=${SOUK_BENCH_WARMUP:-1s}
  OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results/tmp}
else
  LISTINGS=${SOUK_BENCH_LISTINGS:-200000} PRODUCTS=${SOUK_BENCH_PRODUCTS:-50000} USERS=${SOUK_BENCH_USERS:-2000}
  DURATION=${SOUK_BENCH_DURATION:-15s} CONNECTIONS=${SOUK_BENCH_CONNECTIONS:-10} WARMUP=${SOUK_BENCH_WARMUP:-5s}
  OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results}
fi
THREADS=${SOUK_BENCH_THREADS:-2}
WRK_ARGS=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 5s)

# name | what it is | query string (UTF-8 percent-encoded). The seed's centres: Hong Kong 22.30,114.17; Milan 45.46,9.19.
QUERIES=(
  "cjk2|CJK, 2 characters: q=相機|q=%E7%9B%B8%E6%A9%9F"
  "cjk4|CJK, 4 characters: q=二手相機|q=%E4%BA%8C%E6%89%8B%E7%9B%B8%E6%A9%9F"
  "russian|Russian: q=фотоаппарат|q=%D1%84%D0%BE%D1%82%D0%BE%D0%B0%D0%BF%D0%BF%D0%B0%D1%80%D0%B0%D1%82"
  "italian-products|Italian, products only: type=product&q=borsa|type=product&q=borsa"
  "prefix|English prefix: q=fuji|q=fuji"
  "category|Category browse: category=electronics|category=electronics"
  "product-price|Products by price in one currency: type=product&currency=HKD&minPrice=10000&maxPrice=100000&sort=price_asc|type=product&currency=HKD&minPrice=10000&maxPrice=100000&sort=price_asc"
  "radius|Radius: near=22.30,114.17&radiusKm=5|near=22.30,114.17&radiusKm=5"
  "nearest|Nearest: near=45.46,9.19&sort=nearest|near=45.46,9.19&sort=nearest"
  "newest|Newest browse: sort=newest|sort=newest"
)

command -v wrk >/dev/null || die "wrk not found (apt-get install -y wrk)"
command -v curl >/dev/null || die "curl not found"

WORK=$(mktemp -d /tmp/souk-bench-search.XXXXXX)
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

FAILED=0
SUMMARY=""
DATE=$(date +%F)
MACHINE=$(machine_summary)
REV=$(git_revision)

run_provider() {
  local provider=$1 label cs prov_name db_size rows seed_out seed_secs port base
  local env_common=(ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
    Logging__LogLevel__Microsoft.AspNetCore=Warning Blobs__Root="$WORK/$provider-media" Demo__Enabled=false)
  [[ -n "${SOUK_BENCH_CACHE:-}" ]] && env_common+=(Search__CacheSeconds="$SOUK_BENCH_CACHE")
  if [[ $provider == sqlite ]]; then
    label=SQLite prov_name=Sqlite
    mkdir -p "$WORK/sqlite"
    cs="Data Source=$WORK/sqlite/souk.db"
  else
    label=PostgreSQL prov_name=Postgres
    PG_DB="souk_bench_search_$(date +%s)_$$"
    pg_psql -c "CREATE DATABASE \"$PG_DB\"" >/dev/null || die "cannot create database $PG_DB (SOUK_TEST_PG=$PG_ADMIN_CS)"
    cs=$(pg_with_database "$PG_ADMIN_CS" "$PG_DB")
  fi
  local env_db=(ConnectionStrings__Souk="$cs" Database__Provider="$prov_name")

  log "$label: seeding $LISTINGS listings and $PRODUCTS products by $USERS users"
  seed_out=$(env "${env_common[@]}" "${env_db[@]}" dotnet "$WEB_DLL" seed --users "$USERS" --follows 5 --listings "$LISTINGS" --products "$PRODUCTS" 2>&1) \
    || { echo "$seed_out" >&2; die "$label: seed failed"; }
  seed_out=$(tail -n 1 <<<"$seed_out")
  log "$label: $seed_out"
  seed_secs=$(sed -n 's/.* in \([0-9.]*\) s on .*/\1/p' <<<"$seed_out")
  [[ -n "$seed_secs" ]] || die "$label: cannot read the seed time from: $seed_out"

  if [[ $provider == sqlite ]]; then
    db_size=$(du -cb "$WORK"/sqlite/souk.db* | awk 'END {printf "%.1f MB", $1 / 1e6}')
    if command -v sqlite3 >/dev/null; then
      rows=$(sqlite3 "$WORK/sqlite/souk.db" 'SELECT (SELECT count(*) FROM Listings) || " listings, " || (SELECT count(*) FROM Products) || " products, " || (SELECT count(*) FROM SearchEntries) || " search entries (the active listings and findable products)"')
    fi
  else
    db_size=$(pg_psql -c "SELECT round(pg_database_size('$PG_DB') / 1e6, 1) || ' MB'")
    rows=$(PG_ADMIN_CS=$cs pg_psql -c 'SELECT (SELECT count(*) FROM "Listings") || '"' listings, '"' || (SELECT count(*) FROM "Products") || '"' products, '"' || (SELECT count(*) FROM "SearchEntries") || '"' search entries (the active listings and findable products)'"'')
  fi
  rows=${rows:-"$LISTINGS listings and $PRODUCTS products (from the seed verb)"}

  port=$(free_port)
  base="http://127.0.0.1:$port"
  env "${env_common[@]}" ASPNETCORE_CONTENTROOT="$(dirname "$WEB_DLL")" "${env_db[@]}" setsid dotnet "$WEB_DLL" --no-demo --urls "$base" >"$WORK/app-$provider.log" 2>&1 &
  APP_PID=$!
  wait_http "$base/healthz" 90 "$APP_PID" || { cat "$WORK/app-$provider.log" >&2; die "$label: app did not answer /healthz"; }

  local -A rps p50 p99 total non2xx sockerr found
  local names=(healthz) paths=("/healthz") urls=("$base/healthz") descriptions=("GET /healthz (ceiling)")
  local entry name description query code
  for entry in "${QUERIES[@]}"; do
    IFS='|' read -r name description query <<<"$entry"
    names+=("$name"); descriptions+=("$description"); paths+=("/api/v1/search?$query"); urls+=("$base/api/v1/search?$query")
    code=$(curl -s -o "$WORK/sample.json" -w '%{http_code}' "$base/api/v1/search?$query")
    [[ $code == 200 ]] || { cat "$WORK/sample.json" >&2; die "$label: $name answered $code, expected 200"; }
    # How many items the first page has (a query that finds nothing would measure nothing).
    found[$name]=$( { grep -o '"kind":' "$WORK/sample.json" || true; } | wc -l)
    if (( found[$name] == 0 )); then
      # A tiny smoke data set may miss a word; a full run that finds nothing would measure nothing.
      (( SMOKE )) && log "$label: $name found nothing (smoke data)" || die "$label: $name found nothing: $(head -c 300 "$WORK/sample.json")"
    fi
  done

  local i key errors=0 load_before load_after
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  for i in "${!names[@]}"; do
    key=${names[$i]}
    log "$label: $key: warm-up $WARMUP, then wrk ${WRK_ARGS[*]} ${paths[$i]}"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${urls[$i]}" >/dev/null
    wrk "${WRK_ARGS[@]}" "${urls[$i]}" >"$WORK/wrk-$provider-$key.txt" || die "$label: wrk failed on ${paths[$i]}"
    read -r rps[$key] p50[$key] p99[$key] total[$key] non2xx[$key] sockerr[$key] < <(parse_wrk "$WORK/wrk-$provider-$key.txt")
  done
  # The ceiling once more at the end: the machine is shared, so the two runs show how much it drifted meanwhile.
  log "$label: healthz again"
  wrk "${WRK_ARGS[@]}" "$base/healthz" >"$WORK/wrk-$provider-healthz2.txt"
  read -r rps[healthz2] p50[healthz2] p99[healthz2] total[healthz2] non2xx[healthz2] sockerr[healthz2] < <(parse_wrk "$WORK/wrk-$provider-healthz2.txt")
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  local app_rss
  app_rss=$(awk '/^VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$APP_PID/status" 2>/dev/null || echo "?")
  stop_group "$APP_PID"; APP_PID=""
  if grep -qiE 'fail|exception|crit' "$WORK/app-$provider.log"; then
    log "$label: the app logged errors:"; grep -iE 'fail|exception|crit' "$WORK/app-$provider.log" | head -20 >&2
  fi

  local ceiling met_p99=0 met_ratio=0 nq=0 worst_p99=0 worst_ratio=100 table ratio
  ceiling=${rps[healthz]}
  table="| Query | Path | Items on page 1 | Requests/s | p50 (ms) | p99 (ms) | Requests | Non-2xx | Socket errors | vs /healthz |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for i in "${!names[@]}"; do
    key=${names[$i]}
    ratio=$(awk -v a="${rps[$key]}" -v h="$ceiling" 'BEGIN {printf "%.1f", (h > 0 ? 100 * a / h : 0)}')
    table+=$'\n'"| ${descriptions[$i]} | \`${paths[$i]}\` | ${found[$key]:-–} | $(printf '%.0f' "${rps[$key]}") | ${p50[$key]} | ${p99[$key]} | ${total[$key]} | ${non2xx[$key]} | ${sockerr[$key]} | $ratio % |"
    errors=$(( errors + ${non2xx[$key]} + ${sockerr[$key]} ))
    [[ $key == healthz ]] && continue
    nq=$((nq + 1))
    awk -v p="${p99[$key]}" 'BEGIN {exit !(p < 50)}' && met_p99=$((met_p99 + 1))
    awk -v r="$ratio" 'BEGIN {exit !(r >= 25)}' && met_ratio=$((met_ratio + 1))
    worst_p99=$(awk -v a="$worst_p99" -v b="${p99[$key]}" 'BEGIN {print (b > a ? b : a)}')
    worst_ratio=$(awk -v a="$worst_ratio" -v b="$ratio" 'BEGIN {print (b < a ? b : a)}')
  done
  table+=$'\n'"| GET /healthz again, after the queries | \`/healthz\` | – | $(printf '%.0f' "${rps[healthz2]}") | ${p50[healthz2]} | ${p99[healthz2]} | ${total[healthz2]} | ${non2xx[healthz2]} | ${sockerr[healthz2]} | – |"
  local goals="- p99 < 50 ms at $CONNECTIONS connections: **$met_p99 of $nq** queries (worst p99 $worst_p99 ms)
- ≥ 25 % of \`/healthz\` requests/s: **$met_ratio of $nq** queries (lowest $worst_ratio %)"
  (( SMOKE )) && goals+=$'\n'"- Smoke run: sizes and durations are far too small for these goals to mean anything."
  local cache_note="the app's default (\`Search:CacheSeconds\` 10: anonymous answers and facet counts reused for 10 s, so after the first request of a run each request is mostly served from memory)"
  [[ -n "${SOUK_BENCH_CACHE:-}" ]] && cache_note="\`Search:CacheSeconds=$SOUK_BENCH_CACHE\`$([[ $SOUK_BENCH_CACHE == 0 ]] && echo " (off: every request runs its page and facet queries)" || true)"

  local suffix=""
  [[ -n "${SOUK_BENCH_CACHE:-}" ]] && suffix="-cache$SOUK_BENCH_CACHE"
  local file="$OUT_DIR/$DATE-search-$provider$suffix.md"
  cat >"$file" <<EOF
# Search load, $label ($DATE$( (( SMOKE )) && echo ", smoke"))

- Commit: \`$REV\`; machine: $MACHINE
- Data: $rows; database size $db_size; seeded in **$seed_secs s** (\`seed --users $USERS --follows 5 --listings $LISTINGS --products $PRODUCTS\`)
- App: Release, \`ASPNETCORE_ENVIRONMENT=Production\`, \`--no-demo\`, logging at Warning, anonymous requests; search cache: $cache_note; peak RSS $app_rss
- Load: \`wrk ${WRK_ARGS[*]}\` on the same machine as the app and database, one query at a time, $WARMUP warm-up each;
  every request of a run is the same URL (the first page of that search); load average before/after the runs:
  $load_before / $load_after (2 cores; the figure before shows other work on the machine, during the runs the app, the database and wrk add 3–5)

$table

$goals
EOF
  echo >&2; cat "$file" >&2; echo >&2
  log "$label: written $file"
  SUMMARY+="$label: p99<50ms $met_p99/$nq, >=25% healthz $met_ratio/$nq, seed=${seed_secs}s errors=$errors"$'\n'
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
