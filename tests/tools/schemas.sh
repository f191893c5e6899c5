#!/usr/bin/env bash
# Real outputs match the JSON Schemas in schemas/, and layouts that lib/io
# refuses are refused by the schema too.
source "$(dirname "$0")/lib/common.sh"
S="$SSB_SOURCE_DIR/schemas"
H5S="$SSB_SOURCE_DIR/scripts/h5structure.py"

"$PY" "$SSB_SOURCE_DIR/scripts/make-example.py" a.h5 --shape 10 9 8
voxconvert a.h5 -o b.vdb --log-level warn
voxconvert b.vdb -o c.h5 --log-level warn --json conv.json
cat a.h5 | voxconvert - -o - --log-level warn > d.h5

for f in a.h5 c.h5 d.h5; do
  if "$PY" "$H5S" "$f" --validate "$S/voxelfile.schema.json"; then
    pass "$f matches voxelfile.schema.json"
  else
    fail "$f does not match voxelfile.schema.json"
  fi
done

"$PY" - <<'PYEOF'
import h5py, numpy as np
def base(name):
    f = h5py.File(name, "w")
    f.attrs["format"] = "ssbvox"; f.attrs["format_version"] = np.int32(1)
    return f
with base("int32.h5") as f:
    f.create_dataset("phase", data=np.zeros((2, 2, 2), np.int32)).attrs["voxel_size_m"] = 1e-7
with base("extra.h5") as f:
    f.create_dataset("phase", data=np.zeros((2, 2, 2), np.uint8)).attrs["voxel_size_m"] = 1e-7
    f.create_dataset("extra", data=np.zeros(3))
with base("noattr.h5") as f:
    f.create_dataset("phase", data=np.zeros((2, 2, 2), np.uint8))
with base("badstep.h5") as f:
    f.create_dataset("phase", data=np.zeros((2, 2, 2), np.uint8)).attrs["voxel_size_m"] = 1e-7
    f.create_group("provenance").create_group("first").attrs["tool"] = "x"
PYEOF
for f in int32.h5 extra.h5 noattr.h5 badstep.h5; do
  if "$PY" "$H5S" "$f" --validate "$S/voxelfile.schema.json" 2>/dev/null; then
    fail "$f should violate voxelfile.schema.json"
  else
    pass "$f violates voxelfile.schema.json"
  fi
  expect_exit 2 "$f refused by voxconvert too" -- voxconvert info "$f"
done

voxconvert info c.h5 --json info.json --log-level warn > /dev/null
for doc in conv.json info.json; do
  if "$PY" -c 'import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))' "$S/metrics.schema.json" "$doc"; then
    pass "$doc matches metrics.schema.json"
  else
    fail "$doc does not match metrics.schema.json"
  fi
done
finish
