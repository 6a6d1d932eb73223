"""Figure correctness: the figures the documents state and the figures grantgen counts,
each against the same figure computed here with plain pandas from the facts' CSV files
(FACTS.md: unique participants, visits, reach, budget totals, committed income and the gap,
age bands, tenants).

The contexts the documents are made from are checked against plain pandas in
tests/test_contexts.py.
"""

import re

import pandas as pd
import pytest
from conftest import ROOT

from helpers.docs import docx_text
from helpers.dutch import dutch_amount, dutch_number, dutch_percent
from workspace_factory import make_year_end_workspace

FACTS = ROOT / "facts"
COMMITTED = ["committed", "received"]


def names() -> dict[str, str]:
    locations = pd.read_csv(FACTS / "locations.csv")
    return dict(zip(locations["location_id"], locations["name"], strict=True))


# ---- figures counted by code, against plain pandas ---------------------------------------
@pytest.fixture(scope="module")
def example_figures():
    from grantgen.core.workspace import Workspace
    from grantgen.pipeline.build import prepare

    return prepare(Workspace.open(ROOT)).figures


def test_register_counts_what_plain_pandas_counts(example_figures):
    facts = example_figures.facts
    visits, profiles = facts["visits"], facts["participant_profiles"]
    register = example_figures.register
    locations = list(facts.locations["location_id"])
    scopes = [[loc] for loc in locations] + [locations, locations[:2], locations[1:3]]
    for year in sorted(visits["date"].dt.year.unique()):
        for scope in scopes:
            mine = visits[(visits["date"].dt.year == year) & visits["location_id"].isin(scope)]
            seen = set(mine["participant_id"])
            people = register.people(year, scope)
            assert len(people) == len(seen)
            assert register.visits(year, scope) == len(mine)
            known = profiles[profiles["participant_id"].isin(seen)]
            for column in ("age_band", "housing_corporation", "neighbourhood"):
                expected = {k: int(v) for k, v in known[column].dropna().value_counts().items()}
                assert register.counts(people, column) == expected, (year, scope, column)
            if len(scope) > 1:
                earlier = visits[(visits["date"].dt.year < year)
                                 & visits["location_id"].isin(scope)]
                reach = example_figures.reach_over(int(year), scope)
                assert reach.unique_participants == len(seen)
                assert reach.visits == len(mine)
                assert reach.new_participants == len(seen - set(earlier["participant_id"]))


def test_visit_counts_are_what_plain_pandas_counts(example_figures):
    from grantgen.facts.register import visit_counts

    visits = example_figures.facts["visits"]
    counted = visit_counts(visits)
    year = visits["date"].dt.year
    plain = visits.groupby([year, "location_id"])["participant_id"].agg(["nunique", "size"])
    for (y, location_id), row in plain.iterrows():
        assert counted.loc[(y, location_id), "unique_participants"] == row["nunique"]
        assert counted.loc[(y, location_id), "visits"] == row["size"]
    for y, people in visits.groupby(year)["participant_id"]:
        assert counted.loc[(y, "all"), "unique_participants"] == people.nunique()
    first = visits.groupby("participant_id")["date"].min().dt.year.value_counts()
    for y, count in first.items():
        assert counted.loc[(y, "all"), "new_participants"] == count


# ---- an application states them ----------------------------------------------------------
def test_de_klop_municipal_application_states_the_figures(example_build):
    text = docx_text(example_build / "2019/gemeente-utrecht/aanvraag-2019-de-klop.docx")
    assert "€ 40.000" in text
    # organisation-wide unique participants of 2018, computed with plain pandas
    visits = pd.read_csv(ROOT / "facts" / "visits.csv", parse_dates=["date"])
    unique_2018 = visits[visits["date"].dt.year == 2018]["participant_id"].nunique()
    assert unique_2018 > 1000
    assert f"{dutch_number(unique_2018)} unieke deelnemers" in text
    per_location = visits[(visits["date"].dt.year == 2018)
                          & (visits["location_id"] == "de-klop")]["participant_id"].nunique()
    assert f"In 2018 bezochten {per_location} verschillende deelnemers De Klop" in text
    # the gap after committed funding
    budget = pd.read_csv(ROOT / "facts" / "budget.csv")
    funding = pd.read_csv(ROOT / "facts" / "funding.csv")
    cost = budget[(budget.year == 2019) & (budget.location_id == "de-klop")]["amount"].sum()
    committed = funding[(funding.year == 2019) & (funding.location_id == "de-klop")
                        & funding.status.isin(["committed", "received"])]["amount"].sum()
    assert cost - committed == 40000
    assert "Tekort na toezeggingen |  | € 40.000" in text


# ---- the year-end documents state them ---------------------------------------------------
def test_annual_report_reach_equals_plain_pandas(example_build):
    text = docx_text(example_build / "2018/jaarverslag-2018.docx")
    visits = pd.read_csv(FACTS / "visits.csv", parse_dates=["date"])
    in_2018 = visits[visits["date"].dt.year == 2018]
    unique = in_2018["participant_id"].nunique()
    assert unique > 1000
    assert f"Unieke deelnemers | {dutch_number(unique)}" in text  # cover
    assert f"Organisatie (uniek) | {dutch_number(unique)} |" in text
    per_location = in_2018.groupby("location_id")["participant_id"].nunique()
    location_visits = in_2018.groupby("location_id").size()
    for location_id, count in per_location.items():
        name = names()[location_id]
        assert re.search(rf"^{re.escape(name)} \| {dutch_number(count)} \| [^|]+ \| "
                         rf"{dutch_number(location_visits[location_id])} \|", text, re.M), name
    # the year before, for the change
    in_2017 = visits[visits["date"].dt.year == 2017]
    assert (f"Unieke deelnemers | {dutch_number(in_2017['participant_id'].nunique())} | "
            f"{dutch_number(unique)} |") in text


