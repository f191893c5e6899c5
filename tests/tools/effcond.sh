#!/usr/bin/env bash
# effcond as a user runs it: exact answers on hand-made structures through
# the command line, JSON null for a phase without a path, GB resistance
# needing material ids, dry runs, and bad input.
source "$(dirname "$0")/lib/common.sh"

"$PY" - <<'PYEOF'
import h5py, numpy as np
def write(name, phase, mat=None):
    with h5py.File(name, "w") as f:
        f.attrs["format"] = "ssbvox"; f.attrs["format_version"] = np.int32(1)
        f.create_dataset("phase", data=phase.astype(np.uint8)).attrs["voxel_size_m"] = 1e-7
        if mat is not None:
            f.create_dataset("material_id", data=mat.astype(np.uint8))
# SE in x < 6, CAM in x >= 6: both phases straight through along z.
p = np.ones((20, 8, 10), np.uint8); p[:, :, 6:] = 2
m = np.where(p == 1, 1 + np.arange(20)[:, None, None] // 5, 0) * np.ones_like(p)
write("layers.h5", p, m)
q = np.full((10, 6, 6), 2, np.uint8); q[:9, 3, 3] = 1     # an SE dead end
write("deadend.h5", q)
write("seonly.h5", np.ones((6, 4, 4), np.uint8))
write("tiny.h5", np.ones((3, 1, 1), np.uint8))
PYEOF

effcond layers.h5 --json l.json --log-level warn > table.txt
"$PY" - <<'PYEOF' && pass "straight layers: tau = 1, sigma_eff = eps sigma for both phases" || fail "layers: $(cat table.txt)"
import json
r = json.load(open("l.json"))["metrics"]
assert abs(r["se"]["tortuosity"] - 1) < 1e-6 and abs(r["cam"]["tortuosity"] - 1) < 1e-6
assert abs(r["se"]["sigma_eff_S_per_cm"] - 0.6 * 7.69e-4) < 1e-6 * 7.69e-4
assert abs(r["cam"]["sigma_eff_S_per_cm"] - 0.4 * 4.47) < 1e-6 * 4.47
assert r["se"]["relative_flux_imbalance"] < 1e-6
PYEOF

# Four grains in series along z with R_GB = RT/(F i0): R_total = bulk + 3 R_GB.
effcond layers.h5 --phase se --gb-i0 7e-3 --json g.json --log-level warn > /dev/null
"$PY" - <<'PYEOF' && pass "--gb-i0: grains in series add 3 R_GB (R_GB = RT/(F i0))" || fail "GB series"
import json, math
r = json.load(open("g.json"))["metrics"]
rgb = 8.314462618 * 298.15 / (96485.33212 * 7e-3)   # ohm cm^2
L = 20 * 1e-5                                        # cm
asr = L / 7.69e-4 + 3 * rgb                          # ohm cm^2 of the SE columns
assert abs(r["gb_resistance_ohm_cm2"] - rgb) < 1e-12
assert abs(r["se"]["sigma_eff_S_per_cm"] - 0.6 * L / asr) < 1e-5 * 0.6 * L / asr  # float conductances, r["se"]["sigma_eff_S_per_cm"]
PYEOF

# The calibration factor K: every GB face resists K R_GB.
effcond layers.h5 --phase se --gb-i0 7e-3 --gb-resistance-factor 10 --rtol 1e-12 --json gk.json --log-level warn > /dev/null
"$PY" - <<'PYEOF' && pass "--gb-resistance-factor 10: grains in series add 30 R_GB" || fail "GB factor"
import json
r = json.load(open("gk.json"))["metrics"]
rgb = 8.314462618 * 298.15 / (96485.33212 * 7e-3)
L = 20 * 1e-5
asr = L / 7.69e-4 + 3 * 10 * rgb
assert r["gb_resistance_factor"] == 10
assert abs(r["se"]["sigma_eff_S_per_cm"] - 0.6 * L / asr) < 1e-5 * 0.6 * L / asr, r["se"]["sigma_eff_S_per_cm"]
PYEOF

effcond deadend.h5 --phase se --json d.json --log-level warn > /dev/null
"$PY" -c 'import json; r = json.load(open("d.json"))["metrics"]["se"]; assert r["tortuosity"] is None and r["sigma_eff_S_per_cm"] == 0 and r["iterations"] == 0 and "reason" in r' \
  && pass "a dead end: sigma_eff 0, tau null with a reason, no solve" || fail "dead end"

effcond layers.h5 --dry-run > dry.txt
grep -q "unknowns" dry.txt && grep -q "memory estimate" dry.txt && pass "--dry-run prints sizes and memory" || fail "dry run: $(cat dry.txt)"

effcond layers.h5 --phase cam --axis x --sides bounded --json x.json --log-level warn > /dev/null
"$PY" -c 'import json; r = json.load(open("x.json"))["metrics"]["cam"]; assert r["tortuosity"] is None' \
  && pass "--axis x: CAM in x >= 6 does not reach x = 0 with insulated sides" || fail "axis x"

effcond layers.h5 -o fields.h5 --log-level warn > /dev/null
"$PY" - <<'PYEOF' && pass "-o stores potential and current density fields" || fail "fields"
import h5py, numpy as np
f = h5py.File("fields.h5")
phi = f["fields/effcond.potential_se_V"][()]
assert abs(phi[0, 0, 0] - (1 - 0.5 / 20)) < 1e-6 and abs(phi[-1, 0, 0] - 0.5 / 20) < 1e-6
j = f["fields/effcond.current_density_se_A_per_m2"][()]
assert np.allclose(j[:, :, :6], 7.69e-2 * 1 / (20 * 1e-7), rtol=1e-5)
PYEOF

# The same answer through PETSc on several processes (mpirun): the default
# under mpirun runs the same multigrid code with PETSc's KSP, so it also
# takes the same levels and iterations; the assembled BoomerAMG path agrees. The odd grid splits
# unevenly between processes: along z (2, 3), y and z (4), x and y (4,
# along x), across the periodic sides.
if command -v mpirun > /dev/null; then
  MPI="mpirun --allow-run-as-root --oversubscribe"
  genstruct --box 45x47x90 --crop 45x47x71 --log-level warn -o - | sinter - --density 0.9 -o s.h5 --log-level warn
  for sides in periodic bounded; do
    effcond s.h5 --sides $sides --rtol 1e-10 --json mg-$sides.json --log-level warn > /dev/null
    $MPI -n 2 "$SSB_BIN/effcond" s.h5 --sides $sides --rtol 1e-10 --json mpi2-$sides.json --log-level warn > /dev/null
    $MPI -n 3 "$SSB_BIN/effcond" s.h5 --sides $sides --rtol 1e-10 --json mpi3-$sides.json --log-level warn > /dev/null
    $MPI -n 4 "$SSB_BIN/effcond" s.h5 --sides $sides --rtol 1e-10 --json mpi4-$sides.json --log-level warn > /dev/null
  done
  rc=0; $MPI -n 2 "$SSB_BIN/effcond" - < s.h5 > /dev/null 2> stdin.txt || rc=$?
  [ "$rc" -eq 2 ] && [ "$(grep -c '^effcond: error: stdin: under mpirun' stdin.txt)" -eq 1 ] \
    && pass "stdin under mpirun: exit 2, one line" || fail "stdin under mpirun: exit $rc, $(head -3 stdin.txt)"
  # Fields written under mpirun: the potential gathered from the processes.
  effcond s.h5 --phase se --rtol 1e-10 -o f1.h5 --log-level warn > /dev/null
  $MPI -n 3 "$SSB_BIN/effcond" s.h5 --phase se --rtol 1e-10 -o f3.h5 --log-level warn > /dev/null
  "$PY" - <<'PYEOF' && pass "mpirun -n 3 -o writes the serial run's potential field" || fail "fields under mpirun"
import h5py, numpy as np
a = h5py.File("f1.h5")["fields/effcond.potential_se_V"][()]
b = h5py.File("f3.h5")["fields/effcond.potential_se_V"][()]
assert a.shape == b.shape and np.abs(a - b).max() < 1e-6, np.abs(a - b).max()
PYEOF
  # Along x the solve grid is 71 x 47 x 45: 4 processes split x and y.
  effcond s.h5 --axis x --rtol 1e-10 --json mg-x.json --log-level warn > /dev/null
  $MPI -n 4 "$SSB_BIN/effcond" s.h5 --axis x --rtol 1e-10 --json mpi4-x.json --log-level warn > /dev/null
  $MPI -n 2 "$SSB_BIN/effcond" s.h5 --rtol 1e-10 --solver petsc-hypre --json hypre.json --log-level warn > /dev/null
  "$PY" - <<'PYEOF' && pass "mpirun -n 2, 3, 4 (petsc-mg, periodic and bounded sides) and petsc-hypre give the multigrid's answer" || fail "mpirun answer"
import json
m = lambda f: json.load(open(f))["metrics"]
def same(a, b, iterations):
    for p in ["se", "cam"]:
        x, y = a[p]["sigma_eff_S_per_cm"], b[p]["sigma_eff_S_per_cm"]
        assert abs(x - y) <= 1e-6 * abs(x), (p, x, y)
        if iterations:
            assert a[p]["iterations"] == b[p]["iterations"] and a[p]["multigrid_levels"] == b[p]["multigrid_levels"], (p, a[p], b[p])
for sides in ["periodic", "bounded"]:
    for n in [2, 3, 4]:
        b = m(f"mpi{n}-{sides}.json")
        assert b["processes"] == n
        same(m(f"mg-{sides}.json"), b, True)
same(m("mg-x.json"), m("mpi4-x.json"), True)
same(m("mg-periodic.json"), m("hypre.json"), False)
PYEOF
  expect_exit 2 "jacobi under mpirun" -- env OMPI_COMM_WORLD_SIZE=2 "$SSB_BIN/effcond" s.h5 --solver jacobi
  # A failure on every process: the first one says so, once.
  rc=0; $MPI -n 2 "$SSB_BIN/effcond" s.h5 --petsc-options "-ksp_type nonsense" > /dev/null 2> all.txt || rc=$?
  [ "$rc" -eq 1 ] && [ "$(grep -c '^effcond: failed: PETSc' all.txt)" -eq 1 ] \
    && pass "a failure on every process: exit 1, one line" || fail "failure on all processes: exit $rc, $(head -3 all.txt)"
  # A failure on the first process only (its output folder is missing; only
  # it writes): it says so and stops the others, which would wait for it.
  rc=0; $MPI -n 2 "$SSB_BIN/effcond" s.h5 -o /nonexistent/x.h5 > /dev/null 2> one.txt || rc=$?
  [ "$rc" -eq 2 ] && [ "$(grep -c '^effcond: error: /nonexistent/x.h5' one.txt)" -eq 1 ] \
    && pass "a failure on one process of two: exit 2, one line, no hang" || fail "failure on one process: exit $rc, $(head -3 one.txt)"
  # mpirun adds its own report; effcond's processes print one line between them.
  rc=0; $MPI -n 4 "$SSB_BIN/effcond" tiny.h5 --phase se > /dev/null 2> split.txt || rc=$?
  [ "$rc" -eq 2 ] && [ "$(grep -c '^effcond: error: .*cannot be split among 4 processes' split.txt)" -eq 1 ] \
    && ! grep -q "PETSC ERROR" split.txt \
    && pass "more processes than the grid can take: exit 2, one line" || fail "split: exit $rc, $(head -3 split.txt)"
  # Options PETSc reads only when it starts (-log_view) work too.
  effcond s.h5 --phase se --solver petsc-mg --petsc-options "-log_view" --log-level warn > logview.txt 2>&1 \
    && grep -q "^KSPSolve " logview.txt && ! grep -q "PETSC ERROR" logview.txt \
    && pass "--petsc-options -log_view prints PETSc's profile" || fail "-log_view: $(head -3 logview.txt)"
fi

effcond layers.h5 --phase cam --axis x --sides insulated --json xi.json --log-level warn 2> insulated.txt > /dev/null
cmp -s <("$PY" -c 'import json; print(json.load(open("x.json"))["metrics"]["cam"])') \
       <("$PY" -c 'import json; print(json.load(open("xi.json"))["metrics"]["cam"])') \
  && grep -q "warning: --sides insulated" insulated.txt \
  && pass "--sides insulated (the previous release's word) is --sides bounded, with a warning" || fail "--sides insulated alias"
effcond layers.h5 --phase se --cam nmc811 --json nmc.json --log-level warn > /dev/null
effcond layers.h5 --phase cam --cam nmc811 --json nmc.json --log-level warn > /dev/null
"$PY" -c 'import json; r = json.load(open("nmc.json"))["metrics"]; assert r["cam"]["bulk_conductivity_S_per_cm"] == 8.83e-3 and r["materials"]["cam"] == "NMC811"' \
  && pass "--cam nmc811: the CAM conductivity from data/materials/nmc811.json" || fail "--cam nmc811"
expect_exit 2 "--cam of the wrong kind" -- effcond layers.h5 --cam llzo
expect_exit 2 "--cam unknown" -- effcond layers.h5 --cam unobtainium
expect_exit 2 "--gb-i0 without /material_id" -- effcond deadend.h5 --gb-i0 7e-3
expect_exit 2 "--gb-i0 with --gb-resistance" -- effcond layers.h5 --gb-i0 7e-3 --gb-resistance 3.7
expect_exit 2 "--gb-resistance-factor 0" -- effcond layers.h5 --gb-i0 7e-3 --gb-resistance-factor 0
expect_exit 2 "negative conductivity" -- effcond layers.h5 --bulk-conductivity-se -1
expect_exit 2 "unknown phase" -- effcond layers.h5 --phase pore
expect_exit 2 "a file without the requested phase" -- effcond seonly.h5 --phase cam
expect_exit 2 "a file without one of both phases" -- effcond seonly.h5
effcond seonly.h5 --phase se --json s.json --log-level warn > /dev/null && "$PY" -c "
import json; assert abs(json.load(open('s.json'))['metrics']['se']['tortuosity'] - 1) < 1e-5" \
  && pass "--phase se on an SE block: tau = 1" || fail "SE block"
expect_exit 1 "solver stopped short of its tolerance" -- effcond layers.h5 --phase se --gb-i0 7e-3 --max-iterations 1 --rtol 1e-14
finish
