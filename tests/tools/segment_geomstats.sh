#!/usr/bin/env bash
# segment and geomstats as a user runs them on a small sintered cathode:
# every SE voxel gets a grain, ids are 1..N on SE only, colouring never
# gives touching grains the same id, geomstats' figures agree with an
# independent count, and bad input exits 2.
source "$(dirname "$0")/lib/common.sh"

genstruct --box 80x80x160 --crop 80x80x120 --log-level warn -o - | sinter - --density 0.9 -o s.h5 --log-level warn
segment s.h5 -o seg.h5 --log-level warn --json seg.json
segment s.h5 -o col.h5 --assign colour --log-level warn
"$PY" - <<'PYEOF' && pass "segment: grains cover SE, ids 1..8 on SE only, colouring separates touching grains" || fail "segment output"
import h5py, json, numpy as np
for name in ["seg.h5", "col.h5"]:
    f = h5py.File(name, "r")
    p, g, m = f["phase"][()], f["grain"][()], f["material_id"][()]
    assert np.all((g > 0) == (p == 1)), "grain ids must cover exactly the SE"
    assert np.all((m > 0) == (p == 1)) and m.max() <= 8
    if name == "col.h5":
        for axis in range(3):
            a, b = g, np.roll(g, -1, axis=axis)
            ma, mb = m, np.roll(m, -1, axis=axis)
            sl = [slice(None)] * 3
            if axis == 0:
                sl[0] = slice(0, -1)  # z is not periodic
            sl = tuple(sl)
            touching = (a[sl] > 0) & (b[sl] > 0) & (a[sl] != b[sl])
            assert not np.any(touching & (ma[sl] == mb[sl])), "touching grains share an id"
j = json.load(open("seg.json"))["metrics"]
assert j["grains"] == len(np.unique(h5py.File("seg.h5")["grain"][()])) - 1
assert 0 < j["same_id_contact_share"] < 0.3
PYEOF

geomstats s.h5 > table.txt
grep -q "connectivity SE (to separator)" table.txt && pass "geomstats prints a table" || fail "geomstats table: $(cat table.txt)"
geomstats s.h5 --json g.json --log-level warn > /dev/null
"$PY" - "$SSB_SOURCE_DIR/schemas/metrics.schema.json" <<'PYEOF' && pass "geomstats figures match an independent count (numpy)" || fail "geomstats figures"
import h5py, json, sys, jsonschema, numpy as np
doc = json.load(open("g.json"))
jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(doc)
m = doc["metrics"]
p = h5py.File("s.h5")["phase"][()]
se, cam = np.count_nonzero(p == 1), np.count_nonzero(p == 2)
assert abs(m["svf_cam"] - cam / (se + cam)) < 1e-12
assert abs(m["porosity"] - np.mean(p == 0)) < 1e-12
faces = 0
for axis in range(3):
    a, b = p, np.roll(p, -1, axis=axis)
    pair = ((a == 1) & (b == 2)) | ((a == 2) & (b == 1))
    if axis == 0:
        pair = pair[:-1]
    faces += np.count_nonzero(pair)
assert m["active_area"]["faces"] == faces, (m["active_area"]["faces"], faces)
# The reference study's count: CAM voxels with an SE face neighbour, once each.
beside = np.zeros(p.shape, bool)
for axis in range(3):
    for shift in (-1, 1):
        q = np.roll(p, shift, axis=axis)
        if axis == 0:  # z does not wrap
            if shift == 1: q[0] = 0
            else: q[-1] = 0
        beside |= (p == 2) & (q == 1)
cam_beside = np.count_nonzero(beside)
assert m["active_area"]["cam_voxels"] == cam_beside, (m["active_area"]["cam_voxels"], cam_beside)
h = 0.1  # um
assert abs(m["active_area"]["per_volume_um2_per_um3"] - cam_beside * h * h / (p.size * h ** 3)) < 1e-9
assert abs(m["active_area"]["faces_per_volume_per_cm"] - faces * h * h / (p.size * h ** 3) * 1e4) < 1e-6
# Cauchy-Crofton over the 13 lattice directions, weights the tabulated
# Voronoi shares of the sphere (Ohser & Muecklich 2000), periodic in x, y.
w = {0: 2 * 0.04577789, 1: 2 * 0.03698063, 2: 2 * 0.03519564}
dirs = [(0, 0, 1), (0, 1, 0), (1, 0, 0), (0, 1, 1), (0, 1, -1), (1, 0, 1), (1, 0, -1), (1, 1, 0), (1, -1, 0),
        (1, 1, 1), (1, 1, -1), (1, -1, 1), (1, -1, -1)]
area = 0.0
for d in dirs:
    q = np.roll(p, (-d[1], -d[2]), axis=(1, 2))
    a, b = (p[:-1], q[1:]) if d[0] else (p, q)
    n = np.count_nonzero(((a == 1) & (b == 2)) | ((a == 2) & (b == 1)))
    area += 2 * w[sum(map(abs, d)) - 1] * n * h * h / np.sqrt(sum(c * c for c in d))
