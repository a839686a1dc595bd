#!/usr/bin/env bash
# Crash test: kill -9 the app while checkouts run, start it again, and prove nothing was half-written.
#
#   scripts/crash-test.sh [--start-pg] [--no-sqlite]
#
# For each provider (SQLite always; PostgreSQL when SOUK_TEST_PG is set, or with --start-pg): a fresh database with seeded
# users and an operator, the app (Release), and bench/Souk.Bench `checkout-load` in hot mode (B buyers, one SKU with B/2
# units, C checkouts at a time). Once the checkouts have started and a few orders (SOUK_CRASH_AFTER_ORDERS, default 5) have
# committed, the app is killed with SIGKILL, in the middle of open transactions. Needs the sqlite3 shell for SQLite. Then the app is started again
# on the same database (it must start: migrations and the start-up gate on a database a crash left behind), and
# `Souk.Web.dll ledger verify` must exit 0: every transaction balances, balances equal their entries, escrow equals the
# open holds, and every paid order has its hold and its stock movement (no order without its money or its stock, no money
# or stock without its order). Exits 1 otherwise. ./scripts/test.sh runs it; it takes about a minute per provider.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bench/lib.sh"

parse_load_args "$@"
BUYERS=${SOUK_CRASH_BUYERS:-120} CONCURRENCY=${SOUK_CRASH_CONCURRENCY:-24} KILL_AFTER_ORDERS=${SOUK_CRASH_AFTER_ORDERS:-5}
OUT_DIR=$BENCH_DIR/results/tmp
load_setup souk-crash
build_bench_tool_if_needed

BENCH_SETTINGS=(Auth__PasswordHashIterations=1000 RateLimits__LoginPerAddressPerMinute=1000000
  RateLimits__LoginPerAccountPer15Minutes=1000)
OPERATOR_EMAIL=crash.operator@bench.souk.local
OPERATOR_PASSWORD="crash-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
LOADGEN_PID=""
crash_cleanup() {
  local rc=$?
  set +e
  [[ -n "$LOADGEN_PID" ]] && kill "$LOADGEN_PID" 2>/dev/null
  (exit "$rc"); load_cleanup
}
trap crash_cleanup EXIT

for provider in "${PROVIDERS[@]}"; do
  [[ $provider != sqlite ]] || command -v sqlite3 >/dev/null || die "sqlite3 not found (apt-get install -y sqlite3)"
  open_bench_db "$provider" crash
  ENV_COMMON+=("${BENCH_SETTINGS[@]}")
  seed_bench_db --users $((BUYERS + 1)) --follows 0
  RUN=$(sed -n 's/.*handles s\([0-9a-f]*\)_0 .*/\1/p' <<<"$SEED_OUT")
  env "${ENV_COMMON[@]}" "${ENV_DB[@]}" dotnet "$WEB_DLL" admin create --email "$OPERATOR_EMAIL" --password "$OPERATOR_PASSWORD" \
    --handle crashop >"$WORK/admin.txt" 2>&1 || { cat "$WORK/admin.txt" >&2; die "$LABEL: admin create failed"; }

  start_app "$WEB_DLL" "$WORK/app-1.log"
  dotnet "$BENCH_TOOL_DLL" checkout-load --base "$BASE" --run "$RUN" --mode hot --seller 0 --first-buyer 1 --buyers "$BUYERS" \
    --stock $((BUYERS / 2)) --concurrency "$CONCURRENCY" --wallet-seconds 1 \
    --operator-email "$OPERATOR_EMAIL" --operator-password "$OPERATOR_PASSWORD" >"$WORK/load.txt" 2>"$WORK/load.err" &
  LOADGEN_PID=$!
  # The checkouts start right after this line of the load generator's.
  for _ in $(seq 1 1200); do
    grep -q '^funded ' "$WORK/load.err" && break
    kill -0 "$LOADGEN_PID" 2>/dev/null || { cat "$WORK/load.err" >&2; die "$LABEL: the load generator ended before the checkouts"; }
    sleep 0.05
  done
  # Then, once a few orders have committed (so the kill lands among running checkouts, not before the first):
  for _ in $(seq 1 600); do
    (( $(bench_sql "$provider" 'SELECT COUNT(*) FROM "Orders"' || echo 0) >= KILL_AFTER_ORDERS )) && break
    kill -0 "$LOADGEN_PID" 2>/dev/null || break
    sleep 0.02
  done
  kill -KILL -- "-$APP_PID" 2>/dev/null || kill -KILL "$APP_PID"
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  wait "$LOADGEN_PID" 2>/dev/null || true
  LOADGEN_PID=""
  paid=$(bench_sql "$provider" 'SELECT COUNT(*) FROM "Orders"')
  log "$LABEL: killed the app during the checkouts; ${paid:-?} orders were written before it died"

  # The app must come back on what the crash left, and the books must hold.
  start_app "$WEB_DLL" "$WORK/app-2.log"
  stop_app "$WORK/app-2.log"
  if env "${ENV_COMMON[@]}" "${ENV_DB[@]}" dotnet "$WEB_DLL" ledger verify >"$WORK/verify.txt" 2>&1; then
    log "$LABEL: ledger verify after the crash: all checks hold"
  else
    FAILED=1
    log "$LABEL: ledger verify after the crash FAILED:"; cat "$WORK/verify.txt" >&2
  fi
  SUMMARY+="$LABEL: killed with ${paid:-?} orders written; ledger verify $( ((FAILED)) && echo FAILED || echo ok)"$'\n'
  close_bench_db "$provider"
done

printf '%s' "$SUMMARY" >&2
(( FAILED == 0 )) || die "crash test failed"
log "done"
