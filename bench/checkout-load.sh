#!/usr/bin/env bash
# Checkout under load: many buyers paying from their wallets at once, for one hot SKU and spread over many.
#
#   bench/checkout-load.sh [--smoke] [--start-pg] [--no-sqlite]
#
# For each provider (SQLite always; PostgreSQL when SOUK_TEST_PG holds an admin connection string, or with --start-pg):
# a fresh database, `Souk.Web.dll seed --users 2B+2 --follows 0`, an operator (`admin create`), the app (Release,
# Production, --no-demo). On PostgreSQL first the ceiling: pgbench with a custom script, one single-row
# `UPDATE ... SET n = n - 1 WHERE id = 1 AND n > 0` per transaction at the same concurrency as the checkouts, on a scratch
# table in the benchmark database (the shape of taking one unit of stock, without the rest of a checkout).
# Then the load generator (`Souk.Bench checkout-load`, see CheckoutLoad.cs): B buyers funded with a voucher each, one unit
# in each cart, all checking out C at a time: hot (one SKU with S units; goal: paid orders/s ≥ 30 % of the pgbench
# ceiling, zero oversell) and spread (B buyers over K SKUs with enough stock; orders/s and p99), then `GET /api/v1/wallet`
# (goal p99 < 10 ms). Finally `Souk.Web.dll ledger verify` on the database must exit 0.
#
# Seeded passwords are hashed with 1,000 PBKDF2 rounds and the sign-in rate limits are lifted, as in chat-load.sh: nothing
# measured here hashes a password.
#
# Full run: B = 1,000 buyers, S = 500 units, K = 50 SKUs, C = 100 at a time, wallet reads for 10 s; results in
#           bench/results/<date>-checkout-<provider>.md.
# --smoke:  B = 40, S = 20, K = 10, C = 16, wallet reads for 2 s, pgbench for 2 s; results in bench/results/tmp/; exits 1 if
#           a check failed (oversell, an answer other than 201/409, stock not matching the paid orders, ledger verify).
# Overrides (env): SOUK_BENCH_BUYERS, SOUK_BENCH_STOCK, SOUK_BENCH_SKUS, SOUK_BENCH_CONCURRENCY, SOUK_BENCH_WALLET_SECONDS,
# SOUK_BENCH_PGBENCH_SECONDS, SOUK_BENCH_OUT.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_load_args "$@"
if (( SMOKE )); then
  BUYERS=${SOUK_BENCH_BUYERS:-40} STOCK=${SOUK_BENCH_STOCK:-20} SKUS=${SOUK_BENCH_SKUS:-10} CONCURRENCY=${SOUK_BENCH_CONCURRENCY:-16}
  WALLET_SECONDS=${SOUK_BENCH_WALLET_SECONDS:-2} PGBENCH_SECONDS=${SOUK_BENCH_PGBENCH_SECONDS:-2}
  OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results/tmp}
else
  BUYERS=${SOUK_BENCH_BUYERS:-1000} STOCK=${SOUK_BENCH_STOCK:-500} SKUS=${SOUK_BENCH_SKUS:-50} CONCURRENCY=${SOUK_BENCH_CONCURRENCY:-100}
  WALLET_SECONDS=${SOUK_BENCH_WALLET_SECONDS:-10} PGBENCH_SECONDS=${SOUK_BENCH_PGBENCH_SECONDS:-10}
  OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results}
fi

load_setup souk-bench-checkout
build_bench_tool_if_needed

BENCH_SETTINGS=(Auth__PasswordHashIterations=1000 RateLimits__LoginPerAddressPerMinute=1000000
  RateLimits__LoginPerAccountPer15Minutes=1000)
OPERATOR_EMAIL=bench.operator@bench.souk.local
OPERATOR_PASSWORD="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# pgbench_ceiling: single-row UPDATE transactions/s on PostgreSQL at CONCURRENCY clients. Sets CEILING.
pgbench_ceiling() {
  local bin script
  bin=$(pg_bin_dir)/pgbench
  [[ -x "$bin" ]] || bin=$(command -v pgbench) || die "pgbench not found (apt-get install -y postgresql)"
  bench_sql postgres 'CREATE TABLE bench_hot (id int PRIMARY KEY, n bigint NOT NULL); INSERT INTO bench_hot VALUES (1, 1000000000000)' >/dev/null
  script="$WORK/hot.sql"
  echo 'UPDATE bench_hot SET n = n - 1 WHERE id = 1 AND n > 0;' >"$script"
  (pg_env "$BENCH_CS"; "$bin" -n -c "$CONCURRENCY" -j 2 -T "$PGBENCH_SECONDS" -f "$script" >"$WORK/pgbench.txt" 2>&1) \
    || { cat "$WORK/pgbench.txt" >&2; die "pgbench failed"; }
  CEILING=$(awk '/^tps = / {printf "%.0f", $3}' "$WORK/pgbench.txt")
  bench_sql postgres 'DROP TABLE bench_hot' >/dev/null
}

