#!/usr/bin/env bash
# genstruct and sinter as a user runs them: small structures hit their
# targets within 0.25 points, the same seed gives the same voxels whatever
# --threads, other seeds give other structures with the same statistics,
# gradients follow their profile, and bad input exits 2.
source "$(dirname "$0")/lib/common.sh"
SMALL=(--box 80x80x200 --crop 80x80x150 --log-level warn)

fractions() {  # prints "svf_cam density" of a file
  "$PY" - "$1" <<'PYEOF'
import sys, h5py, numpy as np
p = h5py.File(sys.argv[1], "r")["phase"][()]
cam, se = np.count_nonzero(p == 2), np.count_nonzero(p == 1)
print(f"{cam / (cam + se):.6f} {(cam + se) / p.size:.6f}")
PYEOF
}
within() { "$PY" -c "import sys; sys.exit(0 if abs($1 - $2) <= $3 else 1)"; }

# Both targets through a pipe, as in the paper's baseline (smaller box).
genstruct --svf-cam 0.5 "${SMALL[@]}" -o - | sinter - --density 0.931 --svf-cam 0.5 -o s.h5 --log-level warn --json s.json
read -r svf rho < <(fractions s.h5)
within "$svf" 0.5 0.0025 && within "$rho" 0.931 0.0025 && pass "pipe: SVF_CAM $svf, density $rho within 0.25 points" \
  || fail "targets missed: SVF_CAM $svf, density $rho"
"$PY" - <<'PYEOF' && pass "sinter --json reports the fit" || fail "sinter --json"
import json
m = json.load(open("s.json"))["metrics"]
assert m["fit_evaluations"] >= 1 and abs(m["svf_cam_error"]) <= 0.0025 and abs(m["density_error"]) <= 0.0025
PYEOF

for target in 0.333 0.694; do
  genstruct --svf-cam "$target" "${SMALL[@]}" --seed 4 -o p.h5
  sinter p.h5 --density 0.8 --svf-cam "$target" -o q.h5 --log-level warn
  read -r svf rho < <(fractions q.h5)
  within "$svf" "$target" 0.0025 && within "$rho" 0.8 0.0025 && pass "SVF_CAM $target at density 0.8: got $svf, $rho" \
    || fail "SVF_CAM $target at density 0.8: got $svf, $rho"
done

# Determinism: the same seed gives the same voxels whatever --threads.
genstruct "${SMALL[@]}" --seed 7 --threads 1 -o t1.h5
genstruct "${SMALL[@]}" --seed 7 --threads 2 -o t2.h5
sinter t1.h5 --density 0.9 --threads 1 -o u1.h5 --log-level warn
sinter t2.h5 --density 0.9 --threads 2 -o u2.h5 --log-level warn
"$PY" - <<'PYEOF' && pass "same seed, 1 or 2 threads: identical /phase and /grain" || fail "thread-dependent result"
import h5py, numpy as np
for a, b in [("t1.h5", "t2.h5"), ("u1.h5", "u2.h5")]:
    for d in ["phase", "grain"]:
        assert np.array_equal(h5py.File(a)[d][()], h5py.File(b)[d][()]), (a, d)
PYEOF
genstruct "${SMALL[@]}" --seed 8 -o t3.h5
"$PY" - <<'PYEOF' && pass "another seed: another structure, the same statistics" || fail "seed statistics"
import h5py, numpy as np
a, b = h5py.File("t1.h5")["phase"][()], h5py.File("t3.h5")["phase"][()]
assert not np.array_equal(a, b)
fa = [np.mean(a == k) for k in range(3)]
fb = [np.mean(b == k) for k in range(3)]
assert all(abs(x - y) < 0.02 for x, y in zip(fa, fb)), (fa, fb)
PYEOF

# A gradient cathode: SVF_CAM rises linearly from separator (z=0) to collector,
# over the cropped output.
genstruct --svf-cam-profile 0.3:0.7 --box 80x80x390 --crop 80x80x300 --log-level warn -o grad.h5
"$PY" - <<'PYEOF' && pass "gradient 0.3:0.7 follows its profile along z" || fail "gradient profile"
import h5py, numpy as np
p = h5py.File("grad.h5")["phase"][()]
nz = p.shape[0]
z = np.arange(nz)
cam, se = (p == 2).sum(axis=(1, 2)), (p == 1).sum(axis=(1, 2))
svf = cam / np.maximum(cam + se, 1)
slope, icpt = np.polyfit(z[30:-30] / (nz - 1), svf[30:-30], 1)
print("fitted profile", icpt, icpt + slope)
assert abs(icpt - 0.3) < 0.08 and abs(icpt + slope - 0.7) < 0.08
PYEOF

# Bad input: one line, exit 2, no output file.
genstruct "${SMALL[@]}" -o plain.h5
voxconvert plain.h5 -o nopile.h5 --log-level warn
"$PY" - <<'PYEOF'
import h5py
with h5py.File("nopile.h5", "a") as f:  # a structure that no genstruct made
    del f["provenance/0_genstruct"]
    del f["metrics"].attrs["genstruct.pile"]
    f["provenance"].move("1_voxconvert", "0_voxconvert")
PYEOF
printf '{"groups": [{"phase": "cam", "shape": "cube", "volume_fraction": 1, "diameter_um": 1}]}' > bad-recipe.json
expect_exit 2 "--svf-cam 1.2" -- genstruct --svf-cam 1.2 -o x.h5
# The pile record: genstruct keeps what it piled as a structured record
# (schemas/pile.schema.json) and sinter re-piles from it. A pile written by
# ssbvox 0.1.0, which had no record (tests/data), still re-piles: from its
# provenance, to the same structure as the same pile made today.
OLD="$SSB_SOURCE_DIR/tests/data/pile-ssbvox-0.1.0.h5"
# Today's pile with 0.1.0's defaults (two spreading steps, no pressing).
genstruct --box 30x30x60 --crop 30x30x40 --seed 5 --svf-cam 0.45 --d-cam 1.0 --d-se 0.7 --spread-iterations 2 --press-strain 0 \
  --log-level warn -o new-pile.h5
