"""Runs one stage of one point of the workflow and always writes its record.

    run_stage.py STAGE RECORD SPEC_JSON [--threads N] [--processes N]

STAGE is structure, effcond, segment, effcond_gb or discharge (see
ssbvox_workflow.py); RECORD the status record to write; SPEC_JSON the
stage's parameters as the Snakefile gives them (tools folder, options,
upstream record). A failing tool (a structure without a percolating path,
a target not reached, a solver failure) does not fail the job: the record
says `failed`, with the tool's one-line error as the reason, so that the
rest of the sweep completes and the figure shows the point as missing and
why. The job itself fails only when the record cannot be written.
"""
import json
import os
import shlex
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ssbvox_workflow as wf  # noqa: E402


def launcher(processes):
    """How to start an MPI run: srun inside a SLURM job, mpirun elsewhere."""
    if processes <= 1:
        return []
    if os.environ.get("SLURM_JOB_ID"):
        return ["srun", "-n", str(processes)]
    return ["mpirun", "--allow-run-as-root", "--oversubscribe", "-n", str(processes)]


TOOLS = {"genstruct", "sinter", "geomstats", "segment", "effcond", "discharge", "evalenergy"}


class StageFailed(Exception):
    pass


def run(cmd, log):
    """Runs one tool; its stderr goes to the log; a non-zero exit raises
    StageFailed with the tool's error line."""
    log.write("$ " + " ".join(shlex.quote(c) for c in cmd) + "\n")
    log.flush()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log.write(p.stderr)
    if p.returncode != 0:
        lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
        errors = [ln for ln in lines if ": error: " in ln or ": failed: " in ln]
        reason = (errors or lines or [f"exit {p.returncode}"])[-1]
        tool = next((os.path.basename(c) for c in cmd if os.path.basename(c) in TOOLS), cmd[0])
        raise StageFailed(f"{tool} exit {p.returncode}: {reason}")


def metrics(path):
    with open(path) as f:
        return json.load(f)["metrics"]


def stage_structure(s, d, log):
    b = s["bin"]
    pile, sintered, cleaned = f"{d}/pile.tmp.h5", f"{d}/sintered.tmp.h5", f"{d}/cleaned.h5"
    nz = s["depth"] + max(1, round(s["depth"] * s["pile_margin"]))
    box = f"{s['box_xy']}x{s['box_xy']}"
    common = ["--log-level", "warn"]
    recipe = ["--recipe", s["recipe"]] if s.get("recipe") else []
    try:
        run([f"{b}/genstruct", "--seed", str(s["seed"]), "--svf-cam", s["svf"], "--d-cam", s["dcam"], "--d-se", s["dse"],
             "--voxel-um", str(s["voxel_um"]), "--box", f"{box}x{nz}", "--crop", f"{box}x{s['depth']}", *recipe,
             "-o", pile, *common], log)
        run([f"{b}/sinter", pile, "--density", s["rho"], "--svf-cam", s["svf"], "-o", sintered,
             "--json", f"{d}/sinter.metrics.json", *common], log)
        run([f"{b}/geomstats", sintered, "--clean", "-o", cleaned, "--json", f"{d}/geomstats.metrics.json", *common], log)
    finally:
        for f in (pile, sintered):
            if os.path.exists(f):
                os.remove(f)
    return {"sinter": metrics(f"{d}/sinter.metrics.json"), "geomstats": metrics(f"{d}/geomstats.metrics.json")}, cleaned


def stage_effcond(s, d, log, gb=None):
    b, src = s["bin"], s["input"]
    threads = ["--threads", str(s["threads"])]
    out = f"{d}/effcond.metrics.json" if gb is None else f"{d}/effcond_gb~{s['point']['gb']}.metrics.json"
    cmd = launcher(s["processes"]) + [f"{b}/effcond", src, "--json", out, "--log-level", "warn", *threads,
                                      "--se", s["se"], "--cam", s["cam_material"]]
    if gb is not None:
        cmd += ["--phase", "se", "--gb-i0", str(gb), "--gb-resistance-factor", str(s["gb_resistance_factor"])]
    run(cmd, log)
    return {"effcond": metrics(out)}, None


def stage_segment(s, d, log):
    b = s["bin"]
    out = f"{d}/segmented.h5"
    run([f"{b}/segment", s["input"], "--radius", str(s["R"]), "--sigma", str(s["sigma"]), "--ids", str(s["ids"]),
         "-o", out, "--json", f"{d}/segment.metrics.json", "--log-level", "warn"], log)
    return {"segment": metrics(f"{d}/segment.metrics.json")}, out


def stage_discharge(s, d, log):
    b = s["bin"]
    cell = f"{d}/cell.h5"
    gb = ["--no-gb"] if s["gb_i0"] is None else ["--gb-i0", str(s["gb_i0"]), "--gb-resistance-factor",
                                                 str(s["gb_resistance_factor"])]
    surface = ["--sub-voxel-surface"] if s["sub_voxel_surface"] else []
    run(launcher(s["processes"]) + [
        f"{b}/discharge", s["input"], "--cam", s["cam_material"], "--se", s["se"], *gb, *surface,
        "--current-mA-cm2", str(s["current_mA_cm2"]), "--cutoff-V", str(s["cutoff_V"]),
        "--separator-um", str(s["separator_um"]), "--coarsen", str(s["coarsen"]), "--threads", str(s["threads"]),
        *s["extra_args"], "-o", cell, "--json", f"{d}/discharge.metrics.json", "--log-level", "warn"], log)
    run([f"{b}/evalenergy", cell, "--cutoff-V", str(s["cutoff_V"]), "--json", f"{d}/evalenergy.metrics.json",
         "--log-level", "warn"], log)
    return {"discharge": metrics(f"{d}/discharge.metrics.json"),
            "evalenergy": metrics(f"{d}/evalenergy.metrics.json")}, cell


STAGES = {
    "structure": stage_structure,
    "effcond": stage_effcond,
    "segment": stage_segment,
    "effcond_gb": lambda s, d, log: stage_effcond(s, d, log, gb=s["gb_i0"]),
    "discharge": stage_discharge,
}


def main():
    import argparse
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("stage", choices=sorted(STAGES))
    a.add_argument("record")
    a.add_argument("spec")
    a.add_argument("--threads", type=int, default=1)
    a.add_argument("--processes", type=int, default=1)
    r = a.parse_args()
    stage, record, spec = r.stage, r.record, json.loads(r.spec)
    spec["threads"], spec["processes"] = r.threads, r.processes
    d = os.path.dirname(record) or "."
    os.makedirs(d, exist_ok=True)
    doc = {"stage": stage, "parameters": spec["point"], "status": "ok", "reason": None, "output": None,
           "wall_time_s": 0.0, "metrics": {}}
    start = time.monotonic()
    with open(record[:-len(".json")] + ".log", "w") as log:
        try:
            if spec.get("upstream"):
                up = wf.read_record(spec["upstream"])
                if up["status"] != "ok":
                    raise StageFailed(f"{up['stage']} failed: {up['reason']}")
                spec["input"] = up["output"]
            doc["metrics"], doc["output"] = STAGES[stage](spec, d, log)
        except StageFailed as e:
            doc["status"], doc["reason"] = "failed", str(e)
            log.write(f"failed: {e}\n")
    doc["wall_time_s"] = round(time.monotonic() - start, 3)
    wf.write_json_atomic(record, doc)
    print(f"{stage} {record}: {doc['status']}" + (f" ({doc['reason']})" if doc["reason"] else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
