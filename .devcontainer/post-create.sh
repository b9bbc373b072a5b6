#!/usr/bin/env bash
# One-time setup of a fresh clone, so that the first notebook cell works: restore the pinned .NET tools (dotnet-repl
# and the dotnet-interactive kernel, .config/dotnet-tools.json) and build everything in Release (the notebooks load
# Tagnn.Course.dll and Tagnn.dll from src/Tagnn.Course/bin/Release/net10.0/). Both dev containers run this file after
# creating the container; on your own machine run the same `dotnet` lines at the repository root (docs/notebooks.md,
# "Setup"; a test keeps the two identical). In the GPU container the environment variable TorchBackend=cuda (an
# MSBuild property) makes the build reference the CUDA build of TorchSharp instead of the CPU one.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore
dotnet build -c Release
