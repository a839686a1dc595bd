#!/usr/bin/env bash
# The following feed's fan-out decision, measured in SQL on PostgreSQL: fan-out-on-read (the notes of everyone a viewer
# follows, merged at read time) against fan-out-on-write (an inbox table with a row per follower and note) and a hybrid
# (inbox rows only for authors under a follower threshold, read-time merge for the few above it).
#
#   bench/feed-fanout.sh [--smoke] [--start-pg]
#
# PostgreSQL only: SOUK_TEST_PG (an admin connection string) or --start-pg (a throwaway server). A fresh database seeded with
# the app's own verb (`seed --users U --follows F --notes N`, the power-law follow graph), or SOUK_BENCH_PG_CS: an already
# seeded database (not seeded, not dropped; the scratch tables are removed again). Then, with pgbench (one client, one
# query per transaction, a random viewer each time, per-transaction latency log):
#   read-in       the query the app runs (Modules/Feed/FollowingFeed.cs as EF writes it): Notes WHERE AuthorId IN (followees)
#                 ORDER BY Id DESC LIMIT 21, plus the author's handle;
#   read-lateral  the same via LATERAL: the 21 newest of each followee (Notes(AuthorId, Id) index), then the top 21 of those;
#   inbox         fan-out-on-write: an inbox (ViewerId, NoteId) read newest first, built for a sample of viewers only;
#   hybrid        inbox rows for authors under T followers, LATERAL over the viewer's followees at or above T;
# each for the first page and for a page one day back (a cursor). EXPLAIN (ANALYZE, BUFFERS) of one viewer per query, the
# inbox size the whole network would need (rows = sum over notes of the author's followers; bytes per row measured), and
# the write cost of fanning out a sample of notes.
#
# Full run: 20,000 users x 200 follows, 1,000,000 notes; 2,000 queries per case; inbox sample of 200 viewers; T = 1,000.
# --smoke:  300 users x 20 follows, 5,000 notes, 50 queries per case; results in bench/results/tmp/.
# Overrides (env): SOUK_BENCH_USERS, SOUK_BENCH_FOLLOWS, SOUK_BENCH_NOTES, SOUK_BENCH_QUERIES, SOUK_BENCH_SAMPLE (inbox
# viewers), SOUK_BENCH_THRESHOLD (hybrid follower threshold), SOUK_BENCH_PG_CS, SOUK_BENCH_OUT.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_load_args "$@"
SQLITE=0
if (( SMOKE )); then
  USERS=${SOUK_BENCH_USERS:-300} FOLLOWS=${SOUK_BENCH_FOLLOWS:-20} NOTES=${SOUK_BENCH_NOTES:-5000}
  QUERIES=${SOUK_BENCH_QUERIES:-50} SAMPLE=${SOUK_BENCH_SAMPLE:-50} THRESHOLD=${SOUK_BENCH_THRESHOLD:-50}
  OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results/tmp}
else
  USERS=${SOUK_BENCH_USERS:-20000} FOLLOWS=${SOUK_BENCH_FOLLOWS:-200} NOTES=${SOUK_BENCH_NOTES:-1000000}
  QUERIES=${SOUK_BENCH_QUERIES:-2000} SAMPLE=${SOUK_BENCH_SAMPLE:-200} THRESHOLD=${SOUK_BENCH_THRESHOLD:-1000}
  OUT_DIR=${SOUK_BENCH_OUT:-$BENCH_DIR/results}
fi
command -v pgbench >/dev/null || die "pgbench not found (apt-get install -y postgresql-client)"
export PGOPTIONS="-c client_min_messages=warning"   # no NOTICEs from DROP TABLE IF EXISTS

if [[ -n "${SOUK_BENCH_PG_CS:-}" ]]; then
  # An existing seeded database: no app build, no seed, nothing dropped but the scratch tables.
  WORK=$(mktemp -d /tmp/souk-bench-fanout.XXXXXX)
  trap 'sql "DROP TABLE IF EXISTS bench_viewers, bench_inbox, bench_inbox_small, bench_inbox_write" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
  BENCH_CS=$SOUK_BENCH_PG_CS LABEL=PostgreSQL
  mkdir -p "$OUT_DIR"
  DATE=$(date +%F) MACHINE=$(machine_summary) REV=$(git_revision)
  SEED_LINE="an existing database (\`SOUK_BENCH_PG_CS\`)"
else
  [[ -n "${SOUK_TEST_PG:-}" ]] || START_PG=1
  load_setup souk-bench-fanout
  open_bench_db postgres souk_bench_fanout
  log "$LABEL: seeding $USERS users x $FOLLOWS follows, $NOTES notes"
  seed_bench_db --users "$USERS" --follows "$FOLLOWS" --notes "$NOTES"
  SEED_LINE="seeded in **$SEED_SECS s** (\`seed --users $USERS --follows $FOLLOWS --notes $NOTES\`)"
