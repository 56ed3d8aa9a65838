#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine for R1MLNet. Idempotent: a second run changes nothing.
#  - TorchSharp 0.107 (libtorch 2.10) needs GLIBCXX_3.4.32; Debian 12's libstdc++ lacks it, so
#    libstdc++6 is installed from Debian 13 (trixie), pinned at low priority so nothing else upgrades.
#  - python3 runs HumanEval code in the sandbox; node/npm run the tokenizer reference in tests.
set -euo pipefail

log() { printf '[setup] %s\n' "$*"; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

find_libstdcxx() {
  for f in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6; do
    [ -e "$f" ] && { echo "$f"; return; }
  done
}

has_glibcxx() {
  local lib; lib=$(find_libstdcxx)
  [ -n "$lib" ] && grep -qa 'GLIBCXX_3.4.32' "$lib"
}

if has_glibcxx; then
  log "libstdc++ already provides GLIBCXX_3.4.32"
else
  if ! grep -qs 'trixie' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null; then
    log "adding Debian 13 (trixie) apt source"
    $SUDO tee /etc/apt/sources.list.d/r1mlnet-trixie.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  fi
  if [ ! -f /etc/apt/preferences.d/r1mlnet-trixie ]; then
    log "pinning trixie at low priority"
    $SUDO tee /etc/apt/preferences.d/r1mlnet-trixie >/dev/null <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
  fi
  log "installing libstdc++6 from trixie"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq -t trixie libstdc++6 >/dev/null
  has_glibcxx || { echo "[setup] ERROR: GLIBCXX_3.4.32 still missing after installing libstdc++6 from trixie" >&2; exit 1; }
  log "GLIBCXX_3.4.32 now available"
fi

command -v python3 >/dev/null || { log "installing python3"; $SUDO apt-get install -y -qq python3 >/dev/null; }
command -v node >/dev/null || { log "installing nodejs"; $SUDO apt-get install -y -qq nodejs npm >/dev/null; }
# --- code reward sandbox (src/R1.Rewards/Code): bubblewrap isolates programs run by the code reward;
#     setpriv (util-linux, always on Debian) drops them to a dedicated uid so RLIMIT_NPROC applies.
if ! command -v bwrap >/dev/null; then
  log "installing bubblewrap (code reward sandbox)"
  $SUDO apt-get install -y -qq bubblewrap >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq bubblewrap >/dev/null; }
fi
command -v setpriv >/dev/null || log "WARNING: setpriv (util-linux) missing: the code reward cannot enforce its process limit as root"
# --- end code reward sandbox

# --- Tokenizer reference for the parity tests (tests/reference/tokenizers) -------------------------
# @lenml/tokenizers, pinned by package.json + package-lock.json; the tests also run `npm ci` when it is missing.
command -v npm >/dev/null || { log "installing npm"; $SUDO apt-get install -y -qq npm >/dev/null; }
tokref_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/reference/tokenizers"
if [ -f "$tokref_dir/node_modules/@lenml/tokenizers/package.json" ]; then
  log "tokenizer reference already installed"
else
  log "installing the tokenizer reference (npm ci in tests/reference/tokenizers)"
  (cd "$tokref_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
# ---------------------------------------------------------------------------------------------------
command -v dotnet >/dev/null || { echo "[setup] ERROR: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
# --- .NET local tools (.config/dotnet-tools.json): dotnet-repl runs the notebooks in tests/R1.Packaging.Tests -----------
# `dotnet tool restore` is idempotent: it only downloads a pinned tool that is not in the NuGet cache yet.
(cd "$(dirname "${BASH_SOURCE[0]}")/.." && dotnet tool restore >/dev/null) || { echo "[setup] ERROR: dotnet tool restore failed" >&2; exit 1; }
log "dotnet tools restored (dotnet-repl)"
log "ready"
