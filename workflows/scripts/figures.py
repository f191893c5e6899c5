"""One figure of the reference study from the workflow's records.

    figures.py FIG ROOT SPEC_JSON

Writes ROOT/figures/FIG.png and .pdf in the paper's layout (its axes, units
and cases), ROOT/figures/FIG.csv (every plotted number: panel, series, x, y,
with the point's status) and ROOT/status/FIG.csv (every point the figure
uses: stage, parameters, status, reason, wall time, output). A failed point
is left out of the curves and named, with its reason, under the figure.
"""
import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ssbvox_workflow as wf  # noqa: E402

F, R_GAS, T = 96485.33212, 8.314462618, 298.15
CAM_NAME = {"lco": "LCO", "nmc811": "NMC811"}
COLORS = {"none": "black", "R1": "tab:blue", "R2": "tab:orange", "R3": "tab:red"}


def gb_label(gb, cases):
    if gb == "none":
        return "w/o GBs"
    r = R_GAS * T / (F * cases[gb])  # ohm cm^2 (Eq. 1)
    return f"$R_{{GB,{gb[1]}}}$ = {r:.2g} Ω cm²"


def dig(d, *keys):
    for k in keys:
        if d is None:
            return None
        d = d.get(k)
    return d


class Figure:
    """The records of a figure's points, and what it has drawn so far."""

    def __init__(self, fig, root, spec):
        self.fig, self.root = fig, root
        self.cases = spec["gb_cases"]
        self.layout = wf.Layout(root)
        self.records = {}
        for p in spec["points"]:
            path = self.layout.record(p)
            self.records[path] = (p, wf.read_record(path))
        self.rows, self.missing = [], []

    def get(self, stage, **point):
        """The record of one point (looked up by its parameters)."""
        want = dict(point, stage=stage)
        path = self.layout.record(want)
        return self.records[path][1]

    def value(self, panel, series, xname, x, yname, record, *keys, scale=1.0, what="", inverse=False):
        """One plotted number (times `scale`, or its inverse): recorded in the
        CSV; None (and named under the figure) if its point failed or the
        value does not exist (the tortuosity of a phase that does not
        percolate)."""
        y = dig(record["metrics"], *keys) if record["status"] == "ok" else None
        if y is not None:
            y = float(y) * scale
            if inverse:
                y = 1 / y if y != 0 else None
            if y is not None and not math.isfinite(y):
                y = None
        self.rows.append({"panel": panel, "series": series, "x_name": xname, "x": x, "y_name": yname,
                          "y": "" if y is None else y, "status": record["status"], "reason": record["reason"] or ""})
        if record["status"] != "ok":
            note = f"{what or series} at {xname} = {x}: {record['reason']}"
            if note not in self.missing:
                self.missing.append(note)
        return y

    def line(self, ax, xs, ys, **kw):
        """A curve through the points that exist (failed ones left out; on a
        log axis, log=True, zeros too: a phase that does not percolate)."""
        log = kw.pop("log", False)
        pts = [(x, y) for x, y in zip(xs, ys) if y is not None and (not log or y > 0)]
        if pts:
            ax.plot(*zip(*pts), marker=kw.pop("marker", "o"), **kw)
        elif kw.get("label"):
            ax.plot([], [], label=kw["label"] + " (no data)", **{k: v for k, v in kw.items() if k != "label"})

    def save(self, fig):
        if self.missing:
            text = "missing points:\n" + "\n".join(self.missing[:8])
            if len(self.missing) > 8:
                text += f"\n... and {len(self.missing) - 8} more (status/{self.fig}.csv)"
            fig.text(0.01, 0.005, text, fontsize=6, color="tab:red", va="bottom", ha="left", wrap=True)
            fig.subplots_adjust(bottom=0.12 + 0.03 * min(len(self.missing), 9))
        out = os.path.join(self.root, "figures")
        os.makedirs(out, exist_ok=True)
        for ext in ("png", "pdf"):
            tmp = os.path.join(out, f"{self.fig}.tmp.{ext}")
            fig.savefig(tmp, dpi=130)
            os.replace(tmp, os.path.join(out, f"{self.fig}.{ext}"))
        plt.close(fig)
        write_csv(os.path.join(out, f"{self.fig}.csv"),
                  ["panel", "series", "x_name", "x", "y_name", "y", "status", "reason"], self.rows)
        status = []
        for path, (p, r) in sorted(self.records.items()):
            status.append({"stage": p["stage"], "svf_cam": p["svf"], "density": p["rho"], "d_cam_um": p["dcam"],
                           "d_se_um": p["dse"], "radius": p.get("R", ""), "cam": p.get("cam", ""), "gb": p.get("gb", ""),
                           "status": r["status"], "reason": r["reason"] or "", "wall_time_s": r["wall_time_s"],
                           "record": path, "output": r["output"] or ""})
        os.makedirs(os.path.join(self.root, "status"), exist_ok=True)
        write_csv(os.path.join(self.root, "status", f"{self.fig}.csv"), list(status[0]), status)


