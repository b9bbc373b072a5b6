#!/usr/bin/env bash
# The memory table of docs/GPU.md ("How much GPU memory a batch needs") and the batch-size rows of BENCHMARKS.md.
# Runs `tagnn bench train-step` (TAGNN, reference settings, d 100, prefixes of 5-10 clicks) at Diginetica scale
# (N 43,097) and Yoochoose scale (N 37,483, the item table of both fractions) for batches of 100 to 3,200, once with the
# CPU kernel of the fused scorer (what a CPU run uses) and once with the tensor kernel forced (`--kernel tensor`: the
# code path a GPU runs, every other tensor the same), and prints one JSON line per run. Peak RSS does not depend on the
# machine's load (step times do: this script is for memory). Each run is a separate process.
#   scripts/bench-gpu-memory.sh [kernels] [items] [batches]
#   defaults: "auto tensor" "43097 37483" "100 200 400 800 1600 3200"
set -euo pipefail
cd "$(dirname "$0")/.."
kernels=${1:-"auto tensor"}
items=${2:-"43097 37483"}
batches=${3:-"100 200 400 800 1600 3200"}
dotnet build src/Tagnn.Cli -c Release -nologo -v quiet >/dev/null
cli=(dotnet src/Tagnn.Cli/bin/Release/net10.0/Tagnn.Cli.dll)
for kernel in $kernels; do
  for n in $items; do
    for b in $batches; do
      # Two steps (one warm-up), as the batch-size table of BENCHMARKS.md; one step from B 1,600 on the tensor kernel.
      steps=(--steps 1 --warmup 1)
      if [ "$kernel" = auto ]; then steps=(--steps 3 --warmup 1); fi
      if [ "$kernel" = tensor ] && [ "$b" -ge 1600 ]; then steps=(--steps 1 --warmup 0); fi
      "${cli[@]}" bench train-step --model tagnn --items "$n" --batch "$b" --kernel "$kernel" "${steps[@]}"
    done
  done
done
