"""The content library: Markdown texts in Word, placeholders, versions fitted to word limits,
languages, and the warnings about stale texts and typed-in years."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, soffice_convert
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.docs import docx_text
from workspace_factory import FUNDERS, make_workspace

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

MARKDOWN = """---
title: Samenvatting
owner: Els Bakker
reviewed: 2018-10-01
---
Wij zijn **een open huis** in *{{ org.city }}*. Lees meer op [onze site](https://www.delinde.example/over).

## Wat we doen

- koffie-inloop
- samen **eten**
  - op dinsdag
- taalcafé

Onze doelen:

1. minder eenzaamheid
2. meer zelfredzaamheid

Voor vrijwilligers:

1. werving
2. training
"""


def write_text(root: Path, name: str, body: str, reviewed: str | None = "2018-10-01",
               extra: str = "") -> Path:
    """texts/<name> with a header (unless reviewed is None and extra is empty) and a body."""
    folder = root / "texts"
    folder.mkdir(exist_ok=True)
    header = ""
    if reviewed is not None or extra:
        header = "---\n" + (f"reviewed: {reviewed}\n" if reviewed else "") + extra + "---\n"
    path = folder / name
    path.write_text(header + body, encoding="utf-8")
    return path


def words(n: int, word: str) -> str:
    """A paragraph of exactly n words."""
    return " ".join([word] * n) + "\n"


def build(cli, root: Path):
    result = cli(["build", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    return result


def check(cli, root: Path, *extra: str):
    return cli(["check", "--workspace", str(root), *extra])


def fund(**extra) -> dict:
    return {"fonds-a": {**FUNDERS["fonds-a"], **extra}}


# ---- Markdown into Word -------------------------------------------------------------------


def _paragraphs(doc) -> list:
    return list(doc.paragraphs)


def _num_id(paragraph) -> int | None:
    num_id = paragraph._p.find(f"{W}pPr/{W}numPr/{W}numId")
    return int(num_id.get(qn("w:val"))) if num_id is not None else None


def _num(doc, num_id: int):
    numbering = doc.part.numbering_part.element
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(num_id):
            return num
    raise AssertionError(f"numId {num_id} is not defined in numbering.xml")


def _abstract(doc, num_id: int):
    ref = _num(doc, num_id).find(qn("w:abstractNumId")).get(qn("w:val"))
    for abstract in doc.part.numbering_part.element.findall(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) == ref:
            return abstract
    raise AssertionError(f"abstractNum {ref} is not defined")


def _format(doc, paragraph) -> str:
    ilvl = paragraph._p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(qn("w:val"))
    for lvl in _abstract(doc, _num_id(paragraph)).findall(qn("w:lvl")):
        if lvl.get(qn("w:ilvl")) == ilvl:
            return lvl.find(qn("w:numFmt")).get(qn("w:val"))
    raise AssertionError("list level not defined")


def _start(doc, num_id: int) -> int | None:
    start = _num(doc, num_id).find(f"{W}lvlOverride/{W}startOverride")
    return int(start.get(qn("w:val"))) if start is not None else None


def _summary_section(doc) -> list:
    """The paragraphs of the first chapter (Samenvatting) of an application."""
    paragraphs = _paragraphs(doc)
    start = next(i for i, p in enumerate(paragraphs) if p.text.endswith("Samenvatting"))
    end = next(i for i, p in enumerate(paragraphs) if i > start and p.style.name == "Heading 1")
    return paragraphs[start + 1:end]


def _assert_markdown_in_word(doc, list_styles: bool = True) -> None:
    part = _summary_section(doc)
    texts = [p.text for p in part]
    assert texts[0] == ("Wij zijn een open huis in Amersfoort. Lees meer op onze site.")

    # bold and italic runs
    runs = {r.text: r for r in part[0].runs}
    assert runs["een open huis"].bold is True and not runs["een open huis"].italic
    assert runs["Amersfoort"].italic is True and not runs["Amersfoort"].bold

    # a real hyperlink: w:hyperlink with an external relationship to the address
    links = part[0]._p.findall(qn("w:hyperlink"))
    assert len(links) == 1
    rel = doc.part.rels[links[0].get(qn("r:id"))]
    assert rel.reltype == RT.HYPERLINK and rel.is_external
    assert rel.target_ref == "https://www.delinde.example/over"
    assert "".join(t.text for t in links[0].iter(qn("w:t"))) == "onze site"
    assert links[0].find(f"{W}r/{W}rPr/{W}rStyle").get(qn("w:val")) == "Hyperlink"

    # a sub-heading inside the block
    heading = part[texts.index("Wat we doen")]
    assert heading.style.name == "Heading 2"

    # bulleted list, nested one level
    items = {p.text: p for p in part}
    bullets = [items[t] for t in ("koffie-inloop", "samen eten", "taalcafé")]
    nested = items["op dinsdag"]
    for p in bullets + [nested]:
        assert _num_id(p) is not None, p.text
        assert _format(doc, p) == "bullet", p.text
    if list_styles:
        assert {p.style.name for p in bullets} == {"List Bullet"}
        assert nested.style.name == "List Bullet 2"
    assert {_num_id(p) for p in bullets} == {_num_id(bullets[0])}
    assert items["samen eten"].runs[-1].bold is True

    # two numbered lists, each with its own numbering that starts at 1
    first = [items["minder eenzaamheid"], items["meer zelfredzaamheid"]]
    second = [items["werving"], items["training"]]
    for p in first + second:
        assert _format(doc, p) == "decimal", p.text
        if list_styles:
            assert p.style.name == "List Number"
    assert _num_id(first[0]) == _num_id(first[1])
    assert _num_id(second[0]) == _num_id(second[1])
    assert _num_id(first[0]) != _num_id(second[0])
    assert _start(doc, _num_id(first[0])) == 1
    assert _start(doc, _num_id(second[0])) == 1
    assert _abstract(doc, _num_id(first[0])) is _abstract(doc, _num_id(second[0]))
    # ordinary paragraphs stay in the template's body style
    assert items["Onze doelen:"].style.name == "Normal"


def test_markdown_becomes_word_formatting(cli, tmp_path):
    make_workspace(tmp_path)
    write_text(tmp_path, "samenvatting.md", MARKDOWN.split("---\n", 2)[2])
    build(cli, tmp_path)
    doc = Document(str(tmp_path / "output/2019/fonds-a/aanvraag-2019-linde.docx"))
    _assert_markdown_in_word(doc)


def _bare_template(path: Path) -> None:
    """A template someone made without list styles, a Hyperlink style or numbering.xml."""
    doc = Document()
    styles = doc.styles.element
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name")).get(qn("w:val"))
        if name.startswith(("List", "Hyperlink")):
            styles.remove(style)
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype == RT.NUMBERING:
            del doc.part.rels[rel_id]
    doc.add_heading("Aanvraag {{ year }}", 1)
    doc.add_heading("1 Samenvatting", 1)
    doc.add_paragraph("{{p sections.summary }}")
    doc.add_heading("2 Einde", 1)
    doc.save(str(path))


def test_markdown_in_a_template_without_list_styles(cli, tmp_path, soffice):
    make_workspace(tmp_path, funders=fund(templates={"application": "eigen.docx"}))
    (tmp_path / "templates").mkdir()
    _bare_template(tmp_path / "templates" / "eigen.docx")
    write_text(tmp_path, "samenvatting.md", MARKDOWN.split("---\n", 2)[2])
    build(cli, tmp_path)
    path = tmp_path / "output/2019/fonds-a/aanvraag-2019-linde.docx"
    doc = Document(str(path))
    _assert_markdown_in_word(doc, list_styles=False)
    soffice_convert(soffice, [path], tmp_path)
    text = _pdf_text(tmp_path / (path.stem + ".pdf"))
    assert re.search(r"1\.\s+werving\s+2\.\s+training", text), text


def _pdf_text(pdf: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_libreoffice_shows_lists_with_restarted_numbers(cli, tmp_path, soffice):
    make_workspace(tmp_path)
    write_text(tmp_path, "samenvatting.md", MARKDOWN.split("---\n", 2)[2])
    build(cli, tmp_path)
    path = tmp_path / "output/2019/fonds-a/aanvraag-2019-linde.docx"
    soffice_convert(soffice, [path], tmp_path)
    text = _pdf_text(tmp_path / (path.stem + ".pdf"))
    assert re.search(r"1\.\s+minder eenzaamheid\s+2\.\s+meer zelfredzaamheid", text), text
    assert re.search(r"Voor vrijwilligers:\s+1\.\s+werving\s+2\.\s+training", text), text
    assert re.search(r"koffie-inloop\W+samen eten\W+op dinsdag\W+taalcafé", text), text
    assert "onze site" in text and "[onze site]" not in text and "**" not in text


def test_values_with_markdown_characters_print_as_themselves(cli, tmp_path):
    organisation = {"name": "Stichting *Ster* & <Co>_1", "legal_form": "stichting",
                    "mission": "Samen.", "city": "Zwolle"}
    make_workspace(tmp_path, organisation=organisation)
    write_text(tmp_path, "samenvatting.md", "Wij zijn {{ org.name }} uit *{{ org.city }}*.\n")
    build(cli, tmp_path)
    text = docx_text(tmp_path / "output/2019/fonds-a/aanvraag-2019-linde.docx")
    assert "Wij zijn Stichting *Ster* & <Co>_1 uit Zwolle." in text


# ---- placeholders -------------------------------------------------------------------------


def test_placeholders_are_filled_from_the_facts(cli, tmp_path):
    make_workspace(tmp_path)
    write_text(tmp_path, "samenvatting.md",
               "In {{ reach_org.year }} kwamen {{ reach_org.unique_participants | number }} "
               "mensen; wij vragen {{ ask.amount | amount }}.\n")
    build(cli, tmp_path)
    text = docx_text(tmp_path / "output/2019/fonds-a/aanvraag-2019-linde.docx")
    # the register of the factory has 4 different people in 2017 and 2 in 2018
    assert "In 2018 kwamen 2 mensen; wij vragen € 10.000." in text


def test_unknown_name_in_a_text_names_the_file_and_line(cli, tmp_path):
    make_workspace(tmp_path)
    write_text(tmp_path, "samenvatting.md", "Eerste alinea.\n\nIn {{ reach.deelnemers }} ...\n")
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    # the header takes lines 1-3, so the body's third line is line 6 of the file
    assert ("texts/samenvatting.md, line 6: the text uses the name 'deelnemers', which does "
            "not exist in this document") in result.output
    assert result.output.count("texts/samenvatting.md, line 6") == 1  # once, not per document
    build_result = cli(["build", "--workspace", str(tmp_path)])
    assert build_result.exit_code == 1
    assert not (tmp_path / "output").exists()


def test_broken_tag_in_a_text_names_the_line(cli, tmp_path):
    make_workspace(tmp_path)
    write_text(tmp_path, "samenvatting.md", "Een.\n\nTwee {{ year }\n", reviewed=None)
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert "texts/samenvatting.md, line 3: a placeholder in the text is not valid" in (
        result.output)


def test_texts_are_sandboxed(cli, tmp_path):
    make_workspace(tmp_path)
    write_text(tmp_path, "samenvatting.md", "{{ org.__class__.__mro__ }}\n")
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert "texts/samenvatting.md, line 4: the text tries to reach something" in result.output


# ---- fitting to word limits ---------------------------------------------------------------


def test_a_200_word_limit_gets_the_short_version(cli, tmp_path):
    make_workspace(tmp_path, funders=fund(sections={"summary": {"max_words": 200}}))
    write_text(tmp_path, "samenvatting.md", words(230, "lang"))
    write_text(tmp_path, "samenvatting.kort.md", words(150, "kort"))
    write_text(tmp_path, "samenvatting.heel-kort.md", words(40, "mini"))
    build(cli, tmp_path)
    fund_text = docx_text(tmp_path / "output/2019/fonds-a/aanvraag-2019-linde.docx")
    assert ("kort " * 150).strip() in fund_text
    assert "lang lang" not in fund_text and "mini mini" not in fund_text
    # a funder without a limit gets the longest version
    municipal = docx_text(tmp_path / "output/2019/gemeente/aanvraag-2019-eik.docx")
    assert ("lang " * 230).strip() in municipal


def test_exactly_at_the_limit_fits(cli, tmp_path):
    make_workspace(tmp_path, funders=fund(sections={"summary": {"max_words": 200}}))
    write_text(tmp_path, "samenvatting.md", words(200, "precies"))
    build(cli, tmp_path)


def test_limit_below_every_version_fails_check(cli, tmp_path):
    make_workspace(tmp_path, funders=fund(sections={"summary": {"max_words": 100}}))
    write_text(tmp_path, "samenvatting.md", words(230, "lang"))
    write_text(tmp_path, "samenvatting.kort.md", "Dit is {{ org.name }}.\n\n" + words(120, "kort"))
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    # the short version: 'Dit is' + the organisation's name (4 words) + 120 words
    assert ("funders/fonds-a.yaml: Fonds A allows at most 100 words in the section 'summary', "
            "but no Dutch version of the text block 'samenvatting' fits: texts/samenvatting.md "
            "has 230 words, texts/samenvatting.kort.md has 126 words.") in result.output
    assert result.exit_code == 1


def test_section_title_and_block_from_the_profile(cli, tmp_path):
    sections = {"summary": {"block": "korte-inhoud", "title": "Korte inhoud (max. 50 woorden)",
                            "max_words": 50}}
    make_workspace(tmp_path, funders=fund(sections=sections))
    write_text(tmp_path, "korte-inhoud.md", "Een open huis voor iedereen.\n")
    build(cli, tmp_path)
    text = docx_text(tmp_path / "output/2019/fonds-a/aanvraag-2019-linde.docx")
    assert "1\u2003Korte inhoud (max. 50 woorden)\nEen open huis voor iedereen." in text


def test_a_section_no_template_shows_is_a_warning(cli, tmp_path):
    make_workspace(tmp_path, funders=fund(sections={"samenvatting": {"block": "samenvatting",
                                                                     "max_words": 200}}))
    result = check(cli, tmp_path)
    assert ("funders/fonds-a.yaml: the section 'samenvatting' is not used by the template "
            "(built-in) application-private-fund.docx") in result.output


# ---- languages ----------------------------------------------------------------------------


def _dutch_phrases() -> set[str]:
    """Every run of six words of the example's Dutch texts (tags and Markdown marks left out)."""
    phrases = set()
    for path in (ROOT / "texts").glob("*.md"):
        if path.name.endswith(".en.md"):
            continue
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        body = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", body, flags=re.S)
        tokens = re.findall(r"[^\W\d_]+", body)
        phrases |= {" ".join(tokens[i:i + 6]) for i in range(len(tokens) - 5)}
    return phrases


def test_english_application_has_no_dutch_text_and_english_conventions(example_build):
    english = [p for p in example_build.rglob("*.docx") if p.name.startswith("application-")]
    assert english, "the example has an English-language funder"
    dutch = _dutch_phrases()
    for path in english:
        text = docx_text(path)
        words_in_doc = " ".join(re.findall(r"[^\W\d_]+", text))
        leaked = [p for p in dutch if p in words_in_doc]
        assert not leaked, (path.name, leaked[:3])
        assert "Utrecht, 1 December 2018" in text
        assert re.search(r"€\d{1,3},\d{3}\b", text), "amounts like €10,000"
        assert not re.search(r"€ \d{1,3}\.\d{3}\b", text), "no Dutch amounts like € 10.000"
        assert re.search(r"In 2018, 1,\d{3} different residents came", text)


def test_missing_english_version_is_a_placeholder_and_a_warning(cli, tmp_path):
    """FACTS.md: a text block the workspace lacks never stops a build; an English document
    shows the placeholder of the missing English version, never the Dutch text (#12)."""
    make_workspace(tmp_path, funders=fund(language="en"))
    write_text(tmp_path, "samenvatting.md", "Wij koken elke dinsdag samen.\n")
    result = check(cli, tmp_path)
    assert result.exit_code == 0, result.output
    assert ("warning: [2019/fonds-a/application-2019-linde.docx] texts/samenvatting.en.md: the "
            "text block 'samenvatting' has no English version, and this document is in "
            "English; the document shows a placeholder, never a text in another language.") in (
        result.output)
    assert "Translate texts/samenvatting.md into texts/samenvatting.en.md." in result.output
    assert check(cli, tmp_path, "--strict").exit_code == 1
    build(cli, tmp_path)
    text = docx_text(tmp_path / "output/2019/fonds-a/application-2019-linde.docx")
    assert "[Text block 'samenvatting' is missing: write texts/samenvatting.en.md]" in text
    assert "koken" not in text
    dutch = docx_text(tmp_path / "output/2019/gemeente/aanvraag-2019-eik.docx")
    assert "Wij koken elke dinsdag samen." in dutch


def test_english_versions_are_used_for_an_english_funder(cli, tmp_path):
    make_workspace(tmp_path, funders=fund(language="en",
                                          sections={"summary": {"max_words": 10}}))
    write_text(tmp_path, "samenvatting.md", "Een buurthuis.\n")
    write_text(tmp_path, "samenvatting.en.md", words(12, "long"))
    write_text(tmp_path, "samenvatting.kort.en.md", "An open house for everyone.\n",
               extra="language: en\n")
    build(cli, tmp_path)
    text = docx_text(tmp_path / "output/2019/fonds-a/application-2019-linde.docx")
    assert "An open house for everyone." in text
    assert "Een buurthuis" not in text and "long long" not in text
    dutch = docx_text(tmp_path / "output/2019/gemeente/aanvraag-2019-eik.docx")
    assert "Een buurthuis." in dutch and "open house" not in dutch


def test_header_language_must_agree_with_the_file_name(cli, tmp_path):
    make_workspace(tmp_path)
    write_text(tmp_path, "samenvatting.en.md", "Hello.\n", extra="language: nl\n")
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert ("texts/samenvatting.en.md, line 3: the header says 'language: nl', but the file "
            "name says 'en'.") in result.output


# ---- staleness and typed-in years ---------------------------------------------------------


def test_stale_text_and_literal_year_are_warnings_with_file_and_line(cli, tmp_path):
    make_workspace(tmp_path)
    write_text(tmp_path, "samenvatting.md",
               "Wij zijn een open huis.\n\n"
               "In 2017 begonnen we met koken;\nin {{ year }} gaan we door, net als in "
               "{{ year - 1 }}.\n\nZie [het verslag](https://example.org/2016/verslag).\n",
               reviewed="2017-06-01", extra="owner: Els Bakker\n")
    result = check(cli, tmp_path)
    assert result.exit_code == 0, result.output
    assert ("warning: texts/samenvatting.md, line 2: was last reviewed on 2017-06-01, more than "
            "12 months before the date of the document (2018-12-01). Ask Els Bakker to read it "
            "through") in result.output
    assert ("warning: texts/samenvatting.md, line 7: mentions the year 2017, but the document "
            "is about 2019; a year typed into a text goes out of date. Use a computed period "
            "instead, such as {{ year }}") in result.output
    # computed years and years in a link's address are not typed-in years
    assert "2018" not in result.output.replace("2018-12-01", "")
    assert "2016" not in result.output
    assert result.output.count("mentions the year") == 1
    assert check(cli, tmp_path, "--strict").exit_code == 1


def test_recently_reviewed_text_has_no_warning(cli, tmp_path):
    make_workspace(tmp_path)
    write_text(tmp_path, "samenvatting.md", "In {{ year }} gaan we door.\n",
               reviewed="2017-12-01")
    result = check(cli, tmp_path)
    assert "texts/samenvatting.md" not in result.output


def test_text_without_review_date_is_a_warning(cli, tmp_path):
    make_workspace(tmp_path)
    write_text(tmp_path, "samenvatting.md", "Een open huis.\n", reviewed=None)
    result = check(cli, tmp_path)
    assert result.exit_code == 0
    assert ("warning: texts/samenvatting.md: has no 'reviewed:' date in its header"
            in result.output)


# ---- the files ----------------------------------------------------------------------------


def test_missing_block_shows_a_placeholder_in_the_draft_only(cli, tmp_path):
    """FACTS.md: the draft shows a visible placeholder naming the block, and check warns; the
    placeholder is a note to us, part of the draft mark: the approved document, what the
    funder reads, shows nothing in its place."""
    make_workspace(tmp_path)
    result = build(cli, tmp_path)
    warning = ("texts/samenvatting.md: the text block 'samenvatting' is missing; the draft "
               "shows a placeholder, the approved document nothing. Write "
               "texts/samenvatting.md.")
    assert warning in cli(["check", "--workspace", str(tmp_path)]).output
    # the build names them all in one line: no text block is written yet
    assert re.search(r"warning: texts/: \d+ text blocks that documents use are missing "
                     r"\(grantgen check shows them all\)\.", result.output)
    path = "2019/fonds-a/aanvraag-2019-linde.docx"
    placeholder = "[Tekstblok 'samenvatting' ontbreekt: schrijf texts/samenvatting.md]"
    assert placeholder in docx_text(tmp_path / "output" / path)
    assert cli(["approve", path, "--by", "Els Bakker", "--workspace", str(tmp_path)]
               ).exit_code == 0
    final = docx_text(tmp_path / "output" / path)
    assert "CONCEPT" not in final and "ontbreekt" not in final and "[" not in final


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("Samenvatting.md", "Tekst.\n",
     "texts/Samenvatting.md: 'Samenvatting.md' is not a valid name for a text file."),
    ("samenvatting.md", "---\nreviewd: 2018-10-01\n---\nTekst.\n",
     "texts/samenvatting.md, line 2: unknown key 'reviewd'. Did you mean 'reviewed'?"),
    ("samenvatting.md", "---\nreviewed: 2018-10-01\nTekst.\n",
     "texts/samenvatting.md, line 1: the header that starts on line 1 has no closing line"),
    ("samenvatting.md", "---\nreviewed: 2018-13-45\n---\nTekst.\n",
     "texts/samenvatting.md, line 2: reviewed: '2018-13-45' is not a date"),
    ("samenvatting.md", "---\nreviewed: [2018\n---\nTekst.\n",
     "texts/samenvatting.md, line 2: the [ opened on this line is never closed: "
     "'reviewed: [2018'."),
])
def test_broken_text_files(cli, tmp_path, name, content, expected):
    make_workspace(tmp_path)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / name).write_text(content, encoding="utf-8")
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert expected in result.output, result.output


