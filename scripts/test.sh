#!/usr/bin/env bash
# The README's test command: prepares the machine (idempotent), builds and runs every test project,
# and ends with one line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
results=$(mktemp -d)
dotnet build R1MLNet.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
status=0
for proj in tests/*/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=1
done
python3 - "$results" "$status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
files = glob.glob(sys.argv[1] + "/*.trx")
for f in files:
    c = ET.parse(f).getroot().find(".//{*}Counters")
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    total = int(c.get("total", 0))
    skipped += max(0, total - int(c.get("passed", 0)) - int(c.get("failed", 0)) - int(c.get("error", 0)) - int(c.get("timeout", 0)) - int(c.get("aborted", 0)))
if sys.argv[2] != "0" and failed == 0: failed = 1  # a test host crashed or a project failed without a count
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
