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

"$PY" "$SSB_SOURCE_DIR/tests/tools/lib/bad_layouts.py"
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
# Material files: the bundled ones match material.schema.json; one that the
# schema refuses is refused by effcond too.
for m in "$SSB_SOURCE_DIR"/data/materials/*.json; do
  "$PY" -c 'import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))' \
    "$S/material.schema.json" "$m" && pass "$(basename "$m") matches material.schema.json" || fail "$m violates material.schema.json"
done
"$PY" - <<'PYEOF'
import json
m = json.load(open(__import__("os").environ["SSB_SOURCE_DIR"] + "/data/materials/lco.json"))
del m["diffusivity_cm2_per_s"]
json.dump(m, open("no-diffusivity.json", "w"))
PYEOF
if "$PY" -c 'import json,sys,jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))' \
    "$S/material.schema.json" no-diffusivity.json 2>/dev/null; then
  fail "a CAM without diffusivity passes material.schema.json"
else
  pass "a CAM without diffusivity violates material.schema.json"
fi
expect_exit 2 "effcond refuses it too" -- effcond a.h5 --cam no-diffusivity.json
# The workflow's configs match workflow.schema.yaml, itself a valid schema.
for c in "$SSB_SOURCE_DIR"/workflows/config/*.yaml; do
  "$PY" -c 'import sys, yaml, jsonschema; s = yaml.safe_load(open(sys.argv[1])); jsonschema.Draft202012Validator.check_schema(s); jsonschema.Draft202012Validator(s).validate(yaml.safe_load(open(sys.argv[2])))' \
    "$S/workflow.schema.yaml" "$c" && pass "$(basename "$c") matches workflow.schema.yaml" || fail "$c violates workflow.schema.yaml"
done
finish
