#!/usr/bin/env bash
# GPU readiness check (not run in CI). On a Linux machine with an NVIDIA GPU and a NuGet feed that serves
# TorchSharp-cuda-linux 0.107.0, it builds the test projects and the bench against the CUDA native package
# (-p:R1Cuda=true, into a separate artifacts folder, so the CPU build is untouched), runs the GPU test category,
# runs a short benchmark (decode tokens/s, one bf16-mixed GRPO step at the Qwen2.5-0.5B config) and writes a JSON report.
# Budget: under 8 minutes end to end (each phase has its own timeout).
#
#   scripts/gpu-check.sh [report.json]        (default: gpu-check-report.json)
#   R1_GPU_CHECK_DRY_RUN=1 scripts/gpu-check.sh   prints the commands without running them
set -uo pipefail
cd "$(dirname "$0")/.."
report=${1:-gpu-check-report.json}
work=${R1_GPU_CHECK_DIR:-$(mktemp -d -t r1-gpu-check-XXXXXX)}
artifacts="$work/artifacts"
dry=${R1_GPU_CHECK_DRY_RUN:-0}
started=$(date +%s)
props=(-c Release -nologo -v q -p:R1Cuda=true --artifacts-path "$artifacts")

budget=${R1_GPU_CHECK_BUDGET_S:-470}   # the whole check stays under 8 minutes
run() {  # run <seconds> <command...>: one phase under min(its timeout, what is left of the budget); echo only in a dry run
  local limit=$1; shift
  local left=$(( budget - ($(date +%s) - started) ))
  [ "$left" -gt 0 ] || fail budget "the ${budget}s budget is spent before: $*"
  [ "$limit" -le "$left" ] || limit=$left
  if [ "$dry" = "1" ]; then echo "[dry-run] timeout $limit $*"; return 0; fi
  timeout "$limit" "$@"
}

fail() {  # fail <phase> <message>: writes a failed report and exits 2
  printf '{\n  "ok": false,\n  "phase": "%s",\n  "error": "%s",\n  "seconds": %d\n}\n' "$1" "$2" $(( $(date +%s) - started )) > "$report"
  echo "gpu-check: $1 failed: $2 (report: $report)" >&2
  exit 2
}

if [ "$dry" != "1" ] && ! command -v nvidia-smi > /dev/null; then
  echo "gpu-check: warning: nvidia-smi not found; is the NVIDIA driver installed?" >&2
fi
gpu=$( (nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>/dev/null || echo unknown) | head -1 | tr -d '"')

projects=(tests/R1.Rollout.Tests/R1.Rollout.Tests.csproj tests/R1.MLNet.Tests/R1.MLNet.Tests.csproj bench/R1.Bench/R1.Bench.csproj)
for p in "${projects[@]}"; do
  if ! run 180 dotnet restore "$p" -p:R1Cuda=true --artifacts-path "$artifacts" -nologo -v q; then
    fail restore "TorchSharp-cuda-linux 0.107.0 could not be restored for $p. Add a NuGet source that serves it \
(nuget.org does: dotnet nuget add source https://api.nuget.org/v3/index.json) and rerun; the CPU build is not affected."
  fi
done
for p in "${projects[@]}"; do
  run 240 dotnet build "$p" --no-restore "${props[@]}" || fail build "dotnet build -p:R1Cuda=true failed for $p"
done

results="$work/results"
mkdir -p "$results"
tests_ok=true
for p in tests/R1.Rollout.Tests/R1.Rollout.Tests.csproj tests/R1.MLNet.Tests/R1.MLNet.Tests.csproj; do
  name=$(basename "$p" .csproj)
  run 150 dotnet test "$p" --no-build "${props[@]}" --filter "TestCategory=GPU" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || tests_ok=false
done

bench_json="$work/bench.json"
bench_dll=$(find "$artifacts/bin/R1.Bench" -name R1.Bench.dll 2>/dev/null | head -1)
if [ "$dry" = "1" ]; then
  echo "[dry-run] timeout 150 dotnet <artifacts>/bin/R1.Bench/release/R1.Bench.dll gpu-check $bench_json"
  exit 0
fi
[ -n "$bench_dll" ] || fail bench "R1.Bench.dll not found under $artifacts/bin"
run 150 dotnet "$bench_dll" gpu-check "$bench_json" || fail bench "the gpu-check bench failed (exit $?)"
[ -s "$bench_json" ] || fail bench "the gpu-check bench wrote no figures: CUDA is not available to TorchSharp (driver? GPU?)"

python3 - "$results" "$bench_json" "$report" "$gpu" "$tests_ok" "$started" <<'PY'
import glob, json, sys, time, xml.etree.ElementTree as ET
results, bench, report, gpu, tests_ok, started = sys.argv[1:7]
counts = {"passed": 0, "failed": 0, "skipped": 0}
for f in glob.glob(results + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    failed = sum(int(c.get(k, 0)) for k in ("failed", "error", "timeout", "aborted"))
    counts["passed"] += int(c.get("passed", 0)); counts["failed"] += failed
    counts["skipped"] += max(0, int(c.get("total", 0)) - int(c.get("passed", 0)) - failed)
ok = tests_ok == "true" and counts["failed"] == 0 and counts["passed"] > 0
out = {"ok": ok, "gpu": gpu, "gpu_tests": counts, "bench": json.load(open(bench)), "seconds": round(time.time() - int(started))}
json.dump(out, open(report, "w"), indent=2)
print(json.dumps(out, indent=2))
sys.exit(0 if ok else 1)
PY
