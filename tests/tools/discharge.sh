#!/usr/bin/env bash
# discharge as a user runs it: a 1D slab cell against the independent
# reference of tests/validation/slab_reference.py (the capacity converges
# as the voxels shrink), the outputs, cells without an ionic path, an
# interrupted and a failing run (partial curves), and bad input.
source "$(dirname "$0")/lib/common.sh"

"$PY" - <<'PYEOF'
import h5py, numpy as np
def write(name, phase, h, mat=None):
    with h5py.File(name, "w") as f:
        f.attrs["format"] = "ssbvox"; f.attrs["format_version"] = np.int32(1)
        f.create_dataset("phase", data=phase.astype(np.uint8)).attrs["voxel_size_m"] = h
        if mat is not None:
            f.create_dataset("material_id", data=mat.astype(np.uint8))
# A dense CAM slab 1 um thick at 4 to 32 voxels across.
for n in (2, 4, 8, 16, 32):
    write(f"slab{n}.h5", np.full((n, 1, 1), 2), 1e-6 / n)
# Half the CAM ionically cut off: two slabs of CAM between pore walls
# (x = 2 and 5, the sides periodic), the first behind a pore layer (no SE
# touches it), the second against the separator.
p = np.full((6, 2, 6), 2); p[:, :, 2] = 0; p[:, :, 5] = 0; p[0, :, :2] = 0
write("halfcut.h5", p, 2e-7)
# No ionic path at all: a pore layer between the separator and SE + CAM.
q = np.full((6, 2, 4), 2); q[0] = 0; q[1:, :, 0] = 1
write("cutoff_se.h5", q, 2e-7)
write("nocam.h5", np.ones((4, 2, 2)), 2e-7)
# A random cathode for the interrupted and failing runs.
rng = np.random.default_rng(3)
r = rng.choice([1, 2], size=(16, 12, 12), p=[0.5, 0.5]); r[-1] = 2
write("random.h5", r, 2e-7, np.where(r == 1, 1 + rng.integers(0, 3, r.shape), 0))
r2 = rng.choice([1, 2], size=(8, 4, 6), p=[0.5, 0.5]); r2[-1] = 2
write("small_gb.h5", r2, 2e-7, np.where(r2 == 1, 1 + rng.integers(0, 3, r2.shape), 0))
open("bad_material.json", "w").write('{"name": "X", "kind": "active_material", "density_g_per_cm3": 5}')
PYEOF

# The slab against the reference (1000 cells): the capacity converges
# from above (the first voxel's Li fraction stands for the surface's).
"$PY" "$SSB_SOURCE_DIR/tests/validation/slab_reference.py" --thickness-um 1 --separator-um 1 \
  --current-mA-cm2 0.05 --cells 1000 > reference.json
for n in 4 8 16 32; do
  discharge slab$n.h5 --coarsen 1 --separator-um 1 --current-mA-cm2 0.05 --step-tolerance 2e-4 -o slab$n-out.h5 \
    --json slab$n.json --log-level warn
done
"$PY" - <<'PYEOF' && pass "1D slab: capacity converges to the reference at order ~1" || fail "1D slab convergence"
import json, math
ref = json.load(open("reference.json"))
errors = []
for n in (4, 8, 16, 32):
    m = json.load(open(f"slab{n}.json"))["metrics"]
    assert m["complete"] and m["li_balance_error"] < 1e-6, m
    assert abs(m["initial_voltage_V"] - ref["initial_voltage_V"]) < 1e-8, (m["initial_voltage_V"], ref)
    errors.append((m["capacity_mAh_per_cm2"] - ref["capacity_mAh_per_cm2"]) / ref["capacity_mAh_per_cm2"])
orders = [math.log2(errors[k] / errors[k + 1]) for k in range(3)]
print("relative capacity errors at 4, 8, 16, 32 voxels:", ["%.4f" % e for e in errors],
      "observed orders:", ["%.2f" % o for o in orders])
assert all(e > 0 for e in errors) and errors[-1] < 0.02
assert all(0.8 < o < 1.5 for o in orders)
PYEOF

