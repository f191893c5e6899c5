#!/usr/bin/env bash
# Every bad input gives exit code 2, a one-line message naming what is wrong,
# and no output file.
source "$(dirname "$0")/lib/common.sh"

"$PY" "$SSB_SOURCE_DIR/scripts/make-example.py" good.h5 --shape 8 8 8
printf 'not a voxel file\n' > text.h5
head -c 3000 good.h5 > cut.h5
"$PY" "$SSB_SOURCE_DIR/tests/tools/lib/bad_layouts.py"

expect_exit 2 "missing input file" -- voxconvert nope.h5 -o x.h5
expect_exit 2 "unknown input format" -- voxconvert text.h5 -o x.h5
expect_exit 2 "truncated HDF5" -- voxconvert cut.h5 -o x.h5
expect_exit 2 "wrong dtype of /phase" -- voxconvert int32.h5 -o x.h5
expect_exit 2 "invalid phase code" -- voxconvert badphase.h5 -o x.h5
expect_exit 2 "missing voxel_size_m" -- voxconvert nosize.h5 -o x.h5
expect_exit 2 "HDF5 file of another program" -- voxconvert other.h5 -o x.h5
expect_exit 2 "unknown output extension" -- voxconvert good.h5 -o x.png
expect_exit 2 "output folder missing" -- voxconvert good.h5 -o no/such/dir/x.h5
expect_exit 2 "no output given" -- voxconvert good.h5
expect_exit 2 "unknown option" -- voxconvert good.h5 -o x.h5 --colour red
expect_exit 2 "out-of-range option" -- voxconvert good.h5 -o x.h5 --threads -1
expect_exit 2 "bad --format" -- voxconvert good.h5 -o x.h5 --format png
expect_exit 2 "bad --phase-map" -- voxconvert grey.mha -o x.h5 --phase-map 0:water
expect_exit 2 "grey values without phase" -- voxconvert grey.mha -o x.h5
expect_exit 2 "non-positive --voxel-um" -- voxconvert grey.mha -o x.h5 --voxel-um 0
expect_exit 2 "image stack to stdout" -- voxconvert good.h5 -o - --format tif
expect_exit 2 "empty stdin" -- voxconvert - -o x.h5 </dev/null
expect_exit 2 "missing config file" -- voxconvert good.h5 -o x.h5 --config none.toml
expect_exit 2 "info on a missing file" -- voxconvert info nope.vdb
expect_exit 2 "voxel file and JSON both on stdout" -- voxconvert good.h5 -o - --json -
expect_exit 2 "JSON into a missing folder" -- voxconvert good.h5 -o x.h5 --json no/dir/m.json
printf 'outptu = "y.h5"\n' > typo.toml
expect_exit 2 "misspelt key in a config file" -- voxconvert good.h5 -o x.h5 --config typo.toml
expect_exit 0 "a correct conversion still works" -- voxconvert good.h5 -o ok.vdb --log-level warn
expect_exit 0 "help" -- voxconvert --help

if [ -e x.h5 ] || [ -e x.png ] || ls -a | grep -q '\.tmp'; then
  fail "a failed run left an output or temporary file: $(ls -a)"
else
  pass "no output or temporary file left behind by failed runs"
fi
finish
