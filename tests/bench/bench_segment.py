#!/usr/bin/env python3
"""Side by side in one run: ssbvox `segment` and PoreSpy's SNOW (the
implementation of the method the reference study used) on the same SE
phase, same sigma and radius, open sides (as PoreSpy). Reports the grain
counts, mean equivalent diameters and the time ratio.

    bench_segment.py STRUCTURE.h5 [--sigma 0.35] [--radius 4] [--snow2]

Without --snow2 PoreSpy's segmentation step (filters.snow_partitioning,
what snow2 calls for each phase) is timed; with it, networks.snow2 as a
whole (which also extracts a pore network) is timed too.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np


def grain_stats(labels, h_um):
    ids, counts = np.unique(labels[labels > 0], return_counts=True)
    d = np.cbrt(6 * counts / np.pi) * h_um
    return len(ids), float(d.mean()), float(np.median(d))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("structure")
    p.add_argument("--sigma", type=float, default=0.35)
    p.add_argument("--radius", type=float, default=4)
    p.add_argument("--snow2", action="store_true")
    p.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "../../build/release/bin"))
    a = p.parse_args()

    with h5py.File(a.structure, "r") as f:
        phase = f["phase"][()]
        h_um = f["phase"].attrs["voxel_size_m"] * 1e6
    se = phase == 1
    print(f"input {a.structure}: {phase.shape} voxels, SE fraction {se.mean():.4f}, sigma {a.sigma}, R {a.radius}")

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "seg.h5")
        t0 = time.perf_counter()
        subprocess.run([os.path.join(a.bin, "segment"), a.structure, "-o", out, "--sides", "bounded",
                        "--sigma", str(a.sigma), "--radius", str(a.radius), "--log-level", "warn"], check=True)
        t_ssb = time.perf_counter() - t0
        with h5py.File(out, "r") as f:
            ours = f["grain"][()]
    n_ssb, mean_ssb, med_ssb = grain_stats(ours, h_um)

    import porespy as ps
    t0 = time.perf_counter()
    snow = ps.filters.snow_partitioning(se, r_max=int(a.radius), sigma=a.sigma)
    t_ps = time.perf_counter() - t0
    n_ps, mean_ps, med_ps = grain_stats(snow.regions * se, h_um)

    rows = [("ssbvox segment", t_ssb, n_ssb, mean_ssb, med_ssb),
            ("PoreSpy snow_partitioning", t_ps, n_ps, mean_ps, med_ps)]
    if a.snow2:
        t0 = time.perf_counter()
        s2 = ps.networks.snow2(se.astype(int), boundary_width=0, sigma=a.sigma, r_max=int(a.radius))
        t_s2 = time.perf_counter() - t0
        # snow2 labels only the given phase (0 elsewhere); it may trim an edge voxel.
        n_s2, mean_s2, med_s2 = grain_stats(s2.regions, h_um)
        rows.append(("PoreSpy snow2", t_s2, n_s2, mean_s2, med_s2))
    print(f"{'':28s} {'time (s)':>9s} {'grains':>8s} {'mean d (um)':>12s} {'median d (um)':>14s}")
    for name, t, n, m, md in rows:
        print(f"{name:28s} {t:9.1f} {n:8d} {m:12.3f} {md:14.3f}")
    print(f"grain count ssbvox/PoreSpy  {n_ssb / n_ps:.4f}  (within 5 %: {abs(n_ssb / n_ps - 1) <= 0.05})")
    print(f"mean size   ssbvox/PoreSpy  {mean_ssb / mean_ps:.4f}  (within 5 %: {abs(mean_ssb / mean_ps - 1) <= 0.05})")
    print(f"speed-up over snow_partitioning: {t_ps / t_ssb:.1f}x")
    if a.snow2:
        print(f"speed-up over snow2: {rows[2][1] / t_ssb:.1f}x")


if __name__ == "__main__":
    sys.exit(main())
