"""Same input, same output: builds of the same facts give byte-identical documents and
manifest, wherever they are written; SOURCE_DATE_EPOCH sets the documents' date."""

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, record_output

from helpers.docs import docx_text
from workspace_factory import make_workspace

DAY = 1543622400  # 1 December 2018, 00:00 UTC


def digests(out: Path) -> dict[str, str]:
    """Every file of the output folder but its build cache (output/.grantgen-cache/)."""
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and ".grantgen-cache" not in p.parts}


def copy_example(target: Path) -> Path:
    for name in ("facts", "funders", "texts"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    return target


def test_two_builds_of_the_example_into_different_folders_are_identical(
        example_build, tmp_path):
    """The second build in a process of its own, started from elsewhere with another hash
    seed, so nothing may depend on the order of a set or on where files are; it renders
    over several processes, the first in one (#7)."""
    other = copy_example(tmp_path / "elsewhere" / "workspace")
    out = tmp_path / "somewhere" / "else"
    env = {**os.environ, "PYTHONHASHSEED": "4242", "GRANTGEN_JOBS": "3"}
    result = subprocess.run([sys.executable, "-m", "grantgen", "build", "--workspace",
                             "workspace", "--out", str(out)], cwd=other.parent, env=env,
                            capture_output=True, text=True, timeout=600)
    record_output(result.stdout + result.stderr)
    assert result.returncode == 0, result.stderr
    first, second = digests(example_build), digests(out)
    assert len(first) >= 9 and "manifest.json" in first
    assert first == second


def test_every_part_of_a_document_has_the_fixed_time_and_the_documents_date(example_build):
    path = example_build / "2019/gemeente-utrecht/aanvraag-2019-de-klop.docx"
    with zipfile.ZipFile(path) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == [
        "2018-12-01T00:00:00Z", "2018-12-01T00:00:00Z"]


def build_at(cli, root: Path, out: Path, epoch: int | None, monkeypatch) -> dict[str, str]:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    assert cli(["build", "--workspace", str(root), "--out", str(out)]).exit_code == 0
    return digests(out)


def test_the_time_of_day_changes_nothing_the_day_changes_the_date(cli, tmp_path,
                                                                  monkeypatch):
    root = make_workspace(tmp_path / "ws")
    morning = build_at(cli, root, tmp_path / "morning", DAY + 9 * 3600, monkeypatch)
    evening = build_at(cli, root, tmp_path / "evening", DAY + 17 * 3600 + 59, monkeypatch)
    assert morning == evening
    next_day = build_at(cli, root, tmp_path / "next-day", DAY + 86400, monkeypatch)
    assert next_day.keys() == morning.keys()
    assert next_day != morning
    letter = docx_text(tmp_path / "next-day/2019/fonds-a/aanvraag-2019-linde.docx")
    assert "Amersfoort, 2 december 2018" in letter


def test_without_source_date_epoch_two_builds_of_one_day_are_identical(cli, tmp_path,
                                                                       monkeypatch):
    root = make_workspace(tmp_path / "ws")
    day = dt.date.today()
    first = build_at(cli, root, tmp_path / "a", None, monkeypatch)
    second = build_at(cli, root, tmp_path / "b", None, monkeypatch)
    if dt.date.today() != day:
        pytest.skip("the builds fell on both sides of midnight")
    assert first == second
    letter = docx_text(tmp_path / "a/2019/fonds-a/aanvraag-2019-linde.docx")
    assert f"Amersfoort, {day.day} " in letter and f" {day.year}" in letter


def test_inputs_sha256_is_the_digest_of_every_input_file(example_build):
    """Computed here from the files themselves: facts, texts, the funder's profile and the
    template, each named as in the manifest (a built-in template by its name, so the digest
    does not depend on where grantgen is installed)."""
    from grantgen.documents.templates import BUILTIN

    manifest = json.loads((example_build / "manifest.json").read_text(encoding="utf-8"))
    workspace = example_build.parent

    def sha(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    shared = {p.relative_to(workspace).as_posix(): sha(p)
              for folder in ("facts", "texts") for p in sorted((workspace / folder).rglob("*"))
              if p.is_file() and not p.name.startswith(".")}
    for document in manifest["documents"]:
        inputs = dict(shared)
        if document["funder_id"]:
            inputs[f"funders/{document['funder_id']}.yaml"] = sha(
                workspace / "funders" / f"{document['funder_id']}.yaml")
        template = document["template"]
        if document["kind"] not in ("form", "budget-workbook"):  # those have no template
            inputs[template] = sha(BUILTIN / template.removeprefix("(built-in) ")
                                   if template.startswith("(built-in) ") else workspace / template)
        digest = hashlib.sha256()
        for name in sorted(inputs):
            digest.update(f"{name}\0{inputs[name]}\n".encode())
        assert document["inputs_sha256"] == digest.hexdigest(), document["path"]
