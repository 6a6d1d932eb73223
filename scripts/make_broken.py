"""Writes the broken-workspace corpus into tests/broken/<fault>/.

Each case is the small valid workspace of scripts/workspace_factory.py with one fault, and an
expected.txt with the message lines `grantgen check` and `grantgen build` must print for
it (each line must appear in one output line). tests/test_broken.py runs every case.
Run `python scripts/make_broken.py` (`make broken-corpus`) after changing a case; a test
checks that the committed folders are what this script writes.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from grantgen.word.package import normalise_zip  # noqa: E402
from workspace_factory import (  # noqa: E402
    FUNDERS,
    ORGANISATION,
    TABLES,
    W_NS,
    make_template,
    make_workspace,
    write_csv,
)

OUT = ROOT / "tests" / "broken"

LOC = TABLES["locations"][0]
VISITS = TABLES["visits"][0]
BUDGET = TABLES["budget"][0]
FUNDING = TABLES["funding"][0]

CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {}


def case(name: str, *expected: str):
    """Registers a fault: the function breaks the workspace, `expected` are its messages."""
    def register(fn: Callable[[Path], None]):
        CASES[name] = (fn, list(expected))
        return fn
    return register


def rows(name: str) -> list[list]:
    return [list(r) for r in TABLES[name]]


def csv(root: Path, name: str, data: list[list], separator: str = ",") -> None:
    write_csv(root / "facts" / f"{name}.csv", data, separator)


def funder(root: Path, funder_id: str, profile: dict | str, file: str | None = None) -> None:
    text = profile if isinstance(profile, str) else yaml.safe_dump(
        profile, allow_unicode=True, sort_keys=False)
    (root / "funders" / (file or f"{funder_id}.yaml")).write_text(text, encoding="utf-8")


def organisation(root: Path, data: dict | str) -> None:
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True,
                                                             sort_keys=False)
    (root / "facts" / "organisation.yaml").write_text(text, encoding="utf-8")


def fixed_zip(data: bytes) -> bytes:
    """A zip (.docx, .xlsx) with fixed time stamps and document dates: the same bytes on
    every run of this script."""
    data = normalise_zip(data)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                                 rb"\g<1>2018-12-01T00:00:00Z", content)
            target.writestr(item, content)
    return out.getvalue()


def workbook(root: Path, skip: tuple[str, ...] = (), change=None) -> None:
    """Moves the CSV facts into facts/facts.xlsx, one sheet per table."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for path in sorted((root / "facts").glob("*.csv")):
        if path.stem not in skip:
            sheet = book.create_sheet(path.stem)
            for line in path.read_text(encoding="utf-8").splitlines():
                cells = line.split(",")
                sheet.append([int(c) if c.isdigit() else c for c in cells])
            if change:
                change(path.stem, sheet)
        path.unlink()
    buffer = io.BytesIO()
    book.save(buffer)
    (root / "facts" / "facts.xlsx").write_bytes(fixed_zip(buffer.getvalue()))


def template(root: Path, name: str, paragraphs: list[str], header: str | None = None,
             raw_paragraph: str | None = None) -> None:
    """A small Word template in templates/: a title, the paragraphs, maybe a header."""
    path = make_template(root / "templates" / name, paragraphs, header=header,
                         raw=[raw_paragraph] if raw_paragraph else [])
    path.write_bytes(fixed_zip(path.read_bytes()))


# ---- missing and unreadable files -------------------------------------------------------------
@case("missing-locations-file",
      "facts/locations.csv: is missing. Add it with the header row: location_id, name, "
      "neighbourhood, city, opened.")
def _(root):
    (root / "facts" / "locations.csv").unlink()


@case("missing-organisation-file",
      "facts/organisation.yaml: is missing. Create it with at least: name, legal_form and "
      "mission.")
def _(root):
    (root / "facts" / "organisation.yaml").unlink()


@case("no-visits-and-no-participants",
      "facts/participants.csv: is missing, and there is no visits register either. Add "
      "facts/visits.csv")
def _(root):
    (root / "facts" / "visits.csv").unlink()


@case("empty-csv-file",
      "facts/budget.csv: is empty. It needs at least the header row: year, location_id, "
      "category, item, amount.")
def _(root):
    (root / "facts" / "budget.csv").write_bytes(b"")


@case("binary-garbage-as-csv",
      "facts/visits.csv: is not a text file (it contains binary data). Save it from Excel or "
      "LibreOffice as 'CSV (comma or semicolon delimited)'.")
