#!/usr/bin/env bash
# Fuzz-style robustness: 240 randomly truncated or bit-flipped HDF5 and VDB
# files go to `voxconvert info` built with AddressSanitizer and
# UndefinedBehaviorSanitizer (preset asan). Every one must exit 2 with a
# one-line error and no sanitizer report.
source "$(dirname "$0")/lib/common.sh"
ASAN_VOXCONVERT="${SSB_ASAN_BIN:?}/voxconvert"
if [ ! -x "$ASAN_VOXCONVERT" ]; then
  echo "FAIL: $ASAN_VOXCONVERT missing: build it with 'make build-asan' (make test does)"
  exit 1
fi
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=98

"$PY" "$SSB_SOURCE_DIR/scripts/make-example.py" a.h5 --shape 20 16 16 --seed 5
voxconvert a.h5 -o b.h5 --log-level warn   # written by ssbvox: fields, provenance, metrics
voxconvert a.h5 -o b.vdb --log-level warn

"$PY" - <<'PYEOF'
import random
rng = random.Random(20261130)
n = 0
for src in ["b.h5", "b.vdb"]:
    data = open(src, "rb").read()
    ext = src.split(".")[1]
    for k in range(120):
        b = bytearray(data)
        if k % 3 == 0:
            b = b[: rng.randrange(1, len(b))]
        else:
            for _ in range(1 + (k % 3 == 2) * rng.randrange(1, 8)):
                b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        open(f"mut{n:03d}.{ext}", "wb").write(bytes(b))
        n += 1
print(n, "mutated files")
PYEOF

bad=0
total=0
for f in mut*.*; do
  total=$((total + 1))
  rc=0
  "$ASAN_VOXCONVERT" info "$f" --log-level warn >/dev/null 2>err.txt || rc=$?
  if [ "$rc" -ne 2 ] || grep -q -E 'Sanitizer|runtime error' err.txt || [ "$(grep -c . err.txt)" -ne 1 ]; then
    bad=$((bad + 1))
    fail "$f: exit $rc: $(head -c 300 err.txt)"
  fi
done
[ "$bad" -eq 0 ] && pass "$total damaged files: every one exit 2, one line, no sanitizer report"
finish