def write_csv(path, fields, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, path)


def sweep(spec, stage, **fixed):
    """The distinct points of a stage in the spec, sorted, as dicts."""
    out = []
    for p in spec["points"]:
        if p["stage"] == stage and all(p.get(k) == v for k, v in fixed.items()) and p not in out:
            out.append(p)
    return out


def params(p):
    return {k: p[k] for k in ("svf", "rho", "dcam", "dse", "R", "cam", "gb") if k in p}


def pct(v):
    return round(100 * v, 1)


# --- the SVF sweep (Figs. 2, 3, 4, S4, S6, 11a) -------------------------------------------------------------

def svf_points(spec):
    return sorted(sweep(spec, "structure"), key=lambda p: p["svf"])


def fig2(F_, spec):
    fig, ax = plt.subplots(figsize=(5.5, 4))
    ax2 = ax.twinx()
    pts = svf_points(spec)
    xs = [pct(p["svf"]) for p in pts]
    conn = [F_.value("", "connectivity SE", "SVF_LCO %", x, "connectivity %", F_.get("structure", **params(p)),
                     "geomstats", "connectivity_se", scale=100) for x, p in zip(xs, pts)]
    inv = [F_.value("", "1/tau SE", "SVF_LCO %", x, "1/tau", F_.get("effcond", **params(p)), "effcond", "se",
                    "tortuosity", inverse=True) for x, p in zip(xs, pts)]
    F_.line(ax, xs, conn, color="tab:blue", label="connectivity SE")
    F_.line(ax2, xs, inv, color="tab:green", marker="s", label="1/τ SE")
    ax.set_xlabel("SVF$_{LCO}$ / %")
    ax.set_ylabel("connectivity SE / %", color="tab:blue")
    ax2.set_ylabel("inverse tortuosity 1/τ$_{SE}$ / –", color="tab:green")
    ax.set_ylim(0, 105)
    ax2.set_ylim(0, 1.05)
    ax.set_title("Fig. 2: SE connectivity and tortuosity (ρ$_S$ 93.1 %)", fontsize=9)
    fig.tight_layout()
    F_.save(fig)


def fig3(F_, spec):
    fig, axs = plt.subplots(1, 2, figsize=(9, 3.8))
    pts = svf_points(spec)
    xs = [pct(p["svf"]) for p in pts]
    for ax, phase, label, letter in ((axs[0], "se", "ionic (SE)", "a"), (axs[1], "cam", "electronic (CAM)", "b")):
        ys = [F_.value(letter, phase, "SVF_LCO %", x, "sigma_eff/sigma", F_.get("effcond", **params(p)), "effcond",
                       phase, "sigma_eff_normalised") for x, p in zip(xs, pts)]
        F_.line(ax, xs, ys, color="tab:blue" if phase == "se" else "tab:purple", label="ssbvox")
        ax.set_xlabel("SVF$_{LCO}$ / %")
        ax.set_ylabel(f"σ$_{{eff}}$/σ {label} / –")
        ax.set_title(f"({letter}) effective {label.split()[0]} conductivity", fontsize=9)
        ax.legend(fontsize=7)
    fig.suptitle("Fig. 3: partial effective conductivities (ρ$_S$ 93.1 %)", fontsize=9)
    fig.tight_layout()
    F_.save(fig)


