#!/usr/bin/env bash
# The install, checked as a provider team consumes it (CI runs this; it needs cmake, pkg-config, a C/C++
# compiler and GoogleTest):
#   1. the documented install (README, "Installing"): cmake configure, build, `cmake --install` into a temporary
#      prefix; the installed tree checked file by file (nothing missing, nothing extra, headers byte-identical
#      to the sources, the SONAME and its links);
#   2. pkg-config consumers: examples/quickstart.c linked to the shared library, and to the static library from
#      a static-only install;
#   3. the CMake + CTest + GoogleTest consumer (examples/cmake) from the installed package;
#   4. the same consumer with the source tree through add_subdirectory, and its rebuild when a Rust source changes.
# Usage: tests/install/run.sh [work-directory]   (default: a new temporary directory, removed afterwards)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -gt 0 ]; then
    work=$1
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
jobs=$(nproc 2>/dev/null || echo 2)
passed=0
failed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
fail() { echo "FAILED: $*" >&2; failed=$((failed + 1)); }

version=$(sed -n 's/^version *= *"\([0-9.]*\)".*/\1/p' "$root/Cargo.toml" | head -1)
major=${version%%.*}

echo "-- install (cmake --install) into $work/prefix"
cmake -S "$root" -B "$work/build" -DCMAKE_BUILD_TYPE=Release >"$work/configure.log"
cmake --build "$work/build" -j "$jobs"
cmake --install "$work/build" --prefix "$work/prefix" >"$work/install.log"
prefix=$work/prefix

# ---- 1. the installed tree, file by file --------------------------------------------------------------------
expected=$work/expected.txt
{
    echo "bin/mockmapi"
    echo "include/mockmapi.h"
    echo "include/mockmapi_abi.h"
    (cd "$root/include" && find mockmapi/sdk -type f | sed 's|^|include/|')
    echo "include/mockmapi/cpp/mockmapi.hpp"
    echo "include/mockmapi/cpp/mockmapi_gtest.hpp"
    echo "lib/libmockmapi.a"
    echo "lib/libmockmapi.so"
    echo "lib/libmockmapi.so.$major"
    echo "lib/libmockmapi.so.$version"
    echo "lib/pkgconfig/mockmapi.pc"
    echo "lib/cmake/mockmapi/mockmapiConfig.cmake"
    echo "lib/cmake/mockmapi/mockmapiConfigVersion.cmake"
    echo "lib/cmake/mockmapi/mockmapiTargets.cmake"
} | LC_ALL=C sort >"$expected"
(cd "$prefix" && find . -type f -o -type l) | sed 's|^\./||' | LC_ALL=C sort >"$work/installed.txt"
if diff -u "$expected" "$work/installed.txt"; then
    ok "installed tree: $(wc -l <"$expected") files, exactly the expected ones"
else
    fail "installed tree differs from the expected list (- expected, + installed)"
fi
differ=0
same() { cmp -s "$1" "$2" || { echo "differs from its source: $2" >&2; differ=$((differ + 1)); }; }
for h in mockmapi.h mockmapi_abi.h; do same "$root/include/$h" "$prefix/include/$h"; done
while read -r f; do same "$root/include/$f" "$prefix/include/$f"; done < <(cd "$root/include" && find mockmapi/sdk -type f)
for h in mockmapi.hpp mockmapi_gtest.hpp; do same "$root/bindings/cpp/$h" "$prefix/include/mockmapi/cpp/$h"; done
[ "$differ" -eq 0 ] && ok "installed headers are byte-identical to the sources" || fail "$differ installed header(s) differ"
[ -f "$prefix/lib/libmockmapi.so.$version" ] && [ ! -L "$prefix/lib/libmockmapi.so.$version" ] \
    && [ "$(readlink "$prefix/lib/libmockmapi.so.$major")" = "libmockmapi.so.$version" ] \
    && [ "$(readlink "$prefix/lib/libmockmapi.so")" = "libmockmapi.so.$major" ] \
    && ok "libmockmapi.so -> libmockmapi.so.$major -> libmockmapi.so.$version" \
    || fail "shared library links: $(ls -l "$prefix/lib" | tr '\n' ' ')"
