#!/usr/bin/env bash
# Chat delivery under load: hub connections, one-to-one messages at stepped rates, and a group, on one node and on two.
#
#   bench/chat-load.sh [--smoke] [--start-pg] [--no-sqlite]
#
# For each provider (SQLite always; PostgreSQL when SOUK_TEST_PG holds an admin connection string, or with --start-pg):
# a fresh database, `Souk.Web.dll seed --users U --follows 0`, the app on one node (Release, Production, --no-demo, no
# Redis), `/healthz` under wrk as the ceiling of the same process, then the load generator (`Souk.Bench chat-load`,
# SignalR .NET client): U users signed in, U/2 one-to-one conversations and a group of G, every user connected to the hub
# (WebSockets, skipNegotiation), server RSS before and after connecting, messages (POST /api/v1/conversations/{id}/messages)
# at rising fixed rates until a step misses p99 < 200 ms (send → MessageReceived at the other member), then the group at
# its rate. On PostgreSQL the same again on two nodes with the Redis backplane (deploy/two-nodes.sh, the same database; a
# Redis from SOUK_TEST_REDIS or a throwaway one): user i connects to node i mod 2, so every message crosses nodes.
#
# The seeded accounts' passwords are hashed with 1,000 PBKDF2 rounds (Auth:PasswordHashIterations for the seed and the
# app) and the sign-in rate limits are lifted, so that signing in 5,000 people takes seconds, not the 20 minutes of CPU
# that 5,000 x 210,000 rounds would cost; nothing measured here hashes a password.
#
# Full run: 5,000 users, a group of 100 at 10 messages/s for 30 s, rates 5, 10, 25, 50, 100, 200, 400, 800 /s for 20 s each;
#           results in bench/results/<date>-chat-<provider>.md.
# --smoke:  40 users, a group of 5 at 5/s for 2 s, one rate of 10/s for 3 s; one node on SQLite, two nodes on PostgreSQL
#           (when nginx is installed), no one-node PostgreSQL run; results in bench/results/tmp/; exits 1 if a message was
#           lost or a send failed (latency is not judged: the machine running the smoke is busy).
# Overrides (env): SOUK_BENCH_USERS, SOUK_BENCH_RATES (comma-separated), SOUK_BENCH_STEP_SECONDS, SOUK_BENCH_GROUP,
# SOUK_BENCH_GROUP_RATE, SOUK_BENCH_GROUP_SECONDS, SOUK_BENCH_ONE_NODE_PG (0: skip the one-node PostgreSQL run),
# SOUK_BENCH_TWO_NODES (0: skip the two-node run), SOUK_BENCH_OUT.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_load_args "$@"
if (( SMOKE )); then
  USERS=${SOUK_BENCH_USERS:-40} RATES=${SOUK_BENCH_RATES:-10} STEP_SECONDS=${SOUK_BENCH_STEP_SECONDS:-3}
  GROUP=${SOUK_BENCH_GROUP:-5} GROUP_RATE=${SOUK_BENCH_GROUP_RATE:-5} GROUP_SECONDS=${SOUK_BENCH_GROUP_SECONDS:-2}
  HEALTHZ_DURATION=2s OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results/tmp} ONE_NODE_PG=${SOUK_BENCH_ONE_NODE_PG:-0}
else
  USERS=${SOUK_BENCH_USERS:-5000} RATES=${SOUK_BENCH_RATES:-5,10,25,50,100,200,400,800} STEP_SECONDS=${SOUK_BENCH_STEP_SECONDS:-20}
  GROUP=${SOUK_BENCH_GROUP:-100} GROUP_RATE=${SOUK_BENCH_GROUP_RATE:-10} GROUP_SECONDS=${SOUK_BENCH_GROUP_SECONDS:-30}
  HEALTHZ_DURATION=10s OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results} ONE_NODE_PG=${SOUK_BENCH_ONE_NODE_PG:-1}
