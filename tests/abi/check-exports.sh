#!/usr/bin/env bash
# The shared library exports exactly the symbols listed in exports.txt
# (jansson's check-exports): nothing internal leaks, nothing public is lost.
# After a deliberate API change, regenerate: check-exports.sh LIB --update
set -euo pipefail
lib=$1
here=$(cd "$(dirname "$0")" && pwd)
actual=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort)
if [ "${2:-}" = "--update" ]; then
  echo "$actual" > "$here/exports.txt"
  exit 0
fi
if ! diff -u "$here/exports.txt" <(echo "$actual"); then
  echo "exported symbols differ from tests/abi/exports.txt (+ = exported but not listed)" >&2
  exit 1
fi
echo "$(echo "$actual" | wc -l) exported symbols match tests/abi/exports.txt"
