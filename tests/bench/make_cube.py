#!/usr/bin/env python3
"""A 500^3 three-phase test volume for effcond timings: a Gaussian random
field (seeded, smoothed over 6 voxels, periodic) cut at its 40 % and 70 %
quantiles into pore, SE and CAM (30 % each solid phase, both percolating
along every axis), 100 nm voxels.

    make_cube.py OUT.h5 [--size 500] [--seed 7]
"""
import argparse

import h5py
import numpy as np
import scipy.ndimage as nd

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--size", type=int, default=500)
p.add_argument("--seed", type=int, default=7)
a = p.parse_args()
n = a.size
field = nd.gaussian_filter(np.random.default_rng(a.seed).standard_normal((n, n, n)).astype(np.float32), 6, mode="wrap")
lo, hi = np.quantile(field[::4, ::4, ::4], [0.4, 0.7])
phase = np.where(field < lo, 0, np.where(field < hi, 1, 2)).astype(np.uint8)
with h5py.File(a.out, "w", libver=("v110", "latest")) as f:
    f.attrs["format"] = "ssbvox"
    f.attrs["format_version"] = np.int32(1)
    d = f.create_dataset("phase", data=phase, chunks=(1, n, n), compression="gzip", compression_opts=1, fletcher32=True)
    d.attrs["voxel_size_m"] = 1e-7
print(f"{a.out}: {n}^3, fractions pore/SE/CAM {[round(float(np.mean(phase == k)), 4) for k in range(3)]}")