def _(root):
    (root / "facts" / "visits.csv").write_bytes(bytes(range(256)) * 4)


@case("csv-neither-utf8-nor-windows-1252",
      "facts/activities.csv: is neither UTF-8 nor Windows-1252 text (byte 0x81 at position",
      "Save it again as CSV UTF-8.")
def _(root):
    path = root / "facts" / "activities.csv"
    path.write_bytes(path.read_bytes().replace(b"Koffie-inloop", b"Koffie\x81inloop"))


@case("one-megabyte-cell",
      "facts/activities.csv, row 2, column description: this cell holds 1000000 characters; "
      "grantgen accepts at most 10000. Shorten it; longer texts belong in texts/.")
def _(root):
    data = rows("activities")
    data[0].append("description")
    data[1].append("x" * 1_000_000)
    csv(root, "activities", data)


@case("row-with-too-many-cells",
      "facts/budget.csv, row 3: this row has 6 cells where the header has 5. A value "
      "containing ',' must be in double quotes.")
def _(root):
    path = root / "facts" / "budget.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = "2019,linde,Activiteiten,Materialen,3,000"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@case("column-without-header",
      "facts/volunteers.csv: a column without a header holds values. Give every column a "
      "name in the first row, or delete it.")
def _(root):
    csv(root, "volunteers", [["year", "location_id", "volunteers", ""],
                             ["2017", "linde", "6", "400"]])


@case("column-twice-in-header",
      "facts/volunteers.csv, row 1: the column volunteers appears more than once in the "
      "header. Keep one of them.")
def _(root):
    csv(root, "volunteers", [["year", "location_id", "volunteers", "volunteers"],
                             ["2017", "linde", "6", "7"]])


# ---- columns and cells --------------------------------------------------------------------
@case("misspelt-column",
      "facts/locations.csv, row 1: the required column 'location_id' is missing. Rename "
      "'locaton_id' to 'location_id'.")
def _(root):
    data = rows("locations")
    data[0][0] = "locaton_id"
    csv(root, "locations", data)


@case("missing-required-column",
      "facts/locations.csv, row 1: the required column 'opened' is missing. Add the column "
      "'opened' to the header row.")
def _(root):
    csv(root, "locations", [r[:4] for r in rows("locations")])


@case("required-cell-empty",
      "facts/budget.csv, row 3, column item: this required cell is empty. Fill it in, or "
      "delete the row.")
def _(root):
    data = rows("budget")
    data[2][3] = ""
    csv(root, "budget", data)


@case("count-that-is-text",
      "facts/volunteers.csv, row 2, column volunteers: 'zes' is not a whole number.")
def _(root):
    csv(root, "volunteers", [["year", "location_id", "volunteers"], ["2017", "linde", "zes"]])


@case("year-that-is-text",
      "facts/budget.csv, row 2, column year: 'twintig' is not a year.")
def _(root):
    data = rows("budget")
    data[1][0] = "twintig"
    csv(root, "budget", data)


@case("impossible-date",
      "facts/visits.csv, row 3, column date: '30-02-2017' is not a date. Write dates as "
      "2018-11-30 or 30-11-2018.")
def _(root):
    data = rows("visits")
    data[2][0] = "30-02-2017"
    csv(root, "visits", data)


@case("negative-amount",
      "facts/budget.csv, row 2, column amount: '-9000' is negative.")
def _(root):
    data = rows("budget")
    data[1][4] = "-9000"
    csv(root, "budget", data)


@case("negative-count",
      "facts/volunteers.csv, row 3, column volunteers: '-4' is negative.")
def _(root):
    data = rows("volunteers")
    data[2][2] = "-4"
    csv(root, "volunteers", data)


@case("unknown-funding-status",
      "facts/funding.csv, row 3, column status: 'aangevraagd' is not one of: requested, "
      "committed, received, rejected. Use one of the values listed.")
def _(root):
    data = rows("funding")
    data[2][4] = "aangevraagd"
    csv(root, "funding", data)


@case("consent-not-yes-or-no",
      "facts/stories.csv, row 2, column consent: 'misschien' is not yes or no. Write yes or "
      "no.")
def _(root):
    csv(root, "stories", [["story_id", "location_id", "year", "quote", "consent"],
                          ["s-1", "linde", "2017", "Hier ken ik mensen.", "misschien"]])


