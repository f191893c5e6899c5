# One figure of the study from its points' records: PNG and PDF in the
# paper's layout, the CSV of the numbers behind it, and the status table of
# every point it uses (parameters, status, reason, wall time, output).

for _fig in wf.FIGURES:

    rule:
        name:
            _fig
        input:
            figure_files(_fig),


rule figure:
    input:
        lambda w: sorted({LAYOUT.record(p) for p in wf.figure_points(config, w.fig)}),
    output:
        png=ROOT + "/figures/{fig}.png",
        pdf=ROOT + "/figures/{fig}.pdf",
        csv=ROOT + "/figures/{fig}.csv",
        status=ROOT + "/status/{fig}.csv",
    params:
        # What the figure is drawn from: its points and the GB cases' values
        # (labels), not the whole config, so that a change re-draws only the
        # figures it touches.
        points=lambda w: json.dumps(wf.figure_spec(config, w.fig), sort_keys=True),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    shell:
        "{PY:q} {SCRIPTS}/figures.py {wildcards.fig} {ROOT:q} {params.points:q}"
