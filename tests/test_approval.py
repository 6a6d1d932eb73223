"""Drafts carry a CONCEPT mark and a version; the board approves them; approved documents never
change; the review pack shows the board what changed."""

import hashlib
import io
import json
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION

from helpers.docs import docx_text
from workspace_factory import make_workspace

KLOP = "2019/gemeente-utrecht/aanvraag-2019-de-klop.docx"
KLOP_V2 = "2019/gemeente-utrecht/aanvraag-2019-de-klop-v2.docx"
LINDE = "2019/fonds-a/aanvraag-2019-linde.docx"


def manifest(out: Path) -> dict:
    return {e["path"]: e for e in
            json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]}


def raise_rent(workspace: Path) -> None:
    budget = workspace / "facts" / "budget.csv"
    text = budget.read_text(encoding="utf-8")
    assert "2019,de-klop,Huisvesting,Huur,12700" in text
    budget.write_text(text.replace("2019,de-klop,Huisvesting,Huur,12700",
                                   "2019,de-klop,Huisvesting,Huur,13700"), encoding="utf-8")


def test_every_draft_is_marked_with_its_version(example_build):
    for path, entry in manifest(example_build).items():
        if entry["kind"] in ("form", "budget-workbook"):
            continue  # an application's online form and budget: no Word document to mark
        text = docx_text(example_build / path)
        expected = ("DRAFT · version 1 · do not send" if entry["language"] == "en"
                    else "CONCEPT · versie 1 · niet verzenden")
        assert expected in text, path
        assert entry["version"] == 1 and entry["status"] == "draft"


