"""The build cache (output/.grantgen-cache/, #16): a cached build writes the very bytes a
clean build writes, also after one figure changed; nothing unchanged is rendered again; a
damaged or deleted cache is only slower; check finds what it finds without one; and the
commands that only show figures load no document library."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from helpers.docs import docx_text
from workspace_factory import YEAR_END_TABLES, make_year_end_workspace

CACHE = ".grantgen-cache"
#: the libraries that make documents, which the figures alone never need
DOCUMENT_LIBRARIES = ("docxtpl", "docx", "lxml", "matplotlib", "openpyxl")


def output_files(out: Path) -> dict[str, bytes]:
    """Every file of an output folder but its build cache, with its bytes."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and CACHE not in p.parts}


def built_alike(out: Path) -> dict[str, bytes]:
    """output_files(), with the manifest's memory of earlier drafts left out: a rebuild
    records which draft each changed one replaced (for the board's comparison), a build
    into an empty folder has none; everything else must be byte for byte the same."""
    files = output_files(out)
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["documents"]:
        entry.pop("previous", None)
    files["manifest.json"] = json.dumps(manifest, sort_keys=True).encode()
    return files


def cache_files(out: Path, runs: bool = True) -> dict[str, bytes]:
    """The entries of the build cache of `out`; with `runs` False, those of documents,
    charts and template checks only (not the records of whole builds)."""
    return {p.relative_to(out / CACHE).as_posix(): p.read_bytes()
            for p in sorted((out / CACHE).rglob("*"))
            if p.is_file() and (runs or p.parent.name != "runs")}


def change_actual(root: Path, old: str, new: str) -> None:
    """One figure of one location: a line of facts/actuals.csv."""
    path = root / "facts" / "actuals.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The templates rendered by the builds of the test (each build renders in-process)."""
    import grantgen.pipeline.rendering as pipeline

    rendered: list[str] = []
    render = pipeline.render

    def counting(template, template_name, *args, **kwargs):
        rendered.append(template_name)
        return render(template, template_name, *args, **kwargs)

    monkeypatch.setattr(pipeline, "render", counting)
    return rendered