# The sub-voxel surface (the surface's Li fraction extrapolated with the
# face's flux): within 1 % of the reference from 2 voxels across, and at
# least ten times closer than the voxel scheme at 4 to 16.
for n in 2 4 8 16; do
  discharge slab$n.h5 --coarsen 1 --separator-um 1 --current-mA-cm2 0.05 --step-tolerance 2e-4 -o slab$n-sv.h5 \
    --json slab$n-sv.json --log-level warn --sub-voxel-surface
done
"$PY" - <<'PYEOF' && pass "1D slab: the sub-voxel surface within 1 % from 2 voxels, 10x closer than the voxel scheme" || fail "1D slab, sub-voxel surface"
import json
ref = json.load(open("reference.json"))["capacity_mAh_per_cm2"]
err = lambda name: (json.load(open(name))["metrics"]["capacity_mAh_per_cm2"] - ref) / ref
sub = {n: err(f"slab{n}-sv.json") for n in (2, 4, 8, 16)}
print("sub-voxel surface, relative capacity errors at 2, 4, 8, 16 voxels:", ["%.5f" % sub[n] for n in sub])
for n in (2, 4, 8, 16):
    m = json.load(open(f"slab{n}-sv.json"))["metrics"]
    assert m["complete"] and m["li_balance_error"] < 1e-6 and m["surface_model"] == "sub-voxel", m
    assert abs(sub[n]) < 0.01, (n, sub[n])
for n in (4, 8, 16):
    assert abs(sub[n]) < 0.1 * err(f"slab{n}.json"), (n, sub[n])
PYEOF

# What the output holds: the curve, the final Li fraction, the figures.
"$PY" - <<'PYEOF' && pass "outputs: /series, /fields/li_fraction, /metrics consistent" || fail "outputs"
import h5py, json, numpy as np
f = h5py.File("slab8-out.h5")
m = json.load(open("slab8.json"))["metrics"]
t, v = f["series/time_s"][()], f["series/voltage_V"][()]
cap, grav = f["series/capacity_mAh_per_cm2"][()], f["series/capacity_mAh_per_g"][()]
assert t[0] == 0 and np.all(np.diff(t) > 0) and abs(v[-1] - 3.4) < 1e-5
assert abs(cap[-1] - m["capacity_mAh_per_cm2"]) < 1e-12 and np.allclose(cap, 0.5 * t / 3.6 / 1e4, rtol=1e-12)
# mAh/g from the CAM mass: 1 um of LCO at 5.051 g/cm^3 per cm^2.
assert abs(grav[-1] - cap[-1] / (1e-4 * 5.051)) < 1e-9 * grav[-1], (grav[-1], cap[-1])
x = f["fields/li_fraction"][()]
ph = f["phase"][()]
assert x.shape == ph.shape and np.all(x[ph != 2] == 0)
# The Li taken up equals the charge passed: sum of (x - x0) over the slab.
x0 = 0.027058 / 0.051555
gained = (x[ph == 2] - x0).sum() * 1e-6 / 8 * 0.051555e6 * 96485.33212   # C/m^2
assert abs(gained - 0.5 * m["end_time_s"]) < 1e-6 * 0.5 * t[-1], (gained, 0.5 * m["end_time_s"])
assert m["max_li_fraction"] <= 1 + 1e-6 and m["steps"] > 0 and m["newton_iterations"] > 0
PYEOF

# CAM that no SE reaches keeps its Li fraction; a cell with no ionic path
# at all stops at once with capacity 0 (exit 0).
discharge halfcut.h5 --coarsen 1 --separator-um 0.4 -o halfcut-out.h5 --log-level warn
"$PY" - <<'PYEOF' && pass "ionically cut-off CAM takes no Li" || fail "cut-off CAM"
import h5py, numpy as np
f = h5py.File("halfcut-out.h5"); x = f["fields/li_fraction"][()]; x0 = 0.027058 / 0.051555
cut, open_ = x[3:, :, :2], x[2:, :, 3:5]   # behind the separator (2 slices) and the pore layer
assert np.allclose(cut, x0, atol=1e-12), cut
assert open_.max() > 0.99 and open_.mean() > x0 + 0.01   # the open slab took Li (its surface saturated)
PYEOF
rc=0; discharge cutoff_se.h5 --coarsen 1 --separator-um 0.4 -o cut-out.h5 --json cut.json 2> cut.txt > /dev/null || rc=$?
[ "$rc" -eq 0 ] && grep -q "no ionic path" cut.txt && "$PY" -c "
import json; m = json.load(open('cut.json'))['metrics']; assert m['capacity_mAh_per_cm2'] == 0 and m['complete']" \
  && pass "no ionic path: capacity 0, exit 0, said so" || fail "no ionic path: exit $rc, $(cat cut.txt)"