def test_approve_change_build_review(cli, example):
    """The board's whole loop on the example."""
    ws = ["--workspace", str(example)]
    out = example / "output"
    assert cli(["build", *ws]).exit_code == 0
    result = cli(["approve", KLOP, "--by", "Anna de Vries", *ws])
    assert result.exit_code == 0, result.output
    assert f"{KLOP}: approved by Anna de Vries on 1 December 2018 (version 1, sha256" \
        in result.output
    approved = (out / KLOP).read_bytes()
    entry = manifest(out)[KLOP]
    assert entry["status"] == "approved"
    assert entry["approved_by"] == "Anna de Vries"
    assert entry["approved_at"] == "2018-12-01T00:00:00"
    assert entry["sha256"] == hashlib.sha256(approved).hexdigest()
    # the final version: the draft without the mark, nothing else changed
    text = docx_text(out / KLOP)
    assert "CONCEPT" not in text and "versie" not in text
    assert "€ 40.000" in text and "Geacht college van burgemeester en wethouders," in text

    # nothing changed: the approved document stays, no new version
    result = cli(["build", *ws])
    assert f"{KLOP} (approved, unchanged)" in result.output
    assert not (out / KLOP_V2).exists()

    # a figure changes: the approved file stays byte for byte, a new draft appears beside it
    raise_rent(example)
    result = cli(["build", *ws])
    assert result.exit_code == 0, result.output
    assert (out / KLOP).read_bytes() == approved
    entries = manifest(out)
    assert entries[KLOP]["status"] == "approved"
    assert entries[KLOP_V2]["status"] == "draft" and entries[KLOP_V2]["version"] == 2
    draft = docx_text(out / KLOP_V2)
    assert "CONCEPT · versie 2 · niet verzenden" in draft
    assert "€ 41.000" in draft

    result = cli(["review", "--year", "2019", *ws])
    assert result.exit_code == 0, result.output
    assert "Totale begroting: € 68.500 -> € 69.500" in result.output
    assert "Tekort na toezeggingen: € 40.000 -> € 41.000" in result.output
    pack = out / "2019/beoordeling-2019.docx"
    entry = manifest(out)["2019/beoordeling-2019.docx"]
    assert entry["kind"] == "review-pack" and entry["funder_id"] is None
    text = docx_text(pack)
    assert "Cijfer | Goedgekeurd (versie 1) | Nu (versie 2)" in text
    assert "Totale begroting | € 68.500 | € 69.500" in text
    assert "Tekort na toezeggingen | € 40.000 | € 41.000" in text
    # the new draft no longer balances: the finding is in the pack, at its document
    row = 2 + [line.startswith("2019,de-klop,gemeente-utrecht,40000,requested") for line in
               (example / "facts" / "funding.csv").read_text(encoding="utf-8").splitlines()[1:]
               ].index(True)
    assert (f"fout | facts/funding.csv, row {row}, column amount | the budget for De Klop in 2019 "
            "is not sluitend: the costs of € 69.500 minus the committed income of € 28.500 and "
            "this request of € 40.000 leave € 1.000 uncovered. Gemeente Utrecht wants costs = "
            "all income, this request included: ask € 41.000") in text
    assert "Nog niet eerder goedgekeurd" in text  # the other documents
    assert "Anna de Vries | voorzitter |  | " in text  # the sign-off table

    # the new version has an error: approving it takes a reason, which the log keeps
    result = cli(["approve", KLOP_V2, "--by", "Samir Bouzid", *ws])
    assert result.exit_code == 1
    assert f"{KLOP_V2}: 1 error(s):\n  - the budget for De Klop in 2019 is not sluitend" \
        in result.output
    assert "say why with --reason" in result.output
    assert manifest(out)[KLOP_V2]["status"] == "draft"
    result = cli(["approve", KLOP_V2, "--by", "Samir Bouzid", *ws,
                  "--reason", "De gemeente vult het tekort aan."])
    assert result.exit_code == 0, result.output
    log = [json.loads(line) for line in (out / "decisions.jsonl").read_text("utf-8")
           .splitlines()]
    assert [(r["decision"], r["path"], r["by"], r["reason"], r["errors"]) for r in log] == [
        ("approve", KLOP, "Anna de Vries", None, 0),
        ("approve", KLOP_V2, "Samir Bouzid", "De gemeente vult het tekort aan.", 1)]
    assert log[1]["sha256"] == manifest(out)[KLOP_V2]["sha256"]
    assert (out / KLOP).read_bytes() == approved
    assert "CONCEPT" not in docx_text(out / KLOP_V2)
    # builds and reviews leave the manifest listing exactly the files there
    cli(["build", *ws])
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*")
               if p.is_file() and p.name not in ("manifest.json", "decisions.jsonl")
               and not any(part.startswith(".") for part in p.relative_to(out).parts)}
    assert set(manifest(out)) == on_disk


def test_approve_refuses_what_it_cannot_stand_behind(cli, tmp_path):
    make_workspace(tmp_path)
    ws = ["--workspace", str(tmp_path)]
    out = tmp_path / "output"
    result = cli(["approve", LINDE, "--by", "Els Bakker", *ws])
    assert result.exit_code == 1
    assert "there are no documents to approve; run grantgen build first." in result.output
    assert cli(["build", *ws]).exit_code == 0

    result = cli(["approve", "2019/fonds-a/aanvraag-2019-lind.docx", "--by", "Els", *ws])
    assert result.exit_code == 1
    assert "'2019/fonds-a/aanvraag-2019-lind.docx' is not a document in" in result.output
    assert f"  {LINDE}" in result.output

    assert cli(["approve", LINDE, "--by", "  ", *ws]).exit_code == 1

    # the facts changed after the build: build and review first
    funding = tmp_path / "facts" / "funding.csv"
    original = funding.read_text(encoding="utf-8")
    funding.write_text(original.replace("fonds-a,10000", "fonds-a,9000"), encoding="utf-8")
    result = cli(["approve", LINDE, "--by", "Els Bakker", *ws])
    assert result.exit_code == 1
    assert (f"{LINDE}: the facts, texts, funder profile or template changed after this draft "
            "was built") in result.output
    funding.write_text(original, encoding="utf-8")

    # a draft edited by hand is not the draft grantgen wrote
    draft = out / LINDE
    kept = draft.read_bytes()
    draft.write_bytes(kept + b"\0")
    result = cli(["approve", LINDE, "--by", "Els Bakker", *ws])
    assert result.exit_code == 1
    assert f"{LINDE} was changed after grantgen wrote it" in result.output
    draft.write_bytes(kept)

    # a path to the file works as well as its path in the output folder
    result = cli(["approve", str(draft), "--by", "Els Bakker", *ws])
    assert result.exit_code == 0, result.output
    result = cli(["approve", LINDE, "--by", "Ahmed Yilmaz", *ws])
    assert result.exit_code == 1
    assert f"{LINDE} was already approved by Els Bakker on" in result.output
    assert "Traceback" not in result.output


