"""Checks a finished workflow run: every figure the config names has a
valid PNG, PDF, CSV and status table; the figures' numbers are the
records' numbers; and the records' numbers are the voxel files' (an
evalenergy metric against the cell's /metrics, recomputed from the curve).

    check_outputs.py RESULTS_ROOT CONFIG.yaml --materials DIR [--failed SVF]

With --failed, the points at that SVF must be marked failed with a reason,
and every other point ok; without it, every point must be ok.
"""
import argparse
import csv
import json
import os
import sys

import h5py
import numpy as np
import yaml

a = argparse.ArgumentParser()
a.add_argument("root")
a.add_argument("config")
a.add_argument("--failed", type=float)
a.add_argument("--materials", required=True, help="the folder of the material files")
r = a.parse_args()
config = yaml.safe_load(open(r.config))
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


checked_values = 0
for fig in config["figures"]:
    png = f"{r.root}/figures/{fig}.png"
    pdf = f"{r.root}/figures/{fig}.pdf"
    check(os.path.isfile(png) and open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n" and os.path.getsize(png) > 10000,
          f"{png}: not a PNG of a drawn figure")
    check(os.path.isfile(pdf) and open(pdf, "rb").read(5) == b"%PDF-", f"{pdf}: not a PDF")
    rows = list(csv.DictReader(open(f"{r.root}/figures/{fig}.csv")))
    check(len(rows) > 0, f"{fig}.csv: no rows")
    status = list(csv.DictReader(open(f"{r.root}/status/{fig}.csv")))
    check(len(status) > 0, f"status/{fig}.csv: no rows")
    for s in status:
        failed = r.failed is not None and abs(float(s["svf_cam"]) - r.failed) < 1e-12
        if failed and s["stage"] == "discharge":
            check(s["status"] == "failed" and s["reason"], f"{fig}: the point at SVF {r.failed} is not marked failed: {s}")
        elif not failed:
            check(s["status"] == "ok", f"{fig}: {s['record']} is {s['status']}: {s['reason']}")
        check(float(s["wall_time_s"]) >= 0, f"{fig}: wall time")
        if s["status"] == "ok" and s["stage"] not in ("effcond", "effcond_gb"):  # those keep no voxel file
            check(os.path.isfile(s["output"]), f"{fig}: {s['output']} missing")
    # Every plotted number of an ok point is a number, of a failed point empty.
    for row in rows:
        if row["status"] == "ok":
            check(row["y"] != "" or row["y_name"] in ("tau SE", "1/tau"), f"{fig}.csv: empty value in {row}")
        else:
            check(row["y"] == "" and row["reason"], f"{fig}.csv: a failed point with a value: {row}")
    if r.failed is not None and any(abs(float(s["svf_cam"]) - r.failed) < 1e-12 for s in status):
        check(any(row["status"] == "failed" for row in rows), f"{fig}.csv: the failed point is not listed")
    # The records' numbers are the cell files' (C_grav from the curve and the
    # CAM voxels), and the figure's C_norm values are the records'.
    c_norms = []
    for s in status:
        if s["stage"] != "discharge" or s["status"] != "ok":
            continue
        e = json.load(open(s["record"]))["metrics"]["evalenergy"]
        c_norms.append(e["c_norm"])
        rho = json.load(open(f"{r.materials}/{s['cam']}.json"))["density_g_per_cm3"]
        with h5py.File(s["output"], "r") as f:
            phase = f["phase"][()]
            sep = int(f["metrics"].attrs["discharge.cell.separator_slices"])
            cap = f["series/capacity_mAh_per_cm2"][()][-1]
            h_cm = f["phase"].attrs["voxel_size_m"] * 100
        cam_mg = np.count_nonzero(phase[sep:] == 2) * h_cm * rho * 1e3 / (phase.shape[1] * phase.shape[2])
        check(abs(e["capacity_mAh_per_cm2"] - cap) < 1e-9, f"{s['record']}: capacity differs from the cell's curve")
        check(abs(e["c_grav_mAh_per_g"] - cap / (cam_mg * 1e-3)) < 1e-6 * e["c_grav_mAh_per_g"],
              f"{s['record']}: C_grav differs from the cell's")
        checked_values += 1
    for row in rows:
        if row["y_name"] == "C_norm" and row["y"] != "":
            check(any(abs(float(row["y"]) - c) <= 1e-12 * c for c in c_norms),
                  f"{fig}.csv: C_norm {row['y']} is no record's")
print(f"checked {len(config['figures'])} figures, {checked_values} discharge records against their cells")
if problems:
    print("\n".join(problems[:20]))
    sys.exit(1)