fi

sql() { PG_ADMIN_CS=$BENCH_CS pg_psql -c "$1"; }

log "scratch tables: $QUERIES-viewer sample, inbox for $SAMPLE of them"
sql "DROP TABLE IF EXISTS bench_viewers, bench_inbox, bench_inbox_small, bench_inbox_write" >/dev/null
# Viewers drawn at random; the first SAMPLE get an inbox. The cursor for 'one day back' is the newest note a day ago.
sql "CREATE TABLE bench_viewers AS SELECT row_number() OVER () AS n, id FROM (SELECT \"Id\" AS id FROM \"AspNetUsers\" ORDER BY random() LIMIT $QUERIES) v;
     CREATE UNIQUE INDEX ON bench_viewers (n); ANALYZE bench_viewers;" >/dev/null
DAY_BACK=$(sql "SELECT coalesce(max(\"Id\"), 0) FROM \"Notes\" WHERE \"CreatedAt\" < now() - interval '1 day'")
t0=$(now_s)
sql "CREATE TABLE bench_inbox (\"ViewerId\" uuid NOT NULL, \"NoteId\" bigint NOT NULL, PRIMARY KEY (\"ViewerId\", \"NoteId\"));
     INSERT INTO bench_inbox SELECT f.\"FollowerId\", n.\"Id\" FROM bench_viewers v JOIN \"Follows\" f ON f.\"FollowerId\" = v.id
       JOIN \"Notes\" n ON n.\"AuthorId\" = f.\"FolloweeId\" WHERE v.n <= $SAMPLE;
     CREATE TABLE bench_inbox_small (\"ViewerId\" uuid NOT NULL, \"NoteId\" bigint NOT NULL, PRIMARY KEY (\"ViewerId\", \"NoteId\"));
     INSERT INTO bench_inbox_small SELECT i.\"ViewerId\", i.\"NoteId\" FROM bench_inbox i JOIN \"Notes\" n ON n.\"Id\" = i.\"NoteId\"
       JOIN \"AspNetUsers\" u ON u.\"Id\" = n.\"AuthorId\" WHERE u.\"FollowersCount\" < $THRESHOLD;" >/dev/null
sql "VACUUM ANALYZE bench_inbox" >/dev/null
sql "VACUUM ANALYZE bench_inbox_small" >/dev/null
INBOX_BUILD=$(awk -v a="$t0" -v b="$(now_s)" 'BEGIN {printf "%.1f", b - a}')

# --- sizes ------------------------------------------------------------------------------------------------------------
read -r NOTE_ROWS FOLLOW_ROWS DB_SIZE <<<"$(sql "SELECT (SELECT count(*) FROM \"Notes\"), (SELECT count(*) FROM \"Follows\"),
  round(pg_database_size(current_database()) / 1e6) || '_MB'" | tr '|' ' ')"
read -r INBOX_ALL INBOX_HYBRID FANOUT_MEAN FANOUT_MAX BIG_AUTHORS BIG_NOTE_SHARE <<<"$(sql "SELECT sum(u.\"FollowersCount\"),
  sum(u.\"FollowersCount\") FILTER (WHERE u.\"FollowersCount\" < $THRESHOLD), round(avg(u.\"FollowersCount\")), max(u.\"FollowersCount\"),
  (SELECT count(*) FROM \"AspNetUsers\" WHERE \"FollowersCount\" >= $THRESHOLD),
  round(100.0 * count(*) FILTER (WHERE u.\"FollowersCount\" >= $THRESHOLD) / greatest(count(*), 1), 1)
  FROM \"Notes\" n JOIN \"AspNetUsers\" u ON u.\"Id\" = n.\"AuthorId\"" | tr '|' ' ')"
read -r SAMPLE_ROWS SAMPLE_BYTES SMALL_ROWS <<<"$(sql "SELECT (SELECT count(*) FROM bench_inbox), pg_total_relation_size('bench_inbox'),
  (SELECT count(*) FROM bench_inbox_small)" | tr '|' ' ')"
BYTES_PER_ROW=$(awk -v b="$SAMPLE_BYTES" -v r="$SAMPLE_ROWS" 'BEGIN {printf "%.0f", (r > 0 ? b / r : 0)}')
gb() { awk -v r="$1" -v b="$BYTES_PER_ROW" 'BEGIN {printf "%.1f GB", r * b / 1e9}'; }
read -r FOLLOWERS_P50 FOLLOWERS_P99 FOLLOWERS_MAX UNDER100 <<<"$(sql "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY \"FollowersCount\"),
  percentile_disc(0.99) WITHIN GROUP (ORDER BY \"FollowersCount\"), max(\"FollowersCount\"),
  round(100.0 * count(*) FILTER (WHERE \"FollowersCount\" < 100) / count(*)) FROM \"AspNetUsers\"" | tr '|' ' ')"
read -r VIEW_P50 VIEW_P99 <<<"$(sql "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY c), percentile_disc(0.99) WITHIN GROUP (ORDER BY c)
  FROM (SELECT count(*) c FROM bench_inbox GROUP BY \"ViewerId\") x" | tr '|' ' ')"

# --- write cost: fan out 200 random notes (a row per follower) into an inbox-shaped table -------------------------------
sql "CREATE TABLE bench_inbox_write (\"ViewerId\" uuid NOT NULL, \"NoteId\" bigint NOT NULL, PRIMARY KEY (\"ViewerId\", \"NoteId\"));
     INSERT INTO bench_inbox_write SELECT * FROM bench_inbox;" >/dev/null
t0=$(now_s)
WRITE_ROWS=$(sql "WITH s AS (SELECT \"Id\", \"AuthorId\" FROM \"Notes\" TABLESAMPLE BERNOULLI (1) LIMIT 200),
  ins AS (INSERT INTO bench_inbox_write SELECT f.\"FollowerId\", s.\"Id\" FROM s JOIN \"Follows\" f ON f.\"FolloweeId\" = s.\"AuthorId\"
    ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM ins")
WRITE_SECS=$(awk -v a="$t0" -v b="$(now_s)" 'BEGIN {printf "%.2f", b - a}')
WRITE_RATE=$(awk -v r="$WRITE_ROWS" -v s="$WRITE_SECS" 'BEGIN {printf "%.0f", (s > 0 ? r / s : 0)}')

# --- the queries ------------------------------------------------------------------------------------------------------
viewer="(SELECT id FROM bench_viewers WHERE n = :v)"
q_in() { # the app's query, as EF Core writes FollowingFeed.HeadsAsync for notes
  echo "SELECT n.\"Id\", n.\"CreatedAt\", (SELECT u.\"UserName\" FROM \"AspNetUsers\" u WHERE u.\"Id\" = n.\"AuthorId\" LIMIT 1) FROM \"Notes\" n
  WHERE n.\"AuthorId\" IN (SELECT f.\"FolloweeId\" FROM \"Follows\" f WHERE f.\"FollowerId\" = $viewer) AND n.\"Id\" < $1
  ORDER BY n.\"Id\" DESC LIMIT 21;"
}
lateral() { # the newest notes of each followee (filtered), merged
  echo "SELECT x.\"Id\" FROM \"Follows\" f $2 CROSS JOIN LATERAL (SELECT n.\"Id\" FROM \"Notes\" n WHERE n.\"AuthorId\" = f.\"FolloweeId\" AND n.\"Id\" < $1
    ORDER BY n.\"Id\" DESC LIMIT 21) x WHERE f.\"FollowerId\" = $viewer $3"
}
q_lateral() { echo "$(lateral "$1" "" "") ORDER BY x.\"Id\" DESC LIMIT 21;"; }
q_inbox() { echo "SELECT \"NoteId\" FROM bench_inbox WHERE \"ViewerId\" = $viewer AND \"NoteId\" < $1 ORDER BY \"NoteId\" DESC LIMIT 21;"; }
q_hybrid() {
  echo "(SELECT \"NoteId\" FROM bench_inbox_small WHERE \"ViewerId\" = $viewer AND \"NoteId\" < $1 ORDER BY \"NoteId\" DESC LIMIT 21)
  UNION ALL ($(lateral "$1" "JOIN \"AspNetUsers\" a ON a.\"Id\" = f.\"FolloweeId\"" "AND a.\"FollowersCount\" >= $THRESHOLD"))
  ORDER BY 1 DESC LIMIT 21;"
}

# pgbench_case NAME QUERY VIEWERS: QUERIES transactions on one client, each a random viewer among the first VIEWERS.
# Prints "p50 p99 tps" (ms, ms, transactions/s).
pgbench_case() {
  local name=$1 query=$2 viewers=$3 dir="$WORK/pgbench-$1"
  mkdir -p "$dir"
  printf '\\set v random(1, %s)\n%s\n' "$viewers" "$query" >"$dir/script.sql"
  (cd "$dir" && pg_env "$BENCH_CS" && pgbench -n -M prepared -c 1 -j 1 -t 20 -f script.sql >/dev/null 2>&1 || true)   # warm-up, plans cached
  (cd "$dir" && pg_env "$BENCH_CS" && pgbench -n -M prepared -c 1 -j 1 -t "$QUERIES" -f script.sql -l --log-prefix=tx >"$dir/out.txt" 2>&1) \
    || { cat "$dir/out.txt" >&2; die "pgbench $name failed"; }
  local tps
  tps=$(awk '/^tps/ {printf "%.0f", $3; exit}' "$dir/out.txt")
  # Log lines: client transaction latency(us) script epoch us.
  cat "$dir"/tx.* | awk '{print $3 / 1000}' | sort -n | awk -v tps="$tps" '{v[NR] = $1} END {
    p50 = v[int(NR * 0.50) > 0 ? int(NR * 0.50) : 1]; p99 = v[int(NR * 0.99) > 0 ? int(NR * 0.99) : 1]
    printf "%.2f %.2f %s\n", p50, p99, tps }'
}

explain() { # EXPLAIN (ANALYZE, BUFFERS) for viewer 1
  PG_ADMIN_CS=$BENCH_CS pg_psql -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${1//:v/1}"
}

declare -A P50 P99 TPS
TABLE="| Strategy | Page | Viewers | p50 (ms) | p99 (ms) | Queries/s (1 client) |
|---|---|---:|---:|---:|---:|"
PLANS=""
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for case in read-in read-lateral inbox hybrid; do
  for page in first day-back; do
    cursor=$([[ $page == first ]] && echo 9223372036854775807 || echo "$DAY_BACK")
    case $case in
      read-in) q=$(q_in "$cursor"); viewers=$QUERIES ;;
      read-lateral) q=$(q_lateral "$cursor"); viewers=$QUERIES ;;
      inbox) q=$(q_inbox "$cursor"); viewers=$SAMPLE ;;
      hybrid) q=$(q_hybrid "$cursor"); viewers=$SAMPLE ;;
    esac
    log "pgbench: $case, $page page ($QUERIES queries over $viewers viewers)"
    read -r p50 p99 tps <<<"$(pgbench_case "$case-$page" "$q" "$viewers")"
    P50[$case-$page]=$p50 P99[$case-$page]=$p99 TPS[$case-$page]=$tps
    TABLE+=$'\n'"| $case | $page | $viewers | $p50 | $p99 | $tps |"
    if [[ $page == first ]]; then
      PLANS+=$'\n'"### $case, first page, viewer 1"$'\n\n```\n'"$(explain "$q")"$'\n```\n'
    fi
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

FILE="$OUT_DIR/$DATE-feed-fanout-postgres.md"
cat >"$FILE" <<EOF
# Following feed: fan-out, measured in SQL, PostgreSQL ($DATE$( (( SMOKE )) && echo ", smoke"))

- Commit: \`$REV\`; machine: $MACHINE
- Data: $NOTE_ROWS notes, $FOLLOW_ROWS follows; database size ${DB_SIZE/_/ }; $SEED_LINE
- Followers per user: median $FOLLOWERS_P50, p99 $FOLLOWERS_P99, max $FOLLOWERS_MAX; $UNDER100 % of users have under 100
- Notes a viewer's followees posted (the inbox rows one viewer would hold, over the sample): median $VIEW_P50, p99 $VIEW_P99
- pgbench, one client, \`-M prepared\`, $QUERIES queries per case, a random viewer each; 20 queries of warm-up first.
  Load average before/after: $LOAD_BEFORE / $LOAD_AFTER (2 cores)

$TABLE

## Fan-out-on-write: size and write cost

- Inbox rows for the whole network (sum over notes of the author's followers): **$INBOX_ALL** (mean fan-out $FANOUT_MEAN per note,
  the largest $FANOUT_MAX) against $NOTE_ROWS notes; at $BYTES_PER_ROW bytes a row with its primary key (measured on the sample,
  $SAMPLE_ROWS rows for $SAMPLE viewers, built in $INBOX_BUILD s): **$(gb "$INBOX_ALL")**
- Hybrid with threshold $THRESHOLD followers ($BIG_AUTHORS authors at or above it, writing $BIG_NOTE_SHARE % of the notes):
  **$INBOX_HYBRID** rows, **$(gb "$INBOX_HYBRID")**; the sample's hybrid inbox has $SMALL_ROWS rows
- Writing the fan-out of 200 random notes into an inbox-shaped table (primary key, $SAMPLE_ROWS rows already in it):
  $WRITE_ROWS rows in $WRITE_SECS s = **$WRITE_RATE rows/s**

## Plans
$PLANS
EOF
echo >&2; cat "$FILE" >&2
log "written $FILE"
if [[ -z "${SOUK_BENCH_PG_CS:-}" ]]; then close_bench_db postgres; load_finish; fi
