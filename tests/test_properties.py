"""Property tests (hypothesis): the CSV loader reads back the Dutch and ISO numbers and dates
it was given; the formatting filters never confuse thousands and decimals; any text in any
field gives documents that open in python-docx and LibreOffice."""

import csv
import datetime as dt
import re
import shutil
import string
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
from conftest import run, soffice_convert
from docx import Document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from grantgen.core.errors import Problems
from grantgen.core.formatting import amount, number, percent
from grantgen.core.templating import xml_safe
from grantgen.facts import tables
from grantgen.facts.convert import convert
from grantgen.facts.load import read_csv, sniff_separator
from helpers.docs import all_docx, docx_text
from workspace_factory import FUNDERS, ORGANISATION, TABLES, make_workspace, write_csv

FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


# ---- the CSV loader -------------------------------------------------------------------------
def dutch(value: Decimal, thousands: bool, euro: bool) -> str:
    """1234.5 as people write it in a Dutch spreadsheet: 1.234,5 or 1234,5 (or € 1.234,5)."""
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    if thousands:
        whole = f"{int(whole):,}".replace(",", ".")
    text = sign + whole + ("," + fraction if fraction else "")
    return "€ " + text if euro else text


def iso(value: Decimal, thousands: bool) -> str:
    """1234.5 as an international spreadsheet writes it: 1234.5 or 1,234.5."""
    whole, _, fraction = f"{value:f}".partition(".")
    if thousands:
        whole = f"{int(whole):,}"
    return whole + ("." + fraction if fraction else "")


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False,
                      allow_infinity=False)
hours = st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False,
                    allow_infinity=False)
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


def read_table(folder: Path, name: str, rows: list[list[str]], separator: str,
               encoding: str) -> tuple[pd.DataFrame, Problems]:
    path = folder / f"{name}.csv"
    write_csv(path, rows, separator, encoding)
    problems = Problems()
    raw = read_csv(path, folder, problems)
    assert raw is not None, problems.summary_lines()
    frame = convert(raw, tables.TABLES[name], problems)
    assert frame is not None, problems.summary_lines()
    return frame, problems


def load_table(folder: Path, name: str, rows: list[list[str]], separator: str,
               encoding: str) -> pd.DataFrame:
    frame, problems = read_table(folder, name, rows, separator, encoding)
    assert not problems.errors, problems.summary_lines()
    return frame


def two_ways(written: str, mark: str) -> bool:
    """One group of three digits after the file's decimal mark (`12,345` in a ';' file,
    `12.345` in a ',' file): thousands or decimals, which the loader refuses to guess (#12)."""
    return re.fullmatch(rf"[1-9]\d{{0,2}}{re.escape(mark)}\d{{3}}", written) is not None