def test_two_files_for_the_same_version(cli, tmp_path):
    make_workspace(tmp_path)
    write_text(tmp_path, "samenvatting.en.md", "Hello.\n")
    write_text(tmp_path, "samenvatting.md", "Hello.\n", extra="language: en\n")
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert ("texts/samenvatting.md: is a second text for the main version of the block "
            "'samenvatting' in the same language, besides texts/samenvatting.en.md.") in (
        result.output)


def test_dutch_review_date_and_windows_text(cli, tmp_path):
    make_workspace(tmp_path)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "samenvatting.md").write_bytes(
        "---\r\nreviewed: 01-10-2018\r\n---\r\nCafé voor iedereen.\r\n".encode("cp1252"))
    result = build(cli, tmp_path)
    assert "texts/samenvatting.md" not in result.output
    text = docx_text(tmp_path / "output/2019/fonds-a/aanvraag-2019-linde.docx")
    assert "Café voor iedereen." in text


# ---- any text at all ----------------------------------------------------------------------

MARKDOWN_PIECES = st.sampled_from(["**", "*", "_", "`", "[", "](https://x.example)", "](#a)",
                                   "\n", "\n\n", "- ", "1. ", "3) ", "  - ", "# ", "### ",
                                   "> ", "    ", "<b>", "&amp;", "\\", "![", "---\n",
                                   "```\n", "\t", "\x00", "\x0b", "\x1f", "€", "é", "😀",
                                   "שלום", "{{", "}}"])


TEMPLATE = (ROOT / "templates/application-private-fund.docx").read_bytes()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(MARKDOWN_PIECES, st.text(max_size=12)), max_size=40))
def test_any_markdown_gives_a_document_that_opens(pieces):
    """Whatever a text holds, its Word version saves, opens again and shows every word."""
    from grantgen.texts.markdown import plain_text
    from grantgen.word.markdown import add_markdown

    markdown = "".join(pieces)
    doc = Document(io.BytesIO(TEMPLATE))
    before = len(doc.paragraphs)
    add_markdown(doc, markdown)
    buffer = io.BytesIO()
    doc.save(buffer)
    reopened = Document(io.BytesIO(buffer.getvalue()))
    shown = " ".join(p.text for p in reopened.paragraphs[before:])
    xml_safe = {c: None for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]}
    assert shown.split() == plain_text(markdown).translate(xml_safe).split()
