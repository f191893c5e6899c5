#!/usr/bin/env bash
# The reference study's baseline (SVF_LCO 50 %, rho_S 93.1 %, d_CAM 2.0 um,
# d_SE 1.41 um) discharged at 1 mA/cm^2 to 3.4 V in its four grain-boundary
# cases (none; i_GB0 = 0.7, 0.07, 0.007 A/cm^2), then the plots and the
# table of docs/validation.md ("discharge against the paper").
#
#   scripts/discharge-baseline.sh OUTDIR [NX NZ [SEPARATOR_UM [K]]]
#
# The cathode is NX x NX x NZ voxels of 100 nm (default 60 x 60 x 120, the
# paper's is 250 x 250 x 500), the separator 25 um thick unless given, the
# GB resistance times K (--gb-resistance-factor; default 1, the model as
# stated; docs/validation.md offers 12 as the calibration to Fig. 4a).
set -euo pipefail
out=${1:?usage: discharge-baseline.sh OUTDIR [NX NZ]}
nx=${2:-60}
nz=${3:-120}
separator=${4:-25}
k=${5:-1}
suffix=""
[ "$k" != 1 ] && suffix=" (K = $k)"
source "$(dirname "$0")/lib/study.sh"
"$bin/genstruct" --svf-cam 0.5 --d-cam 2.0 --d-se 1.41 --box "${nx}x${nx}x$((nz + nz / 3))" --crop "${nx}x${nx}x${nz}" \
  -o - --log-level warn | "$bin/sinter" - --density 0.931 --svf-cam 0.5 -o sintered.h5 --log-level warn
"$bin/segment" sintered.h5 -o segmented.h5 --log-level warn
"$bin/geomstats" segmented.h5 --clean -o baseline.h5 --json geomstats.json --log-level warn > /dev/null
for case in none 7e-1 7e-2 7e-3; do
  gb=(--no-gb)
  [ "$case" != none ] && gb=(--gb-i0 "$case" --gb-resistance-factor "$k")
  /usr/bin/time -f "%e s wall, %M kB" "$bin/discharge" baseline.h5 "${gb[@]}" --separator-um "$separator" -o "cell-$case.h5" --json "discharge-$case.json" \
    2> "log-$case.txt"
done
"$py" "$here/scripts/plot-discharge.py" . cell-none.h5 cell-7e-1.h5 cell-7e-2.h5 cell-7e-3.h5 \
  --labels "w/o GBs" "i_GB0 = 0.7 A/cm2$suffix" "0.07 A/cm2$suffix" "0.007 A/cm2$suffix"
