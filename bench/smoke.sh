#!/usr/bin/env bash
# Quick check that the benchmarks still run (not a measurement): profile-load.sh, search-load.sh, listing-page-load.sh,
# create-listing-load.sh, feed-load.sh, chat-load.sh, checkout-load.sh and team-load.sh, each with --smoke (SQLite; PostgreSQL too when SOUK_TEST_PG is set;
# chat-load also on two nodes behind nginx with Redis then),
# feed-fanout.sh --smoke (only with SOUK_TEST_PG), cold-start.sh --smoke and a BenchmarkDotNet dry run of bench/Souk.Bench.
# Exits 0 only if all passed. Needs dotnet, curl and wrk (apt-get install -y wrk). Results go to bench/results/tmp/.
#
#   bench/smoke.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v wrk >/dev/null || die "wrk not found (apt-get install -y wrk)"

declare -a NAMES=() RESULTS=() TIMES=()
step() {
  local name=$1 t0 rc=0; shift
  log "smoke: $name"
  t0=$(now_s)
  "$@" || rc=$?
  NAMES+=("$name"); RESULTS+=("$([[ $rc == 0 ]] && echo ok || echo "FAILED ($rc)")")
  TIMES+=("$(awk -v a="$t0" -v b="$(now_s)" 'BEGIN {printf "%.0f", b - a}')")
}

# BenchmarkDotNet: build once, then a Dry job (one invocation per benchmark, no pilot/warm-up) in-process,
# so it does not generate and build a separate project per benchmark; artifacts go to a temp folder.
bdn_dry() {
  local artifacts rc=0
  artifacts=$(mktemp -d /tmp/souk-bdn.XXXXXX)
  dotnet build -c Release "$BENCH_DIR/Souk.Bench" --nologo -v quiet -clp:ErrorsOnly >&2 || { rm -rf "$artifacts"; return 1; }
  timeout 120 dotnet run --no-build -c Release --project "$BENCH_DIR/Souk.Bench" -- \
    --filter '*' --job Dry --inProcess --artifacts "$artifacts" >"$artifacts/out.txt" 2>&1 || rc=$?
  if [[ $rc != 0 ]] || ! grep -q 'Global total time' "$artifacts/out.txt"; then
    tail -40 "$artifacts/out.txt" >&2; rm -rf "$artifacts"; return 1
  fi
  sed -n '/^| *Method/,/^$/p' "$artifacts/out.txt" >&2
  rm -rf "$artifacts"
}

step "profile-load --smoke" "$BENCH_DIR/profile-load.sh" --smoke
step "search-load --smoke" "$BENCH_DIR/search-load.sh" --smoke
step "listing-page-load --smoke" "$BENCH_DIR/listing-page-load.sh" --smoke
step "create-listing-load --smoke" "$BENCH_DIR/create-listing-load.sh" --smoke
step "feed-load --smoke" "$BENCH_DIR/feed-load.sh" --smoke
# The fan-out queries are PostgreSQL's: only with SOUK_TEST_PG (a throwaway server would take longer than the check itself).
[[ -n "${SOUK_TEST_PG:-}" ]] && step "feed-fanout --smoke" "$BENCH_DIR/feed-fanout.sh" --smoke
step "cold-start --smoke" "$BENCH_DIR/cold-start.sh" --smoke
step "chat-load --smoke" "$BENCH_DIR/chat-load.sh" --smoke
step "checkout-load --smoke" "$BENCH_DIR/checkout-load.sh" --smoke
step "team-load --smoke" "$BENCH_DIR/team-load.sh" --smoke
step "BenchmarkDotNet dry run" bdn_dry

FAILED=0
echo "bench smoke:" >&2
for i in "${!NAMES[@]}"; do
  printf '  %-26s %-12s %ss\n' "${NAMES[$i]}" "${RESULTS[$i]}" "${TIMES[$i]}" >&2
  [[ ${RESULTS[$i]} == ok ]] || FAILED=1
done
exit "$FAILED"
