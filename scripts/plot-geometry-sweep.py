"""Plots of scripts/geometry-sweep.sh's CSV beside the reference study's numbers.

    plot-geometry-sweep.py SWEEP.csv OUT.png

Left: the active area (after cleaning) against the density after sintering,
for each composition, with the paper's Fig. 7 row at SVF_LCO 50 % and, for
SVF 50 %, the face count and the Crofton estimate beside the headline.
Middle: sigma_eff/sigma of the SE at rho_S 93.1 % against SVF_LCO without
GBs and in the three GB cases, as stated (dashed) and with the calibration
factor K (solid), with the paper's Fig. 4a points. Right: connectivity of
each phase against density. Prints the comparisons as Markdown tables.
"""
import csv
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Read from the paper's figures (docs/validation.md says where each comes from).
FIG7_SVF50 = {0.60: 1150, 0.70: 2700, 0.80: 4100, 0.90: 5750, 0.931: 6150}  # 1/cm
FIG4A = {  # SVF_LCO: sigma_eff/sigma of the SE w/o GBs, R_GB,1, R_GB,2, R_GB,3
    0.333: (0.35, 0.12, 0.032, 0.0066),
    0.694: (0.025, 0.0055, 8.9e-4, 1.1e-4),
}
CASES = ("w/o GBs", "R_GB,1", "R_GB,2", "R_GB,3")


def main(path, png):
    rows = list(csv.DictReader(open(path)))
    for r in rows:
        for key, value in r.items():
            try:
                r[key] = float(value)
            except ValueError:
                pass
    k = rows[0]["k"]
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(16, 4.8))

    colours = {0.333: "tab:blue", 0.5: "tab:green", 0.694: "tab:red"}
    for svf, colour in colours.items():
        pts = sorted((r["density_target"], r) for r in rows if abs(r["svf_target"] - svf) < 1e-9)
        rho = [100 * p[0] for p in pts]
        left.plot(rho, [p[1]["area_per_cm"] for p in pts], "o-", color=colour, label=f"SVF_LCO {100 * svf:.1f} %")
        if svf == 0.5:
            left.plot(rho, [p[1]["area_faces_per_cm"] for p in pts], "s:", color=colour, label="SVF 50 %: face count")
            left.plot(rho, [p[1]["area_crofton_per_cm"] for p in pts], "^--", color=colour,
                      label="SVF 50 %: Crofton estimate")
        right.plot(rho, [p[1]["connectivity_se"] for p in pts], "o-", color=colour, label=f"SE, SVF {100 * svf:.1f} %")
        right.plot(rho, [p[1]["connectivity_cam"] for p in pts], "s--", color=colour, label=f"CAM, SVF {100 * svf:.1f} %")
    left.plot([100 * d for d in FIG7_SVF50], list(FIG7_SVF50.values()), "k*", markersize=11,
              label="paper, Fig. 7 (SVF 50 %)")
    left.set_xlabel("density after sintering (%)")
    left.set_ylabel("active area (1/cm)")
    left.legend(fontsize=7)
    left.grid(alpha=0.3)
    right.set_xlabel("density after sintering (%)")
    right.set_ylabel("connectivity")
    right.legend(fontsize=7, ncol=2)
    right.grid(alpha=0.3)

    dense = sorted((r["svf_target"], r) for r in rows if abs(r["density_target"] - 0.931) < 1e-9)
    svfs = [100 * d[0] for d in dense]
    keys = ("sigma_se", "sigma_se_gb1", "sigma_se_gb2", "sigma_se_gb3")
    styles = ("k", "tab:orange", "tab:red", "tab:purple")
    for case, key, colour in zip(CASES, keys, styles):
        middle.semilogy(svfs, [d[1][key] for d in dense], "o--" if key != "sigma_se" else "o-", color=colour,
                        alpha=0.6 if key != "sigma_se" else 1.0, label=f"{case}" + ("" if key == "sigma_se" else ", K = 1"))
        if key != "sigma_se":
            middle.semilogy(svfs, [d[1][key + "_k"] for d in dense], "o-", color=colour, label=f"{case}, K = {k:g}")
    for svf, values in FIG4A.items():
        for value, colour in zip(values, styles):
            middle.semilogy([100 * svf], [value], "*", color=colour, markersize=12, markeredgecolor="k")
    middle.plot([], [], "k*", label="paper, Fig. 4a")
    middle.set_xlabel("SVF_LCO (%)")
    middle.set_ylabel("sigma_eff / sigma of the SE")
    middle.legend(fontsize=7)
    middle.grid(alpha=0.3, which="both")
    fig.tight_layout()
    fig.savefig(png, dpi=120)

    print("Active area after cleaning at SVF_LCO 50 % against Fig. 7:\n")
    print("| rho_S | paper | ssbvox (CAM voxels beside SE) | deviation | face count | Crofton |")
    print("|---|---|---|---|---|---|")
    for r in sorted((r for r in rows if abs(r["svf_target"] - 0.5) < 1e-9), key=lambda r: r["density_target"]):
        paper = FIG7_SVF50.get(r["density_target"])
        dev = f"{100 * (r['area_per_cm'] / paper - 1):+.0f} %" if paper else ""
        print(f"| {100 * r['density_target']:.1f} % | {paper or ''} | {r['area_per_cm']:.0f} | {dev} | "
              f"{r['area_faces_per_cm']:.0f} | {r['area_crofton_per_cm']:.0f} |")
    print(f"\nsigma_eff/sigma of the SE at rho_S 93.1 % (K = {k:g}: the GB resistance times K):\n")
    print("| SVF_LCO | source | w/o GBs | R_GB,1 | R_GB,2 | R_GB,3 |")
    print("|---|---|---|---|---|---|")
    for svf, r in dense:
        if svf in FIG4A:
            print(f"| {100 * svf:.1f} % | Fig. 4a | " + " | ".join(f"{v:.3g}" for v in FIG4A[svf]) + " |")
        print(f"| {100 * svf:.1f} % | ssbvox, K = 1 | " + " | ".join(f"{r[key]:.3g}" for key in keys) + " |")
        print(f"| {100 * svf:.1f} % | ssbvox, K = {k:g} | {r['sigma_se']:.3g} | " +
              " | ".join(f"{r[key + '_k']:.3g}" for key in keys[1:]) + " |")
        if svf in FIG4A:
            ratios = [r["sigma_se"] / FIG4A[svf][0]] + [r[key + "_k"] / v for key, v in zip(keys[1:], FIG4A[svf][1:])]
            worst = max(max(x, 1 / x) for x in ratios)
            print(f"| | ssbvox (K = {k:g}) / paper, worst {worst:.2f} | " + " | ".join(f"{x:.2f}" for x in ratios) + " |")
    if not all(math.isfinite(r["sigma_se"]) for r in rows):
        print("\n(an SE without a percolating path has sigma_eff 0)")


if __name__ == "__main__":
    main(*sys.argv[1:3])
