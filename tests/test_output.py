"""The output folder after interrupted builds: every document complete and opening, and
manifest.json valid and listing exactly the files there; files of the user's own kept."""

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import record_output
from docx import Document

from grantgen.output import publish as output
from grantgen.output.publish import Entry, publish
from helpers.docs import docx_text
from workspace_factory import TABLES, make_workspace

KILLS = 20


def assert_consistent(out: Path) -> int:
    """The output folder shows one whole build; returns the number of documents."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    documents = manifest["documents"]
    listed = {d["path"] for d in documents}
    assert len(listed) == len(documents)
    there = {p.relative_to(out).as_posix() for p in out.rglob("*")
             if p.is_file() and not p.name.startswith(".") and p.name != "manifest.json"
             and ".grantgen-cache" not in p.parts}
    assert listed == there, f"listed but missing: {listed - there}; there but not listed: " \
                            f"{there - listed}"
    for document in documents:
        path = out / document["path"]
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == document["sha256"], document["path"]
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None
            assert Document(str(path)).paragraphs, document["path"]
    return len(documents)


#: grantgen's working folders beside the output, kept on purpose (copies of the drafts a
#: build replaced, and the board's page's PDFs and page images): no build's leftovers
WORKING_FOLDERS = (".grantgen-history", ".grantgen-cache")


def beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")
                  and not p.name.endswith(WORKING_FOLDERS))


def wait_for_staging(process: subprocess.Popen, out: Path, gone: bool = False) -> float:
    """Waits until the build starts publishing (its staging folder appears beside the
    output folder), or with `gone` until it has swapped it in, or until the build ends;
    returns the moment."""
    deadline = time.monotonic() + 300
    while (any("staging" in name for name in beside(out)) is gone) \
            and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    return time.monotonic()


#: `grantgen build` on a slow disk (a network drive, a synchronised folder): every fsync
#: takes 20 ms, so the moments of writing and publishing are long enough to be hit
SLOW_DISK_BUILD = """
import os, sys, time
_fsync = os.fsync
def slow_fsync(fd):
    time.sleep(0.02)
    return _fsync(fd)
