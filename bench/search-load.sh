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

parse_load_args "$@"

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
load_setup souk-bench-search

run_provider() {
  local provider=$1 rows
  open_bench_db "$provider" souk_bench_search
  [[ -n "${SOUK_BENCH_CACHE:-}" ]] && ENV_COMMON+=(Search__CacheSeconds="$SOUK_BENCH_CACHE")
  log "$LABEL: seeding $LISTINGS listings and $PRODUCTS products by $USERS users"
  seed_bench_db --users "$USERS" --follows 5 --listings "$LISTINGS" --products "$PRODUCTS"
  rows=$(bench_sql "$provider" "SELECT (SELECT count(*) FROM \"Listings\") || ' listings, ' || (SELECT count(*) FROM \"Products\") || ' products, ' || (SELECT count(*) FROM \"SearchEntries\") || ' search entries (the active listings and findable products)'")
  rows=${rows:-"$LISTINGS listings and $PRODUCTS products (from the seed verb)"}
  local db_size; db_size=$(bench_db_size "$provider")
  start_app "$WEB_DLL" "$WORK/app-$provider.log"

  local -A rps p50 p99 total non2xx sockerr found
  local names=(healthz) paths=("/healthz") urls=("$BASE/healthz") descriptions=("GET /healthz (ceiling)")
  local entry name description query code
  for entry in "${QUERIES[@]}"; do
    IFS='|' read -r name description query <<<"$entry"
    names+=("$name"); descriptions+=("$description"); paths+=("/api/v1/search?$query"); urls+=("$BASE/api/v1/search?$query")
    code=$(curl -s -o "$WORK/sample.json" -w '%{http_code}' "$BASE/api/v1/search?$query")
    [[ $code == 200 ]] || { cat "$WORK/sample.json" >&2; die "$LABEL: $name answered $code, expected 200"; }
    # How many items the first page has (a query that finds nothing would measure nothing).
    found[$name]=$( { grep -o '"kind":' "$WORK/sample.json" || true; } | wc -l)
    if (( found[$name] == 0 )); then
      # A tiny smoke data set may miss a word; a full run that finds nothing would measure nothing.
      (( SMOKE )) && log "$LABEL: $name found nothing (smoke data)" || die "$LABEL: $name found nothing: $(head -c 300 "$WORK/sample.json")"
    fi
  done

  local i key errors=0 load_before load_after
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  for i in "${!names[@]}"; do
    key=${names[$i]}
    log "$LABEL: $key: warm-up $WARMUP, then wrk ${WRK_ARGS[*]} ${paths[$i]}"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${urls[$i]}" >/dev/null
    wrk_into "$key" "$WORK/wrk-$provider-$key.txt" "${WRK_ARGS[@]}" "${urls[$i]}"
  done
  # The ceiling once more at the end: the machine is shared, so the two runs show how much it drifted meanwhile.
  log "$LABEL: healthz again"
  wrk_into healthz2 "$WORK/wrk-$provider-healthz2.txt" "${WRK_ARGS[@]}" "$BASE/healthz"
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  stop_app "$WORK/app-$provider.log"

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
# Search load, $LABEL ($DATE$( (( SMOKE )) && echo ", smoke"))

- Commit: \`$REV\`; machine: $MACHINE
- Data: $rows; database size $db_size; seeded in **$SEED_SECS s** (\`seed --users $USERS --follows 5 --listings $LISTINGS --products $PRODUCTS\`)
- App: Release, \`ASPNETCORE_ENVIRONMENT=Production\`, \`--no-demo\`, logging at Warning, anonymous requests; search cache: $cache_note; peak RSS $APP_RSS
- Load: \`wrk ${WRK_ARGS[*]}\` on the same machine as the app and database, one query at a time, $WARMUP warm-up each;
  every request of a run is the same URL (the first page of that search); load average before/after the runs:
  $load_before / $load_after (2 cores; the figure before shows other work on the machine, during the runs the app, the database and wrk add 3–5)

$table

$goals
EOF
  echo >&2; cat "$file" >&2; echo >&2
  log "$LABEL: written $file"
  SUMMARY+="$LABEL: p99<50ms $met_p99/$nq, >=25% healthz $met_ratio/$nq, seed=${SEED_SECS}s errors=$errors"$'\n'
  if (( errors > 0 )); then
    log "$LABEL: $errors failed requests (non-2xx or socket errors)"
    FAILED=1
  fi

  close_bench_db "$provider"
}

for p in "${PROVIDERS[@]}"; do run_provider "$p"; done
load_finish