@case("amount-in-scientific-notation",
      "facts/funding.csv, row 2, column amount: '2E+3' is not an amount. Write numbers as "
      "1234,56 or 1.234,56 (or 1234.56 in a comma-separated file).")
def _(root):
    data = rows("funding")
    data[1][3] = "2E+3"
    csv(root, "funding", data)


@case("date-in-american-format",
      "facts/locations.csv, row 3, column opened: '03/31/2016' is not a date. Write dates as "
      "2018-11-30 or 30-11-2018.")
def _(root):
    data = rows("locations")
    data[2][4] = "03/31/2016"
    csv(root, "locations", data)


@case("unknown-age-band",
      "facts/participant_profiles.csv, row 2, column age_band: '65+' is not one of: <23, "
      "18-60, 60+. Use one of the values listed.")
def _(root):
    csv(root, "participant_profiles", [["participant_id", "age_band"], ["q-a1", "65+"]])


# ---- ids ------------------------------------------------------------------------------------
@case("path-shaped-location-id",
      "facts/locations.csv, row 2, column location_id: '../x' is not a valid id. Ids use "
      "lowercase letters, digits and hyphens only")
def _(root):
    data = rows("locations")
    data.append(["../x", "X", "Ergens", "Amersfoort", "2015-01-01", ""])
    csv(root, "locations", [data[0], data[3], data[1], data[2]])


@case("path-shaped-activity-id",
      "facts/activities.csv, row 3, column activity_id: 'a/b' is not a valid id.")
def _(root):
    data = rows("activities")
    data.append(["linde", "a/b", "Schuine streep", "ontmoeting", "wekelijks"])
    csv(root, "activities", data)


@case("duplicate-location-id",
      "facts/locations.csv, row 4, column location_id: duplicate: location_id linde is "
      "already in row 2. Remove one of the two rows, or merge them.")
def _(root):
    data = rows("locations")
    data.append(["linde", "De Linde 2", "Vathorst", "Amersfoort", "2015-01-01", ""])
    csv(root, "locations", data)


@case("duplicate-budget-line",
      "facts/budget.csv, row 5, column item: duplicate: year 2019, location_id linde, "
      "category Huisvesting, item Huur is already in row 2.")
def _(root):
    data = rows("budget")
    data.append(["2019", "linde", "Huisvesting", "Huur", "500"])
    csv(root, "budget", data)


@case("two-requests-to-one-funder",
      "facts/funding.csv, row 5, column source: a second request to fonds-a for linde in "
      "2019; one application per funder, year and location. Add the amounts up in one row.")
def _(root):
    data = rows("funding")
    data.append(["2019", "linde", "fonds-a", "500", "requested"])
    csv(root, "funding", data)


# ---- references -----------------------------------------------------------------------------
@case("unknown-location",
      "facts/budget.csv, row 2, column location_id: unknown location 'lind'. Did you mean "
      "'linde'?")
def _(root):
    data = rows("budget")
    data[1][1] = "lind"
    csv(root, "budget", data)


@case("funding-for-unknown-location",
      "facts/funding.csv, row 3, column location_id: unknown location 'beuk'. Known: eik, "
      "linde.")
def _(root):
    data = rows("funding")
    data[2][1] = "beuk"
    csv(root, "funding", data)


@case("visit-to-location-all",
      "facts/visits.csv, row 2, column location_id: a visit is always to one location, not "
      "'all'. Use the location's own id.")
def _(root):
    data = rows("visits")
    data[1][1] = "all"
    csv(root, "visits", data)


@case("unknown-activity",
      "facts/visits.csv, row 2, column activity_id: unknown activity 'yoga' at location "
      "'linde'. Add it to facts/activities.csv for this location. Known: koffie.")
def _(root):
    data = rows("visits")
    data[1][3] = "yoga"
    csv(root, "visits", data)


@case("unknown-indicator",
      "facts/outcomes.csv, row 3, column indicator_id: unknown indicator 'eenzaamheid'. "
      "Known: minder-eenzaam.")
def _(root):
    csv(root, "indicators", [["indicator_id", "label", "unit"],
                             ["minder-eenzaam", "Voelt zich minder eenzaam", "percent"]])
    csv(root, "outcomes", [["year", "location_id", "indicator_id", "value", "target"],
                           ["2017", "linde", "minder-eenzaam", "40", "50"],
                           ["2018", "linde", "eenzaamheid", "45", "50"]])


@case("outcomes-without-indicators",
      "facts/indicators.csv: is missing, but outcomes refer to indicators. Add indicators "
      "with: indicator_id, label, unit.")
