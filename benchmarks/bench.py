"""The grantgen benchmark: build, rebuild and check times at three workspace sizes, against
the floor.

    .venv/bin/python benchmarks/bench.py            # sizes S and M
    .venv/bin/python benchmarks/bench.py S M L      # all three (L writes ~250 MB of CSV)
    .venv/bin/python benchmarks/bench.py L --figures-only   # L: load and figures only
    .venv/bin/python benchmarks/bench.py M --rounds 3       # every step three times

Size S is measured in five rounds (ROUNDS), each on a fresh copy: the round whose whole
build is the median against its own floor is shown in full, the range of all rounds' ratios
below it, as this machine's speed varies from one run to the next.

For each size, on a copy of its workspace, each step in a fresh process:
- the whole build, facts to manifest, into an empty output folder, as `grantgen build` does
  it, with the time of each stage as grantgen itself records it (grantgen/timing.py: load,
  validate, figures, context, render, write), documents per second and peak memory; first
  with nothing cached at all, then (the one measured against the goal) with what the first
  left in the user's cache (the templates compiled, parsed and checked: made of the
  templates alone, nothing of the facts), as on any machine that built before;
- a rebuild with nothing changed (the build cache of the output folder in use);
- a rebuild after changing one figure of one location (a budget line of the year applied
  for), with how many documents it changed;
- `check` right after that build, and `check` after one more change that is not built;
- the floor: the same documents rendered from the same templates with the same contexts by
  plain DocxTemplate, serially, with nothing else around it (no template checks, no draft
  mark, no table of contents, no manifest; texts as plain paragraphs);
- each of the above as a ratio to the floor, beside the goal (GOALS).
Times are those of the library call (as the floor's are), without Python's start-up; the
load average and each process's CPU time are printed, as other work on the machine slows
every step.

Generated workspaces (benchmarks/synthetic.py) are kept in benchmarks/.cache/ (not
committed), made anew when synthetic.py has changed or with `--regenerate`.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
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

#: stages with work that runs in the rendering processes: summed over them
PARALLEL_STAGES = ("context", "render")


def workspace(size_name: str, regenerate: bool = False) -> Path:
    import synthetic

    target = CACHE / size_name
    if size_name == "S":
        return synthetic.example(target)
    # a workspace made by another version of the generator is made anew
    import hashlib

    generator = hashlib.sha256((HERE / "synthetic.py").read_bytes()).hexdigest()
    stamp = CACHE / f"{size_name}.generator"
    made_by = stamp.read_text().strip() if stamp.is_file() else None
    if regenerate or made_by != generator or not (target / "facts" / "visits.csv").exists():
        print(f"generating workspace {size_name} ...", file=sys.stderr, flush=True)
        # in a process of its own: a child started by a process that grew large reports
        # that size as its own peak memory (Linux keeps the high-water mark across exec)
        subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                        "import synthetic; from pathlib import Path; "
                        "synthetic.make(synthetic.SIZES[sys.argv[2]], Path(sys.argv[3]))",
                        str(HERE), size_name, str(target)], check=True)
        stamp.write_text(generator + "\n")
    return target


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


#: how many times every step is measured, per size: the machine's speed varies between
#: runs, so size S (a minute a round) is measured five times and its median round shown
ROUNDS = {"S": 5}

#: what each step may take at most, as a ratio to the floor, per size (issue #16)
GOALS = {"S": {"build": 0.6, "unchanged": 0.1, "changed": 0.4, "check": 0.3},
         "M": {"build": 0.4}}


def _digests(out: Path) -> dict[str, str]:
    import hashlib

    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*.docx")) if ".grantgen-cache" not in p.parts}


def _code_store(folder: Path) -> None:
    """Keep compiled templates and the rest of the user's cache (grantgen/core/cache.py
    CodeStore) in `folder` instead, so that the benchmark knows whether they are there."""
    from grantgen.core import cache

    cache.CODE = cache.CodeStore(folder)


def measure_build(ws: Path, out: Path, code: Path) -> dict:
    """A build into `out` with its stages, in this (fresh) process."""
    _code_store(code)
    from grantgen.core import timing
    from grantgen.core.workspace import Workspace
    from grantgen.pipeline.build import build
    from grantgen.pipeline.workers import processes

    before = _digests(out) if out.exists() else {}
    cpu = time.process_time()
    start = time.perf_counter()
    with timing.recording() as stages:
        built = build(Workspace.open(ws), out)
    whole = time.perf_counter() - start
    after = _digests(out)
    documents = len(built.written)
    return {"build": whole, "cpu": time.process_time() - cpu, "stages": stages,
            "documents": documents, "processes": processes(documents),
            "changed": sum(1 for p, d in after.items() if before.get(p) != d),
            "peak_memory_mb": _peak_mb(resource.RUSAGE_SELF),
            "worker_peak_memory_mb": _peak_mb(resource.RUSAGE_CHILDREN),
            "warnings": len(built.problems.warnings)}


def measure_check(ws: Path, out: Path, code: Path) -> dict:
    """`grantgen check` of the workspace whose output folder is `out`, in this process."""
    _code_store(code)
    from grantgen.core.workspace import Workspace
    from grantgen.pipeline.build import check

    cpu = time.process_time()
    start = time.perf_counter()
    problems = check(Workspace.open(ws), out=out)
    return {"check": time.perf_counter() - start, "cpu": time.process_time() - cpu,
            "problems": len(problems.items), "peak_memory_mb": _peak_mb(resource.RUSAGE_SELF)}


def measure_figures(ws: Path) -> dict:
    """Loading, validating and the figures only (for size L without rendering)."""
    from grantgen.core import timing
    from grantgen.core.workspace import Workspace
    from grantgen.pipeline.build import prepare

    cpu = time.process_time()
    start = time.perf_counter()
    with timing.recording() as stages:
        prepared = prepare(Workspace.open(ws))
    return {"prepare": time.perf_counter() - start, "cpu": time.process_time() - cpu,
            "stages": stages, "documents": len(prepared.specs),
            "peak_memory_mb": _peak_mb(resource.RUSAGE_SELF)}


def change_one_figure(ws: Path, nth: int = 0) -> str:
    """Raise one budget line of one location in the year applied for by 1000 (the `nth`
    such line); returns the line as it is now."""
    import csv
    import io

    path = ws / "facts" / "budget.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    year, location, amount = (header.index(c) for c in ("year", "location_id", "amount"))
    applied = max(row[year] for row in rows[1:])
    candidates = [i for i, row in enumerate(rows) if i and row[year] == applied
                  and row[location] != "all"]
    row = rows[candidates[nth]]
    row[amount] = f"{float(row[amount]) + 1000:g}"
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8")
    line = io.StringIO()
    csv.writer(line, lineterminator="").writerow(row)
    return line.getvalue()


class _Section:
    """A section as plain docxtpl sees it: a title and a paragraph of text."""

    def __init__(self, title, xml):
        self.title = title
        self._xml = xml

    def __html__(self):
        return self._xml


def _paragraphs(text: str):
    """A text block as plain paragraphs of WordprocessingML, as one would put text into a
    docxtpl template without grantgen."""
    from xml.sax.saxutils import escape

    from markupsafe import Markup

    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return Markup("".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>'
                          for p in paragraphs))


def _plain(context: dict) -> dict:
    """The context with grantgen's own objects (texts, sections, charts) made plain."""
    plain = dict(context)
    texts = context.get("texts")
    if texts is not None:
        for name in list(texts.blocks):
            texts[name]  # fill every block in
        plain["texts"] = {name: _paragraphs(text.body) for name, text in texts.items()}
    sections = context.get("sections")
    if sections is not None:
        for name in sections.sections:
            sections[name]
        plain["sections"] = {name: _Section(s.title, _paragraphs(s.text.body))
                             for name, s in sections.items()}
    return plain