# Interrupted (SIGINT) and failing (Newton allowed one iteration) runs:
# exit 1, the partial curve written and marked incomplete.
rc=0; timeout --preserve-status -s INT 3 discharge random.h5 --coarsen 1 --separator-um 1 -o int.h5 --json int.json \
  --checkpoint-every 1000 2> int.txt > /dev/null || rc=$?
[ "$rc" -eq 1 ] && [ -f int.h5 ] && "$PY" -c "
import json, h5py, os; m = json.load(open('int.json'))['metrics']; assert not m['complete'] and 'interrupted' in m['status']
assert len(h5py.File('int.h5')['series/time_s']) >= 1
# With --checkpoint-every, Ctrl-C saves the state (once a step was taken).
assert os.path.exists('int.checkpoint.h5') == (m['steps'] > 0), m['steps']" && pass "Ctrl-C: exit 1, partial curve and checkpoint written" \
  || fail "Ctrl-C: exit $rc, $(tail -2 int.txt)"
# Checkpoint and restart: a run saving its state after every step is
# stopped after 8 steps (PETSc's -ts_max_steps: no timing involved);
# --restart continues it to the cut-off. The curve up to the checkpoint is
# the uninterrupted run's, bit for bit; after it the steps differ (PETSc's
# step history is not saved), within the step tolerance.
discharge random.h5 --coarsen 1 --separator-um 1 -o whole.h5 --json whole.json --log-level warn
# The end extrapolated (the default, 1e-4) against stepping onto the
# crossing: the capacity within half the fraction, in fewer steps.
discharge random.h5 --coarsen 1 --separator-um 1 -o landed.h5 --json landed.json --log-level warn --end-extrapolation 0
"$PY" - <<'PYEOF' && pass "the end extrapolated: capacity within 5e-5 of stepping onto the cut-off, fewer steps" || fail "end extrapolation"
import json
a, b = (json.load(open(n))["metrics"] for n in ("whole.json", "landed.json"))
rel = abs(a["capacity_mAh_per_cm2"] - b["capacity_mAh_per_cm2"]) / b["capacity_mAh_per_cm2"]
print("end extrapolated: %d steps (%s), landed: %d steps; capacity differs by %.1e" % (a["steps"], a["status"], b["steps"], rel))
assert a["complete"] and b["complete"] and "extrapolated" in a["status"] and "extrapolated" not in b["status"]
assert rel < 5e-5 and a["steps"] < b["steps"] and a["li_balance_error"] < 1e-6
PYEOF
rc=0; discharge random.h5 --coarsen 1 --separator-um 1 -o cut.h5 --json cutrun.json --checkpoint-every 1e-9 \
  --petsc-options "-ts_max_steps 8" 2> ck.txt > /dev/null || rc=$?
[ "$rc" -eq 1 ] && [ -f cut.checkpoint.h5 ] && [ -z "$(ls -A | grep -i tmp || true)" ] \
  && discharge random.h5 --coarsen 1 --separator-um 1 -o resumed.h5 --json resumed.json --restart cut.checkpoint.h5 \
       --log-level warn && "$PY" - <<'PYEOF' && pass "checkpoint every step, --restart: same curve to the checkpoint, capacity within 1e-3" \
  || fail "checkpoint and restart: exit $rc, $(tail -2 ck.txt)"
import json, h5py, numpy as np
whole, resumed, cut = (json.load(open(n))["metrics"] for n in ("whole.json", "resumed.json", "cutrun.json"))
assert resumed["complete"] and not cut["complete"] and resumed["li_balance_error"] < 1e-6, resumed
assert cut["steps"] == 8, cut
rel = abs(resumed["capacity_mAh_per_cm2"] - whole["capacity_mAh_per_cm2"]) / whole["capacity_mAh_per_cm2"]
print("restarted at t = %.1f s of %.1f s: capacity differs by %.1e" % (cut["end_time_s"], whole["end_time_s"], rel))
assert rel < 1e-3, rel
tw, vw = h5py.File("whole.h5")["series/time_s"][()], h5py.File("whole.h5")["series/voltage_V"][()]
tr, vr = h5py.File("resumed.h5")["series/time_s"][()], h5py.File("resumed.h5")["series/voltage_V"][()]
k = int(np.searchsorted(tr, cut["end_time_s"], side="right"))
assert k == 9 and np.array_equal(tr[:k], tw[:k]) and np.array_equal(vr[:k], vw[:k]), (k, tr[:k], tw[:k])
assert resumed["steps"] > cut["steps"]
PYEOF
expect_exit 2 "restart with another current (exit 2)" -- discharge random.h5 --coarsen 1 --separator-um 1 -o r2.h5 \
  --restart cut.checkpoint.h5 --current-mA-cm2 2
