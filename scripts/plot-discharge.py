"""Plots and a table of discharge results (docs/validation.md).

    plot-discharge.py OUTDIR cell1.h5 cell2.h5 ... [--labels L1 L2 ...]

Writes OUTDIR/discharge-curves.png (voltage against capacity, the paper's
Fig. S5), OUTDIR/li-histogram.png (the final Li fraction of the CAM voxels,
Fig. 5a), OUTDIR/utilization-profile.png (the mean utilization
(x - x0)/(1 - x0) of each slice against the distance from the separator,
Fig. 5b), and prints a Markdown table of the figures per run.
"""
import argparse
import os

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

CAM = 2


def load(path):
    with h5py.File(path) as f:
        # discharge's own metrics (the file also carries its structure's)
        metrics = {k.split(".", 1)[1]: (v.decode() if isinstance(v, bytes) else v)
                   for k, v in f["metrics"].attrs.items() if k.startswith("discharge.")}
        material = f["material_id"][()] if "material_id" in f else None
        return {
            "phase": f["phase"][()],
            "x": f["fields/li_fraction"][()],
            "h_um": f["phase"].attrs["voxel_size_m"] * 1e6,
            "V": f["series/voltage_V"][()],
            "cap_g": f["series/capacity_mAh_per_g"][()],
            "cap_cm2": f["series/capacity_mAh_per_cm2"][()],
            "metrics": metrics,
            "material": material,
        }


def save_plot(outdir, name, xlabel, ylabel, draw):
    """One figure: draw(ax) puts the runs on it; saved as OUTDIR/NAME.png."""
    fig, ax = plt.subplots(figsize=(5, 3.6))
    draw(ax)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(outdir, name + ".png"), dpi=120)
    plt.close(fig)


def utilization_profile(run, x0):
    """Slice means of (x - x0)/(1 - x0) over the CAM, against the distance from the separator (um)."""
    phase, x = run["phase"], run["x"]
    # The cathode starts at the first slice with CAM or with SE grains
    # of the cathode (ids > 0; the separator's SE is id 0).
    cathode = phase == CAM
    if run["material"] is not None:
        cathode |= run["material"] > 0
    first = np.where(cathode.any(axis=(1, 2)))[0][0]
    z, util = [], []
    for k in range(first, phase.shape[0]):
        m = phase[k] == CAM
        if m.any():
            z.append((k - first + 0.5) * run["h_um"])
            util.append(((x[k][m] - x0) / (1 - x0)).mean())
    return z, util


def main():
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("outdir")
    a.add_argument("cells", nargs="+")
    a.add_argument("--labels", nargs="+")
    a.add_argument("--x0", type=float, default=0.027058 / 0.051555, help="initial Li fraction (LCO)")
    a.add_argument("--theoretical-mAh-g", type=float, default=130.0, help="C_theo (Eq. 8; LCO 130.0)")
    r = a.parse_args()
    labels = r.labels or [os.path.basename(c) for c in r.cells]
    runs = [load(c) for c in r.cells]

    def curves(ax):
        for run, label in zip(runs, labels):
            ax.plot(run["cap_g"], run["V"], label=label)

    def histogram(ax):
        bins = np.linspace(r.x0, 1.0, 41)
        for run, label in zip(runs, labels):
            x = run["x"][run["phase"] == CAM]
            ax.hist(x, bins=bins, histtype="step", weights=np.full(x.size, 100.0 / x.size), label=label)

    def profiles(ax):
        for run, label in zip(runs, labels):
            ax.plot(*utilization_profile(run, r.x0), label=label)

    save_plot(r.outdir, "discharge-curves", "capacity (mAh/g)", "cell voltage (V)", curves)
    save_plot(r.outdir, "li-histogram", "final Li fraction x", "CAM voxels (%)", histogram)
    save_plot(r.outdir, "utilization-profile", "distance from the separator (um)", "utilization (x - x0)/(1 - x0)",
              profiles)

    print("| case | capacity (mAh/cm²) | C_grav (mAh/g) | C_norm | V(0+) (V) | voxels with 0.9 ≤ x ≤ 0.98 | max x | steps | wall (s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for run, label in zip(runs, labels):
        x = run["x"][run["phase"] == CAM]
        band = 100.0 * np.mean((x >= 0.9) & (x <= 0.98))
        m = run["metrics"]
        steps = m.get("steps", "")
        wall = m.get("wall_time_s", float("nan"))
        print(f"| {label} | {run['cap_cm2'][-1]:.4f} | {run['cap_g'][-1]:.1f} | "
              f"{run['cap_g'][-1] / r.theoretical_mAh_g:.3f} | {run['V'][0]:.4f} | {band:.0f} % | {x.max():.6f} | "
              f"{steps} | {float(wall):.0f} |")


if __name__ == "__main__":
    main()
