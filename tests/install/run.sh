#!/usr/bin/env bash
# Install the build tree into a temporary prefix, then build an outside
# project against it with find_package(stakemap) and with pkg-config, and
# run both. Usage: run.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
libdir=$(cd "$tmp/prefix" && ls -d lib*/ | head -n1)
libdir="$tmp/prefix/${libdir%/}"
[ -f "$tmp/prefix/include/stakemap.h" ] && [ -f "$tmp/prefix/include/stakemap/export.h" ]
[ -x "$tmp/prefix/bin/stakemap" ]
ls "$libdir"/libstakemap.so.* "$libdir"/libstakemap.a >/dev/null
[ -f "$libdir/pkgconfig/stakemap.pc" ] && [ -f "$libdir/cmake/stakemap/stakemapConfig.cmake" ]

cmake -S "$src/tests/install/consumer" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/consumer" >/dev/null
LD_LIBRARY_PATH="$libdir" "$tmp/consumer/consumer_shared"
"$tmp/consumer/consumer_static"

export PKG_CONFIG_PATH="$libdir/pkgconfig"
# shellcheck disable=SC2046
cc -o "$tmp/pc_consumer" "$src/tests/install/consumer/consumer.c" $(pkg-config --cflags --libs stakemap)
LD_LIBRARY_PATH="$libdir" "$tmp/pc_consumer"
# Static: our .pc lists the private dependencies (Debian's igraph.pc would
# pull static glpk/arpack/plfit, which Debian does not ship, so link igraph
# shared here).
pkg-config --static --libs stakemap | grep -q -- '-lcsv'
# shellcheck disable=SC2046
cc -o "$tmp/pc_static" "$src/tests/install/consumer/consumer.c" -DSM_STATIC \
   $(pkg-config --cflags stakemap) "$libdir/libstakemap.a" \
   $(pkg-config --libs igraph jansson expat) -lcsv -lm -pthread
"$tmp/pc_static"
LD_LIBRARY_PATH="$libdir" "$tmp/prefix/bin/stakemap" --version
echo "install: find_package, pkg-config (shared and static) and the CLI all work"
