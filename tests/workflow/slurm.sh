#!/usr/bin/env bash
# The workflow through SLURM as on a cluster (workflows/profiles/slurm, the
# executor plugin 2.x): a real single-node SLURM started here on localhost
# (tests/workflow/lib/slurm-local.sh: munge, slurmctld, slurmd, no
# accounting) and stopped afterwards; the smoke config through it, every
# job an sbatch job, discharge and effcond as MPI jobs of 2 ranks, the
# outputs as valid as in the local run.
source "$(dirname "$0")/../tools/lib/common.sh"
source "$SSB_SOURCE_DIR/tests/workflow/lib/slurm-local.sh"
VENV=${SSB_WORKFLOW_VENV:-$SSB_SOURCE_DIR/.venv-workflow}
export SSBVOX_BIN=$SSB_BIN
if ! slurm_local_available; then
  echo "skip: no local SLURM can run here (not root, no apt)"
  exit 77
fi
trap 'slurm_local_stop; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
if slurm_local_start "$WORK/slurm" > slurm-start.log 2>&1; then
  pass "a single-node SLURM runs on localhost ($(sinfo -h -o '%D node, %c CPUs, %t'))"
else
  fail "SLURM did not start: $(tail -n 20 slurm-start.log)"
  finish
fi
# The smoke config, its discharges and effcond runs as MPI jobs of 2 ranks.
"$VENV/bin/python" - "$SSB_SOURCE_DIR/workflows/config/smoke.yaml" <<'PYEOF'
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
for stage in ("discharge", "effcond"):
    c[stage]["resources"]["processes"] = 2
yaml.safe_dump(c, open("smoke.yaml", "w"), sort_keys=False)
PYEOF
# The test cluster answers at once: poll after 1 s, not the plugin's 40 s.
rc=0
timeout -s INT 1500 "$VENV/bin/snakemake" -s "$SSB_SOURCE_DIR/workflows/Snakefile" \
  --workflow-profile "$SSB_SOURCE_DIR/workflows/profiles/slurm" --configfile smoke.yaml -d run \
  --jobs 4 --slurm-init-seconds-before-status-checks 1 --seconds-between-status-checks 2 \
  --slurm-keep-successful-logs -q > slurm-run.log 2>&1 || rc=$?
if [ "$rc" -eq 0 ]; then
  pass "the smoke config ran through SLURM"
else
  fail "the SLURM run: exit $rc: $(tail -n 30 slurm-run.log)"
fi
jobs=$(squeue -h -t all -o '%i' | wc -l)
points=$(find run/results/smoke/structures -name '*.json' ! -name '*.metrics.json' | wc -l)
[ "$jobs" -ge "$points" ] && pass "every stage was a SLURM job ($jobs jobs for $points records)" \
  || fail "only $jobs SLURM jobs for $points records"
mpi=$(grep -l '^\$ srun -n 2 .*/discharge ' $(find run/results -name discharge.log) | wc -l)
[ "$mpi" -gt 0 ] && [ "$mpi" -eq "$(find run/results -name discharge.log | wc -l)" ] \
  && pass "every discharge ran as 2 MPI ranks under srun ($mpi)" || fail "discharges under srun -n 2: $mpi"
(cd run && "$VENV/bin/python" "$SSB_SOURCE_DIR/tests/workflow/lib/check_outputs.py" results/smoke ../smoke.yaml \
  --materials "$SSB_SOURCE_DIR/data/materials") > check.txt 2>&1 && pass "$(tail -n 1 check.txt)" || fail "outputs: $(cat check.txt)"
finish
