#!/usr/bin/env bash
# The README's main command: prepares the machine (idempotent) and runs "R1-Zero in miniature".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet run -c Release --project examples/R1Zero.Miniature -- "$@"