grep -q "current_A_per_m2" "$WORK/err.txt" || fail "restart with another current: the key is not named"
expect_exit 2 "restart from a voxel file (exit 2)" -- discharge random.h5 --coarsen 1 --separator-um 1 -o r3.h5 --restart random.h5
head -c 5000 cut.checkpoint.h5 > trunc.checkpoint.h5
expect_exit 2 "restart from a truncated checkpoint (exit 2)" -- discharge random.h5 --coarsen 1 --separator-um 1 -o r4.h5 \
  --restart trunc.checkpoint.h5
[ ! -e r2.h5 ] && [ ! -e r3.h5 ] && [ ! -e r4.h5 ] && pass "refused restarts write nothing" || fail "a refused restart wrote output"
rc=0; discharge slab8.h5 --coarsen 1 --separator-um 1 -o fail.h5 --json fail.json --petsc-options "-snes_max_it 1" \
  2> fail.txt > /dev/null || rc=$?
[ "$rc" -eq 1 ] && [ -f fail.h5 ] && [ "$(grep -c ': failed: ' fail.txt)" -eq 1 ] && "$PY" -c "
import json; m = json.load(open('fail.json'))['metrics']; assert not m['complete']" \
  && pass "Newton failures: exit 1, partial curve marked incomplete" || fail "Newton failure: exit $rc, $(tail -2 fail.txt)"

# --dry-run: the unknowns (phi_e per SE voxel, psi and v per CAM voxel,
# and the cell voltage) counted on the cell a real run writes, and the
# memory estimate against the run's own peak (an upper bound within 3x).
"$SSB_BIN/discharge" small_gb.h5 --coarsen 1 --separator-um 0.4 -o dry.h5 --dry-run --json dry.json --log-level warn
[ ! -e dry.h5 ] && pass "--dry-run writes no cell" || fail "--dry-run wrote the cell"
"$SSB_BIN/discharge" small_gb.h5 --coarsen 1 --separator-um 0.4 -o real.h5 --json real.json --log-level warn
"$PY" - <<'PYEOF' && pass "--dry-run: unknowns as counted on the cell, memory above the measured peak" || fail "--dry-run"
import h5py, json, numpy as np
dry = json.load(open("dry.json"))["metrics"]; real = json.load(open("real.json"))["metrics"]
p = h5py.File("real.h5")["phase"][()]
unknowns = int((p == 1).sum() + 2 * (p == 2).sum() + 1)
assert dry["unknowns"] == unknowns, (dry["unknowns"], unknowns)
assert dry["cells"] == p.size, (dry["cells"], p.size)
est, peak = dry["memory_per_process_GiB"] * 1024, real["peak_memory_MiB"]
assert peak <= est <= 3 * peak, (est, peak)
PYEOF
# A graded separator: fewer slices, the same cell written, the capacity
# within 0.1 % of the separator in voxels; a box cut to the factor.
"$SSB_BIN/discharge" small_gb.h5 --coarsen 1 --separator-um 4 -o uniform.h5 --json uniform.json --separator-grading 1 --log-level warn
"$SSB_BIN/discharge" small_gb.h5 --coarsen 1 --separator-um 4 -o graded.h5 --json graded.json --separator-grading 1.5 --separator-fine-um 0.6 --log-level warn
"$PY" - <<'PYEOF' && pass "graded separator: same capacity (0.1 %), same cell written" || fail "graded separator"
import h5py, json
u = json.load(open("uniform.json"))["metrics"]; g = json.load(open("graded.json"))["metrics"]
assert g["cell"]["separator_slices_simulated"] < u["cell"]["separator_slices_simulated"] == 20, (g["cell"], u["cell"])
assert abs(g["capacity_mAh_per_g"] / u["capacity_mAh_per_g"] - 1) < 1e-3, (g["capacity_mAh_per_g"], u["capacity_mAh_per_g"])
assert h5py.File("graded.h5")["phase"].shape == h5py.File("uniform.h5")["phase"].shape
PYEOF
"$SSB_BIN/discharge" random.h5 --coarsen 3 --separator-um 1.2 -o cut.h5 --dry-run 2> cut.log
grep -q "is cut to 15x12x12" cut.log && pass "--coarsen 3 on 16 slices: cut to 15, said" || fail "no cut warning: $(cat cut.log)"