"$PY" - "$SSB_SOURCE_DIR/schemas" <<'PYEOF' && pass "the pile record matches pile.schema.json (and the recipe schema it refers to)" || fail "pile record schema"
import sys, json, h5py, jsonschema, pathlib
S = pathlib.Path(sys.argv[1])
pile, recipe = (json.load(open(S / n)) for n in ["pile.schema.json", "recipe.schema.json"])
record = json.loads(h5py.File("new-pile.h5")["metrics"].attrs["genstruct.pile"])
registry = {recipe["$id"]: recipe}
resolver = jsonschema.RefResolver(base_uri=pile["$id"], referrer=pile, store=registry)
jsonschema.Draft202012Validator(pile, resolver=resolver).validate(record)
assert record["seed"] == 5 and record["svf_cam"] == [0.45, 0.45] and record["box_zyx"] == [60, 30, 30]
PYEOF
"$PY" -c 'import h5py, sys; sys.exit("genstruct.pile" in h5py.File(sys.argv[1])["metrics"].attrs)' "$OLD" \
  && pass "the 0.1.0 pile has no record (only its provenance)" || fail "tests/data pile is not a 0.1.0 pile"
sinter "$OLD" --density 0.8 --svf-cam 0.45 -o old-fit.h5 --log-level warn
sinter new-pile.h5 --density 0.8 --svf-cam 0.45 -o new-fit.h5 --log-level warn
"$PY" - <<'PYEOF' && pass "a pile of ssbvox 0.1.0 re-piles from its provenance to the same structure as today's pile from its record" || fail "re-piling an old pile"
import h5py, json, numpy as np
a, b = h5py.File("old-fit.h5"), h5py.File("new-fit.h5")
assert np.array_equal(a["phase"][()], b["phase"][()]) and np.array_equal(a["grain"][()], b["grain"][()])
rec = json.loads(a["metrics"].attrs["genstruct.pile"])
assert rec["svf_cam"][0] == a["metrics"].attrs["sinter.svf_cam_pile_input"]
PYEOF
"$PY" - <<'PYEOF'
import h5py, json
with h5py.File("new-pile.h5", "a") as f:
    r = json.loads(f["metrics"].attrs["genstruct.pile"]); del r["d_cam_um"]
    f["metrics"].attrs["genstruct.pile"] = json.dumps(r)
PYEOF
expect_exit 2 "a pile record without a field" -- sinter new-pile.h5 --density 0.8 --svf-cam 0.45 -o x.h5

expect_exit 2 "--svf-cam 0" -- genstruct --svf-cam 0 -o x.h5
expect_exit 2 "--d-cam -1" -- genstruct --d-cam -1 -o x.h5
expect_exit 2 "--voxel-um 0" -- genstruct --voxel-um 0 -o x.h5
expect_exit 2 "crop larger than the box" -- genstruct --box 50x50x100 --crop 50x50x120 -o x.h5
expect_exit 2 "crop of another width" -- genstruct --box 50x50x100 --crop 40x50x80 -o x.h5
expect_exit 2 "a box too short to press the crop" -- genstruct --box 30x30x40 --crop 30x30x40 --press-strain 0.3 -o x.h5
expect_exit 2 "--press-strain 0.6" -- genstruct --press-strain 0.6 -o x.h5
expect_exit 2 "malformed --box" -- genstruct --box 50x50 -o x.h5
expect_exit 2 "bad gradient profile" -- genstruct --svf-cam-profile 0.3-0.7 -o x.h5
expect_exit 2 "recipe against its schema" -- genstruct --recipe bad-recipe.json -o x.h5
expect_exit 2 "missing recipe" -- genstruct --recipe none.json -o x.h5
expect_exit 2 "--svf-cam without pile provenance" -- sinter nopile.h5 --density 0.9 --svf-cam 0.5 -o x.h5
expect_exit 2 "--density 1.5" -- sinter plain.h5 --density 1.5 -o x.h5
expect_exit 2 "fitting a gradient pile" -- sinter grad.h5 --density 0.9 --svf-cam 0.5 -o x.h5
"$PY" - <<'PYEOF'
import h5py
with h5py.File("plain.h5", "r") as a, h5py.File("nograin.h5", "w") as b:
    for k, v in a.attrs.items(): b.attrs[k] = v
    for name in ["phase", "grain", "provenance", "metrics"]: a.copy(name, b)
    g = b["grain"][()]; p = b["phase"][()]
    g[p == 2] = 0  # CAM voxels without a grain id
    b["grain"][...] = g
PYEOF
expect_exit 2 "solid voxels without a grain" -- sinter nograin.h5 --density 0.9 -o x.h5
expect_exit 1 "density below the pile's" -- sinter plain.h5 --density 0.2 -o x.h5
if "$PY" -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' \
    "$SSB_SOURCE_DIR/schemas/recipe.schema.json" bad-recipe.json 2>/dev/null; then
  fail "bad-recipe.json passes recipe.schema.json"
else
  pass "bad-recipe.json fails recipe.schema.json too"
fi
"$PY" -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' \
  "$SSB_SOURCE_DIR/schemas/recipe.schema.json" "$SSB_SOURCE_DIR/data/recipes/paper.json" \
  && pass "data/recipes/paper.json matches recipe.schema.json" || fail "paper recipe schema"
[ -e x.h5 ] && fail "a failed run left x.h5" || pass "no output left by failed runs"
finish
