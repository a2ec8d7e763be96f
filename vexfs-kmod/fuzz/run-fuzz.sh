#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# run-fuzz.sh OUT SEEDS BASE - build the libFuzzer harnesses (clang-14, ASan+UBSan),
# replay fuzz/regressions/*, then fuzz each harness for FUZZ_SECONDS (default 30).
# Crashes are written to OUT/crash-* (commit them to fuzz/regressions/).
set -euo pipefail
OUT=$1 SEEDS=$2 BASE=$3
SECS=${FUZZ_SECONDS:-30}
HERE=$(cd "$(dirname "$0")/.." && pwd)
command -v clang-14 >/dev/null || { echo "FAIL: clang-14 missing (apt-get install clang-14 libclang-rt-14-dev)"; exit 1; }
mkdir -p "$OUT"
CORE="$HERE/fs/vx_csum.c $HERE/fs/vx_volume.c $HERE/fs/vx_journal.c $HERE/fs/vx_inode.c $HERE/fs/vx_extent.c $HERE/fs/vx_dir.c $HERE/fs/vx_xattr.c $HERE/tools/vx_shim.c $HERE/tools/sha256.c"
FL="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -DVX_FUZZ -I$HERE/tools"
for h in raw struct; do
	clang-14 $FL -o "$OUT/fuzz_$h" "$HERE/fuzz/fuzz_$h.c" "$HERE/tools/vexfs_inspect.c" $CORE
done
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
	"$OUT/fuzz_$h" -max_len=300000 -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$OUT/crash-$h-" -print_final_stats=1 "$OUT/corpus-$h" "$SEEDS" > "$OUT/fuzz-$h.log" 2>&1
	rc=$?
	set -e
	execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$OUT/fuzz-$h.log" | grep -oE '[0-9]+$' || echo 0)
	echo "fuzz_$h: rc=$rc executions=$execs seconds=$SECS"
	if ((rc != 0)); then tail -40 "$OUT/fuzz-$h.log"; echo "FAIL: fuzz_$h found a crash"; exit 1; fi
done
echo "FUZZ-OK"
