#!/usr/bin/env bash
# effcond of this tree against effcond of another commit, side by side in
# one run (alternating, three rounds): wall time and peak memory of both
# phases of the paper-size structure, and of one phase along each axis of a
# 500^3 volume (bounded sides, as TauFactor's standard runs), with the
# ratios. The reference is built from a git worktree of that commit.
#
#   tests/bench/compare_effcond.sh 987ef7a     # the commit before the numerics core
set -euo pipefail
cd "$(dirname "$0")/../.."
REF=${1:?usage: compare_effcond.sh COMMIT}
OUT=tests/bench/out
mkdir -p "$OUT"
PY=/usr/bin/python3
[ -x .venv/bin/python ] && PY=.venv/bin/python
WT="$OUT/ref-$REF"
if [ ! -x "$WT/build/release/bin/effcond" ]; then
  [ -d "$WT" ] || git worktree add --detach "$WT" "$REF" > /dev/null
  (cd "$WT" && cmake --preset release > /dev/null && cmake --build --preset release --target effcond > /dev/null)
fi
OLD="$WT/build/release/bin/effcond" NEW=build/release/bin/effcond
[ -f "$OUT/struct-paper.h5" ] || tests/bench/bench_structure.sh > /dev/null
[ -f "$OUT/cube500.h5" ] || "$PY" tests/bench/make_cube.py "$OUT/cube500.h5"
# The previous release called bounded sides "insulated"; both read that word.
run() {  # label binary args...
  local label=$1 bin=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$OUT/compare-time.txt" "$bin" "$@" --log-level warn --json "$OUT/compare.json" > /dev/null 2>&1
  read -r secs kb < "$OUT/compare-time.txt"
  echo "$label $secs $kb $("$PY" - "$OUT/compare.json" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1]))["metrics"]
print(" ".join("%.6f/%d" % (m[p]["tortuosity_factor"], m[p]["iterations"]) for p in ("se", "cam") if p in m))
PYEOF
)"
}
{
  for round in 1 2 3; do
    run "paper-old" "$OLD" "$OUT/struct-paper.h5"
    run "paper-new" "$NEW" "$OUT/struct-paper.h5"
    for axis in x y z; do
      run "cube-$axis-old" "$OLD" "$OUT/cube500.h5" --phase se --axis $axis --sides insulated
      run "cube-$axis-new" "$NEW" "$OUT/cube500.h5" --phase se --axis $axis --sides insulated
    done
  done
} | tee "$OUT/compare-effcond.txt"
"$PY" - "$OUT/compare-effcond.txt" <<'PYEOF'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label, secs, kb, *tau = line.split()
    rows[label].append((float(secs), int(kb), " ".join(tau)))
print(f"{'case':10s} {'old s (median, runs)':>30s} {'new s (median, runs)':>30s} {'new/old':>8s} {'peak GiB old/new':>18s}  tau^2/iterations old | new")
for case in ["paper", "cube-x", "cube-y", "cube-z"]:
    o, n = rows[case + "-old"], rows[case + "-new"]
    mo, mn = statistics.median(r[0] for r in o), statistics.median(r[0] for r in n)
    runs = lambda rs: ", ".join(f"{r[0]:.1f}" for r in rs)
    print(f"{case:10s} {mo:7.2f} ({runs(o):>20s}) {mn:7.2f} ({runs(n):>20s}) {mn / mo:8.3f} "
          f"{max(r[1] for r in o) / 2**20:8.2f} / {max(r[1] for r in n) / 2**20:5.2f}  {o[0][2]} | {n[0][2]}")
PYEOF
