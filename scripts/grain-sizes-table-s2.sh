#!/usr/bin/env bash
# The reference study's Table S2 structures (SVF_LCO 50 %, rho_S 93.1 %, the
# eight (d_CAM, d_SE) pairs with their segmentation radius R) generated,
# sintered and segmented, and their SE grain diameters (number mean,
# volume-weighted mean, Sauter mean d32, D50) beside the table's mean.
#
#   scripts/grain-sizes-table-s2.sh OUTDIR [NX NZ]    # box NX x NX x NZ of 100 nm (default 125 x 125 x 250)
set -euo pipefail
out=${1:?usage: grain-sizes-table-s2.sh OUTDIR [NX NZ]}
nx=${2:-125}
nz=${3:-250}
source "$(dirname "$0")/lib/study.sh"
# d_CAM d_SE R paper's mean segmented d_SE
rows="2.00 0.70 2 1.09
0.80 1.41 4 1.55
2.00 1.41 4 1.76
3.00 1.41 4 1.75
3.50 1.41 4 1.75
8.00 1.41 2 4.56
2.00 3.00 8 3.13
2.00 3.50 8 3.18"
echo "| d_CAM (µm) | d_SE (µm) | R | grains | number mean (µm) | volume-weighted mean | d32 (Sauter) | D50 | Table S2 |"
echo "|---|---|---|---|---|---|---|---|---|"
while read -r dcam dse r paper; do
  name="s2-${dcam}-${dse}"
  "$bin/genstruct" --svf-cam 0.5 --d-cam "$dcam" --d-se "$dse" --box "${nx}x${nx}x$((nz + nz * 3 / 10))" \
    --crop "${nx}x${nx}x${nz}" -o - --log-level warn \
    | "$bin/sinter" - --density 0.931 --svf-cam 0.5 -o "$name.h5" --log-level warn
  "$bin/segment" "$name.h5" --radius "$r" -o "$name-seg.h5" --json "$name.json" --log-level warn
  "$py" - "$name.json" "$dcam" "$dse" "$r" "$paper" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1]))["metrics"]
dcam, dse, r, paper = sys.argv[2:]
print(f"| {dcam} | {dse} | {r} | {m['grains']} | {m['mean_diameter_um']:.2f} | {m['volume_weighted_mean_diameter_um']:.2f} | "
      f"{m['sauter_mean_diameter_um']:.2f} | {m['d50_um']:.2f} | {paper} |")
PYEOF
done <<< "$rows"
