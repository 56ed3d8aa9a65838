#!/usr/bin/env bash
# Packs the NuGet libraries (R1MLNet.Rewards, .Rollout, .MLNet, .Serving) with their symbols into artifacts/feed, the local
# folder feed that the notebooks' first cell adds as a NuGet source and that tests/R1.Packaging.Tests use. See docs/packages.md.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in R1.Rewards R1.Rollout R1.MLNet R1.Serving; do
  dotnet pack "src/$project/$project.csproj" -c Release -o artifacts/feed -nologo -v q "$@"
done
echo "[pack] $(ls artifacts/feed/*.nupkg | wc -l) packages in artifacts/feed"
