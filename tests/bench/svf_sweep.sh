#!/usr/bin/env bash
# The reference study's SVF sweep of effective conductivities (its Figs. 2-3):
# SVF_LCO 33.3-80 % at density 93.1 %, d_CAM 2.0 um, d_SE 1.41 um, in a
# 12.5 x 12.5 x 25 um box (125 x 125 x 250 voxels of 100 nm), and the
# baseline with the four GB cases (its Fig. 4a). Prints one table.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/release/bin
OUT=tests/bench/out/svf
mkdir -p "$OUT"
printf "%-8s %-8s %-10s %-10s %-8s %-10s %-8s %-10s %-10s %-8s\n" SVF_LCO eps_SE sSE/s tau_SE conn_SE perc_SE eps_CAM sCAM/s tau_CAM perc_CAM
for svf in 0.333 0.40 0.50 0.60 0.694 0.80; do
  f="$OUT/s$svf.h5"
  [ -f "$f" ] || $BIN/genstruct --svf-cam "$svf" --box 125x125x325 --crop 125x125x250 -o - --log-level warn \
    | $BIN/sinter - --density 0.931 --svf-cam "$svf" -o "$f" --log-level warn
  $BIN/effcond "$f" --json "$OUT/e$svf.json" --log-level warn > /dev/null
  $BIN/geomstats "$f" --json "$OUT/g$svf.json" --log-level warn > /dev/null
  /usr/bin/python3 - "$svf" "$OUT/e$svf.json" "$OUT/g$svf.json" <<'PYEOF'
import json, sys
e = json.load(open(sys.argv[2]))["metrics"]; g = json.load(open(sys.argv[3]))["metrics"]
f = lambda v: "inf" if v is None else f"{v:.3f}"
s, c = e["se"], e["cam"]
print(f"{float(sys.argv[1]):<8.3f} {s['volume_fraction']:<8.3f} {s['sigma_eff_normalised']:<10.4f} {f(s['tortuosity']):<10s} "
      f"{g['connectivity_se']:<8.3f} {s['percolating_fraction']:<10.3f} {c['volume_fraction']:<8.3f} "
      f"{c['sigma_eff_normalised']:<10.4f} {f(c['tortuosity']):<10s} {c['percolating_fraction']:<8.3f}")
PYEOF
done
echo
echo "baseline (SVF_LCO 0.5), SE segmented (R = 4, 8 random ids), GB cases:"
$BIN/segment "$OUT/s0.50.h5" -o "$OUT/seg0.50.h5" --log-level warn
for i0 in none 0.7 0.07 0.007; do
  if [ "$i0" = none ]; then args=(); else args=(--gb-i0 "$i0"); fi
  $BIN/effcond "$OUT/seg0.50.h5" --phase se "${args[@]}" --json "$OUT/gb.json" --log-level warn > /dev/null
  /usr/bin/python3 -c "import json; r=json.load(open('$OUT/gb.json'))['metrics']; print(f'  i_GB0 $i0 A/cm2: R_GB {r[\"gb_resistance_ohm_cm2\"]:.4f} ohm cm2, sigma_SE,eff/sigma {r[\"se\"][\"sigma_eff_normalised\"]:.5f}')"
done