crofton = area / (p.size * h ** 3) * 1e4
assert abs(m["active_area"]["crofton_per_volume_per_cm"] / crofton - 1) < 1e-4, (m["active_area"], crofton)
assert len(m["slices"]["se"]) == p.shape[0]
PYEOF

geomstats seg.h5 --clean -o clean.h5 --log-level warn > /dev/null
"$PY" - <<'PYEOF' && pass "geomstats --clean removes isolated clusters and keeps ids consistent" || fail "clean"
import h5py, numpy as np
from scipy import ndimage
f = h5py.File("clean.h5")
p, g, m = f["phase"][()], f["grain"][()], f["material_id"][()]
assert np.all((g > 0) == (p == 1)) and np.all((m > 0) == (p == 1))
# Independent check of SE connectivity to z = 0 (periodic x, y by tiling 3x3).
se = np.tile(p == 1, (1, 3, 3))
lab, n = ndimage.label(se)
ny, nx = p.shape[1:]
core = lab[:, ny:2 * ny, nx:2 * nx]
touch = set(np.unique(lab[0][lab[0] > 0]))
assert all(l in touch for l in np.unique(core[core > 0]))
assert f["metrics"].attrs["geomstats.cleaned"] == 1
PYEOF

# No SE reaches the separator: valid input, connectivity 0.
"$PY" - <<'PYEOF'
import h5py, numpy as np
with h5py.File("s.h5") as a, h5py.File("cut.h5", "w") as b:
    for k, v in a.attrs.items(): b.attrs[k] = v
    p = a["phase"][()]
    p[:3][p[:3] == 1] = 0  # remove all SE from the first slices
    d = b.create_dataset("phase", data=p)
    d.attrs["voxel_size_m"] = a["phase"].attrs["voxel_size_m"]
with h5py.File("cam-only.h5", "w") as b:
    b.attrs["format"] = "ssbvox"; b.attrs["format_version"] = np.int32(1)
    b.create_dataset("phase", data=np.full((4, 4, 4), 2, np.uint8)).attrs["voxel_size_m"] = 1e-7
PYEOF
geomstats cut.h5 --json cut.json --log-level warn > /dev/null
"$PY" -c 'import json; m = json.load(open("cut.json"))["metrics"]; assert m["connectivity_se"] == 0.0' \
  && pass "SE cut off the separator: connectivity 0, reported" || fail "connectivity 0"

# One --sides vocabulary: periodic or bounded; the previous release's
# "open" (segment) is read as "bounded" with a warning.
segment s.h5 -o open.h5 --sides open --log-level warn 2> open-warning.txt
segment s.h5 -o bounded.h5 --sides bounded --log-level warn
"$PY" - <<'PYEOF' && grep -q "warning: --sides open" open-warning.txt \
  && pass "segment --sides open is --sides bounded, with a warning" || fail "--sides open alias"
import h5py, numpy as np
a, b = h5py.File("open.h5"), h5py.File("bounded.h5")
assert np.array_equal(a["grain"][()], b["grain"][()])
assert a["metrics"].attrs["segment.sides"] in ("bounded", b"bounded")
PYEOF
# A CAM path that reaches the collector only across the periodic x side.
"$PY" - <<'PYEOF'
import h5py, numpy as np
p = np.zeros((3, 3, 4), np.uint8)
p[0, 1, 0] = p[1, 1, 0] = p[1, 1, 3] = p[2, 1, 3] = 2
with h5py.File("wrap.h5", "w") as f:
    f.attrs["format"] = "ssbvox"; f.attrs["format_version"] = np.int32(1)
    f.create_dataset("phase", data=p).attrs["voxel_size_m"] = 1e-7
PYEOF
geomstats wrap.h5 --json wp.json --log-level warn > /dev/null
geomstats wrap.h5 --sides bounded --json wb.json --log-level warn > /dev/null
"$PY" - <<'PYEOF' && pass "geomstats --sides: the periodic side joins a cluster, a bounded one does not" || fail "geomstats --sides"
import json
p, b = (json.load(open(f))["metrics"] for f in ["wp.json", "wb.json"])
assert p["connectivity_cam"] == 1.0 and b["connectivity_cam"] == 0.5, (p["connectivity_cam"], b["connectivity_cam"])
assert p["sides"] == "periodic" and b["sides"] == "bounded"
PYEOF
expect_exit 2 "--sides sideways" -- geomstats s.h5 --sides sideways

expect_exit 2 "segment: no SE phase" -- segment cam-only.h5 -o x.h5
expect_exit 2 "segment: --radius 0" -- segment s.h5 --radius 0 -o x.h5
expect_exit 2 "segment: --radius -2" -- segment s.h5 --radius -2 -o x.h5
expect_exit 2 "segment: --ids 0" -- segment s.h5 --ids 0 -o x.h5
expect_exit 2 "segment: --assign rainbow" -- segment s.h5 --assign rainbow -o x.h5
expect_exit 1 "segment: colouring with 2 ids" -- segment s.h5 --assign colour --ids 2 -o x.h5
expect_exit 2 "geomstats: --clean without -o" -- geomstats s.h5 --clean
expect_exit 2 "geomstats: missing file" -- geomstats none.h5
[ -e x.h5 ] && fail "a failed run left x.h5" || pass "no output left by failed runs"
finish
