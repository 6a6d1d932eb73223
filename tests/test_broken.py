"""The broken-workspace corpus (tests/broken/<fault>/): every fault stops check and build
with exit status 1, a message naming the file (row and column where there is one) and what
to do, no traceback, and the output folder exactly as it was.

The folders are written by scripts/make_broken.py; each holds an expected.txt with the
lines that must appear.
"""

import re
import shutil
from pathlib import Path

import pytest
from conftest import run

from workspace_factory import make_workspace

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "expected.txt").is_file())
#: how every problem line starts: the file it is about (a document's own lines say which)
LOCATED = re.compile(r"^(warning: )?(\[[^\]]+\] )?(facts|funders|templates|texts)/[^:]*: \S")


def expected_lines(case: str) -> list[str]:
    text = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def tree(folder: Path) -> dict[str, tuple[bytes, int] | None]:
    """Every file and folder under `folder`, with each file's bytes and modification time."""
    return {p.relative_to(folder).as_posix():
            (p.read_bytes(), p.stat().st_mtime_ns) if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


def assert_clean_failure(result, case: str) -> None:
    output = result.output
    assert result.exit_code == 1, f"{case}: exit {result.exit_code}\n{output}"
    assert "Traceback" not in output and "internal error" not in output, output
    lines = output.splitlines()
    for line in expected_lines(case):
        assert any(line in out for out in lines), f"{case}: missing\n  {line}\nin\n{output}"
    problems = [line for line in lines if not re.match(r"^\d+ (error|problem)", line)
                and not line.startswith("  ")]
    assert problems
    for line in problems:
        assert LOCATED.match(line), f"{case}: a message that names no file:\n  {line}"


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES)
def test_every_error_says_what_to_do(case):
    from grantgen.core.workspace import Workspace
    from grantgen.pipeline.build import check

    errors = check(Workspace.open(BROKEN / case)).errors
    assert errors
    for problem in errors:
        assert problem.file and problem.hint, f"{case}: {problem} says nothing to do"


@pytest.fixture(scope="session")
def previous_output(tmp_path_factory) -> Path:
    """What a workspace's output folder held before it broke: a good build of the corpus's
    base workspace, with a file of the user's own (.gitkeep) beside the documents."""
    root = tmp_path_factory.mktemp("previous")
    make_workspace(root)
    result = run(["build", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    (root / "output" / ".gitkeep").write_bytes(b"")
    return root / "output"


@pytest.mark.parametrize("case", CASES)
def test_broken_workspace(cli, tmp_path, case, previous_output):
    workspace = tmp_path / case
    shutil.copytree(BROKEN / case, workspace, ignore=shutil.ignore_patterns("expected.txt"))

    assert_clean_failure(cli(["check", "--workspace", str(workspace)]), case)

    # without an output folder: none appears, and nothing beside it
    before = tree(tmp_path)
    result = cli(["build", "--workspace", str(workspace)])
    assert_clean_failure(result, case)
    assert "nothing was written" in result.output
    assert tree(tmp_path) == before

    # over a previous build: every byte of it stays
    shutil.copytree(previous_output, workspace / "output")
    before = tree(tmp_path)
    assert_clean_failure(cli(["build", "--workspace", str(workspace)]), case)
    assert tree(tmp_path) == before
