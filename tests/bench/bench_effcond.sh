#!/usr/bin/env bash
# effcond timings: both phases at the paper size and at the electrochemistry
# resolution, the solvers side by side, strong scaling with mpirun -n 1, 2,
# and the comparison with TauFactor 2. Run by tests/bench/run-all.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/release/bin
OUT=tests/bench/out
PY=.venv/bin/python
t() { /usr/bin/time -f "  %e s wall, %M KB peak" "$@"; }

echo "-- both phases, multigrid-CG, default rtol 1e-6, periodic sides"
for s in small paper; do
  echo "$s ($OUT/struct-$s.h5):"
  t $BIN/effcond "$OUT/struct-$s.h5" --log-level warn --json "$OUT/effcond-$s.json" | grep -E "^(se|cam)|sigma_eff /|tau\^2|iterations|solve time"
done
echo "-- the same, rtol 1e-10 (flux balance below 1e-6)"
for s in small paper; do
  echo "$s:"; t $BIN/effcond "$OUT/struct-$s.h5" --log-level warn --rtol 1e-10 | grep -E "tau\^2|imbalance|solve time"
done
echo "-- solvers side by side, SE of the small structure, rtol 1e-8"
for solver in mg jacobi petsc-hypre; do
  echo "$solver:"; t $BIN/effcond "$OUT/struct-small.h5" --phase se --solver $solver --log-level warn --max-iterations 20000 | grep -E "iterations|solve time"
done
echo "-- strong scaling, petsc-hypre, both phases of the small structure"
for n in 1 2; do
  echo "mpirun -n $n:"; t mpirun --allow-run-as-root --oversubscribe -n $n $BIN/effcond "$OUT/struct-small.h5" --solver petsc-hypre --log-level warn | grep -E "sigma_eff /|solve time"
done
echo "-- against TauFactor 2 (CPU, 2 threads)"
$PY tests/bench/bench_effcond.py "$OUT/struct-small.h5" --blobs 192
