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
# small workspaces made in code (scripts/workspace_factory.py), shared with make_broken.py
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from helpers.docs import soffice_path  # noqa: E402
from helpers.privacy import scan_output  # noqa: E402

# every document date in the tests is 1 december 2018, so golden texts hold
os.environ.setdefault("SOURCE_DATE_EPOCH", "1543622400")
# a bug of ours surfaces in the tests as the exception itself, not the short message
os.environ.setdefault("GRANTGEN_DEBUG", "1")
# the tests assert the English msgids; tests of the Dutch messages remove this for their run
os.environ.setdefault("GRANTGEN_LANGUAGE", "en")
# each build of the suite renders in its own process: pytest-xdist spreads the tests over
# the cores instead (`make test`); tests of rendering in several processes set it themselves
os.environ.setdefault("GRANTGEN_JOBS", "1")
#: every CLI output of the suite, for the test that no traceback ever reached a user
CLI_OUTPUTS: list[str] = []
#: what a user must never see, in any CLI output of the suite
TRACEBACK = "Traceback (most recent call last)"
#: (workspaces, files) whose output the privacy scan read
PRIVACY_SCANNED: dict[str, int] = {"builds": 0, "files": 0}
#: under pytest-xdist, what each worker process reported of the above (see the hooks below)
FROM_WORKERS: list[dict] = []


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that switched the language to Dutch leaves English behind for the next."""
    yield
    from grantgen.core.i18n import set_language

    set_language("en")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A fresh copy of the example workspace at the repository root."""
    target = tmp_path / "example"
    target.mkdir()
    for name in ("facts", "funders", "texts", "attachments"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    return target


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """The example workspace built once for the whole session (read-only for tests)."""
    target = tmp_path_factory.mktemp("example-build")
    for name in ("facts", "funders", "texts", "attachments"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    result = run(["build", "--workspace", str(target)])
    assert result.exit_code == 0, result.output
    return target / "output"


def record_output(output: str) -> None:
    """Keeps a CLI output (of an in-process run or a subprocess) for the traceback check,
    and fails the running test at once when it holds a traceback."""
    CLI_OUTPUTS.append(output)
    if TRACEBACK in output:
        pytest.fail("a traceback reached the CLI output:\n" + output, pytrace=False)


def _option(args: list[str], *names: str) -> str | None:
    for i, arg in enumerate(args):
        if arg in names and i + 1 < len(args):
            return args[i + 1]
        for name in names:
            if name.startswith("--") and arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return None


def privacy_scan(args: list[str]) -> None:
    """After a successful build: no pseudonym and no story without consent in any file of
    its output folder."""
    workspace = Path(_option(args, "--workspace", "-w") or ".")
    out = _option(args, "--out", "-o")
    out_dir = Path(out) if out else workspace / "output"
    if not out_dir.is_dir():
        return
    files, leaks = scan_output(workspace, out_dir)
    PRIVACY_SCANNED["builds"] += 1
    PRIVACY_SCANNED["files"] += files
    if leaks:
        pytest.fail("a document leaks what it must never show:\n  " + "\n  ".join(leaks),
                    pytrace=False)


def run(args: list[str], env: dict | None = None):
    """Run the grantgen CLI in-process; its output is kept for the traceback check, and the
    output folder of every successful build is scanned for pseudonyms and stories without
    consent."""
    from grantgen.cli.main import cli

    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=True)
    record_output(result.output)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    if args and args[0] == "build" and result.exit_code == 0:
        privacy_scan(args)
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


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, for the browser tests; skipped where it is missing, except in CI
    (GRANTGEN_REQUIRE_BROWSER or GRANTGEN_REQUIRE_LIBREOFFICE set), where that fails."""
    path = shutil.which("chromium")
    missing = None
    if path is None:
        missing = "chromium is not installed (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is not installed (pip install -e '.[test]')"
    if missing:
        if os.environ.get("GRANTGEN_REQUIRE_BROWSER") or \
                os.environ.get("GRANTGEN_REQUIRE_LIBREOFFICE"):
            pytest.fail(f"the browser tests are required in CI, but {missing}")
        pytest.skip(missing)
    return path


def _own_numbers() -> dict:
    tracebacks = [o for o in CLI_OUTPUTS if TRACEBACK in o]
    return {"outputs": len(CLI_OUTPUTS), "tracebacks": len(tracebacks),
            "first_traceback": tracebacks[0] if tracebacks else None,
            "privacy": dict(PRIVACY_SCANNED)}


def _numbers() -> dict:
    """The session's numbers: this process's, and those of the xdist workers."""
    total = _own_numbers()
    for part in FROM_WORKERS:
        total["outputs"] += part["outputs"]
        total["tracebacks"] += part["tracebacks"]
        total["first_traceback"] = total["first_traceback"] or part["first_traceback"]
        for key in total["privacy"]:
            total["privacy"][key] += part["privacy"][key]
    return total


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist: a worker is done; keep what it counted for the session's report."""
    part = getattr(node, "workeroutput", {}).get("grantgen")
    if part:
        FROM_WORKERS.append(part)


def pytest_sessionfinish(session, exitstatus):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: the controller reports for the session
        workeroutput["grantgen"] = _own_numbers()
        return
    numbers = _numbers()
    if numbers["tracebacks"]:
        print(f"\n{numbers['tracebacks']} CLI output(s) held a traceback; the first:\n"
              + numbers["first_traceback"], file=sys.stderr)
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The numbers the issue of reliability asks the test run to show."""
    reports = [r for r in terminalreporter.stats.get("passed", [])
               if "test_broken.py::test_broken_workspace[" in r.nodeid and r.when == "call"]
    failed = [r for r in terminalreporter.stats.get("failed", [])
              if "test_broken.py::test_broken_workspace[" in r.nodeid]
    if reports or failed:
        terminalreporter.write_line(
            f"broken workspaces: {len(reports)} of {len(reports) + len(failed)} stopped "
            "cleanly (exit 1, located message, no traceback, output untouched)")
    numbers = _numbers()
    terminalreporter.write_line(
        f"CLI outputs checked for tracebacks: {numbers['outputs']}, with a traceback: "
        f"{numbers['tracebacks']}")
    scanned = numbers["privacy"]
    if scanned["builds"]:
        terminalreporter.write_line(
            f"privacy scan: {scanned['files']} files of {scanned['builds']} "
            "builds, without pseudonyms or stories lacking consent")


def soffice_convert(soffice: str, files: list[Path], outdir: Path, fmt: str = "pdf") -> None:
    """Convert files with LibreOffice in one run, with a profile folder of its own."""
    profile = outdir / ".lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=600)