def test_review_needs_a_build(cli, tmp_path):
    make_workspace(tmp_path)
    result = cli(["review", "--workspace", str(tmp_path)])
    assert result.exit_code == 1
    assert "there are no documents to review; run grantgen build first." in result.output


def test_review_warns_about_documents_older_than_the_facts(cli, tmp_path):
    make_workspace(tmp_path)
    ws = ["--workspace", str(tmp_path)]
    cli(["build", *ws])
    funding = tmp_path / "facts" / "funding.csv"
    funding.write_text(funding.read_text(encoding="utf-8").replace("fonds-a,10000",
                                                                   "fonds-a,9000"),
                       encoding="utf-8")
    result = cli(["review", *ws])
    assert result.exit_code == 0, result.output
    assert (f"warning: {LINDE} is older than the facts, texts or templates. Run grantgen build, "
            "then review again.") in result.output
    assert "is older than the facts" in docx_text(tmp_path / "output/beoordeling.docx")


def _template_with_two_sections(path: Path) -> None:
    """A user's template: a title page with a header of its own, a body section without any."""
    doc = Document()
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Voorblad {{ org.name }}"
    doc.add_paragraph("Aanvraag {{ funder.name }} {{ ask.amount | amount }}")
    doc.add_page_break()
    doc.add_paragraph("Pagina twee")
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.sections[1].different_first_page_header_footer = False
    doc.add_paragraph("Tweede sectie")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)


def test_every_header_of_a_users_template_is_marked(cli, tmp_path):
    from grantgen.word.draftmark import has_mark

    make_workspace(tmp_path)
    _template_with_two_sections(tmp_path / "templates" / "application-private-fund.docx")
    assert cli(["build", "--workspace", str(tmp_path)]).exit_code == 0
    data = (tmp_path / "output" / LINDE).read_bytes()
    doc = Document(io.BytesIO(data))
    headers = [doc.sections[0].header, doc.sections[0].first_page_header,
               doc.sections[1].header]
    for header in headers:
        assert "CONCEPT · versie 1 · niet verzenden" in header.paragraphs[0].text
    assert "Voorblad Stichting Buurthuis De Linde" in doc.sections[0].first_page_header \
        .paragraphs[1].text
    assert has_mark(data)
    assert cli(["approve", LINDE, "--by", "Els Bakker", "--workspace", str(tmp_path)]) \
        .exit_code == 0
    final = (tmp_path / "output" / LINDE).read_bytes()
    assert not has_mark(final)
    doc = Document(io.BytesIO(final))
    assert doc.sections[0].first_page_header.paragraphs[0].text == \
        "Voorblad Stichting Buurthuis De Linde"
    assert "Aanvraag Fonds A € 10.000" in docx_text(tmp_path / "output" / LINDE)


def test_english_drafts_say_draft(cli, tmp_path):
    make_workspace(tmp_path, funders={"fonds-a": {"id": "fonds-a", "name": "Fund A",
                                                  "type": "private-fund", "language": "en"}})
    assert cli(["build", "--workspace", str(tmp_path)]).exit_code == 0
    text = docx_text(tmp_path / "output/2019/fonds-a/application-2019-linde.docx")
    assert "DRAFT · version 1 · do not send" in text


