"""`--pdf`: every document converted in one LibreOffice run, its PDF beside it."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import grantgen.output.pdf
from workspace_factory import make_workspace

KLOP = "2019/gemeente-utrecht/aanvraag-2019-de-klop.docx"


def manifest(out: Path) -> dict:
    return {e["path"]: e for e in
            json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]}


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


@pytest.fixture
def runs(monkeypatch):
    """The LibreOffice runs grantgen makes."""
    made = []
    real = grantgen.output.pdf._run

    def counted(command, timeout):
        made.append(command)
        return real(command, timeout)

    monkeypatch.setattr(grantgen.output.pdf, "_run", counted)
    return made


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler)")
def test_build_pdf_then_approve_pdf(cli, example, soffice, runs, monkeypatch):
    monkeypatch.setenv("GRANTGEN_SOFFICE", soffice)
    ws = ["--workspace", str(example)]
    out = example / "output"
    result = cli(["build", "--pdf", *ws])
    assert result.exit_code == 0, result.output
    assert len(runs) == 1  # one LibreOffice for every document
    assert any(part.startswith("-env:UserInstallation=file://") for part in runs[0])
    # a PDF of every Word document; an online form and a budget workbook get none
    entries = {path: e for path, e in manifest(out).items() if path.endswith(".docx")}
    assert len(entries) >= 8
    assert f"{len(entries)} PDF(s) written beside them." in result.output
    for path, entry in entries.items():
        pdf = out / entry["pdf"]
        assert entry["pdf"] == path[:-len(".docx")] + ".pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        # every page of a draft shows the mark with its version
        for number, page in enumerate(pages(pdf), start=1):
            mark = ("DRAFT · version 1 · do not send" if entry["language"] == "en"
                    else "CONCEPT · versie 1 · niet verzenden")
            assert mark in page, (path, number)
    assert {p.relative_to(out).as_posix() for p in out.rglob("*.pdf")} == \
        {e["pdf"] for e in entries.values()}

    result = cli(["approve", KLOP, "--by", "Anna de Vries", "--pdf", *ws])
    assert result.exit_code == 0, result.output
    assert len(runs) == 2
    final = pages(out / KLOP.replace(".docx", ".pdf"))
    assert len(final) > 3
    for page in final:
        assert "CONCEPT" not in page and "versie" not in page
    assert "Totale kosten" in "".join(final)


def test_approve_without_pdf_drops_the_drafts_pdf(cli, tmp_path, monkeypatch):
    """The PDF of a draft shows the mark: it may not stay beside the final version."""
    make_workspace(tmp_path)
    out = tmp_path / "output"
    ws = ["--workspace", str(tmp_path)]
    monkeypatch.setattr(grantgen.output.pdf, "convert", lambda documents: {
        grantgen.output.pdf.pdf_path(p): b"%PDF-1.4 draft" for p in documents})
    assert cli(["build", "--pdf", *ws]).exit_code == 0
    pdf = out / "2019/fonds-a/aanvraag-2019-linde.pdf"
    assert pdf.exists()
    assert cli(["approve", "2019/fonds-a/aanvraag-2019-linde.docx", "--by", "Els Bakker",
                *ws]).exit_code == 0
    assert not pdf.exists()
    assert manifest(out)["2019/fonds-a/aanvraag-2019-linde.docx"]["pdf"] is None
    # build --pdf makes the missing PDF of the approved document, from its final version
    assert cli(["build", "--pdf", *ws]).exit_code == 0
    eik = out / "2019/gemeente/aanvraag-2019-eik.pdf"
    assert eik.exists() and pdf.exists()
    # a build without --pdf removes the PDF of a draft it replaces, not the approved one's
    assert cli(["build", *ws]).exit_code == 0
    assert not eik.exists() and pdf.exists()
    entries = manifest(out)
    assert entries["2019/gemeente/aanvraag-2019-eik.docx"]["pdf"] is None
    assert entries["2019/fonds-a/aanvraag-2019-linde.docx"]["pdf"] == \
        "2019/fonds-a/aanvraag-2019-linde.pdf"


def test_libreoffice_missing(cli, tmp_path):
    make_workspace(tmp_path)
    result = cli(["build", "--pdf", "--workspace", str(tmp_path)],
                 env={"GRANTGEN_SOFFICE": str(tmp_path / "no-soffice"), "PATH": ""})
    assert result.exit_code == 1
    assert ("--pdf needs LibreOffice, which was not found on this computer; nothing was "
            "written.") in result.output
    assert not (tmp_path / "output").exists()


def test_libreoffice_time_limit(cli, tmp_path):
    make_workspace(tmp_path)
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    result = cli(["build", "--pdf", "--workspace", str(tmp_path)],
                 env={"GRANTGEN_SOFFICE": str(fake), "GRANTGEN_PDF_TIMEOUT": "1"})
    assert result.exit_code == 1
    assert ("LibreOffice did not finish converting the documents to PDF within 1 seconds and "
            "was stopped; nothing was written.") in result.output
    assert not (tmp_path / "output").exists()
