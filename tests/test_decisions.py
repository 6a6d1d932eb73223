"""The board's decisions from the command line (#14): only the board decides, several
documents make one decision, an approval can be withdrawn, every decision is in the log; a
draft changed by hand is never overwritten."""

from __future__ import annotations

import hashlib

from docx import Document

from helpers.docs import docx_text
from helpers.serve import decisions, manifest
from workspace_factory import make_workspace

LINDE = "2019/fonds-a/aanvraag-2019-linde.docx"
EIK = "2019/gemeente/aanvraag-2019-eik.docx"


def test_only_a_board_member_decides(cli, tmp_path):
    make_workspace(tmp_path)
    ws = ["--workspace", str(tmp_path)]
    assert cli(["build", *ws]).exit_code == 0
    before = (tmp_path / "output" / "manifest.json").read_bytes()
    result = cli(["approve", LINDE, "--by", "x", *ws])
    assert result.exit_code == 1
    assert ("'x' is not on the board in facts/organisation.yaml, so cannot decide on "
            "documents. Give the name of a board member with --by; the board is:\n"
            "  Els Bakker (voorzitter)\n  Ahmed Yilmaz (penningmeester)") in result.output
    assert cli(["unapprove", LINDE, "--by", "Iemand Anders", *ws]).exit_code == 1
    assert (tmp_path / "output" / "manifest.json").read_bytes() == before
    assert decisions(tmp_path / "output") == []
    # capitals and spaces aside, the name as the board has it is recorded
    result = cli(["approve", LINDE, "--by", "  els   BAKKER ", *ws])
    assert result.exit_code == 0, result.output
    assert manifest(tmp_path / "output")[LINDE]["approved_by"] == "Els Bakker"


def test_a_workspace_without_a_board_cannot_approve(cli, tmp_path):
    from workspace_factory import ORGANISATION

    make_workspace(tmp_path, organisation={**ORGANISATION, "board": []})
    ws = ["--workspace", str(tmp_path)]
    assert cli(["build", *ws]).exit_code == 0
    result = cli(["approve", LINDE, "--by", "Els Bakker", *ws])
    assert result.exit_code == 1
    assert "facts/organisation.yaml lists no board, so nobody can approve." in result.output


def test_one_decision_withdrawn_and_logged(cli, tmp_path):
    make_workspace(tmp_path)
    ws = ["--workspace", str(tmp_path)]
    out = tmp_path / "output"
    assert cli(["build", *ws]).exit_code == 0
    drafts = {p: (out / p).read_bytes() for p in (LINDE, EIK)}
    result = cli(["approve", LINDE, EIK, "--by", "Ahmed Yilmaz", "--meeting",
                  "bestuursvergadering 28 november", *ws])
    assert result.exit_code == 0, result.output
    entries = manifest(out)
    log = decisions(out)
    assert [(r["decision"], r["path"], r["by"], r["role"], r["meeting"]) for r in log] == [
        ("approve", LINDE, "Ahmed Yilmaz", "penningmeester", "bestuursvergadering 28 november"),
        ("approve", EIK, "Ahmed Yilmaz", "penningmeester", "bestuursvergadering 28 november")]
    assert log[0]["decision_id"] == log[1]["decision_id"]
    assert f"Decision {log[0]['decision_id']} recorded in" in result.output
    for record in log:
        entry = entries[record["path"]]
        assert entry["status"] == "approved" and entry["approved_by"] == "Ahmed Yilmaz"
        data = (out / record["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == record["sha256"] == entry["sha256"]
        assert record["at"] == entry["approved_at"]
        assert "CONCEPT" not in docx_text(out / record["path"])

    approved = (out / LINDE).read_bytes()
    result = cli(["unapprove", LINDE, "--by", "Els Bakker", "--reason", "Nog een vraag aan het "
                  "fonds.", *ws])
    assert result.exit_code == 0, result.output
    assert f"{LINDE}: approval withdrawn by Els Bakker; it is a draft again (version 1)." \
        in result.output
    entry = manifest(out)[LINDE]
    assert entry["status"] == "draft" and entry["approved_by"] is None
    assert "CONCEPT · versie 1 · niet verzenden" in docx_text(out / LINDE)
    (tmp_path / "approved.docx").write_bytes(approved)
    assert docx_text(out / LINDE).replace("CONCEPT · versie 1 · niet verzenden", "") \
        .split() == docx_text(tmp_path / "approved.docx").split()
    assert entry["sha256"] == hashlib.sha256((out / LINDE).read_bytes()).hexdigest()
    log = decisions(out)
    assert len(log) == 3 and log[:2] == decisions(out)[:2]  # the approvals stay as they were
    withdrawal = log[2]
    assert (withdrawal["decision"], withdrawal["by"], withdrawal["reason"]) == \
        ("withdraw", "Els Bakker", "Nog een vraag aan het fonds.")
    assert withdrawal["sha256"] == hashlib.sha256(approved).hexdigest()
    assert withdrawal["decision_id"] != log[0]["decision_id"]
    # a draft has no approval to withdraw; withdrawn, it can be approved again
    result = cli(["unapprove", LINDE, "--by", "Els Bakker", *ws])
    assert result.exit_code == 1
    assert f"{LINDE} is not approved, so there is no approval to withdraw." in result.output
    assert cli(["approve", LINDE, "--by", "Els Bakker", *ws]).exit_code == 0
    assert (out / LINDE).read_bytes() == approved
    # the next build leaves both approved documents alone; the log stays
    result = cli(["build", *ws])
    assert f"{LINDE} (approved, unchanged)" in result.output
    assert len(decisions(out)) == 4
    assert drafts[EIK] != (out / EIK).read_bytes()


def _edit(path, sentence: str) -> None:
    document = Document(str(path))
    document.add_paragraph(sentence)
    document.save(str(path))


def test_a_draft_changed_by_hand_is_kept(cli, tmp_path):
    make_workspace(tmp_path)
    ws = ["--workspace", str(tmp_path)]
    out = tmp_path / "output"
    assert cli(["build", *ws]).exit_code == 0
    _edit(out / LINDE, "Door de coördinator met de hand toegevoegd.")
    edited = (out / LINDE).read_bytes()
    result = cli(["build", *ws])
    assert result.exit_code == 0, result.output
    copy = "2019/fonds-a/aanvraag-2019-linde (bewerkt).docx"
    assert (f"{LINDE} was changed by hand after grantgen wrote it; that version is kept as "
            f"{copy}, beside the new draft.") in result.output
    assert (out / copy).read_bytes() == edited
    assert "met de hand toegevoegd" not in docx_text(out / LINDE)
    entries = manifest(out)
    assert entries[LINDE]["edited"] == [copy]
    assert copy not in entries  # not a document grantgen wrote
    # the next build keeps the copy, and says nothing new
    result = cli(["build", *ws])
    assert "changed by hand" not in result.output
    assert (out / copy).read_bytes() == edited
    assert manifest(out)[LINDE]["edited"] == [copy]
    # edited again: a second copy beside the first
    _edit(out / LINDE, "Nog een keer.")
    result = cli(["build", *ws])
    second = "2019/fonds-a/aanvraag-2019-linde (bewerkt 2).docx"
    assert f"kept as {second}" in result.output
    assert manifest(out)[LINDE]["edited"] == [copy, second]
    # an approval is of the draft grantgen wrote, never of an edited one
    _edit(out / LINDE, "Nog een keer.")
    result = cli(["approve", LINDE, "--by", "Els Bakker", *ws])
    assert result.exit_code == 1
    assert f"{LINDE} was changed after grantgen wrote it" in result.output