def _(root):
    csv(root, "outcomes", [["year", "location_id", "indicator_id", "value", "target"],
                           ["2017", "linde", "minder-eenzaam", "40", "50"]])


@case("unknown-funder-as-landlord",
      "facts/participant_profiles.csv, row 3, column housing_corporation: unknown housing "
      "corporation (a funder_id of type housing-corporation) 'mitross'.")
def _(root):
    funder(root, "mitros", {"id": "mitros", "name": "Mitros", "type": "housing-corporation"})
    csv(root, "participant_profiles", [
        ["participant_id", "age_band", "housing_corporation"],
        ["q-a1", "60+", "mitros"], ["q-b2", "18-60", "mitross"]])


# ---- dates and periods ----------------------------------------------------------------------
@case("visit-before-location-opened",
      "facts/visits.csv, row 5, column date: this visit on 2016-01-05 is before eik opened. "
      "Check the date, or the date the location opened in locations.")
def _(root):
    data = rows("visits")
    data[4][0] = "2016-01-05"
    csv(root, "visits", data)


@case("visit-after-location-closed",
      "facts/visits.csv, row 7, column date: this visit on 2018-01-10 is after linde closed.")
def _(root):
    data = rows("locations")
    data[1][5] = "2017-12-31"
    csv(root, "locations", data)


@case("location-closes-before-it-opens",
      "facts/locations.csv, row 3, column closed: closed before it opened. Check the dates "
      "'opened' and 'closed'.")
def _(root):
    data = rows("locations")
    data[2][5] = "2015-06-30"
    csv(root, "locations", data)


@case("visits-and-participants-disagree",
      "facts/participants.csv, row 2, column unique_participants: linde in 2017: 5 unique "
      "participants here, but 2 different participant_ids in facts/visits.csv.")
def _(root):
    csv(root, "participants", [["year", "location_id", "unique_participants"],
                               ["2017", "linde", "5"]])


# ---- the workbook -----------------------------------------------------------------------------
@case("both-workbook-and-csv",
      "facts/facts.xlsx: facts.xlsx and CSV files (activities.csv, budget.csv, funding.csv, "
      "locations.csv, visits.csv, volunteers.csv) are both present; grantgen cannot tell "
      "which holds the facts. Keep one: move the CSV files or facts.xlsx out of facts/.")
def _(root):
    copy = root / "copy"
    shutil.copytree(root / "facts", copy)
    workbook(root)
    for path in copy.glob("*.csv"):
        shutil.copy(path, root / "facts" / path.name)
    shutil.rmtree(copy)


@case("workbook-missing-a-sheet",
      "facts/facts.xlsx: the sheet 'locations' is missing. Add a sheet named 'locations' "
      "with the header row: location_id, name, neighbourhood, city, opened.")
def _(root):
    workbook(root, skip=("locations",))


@case("workbook-wrong-cell",
      "facts/facts.xlsx [budget], row 3, column amount: 'drieduizend' is not an amount.")
def _(root):
    def change(name, sheet):
        if name == "budget":
            sheet["E3"] = "drieduizend"
    workbook(root, change=change)


@case("workbook-that-is-really-csv",
      "facts/facts.xlsx: cannot be opened as an Excel workbook",
      "Open it in Excel or LibreOffice and save it again as .xlsx.")
def _(root):
    text = (root / "facts" / "budget.csv").read_bytes()
    for path in (root / "facts").glob("*.csv"):
        path.unlink()
    (root / "facts" / "facts.xlsx").write_bytes(text)


# ---- organisation.yaml and funder profiles ------------------------------------------------
@case("organisation-missing-key",
      "facts/organisation.yaml: the key 'mission' is missing. Add it; it is required.")
def _(root):
    organisation(root, {k: v for k, v in ORGANISATION.items() if k != "mission"})


@case("organisation-yaml-is-a-list",
      "facts/organisation.yaml: must hold 'key: value' lines, not a list or a single value. "
      "Write each setting on a line of its own as 'key: value', without a '-' in front.")
def _(root):
    organisation(root, "- name: Stichting De Linde\n- legal_form: stichting\n")


@case("organisation-unknown-legal-form",
      "facts/organisation.yaml, line 2: legal_form: 'bv' is not valid: choose one of "
      "'stichting', 'vereniging' or 'cooperatie'. Write one of the values listed.")
def _(root):
    organisation(root, {**ORGANISATION, "legal_form": "bv"})


