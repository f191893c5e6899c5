#!/usr/bin/env bash
# Benchmark of genstruct + sinter (structure generation at the reference
# study's scale): the paper-size baseline with both targets fitted, and the
# growth of time and memory with box size. Run by tests/bench/run-all.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/release/bin
OUT=tests/bench/out
mkdir -p "$OUT"

run() {  # label, box, crop
  local label=$1 box=$2 crop=$3
  /usr/bin/time -f "%e %M" -o "$OUT/time-$label.txt" bash -c \
    "$BIN/genstruct --svf-cam 0.5 --d-cam 2.0 --d-se 1.41 --box $box --crop $crop -o - --log-level warn \
     | $BIN/sinter - --density 0.931 --svf-cam 0.5 -o $OUT/struct-$label.h5 --log-level warn --json $OUT/struct-$label.json"
  read -r secs kb < "$OUT/time-$label.txt"
  /usr/bin/python3 - "$label" "$crop" "$secs" "$kb" "$OUT/struct-$label.json" <<'PYEOF'
import json, sys
label, crop, secs, kb, path = sys.argv[1:6]
m = json.load(open(path))["metrics"]
nx, ny, nz = map(int, crop.split("x"))
print(f"{label:8s} crop {crop:12s} {nx*ny*nz/1e6:6.1f} M voxels  {float(secs):6.1f} s  peak {int(kb)/1024**2:5.2f} GiB  "
      f"SVF_CAM {m['svf_cam']:.4f} (err {m['svf_cam_error']:+.4f})  density {m['density']:.4f} "
      f"(err {m['density_error']:+.4f})  evaluations {m['fit_evaluations']}")
PYEOF
}

echo "genstruct | sinter --density 0.931 --svf-cam 0.5 (SVF 0.5, d_CAM 2.0 um, d_SE 1.41 um, 100 nm voxels)"
run small 125x125x325 125x125x250
run medium 180x180x468 180x180x360
run paper 250x250x650 250x250x500

echo
echo "one pile and one sintering, without the fit (time grows with the voxel count):"
for spec in "small 125x125x325 125x125x250" "medium 180x180x468 180x180x360" "paper 250x250x650 250x250x500"; do
  set -- $spec
  g=$( { /usr/bin/time -f "%e %M" $BIN/genstruct --box "$2" --crop "$3" -o "$OUT/pile-$1.h5" --log-level warn; } 2>&1 | tail -1)
  s=$( { /usr/bin/time -f "%e %M" $BIN/sinter "$OUT/pile-$1.h5" --density 0.931 -o "$OUT/sint-$1.h5" --log-level warn; } 2>&1 | tail -1)
  read -r gs gk <<< "$g"; read -r ss sk <<< "$s"
  printf "%-8s crop %-12s genstruct %5.1f s (%4.2f GiB)   sinter %5.1f s (%4.2f GiB)\n" "$1" "$3" "$gs" \
    "$(awk "BEGIN{print $gk/1048576}")" "$ss" "$(awk "BEGIN{print $sk/1048576}")"
done