def measure_bare(ws: Path) -> dict:
    """The floor: plain DocxTemplate, the same templates and contexts, serially."""
    import io

    import jinja2
    from docx.shared import Cm
    from docxtpl import DocxTemplate, InlineImage

    from grantgen.core.formatting import filters_for
    from grantgen.core.workspace import Workspace
    from grantgen.documents.templates import find_template
    from grantgen.figures.plan import COMPANION_KINDS
    from grantgen.pipeline.build import prepare

    prepared = prepare(Workspace.open(ws))
    contexts = prepared.contexts
    envs: dict[str, jinja2.Environment] = {}
    work = []
    for spec in prepared.specs:  # contexts and templates found before the clock runs
        if spec.kind in COMPANION_KINDS:  # a form or workbook: no Word template
            continue
        funder = prepared.facts.funders.get(spec.funder_id) if spec.funder_id else None
        template, _name = find_template(prepared.workspace, spec.kind, funder, spec.language)
        work.append((spec, template, _plain(contexts.build(spec))))
    total = 0.0
    for spec, template, context in work:
        env = envs.get(spec.language)
        if env is None:
            env = envs[spec.language] = jinja2.Environment(autoescape=True)
            env.filters.update(filters_for(spec.language))
        start = time.perf_counter()
        tpl = DocxTemplate(template)
        if "charts" in context:
            pictures = {}
            for name, chart in context["charts"].items():
                pictures[name] = InlineImage(tpl, io.BytesIO(chart.png), width=Cm(chart.width_cm))
                pictures[name].caption = chart.caption
            context = {**context, "charts": pictures}
        tpl.render(context, env, autoescape=True)
        tpl.save(io.BytesIO())
        total += time.perf_counter() - start
    return {"bare_render": total, "documents": len(work)}


