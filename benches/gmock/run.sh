#!/usr/bin/env bash
# Target 2 of benches/README.md: the whole fast-shutdown test cycle, mockmapi (C, static library)
# against the same test written with gmock. Not part of CI.
#
# Usage: benches/gmock/run.sh [N] [RUNS]
#   N     cycles per timed run (default 200000 for mockmapi, N/2 for gmock)
#   RUNS  timed runs of each program (default 5); every run prints ns per cycle.
# Needs: cargo, a C and C++ compiler, and gmock/gtest (installed with apt-get when missing).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-200000}"
runs="${2:-5}"
cc="${CC:-cc}"
cxx="${CXX:-c++}"
out="$root/target/gmock-bench"
mkdir -p "$out"

if ! { [ -f /usr/include/gmock/gmock.h ] && [ -f /usr/include/gtest/gtest.h ]; }; then
    echo "gmock/gtest headers not found; installing libgmock-dev libgtest-dev with apt-get" >&2
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get install -y libgmock-dev libgtest-dev
fi

echo "== cargo build --release" >&2
(cd "$root" && cargo build --release)
lib="$root/target/release/libmockmapi.a"
[ -f "$lib" ] || { echo "missing $lib (crate-type staticlib in Cargo.toml)" >&2; exit 1; }

echo "== building" >&2
"$cc" -std=c11 -O2 -Wall -Wextra -Werror -pedantic -I "$root/include" \
    "$here/cycle_mockmapi.c" "$lib" -lpthread -ldl -lm -o "$out/cycle_mockmapi"
"$cxx" -std=c++17 -O2 -Wall -Wextra -Werror \
    "$here/cycle_bench.cpp" -lgmock -lgtest -pthread -o "$out/cycle_gmock"

echo "== running ($runs runs each, alternating)" >&2
results="$out/results.txt"
: >"$results"
for _ in $(seq 1 "$runs"); do
    "$out/cycle_mockmapi" "$n" | tee -a "$results"
    "$out/cycle_gmock" "$((n / 2))" | tee -a "$results"
done

# Medians over the runs, and the ratio of the two.
median() { grep "^$1:" "$results" | awk '{print $2}' | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
mm="$(median mockmapi)"
gm="$(median gmock)"
awk -v mm="$mm" -v gm="$gm" 'BEGIN {
    printf "median: mockmapi %d ns/cycle, gmock %d ns/cycle, mockmapi/gmock = %.2f\n", mm, gm, mm / gm
}'