@case("privacy-threshold-zero",
      "facts/organisation.yaml, line 16: settings.privacy_threshold: 0 is not valid: it must "
      "be 1 or more. Correct the value; README.md describes every key.")
def _(root):
    organisation(root, {**ORGANISATION, "settings": {"privacy_threshold": 0}})


@case("yaml-syntax-error",
      "funders/fonds-a.yaml, line 3: the [ opened on this line is never closed: "
      "'type: [private-fund'.",
      "If the [ is part of the text, put the value in quotes: type: \"[private-fund\"; "
      "otherwise close it with ].")
def _(root):
    funder(root, "fonds-a", "id: fonds-a\nname: Fonds A\ntype: [private-fund\n")


@case("empty-funder-profile",
      "funders/fonds-a.yaml: is empty. A profile needs at least: id, name, type.")
def _(root):
    funder(root, "fonds-a", "")


@case("unknown-funder-key",
      "funders/fonds-a.yaml, line 5: unknown key 'rules.max_amout'. Did you mean "
      "'max_amount'?")
def _(root):
    funder(root, "fonds-a", {**FUNDERS["fonds-a"], "rules": {"max_amout": 5000}})


@case("unknown-funder-type",
      "funders/fonds-a.yaml, line 3: type: 'fund' is not valid: choose one of "
      "'municipality', 'housing-corporation', 'private-fund' or 'health-insurer'. Write one "
      "of the values listed.")
def _(root):
    funder(root, "fonds-a", {**FUNDERS["fonds-a"], "type": "fund"})


@case("funder-id-differs-from-file-name",
      "funders/fonds-a.yaml, line 1: the id 'fonds-b' differs from the file name 'fonds-a'. "
      "Rename the file to fonds-b.yaml or set id: fonds-a.")
def _(root):
    funder(root, "fonds-a", {**FUNDERS["fonds-a"], "id": "fonds-b"})


@case("funder-file-name-not-an-id",
      "funders/Fonds A.yaml: 'Fonds A' is not a valid funder id. Name the file with "
      "lowercase letters, digits and hyphens")
def _(root):
    (root / "funders" / "fonds-a.yaml").rename(root / "funders" / "Fonds A.yaml")


@case("funder-deadline-31-february",
      "funders/fonds-a.yaml, line 5: deadlines.0: month 2 has no day 31. Correct the value; "
      "README.md describes every key.")
def _(root):
    funder(root, "fonds-a", {**FUNDERS["fonds-a"],
                             "deadlines": [{"label": "Aanvraag", "day": 31, "month": 2}]})


@case("funder-template-outside-templates",
      "funders/fonds-a.yaml: the template '../../geheim.docx' must be inside templates/. "
      "Give only the file name.")
def _(root):
    funder(root, "fonds-a", {**FUNDERS["fonds-a"],
                             "templates": {"application": "../../geheim.docx"}})


@case("funder-template-missing",
      "funders/fonds-a.yaml: the template 'eigen.docx' is not in templates/. Put the .docx "
      "in templates/, or remove the line to use the built-in template.")
def _(root):
    funder(root, "fonds-a", {**FUNDERS["fonds-a"], "templates": {"application": "eigen.docx"}})


# ---- texts ----------------------------------------------------------------------------------
@case("text-block-not-utf8",
      "texts/samenvatting.md: is not a text file. Save it as UTF-8 text.")
def _(root):
    (root / "texts").mkdir(exist_ok=True)
    (root / "texts" / "samenvatting.md").write_bytes(b"\xff\xfe\x00S\x00a\x00m")


# ---- templates ------------------------------------------------------------------------------
@case("template-syntax-error",
      "templates/eigen.docx: in the body, in the paragraph \u201cWij vragen {{ ask.amount "
      "amount }}.\u201d: a tag is not valid: expected token 'end of print statement', got "
      "'amount'.")
def _(root):
    funder(root, "fonds-a", {**FUNDERS["fonds-a"], "templates": {"application": "eigen.docx"}})
    template(root, "eigen.docx", ["Wij vragen {{ ask.amount amount }}."])


@case("template-tag-not-closed",
      "templates/eigen.docx: in the body, in the paragraph \u201cWij vragen {{ ask.amount | "
      "amount }.\u201d: the tag \u201c{{ ask.amount | amount }.\u201d is not closed in this "
      "paragraph. Close it in the same paragraph with }}")
