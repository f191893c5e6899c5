"""What ssbvox's workflow computes, where it keeps it, and how a config is checked.

The Snakefile and the figure scripts share this module: the points each
figure of the reference study needs (docs/model.md, "The sweeps"), and the
files of each point, named by its parameters (``svf~0.5/rho~0.931/...``,
Snakemake's Paramspace convention), so that a structure is made once for
every figure that uses it and a changed parameter touches only its own
files.

Stages of a point, each a job that always writes its status record
(``<stage>.json``: status ``ok`` or ``failed``, the reason, the wall time,
the parameters, the tool's metrics) and, when it worked, its voxel file
beside it:

  structure   genstruct | sinter | geomstats --clean  ->  cleaned.h5
  effcond     effcond (both phases, no GBs)            <- cleaned.h5
  segment     segment --radius R                       ->  R~R/segmented.h5
  effcond_gb  effcond --phase se --gb-i0 ...           <- segmented.h5
  discharge   discharge, then evalenergy               ->  .../cell.h5
"""
import json
import os
import pathlib

FIGURES = ["fig2", "fig3", "fig4", "fig5", "fig6", "fig7", "fig8", "fig9", "fig10", "fig11", "figS4", "figS5", "figS6"]
GB_ORDER = ["none", "R1", "R2", "R3"]


class ConfigError(Exception):
    """A config that does not pass; the message names the key."""


def _key(path):
    return ".".join(str(p) for p in path) or "(top level)"


def _fill_defaults(schema, value, root):
    """Puts the schema's defaults into `value` where keys are missing."""
    if "$ref" in schema:
        ref = schema["$ref"].split("/")[-1]
        schema = root["$defs"][ref]
    if isinstance(value, dict) and "properties" in schema:
        for name, sub in schema["properties"].items():
            if name not in value and "default" in sub:
                value[name] = json.loads(json.dumps(sub["default"]))
            if name in value:
                _fill_defaults(sub, value[name], root)
    return value


def check_config(config, schema_path, repo):
    """Validates `config` against the workflow schema, fills its defaults and
    checks what the schema cannot (the material files); raises ConfigError
    naming the key at fault."""
    import jsonschema
    import yaml

    with open(schema_path) as f:
        schema = yaml.safe_load(f)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(config), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        e = errors[0]
        path = list(e.absolute_path)
        if e.validator == "additionalProperties" and isinstance(e.instance, dict):
            allowed = set(e.schema.get("properties", {}))
            unknown = sorted(k for k in e.instance if k not in allowed)
            if unknown:
                path = path + [unknown[0]]
                raise ConfigError(f"config key {_key(path)}: not a known key (allowed: {', '.join(sorted(allowed))})")
        if e.validator == "propertyNames":
            raise ConfigError(f"config key {_key(path)}: {e.message}")
        if e.validator == "enum":
            raise ConfigError(f"config key {_key(path)}: {e.instance!r} is not one of {', '.join(map(str, e.validator_value))}")
        raise ConfigError(f"config key {_key(path)}: {e.message}")
    _fill_defaults(schema, config, schema)
    for key, name in config["materials"].items():
        if not material_path(name, repo):
            raise ConfigError(f"config key materials.{key}: {name!r} is neither a bundled material "
                              f"(data/materials/{name}.json) nor a file")
    recipe = config["structure"].get("recipe")
    if recipe and not os.path.isfile(recipe):
        raise ConfigError(f"config key structure.recipe: {recipe!r} is not a file")
    return config


def material_path(name, repo):
    """The material file a name stands for, or None."""
    bundled = pathlib.Path(repo) / "data" / "materials" / f"{name}.json"
    if bundled.is_file():
        return str(bundled)
    return str(pathlib.Path(name).resolve()) if os.path.isfile(name) else None


def num(v):
    """A parameter as it appears in a file name: the shortest exact text."""
    return repr(float(v)).rstrip("0").rstrip(".") if float(v) != int(float(v)) else str(int(float(v)))


