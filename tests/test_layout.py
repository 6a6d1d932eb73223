"""The example's documents as a funder reads them on paper (#13): every document converted
by LibreOffice and read page by page. No heading stands at the foot of a page without its
text, and no word is broken by a column too narrow for it; twice: with the fonts of this
machine, and with DejaVu Sans in place of Arial (what a computer without Arial shows: a
wider font, so columns that hold it hold Arial). Charts keep their labels inside the
picture."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import matplotlib
import pytest
from PIL import Image

from grantgen.core.formatting import amount
from grantgen.documents.charts import Series, grouped_bars, paired_bars
from helpers.docs import all_docx
from helpers.pages import docx_words, foreign_words, pdf_pages, stranded_heading

#: fontconfig with only matplotlib's own DejaVu fonts, and DejaVu Sans for Arial
WIDER_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <alias binding="strong"><family>Arial</family><prefer><family>DejaVu Sans</family></prefer>
  </alias>
  <alias binding="strong"><family>sans-serif</family><prefer><family>DejaVu Sans</family>
  </prefer></alias>
</fontconfig>
"""


def _convert(soffice: str, documents: list[Path], folder: Path, env: dict) -> None:
    profile = folder / ".lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, documents)],
                   check=True, capture_output=True, timeout=900, env=env)


@pytest.fixture(scope="module", params=["installed fonts", "DejaVu Sans for Arial"])
def converted(request, soffice, example_build, tmp_path_factory) -> list[tuple[str, Path, Path]]:
    """(name, .docx, .pdf) of every document of the example, converted by LibreOffice."""
    if not shutil.which("pdftohtml"):
        pytest.fail("pdftohtml (poppler-utils) is needed to read the pages")
    folder = tmp_path_factory.mktemp("pages")
    env = dict(__import__("os").environ)
    if request.param != "installed fonts":
        config = folder / "fonts.conf"
        config.write_text(WIDER_FONTS.format(
            fonts=Path(matplotlib.get_data_path()) / "fonts" / "ttf",
            cache=folder / ".fontconfig"), encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(config)
    documents = []
    for document in all_docx(example_build):
        name = document.relative_to(example_build).as_posix()
        copy = folder / name.replace("/", "__")
        shutil.copy(document, copy)
        documents.append((name, copy, copy.with_suffix(".pdf")))
    _convert(soffice, [d for _n, d, _p in documents], folder, env)
    for name, _docx, pdf in documents:
        assert pdf.is_file(), f"{name} did not convert"
    return documents


def test_no_heading_stands_at_the_foot_of_a_page(converted):
    stranded = []
    for name, _docx, pdf in converted:
        pages = pdf_pages(pdf)
        assert len(pages) > 1, name
        for number, (page, following) in enumerate(zip(pages[:-1], pages[1:], strict=True),
                                                   start=1):
            heading = stranded_heading(page, following)
            if heading:
                stranded.append(f"{name}, page {number}: {heading!r}")
    assert not stranded, "headings without their text at the foot of a page:\n" + \
        "\n".join(stranded)


def test_every_word_on_a_page_is_a_word_of_the_document(converted):
    broken = []
    for name, docx, pdf in converted:
        words = docx_words(docx)
        for number, page in enumerate(pdf_pages(pdf), start=1):
            assert page, f"{name}, page {number} is empty"
            foreign = foreign_words(page, words)
            if foreign:
                broken.append(f"{name}, page {number}: {foreign}")
    assert not broken, "words broken by a narrow column:\n" + "\n".join(broken)


# ---- charts ---------------------------------------------------------------------------------
def _margin_ink(png: bytes, margin: int = 4) -> int:
    """How many pixels within `margin` pixels of the picture's edge are not white: a label
    cut off by the edge leaves ink there."""
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    pixels = image.load()
    edge = [(x, y) for x in range(width) for y in (*range(margin), *range(height - margin,
                                                                           height))]
    edge += [(x, y) for y in range(height) for x in (*range(margin),
                                                     *range(width - margin, width))]
    return sum(1 for x, y in edge if pixels[x, y] < 250)


def test_the_example_charts_keep_their_labels_inside(example_build):
    annual = sorted(example_build.glob("*/jaarverslag-*.docx"))
    assert annual
    pictures = 0
    for document in annual:
        with zipfile.ZipFile(document) as package:
            for name in package.namelist():
                if name.startswith("word/media/") and name.endswith(".png"):
                    pictures += 1
                    assert _margin_ink(package.read(name)) == 0, (document.name, name)
    assert pictures >= 2 * len(annual)


def test_long_labels_fit_in_a_chart():
    """Long names, a long axis title and large amounts: the plot gives way, not a label."""
    money = lambda v: amount(v, language="nl")  # noqa: E731
    names = ["Buurtwerkkamer Hart voor Leidsche Rijn en omstreken", "De Klop", "TOP",
             "Ontmoetingscentrum Zuilen-Noord", "Organisatie (uniek)"]
    chart = grouped_bars("participants", ["2016", "2017", "2018"],
                         [Series(n, (1200.0 * (i + 1), None, 98765.0)) for i, n in
                          enumerate(names)], "caption", "alt",
                         lambda v: f"{v:,.0f}".replace(",", "."),
                         "Unieke deelnemers per locatie, ieder één keer geteld")
    assert _margin_ink(chart.png) == 0
    categories = ["Huisvesting en energie van alle buurtwerkkamers", "Personeel",
                  "Vrijwilligersvergoedingen en deskundigheidsbevordering"]
    chart = paired_bars("budget", categories, Series("Begroting", (1234567.0, 5.0, 90000.0)),
                        Series("Realisatie", (1300000.0, None, 95000.0)), "caption", "alt",
                        money)
    assert _margin_ink(chart.png) == 0


def test_a_chart_of_many_locations_grows_taller_and_keeps_its_legend():
    """Fifty locations (a network of neighbourhood rooms): the legend takes more room than
    the chart's height, so the picture grows taller, with the plot and every name in it."""
    from PIL import Image

    series = [Series(f"Buurtkamer {i}", (800.0 + i, 810.0 + i)) for i in range(50)]
    chart = grouped_bars("participants", ["2018", "2019"], series, "caption", "alt",
                         lambda v: f"{v:,.0f}".replace(",", "."), "Unieke deelnemers")
    assert _margin_ink(chart.png) == 0
    with Image.open(io.BytesIO(chart.png)) as image:
        width, height = image.size
    assert height > width * 7.5 / 16  # taller than the 7.5 cm it is given
