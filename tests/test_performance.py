"""What makes builds fast must not change what they make (#7): documents rendered over
several processes, the stage timer, lazy imports, the progress bar (the figures counted by
code are in tests/test_figures.py). No test here measures time: the benchmark does
(benchmarks/bench.py)."""

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from grantgen.core import timing
from workspace_factory import TABLES, make_workspace

#: funders and requests enough for several processes (workers.MIN_PER_PROCESS per process)
MANY_FUNDERS = {f"fonds-{c}": {"id": f"fonds-{c}", "name": f"Fonds {c.upper()}",
                               "type": "private-fund"} for c in "bcdef"}
MANY_REQUESTS = TABLES["funding"] + [
    ["2019", location, funder, "1000", "requested"]
    for funder in MANY_FUNDERS for location in ("linde", "eik")]


def many_documents(root: Path) -> Path:
    """Twelve applications; one fund has a template of its own with a misspelt name."""
    from workspace_factory import make_template

    funders = {**MANY_FUNDERS,
               "fonds-f": {**MANY_FUNDERS["fonds-f"],
                           "templates": {"application": "eigen.docx"}}}
    root = make_workspace(root, tables={"funding": MANY_REQUESTS}, funders=funders)
    make_template(root / "templates" / "eigen.docx",
                  ["Wij vragen {{ ask.amount | amount }} voor {{ location.naam }}."])
    return root


def test_check_gives_the_same_findings_in_one_process_and_in_several(cli, tmp_path,
                                                                    monkeypatch):
    root = many_documents(tmp_path / "ws")
    outputs = {}
    for jobs in ("1", "3"):
        monkeypatch.setenv("GRANTGEN_JOBS", jobs)
        result = cli(["check", "--workspace", str(root)])
        assert result.exit_code == 1
        outputs[jobs] = result.output
    assert "naam" in outputs["1"]  # the template's error, once, with the texts' warnings
    assert outputs["1"] == outputs["3"]


def test_a_build_in_several_processes_writes_the_same_bytes(cli, tmp_path, monkeypatch):
    root = make_workspace(tmp_path / "ws", tables={"funding": MANY_REQUESTS},
                          funders=MANY_FUNDERS)
    written = {}
    for jobs in ("1", "3"):
        monkeypatch.setenv("GRANTGEN_JOBS", jobs)
        out = tmp_path / f"out-{jobs}"
        result = cli(["build", "--workspace", str(root), "--out", str(out)])
        assert result.exit_code == 0, result.output
        written[jobs] = {p.relative_to(out).as_posix(): p.read_bytes()
                         for p in sorted(out.rglob("*"))
                         if p.is_file() and ".grantgen-cache" not in p.parts}
    assert len(written["1"]) == 13  # twelve applications and the manifest
    assert written["1"] == written["3"]


def test_processes_for_many_documents_only(monkeypatch):
    from grantgen.pipeline.workers import MIN_PER_PROCESS, processes

    monkeypatch.setenv("GRANTGEN_JOBS", "4")
    assert processes(1) == 1
    assert processes(2 * MIN_PER_PROCESS - 1) == 1
    assert processes(2 * MIN_PER_PROCESS) == 2
    assert processes(1000) == 4
    monkeypatch.setenv("GRANTGEN_JOBS", "1")
    assert processes(1000) == 1


