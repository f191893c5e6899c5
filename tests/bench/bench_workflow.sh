#!/usr/bin/env bash
# The workflow's wall time for a whole config on this machine, from an
# empty results folder (docs/benchmarks.md, "Workflow"):
#
#   tests/bench/bench_workflow.sh smoke|quick [CORES]
#
# Prints the wall time, the peak memory of the largest process, the jobs
# and the stages ok/failed, and the slowest stages from the records.
set -euo pipefail
cd "$(dirname "$0")/../.."
config=${1:?usage: bench_workflow.sh smoke|quick [CORES]}
cores=${2:-2}
out=tests/bench/out/workflow-$config
rm -rf "$out"
mkdir -p "$out"
export SSBVOX_BIN=$PWD/build/release/bin
/usr/bin/time -f "%e s wall, %M kB peak (largest process)" -o "$out/time.txt" \
  .venv-workflow/bin/snakemake -s "$PWD/workflows/Snakefile" --configfile "$PWD/workflows/config/$config.yaml" \
  --workflow-profile "$PWD/workflows/profiles/local" --cores "$cores" -d "$out" -q > "$out/run.log" 2>&1
echo "$config on $cores cores: $(cat "$out/time.txt")"
.venv-workflow/bin/python - "$out/results/$config" <<'PYEOF'
import glob, json, sys
recs = [json.load(open(p)) | {"path": p} for p in glob.glob(f"{sys.argv[1]}/structures/**/*.json", recursive=True)
        if not p.endswith(".metrics.json")]
by = {}
for r in recs:
    s = by.setdefault(r["stage"], [0, 0, 0.0])
    s[0 if r["status"] == "ok" else 1] += 1
    s[2] += r["wall_time_s"]
for stage, (ok, failed, wall) in sorted(by.items()):
    print(f"  {stage:<11} {ok:3d} ok {failed:2d} failed  {wall:8.1f} s in all")
for r in sorted(recs, key=lambda r: -r["wall_time_s"])[:3]:
    print(f"  slowest: {r['wall_time_s']:7.1f} s {r['path']}")
for r in recs:
    if r["status"] != "ok":
        print(f"  failed: {r['path']}: {r['reason']}")
PYEOF