def test_a_cached_build_writes_what_a_clean_build_writes(cli, tmp_path, renders):
    root = make_year_end_workspace(tmp_path / "ws")
    out = root / "output"
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    first = output_files(out)
    documents = [p for p in first if p.endswith(".docx")]
    assert len(renders) == len(documents) >= 5
    assert cache_files(out)

    # nothing changed: nothing rendered, nothing written
    renders.clear()
    times = {p: (out / p).stat().st_mtime_ns for p in first}
    result = cli(["build", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    assert renders == []
    assert output_files(out) == first
    assert {p: (out / p).stat().st_mtime_ns for p in first} == times

    # one figure of one location: only what shows it is rendered again
    change_actual(root, "2018,linde,Activiteiten,Materialen,3600",
                  "2018,linde,Activiteiten,Materialen,3725")
    renders.clear()
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    cached = output_files(out)
    assert 0 < len(renders) < len(documents)
    changed = sorted(p for p in documents if cached[p] != first[p])
    assert changed and len(changed) == len(renders)
    assert any("3.725" in docx_text(out / p) for p in changed)

    # byte for byte what a build into an empty folder writes, manifest included
    clean = tmp_path / "clean"
    assert cli(["build", "--workspace", str(root), "--out", str(clean)]).exit_code == 0
    assert built_alike(clean) == built_alike(out)
    manifest = json.loads(cached["manifest.json"])
    assert {d["path"] for d in manifest["documents"]} == set(documents)


def test_a_damaged_cache_is_made_anew_and_a_deleted_one_is_only_slower(cli, tmp_path,
                                                                       renders):
    root = make_year_end_workspace(tmp_path / "ws")
    out = root / "output"
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    built = output_files(out)
    entries = cache_files(out, runs=False)
    # every entry damaged: cut short, or one byte changed
    for i, (name, data) in enumerate(cache_files(out).items()):
        (out / CACHE / name).write_bytes(data[: len(data) // 2] if i % 2 else
                                         data[:-1] + bytes([data[-1] ^ 1]))
    renders.clear()
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    assert len(renders) == len([p for p in built if p.endswith(".docx")])
    assert output_files(out) == built
    assert cache_files(out, runs=False) == entries  # written anew, as they were

    import shutil

    shutil.rmtree(out / CACHE)
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    assert output_files(out) == built
    assert cache_files(out, runs=False) == entries


def test_the_cache_keeps_only_what_the_last_build_used(cli, tmp_path):
    root = make_year_end_workspace(tmp_path / "ws")
    out = root / "output"
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    documents = len([p for p in output_files(out) if p.endswith(".docx")])
    for amount in ("3601", "3602", "3603"):
        change_actual(root, "2018,linde,Activiteiten,Materialen,3600" if amount == "3601"
                      else f"2018,linde,Activiteiten,Materialen,{int(amount) - 1}",
                      f"2018,linde,Activiteiten,Materialen,{amount}")
        assert cli(["build", "--workspace", str(root)]).exit_code == 0
        kinds: dict[str, int] = {}
        for name in cache_files(out):
            kind = name.split("/")[0]
            kinds[kind] = kinds.get(kind, 0) + 1
        # one entry per document of this build, and two records of it (the manifest it
        # started from, the one it left)
        assert kinds["documents"] == documents
        assert kinds["runs"] <= 2


def test_check_finds_the_same_with_and_without_the_cache(cli, tmp_path, monkeypatch):
    import grantgen.pipeline.build as pipeline

    root = make_year_end_workspace(tmp_path / "ws")
    cold = cli(["check", "--workspace", str(root)])
    assert not (root / "output").exists()  # a check never makes an output folder
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    # right after a build of the same inputs, check takes what rendering found from the
    # build's record and builds no document's context
    rendered: list[int] = []
    render_all = pipeline.render_all
    monkeypatch.setattr(pipeline, "render_all",
                        lambda *a, **k: rendered.append(1) or render_all(*a, **k))
    after_build = cli(["check", "--workspace", str(root)])
    assert rendered == []
    again = cli(["check", "--workspace", str(root)])
    assert cold.output == after_build.output == again.output
    assert cold.exit_code == after_build.exit_code == again.exit_code
    assert "warning" in cold.output

    # after a change, without building: what a check without the cache finds
    stories = [row for row in YEAR_END_TABLES["stories"]]
    stories.append(["s-3", "linde", "2018", "Zonder toestemming.", "misschien", "", ""])
    change_actual(root, "2019,linde,Huisvesting,Huur,9100", "2019,linde,Huisvesting,Huur,9150")
    (root / "facts" / "stories.csv").write_text(
        "\n".join(",".join(row) for row in stories) + "\n", encoding="utf-8")
    changed = cli(["check", "--workspace", str(root)])
    without = cli(["check", "--workspace", str(root), "--out", str(tmp_path / "none")])
    assert changed.output == without.output and changed.exit_code == without.exit_code == 1
    assert "misschien" in changed.output


def _modules_after(args: list[str], cwd: Path) -> list[str]:
    """The document libraries loaded by one grantgen command, in a process of its own."""
    code = ("import sys\nfrom grantgen.cli.main import main\n"
            f"sys.argv = ['grantgen'] + {args!r}\n"
            "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
            f"print([m for m in {DOCUMENT_LIBRARIES!r} if m in sys.modules])\n"
            "sys.stdout.flush()\nsys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "GRANTGEN_DEBUG": "1"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"'))


@pytest.mark.parametrize("command", [["facts"], ["facts", "--year", "2019"], ["deadlines"],
                                     ["funders"]])
def test_the_commands_that_show_figures_load_no_document_library(command):
    assert _modules_after(command + ["--workspace", str(ROOT)], ROOT) == []


def test_a_rebuild_loads_only_what_it_needs(cli, tmp_path):
    """Nothing changed: nothing is rendered or drawn (neither docxtpl nor matplotlib is
    loaded). A text changed: the documents are rendered again, but their charts come from
    the cache (no matplotlib)."""
    root = make_year_end_workspace(tmp_path / "ws")
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    before = output_files(root / "output")
    loaded = _modules_after(["build", "--workspace", str(root)], tmp_path)
    assert "docxtpl" not in loaded and "matplotlib" not in loaded
    texts = root / "texts"
    texts.mkdir()
    (texts / "samenvatting.md").write_text("Een nieuwe samenvatting van {{ year }}.\n",
                                           encoding="utf-8")
    loaded = _modules_after(["build", "--workspace", str(root)], tmp_path)
    assert "docxtpl" in loaded and "matplotlib" not in loaded
    after = output_files(root / "output")
    assert after != before
    clean = tmp_path / "clean"
    assert cli(["build", "--workspace", str(root), "--out", str(clean)]).exit_code == 0
    assert built_alike(clean) == built_alike(root / "output")


def test_the_canonical_form_tells_apart_what_a_template_tells_apart():
    from grantgen.core.privacy import Suppressed
    from grantgen.pipeline.cache import Uncacheable, canonical, document_key

    values = [1, 1.0, True, "1", None, "", [1], (1,), {"a": 1}, {"a": 1.0}, Suppressed(5),
              "< 5", dt.date(2018, 11, 30), "2018-11-30", b"1", -0.0, 0.0, float("nan"),
              {"a": 1, "b": 2}, {"b": 2, "a": 1}, [[1, 2]], [[1], [2]], ["ab"], ["a", "b"]]
    forms = [canonical(v) for v in values]
    assert len(set(forms)) == len(values)
    assert canonical({"x": [1, {"y": "z"}]}) == canonical({"x": [1, {"y": "z"}]})

    class Unknown:
        pass

    with pytest.raises(Uncacheable):
        canonical({"a": [Unknown()]})
    # a document whose context holds what the canonical form does not know is rendered
    # every time, never taken for another
    template = ROOT / "templates" / "aanvraag-fonds.docx"
    if not template.is_file():
        template = next((ROOT / "templates").glob("*.docx"))
    assert document_key({"a": Unknown()}, template, "t", "nl", {}, None) is None
    key = document_key({"a": 1}, template, "t", "nl", {}, None)
    assert key == document_key({"a": 1}, template, "t", "nl", {}, None)
    assert key != document_key({"a": 1.0}, template, "t", "nl", {}, None)
    assert key != document_key({"a": 1}, template, "t", "en", {}, None)
    assert key != document_key({"a": 1}, template, "t", "nl", {}, ("Concept", "CONCEPT"))


def test_a_template_is_checked_with_its_first_document_in_one_process_and_in_several(
        cli, tmp_path, monkeypatch):
    """Documents of one template whose contexts differ in shape (a location without a
    budget has no budget categories): the first document's check decides for all of them,
    whichever process renders them."""
    from workspace_factory import FUNDERS, TABLES, make_template, make_workspace

    funds = {f"fonds-{c}": {"id": f"fonds-{c}", "name": f"Fonds {c.upper()}",
                            "type": "private-fund", "templates": {"application": "eigen.docx"}}
             for c in "bcdef"}
    locations = TABLES["locations"] + [["beuk", "De Beuk", "Hoogland", "Amersfoort",
                                        "2015-01-01", ""]]
    funding = TABLES["funding"] + [["2019", location, fund, "1000", "requested"]
                                   for fund in funds for location in ("beuk", "linde", "eik")]
    root = make_workspace(tmp_path / "ws", tables={"locations": locations, "funding": funding},
                          funders={**FUNDERS, **funds})
    make_template(root / "templates" / "eigen.docx",
                  ["{% for c in budget.categories %}{{ c.kleur }}{% endfor %}"])
    outputs = {}
    for jobs in ("1", "3"):
        monkeypatch.setenv("GRANTGEN_JOBS", jobs)
        checked = cli(["check", "--workspace", str(root), "--out", str(tmp_path / jobs)])
        built = cli(["build", "--workspace", str(root), "--out", str(tmp_path / jobs)])
        outputs[jobs] = (checked.exit_code, checked.output, built.exit_code, built.output,
                         output_files(tmp_path / jobs) if (tmp_path / jobs).exists() else {})
    assert "kleur" in outputs["1"][1]
    assert outputs["1"] == outputs["3"]


def test_compiled_templates_are_kept_only_where_nobody_else_may_write(tmp_path):
    """Compiled template code escapes the sandbox, so it is kept in the user's own folder,
    and used only while nobody else may change it; a damaged entry is compiled anew."""
    from grantgen.core.cache import CodeStore

    store = CodeStore(tmp_path / "code")
    store.put("k", b"payload")
    assert store.get("k") == b"payload"
    entry = tmp_path / "code" / "k"
    entry.write_bytes(entry.read_bytes()[:-1] + b"X")
    assert store.get("k") is None
    store.put("k", b"payload")
    entry.chmod(0o666)  # anyone may write it now
    assert store.get("k") is None
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    other = CodeStore(shared)
    other.put("k", b"payload")
    assert not other.usable() and other.get("k") is None and not (shared / "k").exists()


def test_a_template_compiled_before_renders_what_one_compiled_now_renders(cli, tmp_path,
                                                                         monkeypatch):
    """The same documents with the user's cache of compiled templates full, and empty."""
    from grantgen.core import cache, templating

    root = make_year_end_workspace(tmp_path / "ws")
    monkeypatch.setattr(cache, "CODE", cache.CodeStore(tmp_path / "code"))
    templating.environment.cache_clear()  # nothing compiled in this process either
    assert cli(["build", "--workspace", str(root), "--out", str(tmp_path / "a")]).exit_code == 0
    assert list((tmp_path / "code").iterdir())
    templating.environment.cache_clear()
    compile_ = templating.SandboxedEnvironment.compile

    def compile_texts_only(env, source, name=None, filename=None, *args, **kwargs):
        # texts are compiled by name (grantgen/texts/fitting.py); a template part never is
        assert name is not None, "a template part was compiled again"
        return compile_(env, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(templating.SandboxedEnvironment, "compile", compile_texts_only)
    assert cli(["build", "--workspace", str(root), "--out", str(tmp_path / "b")]).exit_code == 0
    monkeypatch.undo()
    monkeypatch.setattr(cache, "CODE", None)
    templating.environment.cache_clear()
    assert cli(["build", "--workspace", str(root), "--out", str(tmp_path / "c")]).exit_code == 0
    assert output_files(tmp_path / "a") == output_files(tmp_path / "b") == \
        output_files(tmp_path / "c")


def test_a_template_checked_before_finds_what_one_checked_now_finds(cli, tmp_path,
                                                                   monkeypatch):
    """The syntax trees and mended tags of template parts kept in the user's cache
    (word/template_check.py, word/render.py) give the findings and documents of parsing and
    mending anew: a template with a misspelt name is reported alike, from a full cache, an
    empty one and none."""
    from grantgen.core import cache, templating
    from grantgen.word import render, template_check
    from workspace_factory import FUNDERS, make_template, make_workspace

    funders = {**FUNDERS, "fonds-a": {**FUNDERS["fonds-a"],
                                      "templates": {"application": "eigen.docx"}}}
    root = make_workspace(tmp_path / "ws", funders=funders)
    make_template(root / "templates" / "eigen.docx",
                  ["Aan {{ funder.name }} & co.", "{{ organisaton.name }}"])
    results = []
    for store in (cache.CodeStore(tmp_path / "code"), cache.CodeStore(tmp_path / "code"),
                  None):
        monkeypatch.setattr(cache, "CODE", store)
        for remembered in (templating.environment, template_check._parse, render._patched):
            remembered.cache_clear()  # nothing kept in this process
        checked = cli(["check", "--workspace", str(root), "--out", str(tmp_path / "out")])
        results.append((checked.exit_code, checked.output))
    assert "organisaton" in results[0][1] and results[0][0] == 1
    assert results[0] == results[1] == results[2]
    assert any((tmp_path / "code").iterdir())


def test_the_review_after_a_build_takes_what_the_build_found(cli, tmp_path, monkeypatch):
    """The review pack and the board's overview (commands/review.review_context) hold what
    check finds; right after a build that is the build's record, with no document rendered
    again (the board's page shows its overview at once)."""
    import grantgen.pipeline.build as pipeline
    from grantgen.commands.review import review_context
    from grantgen.core.workspace import Workspace

    root = make_year_end_workspace(tmp_path / "ws")
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    checked = cli(["check", "--workspace", str(root)])
    rendered: list[int] = []
    render_all = pipeline.render_all
    monkeypatch.setattr(pipeline, "render_all",
                        lambda *a, **k: rendered.append(1) or render_all(*a, **k))
    made = review_context(Workspace.open(root), root / "output")
    assert rendered == [] and made.documents
    # the same as without the cache, which renders every document to find it
    shutil.rmtree(root / "output" / ".grantgen-cache")
    fresh = review_context(Workspace.open(root), root / "output")
    assert rendered == [1]
    assert made.documents == fresh.documents
    assert "warning" in checked.output and any(row["findings"] for row in made.documents)


def test_what_a_template_check_found_is_kept_in_the_users_cache(cli, tmp_path, monkeypatch):
    """A template's findings depend on the template and the shape of its context alone: a
    check into another output folder (or after the build cache was deleted) takes them
    from the user's own cache, checks no template and reports the same; the build's loading
    ahead does not parse a template whose findings are there (pipeline/warmup.py)."""
    from grantgen.core import cache
    from grantgen.core.workspace import Workspace
    from grantgen.pipeline import rendering, warmup
    from grantgen.word import template_check
    from workspace_factory import FUNDERS, make_template, make_workspace

    funders = {**FUNDERS, "fonds-a": {**FUNDERS["fonds-a"],
                                      "templates": {"application": "eigen.docx"}}}
    root = make_workspace(tmp_path / "ws", funders=funders)
    make_template(root / "templates" / "eigen.docx",
                  ["Aan {{ funder.name }} & co.", "{{ organisaton.name }}"])
    monkeypatch.setattr(cache, "CODE", cache.CodeStore(tmp_path / "code"))
    monkeypatch.setenv("GRANTGEN_JOBS", "1")  # the checks counted here, in this process
    checks: list[str] = []
    check = rendering.check_template
    monkeypatch.setattr(rendering, "check_template",
                        lambda template, *a: checks.append(template.name) or check(template, *a))
    first = cli(["check", "--workspace", str(root), "--out", str(tmp_path / "a")])
    assert "organisaton" in first.output and first.exit_code == 1
    assert "eigen.docx" in checks
    checks.clear()
    again = cli(["check", "--workspace", str(root), "--out", str(tmp_path / "b")])
    assert (again.exit_code, again.output) == (first.exit_code, first.output)
    assert checks == []
    parsed: list[str] = []
    monkeypatch.setattr(template_check, "warm", lambda template, *a: parsed.append(template.name))
    for step in warmup.steps(Workspace.open(root)):
        step()
    assert "eigen.docx" not in parsed  # (it parses those it guesses that were never checked)
    # a template changed is checked anew
    make_template(root / "templates" / "eigen.docx", ["{{ funder.naam }}"])
    changed = cli(["check", "--workspace", str(root), "--out", str(tmp_path / "c")])
    assert "naam" in changed.output and "organisaton" not in changed.output
    assert "eigen.docx" in checks