def test_a_worker_that_dies_stops_the_build_instead_of_leaving_it_waiting():
    """A rendering process killed (out of memory, say) breaks the run with an error; the
    build must not wait forever for a result that will never come."""
    code = """
import os, signal
from grantgen.pipeline.workers import run

def one(index):
    if index == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return index * 2

try:
    run(one, 12)
except Exception as e:
    print('stopped:', type(e).__name__)
else:
    print('finished')
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "GRANTGEN_JOBS": "2"})
    assert result.stdout.strip() == "stopped: WorkerStopped", result.stderr


def test_run_over_several_processes_keeps_the_order(monkeypatch):
    from grantgen.pipeline.workers import run

    monkeypatch.setenv("GRANTGEN_JOBS", "2")
    seen = []
    assert run(lambda index: index * index, 12, lambda done, total: seen.append(done)) == [
        index * index for index in range(12)]
    assert seen == list(range(1, 13))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_work_that_needs_another_starts_after_it_with_its_result(monkeypatch, jobs):
    """`after`: each of 3..11 needs 0, 1 or 2 and gets its result handed over; the longest
    first (`order`) changes nothing in the results, which are in index order."""
    from grantgen.pipeline.workers import run

    monkeypatch.setenv("GRANTGEN_JOBS", jobs)
    after = [None, None, None] + [index % 3 for index in range(3, 12)]

    def one(index, given=None):
        # in one process everything is done in index order; in several, what a piece of
        # work needs comes with it
        return (index, os.getpid() if index < 3 else given)

    results = run(one, 12, order=list(reversed(range(12))), after=after,
                  handover=lambda index, result: result[1])
    assert [index for index, _ in results] == list(range(12))
    if jobs == "2":
        assert all(results[i][1] == results[i % 3][1] for i in range(3, 12))
    else:
        assert all(given is None for _, given in results[3:])


def test_the_manifest_digest_is_that_of_the_final_form(example_build):
    """The content digest computed while building is what approving finds in the file."""
    from grantgen.word.draftmark import final_form
    from grantgen.word.package import content_digest

    manifest = json.loads((example_build / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["documents"]:
        data = (example_build / entry["path"]).read_bytes()
        if not entry["path"].endswith(".docx"):  # a form or budget workbook: as written
            assert entry["content_sha256"] == hashlib.sha256(data).hexdigest(), entry["path"]
            continue
        assert entry["content_sha256"] == content_digest(final_form(data)), entry["path"]


# ---- the stage timer ----------------------------------------------------------------------
def test_a_build_records_every_stage(tmp_path):
    from grantgen.core.workspace import Workspace
    from grantgen.pipeline.build import build

    root = make_workspace(tmp_path / "ws")
    with timing.recording() as stages:
        build(Workspace.open(root), tmp_path / "out")
    assert set(stages) == set(timing.STAGES)
    assert all(seconds >= 0 for seconds in stages.values())


def test_an_inner_stage_is_not_counted_in_the_outer_one():
    with timing.recording() as stages:
        with timing.stage("render"):
            with timing.stage("write"):
                pass
    assert set(stages) == {"render", "write"}
    with timing.stage("load"):  # nobody records: nothing happens
        pass
    timing.add({"load": 1.0})
    assert "load" not in stages


# ---- start-up -----------------------------------------------------------------------------
HEAVY = ("pandas", "docxtpl", "docx", "matplotlib", "openpyxl", "jinja2", "lxml")


def imported_by(args: list[str]) -> list[str]:
    code = ("import sys\nfrom grantgen.cli.main import cli\n"
            f"cli.main({args!r}, standalone_mode=False)\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1].replace("'", '"'))


def test_help_imports_no_heavy_library():
    assert imported_by(["--help"]) == []


def test_funders_reads_the_facts_without_the_document_libraries():
    assert set(imported_by(["funders", "--workspace", str(ROOT)])) <= {"pandas"}


def test_funders_does_not_read_the_visits_register(cli, tmp_path):
    """Listing the funders needs no visits (a register may hold millions): a bad visit does
    not stop it, while check still finds it."""
    visits = TABLES["visits"] + [["30-02-2018", "linde", "q-zz", "koffie"]]
    root = make_workspace(tmp_path / "ws", tables={"visits": visits})
    listed = cli(["funders", "--workspace", str(root)])
    assert listed.exit_code == 0, listed.output
    assert "Fonds A" in listed.output and "€ 10.000" in listed.output
    checked = cli(["check", "--workspace", str(root)])
    assert checked.exit_code == 1
    assert "facts/visits.csv, row" in checked.output and "column date" in checked.output


# ---- the progress bar ---------------------------------------------------------------------
class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_appears_on_a_terminal_when_a_build_takes_a_while():
    from grantgen.cli.main import _Progress

    now = [0.0]
    out = Terminal()
    progress = _Progress("Writing documents", file=out, clock=lambda: now[0])
    progress(1, 12)
    assert out.getvalue() == ""  # a quick build shows no bar
    now[0] = _Progress.DELAY + 1
    for done in range(2, 13):
        progress(done, 12)
    progress.close()
    assert "Writing documents" in out.getvalue() and "12/12" in out.getvalue()


def test_progress_bar_is_silent_where_the_output_is_not_a_terminal(cli, tmp_path):
    from grantgen.cli.main import _Progress

    now = [100.0]
    out = io.StringIO()
    progress = _Progress("Writing documents", file=out, clock=lambda: now[0])
    now[0] += 60
    for done in range(1, 13):
        progress(done, 12)
    progress.close()
    assert out.getvalue() == ""
    root = make_workspace(tmp_path / "ws")
    result = cli(["build", "--workspace", str(root)])
    assert result.exit_code == 0 and "Writing documents" not in result.output


def test_synthetic_workspaces_follow_the_contract(cli, tmp_path):
    """The benchmark's generator makes workspaces that check without errors."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    size = synthetic.Size("XS", locations=6, years=3, visits=3000, funders=9)
    root = synthetic.make(size, tmp_path / "xs")
    result = cli(["check", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    from grantgen.core.workspace import Workspace
    from grantgen.pipeline.build import prepare

    kinds = {spec.kind for spec in prepare(Workspace.open(root)).specs}
    assert kinds == {"application", "report", "annual-report"}
    assert any(spec.language == "en" for spec in prepare(Workspace.open(root)).specs)
    assert len(pd.read_csv(root / "facts" / "visits.csv")) > 2000


def test_the_schedule_hands_out_the_longest_first_and_each_template_after_its_first(
        monkeypatch):
    """Annual reports (charts) first, online forms last; every document after the first of
    its template; annual reports of one template one after the other, up to a process's
    share of the work (so one process draws their charts), the rest after their first; budget
    workbooks one after the other likewise (so one process loads openpyxl)."""
    from grantgen.pipeline.schedule import schedule

    monkeypatch.setenv("GRANTGEN_JOBS", "2")
    kinds = ["application"] * 10 + ["annual-report"] * 3 + ["form"] + ["report"] * 4
    templates = ["app"] * 10 + ["annual"] * 3 + [None] + ["rep"] * 4
    order, after = schedule(kinds, templates)
    assert order[:3] == [10, 11, 12] and order[-1] == 13
    assert after[:10] == [None] + [0] * 9 and after[14:] == [None, 14, 14, 14]
    assert after[10:13] == [None, 10, 11] and after[13] is None
    # only annual reports: a chain no longer than half the work, the rest after the first
    order, after = schedule(["annual-report"] * 8, ["annual"] * 8)
    assert after == [None, 0, 1, 2, 0, 4, 5, 6]
    # budget workbooks (no template) one after the other too, so one process loads openpyxl;
    # online forms (no template either) wait for nothing
    kinds = ["application"] * 6 + ["budget-workbook"] * 3 + ["form"] * 3
    order, after = schedule(kinds, ["app"] * 6 + [None] * 6)
    assert after[6:] == [None, 6, 7, None, None, None]
    assert order[:6] == list(range(6)) and order[-3:] == [9, 10, 11]
    monkeypatch.setenv("GRANTGEN_JOBS", "1")  # one process: nothing to chain
    assert schedule(["annual-report"] * 3, ["annual"] * 3)[1] == [None, 0, 0]


def test_work_waiting_for_work_that_never_comes_is_an_error_not_a_hang(monkeypatch):
    from grantgen.pipeline.workers import run

    monkeypatch.setenv("GRANTGEN_JOBS", "2")
    with pytest.raises(RuntimeError, match="waits for work never done"):
        run(lambda index, given=None: index, 8, after=[None] * 6 + [7, 6])


def test_documents_of_one_template_share_its_styles_without_changing_each_other(tmp_path):
    """The documents of one template share its styles (grantgen/word/package.share) until
    a text block adds a style: one that does must not change the next one, and each
    document's final form (without the draft mark and its style) is what approval makes."""
    import zipfile

    from docx import Document
    from docx.oxml.ns import qn

    from grantgen.texts.library import Text
    from grantgen.word.draftmark import MARK_STYLE, final_form, mark_texts
    from grantgen.word.package import content_digest
    from grantgen.word.render import render_with_final

    template = tmp_path / "kaal.docx"  # a template without list or Hyperlink styles
    doc = Document()
    for style in list(doc.styles.element.findall(qn("w:style"))):
        if style.find(qn("w:name")).get(qn("w:val")).startswith(("List", "Hyperlink")):
            doc.styles.element.remove(style)
    doc.add_paragraph("{{p texts.x }}")
    doc.save(str(template))
    plain = {"texts": {"x": Text("x", "Gewone tekst.")}}
    rich = {"texts": {"x": Text("x", "- een\n- twee\n\nZie [de site](https://example.org).")}}
    mark = mark_texts(1, "nl")

    def made(context):
        return render_with_final(template, "kaal.docx", context, "nl", mark=mark)

    def styles(data: bytes) -> bytes:
        return zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")

    first, first_final = made(plain)
    with_styles, with_styles_final = made(rich)
    again, again_final = made(plain)
    assert again == first and again_final == first_final
    assert first_final == content_digest(final_form(first))
    assert with_styles_final == content_digest(final_form(with_styles))
    assert b"Hyperlink" in styles(with_styles) and b"List Bullet" in styles(with_styles)
    assert b"Hyperlink" not in styles(first) and b"List Bullet" not in styles(first)
    assert MARK_STYLE.encode() in styles(first)
    assert MARK_STYLE.encode() not in styles(final_form(first))
    # a template made from a draft (with the mark's style in it): its final form has none
    from grantgen.word.draftmark import add_mark

    from_draft = tmp_path / "uit-concept.docx"
    doc = Document(str(template))
    add_mark(doc, "CONCEPT", None)
    doc.save(str(from_draft))
    data, final = render_with_final(from_draft, "uit-concept.docx", plain, "nl", mark=mark)
    assert final == content_digest(final_form(data))
    assert MARK_STYLE.encode() not in styles(final_form(data))
    # the template's own file, opened anew, is what the process shares
    fresh = Document(str(template))
    assert len(fresh.styles.element.findall(qn("w:style"))) == len(
        Document(io.BytesIO(final_form(first))).styles.element.findall(qn("w:style")))


def test_charts_drawn_in_any_order_are_the_same_pictures():
    """The charts of a process share a renderer per picture size, and with it matplotlib's
    measures of their texts (grantgen/documents/charts.py): a chart must come out the same
    whichever charts were drawn before it."""
    from grantgen.documents import charts

    def number(value):
        return f"{value:,.0f}".replace(",", ".")

    def grouped(seed: int):
        series = [charts.Series(name, tuple(float(seed * 37 + 11 * i + 5 * n) for i in range(3)))
                  for n, name in enumerate(["De Linde", "Het Eikje & Co", "Buurtkamer Oost"])]
        return charts.grouped_bars(f"g{seed}", ["2016", "2017", "2018"], series, "Deelnemers",
                                   "alt", number, "aantal").png

    def paired(seed: int):
        return charts.paired_bars(f"p{seed}", ["Personeel", "Huur", "Activiteiten"],
                                  charts.Series("Begroting", (9000.0 + seed, 4000.0, 2500.0)),
                                  charts.Series("Realisatie", (8700.0, 4100.0 + seed, 1900.0)),
                                  "Begroting", "alt", number).png

    draws = [lambda: grouped(1), lambda: paired(1), lambda: grouped(2), lambda: paired(2)]
    charts._RENDERERS.clear()
    forward = [draw() for draw in draws]
    charts._RENDERERS.clear()
    backward = [draw() for draw in reversed(draws)][::-1]
    assert forward == backward
    assert len(set(forward)) == 4


def test_a_loop_over_table_columns_keeps_the_grid_in_step(tmp_path):
    """The rendered body is parsed in its document part (grantgen/word/body.py), and
    docxtpl's repair of a table's grid runs only where the columns no longer match: a
    {%tc for %} loop that adds columns gets a grid of as many."""
    from docx import Document

    from grantgen.word.draftmark import mark_texts
    from grantgen.word.render import render_with_final

    template = tmp_path / "kolommen.docx"
    doc = Document()
    table = doc.add_table(rows=2, cols=4)
    for row, (label, value) in enumerate([("Jaar", "{{ y }}"), ("Deelnemers", "{{ y - 2000 }}")]):
        for column, text in enumerate([label, "{%tc for y in years %}", value,
                                       "{%tc endfor %}"]):
            table.cell(row, column).text = text
    doc.add_paragraph("Klaar & af")
    doc.save(str(template))
    data, _final = render_with_final(template, "kolommen.docx",
                                     {"years": [2016, 2017, 2018, 2019]}, "nl",
                                     mark=mark_texts(1, "nl"))
    made = Document(io.BytesIO(data))
    (table,) = made.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Jaar", "2016", "2017", "2018", "2019"], ["Deelnemers", "16", "17", "18", "19"]]
    assert len(table._tbl.tblGrid.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")) == 5
    assert made.paragraphs[-1].text == "Klaar & af"


def test_the_docx_zip_is_written_as_zipfile_writes_it():
    """grantgen/word/package.py writes the .docx zip itself, to reuse the deflated bytes of
    large parts seen before: byte for byte what Python's zipfile writes, names that are
    not ASCII and empty parts included, whether a part's deflated bytes were kept or not."""
    import zipfile

    from grantgen.core.files import ZIP_DATE
    from grantgen.word import package

    large = ("<w:styles>" + "<w:style w:styleId='x'/>" * 4000 + "</w:styles>").encode()
    members = [("[Content_Types].xml", b"<Types/>"), ("word/styles.xml", large),
               ("word/empty.xml", b""), ("word/media/grafiek é.png", bytes(range(256)) * 40),
               ("word/styles2.xml", large)]
    expected = io.BytesIO()
    with zipfile.ZipFile(expected, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, blob)
    for _round in range(2):  # the second time with the large parts' deflated bytes kept
        written = io.BytesIO()
        writer = package._FixedTimeZip(written)
        for name, blob in members:
            writer.add(name, blob)
        writer.close()
        assert written.getvalue() == expected.getvalue()
    with zipfile.ZipFile(io.BytesIO(written.getvalue())) as z:
        assert z.testzip() is None and [z.read(n) for n, _b in members] == [b for _n, b in members]