def command_time(args: list[str], runs: int = 7) -> tuple[float, float]:
    """Best and median wall time of a grantgen command, in seconds."""
    exe = Path(sys.executable).parent / "grantgen"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(exe), *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def _child(mode: str, *paths: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, mode, *map(str, paths)],
                         capture_output=True, text=True)
    if out.returncode:
        print(out.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"{mode} {paths[0].name} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{model}, {cores} cores{memory}, {platform.system()} {platform.release()}"


def _ratio(seconds: float, bare: float, size: str, step: str) -> str:
    ratio = seconds / bare if bare else float("nan")
    goal = GOALS.get(size, {}).get(step)
    verdict = "" if goal is None else f"  (goal: at most {goal:.1f}; " + (
        "met)" if ratio <= goal else "NOT met)")
    return f"{ratio:5.2f} x bare{verdict}"


def _round(ws: Path) -> dict:
    """Every step of the benchmark once, on a fresh copy of the workspace."""
    import shutil

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary) / "workspace"
        shutil.copytree(ws, work, ignore=shutil.ignore_patterns("output"))
        out = Path(temporary) / "output"
        code = Path(temporary) / "code"  # compiled templates: none yet
        found = {"cold": _child("--build", work, Path(temporary) / "first", code),
                 "b": _child("--build", work, out, code), "bare": _child("--bare", work),
                 "again": _child("--build", work, out, code)}
        found["first_change"] = change_one_figure(work)
        found["after"] = _child("--build", work, out, code)
        found["checked"] = _child("--check", work, out, code)
        found["second_change"] = change_one_figure(work, 1)
        found["unbuilt"] = _child("--check", work, out, code)
    return found


def _spread(runs: list[dict], step: str, key: str) -> str:
    ratios = sorted(r[step][key] / r["bare"]["bare_render"] for r in runs)
    return f"{ratios[0]:.2f} to {ratios[-1]:.2f}"