# Under mpirun the same discharge (grain boundaries, the cell split along
# z between the processes) gives the same capacity.
if command -v mpirun > /dev/null; then
  discharge small_gb.h5 --coarsen 1 --separator-um 0.4 --gb-i0 7e-3 -o gb1.h5 --json gb1.json --log-level warn
  mpirun --allow-run-as-root --oversubscribe -n 2 "$SSB_BIN/discharge" small_gb.h5 --coarsen 1 --separator-um 0.4 \
    --gb-i0 7e-3 -o gb2.h5 --json gb2.json --log-level warn
  "$PY" -c "
import json; a, b = (json.load(open(f))['metrics'] for f in ('gb1.json', 'gb2.json'))
assert a['complete'] and b['complete'] and a['cell']['gb_faces'] > 0
assert abs(a['capacity_mAh_per_cm2'] - b['capacity_mAh_per_cm2']) < 1e-6 * a['capacity_mAh_per_cm2'], (a, b)" \
    && pass "mpirun -n 2: the same capacity with grain boundaries" || fail "mpirun -n 2 discharge"
  # Checkpoints are whole cells: written by two processes, continued by one
  # and by two.
  mpirun --allow-run-as-root --oversubscribe -n 2 "$SSB_BIN/discharge" small_gb.h5 --coarsen 1 --separator-um 0.4 \
    --gb-i0 7e-3 -o gb2c.h5 --log-level warn --checkpoint-every 1e-4
  discharge small_gb.h5 --coarsen 1 --separator-um 0.4 --gb-i0 7e-3 -o gbr1.h5 --json gbr1.json --log-level warn \
    --restart gb2c.checkpoint.h5
  mpirun --allow-run-as-root --oversubscribe -n 2 "$SSB_BIN/discharge" small_gb.h5 --coarsen 1 --separator-um 0.4 \
    --gb-i0 7e-3 -o gbr2.h5 --json gbr2.json --log-level warn --restart gb2c.checkpoint.h5
  "$PY" -c "
import json; a, b, c = (json.load(open(f))['metrics'] for f in ('gb1.json', 'gbr1.json', 'gbr2.json'))
for m in (b, c):
    assert m['complete'] and abs(m['capacity_mAh_per_cm2'] - a['capacity_mAh_per_cm2']) < 1e-3 * a['capacity_mAh_per_cm2'], (a, m)" \
    && pass "a checkpoint of two processes continued on one and on two" || fail "checkpoints across process counts"
fi

# Bad input: one line, exit 2, nothing written.
bad() {
  local what=$1; shift
  rm -f bad.h5
  expect_exit 2 "$what" -- discharge "$@" -o bad.h5
  [ ! -e bad.h5 ] || fail "$what: an output was written"
}
bad "unknown material" slab8.h5 --coarsen 1 --cam lfp
bad "material file failing its schema" slab8.h5 --coarsen 1 --cam bad_material.json
bad "no CAM" nocam.h5 --coarsen 1 --separator-um 0.4
bad "--gb-i0 without /material_id" slab8.h5 --coarsen 1 --gb-i0 7e-3
bad "--gb-resistance-factor out of range" slab8.h5 --coarsen 1 --gb-resistance-factor 1e4
bad "cut-off above the initial voltage" slab8.h5 --coarsen 1 --cutoff-V 4.3
bad "zero current" slab8.h5 --coarsen 1 --current-mA-cm2 0
bad "negative current" slab8.h5 --coarsen 1 --current-mA-cm2 -1
bad "missing input" nothere.h5 --coarsen 1
bad "box smaller than one coarse voxel" slab4.h5 --coarsen 3
finish
