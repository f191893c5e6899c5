#!/usr/bin/env python3
"""Writes the concentration-dependent tables of the active materials into
data/materials/{lco,nmc811}.json (docs/model.md, section 7):

- the open-circuit voltage U0(x), x = c / c_max, tabulated from a published
  fit with the mapping that gives the reference study's 4.2 V at the
  initial state, on nodes refined until monotone cubic (PCHIP)
  interpolation reproduces the fit within 2 microvolts (x0 is a node, so
  U0(x0) is the fit's value exactly);
- the electronic conductivity sigma(x) and the Li diffusivity D(x): end
  points read from the reference study's Fig. S7 (only shapes are shown
  there), the first node x0 with the values of its Tables 1 and 2,
  interpolated linearly in log10 of the value.

Run from the project root: /usr/bin/python3 scripts/make-material-tables.py
(the files' other fields are kept).
"""
import json
import pathlib

import numpy as np
from scipy.interpolate import PchipInterpolator

ROOT = pathlib.Path(__file__).resolve().parent.parent / "data" / "materials"


def lco_dualfoil(y):
    """The Doyle/Fuller 'Dualfoil' LiCoO2 fit in its original form, y = x."""
    return (2.16216 + 0.07645 * np.tanh(30.834 - 54.4806 * y) + 2.1581 * np.tanh(52.294 - 50.294 * y)
            - 0.14169 * np.tanh(11.0923 - 19.8543 * y) + 0.2051 * np.tanh(1.4684 - 5.4888 * y)
            + 0.2531 * np.tanh((-y + 0.56478) / 0.1316) - 0.02167 * np.tanh((y - 0.525) / 0.006))


def nmc811_chen(x, x0):
    """Chen et al. 2020's NMC811 fit with its argument mapped so that U(x0) = 4.2 V."""
    u = 0.3046 + 0.6954 * (x - x0) / (1 - x0)
    return (-0.8090 * u + 4.4875 - 0.0428 * np.tanh(18.5138 * (u - 0.5542))
            - 17.7326 * np.tanh(15.7890 * (u - 0.3117)) + 17.5842 * np.tanh(15.9308 * (u - 0.3120)))


def refined_nodes(f, lo, hi, must, tolerance=2e-6):
    """Nodes on [lo, hi] (with the points in `must`) where PCHIP through f at
    the nodes stays within `tolerance` of f on a fine check grid."""
    nodes = np.unique(np.concatenate([np.linspace(lo, hi, 51), must]))
    check = np.linspace(lo, hi, 200001)
    for _ in range(30):
        p = PchipInterpolator(nodes, f(nodes))
        err = np.abs(p(check) - f(check))
        bad = check[err > tolerance]
        if bad.size == 0:
            return nodes
        # Halve every interval that holds a bad point.
        k = np.unique(np.searchsorted(nodes, bad) - 1)
        k = k[(k >= 0) & (k < nodes.size - 1)]
        nodes = np.unique(np.concatenate([nodes, 0.5 * (nodes[k] + nodes[k + 1])]))
    raise RuntimeError("no convergence")


def write(name, update):
    path = ROOT / f"{name}.json"
    doc = json.loads(path.read_text())
    doc.update(update)
    path.write_text(json.dumps(doc, indent=2) + "\n")
    print(path, {k: len(v["x"]) for k, v in update.items()})


def table(x, values, unit, interpolation, source, **extra):
    t = {"x": [float(v) for v in x], unit: [float(v) for v in values], "interpolation": interpolation, "source": source}
    t.update(extra)
    return t


for name, fit, source, mapping in [
    ("lco", lambda x, x0: lco_dualfoil(x),
     "Doyle, Fuller, Newman (J. Electrochem. Soc. 143, 1890, 1996), the Dualfoil LiCoO2 fit in its original form",
     "y = x (no stretch): 4.205 V at x0 = c0/c_max, docs/model.md"),
    ("nmc811", nmc811_chen,
     "Chen et al. (J. Electrochem. Soc. 167, 080534, 2020), the LG M50 NMC811 fit",
     "u = 0.3046 + 0.6954 (x - x0)/(1 - x0) in place of the fit's stoichiometry: U(x0) = 4.2 V, U(1) = 3.487 V; docs/model.md"),
]:
    doc = json.loads((ROOT / f"{name}.json").read_text())
    x0 = doc["initial_concentration_mol_per_cm3"] / doc["max_concentration_mol_per_cm3"]
    f = lambda x: fit(x, x0)
    nodes = refined_nodes(f, 0.0, 1.0, [x0])
    update = {"open_circuit_voltage": table(
        nodes, [round(float(v), 9) for v in f(nodes)], "V", "pchip", source,
        mapping=mapping, x0=x0)}
    fig = "the reference study's Fig. S7 (end points read from the figure, the shape between assumed; docs/model.md)"
    if name == "lco":
        update["conductivity_vs_x"] = table([x0, 0.90, 0.95, 0.98, 1.00], [4.47, 3.0, 0.5, 0.02, 3.3e-4], "S_per_cm",
                                            "log_linear", fig + "; x = 1 from Figs. S4 and 3b")
        update["diffusivity_vs_x"] = table([x0, 0.85, 1.00], [8.48e-12, 5e-12, 1e-12], "cm2_per_s", "log_linear", fig)
    else:
        update["conductivity_vs_x"] = table([x0, 0.32, 0.60, 0.90, 1.00], [8.83e-3, 2e-2, 5e-3, 1e-5, 1e-6], "S_per_cm",
                                            "log_linear", fig)
        update["diffusivity_vs_x"] = table([x0, 0.85, 0.90, 1.00], [8.71e-13, 6e-13, 5e-14, 5e-14], "cm2_per_s",
                                           "log_linear", fig)
    write(name, update)