def test_an_approved_file_deleted_by_hand_is_made_again_or_stops_the_build(cli, tmp_path):
    """An approved document whose file is gone is never dropped without a decision: while the
    facts make it as approved, the build writes it again, byte for byte, and says so (once:
    the next build finds it there); once they no longer do, the build stops with an error
    that names it and writes nothing, until the file is put back or the approval withdrawn
    (`unapprove`, which then records the withdrawal and leaves the next build to make a new
    draft)."""
    from grantgen.word.draftmark import has_mark

    make_workspace(tmp_path)
    ws = ["--workspace", str(tmp_path)]
    out = tmp_path / "output"
    assert cli(["build", *ws]).exit_code == 0
    assert cli(["approve", LINDE, "--by", "Els Bakker", *ws]).exit_code == 0
    approved = (out / LINDE).read_bytes()
    (out / LINDE).unlink()
    result = cli(["build", *ws])
    assert result.exit_code == 0
    assert f"{LINDE}: was approved by Els Bakker on" in result.output
    assert "written again from the facts, byte for byte as approved" in result.output
    assert (out / LINDE).read_bytes() == approved
    assert manifest(out)[LINDE]["status"] == "approved"
    again = cli(["build", *ws])
    assert again.exit_code == 0 and "written again" not in again.output

    (out / LINDE).unlink()
    budget = tmp_path / "facts" / "budget.csv"
    lines = budget.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("2019,linde,"))
    head, amount = lines[row].rsplit(",", 1)
    lines[row] = f"{head},{int(amount) + 100}"
    budget.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = (out / "manifest.json").read_bytes()
    result = cli(["build", *ws])
    assert result.exit_code == 1, result.output
    assert f"{LINDE}: was approved by Els Bakker on" in result.output
    assert "is missing from the output folder" in result.output
    assert "Put the approved file back" in result.output
    assert f"grantgen unapprove {LINDE} --by NAME" in result.output
    assert "Traceback" not in result.output
    # nothing written: the manifest as it was, no new draft beside it
    assert (out / "manifest.json").read_bytes() == before
    assert not (out / LINDE.replace(".docx", "-v2.docx")).exists()
    checked = cli(["check", *ws])  # check finds what stops the build
    assert checked.exit_code == 1 and f"grantgen unapprove {LINDE}" in checked.output
    assert f"[{LINDE}] {LINDE}:" not in checked.output  # named once
    # and the board's page and the review pack show it on the document
    from grantgen.commands.review import review_context
    from grantgen.core.workspace import Workspace

    rows = {row["path"]: row for row in review_context(Workspace.open(tmp_path), out).documents}
    assert rows[LINDE]["errors"] == 1 and "unapprove" in rows[LINDE]["findings"][0]["hint"]

    # no other decision while it is lost: writing the manifest would drop it
    other = cli(["approve", "2019/gemeente/aanvraag-2019-eik.docx", "--by", "Els Bakker", *ws])
    assert other.exit_code == 1 and f"{LINDE}: approved, but the file is missing" in \
        other.output and (out / "manifest.json").read_bytes() == before
    withdrawn = cli(["unapprove", LINDE, "--by", "Els Bakker", "--reason", "bestand kwijt",
                     *ws])
    assert withdrawn.exit_code == 0, withdrawn.output
    assert "its file was gone" in withdrawn.output
    assert LINDE not in manifest(out)
    decisions = [json.loads(line) for line in
                 (out / "decisions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(d["decision"], d["path"]) for d in decisions if d["path"] == LINDE] == [
        ("approve", LINDE), ("withdraw", LINDE)]
    rebuilt = cli(["build", *ws])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert manifest(out)[LINDE]["status"] == "draft" and has_mark((out / LINDE).read_bytes())
    assert "unapprove" not in cli(["check", *ws]).output