def _(root):
    funder(root, "fonds-a", {**FUNDERS["fonds-a"], "templates": {"application": "eigen.docx"}})
    template(root, "eigen.docx", ["Wij vragen {{ ask.amount | amount }."])


@case("template-unclosed-if",
      "templates/eigen.docx: in the body, in the paragraph \u201c{% if ask.amount %}Wij "
      "vragen {{ ask.amount | amount }}.\u201d: a tag is not valid: Unexpected end of "
      "template.")
def _(root):
    funder(root, "fonds-a", {**FUNDERS["fonds-a"], "templates": {"application": "eigen.docx"}})
    template(root, "eigen.docx", ["{% if ask.amount %}Wij vragen {{ ask.amount | amount }}."])


@case("template-undefined-name",
      "templates/application-private-fund.docx: in the body, in the paragraph \u201cOns "
      "adres: {{ organisatie.adres }}\u201d: the name 'organisatie' does not exist.")
def _(root):
    template(root, "application-private-fund.docx", ["Ons adres: {{ organisatie.adres }}"])


@case("template-unknown-key",
      "templates/application-private-fund.docx: in the body, in the paragraph \u201cBij "
      "{{ org.nmae }}\u201d: 'org' has no 'nmae'. Did you mean 'name'?")
def _(root):
    template(root, "application-private-fund.docx", ["Bij {{ org.nmae }}"])


@case("template-unknown-filter",
      "templates/application-private-fund.docx: in the body, in the paragraph \u201cWij "
      "vragen {{ ask.amount | bedrag }}.\u201d: there is no filter 'bedrag'. Did you mean "
      "'amount'?")
def _(root):
    template(root, "application-private-fund.docx", ["Wij vragen {{ ask.amount | bedrag }}."])


@case("template-python-internals",
      "templates/application-private-fund.docx: in the body, in the paragraph "
      "\u201c{{ ''.__class__ }}\u201d: the tag reaches \u201c''.__class__\u201d, a Python internal "
      "that templates may not use.")
def _(root):
    template(root, "application-private-fund.docx", ["{{ ''.__class__ }}"])


@case("template-error-in-header",
      "templates/application-private-fund.docx: in the header, in the paragraph "
      "\u201cAanvraag {{ funder.naam }}\u201d: 'funder' has no 'naam'. Did you mean 'name'?")
def _(root):
    template(root, "application-private-fund.docx", [], header="Aanvraag {{ funder.naam }}")


@case("template-odd-quotes",
      "templates/application-private-fund.docx: in the body, in the paragraph "
      "\u201cProgramma: {{ funder.programme or \u201ebijdrage\u201d }}\u201d: the tag "
      "\u201c{{ funder.programme or \u201ebijdrage\u201d }}\u201d holds the quote mark \u201e, "
      "which templates cannot read.")
def _(root):
    template(root, "application-private-fund.docx",
             ["Programma: {{ funder.programme or \u201ebijdrage\u201d }}"])


@case("template-tag-across-paragraphs",
      "templates/application-private-fund.docx: in the body, in the paragraph \u201cNamens "
      "{{ org.\u201d: the tag \u201c{{ org.\u201d is not closed in this paragraph.")
def _(root):
    template(root, "application-private-fund.docx", ["Namens {{ org.", "name }}"])


@case("template-tag-split-by-hyperlink",
      "templates/application-private-fund.docx: in the body, in the paragraph \u201cSite: "
      "{{ org.website }}\u201d: Word has split the tag \u201c{{ org.website }}\u201d around a "
      "hyperlink, tracked change, field or content control")
def _(root):
    template(root, "application-private-fund.docx", [], raw_paragraph=(
        f'<w:p {W_NS}><w:r><w:t xml:space="preserve">Site: {{{{ org.</w:t></w:r>'
        '<w:ins w:id="1" w:author="Els" w:date="2018-11-01T00:00:00Z"><w:r>'
        '<w:t xml:space="preserve">website }}</w:t></w:r></w:ins></w:p>'))


@case("template-corrupt-docx",
      "templates/application-private-fund.docx: is not a Word document that can be opened "
      "(BadZipFile). Open it in Word and save it again as .docx.")
def _(root):
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "application-private-fund.docx").write_bytes(
        b"PK\x03\x04 this was a Word file once" + bytes(200))


# --- YAML mistakes in plain words, and dates in YAML (#12) ---------------------------------
def _organisation_text(**lines: str) -> str:
    """The factory's organisation.yaml as a person types it, with some lines replaced."""
    text = yaml.safe_dump(ORGANISATION, allow_unicode=True, sort_keys=False)
    for key, line in lines.items():
        text = "\n".join(line if old.startswith(f"{key}:") else old
                         for old in text.split("\n"))
    return text


