#!/usr/bin/env bash
# The preprocessing benchmark of BENCHMARKS.md ("Preprocessing").
# Generates a synthetic log of the real dataset's size (once, under artifacts/bench/), then times `tagnn preprocess`
# on it end to end (process start to exit, through the built CLI) with /usr/bin/time: wall time and peak RSS of each
# run, then the best and the median.
#   scripts/bench-preprocess.sh [diginetica|yoochoose] [runs]      (defaults: diginetica 7)
# Diginetica-sized: 300,000 sessions, 1.24 M clicks, 120,000 items. Yoochoose-sized: 8,000,000 sessions, 33 M clicks,
# 52,000 items (a 1.5 GB file; needs about 6 GB of memory).
set -euo pipefail
cd "$(dirname "$0")/.."
dataset=${1:-diginetica}
runs=${2:-7}
if [ ! -x /usr/bin/time ]; then echo "needs /usr/bin/time (Debian/Ubuntu: apt-get install time)" >&2; exit 2; fi
dotnet build src/Tagnn.Cli -c Release -nologo -v quiet >/dev/null
cli=(dotnet src/Tagnn.Cli/bin/Release/net10.0/Tagnn.Cli.dll)
case "$dataset" in
  diginetica)
    input=artifacts/bench/diginetica/train-item-views.csv
    synth=(--layout diginetica --seed 1 --sessions 300000 --items 120000 --topics 100 --days 150) ;;
  yoochoose)
    input=artifacts/bench/yoochoose/yoochoose-clicks.dat
    synth=(--layout yoochoose --seed 1 --sessions 8000000 --items 52000 --topics 100 --days 183) ;;
  *) echo "dataset must be diginetica or yoochoose" >&2; exit 2 ;;
esac
[ -f "$input" ] || "${cli[@]}" data synth --output "$input" "${synth[@]}" --no-truth
echo "input: $input ($(wc -l < "$input") lines, $(du -h "$input" | cut -f1))"
results=$(mktemp)
for i in $(seq "$runs"); do
  /usr/bin/time -o "$results" -a -f "%e %M" "${cli[@]}" preprocess --dataset "$dataset" --input "$input" \
    --output "artifacts/bench/$dataset-prepared" --force --timings | grep -E "^read " || true
done
echo "runs (wall s, peak RSS KB):"; cat "$results"
sort -n "$results" | awk '{ w[NR] = $1; m[NR] = $2 } END {
  printf "best %.2f s; median %.2f s; peak RSS %d-%d MB\n", w[1], w[int((NR + 1) / 2)], m[1] / 1024, m[NR] / 1024 }'
echo "load: $(uptime)"
rm -f "$results"
