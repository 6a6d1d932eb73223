"""A small, valid workspace written from Python: for tests that change one thing in it, and
for the broken-workspace corpus (make_broken.py). Scripts never import the tests; the tests
import this."""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

ORGANISATION = {
    "name": "Stichting Buurthuis De Linde",
    "legal_form": "stichting",
    "mission": "Een open huis voor iedereen in de wijk.",
    "kvk": "40000001",
    "city": "Amersfoort",
    "board": [{"name": "Els Bakker", "role": "voorzitter"},
              {"name": "Ahmed Yilmaz", "role": "penningmeester"}],
    "contact": {"name": "Els Bakker", "role": "voorzitter", "email": "els@delinde.example"},
}

TABLES: dict[str, list[list]] = {
    "locations": [["location_id", "name", "neighbourhood", "city", "opened", "closed"],
                  ["linde", "De Linde", "Schothorst", "Amersfoort", "2015-01-01", ""],
                  ["eik", "De Eik", "Liendert", "Amersfoort", "2016-03-01", ""]],
    "visits": [["date", "location_id", "participant_id", "activity_id"],
               ["2017-02-01", "linde", "q-a1", "koffie"],
               ["2017-02-08", "linde", "q-a1", "koffie"],
               ["2017-03-01", "linde", "q-b2", "koffie"],
               ["2017-03-02", "eik", "q-b2", "koffie"],
               ["2017-03-03", "eik", "q-c3", "koffie"],
               ["2018-01-10", "linde", "q-a1", "koffie"],
               ["2018-01-11", "eik", "q-d4", "koffie"]],
    "activities": [["location_id", "activity_id", "name", "category", "frequency"],
                   ["all", "koffie", "Koffie-inloop", "ontmoeting", "dagelijks"]],
    "volunteers": [["year", "location_id", "volunteers", "volunteer_hours"],
                   ["2017", "linde", "6", "400"], ["2017", "eik", "4", "250"]],
    "budget": [["year", "location_id", "category", "item", "amount"],
               ["2019", "linde", "Huisvesting", "Huur", "9000"],
               ["2019", "linde", "Activiteiten", "Materialen", "3000"],
               ["2019", "eik", "Huisvesting", "Huur", "6000"]],
    "funding": [["year", "location_id", "source", "amount", "status"],
                ["2019", "linde", "eigen bijdragen", "2000", "committed"],
                ["2019", "linde", "fonds-a", "10000", "requested"],
                ["2019", "eik", "gemeente", "6000", "requested"]],
}

FUNDERS = {
    "fonds-a": {"id": "fonds-a", "name": "Fonds A", "type": "private-fund"},
    "gemeente": {"id": "gemeente", "name": "Gemeente Amersfoort", "type": "municipality"},
}


def write_csv(path: Path, rows: list[list], separator: str = ",",
              encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding=encoding) as f:
        csv.writer(f, delimiter=separator, lineterminator="\n").writerows(rows)


