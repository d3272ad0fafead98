#!/usr/bin/env bash
# Each public header compiles alone with -std=c11 -pedantic -Werror (and as
# C++ where a C++ compiler exists), so include order never matters.
# Usage: check-headers.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1 build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for h in "$src"/include/stakemap.h "$src"/include/stakemap/*.h; do
  rel=${h#"$src/include/"}
  printf '#include "%s"\n' "$rel" > "$tmp/t.c"
  cc -std=c11 -pedantic -Wall -Wextra -Werror -fsyntax-only -I"$src/include" -I"$build/include" "$tmp/t.c"
  if command -v c++ >/dev/null; then
    cp "$tmp/t.c" "$tmp/t.cpp"
    c++ -std=c++11 -pedantic -Wall -Werror -fsyntax-only -I"$src/include" -I"$build/include" "$tmp/t.cpp"
  fi
  n=$((n + 1))
done
echo "$n headers compile alone"
