#!/usr/bin/env bash
# Build mockmapi for 64- and 32-bit Windows on Debian 12 and run its tests under Wine:
#   clippy for the Windows target (-D warnings), the Rust unit tests under Wine (with the native registry
#   backend's cases, in the private Wine prefix), the C/C++ suite built with mingw-w64 against the static
#   library and the DLL and run under Wine, a client built with mingw-w64's own SDK headers linked against the
#   import library, and `mockmapi.exe check --exit-test` on a provider DLL.
# Usage (as root, installs what it needs):  ci/windows.sh [--ci] [x86_64] [i686]      (default: both)
#   --ci: what .ci/run runs, to fit its time budget on a 2-core machine: every step for x86_64; for i686 the
#   build, the C/C++ suite (static and DLL), the SDK client and `check`, without clippy and the unit tests
#   (the same code as x86_64's apart from pointer sizes and calling conventions, which the C suite exercises).
# Everything it builds goes to target/windows/ (the Wine prefix too); nothing else is cached.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
ci=0
arches=()
for a in "$@"; do
    case $a in
    --ci) ci=1 ;;
    x86_64 | i686) arches+=("$a") ;;
    *) echo "usage: ci/windows.sh [--ci] [x86_64] [i686]" >&2; exit 2 ;;
    esac
