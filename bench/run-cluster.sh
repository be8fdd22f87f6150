#!/usr/bin/env bash
# Two AppealStudio instances (the Release publish) on a throwaway PostgreSQL behind tools/AppealStudio.Proxy, on
# loopback, then one command of bench/AppealStudio.Bench.Load against them (docs/benchmarks.md section 5):
#
#   bench/run-cluster.sh http --users 50 --seconds 60       # HTTP users through the proxy
#   bench/run-cluster.sh browser --users 50 --seconds 60 --think 5   # Chromium users working on circuits (proxy)
#   bench/run-cluster.sh signalr --users 50 --seconds 60 --think 5   # the same users as SignalR clients of /_blazor
#   bench/run-cluster.sh circuits --count 200               # idle circuits on instance A, its RSS per circuit
#   KEEP=1 bench/run-cluster.sh none                        # just start the cluster and wait (Ctrl-C stops it)
#
# The instances run the published output in the Development environment, because the load signs in as the demo
# users (Production refuses a database that holds them); Release code, no HTTPS redirect, demo data seeded by A.
# Ports: PG_PORT (55485), A_PORT (55481), B_PORT (55482), PROXY_PORT (55480). SKIP_BUILD=1 reuses bench/out/cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
command=${1:-none}; shift || true
pg_port=${PG_PORT:-55485}; a_port=${A_PORT:-55481}; b_port=${B_PORT:-55482}; proxy_port=${PROXY_PORT:-55480}
out="$(pwd)/bench/out/cluster"
say() { printf '== %s\n' "$*"; }

if [ -z "${SKIP_BUILD:-}" ]; then
  say "Publishing the web app and the proxy (Release) into $out"
  dotnet publish src/AppealStudio.Web -c Release -o "$out/web" --nologo -v q
  dotnet publish tools/AppealStudio.Proxy -c Release -o "$out/proxy" --nologo -v q
  dotnet build bench/AppealStudio.Bench.Load -c Release --nologo -v q
fi

pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | head -1)")
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_dir=$(mktemp -d /tmp/appealstudio-cluster.XXXXXX)
[ "$(id -u)" = "0" ] && chown postgres "$pg_dir"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >"$pg_dir/initdb.log" 2>&1
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/server.log" \
  -o "-k $pg_dir -p $pg_port -c listen_addresses='' -c max_connections=300" start >/dev/null
connection="Host=$pg_dir;Port=$pg_port;Username=postgres;Database=appealstudio;Maximum Pool Size=100"

start_instance() { # name port seed
  ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$2" \
  Database__Provider=Postgres Database__ConnectionString="$connection" Demo__SeedOnFirstRun="$3" \
  Storage__DataDirectory="$out/data" \
  ForwardedHeaders__KnownProxies__0=127.0.0.1 Scheduler__Instance="$1" Security__SignInAttemptsPerMinute=10000 \
  Security__RequireTwoFactorRoles=none Logging__LogLevel__Default=Warning \
    dotnet "$out/web/AppealStudio.Web.dll" --contentRoot "$out/web" >"$out/$1.log" 2>&1 &
  pids+=($!)
  echo $! >"$out/$1.pid"
  for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/healthz/ready")" = 200 ] && return 0
    sleep 1
  done
  echo "instance $1 did not become ready; see $out/$1.log" >&2; exit 1
}
say "Starting instance a on $a_port (migrates and seeds the demo data), then b on $b_port"
start_instance a "$a_port" true
start_instance b "$b_port" false
ASPNETCORE_URLS="http://127.0.0.1:$proxy_port" Proxy__Destinations__0="http://127.0.0.1:$a_port" \
  Proxy__Destinations__1="http://127.0.0.1:$b_port" dotnet "$out/proxy/AppealStudio.Proxy.dll" >"$out/proxy.log" 2>&1 &
pids+=($!)
echo $! >"$out/proxy.pid"
sleep 3
say "Cluster up: proxy http://127.0.0.1:$proxy_port -> a :$a_port (pid $(cat "$out/a.pid")), b :$b_port (pid $(cat "$out/b.pid")); load $(cut -d' ' -f1-3 /proc/loadavg)"

load=bench/AppealStudio.Bench.Load/bin/Release/net10.0/AppealStudio.Bench.Load.dll
case "$command" in
  none) [ -n "${KEEP:-}" ] && wait ;;
  circuits) dotnet "$load" circuits --url "http://127.0.0.1:$a_port" --pid "$(cat "$out/a.pid")" "$@" ;;
  # The browser run reports the CPU time of each server process beside the driver's (PostgreSQL: the postmaster's tree).
  browser|signalr) dotnet "$load" "$command" --url "http://127.0.0.1:$proxy_port" \
    --server-pids "a=$(cat "$out/a.pid"),b=$(cat "$out/b.pid"),proxy=$(cat "$out/proxy.pid"),postgres=$(head -1 "$pg_dir/data/postmaster.pid")" "$@" ;;
  *) dotnet "$load" "$command" --url "http://127.0.0.1:$proxy_port" "$@" ;;
esac
say "Instances' RSS at the end: a $(grep VmRSS /proc/"$(cat "$out/a.pid")"/status | awk '{print $2/1024 " MiB"}'), b $(grep VmRSS /proc/"$(cat "$out/b.pid")"/status | awk '{print $2/1024 " MiB"}')"
