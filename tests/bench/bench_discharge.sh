#!/usr/bin/env bash
# Benchmark of discharge at the reference study's scale: the paper-size
# baseline (LCO, SVF 0.5, rho_S 0.931, 250 x 250 x 500 voxels of 100 nm,
# cleaned and segmented), no GBs, 1 mA/cm^2 to 3.4 V, 25 um separator, on
# this machine's cores. One row per scale: cells, unknowns, time steps
# (rejected), Newton and linear iterations per step, wall time, cores,
# peak memory against --dry-run's estimate, capacity.
#
#   [NP=2] tests/bench/bench_discharge.sh [quick|paper|both|structure] [TIME_LIMIT_S]
#
# quick: the cathode at 400 nm (--coarsen 4); paper: at 200 nm (--coarsen 2,
# the study's). A run past TIME_LIMIT_S (default 3600) is stopped with
# SIGINT: discharge then writes its partial curve, and the row says how far
# it got. Run by hand (not by tests/bench/run-all: the paper scale takes hours).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/release/bin
OUT=tests/bench/out/discharge
mkdir -p "$OUT"
which=${1:-quick}
limit=${2:-3600}
np=${NP:-1}  # MPI processes (NP=2: mpirun -n 2, the cores split between them as threads)
PY=/usr/bin/python3
[ -x .venv/bin/python ] && PY=.venv/bin/python

if [ ! -e "$OUT/baseline.h5" ]; then
  $BIN/genstruct --svf-cam 0.5 --d-cam 2.0 --d-se 1.41 --box 250x250x667 --crop 250x250x500 -o - --log-level warn \
    | $BIN/sinter - --density 0.931 --svf-cam 0.5 -o "$OUT/sintered.h5" --log-level warn
  $BIN/segment "$OUT/sintered.h5" -o "$OUT/segmented.h5" --log-level warn
  $BIN/geomstats "$OUT/segmented.h5" --clean -o "$OUT/baseline.h5" --log-level warn > /dev/null
fi

scale() {  # label, coarsening factor
  local label=$1 factor=$2 launch=()
  if [ "$np" -gt 1 ]; then
    label=$label-np$np
    launch=(mpirun --allow-run-as-root --oversubscribe -n "$np")
  fi
  "${launch[@]}" $BIN/discharge "$OUT/baseline.h5" --coarsen "$factor" -o "$OUT/cell-$label.h5" --dry-run \
    --json "$OUT/dry-$label.json" --log-level error
  /usr/bin/time -f "%e %M" -o "$OUT/time-$label.txt" timeout -s INT "$limit" \
    "${launch[@]}" $BIN/discharge "$OUT/baseline.h5" --coarsen "$factor" -o "$OUT/cell-$label.h5" --json "$OUT/run-$label.json" \
    --threads $(( $(nproc) / np )) 2> "$OUT/log-$label.txt" || true
  "$PY" - "$label" "$OUT" "$(nproc)" <<'PYEOF'
import json, sys
label, out, cores = sys.argv[1:4]
dry = json.load(open(f"{out}/dry-{label}.json"))["metrics"]
m = json.load(open(f"{out}/run-{label}.json"))["metrics"]
secs, kb = open(f"{out}/time-{label}.txt").read().split()[-2:]
steps = max(m["steps"], 1)
print(f"| {label} | {m['cell']['voxel_size_um']:.1f} um | {dry['cells']/1e6:.2f} M | {dry['unknowns']/1e6:.2f} M | "
      f"{m['steps']} ({m['rejected_steps']}) | {m['newton_iterations']/steps:.1f} | "
      f"{m['linear_iterations']/max(m['newton_iterations'], 1):.1f} | {float(secs):.0f} s | {cores} | "
      f"{m['peak_memory_MiB']/1024:.2f} GiB per process (est. {dry['memory_per_process_GiB']:.2f}) | "
      f"{m['capacity_mAh_per_g']:.2f} mAh/g{'' if m['complete'] else ' (stopped at t = %.0f s, %.4f V)' % (m['end_time_s'], m['final_voltage_V'])} |")
PYEOF
}

if [ "$which" != structure ]; then
  echo "| scale | voxel | cells | unknowns | steps (rejected) | Newton per step | linear per Newton | wall | cores | peak memory | capacity |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
fi
case $which in
  quick) scale quick 4 ;;
  paper) scale paper 2 ;;
  both) scale quick 4; scale paper 2 ;;
  structure) ;;  # only the baseline structure (for bench_resolution.sh)
  *) echo "usage: bench_discharge.sh [quick|paper|both] [TIME_LIMIT_S]" >&2; exit 2 ;;
esac
