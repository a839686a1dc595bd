#!/usr/bin/env bash
# Cold start: time from launching the app on an EMPTY database (a fresh temp folder each time) to the
# first 200 from GET /, polled with curl every 50 ms. Median of 3 runs per case (1 with --smoke).
# The site serves pages once the database is migrated and writes the demo data just after, so the demo cases also
# report when the demo was complete (the app's "Demo data created" log line, polled every 50 ms).
#
#   bench/cold-start.sh [--smoke]
#
# Cases (after a Release build, which is not timed):
#   dll:        dotnet src/Souk.Web/bin/Release/net10.0/Souk.Web.dll   (Production, like a deployment)
#   run:        dotnet run --no-build -c Release --project src/Souk.Web (Development, like the launch profile)
#   run+check:  dotnet run -c Release --project src/Souk.Web            (full runs only: adds MSBuild's up-to-date check)
# each with demo data (the default) and with --no-demo.
# The app runs in a temp working folder (database, media and data/demo-credentials.txt land there), with the
# content root pointed at the folder that holds appsettings.json.
# Results: bench/results/<date>-cold-start.md (smoke: bench/results/tmp/). Exits 1 if the app never served /.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (try --help)" ;;
  esac
done
if (( SMOKE )); then RUNS=${SOUK_BENCH_RUNS:-1}; OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results/tmp}
else RUNS=${SOUK_BENCH_RUNS:-3}; OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results}; fi
TIMEOUT=${SOUK_BENCH_START_TIMEOUT:-120}
command -v curl >/dev/null || die "curl not found"

WORK=$(mktemp -d /tmp/souk-cold.XXXXXX)
APP_PID=""
cleanup() {
  local rc=$?
  stop_group "$APP_PID"
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_release_if_needed
mkdir -p "$OUT_DIR"
BIN_DIR=$(dirname "$WEB_DLL")

# start_once LAUNCHER DEMO: sets ELAPSED to the seconds from launch to the first 200 from /, and DEMO_ELAPSED to the
# seconds until the demo data was complete (demo cases only).
# (Not run in $(...): APP_PID must stay visible to the trap.)
start_once() {
  local launcher=$1 demo=$2 dir port url start end cmd envs
  ELAPSED=""; DEMO_ELAPSED=""
  dir=$(mktemp -d "$WORK/run.XXXXXX")
  port=$(free_port)
  url="http://127.0.0.1:$port"
  local args=(--urls "$url")
  [[ $demo == no-demo ]] && args+=(--no-demo)
  envs=(ConnectionStrings__Souk="Data Source=$dir/data/souk.db" Database__Provider=Sqlite Blobs__Root="$dir/data/media")
  case "$launcher" in
    dll) cmd=(dotnet "$WEB_DLL" "${args[@]}"); envs+=(ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_CONTENTROOT="$BIN_DIR") ;;
    run) cmd=(dotnet run --no-build -c Release --no-launch-profile --project "$WEB_PROJECT" -- "${args[@]}")
         envs+=(ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_CONTENTROOT="$WEB_PROJECT") ;;
    run+check) cmd=(dotnet run -c Release --no-launch-profile --project "$WEB_PROJECT" -- "${args[@]}")
         envs+=(ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_CONTENTROOT="$WEB_PROJECT") ;;
  esac
  start=$(now_s)
  (cd "$dir" && exec env "${envs[@]}" setsid "${cmd[@]}" >"$dir/app.log" 2>&1) &
  APP_PID=$!
  if ! wait_http "$url/" "$TIMEOUT" "$APP_PID"; then
    log "$launcher/$demo: the app did not serve / with 200 within ${TIMEOUT}s; its log:"; tail -40 "$dir/app.log" >&2
    stop_group "$APP_PID"; APP_PID=""
    return 1
  fi
  end=$(now_s)
  if [[ $demo == demo ]]; then
    local waited=0
    until grep -q "Demo data created in" "$dir/app.log" 2>/dev/null; do
      sleep 0.05; waited=$((waited + 1))
      if (( waited > TIMEOUT * 20 )) || ! kill -0 "$APP_PID" 2>/dev/null; then
        log "$launcher/$demo: no 'Demo data created' line within ${TIMEOUT}s; its log:"; tail -40 "$dir/app.log" >&2
        stop_group "$APP_PID"; APP_PID=""
        return 1
      fi
    done
    DEMO_ELAPSED=$(awk -v a="$start" -v b="$(now_s)" 'BEGIN {printf "%.2f", b - a}')
  fi
  stop_group "$APP_PID"; APP_PID=""
  if [[ $demo == demo ]] && [[ ! -s "$dir/data/demo-credentials.txt" ]]; then
    log "$launcher/$demo: expected demo data (no data/demo-credentials.txt in the working folder)"
  fi
  rm -rf "$dir"
  ELAPSED=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
}

median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

LAUNCHERS=(dll run)
(( SMOKE )) || LAUNCHERS+=(run+check)
FAILED=0
TABLE="| Launcher | Data | Environment | Runs (s) | Median (s) | Goal < 5 s | Demo complete, runs (s) | Median (s) |
|---|---|---|---|---:|---|---|---:|"
for launcher in "${LAUNCHERS[@]}"; do
  for demo in demo no-demo; do
    [[ $launcher == run+check && $demo == no-demo ]] && continue
    times=""; demo_times=""
    for _ in $(seq 1 "$RUNS"); do
      if start_once "$launcher" "$demo"; then
        times+="$ELAPSED "; demo_times+="${DEMO_ELAPSED:+$DEMO_ELAPSED }"
        log "$launcher/$demo: first page ${ELAPSED}s${DEMO_ELAPSED:+, demo complete ${DEMO_ELAPSED}s}"
      else FAILED=1; times+="fail "; fi
    done
    demo_times=${demo_times% }; demo_med="–"
    [[ -n $demo_times ]] && demo_med=$(median <<<"$demo_times")
    ok=$(sed 's/fail//g' <<<"$times")
    med=$(median <<<"$ok"); med=${med:-n/a}
    goal=$(awk -v m="$med" 'BEGIN {print (m + 0 > 0 && m + 0 < 5 ? "met" : "missed")}')
    case "$launcher" in
      dll) label="\`dotnet Souk.Web.dll\`"; envname=Production ;;
      run) label="\`dotnet run --no-build\`"; envname=Development ;;
      run+check) label="\`dotnet run\` (with build check)"; envname=Development ;;
    esac
    data=$([[ $demo == demo ]] && echo "demo data (default)" || echo "empty (\`--no-demo\`)")
    TABLE+=$'\n'"| $label | $data | $envname | ${times% } | $med | $goal | ${demo_times:-–} | $demo_med |"
  done
done

FILE="$OUT_DIR/$(date +%F)-cold-start.md"
cat >"$FILE" <<EOF
# Cold start ($(date +%F)$( (( SMOKE )) && echo ", smoke"))

- Commit: \`$(git_revision)\`; machine: $(machine_summary)
- Time from launching the process on an empty SQLite database (fresh folder) to the first 200 from \`GET /\`,
  polled every 50 ms; Release build done beforehand; $RUNS run(s) per case. "Demo complete": until the app logged
  that the demo data was written (it is written after the site opens). Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg).

$TABLE
EOF
echo >&2; cat "$FILE" >&2; echo >&2
log "written $FILE"
(( FAILED )) && die "some starts failed"
log "done"
