"""Shared fixtures: example workspace copies, the CLI runner, document text, LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from docs import soffice_path  # noqa: E402

# every document date in the tests is 1 december 2018, so golden texts hold
os.environ.setdefault("SOURCE_DATE_EPOCH", "1543622400")
# a bug of ours surfaces in the tests as the exception itself, not the short message
os.environ.setdefault("GRANTGEN_DEBUG", "1")
# the tests assert the English msgids; tests of the Dutch messages remove this for their run
os.environ.setdefault("GRANTGEN_LANGUAGE", "en")
#: every CLI output of the suite, for the test that no traceback ever reached a user
CLI_OUTPUTS: list[str] = []


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that switched the language to Dutch leaves English behind for the next."""
    yield
    from grantgen.i18n import set_language

    set_language("en")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A fresh copy of the example workspace at the repository root."""
    target = tmp_path / "example"
    target.mkdir()
    for name in ("facts", "funders", "texts", "templates", "attachments"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    return target


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """The example workspace built once for the whole session (read-only for tests)."""
    target = tmp_path_factory.mktemp("example-build")
    for name in ("facts", "funders", "texts", "templates", "attachments"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    result = run(["build", "--workspace", str(target)])
    assert result.exit_code == 0, result.output
    return target / "output"


def run(args: list[str], env: dict | None = None):
    """Run the grantgen CLI in-process; its output is kept for the traceback check."""
    from grantgen.cli import cli

    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=True)
    CLI_OUTPUTS.append(result.output)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def cli():
    return run


@pytest.fixture(scope="session")
def soffice() -> str:
    """The LibreOffice binary; skipped where missing, except in CI where that fails."""
    path = soffice_path()
    if path is None:
        if os.environ.get("GRANTGEN_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice (soffice) is required in CI but was not found")
        pytest.skip("LibreOffice (soffice) is not installed")
    return path


def pytest_sessionfinish(session, exitstatus):
    tracebacks = [o for o in CLI_OUTPUTS if "Traceback (most recent call last)" in o]
    if tracebacks:
        print("\nA traceback reached the CLI output:\n" + tracebacks[0], file=sys.stderr)
        session.exitstatus = 1


def soffice_convert(soffice: str, files: list[Path], outdir: Path, fmt: str = "pdf") -> None:
    """Convert files with LibreOffice in one run, with a profile folder of its own."""
    profile = outdir / ".lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=600)
