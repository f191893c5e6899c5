#!/usr/bin/env bash
# The geometric sweeps of the reference study (its Figs. 2, 3, 4a, 6, 7):
# structures at SVF_LCO 33.3, 40, 50, 60, 69.4 % and rho_S 93.1 %, and at
# SVF_LCO 33.3, 50, 69.4 % and rho_S 60, 70, 80, 90 %, each generated with
# both targets fitted, cleaned of isolated clusters and segmented (R = 5,
# the SI's default). One CSV row per structure: fractions, connectivity of
# each phase, the three SE-CAM area measures (after cleaning), tau and
# sigma_eff/sigma of both phases, and sigma_eff/sigma of the SE in the three
# GB cases (i_GB0 0.7, 0.07, 0.007 A/cm^2) with the GB resistance as stated
# and times the calibration factor K. Then the plots beside the paper's
# numbers (scripts/plot-geometry-sweep.py).
#
#   scripts/geometry-sweep.sh OUTDIR [NX NZ K SEED]
#     box NX x NX x NZ voxels of 100 nm (default 125 x 125 x 250), K the GB
#     calibration factor (default 12, docs/validation.md), SEED the piles' seed
set -euo pipefail
out=${1:?usage: geometry-sweep.sh OUTDIR [NX NZ K SEED]}
nx=${2:-125}
nz=${3:-250}
k=${4:-12}
seed=${5:-1}
source "$(dirname "$0")/lib/study.sh"
points="0.333 0.931
0.40 0.931
0.50 0.931
0.60 0.931
0.694 0.931
0.333 0.60
0.333 0.70
0.333 0.80
0.333 0.90
0.50 0.60
0.50 0.70
0.50 0.80
0.50 0.90
0.694 0.60
0.694 0.70
0.694 0.80
0.694 0.90"
csv=geometry-sweep.csv
echo "svf_target,density_target,svf_cam,density,connectivity_se,connectivity_cam,area_per_cm,area_faces_per_cm,area_crofton_per_cm,eps_se,tau_se,sigma_se,eps_cam,tau_cam,sigma_cam,sigma_se_gb1,sigma_se_gb2,sigma_se_gb3,sigma_se_gb1_k,sigma_se_gb2_k,sigma_se_gb3_k,k,grains,fit_evaluations" > "$csv"
while read -r svf rho; do
  name="s${svf}-r${rho}"
  echo "== SVF_LCO $svf, rho_S $rho" >&2
  "$bin/genstruct" --seed "$seed" --svf-cam "$svf" --box "${nx}x${nx}x$((nz + nz * 3 / 10))" --crop "${nx}x${nx}x${nz}" \
    -o "$name-pile.h5" --log-level warn
  "$bin/sinter" "$name-pile.h5" --density "$rho" --svf-cam "$svf" -o "$name.h5" --json "$name-sinter.json" --log-level warn
  "$bin/geomstats" "$name.h5" --clean -o "$name-clean.h5" --json "$name-geo.json" --log-level warn > /dev/null
  "$bin/segment" "$name-clean.h5" --radius 5 -o "$name-seg.h5" --json "$name-segment.json" --log-level warn
  "$bin/effcond" "$name-seg.h5" --json "$name-eff.json" --log-level warn > /dev/null
  for i0 in 0.7 0.07 0.007; do
    "$bin/effcond" "$name-seg.h5" --phase se --gb-i0 "$i0" --json "$name-gb$i0.json" --log-level warn > /dev/null
    "$bin/effcond" "$name-seg.h5" --phase se --gb-i0 "$i0" --gb-resistance-factor "$k" \
      --json "$name-gb$i0-k.json" --log-level warn > /dev/null
  done
  "$py" - "$name" "$svf" "$rho" "$k" >> "$csv" <<'PYEOF'
import json, sys
name, svf, rho, k = sys.argv[1:]
m = lambda suffix: json.load(open(f"{name}-{suffix}.json"))["metrics"]
geo, eff, seg, sint = m("geo"), m("eff"), m("segment"), m("sinter")
area = geo["cleaned"]["active_area"]
gb = [m(f"gb{i0}")["se"]["sigma_eff_normalised"] for i0 in ("0.7", "0.07", "0.007")]
gbk = [m(f"gb{i0}-k")["se"]["sigma_eff_normalised"] for i0 in ("0.7", "0.07", "0.007")]
tau = lambda p: "inf" if eff[p]["tortuosity"] is None else f"{eff[p]['tortuosity']:.5g}"
row = [svf, rho, f"{geo['svf_cam']:.5f}", f"{geo['density']:.5f}", f"{geo['connectivity_se']:.5f}",
       f"{geo['connectivity_cam']:.5f}", f"{area['per_volume_per_cm']:.1f}", f"{area['faces_per_volume_per_cm']:.1f}",
       f"{area['crofton_per_volume_per_cm']:.1f}", f"{eff['se']['volume_fraction']:.5f}", tau("se"),
       f"{eff['se']['sigma_eff_normalised']:.5g}", f"{eff['cam']['volume_fraction']:.5f}", tau("cam"),
       f"{eff['cam']['sigma_eff_normalised']:.5g}"] + [f"{v:.5g}" for v in gb + gbk] + \
      [k, str(seg["grains"]), str(sint.get("fit_evaluations", ""))]
print(",".join(row))
PYEOF
  rm -f "$name-pile.h5" "$name.h5"
done <<< "$points"
"$py" "$here/scripts/plot-geometry-sweep.py" "$csv" geometry-sweep.png
echo "wrote $out/$csv and $out/geometry-sweep.png"