os.fsync = slow_fsync
sys.argv[0] = "grantgen"
from grantgen.cli.main import main
main()
"""


def build_process(workspace: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-c", SLOW_DISK_BUILD, "build", "--workspace",
                             str(workspace)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=env, text=True)


def finish(process: subprocess.Popen) -> tuple[int, str]:
    text, _ = process.communicate(timeout=300)
    record_output(text)
    return process.returncode, text


def killable_workspace(root: Path) -> Path:
    """The small workspace with six applications (each location and the organisation, to
    two funders), so a build spends a while rendering and publishing."""
    funding = [list(r) for r in TABLES["funding"]] + [
        ["2019", "eik", "fonds-a", "3000", "requested"],
        ["2019", "linde", "gemeente", "2500", "requested"],
        ["2019", "all", "fonds-a", "1500", "requested"],
        ["2019", "all", "gemeente", "1500", "requested"]]
    make_workspace(root, tables={"funding": funding})
    (root / "output").mkdir()
    (root / "output" / ".gitkeep").write_bytes(b"")
    return root


def test_builds_killed_at_random_moments_leave_a_consistent_output(tmp_path):
    workspace = killable_workspace(tmp_path / "workspace")
    out = workspace / "output"
    budget = workspace / "facts" / "budget.csv"
    rent = "2019,linde,Huisvesting,Huur,9000"
    assert rent in budget.read_text(encoding="utf-8")

    # a first build fills the build cache, as the user's first build does: the builds
    # killed below each render only the documents their change reaches
    code, text = finish(build_process(workspace))
    assert code == 0, text
    new_rent = rent.replace("9000", "8999")
    budget.write_text(budget.read_text(encoding="utf-8").replace(rent, new_rent),
                      encoding="utf-8")
    rent = new_rent

    # a whole build, timed: from start to end, and from the moment it starts publishing
    started = time.monotonic()
    process = build_process(workspace)
    publishing = wait_for_staging(process, out)
    published = wait_for_staging(process, out, gone=True)
    code, text = finish(process)
    duration = time.monotonic() - started
    publish_time = published - publishing
    assert code == 0, text
    documents = assert_consistent(out)
    assert documents == 6

    rng = random.Random(6)
    codes = []
    for kill in range(KILLS):
        # every build has other facts, so a half-published output could not pass as whole
        new_rent = rent.replace(rent.rsplit(",", 1)[1], str(9001 + kill))
        budget.write_text(budget.read_text(encoding="utf-8").replace(rent, new_rent),
                          encoding="utf-8")
        rent = new_rent
        # without the build cache each build renders everything, so a kill lands inside it
        # however fast the machine is (with the cache a rebuild may end before the kill)
        shutil.rmtree(out / ".grantgen-cache", ignore_errors=True)
        process = build_process(workspace)
        if kill % 2:
            # any moment of the build, from start-up to the end
            time.sleep(rng.uniform(0.0, duration * 1.1))
        else:
            # a moment of the publishing: from the staging folder to just after the swap
            wait_for_staging(process, out)
            time.sleep(rng.uniform(0.0, publish_time * 1.2))
        process.send_signal(signal.SIGKILL)
        code, _text = finish(process)
        codes.append(code)
        assert assert_consistent(out) == documents, f"after kill {kill + 1}"
        assert (out / ".gitkeep").exists()
    assert codes.count(-signal.SIGKILL) >= KILLS // 2  # the kills did interrupt builds

    # the next build completes, tidies what the killed ones left, and shows the last facts
    code, text = finish(build_process(workspace))
    assert code == 0, text
    assert assert_consistent(out) == documents
    assert beside(out) == []
    amount = int(rent.rsplit(",", 1)[1]) + 3000
    assert f"€ {amount:,}".replace(",", ".") in docx_text(
        out / "2019/fonds-a/aanvraag-2019-linde.docx")


def entry(path: str, data: bytes) -> Entry:
    return Entry(path=path, kind="application", funder_id="f", location_id="x", year=2019,
                 sha256=hashlib.sha256(data).hexdigest(), template="t", status="draft",
                 inputs_sha256="0" * 64)


def test_without_an_atomic_swap_a_build_killed_between_the_moves_loses_nothing(
        tmp_path, monkeypatch):
    out = tmp_path / "output"
    publish(out, {"2019/a.txt": b"old"}, [entry("2019/a.txt", b"old")])
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    real_rename = os.rename

    def killed_after_first_move(source, target):
        real_rename(source, target)
        if ".grantgen-previous-" in str(target):
            raise KeyboardInterrupt  # as if killed right after moving the old folder aside

    monkeypatch.setattr(output.os, "rename", killed_after_first_move)
    with pytest.raises(KeyboardInterrupt):
        publish(out, {"2019/a.txt": b"new"}, [entry("2019/a.txt", b"new")])
    monkeypatch.setattr(output.os, "rename", real_rename)
    assert not out.exists()
    # a process of the same number never ran before us: make the leftover look abandoned
    for path in tmp_path.iterdir():
        path.rename(path.with_name(path.name.rsplit("-", 1)[0] + "-999999999"))
    # the next build puts the previous output back before anything else, then publishes
    publish(out, {"2019/b.txt": b"b"}, [entry("2019/a.txt", b"old"),
                                          entry("2019/b.txt", b"b")])
    assert (out / "2019/a.txt").read_bytes() == b"old"
    assert assert_consistent(out) == 2
    assert beside(out) == []


def test_files_of_the_users_own_are_kept_and_not_listed(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / ".gitkeep").write_bytes(b"")
    (out / ".notes.tmp-12").write_bytes(b"half a file of a killed write")
    published = publish(out, {"2019/a.txt": b"a", "2019/b.txt": b"b"},
                        [entry("2019/a.txt", b"a"), entry("2019/b.txt", b"b")])
    assert len(published) == 2
    (out / "2019/b.txt").unlink()  # someone deleted a document by hand
    published = publish(out, {"2019/c.txt": b"c"},
                        [entry("2019/a.txt", b"a"), entry("2019/b.txt", b"b"),
                         entry("2019/c.txt", b"c")])
    assert [e.path for e in published] == ["2019/a.txt", "2019/c.txt"]
    assert assert_consistent(out) == 2
    assert (out / ".gitkeep").exists()
    assert not (out / ".notes.tmp-12").exists()


def test_leftovers_of_a_build_still_running_are_left_alone(tmp_path):
    out = tmp_path / "output"
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    try:
        ours = tmp_path / f".output.grantgen-staging-{running.pid}"
        theirs = tmp_path / f".output.grantgen-staging-{ended.pid}"
        ours.mkdir()
        theirs.mkdir()
        publish(out, {"a.txt": b"a"}, [entry("a.txt", b"a")])
        assert ours.exists() and not theirs.exists()
    finally:
        running.kill()
        running.wait()


def test_a_build_that_fails_writes_nothing_beside_the_output(cli, tmp_path):
    make_workspace(tmp_path)
    (tmp_path / "facts" / "budget.csv").write_text("year,location_id\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert cli(["build", "--workspace", str(tmp_path)]).exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before
