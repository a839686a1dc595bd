#!/usr/bin/env bash
# Group buying under load: a burst of joins spread over many open teams, then the sweeper closing expired teams.
#
#   bench/team-load.sh [--smoke] [--start-pg] [--no-sqlite]
#
# For each provider (SQLite always; PostgreSQL when SOUK_TEST_PG holds an admin connection string, or with --start-pg):
# a fresh database, `Souk.Web.dll seed`, an operator (`admin create`), the app (Release, Production, --no-demo, the
# deadline sweepers off). The load generator (`Souk.Bench team-load`, see TeamLoad.cs) funds everyone with a voucher, starts
# T teams of N seats on one offer, then lets J more people join random open teams, C at a time, for up to D seconds:
# joins/s held, p99, zero overfill (the issue's goal: a burst of 2,000 joins/s over 500 open teams for 30 s). Then E people
# start a team each on a second offer; the script moves those teams' deadlines into the past, restarts the app with the
# sweeper every second, and times how long it takes to close and refund all E (goal: 10,000). `ledger verify` must exit 0.
#
# Full run: T = 500 teams of 50, J = 3,000 joiners, C = 100, D = 30 s, E = 10,000; results in
#           bench/results/<date>-teams-<provider>.md.
# --smoke:  T = 10 teams of 5, J = 40, C = 8, D = 5 s, E = 20; results in bench/results/tmp/; exits 1 if a check failed.
# Overrides (env): SOUK_BENCH_TEAMS, SOUK_BENCH_TEAM_SIZE, SOUK_BENCH_JOINERS, SOUK_BENCH_CONCURRENCY, SOUK_BENCH_SECONDS,
# SOUK_BENCH_EXPIRING, SOUK_BENCH_OUT.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_load_args "$@"
if (( SMOKE )); then
  TEAMS=${SOUK_BENCH_TEAMS:-10} TEAM_SIZE=${SOUK_BENCH_TEAM_SIZE:-5} JOINERS=${SOUK_BENCH_JOINERS:-40} CONCURRENCY=${SOUK_BENCH_CONCURRENCY:-8}
  SECONDS_LIMIT=${SOUK_BENCH_SECONDS:-5} EXPIRING=${SOUK_BENCH_EXPIRING:-20} OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results/tmp}
else
  TEAMS=${SOUK_BENCH_TEAMS:-500} TEAM_SIZE=${SOUK_BENCH_TEAM_SIZE:-50} JOINERS=${SOUK_BENCH_JOINERS:-3000} CONCURRENCY=${SOUK_BENCH_CONCURRENCY:-100}
  SECONDS_LIMIT=${SOUK_BENCH_SECONDS:-30} EXPIRING=${SOUK_BENCH_EXPIRING:-10000} OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results}
fi

load_setup souk-bench-teams
build_bench_tool_if_needed

BENCH_SETTINGS=(Auth__PasswordHashIterations=1000 RateLimits__LoginPerAddressPerMinute=1000000
  RateLimits__LoginPerAccountPer15Minutes=1000)
OPERATOR_EMAIL=bench.operator@bench.souk.local
OPERATOR_PASSWORD="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
open_teams() { bench_sql "$1" "SELECT count(*) FROM \"Teams\" WHERE \"TeamOfferId\" = $2 AND \"State\" = 0"; }