def assert_hours_read_back(frame: pd.DataFrame, problems: Problems, written: list[str],
                           hours: list[Decimal], mark: str) -> None:
    """Every value reads back, but one written two ways, which is an error at its row."""
    refused = {p.row for p in problems.errors if p.column == "volunteer_hours"}
    assert len(problems.errors) == len(refused), problems.summary_lines()
    for row, (text, value) in enumerate(zip(written, hours, strict=True), start=2):
        if two_ways(text, mark):
            assert row in refused, (text, problems.summary_lines())
        else:
            assert row not in refused and Decimal(str(frame["volunteer_hours"][row - 2])) \
                == value, text


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(data=st.lists(st.tuples(amounts, hours, days), min_size=1, max_size=8),
       thousands=st.booleans(), euro=st.booleans(), dutch_dates=st.booleans(),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
@example(data=[(Decimal("1234.56"), Decimal("12.5"), dt.date(2018, 11, 30)),
               (Decimal("40000"), Decimal("1.234"), dt.date(2016, 4, 1))],
         thousands=True, euro=True, dutch_dates=True, encoding="cp1252")
def test_dutch_csv_numbers_and_dates_read_back(tmp_path, data, thousands, euro, dutch_dates,
                                               encoding):
    """A ';' file: 1.234,56, 40.000, 12,5 and 30-11-2018 (or 2018-11-30)."""
    budget = [["year", "location_id", "category", "item", "amount"]] + [
        ["2019", "linde", "Huisvesting", f"Post {i}", dutch(a, thousands, euro)]
        for i, (a, _h, _d) in enumerate(data)]
    frame = load_table(tmp_path, "budget", budget, ";", encoding)
    assert [Decimal(str(v)) for v in frame["amount"]] == [a for a, _h, _d in data]

    written = [dutch(h, thousands, False) for _a, h, _d in data]
    volunteers = [["year", "location_id", "volunteers", "volunteer_hours"]] + [
        [str(2000 + i), "linde", dutch(Decimal(1000 + i), thousands, False), text]
        for i, text in enumerate(written)]
    frame, problems = read_table(tmp_path, "volunteers", volunteers, ";", encoding)
    assert list(frame["volunteers"]) == [1000 + i for i in range(len(data))]
    assert_hours_read_back(frame, problems, written, [h for _a, h, _d in data], ",")

    locations = [["location_id", "name", "neighbourhood", "city", "opened"]] + [
        [f"loc-{i}", "Naam", "Wijk", "Stad",
         d.strftime("%d-%m-%Y") if dutch_dates else d.isoformat()]
        for i, (_a, _h, d) in enumerate(data)]
    frame = load_table(tmp_path, "locations", locations, ";", encoding)
    assert [t.date() for t in frame["opened"]] == [d for _a, _h, d in data]


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(data=st.lists(st.tuples(amounts, hours, days), min_size=1, max_size=8),
       thousands=st.booleans())
def test_iso_csv_numbers_and_dates_read_back(tmp_path, data, thousands):
    """A ',' file: 1234.56 (or "1,234.56"), 1.2345 and 2018-11-30; 1.234 is refused."""
    budget = [["year", "location_id", "category", "item", "amount"]] + [
        ["2019", "linde", "Huisvesting", f"Post {i}", iso(a, thousands)]
        for i, (a, _h, _d) in enumerate(data)]
    frame = load_table(tmp_path, "budget", budget, ",", "utf-8")
    assert [Decimal(str(v)) for v in frame["amount"]] == [a for a, _h, _d in data]
    written = [iso(h, thousands) for _a, h, _d in data]
    volunteers = [["year", "location_id", "volunteers", "volunteer_hours"]] + [
        [str(2000 + i), "linde", "3", text] for i, text in enumerate(written)]
    frame, problems = read_table(tmp_path, "volunteers", volunteers, ",", "utf-8")
    assert_hours_read_back(frame, problems, written, [h for _a, h, _d in data], ".")
    locations = [["location_id", "name", "neighbourhood", "city", "opened"]] + [
        [f"loc-{i}", "Naam", "Wijk", "Stad", d.isoformat()] for i, (_a, _h, d) in enumerate(data)]
    frame = load_table(tmp_path, "locations", locations, ",", "utf-8")
    assert [t.date() for t in frame["opened"]] == [d for _a, _h, d in data]
    assert sniff_separator("year,location_id\n") == ","


# ---- the formatting filters -----------------------------------------------------------------
NL_AMOUNT = re.compile(r"€ (-?)(\d{1,3}(?:\.\d{3})*)(?:,(\d{2}))?")
EN_AMOUNT = re.compile(r"(-?)€(\d{1,3}(?:,\d{3})*)(?:\.(\d{2}))?")
NL_NUMBER = re.compile(r"(-?)(\d{1,3}(?:\.\d{3})*)(?:,(\d+))?")
EN_NUMBER = re.compile(r"(-?)(\d{1,3}(?:,\d{3})*)(?:\.(\d+))?")


def read_back(pattern: re.Pattern, text: str, thousands: str) -> Decimal:
    """The value of a formatted number, read by a pattern that only admits groups of three
    after a thousands mark and a decimal part after the decimal mark."""
    match = pattern.fullmatch(text)
    assert match, f"{text!r} is not written as {pattern.pattern}"
    sign, whole, fraction = match.groups()
    value = Decimal(sign + whole.replace(thousands, "") + "." + (fraction or "0"))
    assert not (sign and value == 0), f"{text!r} is a negative zero"
    return value


def half_up(value: Decimal, places: int) -> Decimal:
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded


money = st.decimals(min_value=-10**12, max_value=10**12, places=3, allow_nan=False,
                    allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(value=money, as_float=st.booleans())
@example(value=Decimal("1234.5"), as_float=False)
@example(value=Decimal("-0.004"), as_float=True)
@example(value=Decimal("0.005"), as_float=True)
def test_amounts_never_confuse_thousands_and_decimals(value, as_float):
    given_value = float(value) if as_float else value
    expected = half_up(value, 2)
    assert read_back(NL_AMOUNT, amount(given_value), ".") == expected
    assert read_back(EN_AMOUNT, amount(given_value, language="en"), ",") == expected
    with_cents = amount(given_value, cents=True)
    assert re.search(r",\d{2}$", with_cents), with_cents


@settings(max_examples=300, deadline=None)
@given(value=money, decimals=st.sampled_from([None, 0, 1, 2, 3]))
@example(value=Decimal("1087"), decimals=None)
@example(value=Decimal("12.5"), decimals=None)
def test_numbers_never_confuse_thousands_and_decimals(value, decimals):
    expected = half_up(value, 2 if decimals is None else decimals)
    nl = number(value, decimals)
    en = number(value, decimals, language="en")
    assert read_back(NL_NUMBER, nl, ".") == expected
    assert read_back(EN_NUMBER, en, ",") == expected
    if decimals:
        assert re.search(rf"[,.]\d{{{decimals}}}$", nl) and nl[-decimals - 1] == ","


@settings(max_examples=200, deadline=None)
@given(share=st.decimals(min_value=-10, max_value=10, places=5, allow_nan=False,
                         allow_infinity=False))
def test_percentages_never_confuse_thousands_and_decimals(share):
    expected = half_up(share * 100, 1)
    nl, en = percent(share), percent(share, language="en")
    assert nl.endswith("%") and en.endswith("%")
    assert read_back(NL_NUMBER, nl[:-1], ".") == expected
    assert read_back(EN_NUMBER, en[:-1], ",") == expected


@settings(max_examples=200, deadline=None)
@given(value=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False,
                         allow_infinity=False))
def test_what_the_documents_print_the_dutch_loader_reads_back(value):
    """An amount copied from a document into a Dutch spreadsheet keeps its value."""
    from grantgen.facts.convert import parse_numbers

    printed = pd.Series([amount(value), number(value)])
    assert list(parse_numbers(printed, dutch=True)) == [float(value)] * 2


# ---- any text in any field ------------------------------------------------------------------
#: everything people paste: markup characters, quotes, emoji, right-to-left script, control
#: characters, invisible and non-characters (never a surrogate: Python text cannot hold one
#: once decoded from UTF-8)
NASTY = "&<>\"'\u00a0\u200b\u200f\u202e\ufeff\ufffe\uffff\x00\x01\x07\x0b\x0c\x1b\x7f\u2028"
texts = st.lists(st.one_of(
    st.characters(exclude_categories=["Cs"]),
    st.sampled_from(list(NASTY) + ["😀", "👩🏽‍💻", "שלום", "مرحبا", "{{ x }}", "{%", "\t", "\n"]),
    st.sampled_from(list(string.ascii_letters))), min_size=1, max_size=25).map("".join).filter(
    lambda t: shown(t) != "")

FIELDS = ("org_name", "mission", "board", "location", "neighbourhood", "activity",
          "category", "item", "income", "funder", "programme", "text_block")


def nasty_workspace(root: Path, values: dict[str, str]) -> Path:
    """The small workspace with every free-text field holding one of `values`."""
    def csv_text(text: str) -> str:
        # a CSV file cannot hold NUL (it would be binary) and cells are read stripped
        return text.replace("\x00", "")

    v = {k: csv_text(t) for k, t in values.items()}
    organisation = {**ORGANISATION, "name": values["org_name"], "mission": values["mission"],
                    "board": [{"name": values["board"], "role": "voorzitter"}],
                    "contact": {"name": values["board"], "role": "voorzitter"}}
    tables = {
        "locations": [TABLES["locations"][0],
                      ["linde", v["location"], v["neighbourhood"], "Amersfoort", "2015-01-01",
                       ""],
                      ["eik", "De Eik", "Liendert", "Amersfoort", "2016-03-01", ""]],
        "activities": [TABLES["activities"][0],
                       ["all", "koffie", v["activity"], v["category"], "dagelijks"]],
        "budget": [TABLES["budget"][0],
                   ["2019", "linde", v["category"], v["item"], "9000"],
                   ["2019", "eik", "Huisvesting", "Huur", "6000"]],
        "funding": [TABLES["funding"][0],
                    ["2019", "linde", v["income"], "2000", "committed"],
                    ["2019", "linde", "fonds-a", "10000", "requested"],
                    ["2019", "eik", "gemeente", "6000", "requested"]]}
    make_workspace(root, organisation=organisation, tables=tables,
                   funders={"fonds-a": {**FUNDERS["fonds-a"], "name": values["funder"],
                                        "programme": values["programme"]}})
    # every cell in quotes, as a spreadsheet saves a cell holding a line break (Python's
    # writer leaves a lone carriage return unquoted, which no program reads back)
    for name, rows in tables.items():
        with (root / "facts" / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
            csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    (root / "texts").mkdir()
    # a text block is itself a template (its {{ }} are placeholders, #5) and Markdown: the
    # value goes in as literal text; a NUL byte makes a file binary, not text, and is
    # refused as such
    (root / "texts" / "samenvatting.md").write_text(
        "{% raw %}" + literal_markdown(values["text_block"].replace("\x00", ""))
        + "{% endraw %}\n", encoding="utf-8")
    return root


def literal_markdown(text: str) -> str:
    """`text` as Markdown that shows it as typed: ASCII punctuation escaped with a backslash
    (so '>' or '-' starts no quote or list), lines not indented (an indented line is code,
    where a backslash shows)."""
    lines = re.split(r"\r\n|\r|\n", text)
    return "\n".join(re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", line.lstrip()) for line in lines)


def shown(text: str) -> str:
    """A value as found in a document's text: without the characters XML cannot hold, and
    without white space (the loader strips cells, a line break in a value becomes a break
    in Word, which the text of a document does not show as a space)."""
    return "".join(xml_safe(text).replace("\x00", "").split())


def flat(text: str) -> str:
    return "".join(text.split())


def build_nasty(root: Path, values: dict[str, str]) -> Path:
    nasty_workspace(root, values)
    result = run(["build", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    return root / "output"


def assert_documents_show(out: Path, values: dict[str, str]) -> None:
    documents = all_docx(out)
    assert len(documents) == 2
    for path in documents:
        Document(str(path))  # opens
        text = flat(docx_text(path))
        for field in ("org_name", "mission", "board", "activity", "category"):
            assert shown(values[field]) in text, (field, values[field], path.name)
    letter = flat(docx_text(out / "2019/fonds-a/aanvraag-2019-linde.docx"))
    for field in ("location", "neighbourhood", "funder", "programme", "item"):
        assert shown(values[field]) in letter, (field, values[field])
    if shown(values["text_block"]):
        assert shown(values["text_block"]) in letter
    assert shown(values["income"])[1:] in letter  # other income is shown capitalised


@settings(max_examples=12, deadline=None, suppress_health_check=FIXTURES)
@given(values=st.fixed_dictionaries({field: texts for field in FIELDS}))
@example(values={field: "A & B <c> \"d\" 'e' 😀 שלום مرحبا \x07\x0b\x1b\ufffe\u200b {{ x }}"
                 for field in FIELDS})
def test_any_text_in_any_field_gives_documents_that_open(tmp_path_factory, values):
    out = build_nasty(tmp_path_factory.mktemp("nasty"), values)
    assert_documents_show(out, values)


@settings(max_examples=3, deadline=None, suppress_health_check=FIXTURES)
@given(values=st.fixed_dictionaries({field: texts for field in FIELDS}))
@example(values={field: "Zoë & Co <1> \"x\" 'y' 👩🏽‍💻 עברית العربية \x01\x0c\uffff"
                 for field in FIELDS})
def test_any_text_in_any_field_gives_documents_libreoffice_opens(soffice, tmp_path_factory,
                                                                  values):
    out = build_nasty(tmp_path_factory.mktemp("nasty-lo"), values)
    converted = out.parent / "pdf"
    converted.mkdir()
    documents = []
    for path in all_docx(out):
        documents.append(converted / path.relative_to(out).as_posix().replace("/", "__"))
        shutil.copy(path, documents[-1])
    soffice_convert(soffice, documents, converted)
    for document in documents:
        pdf = document.with_suffix(".pdf")
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), document.name
