#!/usr/bin/env bash
# The C example in README.md compiles against the built library and runs
# on the sample map, so the first code a reader copies keeps working.
# Usage: check-readme-example.sh SOURCE_DIR BUILD_DIR LIBRARY
set -euo pipefail
src=$1 build=$2 lib=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk '/^```c$/ {on=1; next} /^```$/ {if (on) exit} on' "$src/README.md" > "$tmp/example.c"
[ -s "$tmp/example.c" ] || { echo "no \`\`\`c block in README.md" >&2; exit 1; }
lines=$(wc -l < "$tmp/example.c")
cc -std=c11 -Wall -Wextra -Werror -I"$src/include" -I"$build/include" "$tmp/example.c" \
   -o "$tmp/example" "$lib" -Wl,-rpath,"$(dirname "$lib")"
cd "$src"
out=$("$tmp/example")
echo "$out"
echo "$out" | grep -Eq '^[0-9]+ actors, [0-9]+ relationships, density [0-9.]+; [0-9]+ women in the periphery$'
echo "README example ($lines lines) compiles and runs"
