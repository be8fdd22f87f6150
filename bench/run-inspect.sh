#!/usr/bin/env bash
# Whole-process benchmark of `appealstudio remit inspect FILE --summary` against the npm peer x12-parser, run side by
# side and alternating (these machines are shared and noisy), recording wall time, MB/s and peak RSS (GNU time -v).
#
#   bench/run-inspect.sh                 # 40 MB replicated corpus + 1,000,000-claim synthetic file, 5 runs each
#   RUNS=3 MB=40 CLAIMS=200000 bench/run-inspect.sh
#
# Inputs are generated into bench/out/ (git-ignored). Without src/AppealStudio.Cli the bench project's own `inspect`
# command (the same library call) stands in for the CLI.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${APPEALSTUDIO_SHARED:-$root/../shared}
out="$here/out"
runs=${RUNS:-5}
mb=${MB:-40}
claims=${CLAIMS:-1000000}
peers=${PEERS_DIR:-/tmp/peers}
mkdir -p "$out"

echo "== building (Release)"
dotnet build "$here/AppealStudio.Bench/AppealStudio.Bench.csproj" -c Release -o "$out/bench" -v quiet -nologo > "$out/build-bench.log"
if [ -f "$root/src/AppealStudio.Cli/AppealStudio.Cli.csproj" ]; then
  "$here/publish-cli.sh"
  ours=(dotnet "$out/cli/appealstudio.dll" remit inspect)
  ours_suffix=(--summary)
  ours_name="appealstudio"
else
  echo "   (src/AppealStudio.Cli not found: using the bench project's inspect command, the same RemittanceInspector summary)"
  ours=(dotnet "$out/bench/AppealStudio.Bench.dll" inspect)
  ours_suffix=()
  ours_name="bench-inspect"
fi

echo "== generating inputs in $out"
replicated="$out/replicated-${mb}mb.835"
synthetic="$out/synthetic-${claims}.835"
[ -s "$replicated" ] || dotnet "$out/bench/AppealStudio.Bench.dll" replicate --corpus "$shared/corpus/835" --out "$replicated" --mb "$mb"
[ -s "$synthetic" ] || dotnet "$out/bench/AppealStudio.Bench.dll" synthetic --out "$synthetic" --claims "$claims"

if [ ! -f "$peers/node_modules/x12-parser/package.json" ]; then
  echo "== setting up the npm peers in $peers"
  rm -rf "$peers"
  cp -r "$shared/bench/peers" "$peers"
  (cd "$peers" && npm ci --silent)
fi

results="$out/results.tsv"
printf 'file\ttool\trun\twall_s\tMB_per_s\tpeak_rss_MB\n' > "$results"

measure() { # file tool run command...
  local file=$1 tool=$2 run=$3
  shift 3
  local log
  log=$(mktemp)
  /usr/bin/time -v -o "$log" "$@" > "$out/last-$tool.txt"
  local wall rss bytes
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  bytes=$(stat -c %s "$file")
  rm -f "$log"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$file")" "$tool" "$run" "$wall" "$(awk -v b="$bytes" -v w="$wall" 'BEGIN { printf "%.1f", b / 1e6 / w }')" "$rss" | tee -a "$results"
}

echo "== $runs alternating runs per file"
for file in "$replicated" "$synthetic"; do
  for run in $(seq 1 "$runs"); do
    measure "$file" "$ours_name" "$run" "${ours[@]}" "$file" "${ours_suffix[@]}"
    measure "$file" "x12-parser" "$run" node "$peers/harness/bench.js" "$file" x12-parser 1
  done
  echo "   counts, $ours_name: $(tail -1 "$out/last-$ours_name.txt")"
  echo "   counts, x12-parser: $(tail -1 "$out/last-x12-parser.txt")"
done

echo "== medians (load average $(cut -d' ' -f1-3 /proc/loadavg))"
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf 'file\ttool\tmedian_wall_s\tmedian_MB_per_s\tbest_MB_per_s\tmax_peak_rss_MB\n'
tail -n +2 "$results" | cut -f1,2 | sort -u | while IFS=$'\t' read -r file tool; do
  rows=$(awk -F'\t' -v f="$file" -v t="$tool" '$1 == f && $2 == t' "$results")
  wall=$(cut -f4 <<< "$rows" | median)
  speed=$(cut -f5 <<< "$rows" | median)
  best=$(cut -f5 <<< "$rows" | sort -n | tail -1)
  rss=$(cut -f6 <<< "$rows" | sort -n | tail -1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$tool" "$wall" "$speed" "$best" "$rss"
done