def fig4(F_, spec):
    fig, axs = plt.subplots(1, 2, figsize=(10, 4))
    pts = svf_points(spec)
    xs = [pct(p["svf"]) for p in pts]
    ax, axc = axs[0], axs[0].twinx()
    for gb in wf.gb_cases({"gb_cases": F_.cases}):
        lab = gb_label(gb, F_.cases)
        sig = [F_.value("a", lab, "SVF_LCO %", x, "sigma_eff/sigma SE", se_conduction(F_, spec, p, gb), "effcond",
                        "se", "sigma_eff_normalised") for x, p in zip(xs, pts)]
        cn = [F_.value("a", lab, "SVF_LCO %", x, "C_norm", dis(F_, spec, p, "lco", gb), "evalenergy", "c_norm")
              for x, p in zip(xs, pts)]
        eg = [F_.value("b", lab, "SVF_LCO %", x, "E_grav Wh/kg", dis(F_, spec, p, "lco", gb), "evalenergy",
                       "e_grav_Wh_per_kg") for x, p in zip(xs, pts)]
        F_.line(ax, xs, sig, color=COLORS[gb], label=f"σ {lab}", log=True)
        F_.line(axc, xs, cn, color=COLORS[gb], linestyle="--", marker="s")
        F_.line(axs[1], xs, eg, color=COLORS[gb], label=lab)
    ax.set_yscale("log")
    ax.set_xlabel("SVF$_{LCO}$ / %")
    ax.set_ylabel("σ$_{eff}$/σ$_{SE}$ / – (solid)")
    axc.set_ylabel("C$_{norm}$ / – (dashed)")
    axc.set_ylim(0, 1)
    ax.legend(fontsize=6, loc="lower left")
    ax.set_title("(a) effective ionic conductivity and normalized capacity", fontsize=8)
    axs[1].set_xlabel("SVF$_{LCO}$ / %")
    axs[1].set_ylabel("E$_{grav}$ / Wh kg$^{-1}$")
    axs[1].set_title("(b) specific energy (Eq. 9)", fontsize=8)
    axs[1].legend(fontsize=6)
    fig.suptitle("Fig. 4: grain-boundary resistance (ρ$_S$ 93.1 %, 1 mA/cm²)", fontsize=9)
    fig.tight_layout()
    F_.save(fig)


def figS4(F_, spec):
    fig, ax = plt.subplots(figsize=(5.5, 4))
    pts = svf_points(spec)
    xs = [pct(p["svf"]) for p in pts]
    cam = [F_.value("", "electronic CAM", "SVF_LCO %", x, "sigma_eff S/cm", F_.get("effcond", **params(p)), "effcond",
                    "cam", "sigma_eff_S_per_cm") for x, p in zip(xs, pts)]
    F_.line(ax, xs, cam, color="tab:purple", label="electronic, CAM (x$_0$)", log=True)
    for gb in wf.gb_cases({"gb_cases": F_.cases}):
        lab = gb_label(gb, F_.cases)
        ys = [F_.value("", f"ionic SE {lab}", "SVF_LCO %", x, "sigma_eff S/cm", se_conduction(F_, spec, p, gb),
                       "effcond", "se", "sigma_eff_S_per_cm")
              for x, p in zip(xs, pts)]
        F_.line(ax, xs, ys, color=COLORS[gb], marker="s", label=f"ionic, SE, {lab}", log=True)
    ax.set_yscale("log")
    ax.set_xlabel("SVF$_{LCO}$ / %")
    ax.set_ylabel("σ$_{eff}$ / S cm$^{-1}$")
    ax.legend(fontsize=6)
    ax.set_title("Fig. S4: effective electronic vs ionic conductivity", fontsize=9)
    fig.tight_layout()
    F_.save(fig)


