#!/usr/bin/env bash
# The README's command for "R1 in miniature": prepares the machine (idempotent) and runs the four-stage recipe job.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet run -c Release --project examples/R1.Miniature -- "$@"
