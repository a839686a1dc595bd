#!/usr/bin/env bash
# Two Souk nodes on loopback behind nginx, on one PostgreSQL and one Redis, sharing one blob folder.
#
#   deploy/two-nodes.sh start [--no-redis]   start both nodes and nginx, return when all three answer
#   deploy/two-nodes.sh stop                 stop them (logs stay in SOUK_DIR)
#   deploy/two-nodes.sh run [--no-redis]     start, then wait; Ctrl+C stops everything
#
# Settings (environment):
#   SOUK_PG          PostgreSQL connection string of the Souk database (required; created and migrated if missing)
#   SOUK_REDIS       Redis host:port (required unless --no-redis, which runs the nodes without a backplane: chat pushes
#                    then reach only people connected to the node that sent them; the two-node test uses it as a control)
#   SOUK_DIR         folder for pids, logs, the rendered nginx config and (by default) the blobs; /tmp/souk-two-nodes
#   SOUK_BLOBS       the shared blob folder (Blobs:Root of both nodes); SOUK_DIR/media
#   SOUK_PORT        nginx's balanced entrance, 8080; PORT+1 and PORT+2 are entrances pinned to node A and node B
#                    (health checks of one node through the proxy, and the two-node test)
#   SOUK_NODE_PORTS  the nodes' own ports, "5081 5082"
#   SOUK_DLL         the Souk.Web.dll to run; the Release build of this checkout (dotnet build -c Release src/Souk.Web)
# Anything else the nodes should get is ordinary ASP.NET Core configuration in the environment, e.g.
# `Redis__ChannelPrefix=souk-staging` (one prefix per deployment sharing a Redis) or `Logging__LogLevel__Default=Warning`.
# Node A starts (and migrates the database) first, node B when A is ready. No demo data: this is a deployment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR=${SOUK_DIR:-/tmp/souk-two-nodes}
PORT=${SOUK_PORT:-8080}
read -r PORT_A PORT_B <<<"${SOUK_NODE_PORTS:-5081 5082}"
DLL=${SOUK_DLL:-$ROOT/src/Souk.Web/bin/Release/net10.0/Souk.Web.dll}
BLOBS=${SOUK_BLOBS:-$DIR/media}
NGINX=${SOUK_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

log() { printf '[two-nodes %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# wait_ok URL SECONDS [PID]: until URL answers 200; fails early if PID dies.
wait_ok() {
  local url=$1 deadline=$(( $(date +%s) + $2 )) pid=${3:-}
  while (( $(date +%s) < deadline )); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null || true)" == 200 ]] && return 0
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.1
  done
  return 1
}

start_node() {
  local name=$1 port=$2 redis=$3
  local -a settings=(ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_CONTENTROOT="$(dirname "$DLL")"
    Database__Provider=Postgres ConnectionStrings__Souk="$SOUK_PG" Blobs__Root="$BLOBS" Demo__Enabled=false)
  [[ -n "$redis" ]] && settings+=(Redis__Connection="$redis")
  # setsid: the node is its own process group, so stop ends it and anything it started.
  env "${settings[@]}" setsid dotnet "$DLL" --no-demo --urls "http://127.0.0.1:$port" </dev/null >"$DIR/node-$name.log" 2>&1 &
  echo $! >"$DIR/node-$name.pid"
  # /readyz: the database is migrated and reachable (node A creates the schema on a fresh database).
  wait_ok "http://127.0.0.1:$port/readyz" 120 "$!" || { tail -n 30 "$DIR/node-$name.log" >&2; die "node $name did not become ready"; }
  log "node $name ready on http://127.0.0.1:$port (pid $(cat "$DIR/node-$name.pid"), log $DIR/node-$name.log)"
}

# render_nginx: deploy/nginx/souk.conf with this run's ports and paths, plus one pinned entrance per node.
render_nginx() {
  local conf=$ROOT/deploy/nginx/souk.conf server_block
  mkdir -p "$DIR/nginx"
  sed -e "s/127\.0\.0\.1:5081/127.0.0.1:$PORT_A/; s/127\.0\.0\.1:5082/127.0.0.1:$PORT_B/" \
      -e "s#listen 127\.0\.0\.1:8080;#listen 127.0.0.1:$PORT;#" \
      -e "s#/var/log/nginx/souk-access.log#$DIR/nginx/access.log#" "$conf" >"$DIR/nginx/souk.conf"
  # The server block again, once per node, proxying to that node alone.
  server_block=$(awk '/^server \{/ {on = 1} on' "$DIR/nginx/souk.conf")
  {
    echo "upstream souk_node_a { server 127.0.0.1:$PORT_A; keepalive 16; }"
    echo "upstream souk_node_b { server 127.0.0.1:$PORT_B; keepalive 16; }"
    sed -e "s/listen 127\.0\.0\.1:$PORT;/listen 127.0.0.1:$((PORT + 1));/; s#http://souk_nodes#http://souk_node_a#" <<<"$server_block"
    sed -e "s/listen 127\.0\.0\.1:$PORT;/listen 127.0.0.1:$((PORT + 2));/; s#http://souk_nodes#http://souk_node_b#" <<<"$server_block"
  } >"$DIR/nginx/pinned.conf"
  cat >"$DIR/nginx/nginx.conf" <<EOF
# Rendered by deploy/two-nodes.sh; the Souk part is souk.conf (from deploy/nginx/souk.conf).
worker_processes auto;
# Each proxied WebSocket holds two descriptors (client and node).
worker_rlimit_nofile 65536;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/error.log warn;
events { worker_connections 16384; }
http {
    client_body_temp_path $DIR/nginx/tmp-body;
    proxy_temp_path $DIR/nginx/tmp-proxy;
    fastcgi_temp_path $DIR/nginx/tmp-fastcgi;
    uwsgi_temp_path $DIR/nginx/tmp-uwsgi;
    scgi_temp_path $DIR/nginx/tmp-scgi;
    include $DIR/nginx/souk.conf;
    include $DIR/nginx/pinned.conf;
}
EOF
}

stop_pidfile() {
  local file=$1 pid
  [[ -f "$file" ]] || return 0
  pid=$(cat "$file")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}

cmd_stop() {
  [[ -f "$DIR/nginx/nginx.pid" ]] && { "$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s stop 2>/dev/null || stop_pidfile "$DIR/nginx/nginx.pid"; }
  stop_pidfile "$DIR/node-b.pid"
  stop_pidfile "$DIR/node-a.pid"
  log "stopped (logs in $DIR)"
}

cmd_start() {
  local redis=""
  if [[ "${1:-}" == --no-redis ]]; then
    log "no Redis: each node pushes only to its own connections"
  else
    redis=${SOUK_REDIS:?SOUK_REDIS (host:port of Redis) is required, or pass --no-redis}
  fi
  [[ -n "${SOUK_PG:-}" ]] || die "SOUK_PG (PostgreSQL connection string) is required"
  [[ -f "$DLL" ]] || die "$DLL not found (dotnet build -c Release src/Souk.Web, or set SOUK_DLL)"
  [[ -x "$NGINX" ]] || die "nginx not found (apt-get install -y nginx)"
  mkdir -p "$DIR" "$BLOBS"
  # nginx's workers drop root for 'nobody', who must reach the temp folders inside DIR.
  chmod 755 "$DIR"
  # 5,000+ WebSockets per node need more descriptors than the usual 1,024.
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

  start_node a "$PORT_A" "$redis"
  start_node b "$PORT_B" "$redis"
  render_nginx
  "$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -e "$DIR/nginx/error.log" -t -q || die "nginx config test failed ($DIR/nginx/nginx.conf)"
  # No inherited stdio: a caller reading this script's output sees it end when the script does.
  "$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -e "$DIR/nginx/error.log" </dev/null >/dev/null 2>>"$DIR/nginx/error.log"
  for p in "$PORT" $((PORT + 1)) $((PORT + 2)); do
    wait_ok "http://127.0.0.1:$p/healthz" 20 || { cat "$DIR/nginx/error.log" >&2; die "nginx does not answer on port $p"; }
  done
  log "Souk on http://127.0.0.1:$PORT (nginx; pinned: node A http://127.0.0.1:$((PORT + 1)), node B http://127.0.0.1:$((PORT + 2)))"
}

if [[ "${1:-}" == start || "${1:-}" == run ]] && [[ -f "$DIR/node-a.pid" || -f "$DIR/node-b.pid" ]]; then
  die "already running in $DIR (deploy/two-nodes.sh stop first)"
fi

case "${1:-}" in
  start)
    shift
    # A start that fails half-way stops what it had started.
    trap 'rc=$?; if ((rc)); then cmd_stop; fi' EXIT
    cmd_start "$@"
    trap - EXIT ;;
  stop) cmd_stop ;;
  run)
    shift
    trap 'cmd_stop' EXIT
    trap 'exit 0' INT TERM
    cmd_start "$@"
    log "running; Ctrl+C stops"
    while kill -0 "$(cat "$DIR/node-a.pid")" 2>/dev/null && kill -0 "$(cat "$DIR/node-b.pid")" 2>/dev/null; do sleep 1; done
    log "a node exited"; exit 1 ;;
  *) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
