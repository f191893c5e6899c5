#!/usr/bin/env python3
"""Side by side in one run: ssbvox `effcond` and TauFactor 2 (the tortuosity
tool people use today; PyPI `taufactor` on Debian's python3-torch, CPU) on
the same images: the tortuosity factor (TauFactor's tau is ssbvox's tau^2)
and the time ratio. TauFactor's standard solver has insulated sides, so
ssbvox runs --sides bounded for the comparison (and periodic for
reference).

    bench_effcond.py STRUCTURE.h5 [...] [--blobs N] [--threads 2]

--blobs N adds an N^3 two-phase image made with PoreSpy's blobs generator
(porosity 0.5), the kind of electrode image TauFactor is used on.
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


def effcond(binary, path, phase, sides, out_json):
    t0 = time.perf_counter()
    subprocess.run([binary, path, "--phase", phase, "--sides", sides, "--json", out_json,
                    "--log-level", "warn", "--rtol", "1e-6"], check=True, stdout=subprocess.DEVNULL)
    t = time.perf_counter() - t0
    r = json.load(open(out_json))["metrics"][phase]
    return t, r["tortuosity_factor"], r["volume_fraction"]


def taufactor(img):
    import taufactor as tau
    import torch
    t0 = time.perf_counter()
    s = tau.Solver(img.astype(np.float32), device=torch.device("cpu"))
    s.solve(verbose=False)
    return time.perf_counter() - t0, float(s.tau)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("structures", nargs="*")
    p.add_argument("--blobs", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--bin", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../build/release/bin"))
    a = p.parse_args()
    import torch
    torch.set_num_threads(a.threads)
    binary = os.path.join(a.bin, "effcond")
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in a.structures:
            with h5py.File(path, "r") as f:
                ph = f["phase"][()]
            for name, code in [("se", 1), ("cam", 2)]:
                cases.append((f"{os.path.basename(path)} {name}", path, name, ph == code))
        if a.blobs:
            import porespy as ps
            im = ps.generators.blobs(shape=[a.blobs] * 3, porosity=0.5, blobiness=1.5, seed=1)
            path = os.path.join(tmp, "blobs.h5")
            with h5py.File(path, "w") as f:
                f.attrs["format"] = "ssbvox"
                f.attrs["format_version"] = np.int32(1)
                f.create_dataset("phase", data=np.where(im, 1, 2).astype(np.uint8)).attrs["voxel_size_m"] = 1e-7
            cases.append((f"blobs {a.blobs}^3 (PoreSpy) phase 1", path, "se", im))
        print(f"{'image':36s} {'eps':>6s} {'TauFactor tau':>14s} {'ssbvox tau^2 ins.':>18s} {'diff':>7s} "
              f"{'ssbvox tau^2 per.':>18s} {'TauFactor s':>12s} {'ssbvox s':>9s} {'speed-up':>9s}")
        for label, path, phase, img in cases:
            ti, t2i, eps = effcond(binary, path, phase, "bounded", os.path.join(tmp, "i.json"))
            _, t2p, _ = effcond(binary, path, phase, "periodic", os.path.join(tmp, "p.json"))
            tt, ttau = taufactor(img)
            diff = (t2i - ttau) / ttau if t2i is not None and np.isfinite(ttau) else float("nan")
            print(f"{label:36s} {eps:6.3f} {ttau:14.4f} {t2i if t2i is not None else float('inf'):18.4f} {100 * diff:6.2f}% "
                  f"{t2p if t2p is not None else float('inf'):18.4f} {tt:12.1f} {ti:9.2f} {tt / ti:8.1f}x")


if __name__ == "__main__":
    sys.exit(main())