for provider in "${PROVIDERS[@]}"; do
  open_bench_db "$provider" teams
  ENV_COMMON+=("${BENCH_SETTINGS[@]}")
  seed_bench_db --users $((TEAMS + JOINERS + EXPIRING + 2)) --follows 0
  RUN=$(sed -n 's/.*handles s\([0-9a-f]*\)_0 .*/\1/p' <<<"$SEED_OUT")
  [[ -n "$RUN" ]] || die "$LABEL: cannot read the seeded handles from: $SEED_OUT"
  env "${ENV_COMMON[@]}" "${ENV_DB[@]}" dotnet "$WEB_DLL" admin create --email "$OPERATOR_EMAIL" --password "$OPERATOR_PASSWORD" \
    --handle benchop >"$WORK/admin.txt" 2>&1 || { cat "$WORK/admin.txt" >&2; die "$LABEL: admin create failed"; }
  REPORT="$OUT_DIR/$DATE-teams-$provider.md"
  {
    echo "# Group buying load, $LABEL ($DATE)"
    echo
    echo "Machine: $MACHINE. Revision $REV. $TEAMS teams of $TEAM_SIZE on one offer, $JOINERS people joining $CONCURRENCY at a time"
    echo "(closed loop, each into a random open team, for up to $SECONDS_LIMIT s); every seat is a checkout at the team price from the"
    echo "wallet. Then $EXPIRING teams on a second offer whose deadlines are moved into the past, closed by the sweeper after a restart."
    echo "The app, the database and the load generator share the machine's cores. Produced by \`bench/team-load.sh\`."
    echo
    echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
  } >"$REPORT"
  start_app "$WEB_DLL" "$WORK/app.log" Orders__SweepSeconds=0
  rc=0
  dotnet "$BENCH_TOOL_DLL" team-load --base "$BASE" --run "$RUN" --seller 0 --first-user 1 --teams "$TEAMS" --team-size "$TEAM_SIZE" \
    --joiners "$JOINERS" --expiring "$EXPIRING" --concurrency "$CONCURRENCY" --seconds "$SECONDS_LIMIT" \
    --operator-email "$OPERATOR_EMAIL" --operator-password "$OPERATOR_PASSWORD" >"$WORK/teams.txt" || rc=$?
  stop_app "$WORK/app.log"
  grep -v '^result ' "$WORK/teams.txt" >>"$REPORT"
  if (( rc )); then FAILED=1; log "$LABEL: team-load exited $rc"; fi
  JOIN_RATE=$(sed -n 's/^result teams .* joins_per_s=\([0-9.]*\).*/\1/p' "$WORK/teams.txt")
  JOIN_P99=$(sed -n 's/^result teams .* p99_ms=\([0-9.]*\).*/\1/p' "$WORK/teams.txt")
  OFFER=$(sed -n 's/^result teams .* expiring_offer=\([0-9]*\).*/\1/p' "$WORK/teams.txt")

  # The expiry: every open team of the second offer falls due; a restarted app's sweeper (every second) closes and refunds them.
  SWEEP_SECS="?" DUE="?"
  if [[ -n "$OFFER" ]]; then
    if [[ $provider == sqlite ]]; then past="'2000-01-01 00:00:00'"; else past="TIMESTAMPTZ '2000-01-01 00:00:00+00'"; fi
    bench_sql "$provider" "UPDATE \"Teams\" SET \"ExpiresAt\" = $past WHERE \"TeamOfferId\" = $OFFER AND \"State\" = 0" >/dev/null
    DUE=$(open_teams "$provider" "$OFFER")
    start_app "$WEB_DLL" "$WORK/sweep.log" Orders__SweepSeconds=1
    t0=$(now_s)
    while (( $(open_teams "$provider" "$OFFER") > 0 )); do
      sleep 0.2
      if awk -v a="$t0" -v b="$(now_s)" 'BEGIN {exit !(b - a > 900)}'; then FAILED=1; log "$LABEL: the sweeper did not close the teams in 15 min"; break; fi
    done
    SWEEP_SECS=$(awk -v a="$t0" -v b="$(now_s)" 'BEGIN {printf "%.1f", b - a}')
    stop_app "$WORK/sweep.log"
    REFUNDED=$(bench_sql "$provider" "SELECT count(*) FROM \"Orders\" o JOIN \"TeamMembers\" m ON m.\"OrderId\" = o.\"Id\" JOIN \"Teams\" t ON t.\"Id\" = m.\"TeamId\" WHERE t.\"TeamOfferId\" = $OFFER AND o.\"State\" = 4")
    {
      echo
      echo "Expiry: $DUE open teams fell due; after a restart the sweeper (every second) closed them all in **$SWEEP_SECS s** (from the"
      echo "app's first answer to the last team closed), refunding $REFUNDED seats in full."
    } >>"$REPORT"
    if [[ "$REFUNDED" != "$DUE" ]]; then FAILED=1; log "$LABEL: $DUE teams fell due but $REFUNDED seats were refunded"; fi
  fi

  if env "${ENV_COMMON[@]}" "${ENV_DB[@]}" dotnet "$WEB_DLL" ledger verify >"$WORK/verify.txt" 2>&1; then
    printf '\n`ledger verify` afterwards: all checks hold.\n\n' >>"$REPORT"
  else
    FAILED=1; log "$LABEL: ledger verify failed"; cat "$WORK/verify.txt" >&2
    { printf '\n**`ledger verify` failed:**\n\n```\n'; cat "$WORK/verify.txt"; echo '```'; } >>"$REPORT"
  fi
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)." >>"$REPORT"
  SUMMARY+="$LABEL: ${JOIN_RATE:-?} joins/s (p99 ${JOIN_P99:-?} ms) over $TEAMS teams; the sweeper closed $DUE expired teams in $SWEEP_SECS s"$'\n'
  log "$LABEL: report in $REPORT"
  close_bench_db "$provider"
done

load_finish
