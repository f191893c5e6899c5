"""Reference solution of a 1D slab cell's galvanostatic discharge.

Li | SE separator (thickness L_sep) | dense CAM slab (thickness L) | collector,
uniform in x and y: the charge crosses the SE-CAM interface at one plane,
so the current is I everywhere and only the Li in the CAM has a profile:

    dx/dt = d/dz (D(x) dx/dz),  0 < z < L,
    -D dx/dz = I / (F c_max) at z = 0 (Li enters), 0 at z = L;
    V = U0(x_s) + eta_c - eta_a - I (L_sep / kappa + int_0^L dz / sigma(x)),

with x_s the surface value at z = 0, eta_c < 0 the interface overpotential
of Butler-Volmer (i0 = i00 sqrt(c_e c_s (c_max - c_s))) carrying -I, and
eta_a the Li anode's. Finite volumes on a fine uniform grid (the surface
value extrapolated from the first cell with the known flux), integrated by
scipy's BDF to the crossing of the cut-off. The material data are read
from ssbvox's material files (the same published fits and tables the tool
uses); the numerics here share nothing with ssbvox.

    slab_reference.py --thickness-um 1 --separator-um 1 --current-mA-cm2 1 [--cells 1000]

prints {"capacity_mAh_per_cm2": ..., "initial_voltage_V": ..., "cutoff_time_s": ...}.
"""
import argparse
import json
import math
import os

import numpy as np
from scipy.integrate import solve_ivp
from scipy.interpolate import PchipInterpolator
from scipy.optimize import brentq
from scipy.sparse import diags

FARADAY = 96485.33212
GAS = 8.314462618


def material(name):
    root = os.environ.get("SSB_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
    with open(os.path.join(root, "data", "materials", name + ".json")) as f:
        return json.load(f)


def table(t, key):
    """The table's function of x (numpy arrays or floats), constant beyond its ends."""
    x = np.asarray(t["x"], float)
    y = np.asarray(t[key], float)
    kind = t.get("interpolation", "pchip")
    if kind == "pchip":
        p = PchipInterpolator(x, y, extrapolate=False)
        return lambda q: p(np.clip(q, x[0], x[-1]))
    if kind == "log_linear":
        return lambda q: 10 ** np.interp(q, x, np.log10(y))
    if kind == "linear":
        return lambda q: np.interp(q, x, y)
    raise ValueError("unknown interpolation " + kind)


def butler_volmer_overpotential(i, i0, alpha, f):
    """eta with i0 [exp(alpha f eta) - exp(-(1 - alpha) f eta)] = i."""
    if alpha == 0.5:
        return 2 / f * math.asinh(i / (2 * i0))
    g = lambda e: i0 * (math.exp(alpha * f * e) - math.exp(-(1 - alpha) * f * e)) - i
    span = 1.0
    while g(-span) > 0 or g(span) < 0:
        span *= 2
    return brentq(g, -span, span, xtol=1e-15)


def solve(thickness_um, separator_um, current_mA_cm2, cells=1000, cam="lco", cutoff_V=3.4, temperature_K=298.15):
    m, se, li = material(cam), material("llzo"), material("li")
    f = FARADAY / (GAS * temperature_K)
    cmax = m["max_concentration_mol_per_cm3"] * 1e6
    x0 = m["initial_concentration_mol_per_cm3"] / m["max_concentration_mol_per_cm3"]
    ce = se["concentration_mol_per_cm3"] * 1e6
    i00 = m["i00_A_cm2p5_per_mol1p5"] * 1e-5
    alpha = m["transfer_coefficient"]
    kappa = se["conductivity_S_per_cm"] * 100
    U0 = table(m["open_circuit_voltage"], "V")
    def transport(key, unit, scale):
        if key in m:
            t = table(m[key], unit)
            return lambda q: scale * t(q)
        constant = m[{"conductivity_vs_x": "conductivity_S_per_cm", "diffusivity_vs_x": "diffusivity_cm2_per_s"}[key]]
        return lambda q: scale * constant * np.ones_like(q)

    sigma = transport("conductivity_vs_x", "S_per_cm", 100.0)
    D = transport("diffusivity_vs_x", "cm2_per_s", 1e-4)
    I = current_mA_cm2 * 10.0
    L, Lsep = thickness_um * 1e-6, separator_um * 1e-6
    dz = L / cells
    inflow = I / (FARADAY * cmax)  # of x, m/s
    eta_a = butler_volmer_overpotential(I, li["exchange_current_A_per_cm2"] * 1e4, li["transfer_coefficient"], f)

    def surface(x):
        return float(x[0] + inflow * 0.5 * dz / D(x[0]))

    def voltage(x, xs=None):
        xs = surface(x) if xs is None else xs
        if xs >= 1 or xs <= 0:
            return cutoff_V - 1.0  # no exchange current left: no voltage carries I
        i0 = i00 * math.sqrt(ce) * cmax * math.sqrt(xs * (1 - xs))
        eta_c = butler_volmer_overpotential(-I, i0, alpha, f)
        ohmic = I * (Lsep / kappa + float(np.sum(dz / sigma(x))))
        return float(U0(xs)) + eta_c - eta_a - ohmic

    def rhs(t, x):
        Df = 0.5 * (D(x[1:]) + D(x[:-1]))
        flux = np.zeros(cells + 1)  # of x, m/s, along +z
        flux[0] = inflow
        flux[1:-1] = -Df * (x[1:] - x[:-1]) / dz
        return (flux[:-1] - flux[1:]) / dz

    event = lambda t, x: voltage(x) - cutoff_V
    event.terminal, event.direction = True, -1
    x_init = np.full(cells, x0)
    t_full = cmax * (1 - x0) * L * FARADAY / I
    sparsity = diags([1, 1, 1], [-1, 0, 1], shape=(cells, cells))
    sol = solve_ivp(rhs, (0, 2 * t_full), x_init, method="BDF", events=event, rtol=1e-9, atol=1e-11,
                    jac_sparsity=sparsity, first_step=1e-6)
    if sol.status != 1:
        raise RuntimeError("the reference did not reach the cut-off: " + sol.message)
    t_cut = float(sol.t_events[0][0])
    return {"capacity_mAh_per_cm2": I * t_cut / 3.6 / 1e4, "initial_voltage_V": voltage(x_init, x0),
            "cutoff_time_s": t_cut, "cells": cells}


if __name__ == "__main__":
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--thickness-um", type=float, required=True)
    a.add_argument("--separator-um", type=float, required=True)
    a.add_argument("--current-mA-cm2", type=float, default=1.0)
    a.add_argument("--cells", type=int, default=1000)
    a.add_argument("--cam", default="lco")
    r = a.parse_args()
    print(json.dumps(solve(r.thickness_um, r.separator_um, r.current_mA_cm2, r.cells, r.cam)))
