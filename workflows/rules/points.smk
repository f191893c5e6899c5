# The stages of each point (workflows/scripts/ssbvox_workflow.py): each job
# writes its record whatever happens to the point, and its voxel file beside
# it when the tools succeeded. The stage's whole specification is a param,
# so that a changed option re-runs exactly the jobs that use it; threads and
# processes are not (they change how fast, not what). Params are functions of
# the wildcards alone: Snakemake records those for its params trigger.


def resources_of(section, key, default):
    return config.get(section, {}).get("resources", {}).get(key, default)


def mpi_resources(section):
    """tasks = the MPI processes; with more than one, mpi = "srun" marks the
    job as MPI for the SLURM plugin (no srun around the job: run_stage.py
    starts the ranks with srun)."""
    tasks = resources_of(section, "processes", 1)
    return {"tasks": tasks, "mpi": "srun"} if tasks > 1 else {"tasks": tasks}


def point_of(w, **extra):
    p = {k: float(getattr(w, k)) for k in ("svf", "rho", "dcam", "dse") if hasattr(w, k)}
    if hasattr(w, "R"):
        p["R"] = float(w.R)
    for k in ("gb", "cam"):
        if hasattr(w, k):
            p[k] = getattr(w, k)
    return dict(p, **extra)


def material(name):
    return wf.material_path(config["materials"][name], REPO)


def gb_i0(gb):
    return None if gb == "none" else config["gb_cases"][gb]


def structure_dir(w):
    return STRUCTURE.format(svf=w.svf, rho=w.rho, dcam=w.dcam, dse=w.dse)


def spec(w, upstream=None, **options):
    return json.dumps({"bin": str(BIN), "point": point_of(w), "upstream": upstream, **options}, sort_keys=True)


rule structure:
    output:
        STRUCTURE + "/structure.json",
    params:
        spec=lambda w: spec(w, svf=w.svf, rho=w.rho, dcam=w.dcam, dse=w.dse, seed=config["seed"],
                            **{k: config["structure"][k] for k in ("voxel_um", "box_xy", "depth", "pile_margin", "recipe")}),
    threads: 1
    resources:
        mem_mb=resources_of("structure", "mem_mb", 2000),
        runtime=resources_of("structure", "runtime_min", 60),
    shell:
        "{PY:q} {SCRIPTS}/run_stage.py structure {output:q} {params.spec:q}"


rule effcond:
    input:
        STRUCTURE + "/structure.json",
    output:
        STRUCTURE + "/effcond.json",
    params:
        spec=lambda w: spec(w, upstream=structure_dir(w) + "/structure.json",
            se=material("se"), cam_material=material("lco")),
    threads: resources_of("effcond", "threads", 1)
    resources:
        **mpi_resources("effcond"),
        mem_mb=resources_of("effcond", "mem_mb", 2000),
        runtime=resources_of("effcond", "runtime_min", 60),
    shell:
        "{PY:q} {SCRIPTS}/run_stage.py effcond {output:q} {params.spec:q} --threads {threads} --processes {resources.tasks}"


rule segment:
    input:
        STRUCTURE + "/structure.json",
    output:
        STRUCTURE + "/R~{R}/segment.json",
    params:
        spec=lambda w: spec(w, upstream=structure_dir(w) + "/structure.json", R=w.R, sigma=config["segment"]["sigma"],
                                   ids=config["segment"]["ids"]),
    threads: 1
    resources:
        mem_mb=resources_of("structure", "mem_mb", 2000),
        runtime=resources_of("structure", "runtime_min", 60),
    shell:
        "{PY:q} {SCRIPTS}/run_stage.py segment {output:q} {params.spec:q}"


rule effcond_gb:
    input:
        STRUCTURE + "/R~{R}/segment.json",
    output:
        STRUCTURE + "/R~{R}/effcond_gb~{gb}.json",
    params:
        spec=lambda w: spec(w, upstream=f"{structure_dir(w)}/R~{w.R}/segment.json", gb_i0=gb_i0(w.gb),
            gb_resistance_factor=config["effcond"]["gb_resistance_factor"], se=material("se"),
            cam_material=material("lco")),
    threads: resources_of("effcond", "threads", 1)
    resources:
        **mpi_resources("effcond"),
        mem_mb=resources_of("effcond", "mem_mb", 2000),
        runtime=resources_of("effcond", "runtime_min", 60),
    shell:
        "{PY:q} {SCRIPTS}/run_stage.py effcond_gb {output:q} {params.spec:q} --threads {threads} --processes {resources.tasks}"


rule discharge:
    input:
        STRUCTURE + "/R~{R}/segment.json",
    output:
        STRUCTURE + "/R~{R}/cam~{cam}/gb~{gb}/discharge.json",
    params:
        spec=lambda w: spec(w, upstream=f"{structure_dir(w)}/R~{w.R}/segment.json", gb_i0=gb_i0(w.gb),
            cam_material=material(w.cam), se=material("se"),
            **{k: config["discharge"][k] for k in ("current_mA_cm2", "cutoff_V", "separator_um", "coarsen",
                                                   "gb_resistance_factor", "sub_voxel_surface", "extra_args")}),
    threads: resources_of("discharge", "threads", 1)
    resources:
        **mpi_resources("discharge"),
        mem_mb=resources_of("discharge", "mem_mb", 4000),
        runtime=resources_of("discharge", "runtime_min", 240),
    shell:
        "{PY:q} {SCRIPTS}/run_stage.py discharge {output:q} {params.spec:q} --threads {threads} --processes {resources.tasks}"