fi
TWO_NODES=${SOUK_BENCH_TWO_NODES:-1}

command -v wrk >/dev/null || die "wrk not found (apt-get install -y wrk)"
# Every connection is a descriptor in the app and in the load generator (which inherit this limit).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
(( $(ulimit -n) >= USERS + 1000 )) || die "ulimit -n is $(ulimit -n): too low for $USERS connections (raise the hard limit)"

load_setup souk-bench-chat
build_bench_tool_if_needed
REDIS_PIDFILE="" TWO_NODES_DIR=""
chat_cleanup() {
  local rc=$?
  # Not under set -e: the (exit "$rc") that hands load_cleanup the exit code would end the trap before it runs.
  set +e
  [[ -n "$TWO_NODES_DIR" ]] && SOUK_DIR=$TWO_NODES_DIR "$ROOT/deploy/two-nodes.sh" stop >/dev/null 2>&1 || true
  [[ -n "$REDIS_PIDFILE" && -f "$REDIS_PIDFILE" ]] && kill "$(cat "$REDIS_PIDFILE")" 2>/dev/null || true
  (exit "$rc"); load_cleanup
}
trap chat_cleanup EXIT

# Cheap passwords (see the header) for the seed and every node; the rate limits would stop the sign-ins otherwise.
BENCH_SETTINGS=(Auth__PasswordHashIterations=1000 RateLimits__LoginPerAddressPerMinute=1000000
  RateLimits__LoginPerAccountPer15Minutes=1000)

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# healthz_rps URL: requests/s of GET /healthz at 50 connections (the ceiling of the same process).
healthz_rps() {
  wrk -t2 -c50 -d"$HEALTHZ_DURATION" --latency "$1/healthz" >"$WORK/healthz.txt" || die "wrk /healthz failed"
  read -r HEALTHZ_RPS _ < <(parse_wrk "$WORK/healthz.txt")
}

# chat_load REPORT PIDS BASES: the load generator; its tables go to REPORT, its result lines to the summary.
chat_load() {
  local report=$1 pids=$2 bases=$3 rc=0
  dotnet "$BENCH_TOOL_DLL" chat-load --base "$bases" --run "$RUN" --users "$USERS" --rates "$RATES" --step-seconds "$STEP_SECONDS" \
    --group "$GROUP" --group-rate "$GROUP_RATE" --group-seconds "$GROUP_SECONDS" --pids "$pids" >"$WORK/chat.txt" || rc=$?
  grep -v '^result ' "$WORK/chat.txt" >>"$report"
  HELD=$(sed -n 's/^result direct held_rate=\([0-9]*\).*/\1/p' "$WORK/chat.txt")
  GROUP_P99=$(sed -n 's/^result group .* p99_ms=\([0-9.]*\).*/\1/p' "$WORK/chat.txt")
  if (( rc )); then FAILED=1; log "$LABEL: chat-load exited $rc"; fi
}

