"""LibreOffice, the real client, opens every document we write (run in CI)."""

import re
import shutil
import subprocess

from conftest import soffice_convert

from helpers.docs import all_docx


def test_every_example_document_converts_to_pdf(soffice, example_build, tmp_path):
    documents = all_docx(example_build)
    assert documents
    # documents of different funders share file names: give each its own for the one run
    flat = []
    for document in documents:
        name = document.relative_to(example_build).as_posix().replace("/", "__")
        shutil.copy(document, tmp_path / name)
        flat.append(tmp_path / name)
    soffice_convert(soffice, flat, tmp_path)
    for document in flat:
        pdf = document.with_suffix(".pdf")
        assert pdf.exists() and pdf.stat().st_size > 5000, f"{document.name} did not convert"
        assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        pdf = tmp_path / "2019__gemeente-utrecht__aanvraag-2019-de-klop.pdf"
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Dekkingsplan" in text
        assert "Pagina 1 van" in text
        assert "€ 40.000" in text
        # the year-end documents (#3): the charts are pictures in the PDF, and the table of
        # contents lists the chapters with the pages LibreOffice laid them out on
        annual = tmp_path / "2018__jaarverslag-2018.pdf"
        images = subprocess.run(["pdfimages", "-list", str(annual)], capture_output=True,
                                text=True, check=True).stdout
        pictures = [line for line in images.splitlines()[2:] if " image " in line]
        assert len(pictures) == 2, images
        first_page = subprocess.run(["pdftotext", "-layout", "-l", "1", str(annual), "-"],
                                    capture_output=True, text=True, check=True).stdout
        assert re.search(r"1\s+Voorwoord\.{5,}\s*2\n", first_page), first_page
        assert re.search(r"4\s+De locaties\.{5,}\s*\d+\n", first_page), first_page
        report = subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / "2018__mitros__verantwoording-2018.pdf"),
             "-"], capture_output=True, text=True, check=True).stdout
        assert "Financiële verantwoording" in report
        assert "Toelichting op de afwijkingen" in report