done
[ ${#arches[@]} -gt 0 ] || arches=(x86_64 i686)
started=$SECONDS
step() { echo "== Windows: $* ($((SECONDS - started)) s)"; }

# ---- packages: Debian's rustc-web 1.96 with the standard library sources (to build std for Windows),
# mingw-w64 (C/C++ compilers and linkers for both targets), Wine 64- and 32-bit.
need=()
for p in rustc-web rust-web-src cargo-web libstd-rust-web-dev rust-web-clippy gcc-mingw-w64 g++-mingw-w64 \
    wine wine64 wine32:i386; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    step "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    dpkg --add-architecture i386
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Debian's cargo and rustc first (rustup's proxies earlier in PATH would pick another compiler). The C suite's
# driver is a host program: it keeps the caller's cargo, whose host build `cargo test` has already made.
host_path=$PATH
export PATH=/usr/bin:$PATH
export RUSTC_BOOTSTRAP=1 # -Zbuild-std: Debian ships the standard library's sources, not Windows builds of it
target_dir=$root/target/windows
build=(-Zbuild-std=std,panic_abort --target-dir "$target_dir")
mkdir -p "$target_dir"

export WINEPREFIX=$target_dir/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    step "creating the Wine prefix"
    wineboot --init >/dev/null 2>&1
fi
# No debugger and no dialog when a program crashes: the exit test's child is expected to, in one test.
wine reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug' /v Auto /t REG_SZ /d 0 /f >/dev/null 2>&1
wine reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug' /v Debugger /t REG_SZ /d '' /f \
    >/dev/null 2>&1
wine reg add 'HKCU\Software\Wine\WineDbg' /v ShowCrashDialog /t REG_DWORD /d 0 /f >/dev/null 2>&1

for arch in "${arches[@]}"; do
    triple=$arch-pc-windows-gnu
    var=$(echo "$triple" | tr 'a-z-' 'A-Z_')
    export "CARGO_TARGET_${var}_LINKER=$arch-w64-mingw32-gcc" "CARGO_TARGET_${var}_RUNNER=wine"
    export "CC_${triple//-/_}=$arch-w64-mingw32-gcc" "CXX_${triple//-/_}=$arch-w64-mingw32-g++"
    if [ "$arch" = i686 ]; then
        # build-std does not make the i686 start/end objects (rsbegin.o, rsend.o): compile them from the
        # standard library's sources.
        rt=$target_dir/rtstartup-i686
        mkdir -p "$rt"
        for f in rsbegin rsend; do
            rustc --crate-type=lib --emit=obj -C panic=abort -O --target "$triple" \
                /usr/lib/rustlib/src/rust/library/rtstartup/$f.rs -o "$rt/$f.o"
        done
        export "CARGO_TARGET_${var}_RUSTFLAGS=-L native=$rt"
        system=$WINEPREFIX/drive_c/windows/syswow64
    else
        system=$WINEPREFIX/drive_c/windows/system32
    fi
    # Wine 8.0 lacks bcryptprimitives.dll, which Rust's standard library imports (ProcessPrng).
    "$arch-w64-mingw32-gcc" -O2 -shared -Wl,--kill-at -o "$system/bcryptprimitives.dll" ci/bcryptprimitives.c \
        -ladvapi32

    full=1
    [ "$ci" = 1 ] && [ "$arch" = i686 ] && full=0
    # The benchmarks compare against a C loop with POSIX clocks and fork: they are built and run on Linux only.
    if [ "$full" = 1 ]; then
        step "$triple: clippy -D warnings"
        /usr/bin/cargo-clippy clippy "${build[@]}" --target "$triple" --lib --bins --tests --examples -- -D warnings
    fi
    step "$triple: build"
    cargo build "${build[@]}" --target "$triple" --lib --bins
    out=$target_dir/$triple/debug
    if [ "$full" = 1 ]; then
        # The private prefix is throw-away: the native registry backend's cases write and delete HKCU keys there.
        step "$triple: Rust unit tests under Wine (with the native registry backend)"
        MOCKMAPI_TEST_NATIVE_REGISTRY=1 cargo test "${build[@]}" --target "$triple" --lib
    fi

    # The mingw-w64 runtime DLL the C programs use (winpthread), found by Wine through WINEPATH.
    pthread_dir=$(dirname "$("$arch-w64-mingw32-gcc" -print-file-name=libwinpthread-1.dll)")
    step "$triple: C/C++ suite under Wine (static library and DLL)"
    PATH=$host_path MOCKMAPI_CTEST_TARGET=$triple MOCKMAPI_CTEST_LIBS=$out WINEPATH="$pthread_dir" \
        cargo test --test c_suite

    # A client compiled with mingw-w64's own windows.h and mapix.h (on i686: __stdcall, decorated names such as
    # _MAPIInitialize@4) links against the import library and runs; the DLL exports both spellings.
    step "$triple: a client built with the SDK's declarations, linked against the import library"
    "$arch-w64-mingw32-gcc" -std=c11 -Wall -Wextra -Werror -Iinclude c-tests/mingw/sdk_link.c \
        -o "$target_dir/$triple/sdk_link.exe" -L"$out" -lmockmapi
    WINEPATH="$out" wine "$target_dir/$triple/sdk_link.exe"

    step "$triple: mockmapi.exe check --exit-test on a provider DLL"
    provider=$target_dir/$triple/test_provider.dll
    "$arch-w64-mingw32-gcc" -std=c11 -Wall -Wextra -Werror -shared -Iinclude c-tests/providers/test_provider.c \
        -o "$provider" -L"$out" -lmockmapi
    WINEPATH="$out" wine "$out/mockmapi.exe" check "$provider" --kind transport --exit-test

    # The provider's code runs in child processes (mockmapi.exe started again): a provider that aborts, crashes
    # or hangs in its entry point, or a store that saves only in its destructor, gets a verdict (exit code 1,
    # complete JSON), never a dead or hung checker.
    step "$triple: mockmapi.exe check survives broken providers"
    for define in BROKEN_INIT_ABORTS BROKEN_INIT_SEGFAULTS BROKEN_INIT_HANGS SAVES_IN_DESTRUCTOR; do
        broken=$target_dir/$triple/test_provider_$define.dll
        "$arch-w64-mingw32-gcc" -std=c11 -Wall -Wextra -Werror -shared -Iinclude "-D$define" \
            c-tests/providers/test_provider.c -o "$broken" -L"$out" -lmockmapi
        json=$target_dir/$triple/check_$define.json
        status=0
        TEST_PROVIDER_STORE_FILE=$target_dir/$triple/destructor.data WINEPATH="$out" \
            wine "$out/mockmapi.exe" check "$broken" --exit-test --timeout-ms 3000 --format json >"$json" || status=$?
        if [ "$status" != 1 ] || ! grep -q '"verdict": "not ready"' "$json"; then
            echo "mockmapi.exe check on a provider built with -D$define: expected exit code 1 and the verdict" \
                "\"not ready\", got exit code $status:" >&2
            cat "$json" >&2
            exit 1
        fi
    done
done
step "passed"