def make_workspace(root: Path, tables: dict | None = None, funders: dict | None = None,
                   organisation: dict | None = None, drop: tuple[str, ...] = ()) -> Path:
    """Write the minimal workspace into `root`, with tables/funders replaced or dropped."""
    data = {**TABLES, **(tables or {})}
    for name, rows in data.items():
        if name not in drop and rows is not None:
            write_csv(root / "facts" / f"{name}.csv", rows)
    org = organisation if organisation is not None else ORGANISATION
    (root / "facts" / "organisation.yaml").write_text(
        yaml.safe_dump(org, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "funders").mkdir(parents=True, exist_ok=True)
    for funder_id, profile in {**FUNDERS, **(funders or {})}.items():
        if profile is not None:
            (root / "funders" / f"{funder_id}.yaml").write_text(
                yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


#: a workspace with finished years (#3): actuals for 2018 and 2019, and De Eik, which closed
#: on 30 June 2018; fonds-a funded both locations in 2018, the municipality De Linde
YEAR_END_TABLES: dict[str, list[list]] = {
    "locations": [["location_id", "name", "neighbourhood", "city", "opened", "closed"],
                  ["linde", "De Linde", "Schothorst", "Amersfoort", "2015-01-01", ""],
                  ["eik", "De Eik", "Liendert", "Amersfoort", "2016-03-01", "2018-06-30"]],
    "visits": [["date", "location_id", "participant_id", "activity_id"],
               ["2017-02-01", "linde", "q-a1", "koffie"],
               ["2017-03-01", "linde", "q-b2", "koffie"],
               ["2017-03-02", "eik", "q-b2", "koffie"],
               ["2017-03-03", "eik", "q-c3", "koffie"],
               ["2018-01-10", "linde", "q-a1", "koffie"],
               ["2018-02-11", "linde", "q-e5", "koffie"],
               ["2018-03-01", "eik", "q-d4", "koffie"],
               ["2018-06-30", "eik", "q-a1", "koffie"],
               ["2018-07-02", "linde", "q-d4", "koffie"],
               ["2019-01-15", "linde", "q-a1", "koffie"],
               ["2019-02-15", "linde", "q-f6", "koffie"]],
    "volunteers": [["year", "location_id", "volunteers", "volunteer_hours"],
                   ["2017", "linde", "6", "400"], ["2017", "eik", "4", "250"],
                   ["2018", "linde", "7", "450"], ["2018", "eik", "3", "120"],
                   ["2019", "linde", "8", "500"]],
    "budget": [["year", "location_id", "category", "item", "amount"],
               ["2018", "linde", "Huisvesting", "Huur", "9000"],
               ["2018", "linde", "Activiteiten", "Materialen", "3000"],
               ["2018", "eik", "Huisvesting", "Huur", "3000"],
               ["2019", "linde", "Huisvesting", "Huur", "9000"],
               ["2019", "linde", "Activiteiten", "Materialen", "3000"]],
    "actuals": [["year", "location_id", "category", "item", "amount"],
                ["2018", "linde", "Huisvesting", "Huur", "9000"],
                ["2018", "linde", "Activiteiten", "Materialen", "3600"],
                ["2018", "eik", "Huisvesting", "Huur", "2900"],
                ["2019", "linde", "Huisvesting", "Huur", "9100"],
                ["2019", "linde", "Activiteiten", "Materialen", "2950"]],
    "funding": [["year", "location_id", "source", "amount", "status"],
                ["2018", "linde", "fonds-a", "6000", "received"],
                ["2018", "eik", "fonds-a", "2000", "committed"],
                ["2018", "linde", "gemeente", "6000", "received"],
                ["2018", "eik", "eigen bijdragen", "900", "received"],
                ["2019", "linde", "gemeente", "12000", "received"],
                ["2019", "linde", "fonds-a", "3000", "requested"]],
    "stories": [["story_id", "location_id", "year", "quote", "consent", "title", "person"],
                ["s-1", "eik", "2018", "De Eik was mijn tweede huiskamer.", "yes", "Afscheid",
                 "bewoner (71)"],
                ["s-2", "linde", "2018", "Dit mag niemand lezen.", "no", "Geheim", "bezoeker"]],
}


def make_year_end_workspace(root: Path, tables: dict | None = None,
                            funders: dict | None = None,
                            organisation: dict | None = None) -> Path:
    """The minimal workspace with finished years (YEAR_END_TABLES), tables replaced."""
    return make_workspace(root, tables={**YEAR_END_TABLES, **(tables or {})},
                          funders=funders, organisation=organisation)


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_template(path: Path, paragraphs: list[str], header: str | None = None,
                  footer: str | None = None, raw: list[str] = ()) -> Path:
    """A small Word template: a heading, a line with tags, the paragraphs, then paragraphs
    given as WordprocessingML (`<w:p {W_NS}>...</w:p>`, to split a tag over runs as Word
    does), and a header and footer when given."""
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    doc.add_heading("Aanvraag {{ year }}", 1)
    doc.add_paragraph("Aan {{ funder.name }}, namens {{ org.name }}.")
    for text in paragraphs:
        doc.add_paragraph(text)
    body = doc.element.body
    for xml in raw:
        body.insert(len(body) - 1, parse_xml(xml))  # before the section properties
    if header is not None:
        doc.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        doc.sections[0].footer.paragraphs[0].text = footer
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
