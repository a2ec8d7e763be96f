#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# run-fuzz.sh OUT SEEDS BASE - build the libFuzzer harnesses (clang-14, ASan+UBSan),
# replay fuzz/regressions/*, then fuzz each harness for FUZZ_SECONDS (default 25).
# SEEDS: directory of span-record images (fuzz/fuzz_common.h) for fuzz_raw; BASE: the
# span-record image fuzz_struct patches. Prints executions, exec/s, CPU seconds, coverage.
# Crashes are written to OUT/crash-* (commit them to fuzz/regressions/; struct-* for fuzz_struct).
set -euo pipefail
OUT=$1 SEEDS=$2 BASE=$3
SECS=${FUZZ_SECONDS:-25}
HERE=$(cd "$(dirname "$0")/.." && pwd)
command -v clang-14 >/dev/null || { echo "FAIL: clang-14 missing (apt-get install clang-14 libclang-rt-14-dev)"; exit 1; }
mkdir -p "$OUT"
CORE="$HERE/fs/vx_csum.c $HERE/fs/vx_volume.c $HERE/fs/vx_journal.c $HERE/fs/vx_inode.c $HERE/fs/vx_extent.c $HERE/fs/vx_dir.c $HERE/fs/vx_xattr.c $HERE/fs/vx_vector.c $HERE/fs/vx_knn_math.c $HERE/tools/sha256.c"
FL="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -DVX_FUZZ -I$HERE/tools"
# the shim (CRC32C) is sanitized but not coverage-instrumented: it has no branches worth guiding on
clang-14 -g -O2 -fsanitize=address,undefined -fno-sanitize-recover=undefined -I"$HERE/tools" -c -o "$OUT/vx_shim.o" "$HERE/tools/vx_shim.c"
for h in raw struct; do
	clang-14 $FL -o "$OUT/fuzz_$h" "$HERE/fuzz/fuzz_$h.c" "$HERE/tools/vexfs_inspect.c" $CORE "$OUT/vx_shim.o" -lm
done
# A small ASan quarantine: every execution allocates a few hundred block buffers, and with the
# default 256 MiB quarantine each one lands on fresh pages (page faults cost ~12 us in this VM).
# Use-after-free is still caught within the last 4 MiB of frees.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=4}
export VEXFS_FUZZ_BASE=$BASE
regs=("$HERE"/fuzz/regressions/*)
if [[ -e ${regs[0]} ]]; then
	for f in "${regs[@]}"; do
		case $(basename "$f") in struct-*) h=struct ;; *) h=raw ;; esac
		"$OUT/fuzz_$h" "$f" > "$OUT/regress.log" 2>&1 || { cat "$OUT/regress.log"; echo "FAIL: regression $f"; exit 1; }
	done
	echo "regressions replayed: ${#regs[@]}"
fi
for h in raw struct; do
	mkdir -p "$OUT/corpus-$h"
	set +e
	# raw: seeds are the compact Java images; struct: patch lists against the base, from scratch
	if [[ $h == raw ]]; then args=(-max_len=400000 "$OUT/corpus-$h" "$SEEDS"); else args=(-max_len=832 "$OUT/corpus-$h"); fi
	TIMEFORMAT='%R %U %S'
	{ time "$OUT/fuzz_$h" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$OUT/crash-$h-" -print_final_stats=1 "${args[@]}" > "$OUT/fuzz-$h.log" 2>&1; } 2> "$OUT/time-$h"
	rc=$?
	set -e
	execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$OUT/fuzz-$h.log" | grep -oE '[0-9]+$' || echo 0)
	read -r wall usr sys < "$OUT/time-$h"
	cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN{printf "%.1f", u+s}')
	echo "fuzz_$h: rc=$rc executions=$execs seconds=$SECS exec/s=$((execs / SECS)) cpu-seconds=$cpu" \
		"exec/cpu-s=$(awk -v e="$execs" -v c="$cpu" 'BEGIN{printf "%.0f", (c > 0) ? e / c : 0}')" \
		"$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$OUT/fuzz-$h.log" | tail -1)"
	if ((rc != 0)); then tail -40 "$OUT/fuzz-$h.log"; echo "FAIL: fuzz_$h found a crash"; exit 1; fi
done
echo "FUZZ-OK"
