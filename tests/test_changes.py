"""Every build ends with what changed since the last one (#12): documents new, changed,
unchanged and no longer made, the last named one by one with why. A draft no longer made
moves to backup/; an approved one stays where it is, as it was sent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.docs import docx_text
from workspace_factory import YEAR_END_TABLES, make_workspace, make_year_end_workspace

LINDE = "2019/fonds-a/aanvraag-2019-linde.docx"
EIK = "2019/gemeente/aanvraag-2019-eik.docx"


def build(cli, root: Path, *extra: str, env: dict | None = None):
    result = cli(["build", "--workspace", str(root), *extra], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def listed(root: Path) -> dict[str, dict]:
    data = json.loads((root / "output" / "manifest.json").read_text(encoding="utf-8"))
    return {d["path"]: d for d in data["documents"]}


def funding_without(root: Path, source: str) -> None:
    path = root / "facts" / "funding.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if f",{source}," not in line) + "\n",
                    encoding="utf-8")


def set_in(root: Path, table: str, old: str, new: str) -> None:
    path = root / "facts" / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_request_removed_names_the_application_no_longer_made(cli, tmp_path):
    make_workspace(tmp_path)
    output = build(cli, tmp_path)
    assert "First build of these documents here: 2 new." in output
    draft = (tmp_path / "output" / LINDE).read_bytes()
    assert "Since the last build: 0 new, 0 changed, 2 unchanged, 0 no longer made." in \
        build(cli, tmp_path)

    funding_without(tmp_path, "fonds-a")
    output = build(cli, tmp_path)
    assert "Since the last build: 0 new, 0 changed, 1 unchanged, 1 no longer made." in output
    moved = re.search(r"Aanvraag Fonds A 2019 De Linde is no longer made: facts/funding.csv "
                      r"no longer holds a request to Fonds A for 2019 \(De Linde\)\. Its draft "
                      rf"{LINDE} was moved to (backup/[^ ]+/output/{LINDE})\.$", output, re.M)
    assert moved, output
    # the draft is kept, byte for byte, out of the output folder and its manifest
    assert (tmp_path / moved[1]).read_bytes() == draft
    assert not (tmp_path / "output" / LINDE).exists()
    assert set(listed(tmp_path)) == {EIK}
    # named once: the next build has nothing more to say about it
    assert "0 no longer made" in build(cli, tmp_path)


def test_the_summary_speaks_dutch(cli, tmp_path):
    make_workspace(tmp_path)
    build(cli, tmp_path)
    funding_without(tmp_path, "gemeente")
    output = build(cli, tmp_path, env={"GRANTGEN_LANGUAGE": "nl"})
    assert "Sinds de vorige keer: 0 nieuw, 0 veranderd, 1 niet veranderd, 1 niet meer " \
           "gemaakt." in output
    assert ("Aanvraag Gemeente Amersfoort 2019 De Eik wordt niet meer gemaakt: in "
            "facts/funding.csv staat geen aanvraag bij Gemeente Amersfoort voor 2019 (De Eik) "
            "meer. Het concept 2019/gemeente/aanvraag-2019-eik.docx is verplaatst naar "
            "backup/") in output


def test_new_and_changed_documents_are_counted(cli, tmp_path):
    make_workspace(tmp_path)
    build(cli, tmp_path)
    set_in(tmp_path, "budget", "2019,eik,Huisvesting,Huur,6000", "2019,eik,Huisvesting,Huur,6500")
    with (tmp_path / "facts" / "funding.csv").open("a", encoding="utf-8") as f:
        f.write("2019,eik,fonds-a,2500,requested\n")
    output = build(cli, tmp_path)
    assert "Since the last build: 1 new, 1 changed, 1 unchanged, 0 no longer made." in output
    assert "€ 6.500" in docx_text(tmp_path / "output" / EIK)


def test_a_new_date_alone_is_no_change(cli, tmp_path):
    make_workspace(tmp_path)
    build(cli, tmp_path, env={"SOURCE_DATE_EPOCH": "1543622400"})  # 1 December 2018
    output = build(cli, tmp_path, env={"SOURCE_DATE_EPOCH": "1543708800"})  # the 2nd
    assert "2 december 2018" in docx_text(tmp_path / "output" / LINDE)
    assert "Since the last build: 0 new, 0 changed, 2 unchanged, 0 no longer made." in output


def test_an_approved_document_no_longer_made_stays_as_it_was_sent(cli, tmp_path):
    """The request was granted: the application is no longer made, and its approved version
    is what was sent. It stays, in the output folder and the manifest, and is named once."""
    make_workspace(tmp_path)
    build(cli, tmp_path)
    assert cli(["approve", LINDE, "--by", "Els Bakker", "--workspace", str(tmp_path)]
               ).exit_code == 0
    approved = (tmp_path / "output" / LINDE).read_bytes()
    set_in(tmp_path, "funding", "fonds-a,10000,requested", "fonds-a,10000,committed")
    output = build(cli, tmp_path)
    assert ("Aanvraag Fonds A 2019 De Linde is no longer made: the request to Fonds A for 2019 "
            "(De Linde) in facts/funding.csv now has status committed. Its approved version "
            f"stays in the output folder: {LINDE}.") in output
    assert (tmp_path / "output" / LINDE).read_bytes() == approved
    assert listed(tmp_path)[LINDE]["status"] == "approved"
    assert not (tmp_path / "backup").exists()
    assert "0 no longer made" in build(cli, tmp_path)
    # asked again: the approved version is the document again, unchanged
    set_in(tmp_path, "funding", "fonds-a,10000,committed", "fonds-a,10000,requested")
    output = build(cli, tmp_path)
    assert f"{LINDE} (approved, unchanged)" in output
    assert "0 new, 0 changed, 2 unchanged, 0 no longer made" in output
    assert listed(tmp_path)[LINDE]["no_longer_made"] is None


def test_a_build_of_one_year_leaves_the_other_years_out_of_it(cli, tmp_path):
    make_year_end_workspace(tmp_path)
    build(cli, tmp_path)
    output = build(cli, tmp_path, "--year", "2018")
    assert "Since the last build:" in output and "0 new, 0 changed" in output
    assert "0 no longer made" in output


@pytest.mark.parametrize(("change", "reason"), [
    ("actuals", "Jaarverslag 2018 is no longer made: facts/actuals.csv holds no realised costs "
                "for 2018 any more."),
    ("funding", "Verantwoording Fonds A 2018 is no longer made: facts/funding.csv no longer "
                "holds money committed or received from Fonds A for 2018."),
    ("profile", "Verantwoording Fonds A 2018 is no longer made: there is no funder profile "
                "funders/fonds-a.yaml any more."),
])
def test_year_end_documents_no_longer_made_say_why(cli, tmp_path, change, reason):
    make_year_end_workspace(tmp_path)
    build(cli, tmp_path)
    if change == "actuals":
        rows = [r for r in YEAR_END_TABLES["actuals"] if r[0] != "2018"]
        make_year_end_workspace(tmp_path, tables={"actuals": rows})
    elif change == "funding":
        rows = [r for r in YEAR_END_TABLES["funding"] if not (r[0] == "2018"
                                                              and r[2] == "fonds-a")]
        make_year_end_workspace(tmp_path, tables={"funding": rows})
    else:
        rows = [r for r in YEAR_END_TABLES["funding"] if r[2] != "fonds-a"]
        make_year_end_workspace(tmp_path, tables={"funding": rows})
        (tmp_path / "funders" / "fonds-a.yaml").unlink()
    output = build(cli, tmp_path)
    assert reason in output, output
