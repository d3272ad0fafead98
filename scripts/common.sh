# Shared by scripts/demo and scripts/test: sourced, not run.
# shellcheck shell=bash
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
say() { printf '\n== %s\n' "$*"; }

# configure + build one CMake preset
build_preset() {
  local preset=$1
  say "build ($preset)"
  cmake --preset "$preset" -S "$ROOT" >/dev/null
  cmake --build --preset "$preset" -j "$JOBS"
}