def figS6(F_, spec):
    fig, ax = plt.subplots(figsize=(5.5, 4))
    pts = svf_points(spec)
    xs = [pct(p["svf"]) for p in pts]
    for gb in wf.gb_cases({"gb_cases": F_.cases}):
        lab = gb_label(gb, F_.cases)
        ys = [F_.value("", lab, "SVF_LCO %", x, "capacity mAh/cm2", dis(F_, spec, p, "lco", gb), "evalenergy",
                       "capacity_mAh_per_cm2") for x, p in zip(xs, pts)]
        F_.line(ax, xs, ys, color=COLORS[gb], label=lab)
    ax.set_xlabel("SVF$_{LCO}$ / %")
    ax.set_ylabel("area-specific capacity / mAh cm$^{-2}$")
    ax.legend(fontsize=7)
    ax.set_title("Fig. S6: area-specific capacity at 3.4 V", fontsize=9)
    fig.tight_layout()
    F_.save(fig)


def rad(spec, p):
    """The segmentation radius the spec's GB points of this structure use."""
    for q in spec["points"]:
        if q["stage"] in ("effcond_gb", "discharge") and all(q[k] == p[k] for k in ("svf", "rho", "dcam", "dse")):
            return q["R"]
    raise KeyError("no segmented point for this structure")


def se_conduction(F_, spec, p, gb):
    """The effcond record of a structure's SE in a GB case (w/o GBs: the run of both phases)."""
    if gb == "none":
        return F_.get("effcond", **params(p))
    return F_.get("effcond_gb", **params(p), R=rad(spec, p), gb=gb)


def dis(F_, spec, p, cam, gb, R=None):
    return F_.get("discharge", **{k: p[k] for k in ("svf", "rho", "dcam", "dse")},
                  R=rad(spec, p) if R is None else R, cam=cam, gb=gb)


# --- the baseline (Figs. 5, S5) -----------------------------------------------------------------------------

def fig5(F_, spec):
    fig, ax = plt.subplots(figsize=(6, 4.2))
    inset = ax.inset_axes([0.12, 0.45, 0.38, 0.4])
    for p in sweep(spec, "discharge"):
        gb, r = p["gb"], F_.get("discharge", **params(p))
        lab = gb_label(gb, F_.cases)
        if r["status"] != "ok":
            F_.value("a", lab, "gb", gb, "Li fraction x", r, "evalenergy", "c_norm")
            continue
        hist = r["metrics"]["evalenergy"]["li_histogram"]
        counts = np.array(hist["counts"], float)
        edges = np.array(hist["edges"])
        share = counts / max(counts.sum(), 1) * 100
        centres = 0.5 * (edges[1:] + edges[:-1])
        ax.step(centres, share, where="mid", color=COLORS[gb], label=lab)
        for c, s in zip(centres, share):
            F_.rows.append({"panel": "a", "series": lab, "x_name": "Li fraction x (bin centre)", "x": round(c, 6),
                            "y_name": "share of CAM voxels %", "y": s, "status": "ok", "reason": ""})
        prof = r["metrics"]["evalenergy"]["utilisation_profile"]
        z = [d for d, u in zip(prof["depth_um"], prof["utilisation"]) if u is not None]
        u = [u for u in prof["utilisation"] if u is not None]
        inset.plot(z, u, color=COLORS[gb], lw=1)
        for d, v in zip(z, u):
            F_.rows.append({"panel": "a inset", "series": lab, "x_name": "distance from separator um", "x": d,
                            "y_name": "mean utilization", "y": v, "status": "ok", "reason": ""})
    ax.set_xlabel("Li content x of the CAM voxels after discharge / –")
    ax.set_ylabel("share of CAM voxels / %")
    ax.set_xlim(0.5, 1.0)
    ax.legend(fontsize=7, loc="upper right")
    inset.set_xlabel("distance from separator / µm", fontsize=6)
    inset.set_ylabel("C$_{norm}$", fontsize=6)
    inset.tick_params(labelsize=6)
    inset.set_ylim(0, 1.05)
    ax.set_title("Fig. 5a: Li content after discharge (baseline, 1 mA/cm²)", fontsize=9)
    fig.tight_layout()
    F_.save(fig)