# section TITLE: the part of the report every run shares.
section() {
  cat >>"$REPORT" <<EOF

## $1

Load average before: $(load_average). \`GET /healthz\` of the same process (wrk -t2 -c50 -d$HEALTHZ_DURATION, before the
connections): **$(printf '%.0f' "$HEALTHZ_RPS") requests/s**.

EOF
}

for provider in "${PROVIDERS[@]}"; do
  open_bench_db "$provider" chat
  ENV_COMMON+=("${BENCH_SETTINGS[@]}")
  seed_bench_db --users "$USERS" --follows 0
  RUN=$(sed -n 's/.*handles s\([0-9a-f]*\)_0 .*/\1/p' <<<"$SEED_OUT")
  [[ -n "$RUN" ]] || die "$LABEL: cannot read the seeded handles from: $SEED_OUT"
  REPORT="$OUT_DIR/$DATE-chat-$provider.md"
  cat >"$REPORT" <<EOF
# Chat load, $LABEL ($DATE)

Machine: $MACHINE. Revision $REV. $USERS seeded users ($(bench_db_size "$provider") before the run), $((USERS / 2))
one-to-one conversations, a group of $GROUP; rates $RATES messages/s for $STEP_SECONDS s each, the group at $GROUP_RATE/s for
$GROUP_SECONDS s. Latency: POST sent → MessageReceived at the other member (one clock, the load generator's). The app, the
database, Redis, nginx and the load generator share the machine's cores. Produced by \`bench/chat-load.sh\`.
EOF

  # One node, no Redis: the embedded default.
  if [[ $provider == sqlite ]] || (( ONE_NODE_PG )); then
    start_app "$WEB_DLL" "$WORK/app.log"
    healthz_rps "$BASE"
    section "One node ($LABEL, no Redis)"
    chat_load "$REPORT" "$APP_PID" "$BASE"
    echo "Load average after: $(load_average)." >>"$REPORT"
    SUMMARY+="$LABEL, one node: /healthz $(printf '%.0f' "$HEALTHZ_RPS")/s, highest rate held ${HELD:-?}/s ($(ratio "${HELD:-0}" "$HEALTHZ_RPS") of /healthz), group p99 ${GROUP_P99:-?} ms"$'\n'
    stop_app "$WORK/app.log"
  fi

  if [[ $provider == postgres ]] && (( TWO_NODES )); then
    if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
      log "nginx not installed: two-node run skipped"
    else
      REDIS=${SOUK_TEST_REDIS:-}
      if [[ -z "$REDIS" ]]; then
        command -v redis-server >/dev/null || die "redis-server not found (apt-get install -y redis-server)"
        port=$(free_port)
        REDIS_PIDFILE="$WORK/redis.pid"
        redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile "$REDIS_PIDFILE" \
          --logfile "$WORK/redis.log" --dir "$WORK"
        REDIS="127.0.0.1:$port"
        for _ in $(seq 1 50); do [[ "$(redis-cli -p "$port" ping 2>/dev/null)" == PONG ]] && break; sleep 0.1; done
      fi
      TWO_NODES_DIR="$WORK/two-nodes"
      port_a=$(free_port) port_b=$(free_port)
      NODE_A="http://127.0.0.1:$port_a" NODE_B="http://127.0.0.1:$port_b"
      env "${BENCH_SETTINGS[@]}" Logging__LogLevel__Default=Warning Redis__ChannelPrefix="souk-bench-$$" \
        SOUK_DIR="$TWO_NODES_DIR" SOUK_PG="$BENCH_CS" SOUK_REDIS="$REDIS" SOUK_DLL="$WEB_DLL" SOUK_PORT="$(free_port)" \
        SOUK_NODE_PORTS="$port_a $port_b" "$ROOT/deploy/two-nodes.sh" start
      healthz_rps "$NODE_A"
      section "Two nodes (PostgreSQL, Redis backplane; half the connections on each node, every message crossing)"
      chat_load "$REPORT" "$(cat "$TWO_NODES_DIR/node-a.pid"),$(cat "$TWO_NODES_DIR/node-b.pid")" "$NODE_A,$NODE_B"
      echo "Load average after: $(load_average). (\`/healthz\` above is node A's.)" >>"$REPORT"
      SUMMARY+="$LABEL, two nodes: /healthz (node A) $(printf '%.0f' "$HEALTHZ_RPS")/s, highest rate held ${HELD:-?}/s ($(ratio "${HELD:-0}" "$HEALTHZ_RPS") of node A's /healthz), group p99 ${GROUP_P99:-?} ms"$'\n'
      SOUK_DIR=$TWO_NODES_DIR "$ROOT/deploy/two-nodes.sh" stop
      TWO_NODES_DIR=""
    fi
  fi
  log "$LABEL: report in $REPORT"
  close_bench_db "$provider"
done

load_finish
