#!/usr/bin/env python3
"""Writes a small synthetic composite cathode as an ssbvox voxel file with h5py.

Random overlapping spheres of CAM and SE in pore space: not a physical
structure (genstruct makes those), but a realistic test input for the file
tools, and a working example of writing the format from Python
(docs/formats.md).

    make-example.py OUT.h5 [--shape NZ NY NX] [--voxel-um 0.1] [--seed 1]
"""
import argparse

import h5py
import numpy as np


def spheres(shape, n, radius_vox, rng):
    """Label image of n random spheres (periodic in x and y), 0 = none.
    Each sphere touches only its bounding box, so large volumes stay fast."""
    nz, ny, nx = shape
    labels = np.zeros(shape, dtype=np.uint32)
    for i in range(n):
        cz, cy, cx = rng.uniform(0, nz), rng.uniform(0, ny), rng.uniform(0, nx)
        r = radius_vox * rng.uniform(0.6, 1.4)
        zs = np.arange(max(0, int(cz - r)), min(nz, int(cz + r) + 2))
        ys = np.arange(int(cy - r), int(cy + r) + 2)
        xs = np.arange(int(cx - r), int(cx + r) + 2)
        ball = ((zs[:, None, None] - cz) ** 2 + (ys[None, :, None] - cy) ** 2
                + (xs[None, None, :] - cx) ** 2) <= r * r
        box = np.ix_(zs, ys % ny, xs % nx)
        sub = labels[box]
        sub[ball & (sub == 0)] = i + 1
        labels[box] = sub
    return labels


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--shape", type=int, nargs=3, default=[40, 32, 32], metavar=("NZ", "NY", "NX"))
    p.add_argument("--voxel-um", type=float, default=0.1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--solid-fraction", type=float, default=0.6)
    p.add_argument("--radius-vox", type=float, help="mean sphere radius in voxels (default: min(shape)/8)")
    p.add_argument("--phase-only", action="store_true", help="write /phase alone")
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)
    shape = tuple(a.shape)
    radius = a.radius_vox or max(2.0, min(shape) / 8)
    n = max(2, int(a.solid_fraction * np.prod(shape) / (4.19 * radius ** 3)))
    grain = spheres(shape, n, radius, rng)
    phase = np.zeros(shape, dtype=np.uint8)
    is_cam = rng.random(n + 1) < 0.5
    is_cam[0] = False
    phase[grain > 0] = np.where(is_cam[grain[grain > 0]], 2, 1)
    material = np.where(phase == 1, (grain % 8 + 1), 0).astype(np.uint8)

    # The HDF5 1.10 object format and Fletcher-32 checksums, as ssbvox writes:
    # damage to the file is then detected on read (docs/formats.md).
    with h5py.File(a.out, "w", libver=("v110", "v110")) as f:
        f.attrs["format"] = "ssbvox"
        f.attrs["format_version"] = np.int32(1)
        d = f.create_dataset("phase", data=phase, chunks=True, compression="gzip", fletcher32=True)
        d.attrs["voxel_size_m"] = a.voxel_um * 1e-6
        if not a.phase_only:
            f.create_dataset("grain", data=grain, chunks=True, compression="gzip", fletcher32=True)
            f.create_dataset("material_id", data=material, chunks=True, compression="gzip", fletcher32=True)
        f.create_group("metrics").attrs["example_spheres"] = np.int64(n)
        step = f.create_group("provenance").create_group("0_make-example")
        for k, v in dict(tool="make-example", version="1", git_commit="none",
                         command_line="make-example.py " + a.out,
                         parameters='{"shape": %s, "seed": %d}' % (list(shape), a.seed),
                         inputs_sha256="{}", timestamp="1970-01-01T00:00:00Z").items():
            step.attrs[k] = v
        step.attrs["seed"] = np.uint64(a.seed)
        step.attrs["wall_time_s"] = 0.0


if __name__ == "__main__":
    main()
