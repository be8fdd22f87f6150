#!/usr/bin/env bash
# Whole-process benchmark of `appealstudio remit import` of the ~40 MB replicated corpus into a fresh SQLite database,
# RUNS times (each into a new database), recording wall time, MB/s and peak RSS (GNU time -v).
#
#   bench/run-import.sh              # RUNS=3 MB=40
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

echo "== building (Release)"
dotnet build "$here/AppealStudio.Bench/AppealStudio.Bench.csproj" -c Release -o "$out/bench" -v quiet -nologo > "$out/build-bench.log"
"$here/publish-cli.sh"

replicated="$out/replicated-${mb}mb.835"
[ -s "$replicated" ] || dotnet "$out/bench/AppealStudio.Bench.dll" replicate --corpus "$shared/corpus/835" --out "$replicated" --mb "$mb"
bytes=$(stat -c %s "$replicated")

results="$out/import-results.tsv"
printf 'run\twall_s\tMB_per_s\tpeak_rss_MB\tsummary\n' > "$results"
for run in $(seq 1 "$runs"); do
  db="$out/import-db-$run"
  rm -rf "$db"
  log=$(mktemp)
  summary=$(Storage__DataDirectory="$db" /usr/bin/time -v -o "$log" dotnet "$out/cli/appealstudio.dll" remit import "$replicated" | head -1)
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  mbs=$(awk -v b="$bytes" -v w="$wall" 'BEGIN { printf "%.1f", b / 1048576 / w }')
  printf '%s\t%s\t%s\t%s\t%s\n' "$run" "$wall" "$mbs" "$rss" "$summary" | tee -a "$results"
  rm -f "$log"
done
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
