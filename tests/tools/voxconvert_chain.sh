#!/usr/bin/env bash
# voxconvert as a user runs it: a conversion chain through every format and
# through pipes, with the data compared by an independent reader (h5py).
source "$(dirname "$0")/lib/common.sh"

"$PY" "$SSB_SOURCE_DIR/scripts/make-example.py" a.h5 --shape 24 20 16 --seed 3
cat > same.py <<'PYEOF'
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
names = sys.argv[3:] or ["phase", "grain", "material_id"]
for n in names:
    if not np.array_equal(a[n][()], b[n][()]):
        sys.exit(f"{n} differs between {sys.argv[1]} and {sys.argv[2]}")
ha, hb = a["phase"].attrs["voxel_size_m"], b["phase"].attrs["voxel_size_m"]
if abs(ha - hb) > 1e-9 * ha:  # image stacks store the spacing as text
    sys.exit(f"voxel size differs: {ha} vs {hb}")
PYEOF

voxconvert a.h5 -o b.vdb --log-level warn
voxconvert b.vdb -o c.h5 --log-level warn
if "$PY" same.py a.h5 c.h5; then pass "h5 -> vdb -> h5 keeps phase, grain, material_id"; else fail "h5 -> vdb -> h5"; fi

voxconvert a.h5 -o - --log-level warn | voxconvert - -o p.vdb --log-level warn
voxconvert p.vdb -o p.h5 --log-level warn
if "$PY" same.py a.h5 p.h5; then pass "voxconvert a.h5 -o - | voxconvert - -o b.vdb"; else fail "pipe to vdb"; fi

voxconvert b.vdb -o - --log-level warn | voxconvert - -o - --log-level warn | voxconvert - -o q.h5 --log-level warn
if "$PY" same.py a.h5 q.h5; then pass "vdb -> pipe -> pipe -> h5"; else fail "double pipe"; fi

steps=$(voxconvert info q.h5 --json - | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(p["tool"] for p in d["metrics"]["provenance"]))')
[ "$steps" = "make-example voxconvert voxconvert voxconvert voxconvert" ] && pass "provenance chain appended: $steps" || fail "provenance chain: $steps"

for ext in tif mha nrrd; do
  voxconvert a.h5 -o "a.$ext" --log-level error
  voxconvert "a.$ext" -o "back_$ext.h5" --voxel-um 0.1 --log-level warn
  if "$PY" same.py a.h5 "back_$ext.h5" phase; then pass "h5 -> $ext -> h5 keeps /phase"; else fail "$ext round trip"; fi
done
# TIFF keeps the scale as ImageJ and Fiji read it: h5 -> tif -> h5 without --voxel-um.
voxconvert a.tif -o scaled.h5 --log-level warn
"$PY" - <<'PYEOF' && pass "h5 -> tif -> h5 keeps the voxel size; the TIFF carries ImageJ's scale (tifffile reads it)" || fail "TIFF scale"
import h5py, tifffile
h = h5py.File("a.h5")["phase"].attrs["voxel_size_m"]
assert abs(h5py.File("scaled.h5")["phase"].attrs["voxel_size_m"] - h) <= 1e-12 * h
t = tifffile.TiffFile("a.tif")
m = t.imagej_metadata
assert t.is_imagej and m["unit"] == "micron" and abs(m["spacing"] - h * 1e6) < 1e-12, m
x = t.pages[0].tags["XResolution"].value
assert abs(x[1] / x[0] - h * 1e6) < 1e-9 * h * 1e6 and len(t.pages) == h5py.File("a.h5")["phase"].shape[0]
PYEOF
cat a.mha | voxconvert - -o stdin_mha.h5 --log-level warn
if "$PY" same.py a.h5 stdin_mha.h5 phase; then pass "mha through stdin"; else fail "mha through stdin"; fi

# A grey-value tomography stack mapped onto phases.
"$PY" - <<'PYEOF'
import h5py, numpy as np
p = h5py.File("a.h5", "r")["phase"][()]
grey = np.choose(p, [10, 120, 240]).astype(np.uint8)
np.save("grey.npy", grey)
PYEOF
"$PY" - <<'PYEOF'
import numpy as np
g = np.load("grey.npy")
# MetaImage written by hand: a text header and the raw bytes (x fastest).
with open("grey.mha", "wb") as f:
    nz, ny, nx = g.shape
    f.write(f"ObjectType = Image\nNDims = 3\nDimSize = {nx} {ny} {nz}\nElementSpacing = 0.2 0.2 0.2\n"
            f"ElementType = MET_UCHAR\nElementDataFile = LOCAL\n".encode())
    f.write(g.tobytes())
PYEOF
voxconvert grey.mha --phase-map 0-50:pore,51-180:se,181-255:cam -o grey.h5 --log-level warn
if "$PY" - <<'PYEOF'
import h5py, numpy as np, sys
a, b = h5py.File("a.h5", "r")["phase"], h5py.File("grey.h5", "r")["phase"]
sys.exit(0 if np.array_equal(a[()], b[()]) and abs(b.attrs["voxel_size_m"] - 2e-7) < 1e-15 else 1)
PYEOF
then pass "grey-value MHA with --phase-map gives the phases, spacing read in um"; else fail "phase map import"; fi

# info: a table for people, JSON that matches the schema.
voxconvert info a.h5 > info.txt
grep -q "24 x 20 x 16 (z, y, x) = 7680 voxels" info.txt && pass "info table shows dimensions" || fail "info table: $(cat info.txt)"
voxconvert info b.vdb --json info.json --log-level warn >/dev/null
"$PY" - "$SSB_SOURCE_DIR/schemas/metrics.schema.json" <<'PYEOF' && pass "info --json matches metrics.schema.json" || fail "metrics schema"
import json, sys, jsonschema
doc = json.load(open("info.json"))
jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(doc)
f = doc["metrics"]["phase_fractions"]
assert abs(sum(f.values()) - 1) < 1e-12
assert doc["metrics"]["shape_zyx"] == [24, 20, 16]
PYEOF

finish
