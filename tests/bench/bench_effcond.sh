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
for solver in mg petsc-mg jacobi petsc-hypre; do
  echo "$solver:"; t $BIN/effcond "$OUT/struct-small.h5" --phase se --solver $solver --rtol 1e-8 --log-level warn --max-iterations 20000 | grep -E "iterations|solve time"
done
echo "-- strong scaling with mpirun -n 1, 2: petsc-mg (the default under mpirun) and BoomerAMG"
for s in small paper; do
  for solver in petsc-mg petsc-hypre; do
    [ "$s-$solver" = paper-petsc-hypre ] && continue
    for n in 1 2; do
      echo "$s, $solver, mpirun -n $n:"
      t mpirun --allow-run-as-root --oversubscribe -n $n $BIN/effcond "$OUT/struct-$s.h5" --solver $solver --log-level warn | grep -E "sigma_eff /|iterations|solve time"
    done
  done
done
echo "-- dry run at the paper size (sizes, percolation, memory estimate)"
t $BIN/effcond "$OUT/struct-paper.h5" --dry-run --log-level warn | grep -E "memory estimate"
echo "-- against TauFactor 2 (CPU, 2 threads)"
if $PY -c "import taufactor" 2> /dev/null; then
  $PY tests/bench/bench_effcond.py "$OUT/struct-small.h5" --blobs 192
else
  echo "  skipped: taufactor is not installed (scripts/install-deps --bench installs it)"
fi