soname=$(readelf -d "$prefix/lib/libmockmapi.so.$version" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
[ "$soname" = "libmockmapi.so.$major" ] && ok "SONAME $soname" || fail "SONAME is '$soname', not libmockmapi.so.$major"
[ -x "$prefix/bin/mockmapi" ] && "$prefix/bin/mockmapi" --version | grep -qx "mockmapi $version" \
    && ok "bin/mockmapi --version: mockmapi $version" || fail "bin/mockmapi --version"
grep -q "^Version: $version\$" "$prefix/lib/pkgconfig/mockmapi.pc" && ok "mockmapi.pc Version: $version" \
    || fail "mockmapi.pc version"

# ---- 2. pkg-config consumers --------------------------------------------------------------------------------
cc=${CC:-cc}
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
[ "$(pkg-config --modversion mockmapi)" = "$version" ] && ok "pkg-config --modversion mockmapi" || fail "pkg-config --modversion"
# shellcheck disable=SC2046
if "$cc" -std=c11 -o "$work/quickstart-shared" "$root/examples/quickstart.c" $(pkg-config --cflags --libs mockmapi) \
    -Wl,-rpath,"$(pkg-config --variable=libdir mockmapi)" && "$work/quickstart-shared" >"$work/quickstart-shared.out" \
    && readelf -d "$work/quickstart-shared" | grep -q "NEEDED.*\[libmockmapi.so.$major\]"; then
    ok "pkg-config shared: quickstart built, needs libmockmapi.so.$major, runs"
else
    fail "pkg-config shared consumer"
fi
# A static-only install (-DMOCKMAPI_INSTALL_SHARED=OFF): -lmockmapi is the archive, --static adds the system libraries.
cmake -S "$root" -B "$work/build-static" -DCMAKE_BUILD_TYPE=Release -DMOCKMAPI_INSTALL_SHARED=OFF >"$work/configure-static.log"
cmake --build "$work/build-static" -j "$jobs"
cmake --install "$work/build-static" --prefix "$work/prefix-static" >"$work/install-static.log"
[ ! -e "$work/prefix-static/lib/libmockmapi.so" ] && ok "static-only install has no shared library" \
    || fail "static-only install has a shared library"
# shellcheck disable=SC2046
if PKG_CONFIG_PATH="$work/prefix-static/lib/pkgconfig" sh -c \
    "\"$cc\" -std=c11 -o \"$work/quickstart-static\" \"$root/examples/quickstart.c\" \$(pkg-config --cflags --libs --static mockmapi)" \
    && "$work/quickstart-static" >"$work/quickstart-static.out" \
    && ! readelf -d "$work/quickstart-static" | grep -q "libmockmapi"; then
    ok "pkg-config --static: quickstart linked to libmockmapi.a and runs"
else
    fail "pkg-config static consumer"
fi

# ---- 3. the CMake consumer from the installed package -------------------------------------------------------
cmake -S "$root/examples/cmake" -B "$work/example-installed" -DCMAKE_PREFIX_PATH="$prefix" >"$work/example-installed.log"
cmake --build "$work/example-installed" -j "$jobs"
if ctest --test-dir "$work/example-installed" --output-on-failure; then
    ok "examples/cmake with find_package(mockmapi): ctest passed"
else
    fail "examples/cmake with find_package(mockmapi)"
fi
# The static-only package gives the same targets.
cmake -S "$root/examples/cmake" -B "$work/example-static" -DCMAKE_PREFIX_PATH="$work/prefix-static" >"$work/example-static.log"
cmake --build "$work/example-static" -j "$jobs"
if ctest --test-dir "$work/example-static" --output-on-failure >"$work/example-static-ctest.log" \
    && ! readelf -d "$work/example-static/store_provider_test" | grep -q libmockmapi; then
    ok "examples/cmake with the static-only package: ctest passed, no shared library needed"
else
    cat "$work/example-static-ctest.log"
    fail "examples/cmake with the static-only package"
fi

# ---- 4. add_subdirectory --------------------------------------------------------------------------------------
cmake -S "$root/examples/cmake" -B "$work/example-subdir" -DMOCKMAPI_SOURCE_DIR="$root" >"$work/example-subdir.log"
cmake --build "$work/example-subdir" -j "$jobs"
if ctest --test-dir "$work/example-subdir" --output-on-failure; then
    ok "examples/cmake with add_subdirectory(mockmapi): ctest passed"
else
    fail "examples/cmake with add_subdirectory(mockmapi)"
fi
# A changed Rust source makes the next build run cargo again (a dry run: nothing is rebuilt here).
# The file's time is put back afterwards, so that cargo itself sees no change.
cmake --build "$work/example-subdir" >/dev/null
dry_run() { cmake --build "$work/example-subdir" -- -n >"$work/dry-run.txt" && grep -q " build --profile" "$work/dry-run.txt"; }
if dry_run; then
    fail "an up-to-date build would run cargo again"
else
    touch -r "$root/src/lib.rs" "$work/lib.rs.time"
    touch "$root/src/lib.rs"
    if dry_run; then
        ok "a changed Rust source makes the CMake build run cargo again"
    else
        fail "a changed Rust source does not make the CMake build run cargo"
    fi
    touch -r "$work/lib.rs.time" "$root/src/lib.rs"
fi

# ---- 5. cargo-c (`cargo cinstall`), where it is installed ---------------------------------------------------
# The same library and header tree from [package.metadata.capi] (Cargo.toml). cargo-c takes about 20 minutes to
# build from source, so CI checks this only on a machine that has it (cargo install cargo-c --version 0.10.24
# --locked); elsewhere it says so and counts nothing.
if cargo cinstall --version >/dev/null 2>&1; then
    echo "-- cargo cinstall into $work/capi"
    cargo cinstall --release --prefix "$work/capi" --libdir "$work/capi/lib" \
        --target-dir "$root/target/cargo-c" >"$work/capi.log" 2>&1 || { cat "$work/capi.log"; fail "cargo cinstall"; }
    (cd "$prefix" && find include -type f | LC_ALL=C sort) >"$work/capi-expected.txt"
    (cd "$work/capi" && find include -type f | LC_ALL=C sort) >"$work/capi-installed.txt"
    capi_differ=0
    while read -r f; do cmp -s "$prefix/$f" "$work/capi/$f" || capi_differ=$((capi_differ + 1)); done <"$work/capi-expected.txt"
    if diff -u "$work/capi-expected.txt" "$work/capi-installed.txt" && [ "$capi_differ" -eq 0 ]; then
        ok "cargo cinstall: the same $(wc -l <"$work/capi-expected.txt") headers as the CMake install, byte for byte"
    else
        fail "cargo cinstall: the header tree differs from the CMake install's ($capi_differ differ)"
    fi
    [ -e "$work/capi/lib/libmockmapi.so.$major" ] && [ -e "$work/capi/lib/libmockmapi.a" ] \
        && ok "cargo cinstall: libmockmapi.a and libmockmapi.so.$major" || fail "cargo cinstall: libraries"
    # shellcheck disable=SC2046
    if PKG_CONFIG_PATH="$work/capi/lib/pkgconfig" sh -c \
        "\"$cc\" -std=c11 -o \"$work/capi-shared\" \"$root/examples/quickstart.c\" \$(pkg-config --cflags --libs mockmapi) -Wl,-rpath,\"$work/capi/lib\"" \
        && "$work/capi-shared" >"$work/capi-shared.out" \
        && readelf -d "$work/capi-shared" | grep -q "NEEDED.*\[libmockmapi.so.$major\]"; then
        ok "cargo cinstall + pkg-config: quickstart built against the shared library and runs"
    else
        fail "cargo cinstall + pkg-config consumer"
    fi
else
    echo "skip: cargo-c is not installed (cargo install cargo-c --version 0.10.24 --locked), cargo cinstall not checked"
fi

echo "install / CMake / pkg-config: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