def figS5(F_, spec):
    import h5py

    fig, ax = plt.subplots(figsize=(5.5, 4))
    for p in sweep(spec, "discharge"):
        gb, r = p["gb"], F_.get("discharge", **params(p))
        lab = gb_label(gb, F_.cases)
        if r["status"] != "ok":
            F_.value("", lab, "gb", gb, "voltage", r, "evalenergy", "c_grav_mAh_per_g")
            continue
        with h5py.File(r["output"], "r") as f:
            cap, volt = f["series/capacity_mAh_per_g"][()], f["series/voltage_V"][()]
        ax.plot(cap, volt, color=COLORS[gb], label=lab)
        for c, v in zip(cap, volt):
            F_.rows.append({"panel": "", "series": lab, "x_name": "capacity mAh/g", "x": c, "y_name": "voltage V",
                            "y": v, "status": "ok", "reason": ""})
    ax.set_xlabel("gravimetric capacity / mAh g$^{-1}$")
    ax.set_ylabel("cell voltage / V")
    ax.legend(fontsize=7)
    ax.set_title("Fig. S5: discharge curves of the baseline at 1 mA/cm²", fontsize=9)
    fig.tight_layout()
    F_.save(fig)


# --- the density sweep (Figs. 6, 7, 8) ----------------------------------------------------------------------

def density_groups(spec):
    groups = {}
    for p in sweep(spec, "structure"):
        groups.setdefault(p["svf"], []).append(p)
    return {svf: sorted(ps, key=lambda p: p["rho"]) for svf, ps in sorted(groups.items())}


SVF_COLORS = ["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple"]


def fig6(F_, spec):
    fig, axs = plt.subplots(1, 2, figsize=(9, 3.8))
    for i, (svf, pts) in enumerate(density_groups(spec).items()):
        xs = [pct(p["rho"]) for p in pts]
        for ax, phase, letter in ((axs[0], "se", "a"), (axs[1], "cam", "b")):
            ys = [F_.value(letter, f"SVF {pct(svf)} %", "rho_S %", x, f"connectivity {phase} %",
                           F_.get("structure", **params(p)), "geomstats", f"connectivity_{phase}", scale=100) for x, p in zip(xs, pts)]
            F_.line(ax, xs, ys, color=SVF_COLORS[i % 5], label=f"SVF$_{{LCO}}$ = {pct(svf)} %")
    for ax, name, letter in ((axs[0], "SE", "a"), (axs[1], "CAM", "b")):
        ax.set_xlabel("density after sintering ρ$_S$ / %")
        ax.set_ylabel(f"connectivity {name} / %")
        ax.set_ylim(0, 105)
        ax.legend(fontsize=7)
        ax.set_title(f"({letter}) {name} phase", fontsize=9)
    fig.suptitle("Fig. 6: connectivity against the density after sintering", fontsize=9)
    fig.tight_layout()
    F_.save(fig)


def fig7(F_, spec):
    fig, axs = plt.subplots(1, 2, figsize=(9, 3.8))
    for i, (svf, pts) in enumerate(density_groups(spec).items()):
        xs = [pct(p["rho"]) for p in pts]
        lab = f"SVF$_{{LCO}}$ = {pct(svf)} %"
        tau = [F_.value("a", lab, "rho_S %", x, "tau SE", F_.get("effcond", **params(p)), "effcond", "se", "tortuosity")
               for x, p in zip(xs, pts)]
        area = [F_.value("b", lab, "rho_S %", x, "active area 1/cm", F_.get("structure", **params(p)), "geomstats",
                         "cleaned", "active_area", "per_volume_per_cm") for x, p in zip(xs, pts)]
        F_.line(axs[0], xs, tau, color=SVF_COLORS[i % 5], label=lab)
        F_.line(axs[1], xs, area, color=SVF_COLORS[i % 5], label=lab)
    axs[0].set_ylabel("tortuosity τ$_{SE}$ / –")
    axs[1].set_ylabel("active area (after cluster removal) / cm$^{-1}$")
    for ax, letter in zip(axs, "ab"):
        ax.set_xlabel("density after sintering ρ$_S$ / %")
        ax.legend(fontsize=7)
    axs[0].set_title("(a) SE tortuosity", fontsize=9)
    axs[1].set_title("(b) active SE–CAM area", fontsize=9)
    fig.suptitle("Fig. 7: tortuosity and active area against the density after sintering", fontsize=9)
    fig.tight_layout()
    F_.save(fig)


