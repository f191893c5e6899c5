"""Capacity against voxel size, with and without the sub-voxel surface.

    plot_resolution.py OUTDIR PNG

reads OUTDIR/c{4,2,1}-{voxel,sub-voxel}.json (tests/bench/bench_resolution.sh),
prints the table of docs/validation.md ("resolution") and plots mAh/cm^2
against the voxel size, with a band of +-1 % around the sub-voxel
surface's value at the finest voxels (the converged estimate)."""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

out, png = sys.argv[1:3]
rows = {}
print("| voxel | cells | SVF after coarsening | scheme | mAh/cm² | mAh/g | steps (rejected) | Newton | wall |")
print("|---|---|---|---|---|---|---|---|---|")
for c in (4, 2, 1):
    for scheme in ("voxel", "sub-voxel"):
        path = os.path.join(out, f"c{c}-{scheme}.json")
        if not os.path.exists(path):
            continue
        m = json.load(open(path))["metrics"]
        h = m["cell"]["voxel_size_um"] * 1000
        shape = m["cell"]["shape_zyx"]
        state = "" if m["complete"] else f" (stopped at t = {m['end_time_s']:.0f} s)"
        print(f"| {h:.0f} nm | {shape[0] * shape[1] * shape[2] / 1e3:.0f} k | {m['cell']['svf_cam']:.4f} | {scheme} | "
              f"{m['capacity_mAh_per_cm2']:.4f}{state} | {m['capacity_mAh_per_g']:.2f} | {m['steps']} ({m['rejected_steps']}) | "
              f"{m['newton_iterations']} | {m['wall_time_s']:.0f} s |")
        if m["complete"]:
            rows.setdefault(scheme, []).append((h, m["capacity_mAh_per_cm2"]))

fig, ax = plt.subplots(figsize=(5.5, 4))
styles = {"voxel": ("o-", "voxel scheme (the reference study's)"), "sub-voxel": ("s-", "sub-voxel surface (--sub-voxel-surface)")}
for scheme, points in rows.items():
    points.sort()
    ax.plot([p[0] for p in points], [p[1] for p in points], styles[scheme][0], label=styles[scheme][1])
finest = sorted(rows.get("sub-voxel", []))
if finest:
    # The converged estimate: the sub-voxel surface at the finest voxels
    # (docs/validation.md, "resolution"), with the +-1 % band of the target.
    h0, c0 = finest[0]
    ax.axhline(c0, ls=":", color="grey", lw=1)
    ax.axhspan(0.99 * c0, 1.01 * c0, color="grey", alpha=0.15, label=f"±1 % of the sub-voxel value at {h0:.0f} nm")
ax.set_xlabel("voxel size (nm)")
ax.set_ylabel("capacity to 3.4 V (mAh/cm²)")
ax.set_xlim(left=0)
ax.set_title("baseline window 6.4 × 6.4 × 50 µm, LCO, 1 mA/cm²", fontsize=9)
ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(png, dpi=120)
print("plot:", png)
