#!/usr/bin/env bash
# Whole-process benchmark of `appealstudio remit import` of the ~40 MB replicated corpus into a fresh database,
# RUNS times (each into a new database), recording wall time, MB/s and peak RSS (GNU time -v).
#
#   bench/run-import.sh                       # RUNS=3 MB=40 PROVIDER=sqlite
#   PROVIDER=postgres bench/run-import.sh     # a throwaway PostgreSQL cluster (fsync off), started as test.sh does
#   SKIP_BUILD=1 ...                          # reuse the build of the previous run
#   PG_STATS=1 PROVIDER=postgres ...          # also print the server's time per statement (pg_stat_statements, nested
#                                             # statements of triggers included): where a PostgreSQL import spends it
#
# Inputs and databases go to bench/out/ (git-ignored).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${APPEALSTUDIO_SHARED:-$root/../shared}
out="$here/out"
runs=${RUNS:-3}
mb=${MB:-40}
mkdir -p "$out"

if [ "${SKIP_BUILD:-0}" != "1" ]; then  # SKIP_BUILD=1 reuses bench/out from the previous run (the other provider)
  echo "== building (Release)"
  dotnet build "$here/AppealStudio.Bench/AppealStudio.Bench.csproj" -c Release -o "$out/bench" -v quiet -nologo > "$out/build-bench.log"
  "$here/publish-cli.sh"
fi

replicated="$out/replicated-${mb}mb.835"
[ -s "$replicated" ] || dotnet "$out/bench/AppealStudio.Bench.dll" replicate --corpus "$shared/corpus/835" --out "$replicated" --mb "$mb"
bytes=$(stat -c %s "$replicated")

provider=${PROVIDER:-sqlite}
pg_dir=""
stop_postgres() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$provider" = "postgres" ]; then
  pg_bin=""
  for dir in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then pg_bin="$dir"; break; fi
  done
  [ -n "$pg_bin" ] || { echo "PROVIDER=postgres needs initdb and pg_ctl (apt-get install postgresql)" >&2; exit 2; }
  trap stop_postgres EXIT
  pg_dir=$(mktemp -d /tmp/appealstudio-bench-pg.XXXXXX)
  [ "$(id -u)" = "0" ] && chown postgres "$pg_dir"
  pg_port=$(( 20000 + RANDOM % 20000 ))
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >"$pg_dir/initdb.log" 2>&1
  pg_stats_opts=""
  [ "${PG_STATS:-0}" = "1" ] && pg_stats_opts="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/server.log" \
    -o "-k $pg_dir -p $pg_port -c listen_addresses='' -c fsync=off $pg_stats_opts" start >/dev/null
  echo "== PostgreSQL $("$pg_bin/initdb" --version | awk '{print $3}') in $pg_dir on port $pg_port (fsync off)"
fi

# CPU seconds of the PostgreSQL server: the postmaster, its children that have exited (cutime, cstime: a backend
# is reaped when its connection closes) and the children still running. On a machine shared with other work the CPU
# time says more than the wall time, which waits for the cores.
server_cpu() {
  [ -n "$pg_dir" ] || { echo 0; return; }
  local pm ticks total pid
  pm=$(head -1 "$pg_dir/data/postmaster.pid")
  ticks=$(getconf CLK_TCK)
  total=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pm/stat")
  for pid in $(pgrep -P "$pm"); do
    total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  awk -v t="$total" -v k="$ticks" 'BEGIN { printf "%.2f", t / k }'
}

results="$out/import-results-$provider.tsv"
printf 'run\twall_s\tMB_per_s\tpeak_rss_MB\tclient_cpu_s\tserver_cpu_s\tsummary\n' > "$results"
for run in $(seq 1 "$runs"); do
  db="$out/import-db-$run"
  rm -rf "$db"
  log=$(mktemp)
  if [ "$provider" = "postgres" ]; then
    export Database__Provider=Postgres
    export Database__ConnectionString="Host=$pg_dir;Port=$pg_port;Username=postgres;Database=bench_import_$run"
  fi
  cpu_before=$(server_cpu)
  summary=$(Storage__DataDirectory="$db" /usr/bin/time -v -o "$log" dotnet "$out/cli/appealstudio.dll" remit import "$replicated" | head -1)
  sleep 1  # the backend exits and is reaped once the client has gone
  server_s=$(awk -v a="$cpu_before" -v b="$(server_cpu)" 'BEGIN { printf "%.2f", b - a }')
  client_s=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  mbs=$(awk -v b="$bytes" -v w="$wall" 'BEGIN { printf "%.1f", b / 1048576 / w }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$wall" "$mbs" "$rss" "$client_s" "$server_s" "$summary" | tee -a "$results"
  rm -f "$log"
  if [ "$provider" = "postgres" ] && [ "${PG_STATS:-0}" = "1" ]; then
    psql_bin="$pg_bin/psql"; [ -x "$psql_bin" ] || psql_bin=$(command -v psql)
    psql_run() { as_pg "$psql_bin" -h "$pg_dir" -p "$pg_port" -U postgres -d "bench_import_$run" -q "$@"; }
    psql_run -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
    psql_run -c "SELECT calls, round(total_exec_time::numeric / 1000, 2) AS server_s, rows, toplevel,
                 left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS statement
                 FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                 ORDER BY total_exec_time DESC LIMIT 15"
    psql_run -c "SELECT sum(calls) AS statements, round(sum(total_exec_time)::numeric / 1000, 2) AS server_s
                 FROM pg_stat_statements WHERE toplevel AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
    psql_run -c "SELECT pg_stat_statements_reset()" >/dev/null
  fi
done
echo "== provider: $provider"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