def fig8(F_, spec):
    groups = density_groups(spec)
    fig = plt.figure(figsize=(15, 3.9))
    outer = fig.add_gridspec(1, 3, width_ratios=(1, 1.6, 1))
    ax_a, ax_c = fig.add_subplot(outer[0]), fig.add_subplot(outer[2])
    for i, (svf, pts) in enumerate(groups.items()):
        xs = [pct(p["rho"]) for p in pts]
        for gb, style in (("none", "-"), ("R3", "--")):
            if not any(q["stage"] == "discharge" and q["gb"] == gb for q in spec["points"]):
                continue
            lab = f"SVF {pct(svf)} %, {gb_label(gb, F_.cases) if gb != 'none' else 'w/o GBs'}"
            cn = [F_.value("a", lab, "rho_S %", x, "C_norm", dis(F_, spec, p, "lco", gb), "evalenergy", "c_norm")
                  for x, p in zip(xs, pts)]
            eg = [F_.value("c", lab, "rho_S %", x, "E_grav Wh/kg", dis(F_, spec, p, "lco", gb), "evalenergy",
                           "e_grav_Wh_per_kg") for x, p in zip(xs, pts)]
            F_.line(ax_a, xs, cn, color=SVF_COLORS[i % 5], linestyle=style, label=lab)
            F_.line(ax_c, xs, eg, color=SVF_COLORS[i % 5], linestyle=style, label=lab)
    # (b): the mean utilization along the cathode w/o GBs, one curve per
    # density, one small panel per SVF: the paper contrasts SVF 33.3 %
    # (uniform even at the lowest density) with 69.4 % (falling with the
    # distance from the separator).
    inner = outer[1].subgridspec(1, len(groups), wspace=0.08)
    cmap = plt.get_cmap("viridis")
    axs_b = []
    for i, (svf, pts) in enumerate(groups.items()):
        ax = fig.add_subplot(inner[i], sharey=axs_b[0] if axs_b else None)
        axs_b.append(ax)
        for j, p in enumerate(pts):
            lab = f"SVF {pct(svf)} %, ρ$_S$ = {pct(p['rho'])} %"
            r = dis(F_, spec, p, "lco", "none")
            if r["status"] != "ok":
                F_.value("b", lab, "rho_S %", pct(p["rho"]), "utilization", r, "evalenergy", "c_norm")
                continue
            prof = r["metrics"]["evalenergy"]["utilisation_profile"]
            zu = [(d, u) for d, u in zip(prof["depth_um"], prof["utilisation"]) if u is not None]
            ax.plot(*zip(*zu), color=cmap(j / max(len(pts) - 1, 1)), label=f"{pct(p['rho'])} %")
            for d, u in zu:
                F_.rows.append({"panel": "b", "series": lab, "x_name": "distance from separator um", "x": d,
                                "y_name": "mean utilization", "y": u, "status": "ok", "reason": ""})
        ax.set_title(f"{'(b) utilization, ' if i == 0 else ''}SVF {pct(svf)} %", fontsize=9)
        ax.set_xlabel("distance from separator / µm", fontsize=7)
        ax.tick_params(labelsize=7)
        if i:
            ax.tick_params(labelleft=False)
    axs_b[0].set_ylim(0, 1.05)
    axs_b[0].set_ylabel("mean CAM utilization, w/o GBs / –")
    axs_b[-1].legend(fontsize=5, title="ρ$_S$", title_fontsize=5)
    ax_a.set_ylabel("C$_{norm}$ / –")
    ax_a.set_ylim(0, 1)
    ax_c.set_ylabel("E$_{grav}$ / Wh kg$^{-1}$")
    for ax, letter, title in ((ax_a, "a", "normalized capacity"), (ax_c, "c", "specific energy")):
        ax.set_xlabel("density after sintering ρ$_S$ / %")
        ax.legend(fontsize=5)
        ax.set_title(f"({letter}) {title}", fontsize=9)
    fig.suptitle("Fig. 8: density after sintering, 1 mA/cm²", fontsize=9)
    fig.tight_layout()
    F_.save(fig)


