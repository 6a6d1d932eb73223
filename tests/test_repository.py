"""The committed generated files are what their scripts write."""

import importlib.util
import sys
from pathlib import Path

from conftest import ROOT


def _script(name: str):
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_builtin_templates_are_up_to_date(tmp_path: Path):
    written = _script("make_templates").write(tmp_path)
    committed = ROOT / "templates"
    assert {p.name for p in written} <= {p.name for p in committed.glob("*.docx")}
    for path in written:
        assert path.read_bytes() == (committed / path.name).read_bytes(), (
            f"{path.name} differs from scripts/make_templates.py: run `make templates`")


def test_example_facts_are_up_to_date(tmp_path: Path, monkeypatch):
    module = _script("make_example")
    monkeypatch.setattr(module, "FACTS", tmp_path)
    module.main()
    for path in sorted(tmp_path.glob("*.csv")):
        assert path.read_bytes() == (ROOT / "facts" / path.name).read_bytes(), (
            f"facts/{path.name} differs from scripts/make_example.py: run `make example-data`")


def test_example_attachments_are_up_to_date(tmp_path: Path):
    written = _script("make_attachments").main(tmp_path)
    committed = ROOT / "attachments"
    assert {p.relative_to(tmp_path) for p in written} == \
        {p.relative_to(committed) for p in committed.rglob("*") if p.is_file()}
    for path in written:
        assert path.read_bytes() == (committed / path.relative_to(tmp_path)).read_bytes(), (
            f"{path.name} differs from scripts/make_attachments.py: run `make example-data`")


def test_broken_corpus_is_up_to_date(tmp_path: Path):
    written = _script("make_broken").write(tmp_path)
    committed = ROOT / "tests" / "broken"
    assert written

    def files(folder: Path) -> set[Path]:
        return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()}

    assert files(tmp_path) == files(committed), (
        "tests/broken/ differs from scripts/make_broken.py: run `make broken-corpus`")
    for relative in sorted(files(tmp_path)):
        assert (tmp_path / relative).read_bytes() == (committed / relative).read_bytes(), (
            f"tests/broken/{relative} differs from scripts/make_broken.py: run "
            "`make broken-corpus`")
