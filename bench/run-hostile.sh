#!/usr/bin/env bash
# Peak memory of the CLI on files built to exhaust it (HostileFiles in AppealStudio.Bench): each 835 shape through
# `remit import` (fresh SQLite database) and `remit inspect --json`, each chart shape through `chart import`, under
# /usr/bin/time -v. Prints one row per run: shape, command, exit code, wall seconds, peak RSS in MiB, first stderr line.
#
#   bench/run-hostile.sh                    # publishes the CLI (bench/publish-cli.sh) and generates the files first
#   CLI=/path/appealstudio.dll SKIP_PUBLISH=1 bench/run-hostile.sh   # measure another build (e.g. an older commit)
#
# Inputs and databases go to bench/out/hostile/ (git-ignored). MB=50 sets the size of the 835 shapes; ONLY="cas-run
# fhir-bundle" runs only those shapes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out="$here/out"
dir="$out/hostile"
mb=${MB:-50}
mkdir -p "$dir"

dotnet build "$here/AppealStudio.Bench/AppealStudio.Bench.csproj" -c Release -o "$out/bench" -v quiet -nologo > "$out/build-bench.log"
[ -n "${SKIP_PUBLISH:-}" ] || "$here/publish-cli.sh"
cli=${CLI:-$out/cli/appealstudio.dll}

gen() { [ -s "$dir/$2" ] || dotnet "$out/bench/AppealStudio.Bench.dll" hostile --shape "$1" --out "$dir/$2" --mb "$3" > /dev/null; }
gen cas-run cas-run.835 "$mb"
gen lq-run lq-run.835 "$mb"
gen plb-run plb-run.835 "$mb"
gen big-claims big-claims.835 "$mb"
gen denial-claims denial-claims.835 "$mb"
gen docx-title docx-title.docx 400
gen docx-bomb docx-bomb.docx 1024
gen docx-entries docx-entries.docx 0
gen fhir-bundle fhir-bundle.json 28
gen big-text big-text.txt 2200

run() {
  local shape=$1; shift
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $shape "* ]]; then return 0; fi
  local db="$dir/db-$shape-$1-$$"
  rm -rf "$db"
  local log err
  log=$(mktemp); err=$(mktemp)
  set +e
  Storage__DataDirectory="$db" /usr/bin/time -v -o "$log" dotnet "$cli" "$@" > /dev/null 2> "$err"
  local code=$?
  set -e
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$shape" "$1 $2" "$code" "$wall" "$rss" "$(grep -v '^\s*$' "$err" | head -1 | cut -c1-160)"
  rm -rf "$db" "$log" "$err"
}

printf 'shape\tcommand\texit\twall_s\tpeak_rss_MiB\tstderr\n'
for f in cas-run lq-run plb-run big-claims denial-claims; do
  run "$f" remit import "$dir/$f.835"
  run "$f" remit inspect "$dir/$f.835" --json
done
run docx-title chart import "$dir/docx-title.docx"
run docx-bomb chart import "$dir/docx-bomb.docx"
run docx-entries chart import "$dir/docx-entries.docx"
run fhir-bundle chart import "$dir/fhir-bundle.json"
run big-text chart import "$dir/big-text.txt"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