# --- the size grid (Figs. 9, 10, 11b) -----------------------------------------------------------------------

def size_lines(spec, stage, **fixed):
    """The grid as the study draws it: d_CAM varied at the baseline's d_SE, and d_SE at its d_CAM."""
    pts = sweep(spec, stage, **fixed)
    dse0 = 1.41 if any(p["dse"] == 1.41 for p in pts) else pts[0]["dse"]
    dcam0 = 2.0 if any(p["dcam"] == 2.0 for p in pts) else pts[0]["dcam"]
    vary_cam = sorted((p for p in pts if p["dse"] == dse0), key=lambda p: p["dcam"])
    vary_se = sorted((p for p in pts if p["dcam"] == dcam0), key=lambda p: p["dse"])
    return (f"d$_{{CAM}}$ varied (d$_{{SE}}$ = {dse0} µm)", "dcam", vary_cam), \
        (f"d$_{{SE}}$ varied (d$_{{CAM}}$ = {dcam0} µm)", "dse", vary_se)


def fig9(F_, spec):
    fig, axs = plt.subplots(1, 2, figsize=(9, 3.8))
    for (lab, key, pts), color in zip(size_lines(spec, "structure"), ("tab:purple", "tab:green")):
        xs = [p[key] for p in pts]
        area = [F_.value("a", lab, "d um", x, "active area 1/cm", F_.get("structure", **params(p)), "geomstats",
                         "cleaned", "active_area", "per_volume_per_cm") for x, p in zip(xs, pts)]
        tau = [F_.value("b", lab, "d um", x, "tau SE", F_.get("effcond", **params(p)), "effcond", "se", "tortuosity")
               for x, p in zip(xs, pts)]
        F_.line(axs[0], xs, area, color=color, label=lab)
        F_.line(axs[1], xs, tau, color=color, label=lab)
    axs[0].set_ylabel("active area / cm$^{-1}$")
    axs[1].set_ylabel("tortuosity τ$_{SE}$ / –")
    for ax, letter, t in zip(axs, "ab", ("active area between LCO and LLZO", "SE tortuosity")):
        ax.set_xlabel("mean initial particle diameter / µm")
        ax.legend(fontsize=7)
        ax.set_title(f"({letter}) {t}", fontsize=9)
    fig.suptitle("Fig. 9: particle sizes (SVF 50 %, ρ$_S$ 93.1 %)", fontsize=9)
    fig.tight_layout()
    F_.save(fig)


def size_map(F_, spec, ax, cam, gb, panel, value="c_grav_mAh_per_g"):
    """The grid of (d_CAM, d_SE) labelled with the capacity; the three highest circled red."""
    pts = sorted(sweep(spec, "discharge", cam=cam, gb=gb), key=lambda p: (p["dcam"], p["dse"]))
    vals = []
    for p in pts:
        lab = f"{CAM_NAME[cam]} {gb_label(gb, F_.cases)}"
        v = F_.value(panel, lab, "d_CAM um, d_SE um", f"{p['dcam']}, {p['dse']}", value,
                     F_.get("discharge", **params(p)), "evalenergy", value, what=f"{lab} d_SE {p['dse']}")
        vals.append(v)
    good = [v for v in vals if v is not None]
    vmax = max(good) if good else 1
    for p, v in zip(pts, vals):
        if v is None:
            ax.scatter(p["dcam"], p["dse"], marker="x", color="grey")
            continue
        ax.scatter(p["dcam"], p["dse"], s=60, c=[[0.2, 0.3, 0.8, 0.25 + 0.75 * v / vmax]])
        ax.annotate(f"{v:.0f}", (p["dcam"], p["dse"]), textcoords="offset points", xytext=(5, 4), fontsize=7)
    for v in sorted(good, reverse=True)[:3]:
        p = pts[vals.index(v)]
        ax.scatter(p["dcam"], p["dse"], s=220, facecolors="none", edgecolors="red", linewidths=1.3)
    ax.set_xlabel("d$_{CAM}$ / µm")
    ax.set_ylabel("d$_{SE}$ / µm")
    ax.set_title(f"{CAM_NAME[cam]}, {gb_label(gb, F_.cases)}: C$_{{grav}}$ / mAh g$^{{-1}}$", fontsize=8)