def test_annual_report_budget_against_actuals_equals_plain_pandas(example_build):
    text = docx_text(example_build / "2018/jaarverslag-2018.docx")
    budget = pd.read_csv(FACTS / "budget.csv")
    actuals = pd.read_csv(FACTS / "actuals.csv")
    planned = budget[budget["year"] == 2018].groupby("category")["amount"].sum()
    spent = actuals[actuals["year"] == 2018].groupby("category")["amount"].sum()
    for category in planned.index:
        b, a = planned[category], spent[category]
        row = (f"{category} | {dutch_amount(b)} | {dutch_amount(a)} | {dutch_amount(a - b)} | "
               f"{dutch_percent((a - b) / b)}")
        assert row in text, row
    b, a = planned.sum(), spent.sum()
    assert (f"Totale kosten | {dutch_amount(b)} | {dutch_amount(a)} | {dutch_amount(a - b)} | "
            f"{dutch_percent((a - b) / b)}") in text


def test_report_budget_lines_equal_plain_pandas(example_build):
    """The housing corporation's report: every budget line of the locations it funded."""
    funding = pd.read_csv(FACTS / "funding.csv")
    funded = funding[(funding["year"] == 2018) & (funding["source"] == "mitros")
                     & funding["status"].isin(COMMITTED)]
    text = docx_text(example_build / "2018/mitros/verantwoording-2018.docx")
    assert f"Totaal toegekend |  | {dutch_amount(funded['amount'].sum())}" in text
    budget = pd.read_csv(FACTS / "budget.csv")
    actuals = pd.read_csv(FACTS / "actuals.csv")
    keys = ["year", "location_id", "category", "item"]
    lines = budget.merge(actuals, on=keys, suffixes=("_budget", "_actual"))
    lines = lines[(lines["year"] == 2018) & lines["location_id"].isin(funded["location_id"])]
    assert len(lines) > 20
    for _i, line in lines.iterrows():
        b, a = line["amount_budget"], line["amount_actual"]
        mark = " | *" if abs(a - b) > 0.10 * b else " | "
        row = (f"{line['item']} | {dutch_amount(b)} | {dutch_amount(a)} | {dutch_amount(a - b)} "
               f"| {dutch_percent((a - b) / b)}{mark}")
        assert row in text, row
    for location_id, group in lines.groupby("location_id"):
        b, a = group["amount_budget"].sum(), group["amount_actual"].sum()
        assert (f"Totaal {names()[location_id]} | {dutch_amount(b)} | {dutch_amount(a)} | "
                f"{dutch_amount(a - b)} | {dutch_percent((a - b) / b)}") in text


def test_municipal_report_shows_age_bands_and_the_reporting_tier(example_build):
    text = docx_text(example_build / "2018/gemeente-utrecht/verantwoording-2018.docx")
    visits = pd.read_csv(FACTS / "visits.csv", parse_dates=["date"])
    profiles = pd.read_csv(FACTS / "participant_profiles.csv")
    seen = visits[visits["date"].dt.year == 2018]["participant_id"].unique()
    bands = profiles[profiles["participant_id"].isin(seen)]["age_band"].value_counts()
    assert f"60 jaar en ouder | {dutch_number(bands['60+'])}" in text
    assert f"jonger dan 23 jaar | {dutch_number(bands['<23'])}" in text
    # above € 100.000 the municipality wants an accountant's report, listed as an attachment
    assert "Accountantsprotocol, controleverklaring (vanaf € 100.000)" in text
    assert "Met deze verantwoording sturen wij mee:\nControleverklaring van de accountant" in text


def test_housing_corporation_report_counts_its_own_tenants(example_build):
    text = docx_text(example_build / "2018/mitros/verantwoording-2018.docx")
    funding = pd.read_csv(FACTS / "funding.csv")
    places = funding[(funding["year"] == 2018) & (funding["source"] == "mitros")
                     & funding["status"].isin(COMMITTED)]["location_id"]
    visits = pd.read_csv(FACTS / "visits.csv", parse_dates=["date"])
    seen = visits[(visits["date"].dt.year == 2018) & visits["location_id"].isin(places)]
    profiles = pd.read_csv(FACTS / "participant_profiles.csv")
    tenants = profiles[profiles["participant_id"].isin(seen["participant_id"])
                       & (profiles["housing_corporation"] == "mitros")]
    unique = seen["participant_id"].nunique()
    assert (f"Van de {dutch_number(unique)} unieke deelnemers in 2018 huren er "
            f"{dutch_number(len(tenants))} een woning van Mitros") in text


# ---- without a register ------------------------------------------------------------------
def test_year_end_without_a_register_uses_the_yearly_counts(cli, tmp_path):
    """Participants given as yearly counts: the sum, marked as possibly counting twice."""
    tables = {"visits": None, "participants": [
        ["year", "location_id", "unique_participants", "visits"],
        ["2018", "linde", "40", "300"], ["2018", "eik", "25", "120"],
        ["2019", "linde", "45", "310"]]}
    make_year_end_workspace(tmp_path, tables=tables)
    result = cli(["build", "--workspace", str(tmp_path), "--year", "2018"])
    assert result.exit_code == 0, result.output
    text = docx_text(tmp_path / "output/2018/jaarverslag-2018.docx")
    # a sum of the locations, never called unique (#12)
    assert "Organisatie (opgeteld) | 65 |" in text and "Organisatie (uniek)" not in text
    assert "wie meer locaties bezoekt kan dubbel geteld zijn" in text
