#!/usr/bin/env python3
"""Draws slices of ssbvox voxel files as a PNG: an x-z section (through-plane,
separator at the bottom) and an x-y section per file, phases coloured
(pore white, SE green, CAM red), or SE grains by material id with --material.

    plot-slices.py OUT.png FILE.h5 [FILE.h5 ...] [--titles A B ...] [--y 125] [--z 250]
"""
import argparse

import h5py
import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("files", nargs="+")
    p.add_argument("--titles", nargs="*")
    p.add_argument("--y", type=int, help="y index of the x-z section (default: middle)")
    p.add_argument("--z", type=int, help="z index of the x-y section (default: middle)")
    p.add_argument("--material", action="store_true", help="colour SE by /material_id")
    a = p.parse_args()
    phases = matplotlib.colors.ListedColormap(["white", "#2ca02c", "#d62728"])
    fig, axes = plt.subplots(len(a.files), 2, figsize=(9, 4.2 * len(a.files)), squeeze=False,
                             gridspec_kw={"width_ratios": [1, 1]})
    for row, path in enumerate(a.files):
        with h5py.File(path, "r") as f:
            phase = f["phase"][()]
            h_um = f["phase"].attrs["voxel_size_m"] * 1e6
            mat = f["material_id"][()] if a.material and "material_id" in f else None
        nz, ny, nx = phase.shape
        y = a.y if a.y is not None else ny // 2
        z = a.z if a.z is not None else nz // 2
        if mat is not None:
            # Pore white, CAM light grey, SE grains by material id (1..N).
            shown = np.where(phase == 1, mat.astype(int) + 1, np.where(phase == 2, 1, 0))
            n = int(mat.max())
            palette = ["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown", "tab:pink",
                       "tab:olive", "tab:cyan", "gold", "navy", "lime"]
            colours = ["white", "0.8"] + [palette[k % len(palette)] for k in range(n)]
            cmap, vmax = matplotlib.colors.ListedColormap(colours), n + 1
        else:
            shown, cmap, vmax = phase, phases, 2
        for col, (img, ext, lab) in enumerate([
                (shown[:, y, :], [0, nx * h_um, 0, nz * h_um], ("x (um)", "z (um), separator at 0")),
                (shown[z], [0, nx * h_um, 0, ny * h_um], ("x (um)", "y (um)"))]):
            ax = axes[row][col]
            ax.imshow(img, cmap=cmap, vmin=0, vmax=vmax, origin="lower", extent=ext, interpolation="nearest")
            ax.set_xlabel(lab[0])
            ax.set_ylabel(lab[1])
            title = a.titles[row] if a.titles and row < len(a.titles) else path
            ax.set_title(f"{title}: " + (f"x-z at y = {y * h_um:.1f} um" if col == 0 else f"x-y at z = {z * h_um:.1f} um"),
                         fontsize=9)
    fig.tight_layout()
    fig.savefig(a.out, dpi=90)


if __name__ == "__main__":
    main()
