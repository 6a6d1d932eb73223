"""A dekkingsplan a funder trusts (#13): what a contribution pays for, requests above the
gap said in the funder's language, pledges above the budget, the advice for a sluitende
begroting, the fund's name in a sentence and an English budget in English documents.

Each finding is provoked in a small workspace (scripts/workspace_factory.py) whose figures
the test states itself; the example's documents are read against its own facts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from grantgen.core.formatting import amount
from helpers.docs import docx_text
from workspace_factory import FUNDERS, TABLES, make_workspace

FONDS = FUNDERS["fonds-a"]
GEMEENTE = FUNDERS["gemeente"]
LINDE = "2019/fonds-a/aanvraag-2019-linde.docx"


def _funding(*rows: list[str]) -> dict:
    return {"funding": [TABLES["funding"][0], *rows]}


def _euro(value: float, language: str = "nl") -> str:
    return amount(value, language=language)


def _build(cli, root: Path):
    result = cli(["build", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    return result


# ---- requests above the gap -----------------------------------------------------------------
def test_an_application_whose_requests_exceed_the_gap_says_so(cli, tmp_path):
    # De Linde: € 12.000 of costs, € 2.000 committed, so a gap of € 10.000; asked of two
    # funders: € 10.000 and € 4.000
    make_workspace(tmp_path, tables=_funding(
        ["2019", "linde", "eigen bijdragen", "2000", "committed"],
        ["2019", "linde", "fonds-a", "10000", "requested"],
        ["2019", "linde", "fonds-b", "4000", "requested"],
        ["2019", "eik", "gemeente", "6000", "requested"]),
        funders={"fonds-b": {"id": "fonds-b", "name": "Fonds B", "type": "private-fund"}})
    _build(cli, tmp_path)
    for funder in ("fonds-a", "fonds-b"):
        text = docx_text(tmp_path / f"output/2019/{funder}/aanvraag-2019-linde.docx")
        assert (f"De aanvragen samen ({_euro(14000)}) zijn hoger dan het tekort "
                f"({_euro(10000)}): wij vragen meerdere financiers tegelijk") in text, text
        assert "Wordt meer toegezegd dan nodig, dan verlagen of trekken wij de aanvragen in" \
            in text
    # De Eik asks exactly its gap of one funder: nothing to explain
    eik = docx_text(tmp_path / "output/2019/gemeente/aanvraag-2019-eik.docx")
    assert "De aanvragen samen" not in eik
    # check informs, once for the year, naming the location and both documents
    result = cli(["check", "--workspace", str(tmp_path)])
    found = [line for line in result.output.splitlines()
             if "together are more than the gap" in line]
    assert len(found) == 1, result.output
    assert (f"De Linde: {_euro(14000)} asked of 2 funder(s) against a gap of {_euro(10000)}"
            in found[0])
    assert found[0].startswith("warning: [2019/fonds-a/aanvraag-2019-linde.docx, "
                               "2019/fonds-b/aanvraag-2019-linde.docx]")
    assert "De Eik" not in found[0]


def test_an_english_application_says_it_in_english(cli, tmp_path):
    make_workspace(tmp_path, tables=_funding(
        ["2019", "linde", "fonds-a", "10000", "requested"],
        ["2019", "linde", "gemeente", "5000", "requested"]),
        funders={"fonds-a": {**FONDS, "name": "Fund A", "language": "en",
                             "name_in_sentence": "the Fund A"}})
    _build(cli, tmp_path)
    text = docx_text(tmp_path / "output/2019/fonds-a/application-2019-linde.docx")
    assert (f"Together, the requests ({_euro(15000, 'en')}) are more than the shortfall "
            f"({_euro(12000, 'en')}): we apply to several funders at once") in text
    assert "let the Fund A know" in text


# ---- what the contribution pays for ---------------------------------------------------------
def test_the_application_shows_the_costs_the_funder_pays_for(cli, tmp_path):
    make_workspace(tmp_path, tables=_funding(
        ["2019", "linde", "eigen bijdragen", "9000", "committed"],
        ["2019", "linde", "fonds-a", "3000", "requested"]),
        funders={"fonds-a": {**FONDS, "rules": {"excluded_costs": ["Huur"]}}})
    _build(cli, tmp_path)
    text = docx_text(tmp_path / "output" / LINDE)
    assert (f"Uw bijdrage van {_euro(3000)} is bestemd voor deze kosten uit de begroting, die "
            f"Fonds A vergoedt (samen {_euro(3000)}):\nPost | Bedrag\nActiviteiten | \n"
            f"Materialen | {_euro(3000)}\nSamen | {_euro(3000)}") in text
    assert (f"De overige kosten (Huur: {_euro(9000)}) vallen buiten wat Fonds A vergoedt; die "
            "dekken wij uit de andere inkomsten in het dekkingsplan.") in text
    assert cli(["check", "--workspace", str(tmp_path)]).exit_code == 0


def test_a_funder_without_exclusions_pays_for_the_budget(cli, tmp_path):
    make_workspace(tmp_path)
    _build(cli, tmp_path)
    text = docx_text(tmp_path / "output" / LINDE)
    assert (f"Uw bijdrage is bestemd voor de kosten in de begroting hierboven, samen "
            f"{_euro(12000)}.") in text
    assert "De overige kosten" not in text


def test_the_example_names_what_each_contribution_pays_for(example_build, example):
    """Every line under 'bestemd voor' is a budget line of that application that its funder
    does not exclude; together at least the amount asked; the excluded lines are named."""
    budget = pd.read_csv(example / "facts" / "budget.csv")
    funding = pd.read_csv(example / "facts" / "funding.csv")
    checked = 0
    for path in sorted((example / "funders").glob("*.yaml")):
        profile = yaml.safe_load(path.read_text(encoding="utf-8"))
        excluded = {n.casefold() for n in profile.get("rules", {}).get("excluded_costs", [])}
        if not excluded or profile.get("language", "nl") != "nl":
            continue
        asked = funding[(funding.source == profile["id"]) & (funding.status == "requested")]
        for _i, request in asked.iterrows():
            lines = budget[(budget.year == request.year)
                           & (budget.location_id == request.location_id)]
            hit = lines.category.str.casefold().isin(excluded) | \
                lines.item.str.casefold().isin(excluded)
            fundable, out = lines[~hit], lines[hit]
            assert fundable.amount.sum() >= request.amount
            name = f"aanvraag-{request.year}-{request.location_id}.docx"
            text = docx_text(example_build / str(request.year) / profile["id"] / name)
            table = text.split("die " + profile.get("name_in_sentence", profile["name"])
                               + " vergoedt (samen ")[1].split("\nSamen | ")[0]
            shown = [row.split(" | ") for row in table.splitlines()[2:]]
            assert sorted((item, value) for item, value in shown if value) == sorted(
                (r.item, _euro(r.amount)) for r in fundable.itertuples())
            assert f"Samen | {_euro(fundable.amount.sum())}" in text
            for item in out.item:
                assert item in text.split("De overige kosten (")[1].split("):")[0]
            checked += 1
    assert checked


def test_fundable_lines_short_of_the_ask_fail_check(cli, tmp_path):
    # no exclusions: € 20.000 asked against a whole budget of € 12.000
    make_workspace(tmp_path / "a", tables=_funding(
        ["2019", "linde", "fonds-a", "20000", "requested"]))
    result = cli(["check", "--workspace", str(tmp_path / "a")])
    assert result.exit_code == 1, result.output
    assert (f"[{LINDE}] facts/funding.csv, row 2, column amount: {_euro(20000)} is asked of "
            f"Fonds A, more than the whole budget of {_euro(12000)} for De Linde in 2019") \
        in result.output
    # the build still writes the draft, for the board to see
    _build(cli, tmp_path / "a")
    # exclusions: Huur (€ 9.000) leaves € 3.000 that Fonds A may pay for, € 10.000 asked
    make_workspace(tmp_path / "b", funders={"fonds-a": {
        **FONDS, "rules": {"excluded_costs": ["Huur"]}}})
    result = cli(["check", "--workspace", str(tmp_path / "b")])
    assert result.exit_code == 1, result.output
    assert (f"{_euro(10000)} is asked of Fonds A, but it does not pay for Huur "
            f"({_euro(9000)}); the costs it may pay for come to {_euro(3000)}.") \
        in result.output
    # no budget at all for the location asked for
    make_workspace(tmp_path / "c", tables={"budget": TABLES["budget"][:1]
                                           + TABLES["budget"][3:]})
    result = cli(["check", "--workspace", str(tmp_path / "c")])
    assert result.exit_code == 1, result.output
    assert (f"[{LINDE}] facts/budget.csv: there is no budget for De Linde in 2019, so the "
            f"application cannot show what the {_euro(10000)} asked of Fonds A pays for.") \
        in result.output


# ---- pledges above the budget ---------------------------------------------------------------
def test_pledged_funding_above_the_budget_warns_naming_the_funders(cli, tmp_path):
    # De Linde: € 12.000 of costs; € 2.000 own contributions and € 11.000 from Fonds B
    make_workspace(tmp_path, tables=_funding(
        ["2019", "linde", "eigen bijdragen", "2000", "committed"],
        ["2019", "linde", "fonds-b", "11000", "committed"],
        ["2019", "eik", "gemeente", "6000", "requested"]),
        funders={"fonds-b": {"id": "fonds-b", "name": "Fonds B", "type": "private-fund"}})
    result = cli(["check", "--workspace", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (f"facts/funding.csv, row 2, column amount: the funding pledged for De Linde in 2019 "
            f"(committed and received: {_euro(13000)}) is {_euro(1000)} more than its budget "
            f"of {_euro(12000)}. Tell the funders who pledged it (eigen bijdragen "
            f"({_euro(2000)}), Fonds B ({_euro(11000)}))") in result.output
    assert "De Eik in 2019 (committed" not in result.output


# ---- a sluitende begroting -----------------------------------------------------------------
def test_the_advice_for_a_sluitende_begroting_counts_the_other_requests(cli, tmp_path):
    # De Eik: € 6.000 of costs, nothing committed; the municipality is asked € 4.000 and
    # Fonds A € 1.000: € 1.000 stays open even when both are granted
    gemeente = {**GEMEENTE, "rules": {"balanced_budget": True}}
    make_workspace(tmp_path / "a", funders={"gemeente": gemeente}, tables=_funding(
        ["2019", "eik", "gemeente", "4000", "requested"],
        ["2019", "eik", "fonds-a", "1000", "requested"]))
    result = cli(["check", "--workspace", str(tmp_path / "a")])
    assert result.exit_code == 1
    assert (f"leave {_euro(2000)} uncovered. Gemeente Amersfoort wants costs = all income, "
            f"this request included: ask {_euro(6000)} so that the budget closes with this "
            f"request, or {_euro(5000)} counting the other open requests ({_euro(1000)}: "
            f"Fonds A {_euro(1000)}); or complete the income") in result.output
    # € 5.000 and € 1.000: together exactly the costs, a sluitende begroting
    make_workspace(tmp_path / "b", funders={"gemeente": gemeente}, tables=_funding(
        ["2019", "eik", "gemeente", "5000", "requested"],
        ["2019", "eik", "fonds-a", "1000", "requested"]))
    result = cli(["check", "--workspace", str(tmp_path / "b")])
    assert "sluitend" not in result.output, result.output
    # the other requests more than what stays open: ask the gap, they count once granted
    make_workspace(tmp_path / "c", funders={"gemeente": gemeente}, tables=_funding(
        ["2019", "eik", "gemeente", "5000", "requested"],
        ["2019", "eik", "fonds-a", "4000", "requested"]))
    result = cli(["check", "--workspace", str(tmp_path / "c")])
    assert (f"ask {_euro(6000)} so that the budget closes with this request; the other open "
            f"requests ({_euro(4000)}: Fonds A {_euro(4000)}) are more than the {_euro(1000)} "
            "still open, but count as income only once they are granted") in result.output


# ---- the fund's name in a sentence ----------------------------------------------------------
def test_the_fund_is_named_as_its_profile_says(cli, example_build, example, tmp_path):
    org = yaml.safe_load((example / "facts" / "organisation.yaml").read_text(encoding="utf-8"))
    named = 0
    for path in sorted((example / "funders").glob("*.yaml")):
        profile = yaml.safe_load(path.read_text(encoding="utf-8"))
        if profile.get("type") != "private-fund" or profile.get("language", "nl") != "nl":
            continue
        for document in sorted((example_build / "2019" / profile["id"]).glob("aanvraag-*.docx")):
            text = docx_text(document)
            in_sentence = profile.get("name_in_sentence", profile["name"])
            assert f"Hierbij vraagt {org['name']} {in_sentence} om een bijdrage" in text
            assert f"Wij vragen {in_sentence} een bijdrage" in text
            named += 1
    assert named
    # without the key: the name as it is
    make_workspace(tmp_path)
    _build(cli, tmp_path)
    assert "Hierbij vraagt Stichting Buurthuis De Linde Fonds A om een bijdrage" in docx_text(
        tmp_path / "output" / LINDE)


# ---- the budget in English ------------------------------------------------------------------
def test_an_english_application_shows_the_budget_in_english(example_build, example):
    budget = pd.read_csv(example / "facts" / "budget.csv")
    funding = pd.read_csv(example / "facts" / "funding.csv")
    english = [yaml.safe_load(p.read_text(encoding="utf-8"))
               for p in sorted((example / "funders").glob("*.yaml"))]
    english = [p for p in english if p.get("language") == "en"]
    assert english
    for profile in english:
        asked = funding[(funding.source == profile["id"]) & (funding.status == "requested")]
        for _i, request in asked.iterrows():
            text = docx_text(example_build / str(request.year) / profile["id"]
                             / f"application-{request.year}-{request.location_id}.docx")
            lines = budget[(budget.year == request.year)
                           & (budget.location_id == request.location_id)]
            for line in lines.itertuples():
                assert f"\n{line.item_en} | {_euro(line.amount, 'en')}\n" in text
                assert f"\n{line.item} |" not in text
            for category in set(lines.category):
                assert f"\n{category} | \n" not in text, category
            sources = funding[(funding.year == request.year)
                              & (funding.location_id == request.location_id)
                              & funding.source_en.notna()]
            for source in sources.itertuples():
                assert f"\n{source.source_en[:1].upper() + source.source_en[1:]} |" in text


def test_an_english_document_without_english_budget_lines_warns(cli, tmp_path):
    make_workspace(tmp_path, funders={"fonds-a": {**FONDS, "language": "en"}})
    result = cli(["check", "--workspace", str(tmp_path)])
    assert ("warning: [2019/fonds-a/application-2019-linde.docx] facts/budget.csv: this "
            "document is in English, but these cost categories and lines have no English "
            "name: Huisvesting / Huur, Activiteiten / Materialen. Add a column item_en to "
            "facts/budget.csv") in result.output, result.output
    # written once, on a row of the line, it holds; the categories have built-in names
    rows = [row + [""] for row in TABLES["budget"]]
    rows[0][-1] = "item_en"
    rows[1][-1], rows[2][-1] = "Rent", "Materials"
    make_workspace(tmp_path, tables={"budget": rows},
                   funders={"fonds-a": {**FONDS, "language": "en"}})
    result = cli(["check", "--workspace", str(tmp_path)])
    assert "have no English name" not in result.output, result.output
    _build(cli, tmp_path)
    text = docx_text(tmp_path / "output/2019/fonds-a/application-2019-linde.docx")
    assert "Accommodation | \nRent | €9,000\n" in text
    assert "Activities | \nMaterials | €3,000\n" in text
