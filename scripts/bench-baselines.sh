#!/usr/bin/env bash
# The baseline rows of BENCHMARKS.md ("Table 1's baselines"): issue 10's speed and memory targets.
# 1. One training step at Diginetica scale (N 43,097, batch 100, d 100, prefixes of 5-10 clicks) of TAGNN and each
#    neural baseline (`tagnn bench train-step --model M`; BPR-MF and FPMC with Diginetica's 186,670 training sessions
#    as their session table), median over 10 timed steps, 2 torch threads, one JSON line each.
# 2. Every non-neural baseline fitted on, and scoring the whole test set of, the Diginetica-sized synthetic log
#    (`tagnn bench baselines`, made and preprocessed under artifacts/bench/ on first use), one JSON line each.
# Each command is a separate process; run it on an otherwise idle machine (step times depend on the load).
#   scripts/bench-baselines.sh [models]     default: "tagnn srgnn gru4rec narm stamp bprmf fpmc"
set -euo pipefail
cd "$(dirname "$0")/.."
models=${1:-"tagnn srgnn gru4rec narm stamp bprmf fpmc"}
dotnet build src/Tagnn.Cli -c Release -nologo -v quiet >/dev/null
cli=(dotnet src/Tagnn.Cli/bin/Release/net10.0/Tagnn.Cli.dll)
for m in $models; do
  "${cli[@]}" bench train-step --model "$m" --items 43097 --batch 100 --dim 100 --length 10 --min-length 5 --steps 10 --threads 2
done
"${cli[@]}" bench baselines --threads 2
