#!/usr/bin/env bash
# evalenergy as a user runs it on discharge's output: every indicator
# against an independent calculation from the file (numpy), C_norm against
# the Li balance of the final field, the removed clusters counted back from
# the structure before and after cleaning, another cut-off, and bad input.
source "$(dirname "$0")/lib/common.sh"

"$PY" - <<'PYEOF'
import h5py, numpy as np
# A 200 nm cathode: a CAM half and an SE half (x), both through the whole
# depth, with a 2-voxel CAM cluster inside the SE and a 1-voxel SE cluster
# inside the CAM: geomstats --clean turns both to pore.
p = np.ones((10, 4, 6), np.uint8); p[:, :, :3] = 2
p[4:6, 1, 4] = 2
p[6, 2, 1] = 1
with h5py.File("s.h5", "w") as f:
    f.attrs["format"] = "ssbvox"; f.attrs["format_version"] = np.int32(1)
    f.create_dataset("phase", data=p).attrs["voxel_size_m"] = 2e-7
PYEOF
geomstats s.h5 --clean -o clean.h5 --log-level warn > /dev/null
discharge clean.h5 --coarsen 1 --separator-um 1 -o cell.h5 --log-level warn
evalenergy cell.h5 > table.txt
grep -q "removed clusters counted" table.txt && grep -q "C_grav (Eq. 7)" table.txt \
  && pass "evalenergy prints the table with and without the removed clusters" || fail "table: $(cat table.txt)"
evalenergy cell.h5 --json e.json -o e.h5 --bins 20 --log-level warn > /dev/null
evalenergy cell.h5 --json e38.json --cutoff-V 3.8 --log-level warn > /dev/null
evalenergy cell.h5 --json e5.json --cutoff-V 5 --log-level warn > /dev/null
"$PY" - "$SSB_SOURCE_DIR" <<'PYEOF' && pass "evalenergy's indicators match an independent calculation, C_norm the Li balance" || fail "evalenergy figures"
import h5py, json, sys, jsonschema, numpy as np
src = sys.argv[1]
doc = json.load(open("e.json"))
jsonschema.Draft202012Validator(json.load(open(f"{src}/schemas/metrics.schema.json"))).validate(doc)
m = doc["metrics"]
lco = json.load(open(f"{src}/data/materials/lco.json")); llzo = json.load(open(f"{src}/data/materials/llzo.json"))
F = 96485.33212
c_theo = (lco["max_concentration_mol_per_cm3"] - lco["initial_concentration_mol_per_cm3"]) * F / lco["density_g_per_cm3"] / 3.6
assert abs(m["c_theo_mAh_per_g"] - c_theo) < 1e-9 * c_theo
with h5py.File("cell.h5") as f:
    phase, x = f["phase"][()], f["fields/li_fraction"][()].astype(float)
    h_cm = f["phase"].attrs["voxel_size_m"] * 100
    t, u, i, c = (f["series/" + k][()] for k in ("time_s", "voltage_V", "current_mA_per_cm2", "capacity_mAh_per_cm2"))
    sep = int(f["metrics"].attrs["discharge.cell.separator_slices"])
    assert "geomstats.svf_cam" in f["metrics"].attrs, "discharge keeps the structure's metrics"
area = phase.shape[1] * phase.shape[2] * h_cm**2
cath = phase[sep:]
cam_mg = np.count_nonzero(cath == 2) * h_cm**3 * lco["density_g_per_cm3"] * 1e3 / area
se_mg = np.count_nonzero(cath == 1) * h_cm**3 * llzo["density_g_per_cm3"] * 1e3 / area
sep_mg = sep * h_cm * llzo["density_g_per_cm3"] * 1e3
assert abs(sep_mg - 0.53) < 1e-9  # 1 um of 5.3 g/cm3
anode_mg = c_theo * cam_mg / 3861
k = m["cleaned"]["masses_mg_per_cm2"]
for a, b in ((k["cam"], cam_mg), (k["se"], se_mg), (k["separator"], sep_mg), (k["anode"], anode_mg)):
    assert abs(a - b) < 1e-9 * b, (a, b)