class Layout:
    """Where each stage of a point keeps its record and its voxel file."""

    def __init__(self, root):
        self.root = root

    def structure_dir(self, svf, rho, dcam, dse):
        return f"{self.root}/structures/svf~{num(svf)}/rho~{num(rho)}/dcam~{num(dcam)}/dse~{num(dse)}"

    def record(self, p):
        """The status record of a point (a dict with `stage` and its parameters)."""
        d = self.structure_dir(p["svf"], p["rho"], p["dcam"], p["dse"])
        stage = p["stage"]
        if stage == "structure":
            return f"{d}/structure.json"
        if stage == "effcond":
            return f"{d}/effcond.json"
        d += f"/R~{num(p['R'])}"
        if stage == "segment":
            return f"{d}/segment.json"
        if stage == "effcond_gb":
            return f"{d}/effcond_gb~{p['gb']}.json"
        if stage == "discharge":
            return f"{d}/cam~{p['cam']}/gb~{p['gb']}/discharge.json"
        raise ValueError(stage)


def gb_cases(config, wanted=GB_ORDER):
    """The configured GB cases among `wanted`, in the study's order ('none' always)."""
    return [g for g in GB_ORDER if g in wanted and (g == "none" or g in config["gb_cases"])]


def figure_points(config, figure):
    """The points (stage records) a figure is drawn from, each a dict."""
    b, s = config["baseline"], config["sweeps"]
    R0 = config["segment"]["radius"]

    def point(stage, svf, rho, dcam, dse, **extra):
        return dict(stage=stage, svf=float(svf), rho=float(rho), dcam=float(dcam), dse=float(dse), **extra)

    svf_sweep = [(v, b["density"], b["d_cam"], b["d_se"]) for v in s["svf"]]
    density_sweep = [(v, r, b["d_cam"], b["d_se"]) for v in s["density_svf"] for r in s["density"]]
    size_grid = [(b["svf"], b["density"], z["d_cam"], z["d_se"], z["radius"]) for z in s["sizes"]]
    out = []
    if figure in ("fig2", "fig3"):
        for q in svf_sweep:
            out += [point("structure", *q), point("effcond", *q)]
    elif figure in ("fig4", "figS4", "figS6"):
        for q in svf_sweep:
            out += [point("structure", *q), point("effcond", *q)]
            for g in gb_cases(config):
                if figure != "figS6" and g != "none":
                    out.append(point("effcond_gb", *q, R=R0, gb=g))
                if figure != "figS4":
                    out.append(point("discharge", *q, R=R0, cam="lco", gb=g))
    elif figure in ("fig5", "figS5"):
        q = (b["svf"], b["density"], b["d_cam"], b["d_se"])
        out = [point("discharge", *q, R=R0, cam="lco", gb=g) for g in gb_cases(config)]
    elif figure in ("fig6", "fig7"):
        for q in density_sweep:
            out += [point("structure", *q), point("effcond", *q)]
    elif figure == "fig8":
        for q in density_sweep:
            out += [point("structure", *q)]
            out += [point("discharge", *q, R=R0, cam="lco", gb=g) for g in gb_cases(config, ["none", "R3"])]
    elif figure == "fig9":
        for (*q, _) in size_grid:
            out += [point("structure", *q), point("effcond", *q)]
    elif figure == "fig10":
        for (*q, R) in size_grid:
            out += [point("discharge", *q, R=R, cam="lco", gb=g) for g in gb_cases(config, ["R1", "R2", "R3"])]
    elif figure == "fig11":
        for q in svf_sweep:
            out += [point("discharge", *q, R=R0, cam=c, gb="none") for c in ("lco", "nmc811")]
        for (*q, R) in size_grid:
            out += [point("discharge", *q, R=R, cam=c, gb=g) for c in ("lco", "nmc811")
                    for g in gb_cases(config, ["R1", "R2"])]
    else:
        raise ValueError(f"unknown figure {figure}")
    return out


def figure_spec(config, figure):
    """What a figure is drawn from: its points and the values of the GB
    cases among them (for the labels)."""
    points = figure_points(config, figure)
    used = {p.get("gb") for p in points}
    return {"points": points, "gb_cases": {g: i0 for g, i0 in config["gb_cases"].items() if g in used}}


def read_record(path):
    with open(path) as f:
        return json.load(f)


def write_json_atomic(path, document):
    """Writes a JSON document through a temporary file and a rename, so that
    a record is never seen half written."""
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w") as f:
        json.dump(document, f, indent=1, sort_keys=True, allow_nan=False, default=str)
        f.write("\n")
    os.replace(tmp, path)