@case("yaml-colon-in-organisation-value",
      "facts/organisation.yaml, line 3: the value of 'mission' holds a colon followed by a "
      "space, which YAML reads as the start of another key: 'mission: Samen: sterk in de "
      "wijk'.",
      'Put the value in quotes: mission: "Samen: sterk in de wijk"')
def _(root):
    organisation(root, _organisation_text(mission="mission: Samen: sterk in de wijk"))


@case("yaml-tab-in-funder-profile",
      "funders/fonds-a.yaml, line 5: this line is indented with a tab: "
      "'[tab]max_amount: 5000'.",
      "Indent with spaces, not a tab: YAML does not accept tabs.")
def _(root):
    funder(root, "fonds-a", "id: fonds-a\nname: Fonds A\ntype: private-fund\nrules:\n"
                            "\tmax_amount: 5000\n")


@case("yaml-unclosed-quote",
      "funders/fonds-a.yaml, line 2: the quote \" opened on this line is never closed: "
      "'name: \"Fonds A'.",
      "Add the closing \" at the end of the value; or, if the \" is part of the text, "
      "write: name: '\"Fonds A'")
def _(root):
    funder(root, "fonds-a", 'id: fonds-a\nname: "Fonds A\ntype: private-fund\n')


@case("yaml-key-written-twice",
      "funders/fonds-a.yaml, line 6: the key 'rules.max_amount' is written twice: on line 5 "
      "and on this line. Keep one of the two; otherwise only the last would count.")
def _(root):
    funder(root, "fonds-a", "id: fonds-a\nname: Fonds A\ntype: private-fund\nrules:\n"
                            "  max_amount: 5000\n  max_amount: 50000\n")


@case("organisation-impossible-date",
      "facts/organisation.yaml, line 6: founded: '31-02-2016' is not a date. Write dates as "
      "2018-11-30 or 30-11-2018.")
def _(root):
    organisation(root, _organisation_text(city="city: Amersfoort\nfounded: 31-02-2016"))


# ---- nothing dropped, nothing misread (#12): funder-id slips, stray files and sheets, amounts
@case("funder-id-typo",
      "facts/funding.csv, row 4, column source: 'gemeetne' is no funder profile, so no "
      "application would be written for this request. Did you mean 'gemeente'?")
def _(root):
    data = rows("funding")
    data[3][2] = "gemeetne"
    csv(root, "funding", data)


@case("stray-copy-of-a-csv-file",
      "facts/funding (1).csv: is not a table of the facts, so what it holds would not be "
      "read. Did you mean 'funding'? Put what it holds in facts/funding.csv, then move this "
      "file out of facts/.")
def _(root):
    data = rows("funding")
    data.append(["2019", "eik", "fonds-a", "4000", "requested"])
    write_csv(root / "facts" / "funding (1).csv", data)


@case("table-saved-as-ods",
      "facts/begroting.ods: is a spreadsheet grantgen cannot read (.ods): what it holds "
      "would not be read. Put what it holds in facts/budget.csv, then move this file out of "
      "facts/.")
def _(root):
    # a coordinator kept the budget in LibreOffice's own format; any bytes will do, as
    # the file is named, never opened
    (root / "facts" / "begroting.ods").write_bytes(b"PK\x03\x04 not read")


@case("workbook-sheet-renamed",
      "facts/facts.xlsx [Financiering]: the sheet 'Financiering' is not a table of the facts, "
      "so what it holds would not be read. Did you mean 'funding'? Rename the sheet to "
      "'funding'.")
def _(root):
    def change(name, sheet):
        if name == "funding":
            sheet.title = "Financiering"
    workbook(root, change=change)


@case("workbook-required-sheet-renamed",
      "facts/facts.xlsx: the sheet 'locations' is missing. Is it the sheet 'Locaties'? "
      "Rename it to 'locations'.",
      "facts/facts.xlsx [Locaties]: the sheet 'Locaties' is not a table of the facts")
def _(root):
    def change(name, sheet):
        if name == "locations":
            sheet.title = "Locaties"
    workbook(root, change=change)


@case("workbook-sheet-copied",
      "facts/facts.xlsx [budget (2)]: the sheet 'budget (2)' is not a table of the facts, so "
      "what it holds would not be read. Did you mean 'budget'? Put what it holds in the "
      "sheet 'budget', then delete this sheet.")
