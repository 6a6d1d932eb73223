"""The grantgen benchmark: build time per stage at three workspace sizes, against the floor.

    .venv/bin/python benchmarks/bench.py            # sizes S and M
    .venv/bin/python benchmarks/bench.py S M L      # all three (L writes ~200 MB of CSV)

For each size, in a fresh process: the whole build (facts to manifest), then each stage on
its own (load, validate, figures, context, render, write), documents per second, peak
memory, and the same documents rendered with plain DocxTemplate, serially, with nothing
else around it (the floor). The ratio build / bare render is what we keep at or below 1.0
for size M (2.0 for S, where start-up dominates). Generated workspaces are cached in
benchmarks/.cache/.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))


def workspace(size_name: str, regenerate: bool = False) -> Path:
    import synthetic

    target = CACHE / size_name
    if size_name == "S":
        return synthetic.example(target)
    if regenerate or not (target / "facts" / "visits.csv").exists():
        print(f"generating workspace {size_name} ...", file=sys.stderr, flush=True)
        synthetic.make(synthetic.SIZES[size_name], target)
    return target


def measure(ws: Path) -> dict:
    """Runs in a fresh process: the whole build, then its stages, then the bare render."""
    from grantgen.build import build, render_all
    from grantgen.errors import Problems
    from grantgen.facts import Facts, empty_frame, read_tables
    from grantgen.figures import Figures
    from grantgen.funders import load_funders
    from grantgen.organisation import load_organisation
    from grantgen.plan import plan
    from grantgen.workspace import Workspace

    result: dict = {}
    workspace_ = Workspace.open(ws)
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        built = build(workspace_, Path(out) / "output")
        result["build"] = time.perf_counter() - start
        result["documents"] = len(built.written)

    stages: dict[str, float] = {}
    problems = Problems()
    t = time.perf_counter()
    organisation = load_organisation(ws / "facts" / "organisation.yaml",
                                     "facts/organisation.yaml", problems)
    funders = load_funders(ws / "funders", ws, problems)
    raw = read_tables(workspace_, problems)
    stages["load"] = time.perf_counter() - t

    from grantgen import tables as t_
    from grantgen.convert import convert
    from grantgen.validate import validate

    t = time.perf_counter()
    typed = {name: convert(raw[name], t_.TABLES[name], problems) for name in raw}
    for name, table in t_.TABLES.items():
        typed.setdefault(name, empty_frame(table))
    facts = Facts(organisation, funders, typed, {n: f"facts/{n}.csv" for n in t_.TABLES},
                  set(raw))
    validate(facts, problems)
    stages["validate"] = time.perf_counter() - t
    assert not problems.errors, problems.summary_lines()[:5]

    t = time.perf_counter()
    figures = Figures(facts)
    stages["figures"] = time.perf_counter() - t

    from grantgen.build import Prepared, build_time
    from grantgen.texts import load_blocks

    specs = plan(facts)
    prepared = Prepared(workspace_, facts, figures, load_blocks(workspace_, problems), specs,
                        problems, build_time())
    t = time.perf_counter()
    contexts = [prepared.contexts.build(spec) for spec in specs]
    stages["context"] = time.perf_counter() - t

    t = time.perf_counter()
    rendered, _problems = render_all(prepared)
    stages["render (incl. context)"] = time.perf_counter() - t

    from grantgen.output import publish

    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        publish(Path(out) / "output", {r.spec.path: r.data for r in rendered}, [])
        stages["write"] = time.perf_counter() - t
    result["stages"] = stages

    result["bare_render"] = bare_render(prepared, specs, contexts)
    result["peak_memory_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def bare_render(prepared, specs, contexts) -> float:
    """The floor: plain DocxTemplate, same templates and contexts, serially."""
    import io

    import jinja2
    from docxtpl import DocxTemplate

    from grantgen.formatting import filters_for
    from grantgen.templates import find_template

    envs = {}
    total = 0.0
    for spec, context in zip(specs, contexts, strict=True):
        funder = prepared.facts.funders.get(spec.funder_id) if spec.funder_id else None
        template, _name = find_template(prepared.workspace, spec.kind, funder, spec.language)
        env = envs.get(spec.language)
        if env is None:
            env = envs[spec.language] = jinja2.Environment()
            env.filters.update(filters_for(spec.language))
        plain = dict(context)
        if "texts" in plain:
            plain["texts"] = {k: str(v) for k, v in plain["texts"].items()}
            plain["texts"] = _Texts(plain["texts"])
        start = time.perf_counter()
        tpl = DocxTemplate(template)
        tpl.render(plain, env)
        tpl.save(io.BytesIO())
        total += time.perf_counter() - start
    return total


class _Texts(dict):
    def __missing__(self, key):
        return ""


def help_time() -> float:
    exe = Path(sys.executable).parent / "grantgen"
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([str(exe), "--help"], check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> None:
    if argv[:1] == ["--measure"]:
        print(json.dumps(measure(Path(argv[1]))))
        return
    sizes = [a for a in argv if not a.startswith("-")] or ["S", "M"]
    regenerate = "--regenerate" in argv
    print(f"grantgen benchmark, {time.strftime('%Y-%m-%d')}, {platform.node()}: "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"grantgen --help: {help_time():.3f} s (best of 5)")
    for size in sizes:
        ws = workspace(size, regenerate)
        out = subprocess.run([sys.executable, __file__, "--measure", str(ws)],
                             capture_output=True, text=True)
        if out.returncode:
            print(out.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"size {size} failed")
        r = json.loads(out.stdout.strip().splitlines()[-1])
        ratio = r["build"] / r["bare_render"] if r["bare_render"] else float("nan")
        print(f"\nsize {size}: {r['documents']} documents")
        for stage, seconds in r["stages"].items():
            print(f"  {stage:<24} {seconds:8.2f} s")
        print(f"  {'whole build':<24} {r['build']:8.2f} s   "
              f"({r['documents'] / r['build']:.1f} documents/s)")
        print(f"  {'bare DocxTemplate':<24} {r['bare_render']:8.2f} s")
        print(f"  {'ratio build / bare':<24} {ratio:8.2f}")
        print(f"  {'peak memory':<24} {r['peak_memory_mb']:8.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
