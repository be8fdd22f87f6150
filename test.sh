#!/usr/bin/env bash
# Runs every test of AppealStudio on a fresh machine: installs what the tests need when it is missing (Debian's
# Chromium for the browser tests), starts a throwaway PostgreSQL cluster when the binaries exist so the integration
# suite runs on both databases, then runs `dotnet test` over the whole solution and removes the cluster.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '== %s\n' "$*"; }

# --- Chromium (browser tests) ---------------------------------------------------------------------------------
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    say "Installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    say "Chromium is missing and this is not root: install it with 'sudo apt-get install chromium'." \
        "The browser tests will be reported as skipped."
  fi
fi

# --- PostgreSQL (second database for the integration tests) ---------------------------------------------------
pg_bin=""
for dir in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
  if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then pg_bin="$dir"; break; fi
done

pg_dir=""
stop_postgres() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_postgres EXIT

as_pg() {
  # PostgreSQL refuses to run as root; CI runs as root, so the cluster runs as the postgres user.
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -n "$pg_bin" ] && { [ "$(id -u)" != "0" ] || id postgres >/dev/null 2>&1; }; then
  pg_dir=$(mktemp -d /tmp/appealstudio-pg.XXXXXX)
  [ "$(id -u)" = "0" ] && chown postgres "$pg_dir"
  pg_port=$(( 20000 + RANDOM % 20000 ))
  say "Starting a throwaway PostgreSQL ($("$pg_bin/initdb" --version | awk '{print $3}')) in $pg_dir on port $pg_port"
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >"$pg_dir/initdb.log" 2>&1
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/server.log" \
    -o "-k $pg_dir -p $pg_port -c listen_addresses='' -c fsync=off -c max_connections=200" start >/dev/null
  export APPEALSTUDIO_TEST_POSTGRES="Host=$pg_dir;Port=$pg_port;Username=postgres;Pooling=true"
else
  say "PostgreSQL binaries (initdb, pg_ctl) not found: the integration tests run on SQLite only," \
      "and the PostgreSQL checks are reported as skipped. Install them with 'apt-get install postgresql'."
  unset APPEALSTUDIO_TEST_POSTGRES
fi

# --- Tests --------------------------------------------------------------------------------------------------------
say "dotnet test"
log=$(mktemp)
set +e
dotnet test AppealStudio.sln --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line over every test project, for people and for CI.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "%d passed, %d failed, %d skipped", p, f, s }' "$log"
# Without a server every PostgreSQL variant is listed as skipped with its reason (tests/.../DatabaseTestFramework.cs);
# say how many of the skips are those, so a run without PostgreSQL can be told from one with it.
pg_skipped=$(grep -cE '^ *Skipped .*: Postgres[,)]' "$log" || true)
if [ -z "${APPEALSTUDIO_TEST_POSTGRES:-}" ]; then
  printf ' (%d of them PostgreSQL variants: no PostgreSQL server for this run)\n' "$pg_skipped"
else
  printf ' (PostgreSQL: on)\n'
fi
rm -f "$log"
exit "$status"