def _(root):
    def change(name, sheet):
        if name == "budget":
            copy = sheet.parent.copy_worksheet(sheet)
            copy.title = "budget (2)"
            copy["E2"] = 9500
    workbook(root, change=change)


@case("ambiguous-amount-in-a-comma-file",
      "facts/budget.csv, row 2, column amount: '12.700' could be €12,700 or €12.70. Write "
      "12700 or 12.70 (in a comma-separated file the decimal mark is a point).")
def _(root):
    data = rows("budget")
    data[1][4] = "12.700"
    csv(root, "budget", data)


@case("ambiguous-amount-in-a-semicolon-file",
      "facts/budget.csv, row 3, column amount: '3,500' could be €3,500 or €3.50. Write 3500 "
      "or 3,50.")
def _(root):
    data = rows("budget")
    data[1][4] = "9.000"
    data[2][4] = "3,500"
    csv(root, "budget", data, separator=";")


# ---- the document date (#13) -----------------------------------------------------------------
@case("settings-document-date-impossible",
      "facts/organisation.yaml, line 16: settings.document_date: '31-02-2019' is not a date. "
      "Write dates as 2018-11-30 or 30-11-2018.")
def _(root):
    organisation(root, {**ORGANISATION, "settings": {"document_date": "31-02-2019"}})


@case("settings-document-date-not-a-date",
      "facts/organisation.yaml, line 16: settings.document_date: 'gisteren' is not a date. "
      "Write dates as 2018-11-30 or 30-11-2018.")
def _(root):
    organisation(root, {**ORGANISATION, "settings": {"document_date": "gisteren"}})




# ---- online forms (#15): the form: block of a funder profile ---------------------------------
def _form(root: Path, *fields: dict, **profile) -> None:
    funder(root, "fonds-a", {**FUNDERS["fonds-a"], **profile, "form": list(fields)})


@case("form-field-two-sources",
      "funders/fonds-a.yaml, line 5: form.0: the field 'Samenvatting' gives text + value: give "
      "only one of text, section or value.")
def _(root):
    _form(root, {"label": "Samenvatting", "text": "samenvatting", "value": "{{ year }}"})


@case("form-field-without-source",
      "funders/fonds-a.yaml, line 5: form.0: the field 'Samenvatting' does not say what fills "
      "it: give it text, section or value.")
def _(root):
    _form(root, {"label": "Samenvatting", "max_chars": 600})


@case("form-field-misspelt-limit",
      "funders/fonds-a.yaml, line 7: unknown key 'form.0.max_char'. Did you mean 'max_chars'?")
def _(root):
    _form(root, {"label": "Samenvatting", "text": "samenvatting", "max_char": 600})


@case("form-field-unknown-section",
      "funders/fonds-a.yaml, line 6: form.0.section: the field 'Aanpak' is filled from the "
      "section 'werkwijze', which this profile does not have.")
def _(root):
    _form(root, {"label": "Aanpak", "section": "werkwijze"})


@case("form-max-chars-in-a-section",
      "funders/fonds-a.yaml, line 6: sections.summary.max_chars: a section of the Word document "
      "is limited in words (max_words), not in characters.")
def _(root):
    funder(root, "fonds-a", {**FUNDERS["fonds-a"], "sections": {"summary": {"max_chars": 600}}})


@case("form-value-unknown-name",
      "[2019/fonds-a/aanvraag-2019-linde.formulier.txt] funders/fonds-a.yaml, line 5: the value "
      "of the form field 'Deelnemers' uses a name that an application does not have")
def _(root):
    _form(root, {"label": "Deelnemers", "value": "{{ reach.deelnemers | number }}"})

def write(folder: Path = OUT) -> list[Path]:
    """Writes every case into `folder`; returns the case folders."""
    written = []
    if folder.is_dir():
        for old in folder.iterdir():
            if old.is_dir() and old.name not in CASES:
                shutil.rmtree(old)
    for name, (breaks, expected) in sorted(CASES.items()):
        target = folder / name
        if target.exists():
            shutil.rmtree(target)
        make_workspace(target)
        breaks(target)
        (target / "expected.txt").write_text(
            "# lines `grantgen check` and `grantgen build` must print (each inside one line)\n"
            + "\n".join(expected) + "\n", encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    for path in write():
        print(path.relative_to(ROOT))
    print(f"{len(CASES)} broken workspaces")