def fig10(F_, spec):
    cases = [g for g in ("R1", "R2", "R3") if g in F_.cases]
    fig, axs = plt.subplots(1, len(cases), figsize=(4.2 * len(cases), 3.8), squeeze=False)
    for ax, gb, letter in zip(axs[0], cases, "abc"):
        size_map(F_, spec, ax, "lco", gb, letter)
    fig.suptitle("Fig. 10: gravimetric capacity over the particle sizes (LCO, SVF 50 %, ρ$_S$ 93.1 %); "
                 "red: the three highest", fontsize=9)
    fig.tight_layout()
    F_.save(fig)


def fig11(F_, spec):
    cases = [g for g in ("R1", "R2") if g in F_.cases]
    fig, axs = plt.subplots(1, 2 + len(cases), figsize=(4.2 * (2 + len(cases)), 3.8))
    for cam, color in (("lco", "tab:blue"), ("nmc811", "tab:green")):
        pts = sorted(sweep(spec, "discharge", cam=cam, gb="none"), key=lambda p: p["svf"])
        pts = [p for p in pts if p["rho"] == pts[0]["rho"] and p["dcam"] == pts[0]["dcam"]
               and p["dse"] == pts[0]["dse"]] if pts else []
        xs = [pct(p["svf"]) for p in pts]
        cn = [F_.value("a", CAM_NAME[cam], "SVF_CAM %", x, "C_norm", F_.get("discharge", **params(p)), "evalenergy",
                       "c_norm") for x, p in zip(xs, pts)]
        cg = [F_.value("a", CAM_NAME[cam], "SVF_CAM %", x, "C_grav mAh/g", F_.get("discharge", **params(p)),
                       "evalenergy", "c_grav_mAh_per_g") for x, p in zip(xs, pts)]
        F_.line(axs[0], xs, cn, color=color, label=CAM_NAME[cam])
        F_.line(axs[1], xs, cg, color=color, label=CAM_NAME[cam])
    axs[0].set_ylabel("C$_{norm}$ / –")
    axs[0].set_ylim(0, 1)
    axs[1].set_ylabel("C$_{grav}$ / mAh g$^{-1}$")
    for ax in axs[:2]:
        ax.set_xlabel("SVF$_{CAM}$ / %")
        ax.legend(fontsize=7)
    axs[0].set_title("(a) normalized capacity, w/o GBs", fontsize=8)
    axs[1].set_title("(a) gravimetric capacity, w/o GBs", fontsize=8)
    for ax, gb in zip(axs[2:], cases):
        size_map(F_, spec, ax, "nmc811", gb, "b")
    fig.suptitle("Fig. 11: LCO against NMC811 (ρ$_S$ 93.1 %); (b) NMC811 over the particle sizes", fontsize=9)
    fig.tight_layout()
    # LCO's values of the size grid, for the comparison the study draws, in the CSV only.
    for gb in cases:
        for p in sweep(spec, "discharge", cam="lco", gb=gb):
            F_.value("b (LCO)", f"LCO {gb}", "d_CAM um, d_SE um", f"{p['dcam']}, {p['dse']}", "c_grav_mAh_per_g",
                     F_.get("discharge", **params(p)), "evalenergy", "c_grav_mAh_per_g")
    F_.save(fig)


DRAW = {"fig2": fig2, "fig3": fig3, "fig4": fig4, "figS4": figS4, "figS6": figS6, "fig5": fig5, "figS5": figS5,
        "fig6": fig6, "fig7": fig7, "fig8": fig8, "fig9": fig9, "fig10": fig10, "fig11": fig11}


def main():
    fig, root, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    figure = Figure(fig, root, spec)
    DRAW[fig](figure, spec)


if __name__ == "__main__":
    main()