# checkout_load MODE SELLER FIRST-BUYER: one run of the load generator; its tables go to REPORT. Sets PAID_RATE, P99,
# WALLET_P99.
checkout_load() {
  local rc=0
  dotnet "$BENCH_TOOL_DLL" checkout-load --base "$BASE" --run "$RUN" --mode "$1" --seller "$2" --first-buyer "$3" --buyers "$BUYERS" \
    --stock "$STOCK" --skus "$SKUS" --concurrency "$CONCURRENCY" --wallet-seconds "$WALLET_SECONDS" \
    --operator-email "$OPERATOR_EMAIL" --operator-password "$OPERATOR_PASSWORD" >"$WORK/checkout.txt" || rc=$?
  grep -v '^result ' "$WORK/checkout.txt" >>"$REPORT"
  PAID_RATE=$(sed -n 's/^result checkout .* paid_per_s=\([0-9.]*\).*/\1/p' "$WORK/checkout.txt")
  P99=$(sed -n 's/^result checkout .* p99_ms=\([0-9.]*\) .*/\1/p' "$WORK/checkout.txt")
  WALLET_P99=$(sed -n 's/^result wallet .* p99_ms=\([0-9.]*\).*/\1/p' "$WORK/checkout.txt")
  if (( rc )); then FAILED=1; log "$LABEL: checkout-load $1 exited $rc"; fi
}

for provider in "${PROVIDERS[@]}"; do
  open_bench_db "$provider" checkout
  ENV_COMMON+=("${BENCH_SETTINGS[@]}")
  seed_bench_db --users $((2 * BUYERS + 2)) --follows 0
  RUN=$(sed -n 's/.*handles s\([0-9a-f]*\)_0 .*/\1/p' <<<"$SEED_OUT")
  [[ -n "$RUN" ]] || die "$LABEL: cannot read the seeded handles from: $SEED_OUT"
  env "${ENV_COMMON[@]}" "${ENV_DB[@]}" dotnet "$WEB_DLL" admin create --email "$OPERATOR_EMAIL" --password "$OPERATOR_PASSWORD" \
    --handle benchop >"$WORK/admin.txt" 2>&1 || { cat "$WORK/admin.txt" >&2; die "$LABEL: admin create failed"; }
  REPORT="$OUT_DIR/$DATE-checkout-$provider.md"
  cat >"$REPORT" <<EOF
# Checkout load, $LABEL ($DATE)

Machine: $MACHINE. Revision $REV. $BUYERS buyers per run, each funded with one HK\$1,000 voucher and one unit in the cart,
checking out $CONCURRENCY at a time (closed loop); hot: one SKU with $STOCK units; spread: $SKUS SKUs with enough stock. The
app, the database and the load generator share the machine's cores. Produced by \`bench/checkout-load.sh\`.
EOF
  CEILING=""
  if [[ $provider == postgres ]]; then
    pgbench_ceiling
    cat >>"$REPORT" <<EOF

Ceiling: pgbench, $CONCURRENCY clients, $PGBENCH_SECONDS s, one \`UPDATE bench_hot SET n = n - 1 WHERE id = 1 AND n > 0\` per
transaction: **$CEILING transactions/s**.
EOF
  fi

  start_app "$WEB_DLL" "$WORK/app.log"
  echo -e "\n## Hot SKU\n\nLoad average before: $(load_average).\n" >>"$REPORT"
  checkout_load hot 0 1
  HOT_RATE=$PAID_RATE HOT_P99=$P99
  echo -e "\n## Spread over $SKUS SKUs\n\nLoad average before: $(load_average).\n" >>"$REPORT"
  checkout_load spread $((BUYERS + 1)) $((BUYERS + 2))
  stop_app "$WORK/app.log"

  if env "${ENV_COMMON[@]}" "${ENV_DB[@]}" dotnet "$WEB_DLL" ledger verify >"$WORK/verify.txt" 2>&1; then
    echo -e "\n\`ledger verify\` after both runs: all checks hold.\n" >>"$REPORT"
  else
    FAILED=1; log "$LABEL: ledger verify failed"; cat "$WORK/verify.txt" >&2
    { echo -e "\n**\`ledger verify\` failed:**\n\n\`\`\`"; cat "$WORK/verify.txt"; echo '```'; } >>"$REPORT"
  fi
  sed 's/^/    /' "$WORK/verify.txt" >>"$REPORT"
  echo "Load average after: $(load_average)." >>"$REPORT"
  SUMMARY+="$LABEL: hot ${HOT_RATE:-?} paid orders/s (p99 ${HOT_P99:-?} ms)${CEILING:+, $(awk -v a="${HOT_RATE:-0}" -v b="$CEILING" 'BEGIN {printf "%.2f %%", 100 * a / b}') of the pgbench ceiling $CEILING/s}; spread ${PAID_RATE:-?} orders/s (p99 ${P99:-?} ms); wallet read p99 ${WALLET_P99:-?} ms"$'\n'
  log "$LABEL: report in $REPORT"
  close_bench_db "$provider"
done

load_finish
