#!/usr/bin/env bash
# The long-run memory benchmark of BENCHMARKS.md ("Training at scale").
# Trains TAGNN (reference settings, batch 100, d 100) through the built CLI for a number of training examples on the
# Diginetica-sized synthetic log of the preprocessing benchmark (made once under artifacts/bench/), and reports the
# wall time, the peak RSS of the whole process (/usr/bin/time), the training seconds per step and the metrics.
#   scripts/bench-train-scale.sh [train-examples] [test-examples]      (defaults: 30000 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
train=${1:-30000}
test=${2:-2000}
if [ ! -x /usr/bin/time ]; then echo "needs /usr/bin/time (Debian/Ubuntu: apt-get install time)" >&2; exit 2; fi
dotnet build src/Tagnn.Cli -c Release -nologo -v quiet >/dev/null
cli=(dotnet src/Tagnn.Cli/bin/Release/net10.0/Tagnn.Cli.dll)
input=artifacts/bench/diginetica/train-item-views.csv
prepared=artifacts/bench/diginetica-prepared
[ -f "$input" ] || "${cli[@]}" data synth --output "$input" --layout diginetica --seed 1 --sessions 300000 \
  --items 120000 --topics 100 --days 150 --no-truth
[ -f "$prepared/stats.json" ] || "${cli[@]}" preprocess --dataset diginetica --input "$input" --output "$prepared" --force
run=artifacts/bench/train-scale/$(date -u +%Y%m%d-%H%M%S)
results=$(mktemp)
/usr/bin/time -o "$results" -f "%e %M" "${cli[@]}" train --data "$prepared" --epochs 1 --max-train "$train" \
  --max-test "$test" --no-sknn --threads 2 --run "$run" | tail -n 12
read -r wall rss < "$results"
rm -f "$results"
steps=$(grep -o '"train_steps":[0-9]*' "$run/metrics.jsonl" | head -n 1 | cut -d: -f2)
train_s=$(grep -o '"train_seconds":[0-9.]*' "$run/metrics.jsonl" | head -n 1 | cut -d: -f2)
awk -v w="$wall" -v r="$rss" -v s="$steps" -v t="$train_s" 'BEGIN {
  printf "wall %.1f s; peak RSS %d MB; %d steps, %.1f s of training = %.0f ms per step\n", w, r / 1024, s, t, 1000 * t / s }'
echo "items: $(grep -oE '"items": *[0-9]+' "$prepared/stats.json" | head -n 1 | cut -d: -f2 | tr -d ' '); run folder: $run"
echo "load: $(uptime)"