def report_size(size: str, ws: Path, figures_only: bool, rounds: int = 1) -> None:
    if figures_only:
        r = _child("--figures", ws)
        print(f"\nsize {size}: load and figures only ({r['documents']} documents planned); "
              f"load average {os.getloadavg()[0]:.2f} at the end")
        for stage, seconds in r["stages"].items():
            print(f"  {stage:<22} {seconds:8.2f} s")
        print(f"  {'facts to figures':<22} {r['prepare']:8.2f} s   (CPU {r['cpu']:.2f} s; "
              f"goal: at most 15 s)")
        print(f"  {'peak memory':<22} {r['peak_memory_mb']:8.0f} MB   (goal: under 1 GB)")
        return
    runs = [_round(ws) for _ in range(rounds)]
    # the round whose whole build is the median against its own floor is shown in full;
    # the others only as the range of their ratios (this machine varies between runs)
    runs.sort(key=lambda r: r["b"]["build"] / r["bare"]["bare_render"])
    chosen = runs[len(runs) // 2]
    cold, b, bare, again = chosen["cold"], chosen["b"], chosen["bare"], chosen["again"]
    after, checked, unbuilt = chosen["after"], chosen["checked"], chosen["unbuilt"]
    first_change, second_change = chosen["first_change"], chosen["second_change"]
    assert bare["documents"] == b["documents"], (bare["documents"], b["documents"])
    floor = bare["bare_render"]
    print(f"\nsize {size}: {b['documents']} documents, rendered by {b['processes']} "
          f"process(es); {b['warnings']} warnings; load average {os.getloadavg()[0]:.2f} "
          "at the end")
    from grantgen.core.timing import STAGES

    for stage in STAGES:
        seconds = b["stages"].get(stage, 0.0)
        note = " (summed over the processes)" if stage in PARALLEL_STAGES and \
            b["processes"] > 1 else ""
        print(f"  {stage:<28} {seconds:8.2f} s{note}")
    print(f"  {'whole build':<28} {b['build']:8.2f} s   "
          f"({b['documents'] / b['build']:.1f} documents/s; CPU {b['cpu']:.2f} s)   "
          + _ratio(b["build"], floor, size, "build"))
    print(f"  {'whole build, nothing cached':<28} {cold['build']:8.2f} s   "
          f"(no compiled templates either)   " + _ratio(cold["build"], floor, size, "-"))
    print(f"  {'bare DocxTemplate':<28} {floor:8.2f} s   (serial, "
          f"{bare['documents'] / floor:.1f} documents/s)")
    print(f"  {'rebuild, nothing changed':<28} {again['build']:8.2f} s   "
          f"({again['changed']} documents changed)   "
          + _ratio(again["build"], floor, size, "unchanged"))
    print(f"  {'rebuild, one figure changed':<28} {after['build']:8.2f} s   "
          f"({after['changed']} documents changed; {first_change})   "
          + _ratio(after["build"], floor, size, "changed"))
    print(f"  {'check after the build':<28} {checked['check']:8.2f} s   "
          f"({checked['problems']} problems)   " + _ratio(checked["check"], floor, size,
                                                        "check"))
    print(f"  {'check after a change':<28} {unbuilt['check']:8.2f} s   "
          f"({unbuilt['problems']} problems; {second_change}, not built)   "
          + _ratio(unbuilt["check"], floor, size, "-"))
    workers = (f", each rendering process at most {b['worker_peak_memory_mb']:.0f} MB "
               "(mostly shared with the build's)" if b["processes"] > 1 else "")
    goal = "   (goal: under 1 GB)" if size == "M" else ""
    print(f"  {'peak memory':<28} {b['peak_memory_mb']:8.0f} MB{workers}{goal}")
    if len(runs) > 1:
        print(f"  over {len(runs)} rounds, each against its own floor (the median round above): "
              f"whole build {_spread(runs, 'b', 'build')}, rebuild with one figure changed "
              f"{_spread(runs, 'after', 'build')}, check after the build "
              f"{_spread(runs, 'checked', 'check')}")


def main(argv: list[str]) -> None:
    modes = {"--build": measure_build, "--check": measure_check, "--bare": measure_bare,
             "--figures": measure_figures}
    if argv[:1] and argv[0] in modes:
        print(json.dumps(modes[argv[0]](*map(Path, argv[1:]))))
        return
    sizes = [a for a in argv if not a.startswith("-") and not a.isdigit()] or ["S", "M"]
    regenerate = "--regenerate" in argv
    figures_only = "--figures-only" in argv
    import pandas

    print(f"grantgen benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {_machine()}, "
          f"Python {platform.python_version()}, pandas {pandas.__version__}, "
          f"load average {os.getloadavg()[0]:.2f} at the start")
    example = workspace("S")
    best, median = command_time(["--help"])
    print(f"grantgen --help: {best:.3f} s (best of 7; median {median:.3f} s)")
    best, median = command_time(["funders", "--workspace", str(example)])
    print(f"grantgen funders (example): {best:.3f} s (best of 7; median {median:.3f} s)")
    rounds = {size: ROUNDS.get(size, 1) for size in sizes}
    if "--rounds" in argv:  # --rounds N: as many rounds of every size
        count = int(argv[argv.index("--rounds") + 1])
        rounds = {size: count for size in sizes}
    for size in sizes:
        report_size(size, workspace(size, regenerate), figures_only and size == "L",
                    rounds[size])


if __name__ == "__main__":
    main(sys.argv[1:])
