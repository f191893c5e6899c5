#!/usr/bin/env bash
# Resolution study of discharge: the baseline structure's first 64 x 64
# voxels laterally (6.4 x 6.4 x 50 um of 100 nm voxels, behind the 25 um
# separator; LCO, no GBs, 1 mA/cm^2 to 3.4 V) simulated at 400, 200 and
# 100 nm (--coarsen 4, 2, 1), with the voxel scheme and with
# --sub-voxel-surface. Writes a table row per run and the plot of capacity
# against voxel size (docs/img/discharge-resolution.png).
#
#   tests/bench/bench_resolution.sh [COARSENINGS...]   (default: 4 2 1)
#
# Each run saves a checkpoint every 10 minutes; a run stopped (Ctrl-C, a
# time limit) continues from it when the script is run again. The 100 nm
# pair takes hours on one core each; run by hand, not by tests/bench/run-all.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/release/bin
OUT=tests/bench/out/resolution
mkdir -p "$OUT"
PY=/usr/bin/python3
[ -x .venv/bin/python ] && PY=.venv/bin/python
[ -e tests/bench/out/discharge/baseline.h5 ] || tests/bench/bench_discharge.sh structure
[ -e tests/bench/out/discharge/baseline.h5 ] || { echo "no baseline structure (tests/bench/bench_discharge.sh makes it)" >&2; exit 2; }
if [ ! -e "$OUT/win64.h5" ]; then
  "$PY" - tests/bench/out/discharge/baseline.h5 "$OUT/win64.h5" <<'PYEOF'
import sys, h5py
src, dst = sys.argv[1:3]
with h5py.File(src) as s, h5py.File(dst, "w") as d:
    for k, v in s.attrs.items():
        d.attrs[k] = v
    for name in ("phase", "material_id", "grain"):
        out = d.create_dataset(name, data=s[name][:, :64, :64], compression="gzip")
        for k, v in s[name].attrs.items():
            out.attrs[k] = v
PYEOF
fi
coarsenings=("$@")
[ ${#coarsenings[@]} -eq 0 ] && coarsenings=(4 2 1)
for c in "${coarsenings[@]}"; do
  for scheme in voxel sub-voxel; do
    name=c$c-$scheme
    [ -e "$OUT/$name.json" ] && "$PY" -c "import json,sys; sys.exit(0 if json.load(open('$OUT/$name.json'))['metrics']['complete'] else 1)" && continue
    extra=()
    [ $scheme = sub-voxel ] && extra+=(--sub-voxel-surface)
    [ -e "$OUT/$name.checkpoint.h5" ] && extra+=(--restart "$OUT/$name.checkpoint.h5")
    $BIN/discharge "$OUT/win64.h5" --coarsen "$c" --threads 1 -o "$OUT/$name.h5" --json "$OUT/$name.json" \
      --checkpoint-every 10 "${extra[@]}" 2> "$OUT/$name.log" || true
  done
done
"$PY" tests/bench/plot_resolution.py "$OUT" docs/img/discharge-resolution.png
