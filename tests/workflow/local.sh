#!/usr/bin/env bash
# The workflow as a user runs it on a workstation (workflows/profiles/local):
# the smoke config end to end, every figure's outputs valid and their
# numbers the records' and the cells'; one parameter changed in a copy of
# the config re-runs only the jobs that depend on it (dry run); a sweep with
# a point that cannot work (no CAM connected to the collector) completes
# with that point marked failed; invalid configs stop before any job runs,
# naming the key.
source "$(dirname "$0")/../tools/lib/common.sh"
VENV=${SSB_WORKFLOW_VENV:-$SSB_SOURCE_DIR/.venv-workflow}
SNAKEMAKE=$VENV/bin/snakemake
export SSBVOX_BIN=$SSB_BIN
smk() {
  "$SNAKEMAKE" -s "$SSB_SOURCE_DIR/workflows/Snakefile" --workflow-profile "$SSB_SOURCE_DIR/workflows/profiles/local" \
    --cores 2 "$@"
}
check() {  # CONFIG [--failed SVF], in the run's folder (the records name their files from there)
  (cd run && "$VENV/bin/python" "$SSB_SOURCE_DIR/tests/workflow/lib/check_outputs.py" results/smoke "../$1" "${@:2}" \
    --materials "$SSB_SOURCE_DIR/data/materials")
}
cp "$SSB_SOURCE_DIR/workflows/config/smoke.yaml" smoke.yaml

# 1. The smoke config end to end.
if smk --configfile smoke.yaml -d run -q > smoke.log 2>&1; then
  pass "the smoke config ran ($(grep -c ': ok$' smoke.log) stages ok)"
else
  fail "the smoke run: $(tail -n 20 smoke.log)"
fi
check smoke.yaml > check.txt 2>&1 && pass "$(tail -n 1 check.txt)" || fail "outputs: $(cat check.txt)"
smk --configfile smoke.yaml -d run -n > again.txt 2>&1
grep -q "Nothing to be done" again.txt && pass "a second run has nothing to do" || fail "a second run: $(tail -n 5 again.txt)"

# 2. One parameter changed (R_GB,3's exchange current): only the R_GB,3
# points and the figures that draw them would run again.
sed 's/R3: 0.007/R3: 0.005/' smoke.yaml > changed.yaml
smk --configfile changed.yaml -d run -n > dry.txt 2>&1
"$PY" - <<'PYEOF' && pass "a changed R_GB,3 re-runs only its points and the figures that draw them" || fail "dry run: $(grep -E '^[a-z_]+ +[0-9]+$' dry.txt)"
import csv, glob, re
text = open("dry.txt").read()
outputs = re.findall(r"^    output: (.*)$", text, re.M)
stages = [o for o in outputs if "/structures/" in o]
figures = {re.search(r"figures/(\w+)\.png", o).group(1) for o in outputs if "/figures/" in o}
assert stages and all("gb~R3" in o for o in stages), stages
# Every R3 record of the run is there, no other.
r3 = {p for p in glob.glob("run/results/smoke/structures/**/*.json", recursive=True)
      if "R3" in p and not p.endswith(".metrics.json")}
assert set(stages) == {p[len("run/"):] for p in r3}, (stages, r3)
# The figures that draw an R3 point, by their status tables, and no other.
want = {f.split("/")[-1][:-4] for f in glob.glob("run/results/smoke/status/*.csv")
        if any(row["gb"] == "R3" for row in csv.DictReader(open(f)))}
assert figures == want, (figures, want)
assert "fig2" not in figures and "fig9" not in figures
PYEOF

# 3. A point that cannot work: SVF_CAM 3 %, whose CAM never reaches the
# collector (the cleaned structure holds none). The sweep completes.
sed -e 's/^  svf: \[0.4, 0.6\]/  svf: [0.4, 0.03]/' -e 's/^figures: .*/figures: [fig2, fig4]/' smoke.yaml > failing.yaml
if smk --configfile failing.yaml -d run -q > failing.log 2>&1; then
  pass "a sweep with a failing point completes"
else
  fail "the failing sweep stopped: $(tail -n 20 failing.log)"
fi
check failing.yaml --failed 0.03 > check2.txt 2>&1 \
  && grep -q "no CAM" run/results/smoke/status/fig4.csv \
  && pass "the point at SVF 3 % is marked failed with its reason, the rest ok" || fail "failed point: $(cat check2.txt)"

# 4. Invalid configs stop before any job, naming the key.
invalid() {  # DESCRIPTION KEY SED-EXPRESSION
  sed -e "$3" smoke.yaml > bad.yaml
  local rc=0
  smk --configfile bad.yaml -d bad -q > bad.txt 2>&1 || rc=$?
  if [ "$rc" -ne 0 ] && grep -q "config key $2" bad.txt && [ ! -e bad/results ]; then
    pass "$1: refused before any job ($(grep -o "config key $2[^.]*" bad.txt | head -n 1))"
  else
    fail "$1: exit $rc, $(tail -n 5 bad.txt)"
  fi
}
invalid "an unknown figure" "figures.13" 's/^figures: \[\(.*\)\]/figures: [\1, fig99]/'
invalid "an SVF outside (0, 1)" "sweeps.svf.1" 's/^  svf: \[0.4, 0.6\]/  svf: [0.4, 1.2]/'
invalid "a missing material" "materials.nmc811" 's/nmc811: nmc811/nmc811: nosuch/'
invalid "an unknown key" "discharge.separator_mm" 's/separator_um: 2/separator_mm: 2/'
finish
