"""Online forms (#15): each funder's form fields filled, fitted and counted in a plain-text
file beside the application, and the budget as a workbook with live formulas, read back as
users get them (the form file as text, the workbook recalculated by LibreOffice Calc)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml
from conftest import ROOT, soffice_convert

from helpers.docs import docx_text
from helpers.dutch import dutch_amount, dutch_number, dutch_percent
from workspace_factory import FUNDERS, make_workspace

LINDE = "2019/fonds-a/aanvraag-2019-linde"
#: the line between two fields of a form file
RULE = re.compile(r"^─{10,}$", re.M)

LONG = """---
reviewed: 2018-10-01
---
De Linde is **het huis van de buurt** in {{ org.city }}: een plek waar bewoners elkaar
ontmoeten, samen eten en elkaar helpen. Lees meer op [onze site](https://www.delinde.example).

## Wat we doen

- een koffie-inloop, elke ochtend van de week;
- samen **eten** op dinsdag en donderdag;
- een taalcafé voor wie Nederlands wil leren.

In {{ year }} begroten wij {{ budget.total | amount }} voor De Linde. Vrijwilligers uit de
wijk houden de deuren open, koken, schenken koffie en helpen buren met hun post. Wie een
tijd thuis heeft gezeten, vindt bij ons weer een taak en een plek. Zo werken wij aan minder
eenzaamheid en meer zelfredzaamheid, dicht bij huis en zonder wachtlijst. Het buurtteam, de
huisartsen en de woningcorporaties verwijzen bewoners naar ons door, en wij naar hen. Met
deze aanvraag vragen wij steun om dit werk voort te zetten en uit te breiden naar de
avonden, zodat ook werkende bewoners kunnen aanschuiven bij de maaltijd en de inloop. In
de zomer organiseren wij bovendien uitstapjes voor gezinnen die zelf niet op vakantie gaan.
"""
MEDIUM = """---
reviewed: 2018-10-01
---
De Linde is *het huis van de buurt*: bewoners ontmoeten elkaar, eten samen en helpen
elkaar. Vrijwilligers uit de wijk houden de deuren open. In {{ year }} begroten wij
{{ budget.total | amount }}. Wij vragen steun om dit werk in de buurt voort te zetten.
"""
SHORT = "---\nreviewed: 2018-10-01\n---\nDe Linde is het huis van de buurt voor iedereen.\n"


def _texts(root: Path) -> None:
    folder = root / "texts"
    folder.mkdir(exist_ok=True)
    for name, body in (("samenvatting.md", LONG), ("samenvatting.kort.md", MEDIUM),
                       ("samenvatting.mini.md", SHORT)):
        (folder / name).write_text(body, encoding="utf-8")


def _workspace(root: Path, *fields: dict, **profile) -> Path:
    make_workspace(root, funders={"fonds-a": {**FUNDERS["fonds-a"], **profile,
                                              "form": list(fields)}})
    _texts(root)
    return root


def _words(text: str) -> int:
    return len(text.split())


def _form(path: Path) -> dict[str, tuple[str, str]]:
    """{label: (text, count line)} of a form file, read as a person reads it."""
    fields = {}
    for part in RULE.split(path.read_text(encoding="utf-8"))[1:]:
        lines = part.strip("\n").split("\n")
        fields[lines[0]] = ("\n".join(lines[1:-1]), lines[-1])
    return fields


def _budget_total(root: Path, year: int, location: str) -> float:
    budget = pd.read_csv(root / "facts" / "budget.csv")
    return float(budget[(budget["year"] == year) & (budget["location_id"] == location)]
                 ["amount"].sum())


def _manifest(out: Path) -> dict[str, dict]:
    return {e["path"]: e for e in
            json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]}


def _leftover_markup(text: str) -> list[str]:
    found = [mark for mark in ("{{", "{%", "**", "](") if mark in text]
    found += [f"line {line!r} starts with #" for line in text.splitlines()
              if line.lstrip().startswith("#")]
    found += [word for word in ("None", "nan") if re.search(rf"\b{word}\b", text)]
    return found


def test_a_text_fits_its_limit_in_characters_or_words(cli, tmp_path):
    ws = _workspace(tmp_path, {"label": "Samenvatting", "text": "samenvatting", "max_chars": 600},
                    {"label": "Korte samenvatting", "text": "samenvatting", "max_words": 150},
                    {"label": "Totale kosten", "value": "{{ budget.total | amount }}"},
                    {"label": "Zonder grens", "text": "samenvatting"})
    result = cli(["build", "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    form = ws / "output" / f"{LINDE}.formulier.txt"
    assert f"  {LINDE}.formulier.txt" in result.output
    fields = _form(form)
    assert list(fields) == ["Samenvatting", "Korte samenvatting", "Totale kosten",
                            "Zonder grens"]

    # the longest version within 600 characters: the medium one, not the long or the short
    text, count = fields["Samenvatting"]
    assert len(text) <= 600
    assert "Vrijwilligers uit de wijk houden de deuren open." in text
    assert "taalcafé" not in text
    assert count == f"{dutch_number(len(text))} / 600 tekens"
    # figures filled in, in Dutch notation; the Markdown marks gone
    total = dutch_amount(_budget_total(ws, 2019, "linde"))
    assert f"begroten wij {total}." in text
    assert "het huis van de buurt:" in text

    text, count = fields["Korte samenvatting"]
    assert _words(text) <= 150
    assert count == f"{_words(text)} / 150 woorden"

    text, count = fields["Totale kosten"]
    assert text == total
    assert count == f"{len(total)} tekens"

    # without a limit: the longest version, as it reads: a heading as a line of its own,
    # each list item on a line, a link with its address
    text, _count = fields["Zonder grens"]
    assert "\n\nWat we doen\n\n" in text
    assert "een koffie-inloop, elke ochtend van de week;\nsamen eten op dinsdag" in text
    assert "Lees meer op onze site (https://www.delinde.example)." in text
    assert "in Amersfoort:" in text
    assert not _leftover_markup(form.read_text(encoding="utf-8"))


def test_no_markup_or_tags_in_any_form_file(example_build):
    forms = sorted(example_build.rglob("*.formulier.txt"))
    assert len(forms) >= 2  # the example has forms for Oranje Fonds and VSBfonds
    assert {p.parent.name for p in forms} >= {"oranje-fonds", "vsbfonds"}
    for path in forms:
        text = path.read_text(encoding="utf-8")
        assert not _leftover_markup(text), (path.name, _leftover_markup(text))
        fields = _form(path)
        assert fields, path.name
        for label, (value, count) in fields.items():
            assert value.strip(), f"{path.name}: the field {label!r} is empty"
            limit = re.fullmatch(r"([\d.]+) / ([\d.]+) (tekens|woorden)", count)
            if limit:
                counted = len(value) if limit.group(3) == "tekens" else _words(value)
                assert limit.group(1) == dutch_number(counted), (path.name, label)
                assert counted <= int(limit.group(2).replace(".", "")), (path.name, label)


def test_a_value_shows_its_figure_in_dutch_notation(example_build):
    fields = _form(example_build / "2019/oranje-fonds/aanvraag-2019-de-klop.formulier.txt")
    application = docx_text(example_build / "2019/oranje-fonds/aanvraag-2019-de-klop.docx")
    # what the form gives for the total costs and the amount asked is what the application says
    total = fields["Totale kosten van het project"][0]
    asked = fields["Gevraagd bedrag"][0]
    assert re.fullmatch(r"€ \d{1,3}(\.\d{3})*", total) and re.fullmatch(
        r"€ \d{1,3}(\.\d{3})*", asked)
    assert f"Totale kosten | {total}" in application
    # the fund as its profile names it in a sentence ("het Oranje Fonds")
    profile = yaml.safe_load((ROOT / "funders" / "oranje-fonds.yaml").read_text(
        encoding="utf-8"))
    name = profile.get("name_in_sentence") or profile["name"]
    assert f"Wij vragen {name} een bijdrage van {asked}." in application


def test_english_form_counts_in_english(cli, tmp_path):
    ws = _workspace(tmp_path, {"label": "Summary", "text": "samenvatting", "max_words": 40},
                    {"label": "Total costs", "value": "{{ budget.total | amount }}"},
                    language="en")
    (ws / "texts" / "samenvatting.en.md").write_text(
        "De Linde is **the living room of the neighbourhood**.\n\n- coffee\n- meals\n",
        encoding="utf-8")
    assert cli(["build", "--workspace", str(ws)]).exit_code == 0
    stem = ws / "output/2019/fonds-a/application-2019-linde"
    fields = _form(Path(f"{stem}.form.txt"))
    text, count = fields["Summary"]
    assert text == "De Linde is the living room of the neighbourhood.\n\ncoffee\nmeals"
    assert count == f"{_words(text)} / 40 words"
    total = _budget_total(ws, 2019, "linde")
    assert fields["Total costs"][0] == f"€{total:,.0f}"
    workbook = openpyxl.load_workbook(f"{stem}.budget.xlsx")
    labels = [row[0] for row in workbook.active.iter_rows(values_only=True)]
    assert "Total costs" in labels and "Funding plan" in labels


def test_check_warns_when_no_version_fits(cli, tmp_path):
    ws = _workspace(tmp_path, {"label": "Heel kort", "text": "samenvatting", "max_chars": 40},
                    {"label": "Website", "value": "{{ org.website }}"})
    assert "website" not in (ws / "facts" / "organisation.yaml").read_text(encoding="utf-8")
    shortest = SHORT.split("---\n")[-1].strip()
    assert len(shortest) > 40
    result = cli(["check", "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if "'Heel kort'" in line)
    assert warning.startswith(f"warning: [{LINDE}.formulier.txt] funders/fonds-a.yaml, line 5:")
    assert "Fonds A allows at most 40 characters in the field 'Heel kort'" in warning
    assert f"texts/samenvatting.mini.md, has {len(shortest)} characters" in warning
    # a value the facts do not have: no dash typed into the portal, and check says so
    assert "warning: [2019/fonds-a/aanvraag-2019-linde.formulier.txt] funders/fonds-a.yaml, " \
        "line 8: the value of the form field 'Website' is empty" in result.output
    assert cli(["check", "--strict", "--workspace", str(ws)]).exit_code == 1

    # the build still writes the form: never a sentence cut in two, never over the limit
    assert cli(["build", "--workspace", str(ws)]).exit_code == 0
    text, count = _form(ws / "output" / f"{LINDE}.formulier.txt")["Heel kort"]
    assert len(text) <= 40 and text in shortest
    assert count.startswith(f"{len(text)} / 40 tekens (")
    assert dutch_number(len(shortest)) in count
    assert _form(ws / "output" / f"{LINDE}.formulier.txt")["Website"] == (
        "", "0 tekens (geen waarde in de feiten)")
    # the board sees the finding with the application in the review pack
    assert cli(["review", "--workspace", str(ws)]).exit_code == 0
    pack = docx_text(ws / "output" / "beoordeling.docx")
    assert "'Heel kort'" in pack


def test_forms_in_the_manifest_follow_their_application(cli, tmp_path):
    ws = _workspace(tmp_path, {"label": "Samenvatting", "text": "samenvatting", "max_chars": 600})
    assert cli(["build", "--workspace", str(ws)]).exit_code == 0
    out = ws / "output"
    entries = _manifest(out)
    form, workbook = entries[f"{LINDE}.formulier.txt"], entries[f"{LINDE}.begroting.xlsx"]
    assert form["kind"] == "form" and workbook["kind"] == "budget-workbook"
    for entry in (form, workbook):
        assert entry["funder_id"] == "fonds-a" and entry["location_id"] == "linde"
        assert entry["year"] == 2019 and entry["status"] == "draft"
    # the municipality has no online form: its application has neither
    assert not any(p.startswith("2019/gemeente/") and not p.endswith(".docx") for p in entries)

    # a form is not approved on its own; its application is, and the form stays with it
    result = cli(["approve", f"{LINDE}.formulier.txt", "--by", "Els Bakker",
                  "--workspace", str(ws)])
    assert result.exit_code == 1
    assert f"{LINDE}.formulier.txt goes with {LINDE}.docx" in result.output
    result = cli(["approve", f"{LINDE}.docx", "--by", "Els Bakker", "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    before = (out / f"{LINDE}.formulier.txt").read_bytes()
    result = cli(["build", "--workspace", str(ws)])
    assert f"{LINDE}.docx (approved, unchanged)" in result.output
    assert (out / f"{LINDE}.formulier.txt").read_bytes() == before
    result = cli(["review", "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    assert ".formulier.txt" not in result.output and ".begroting.xlsx" not in result.output
    # the names a value may use are an application's
    result = cli(["variables", f"{LINDE}.formulier.txt", "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("The names a Word template may use, with their value in "
                                    "the application 2019 to Fonds A for De Linde.")


def test_online_forms_as_data(tmp_path):
    """What the board's web page gets: each field with its text, count and limit."""
    from grantgen.commands.forms import online_forms
    from grantgen.core.workspace import Workspace

    ws = _workspace(tmp_path, {"label": "Samenvatting", "text": "samenvatting", "max_chars": 600,
                               "help": "Wat gaat u doen?"},
                    {"label": "Heel kort", "text": "samenvatting", "max_chars": 40})
    forms = online_forms(Workspace.open(ws))
    assert [f.path for f in forms] == [f"{LINDE}.formulier.txt"]
    form = forms[0]
    assert form.application == f"{LINDE}.docx" and form.funder == "Fonds A"
    summary, short = form.fields
    assert (summary.label, summary.help, summary.max_chars) == ("Samenvatting",
                                                                "Wat gaat u doen?", 600)
    assert summary.chars == len(summary.text) <= 600 and summary.fits
    assert summary.file == "texts/samenvatting.kort.md" and not summary.shortened
    assert short.shortened and short.chars <= 40
    assert any("'Heel kort'" in p.message for p in form.problems)


def _amounts(lines: list[str]) -> dict[str, float]:
    """{label: amount} of the table rows of a document's text ('Totale kosten | € 68.500')."""
    found = {}
    for line in lines:
        cells = [c.strip() for c in line.split("|")]
        if len(cells) >= 2 and re.fullmatch(r"€ [\d.]+(,\d\d)?", cells[-1]):
            found[cells[0]] = float(cells[-1][2:].replace(".", "").replace(",", "."))
    return found


def test_budget_workbook_computes_the_totals_of_the_application(example_build, soffice,
                                                                   tmp_path):
    stem = example_build / "2019/oranje-fonds/aanvraag-2019-de-klop"
    workbook = Path(f"{stem}.begroting.xlsx")
    # live formulas, not typed-in totals
    formulas = {row[0]: row[2] for row in openpyxl.load_workbook(workbook).active.iter_rows(
        values_only=True) if row[0]}
    for label in ("Totale kosten", "Toegezegd en ontvangen", "Tekort na toezeggingen",
                  "Aandeel in de begroting"):
        assert str(formulas[label]).startswith("="), label
    # recalculated by LibreOffice Calc, as the portal's reviewer opens it
    calc = tmp_path / "calc"
    calc.mkdir()
    soffice_convert(soffice, [workbook], calc, "xlsx")
    values = {row[0]: row[2] for row in openpyxl.load_workbook(
        calc / workbook.name, data_only=True).active.iter_rows(values_only=True) if row[0]}
    document = docx_text(f"{stem}.docx")
    shown = _amounts(document.splitlines())
    subtotals = [label for label in shown if label.startswith("Subtotaal ")]
    assert subtotals
    for label in subtotals + ["Totale kosten", "Toegezegd en ontvangen",
                              "Aangevraagd (nog niet toegezegd)", "Tekort na toezeggingen"]:
        assert values[label] == pytest.approx(shown[label]), label
    asked = shown["Oranje Fonds (deze aanvraag)"]
    assert values["Gevraagd van Oranje Fonds"] == pytest.approx(asked)
    share = re.search(r"Dat is ([\d,]+%) van de totale begroting", document).group(1)
    assert dutch_percent(values["Aandeel in de begroting"]) == share
    assert values["Open na alle aanvragen"] == pytest.approx(
        shown["Tekort na toezeggingen"] - shown["Aangevraagd (nog niet toegezegd)"])