assert abs(u[-1] - 3.4) < 1e-9
assert abs(m["capacity_mAh_per_cm2"] - c[-1]) < 1e-12
assert abs(m["c_grav_mAh_per_g"] - c[-1] / (cam_mg * 1e-3)) < 1e-9 * m["c_grav_mAh_per_g"]
assert abs(m["c_norm"] - m["c_grav_mAh_per_g"] / c_theo) < 1e-12
energy = np.sum(0.5 * (i[1:] * u[1:] + i[:-1] * u[:-1]) * np.diff(t)) / 3600
assert abs(m["energy_mWh_per_cm2"] - energy) < 1e-9 * energy
e_grav = energy / (cam_mg + se_mg + sep_mg + anode_mg) * 1e3
assert abs(m["e_grav_Wh_per_kg"] - e_grav) < 1e-9 * e_grav
assert m["removed_clusters_counted"] is False
# The Li balance: the mean utilisation of the final field is C_norm, to
# the extrapolated end's 1e-4 of t (the field is the last step's).
x0 = lco["initial_concentration_mol_per_cm3"] / lco["max_concentration_mol_per_cm3"]
xc = x[sep:][cath == 2]
assert abs(np.mean((xc - x0) / (1 - x0)) - m["c_norm"]) < 1e-4 * m["c_norm"], (np.mean((xc - x0) / (1 - x0)), m["c_norm"])
# Profile and histogram from the field.
prof = m["utilisation_profile"]
for z in range(cath.shape[0]):
    sel = cath[z] == 2
    want = np.mean((x[sep + z][sel] - x0) / (1 - x0)) if sel.any() else None
    got = prof["utilisation"][z]
    assert (got is None and want is None) or abs(got - want) < 1e-12, (z, got, want)
assert abs(prof["depth_um"][0] - h_cm * 1e4 / 2) < 1e-12
hist = m["li_histogram"]
assert len(hist["counts"]) == 20 and len(hist["edges"]) == 21
assert hist["counts"] == np.histogram(np.clip(xc, 0, 1), bins=20, range=(0, 1))[0].tolist()
# Removed clusters counted back: 2 CAM and 1 SE voxel of the structure.
before, after = h5py.File("s.h5")["phase"][()], h5py.File("clean.h5")["phase"][()]
rc, rs = np.count_nonzero(before == 2) - np.count_nonzero(after == 2), np.count_nonzero(before == 1) - np.count_nonzero(after == 1)
assert (rc, rs) == (2, 1), (rc, rs)
assert m["removed_voxels"]["structure_cam"] == 2 and m["removed_voxels"]["structure_se"] == 1
r = m["removed_counted"]["masses_mg_per_cm2"]
assert abs(r["cam"] - cam_mg * (1 + 2 / np.count_nonzero(cath == 2))) < 1e-9
assert abs(r["se"] - se_mg * (1 + 1 / np.count_nonzero(cath == 1))) < 1e-9
assert m["removed_counted"]["c_grav_mAh_per_g"] < m["c_grav_mAh_per_g"]
# The results in the output file.
with h5py.File("e.h5") as f:
    assert abs(f["metrics"].attrs["evalenergy.c_norm"] - m["c_norm"]) < 1e-15
    assert f["series/evalenergy.histogram_counts"][()].sum() == xc.size
# At 3.8 V: the curve's crossing, interpolated in the voltage.
m38 = json.load(open("e38.json"))["metrics"]
k = np.argmax(u <= 3.8)
w = (u[k - 1] - 3.8) / (u[k - 1] - u[k])
assert abs(m38["capacity_mAh_per_cm2"] - (c[k - 1] + w * (c[k] - c[k - 1]))) < 1e-12
assert m38["capacity_mAh_per_cm2"] < m["capacity_mAh_per_cm2"]
# A cut-off above the start (the study's cells near SVF 80 %): capacity 0.
m5 = json.load(open("e5.json"))["metrics"]
assert m5["capacity_mAh_per_cm2"] == 0 and m5["c_norm"] == 0 and m5["starts_below_cutoff"] is True
PYEOF

# Bad input: exit 2, one line, no output file.
expect_exit 2 "a structure that was not discharged" -- evalenergy clean.h5 -o bad1.h5
expect_exit 2 "a cut-off the curve never reaches" -- evalenergy cell.h5 --cutoff-V 3.0 -o bad2.h5
expect_exit 2 "a negative cut-off" -- evalenergy cell.h5 --cutoff-V -1 -o bad3.h5
expect_exit 2 "a missing file" -- evalenergy missing.h5
expect_exit 2 "--bins 0" -- evalenergy cell.h5 --bins 0
expect_exit 2 "an anode that is not one" -- evalenergy cell.h5 --anode lco
head -c 3000 cell.h5 > truncated.h5
expect_exit 2 "a truncated file" -- evalenergy truncated.h5 -o bad4.h5
[ ! -e bad1.h5 ] && [ ! -e bad2.h5 ] && [ ! -e bad3.h5 ] && [ ! -e bad4.h5 ] \
  && pass "no output file after an error" || fail "an output file was left after an error"
finish
