"""The contexts the documents are made from, built directly with ContextBuilder for every
document the example's funding plan calls for (applications, accountability reports, annual
reports), and their figures held against the same figures computed here with plain pandas
from the CSV files in facts/, by the rules of FACTS.md:

- unique participants: distinct participant_id over the visits of a year at the locations;
  organisation-wide over all locations, never the sum of the locations;
- the budget total and its categories: the budget lines of the year and location (`all`:
  every line of the year);
- committed income: funding with status committed or received; a request is not income;
  the gap is the budget total minus the committed income.

Nothing here is a figure of the example typed in: every expected value is computed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pytest
import yaml
from conftest import ROOT

from grantgen.core.workspace import Workspace
from grantgen.figures.plan import plan
from grantgen.pipeline.build import prepare
from helpers.plan import expected_plan, funder_profiles

FACTS = ROOT / "facts"
ALL = "all"
COMMITTED = ["committed", "received"]
BANDS = ("<23", "18-60", "60+")


def _csv(name: str, **options) -> pd.DataFrame:
    return pd.read_csv(FACTS / f"{name}.csv", **options)


# ---- what the funding plan calls for, from plain pandas (for the parametrisation) ------------
PROFILES = funder_profiles(ROOT)
PLAN = expected_plan(ROOT)
APPLICATIONS, REPORTS, FINISHED = PLAN.applications, PLAN.reports, PLAN.annual_reports


def _id(key: tuple) -> str:
    return "-".join(str(part) for part in key)


# ---- the facts, read with plain pandas --------------------------------------------------------
@dataclass
class Plain:
    """The example's tables as pandas reads them, and the figures FACTS.md defines on them."""

    visits: pd.DataFrame
    profiles: pd.DataFrame
    volunteers: pd.DataFrame
    budget: pd.DataFrame
    actuals: pd.DataFrame
    funding: pd.DataFrame
    locations: pd.DataFrame
    threshold: int

    def active(self, year: int) -> list[str]:
        """The locations open on any day of `year`, in the order of locations.csv."""
        opened = self.locations["opened"].dt.year
        closed = self.locations["closed"].dt.year
        open_then = (opened <= year) & (closed.isna() | (closed >= year))
        return list(self.locations.loc[open_then, "location_id"])

    def last_year_before(self, year: int) -> int:
        """The last year before `year` the register has visits in."""
        return int(max(y for y in self.visits["date"].dt.year.unique() if y < year))

    def _visits(self, year: int, locations: list[str] | None) -> pd.DataFrame:
        rows = self.visits[self.visits["date"].dt.year == year]
        return rows if locations is None else rows[rows["location_id"].isin(locations)]

    def seen(self, year: int, locations: list[str] | None = None) -> set[str]:
        """The participant_ids of everyone who came to `locations` (None: anywhere) in
        `year`."""
        return set(self._visits(year, locations)["participant_id"])

    def reach(self, year: int, locations: list[str] | None = None) -> dict:
        """Unique participants, visits and new participants (who had never come to these
        locations before `year`) at `locations` (None: organisation-wide) in `year`."""
        now = self._visits(year, locations)
        before = self.visits[self.visits["date"].dt.year < year]
        if locations is not None:
            before = before[before["location_id"].isin(locations)]
        people = set(now["participant_id"])
        return {"unique_participants": len(people), "visits": len(now),
                "new_participants": len(people - set(before["participant_id"]))}

    def sum_of_locations(self, year: int) -> int:
        """What adding up the locations' unique participants gives (the wrong figure)."""
        return int(self._visits(year, None).groupby("location_id")["participant_id"]
                   .nunique().sum())

    def volunteers_of(self, year: int, location: str) -> dict:
        rows = self.volunteers[self.volunteers["year"] == year]
        own = rows[rows["location_id"] == location]
        if location == ALL and not len(own):
            own = rows[rows["location_id"] != ALL]
        return {"volunteers": int(own["volunteers"].sum()),
                "volunteer_hours": float(own["volunteer_hours"].sum())}

    @staticmethod
    def _of(frame: pd.DataFrame, year: int, locations: list[str] | None) -> pd.DataFrame:
        rows = frame[frame["year"] == year]
        return rows if locations is None else rows[rows["location_id"].isin(locations)]

    def budget_of(self, year: int, locations: list[str] | None) -> pd.DataFrame:
        return self._of(self.budget, year, locations)

    def actuals_of(self, year: int, locations: list[str] | None) -> pd.DataFrame:
        return self._of(self.actuals, year, locations)

    def funding_of(self, year: int, locations: list[str] | None) -> pd.DataFrame:
        return self._of(self.funding, year, locations)

    def shown(self, count: int) -> int | str:
        """A count as a document may show it: below the privacy threshold as '< 5'."""
        return f"< {self.threshold}" if 0 < count < self.threshold else count

    def age_bands(self, people: set[str]) -> dict:
        """How many of `people` are in each age band; who has none on record is unknown."""
        known = self.profiles[self.profiles["participant_id"].isin(people)]
        counts = {band: int((known["age_band"] == band).sum()) for band in BANDS}
        unknown = len(people) - sum(counts.values())
        if unknown:
            counts["?"] = unknown
        return {band: self.shown(count) for band, count in counts.items()}

    def tenants(self, people: set[str], corporation: str) -> int:
        known = self.profiles[self.profiles["participant_id"].isin(people)]
        return int((known["housing_corporation"] == corporation).sum())


@pytest.fixture(scope="module")
def plain() -> Plain:
    profiles = _csv("participant_profiles")
    assert profiles["participant_id"].is_unique  # one profile per person: counts are plain
    organisation = yaml.safe_load((FACTS / "organisation.yaml").read_text(encoding="utf-8"))
    threshold = (organisation.get("settings") or {}).get("privacy_threshold", 5)
    return Plain(visits=_csv("visits", parse_dates=["date"]), profiles=profiles,
                 volunteers=_csv("volunteers"), budget=_csv("budget"),
                 actuals=_csv("actuals"), funding=_csv("funding"),
                 locations=_csv("locations", parse_dates=["opened", "closed"]),
                 threshold=threshold)


@pytest.fixture(scope="module")
def prepared():
    return prepare(Workspace.open(ROOT))


@pytest.fixture(scope="module")
def specs(prepared):
    return plan(prepared.facts)


@pytest.fixture(scope="module")
def builder(prepared):
    """One ContextBuilder for the module, as one build has (its year-end parts are made
    once and reused)."""
    return prepared.contexts


def the_spec(specs, kind: str, year: int, funder_id: str | None = None,
             location_id: str | None = None):
    found = [s for s in specs if (s.kind, s.year, s.funder_id, s.location_id)
             == (kind, year, funder_id, location_id)]
    assert len(found) == 1, (kind, year, funder_id, location_id, found)
    return found[0]


def assert_reach(context_reach: dict, expected: dict, where: str) -> None:
    for key, value in expected.items():
        assert context_reach[key] == value, f"{where}: {key}"


def age_bands_of(rows: list[dict]) -> dict:
    return {row["band"]: row["count"] for row in rows}


def category_totals(lines: pd.DataFrame) -> dict[str, float]:
    return {c: float(v) for c, v in lines.groupby("category")["amount"].sum().items()}


# ---- the plan -------------------------------------------------------------------------------
def test_the_plan_is_what_the_funding_table_calls_for(specs):
    """FACTS.md: an application per requested grant of a funder with a profile, a report per
    funder with committed or received funding in a finished year, an annual report per
    finished year, and nothing else."""
    assert sorted((s.year, s.funder_id, s.location_id) for s in specs
                  if s.kind == "application") == APPLICATIONS
    assert sorted((s.year, s.funder_id) for s in specs if s.kind == "report") == REPORTS
    assert sorted(s.year for s in specs if s.kind == "annual-report") == FINISHED
    # beside each application to a funder with an online form: its form and budget workbook
    for kind in ("form", "budget-workbook"):
        assert sorted((s.year, s.funder_id, s.location_id) for s in specs
                      if s.kind == kind) == PLAN.forms
    assert PLAN.forms
    assert {s.kind for s in specs} == {"application", "report", "annual-report", "form",
                                       "budget-workbook"}
    funding = _csv("funding")
    for spec in specs:
        if spec.kind == "report":
            granted = funding[(funding["year"] == spec.year)
                              & (funding["source"] == spec.funder_id)
                              & funding["status"].isin(COMMITTED)]
            assert spec.amount == granted["amount"].sum(), spec
    # what the tests below rely on the example to have
    locations = {loc for _y, _f, loc in APPLICATIONS}
    assert ALL in locations and locations - {ALL}, "organisation-wide and location requests"
    assert {PROFILES[f]["type"] for _y, f, _l in APPLICATIONS} == {
        "municipality", "housing-corporation", "private-fund", "health-insurer"}
    assert {PROFILES[f]["type"] for _y, f in REPORTS} >= {"municipality",
                                                          "housing-corporation"}


# ---- applications ---------------------------------------------------------------------------
@pytest.mark.parametrize("key", APPLICATIONS, ids=_id)
def test_application_context_states_the_figures_of_the_facts(key, plain, specs, builder):
    year, funder_id, location_id = key
    spec = the_spec(specs, "application", year, funder_id, location_id)
    context = builder.build(spec)
    whole = location_id == ALL
    place = None if whole else [location_id]
    scope = plain.active(year) if whole else [location_id]

    # reach: of the last year with figures before the application's year
    last = plain.last_year_before(year)
    assert context["reach"]["year"] == last
    assert_reach(context["reach"], plain.reach(last, place), "reach")
    assert_reach(context["reach"], plain.volunteers_of(last, location_id), "volunteers")
    assert_reach(context["reach_org"], plain.reach(last), "reach_org")
    assert context["reach_org"]["unique_participants"] == len(plain.seen(last))

    # the budget of that year and location (`all`: every line of the year)
    lines = plain.budget_of(year, place)
    assert len(lines)
    budget = context["budget"]
    assert budget["total"] == lines["amount"].sum()
    # the categories in the order of the budget, each as the facts name it; in an English
    # document its lines by their item_en where the facts give one
    dutch = list(dict.fromkeys(lines["category"]))
    assert len(budget["categories"]) == len(dutch)
    if spec.language != "en":
        assert [c["name"] for c in budget["categories"]] == dutch
    english = "item_en" in lines.columns and spec.language == "en"
    for name, category in zip(dutch, budget["categories"], strict=True):
        assert category["subtotal"] == category_totals(lines)[name]
        own = lines[lines["category"] == name]
        items = own["item_en"].where(own["item_en"].notna(), own["item"]) if english \
            else own["item"]
        expected = own["amount"].groupby(items).sum()
        assert sorted((line["item"], line["amount"]) for line in category["lines"]) == sorted(
            (item, float(amount)) for item, amount in expected.items()), name

    # the dekkingsplan: committed or received income counts, a request does not
    rows = plain.funding_of(year, place)
    committed = rows.loc[rows["status"].isin(COMMITTED), "amount"].sum()
    requested = rows.loc[rows["status"] == "requested", "amount"].sum()
    funding = context["funding"]
    assert funding["budget"] == lines["amount"].sum()
    assert funding["committed"] == committed
    assert funding["requested"] == requested
    assert funding["gap"] == lines["amount"].sum() - committed
    assert funding["open_after_requests"] == lines["amount"].sum() - committed - requested
    by_source = rows.groupby(["source", "status"])["amount"].sum()
    assert {(s["source"], s["status"]): s["amount"] for s in funding["sources"]} == {
        key: float(amount) for key, amount in by_source.items()}

    # the ask: the amount of this request's own row, against the budget and the gap
    asked = rows[(rows["source"] == funder_id) & (rows["status"] == "requested")
                 & (rows["location_id"] == location_id)]["amount"]
    assert len(asked) == 1
    amount = float(asked.iloc[0])
    gap = lines["amount"].sum() - committed
    ask = context["ask"]
    assert ask["amount"] == amount
    assert ask["share"] == pytest.approx(amount / lines["amount"].sum())
    assert ask["gap"] == gap
    assert ask["balance"] == lines["amount"].sum() - committed - amount
    assert ask["share_of_gap"] == (pytest.approx(amount / gap) if gap > 0 else None)

    # who they are: age bands and, for a housing corporation, its own tenants
    people = plain.seen(last, scope)
    assert age_bands_of(context["age_bands"]) == plain.age_bands(people)
    if PROFILES[funder_id]["type"] == "housing-corporation":
        tenants = plain.tenants(people, funder_id)
        assert tenants > 0
        assert context["tenants"]["known"] is True
        assert context["tenants"]["count"] == plain.shown(tenants)
        assert context["tenants"]["share"] == pytest.approx(tenants / len(people))
    else:
        assert context["tenants"]["known"] is False


# ---- accountability reports -------------------------------------------------------------------
@pytest.mark.parametrize("key", REPORTS, ids=_id)
def test_report_context_states_the_figures_of_the_facts(key, plain, specs, builder):
    year, funder_id = key
    context = builder.build(the_spec(specs, "report", year, funder_id))
    funder_type = PROFILES[funder_id]["type"]

    # what the funder granted, and where
    granted = plain.funding_of(year, None)
    granted = granted[(granted["source"] == funder_id) & granted["status"].isin(COMMITTED)]
    assert context["grant"]["amount"] == granted["amount"].sum()
    assert context["funding"]["granted"] == granted["amount"].sum()
    assert sorted((r["location_id"], r["amount"]) for r in context["grant"]["rows"]) == sorted(
        (r.location_id, float(r.amount)) for r in granted.itertuples())
    places = list(dict.fromkeys(granted["location_id"]))
    scope = plain.active(year) if ALL in places else places
    assert sorted(loc["id"] for loc in context["locations"]) == sorted(scope)

    # reach over the funded locations: each person once, however many of them they visited
    together = plain.reach(year, scope)
    for key_ in ("unique_participants", "visits"):
        assert context["reach"][key_] == together[key_], key_
    assert context["promised"]["realised"] == together["unique_participants"]
    assert_reach(context["reach_org"], plain.reach(year), "reach_org")
    for row in context["reach_table"]["rows"]:
        assert_reach(row, plain.reach(year, [row["location_id"]]), row["location_id"])
    if len(scope) > 1:
        total = context["reach_table"]["total"]
        assert total["unique_participants"] == together["unique_participants"]

    # budget against actuals of the funded locations
    planned, spent = plain.budget_of(year, scope), plain.actuals_of(year, scope)
    assert context["budget"]["total"] == planned["amount"].sum()
    assert context["budget"]["actual"] == spent["amount"].sum()
    assert {c["name"]: c["budget"] for c in context["costs"]["categories"]} == \
        category_totals(planned)
    assert {c["name"]: c["actual"] for c in context["costs"]["categories"]} == \
        category_totals(spent)
    assert context["grant"]["share_of_costs"] == pytest.approx(
        granted["amount"].sum() / spent["amount"].sum())

    # income of the funded locations
    income = plain.funding_of(year, scope)
    realised = income.loc[income["status"].isin(COMMITTED), "amount"].sum()
    assert context["income"]["realised"] == realised
    assert context["income"]["received"] == income.loc[income["status"] == "received",
                                                       "amount"].sum()
    assert context["income"]["committed"] == income.loc[income["status"] == "committed",
                                                        "amount"].sum()
    assert context["income"]["not_granted"] == income.loc[
        income["status"].isin(["requested", "rejected"]), "amount"].sum()
    assert context["income"]["result"] == pytest.approx(realised - spent["amount"].sum())

    # who they were: age bands for a municipality, tenants for a housing corporation
    people = plain.seen(year, scope)
    if funder_type == "municipality":
        assert age_bands_of(context["age_bands"]) == plain.age_bands(people)
    else:
        assert context["age_bands"] == []
    if funder_type == "housing-corporation":
        tenants = plain.tenants(people, funder_id)
        assert context["tenants"]["count"] == plain.shown(tenants)
        assert context["tenants"]["share"] == pytest.approx(tenants / len(people))
    else:
        assert context["tenants"]["known"] is False


# ---- annual reports -------------------------------------------------------------------------
@pytest.mark.parametrize("year", FINISHED)
def test_annual_report_context_states_the_figures_of_the_facts(year, plain, specs, builder):
    context = builder.build(the_spec(specs, "annual-report", year))
    active = plain.active(year)
    assert [loc["id"] for loc in context["locations"]] == active

    # the organisation's reach: everyone once, over all locations
    organisation = plain.reach(year)
    assert_reach(context["reach"], organisation, "reach")
    assert_reach(context["reach"], plain.volunteers_of(year, ALL), "volunteers")
    numbers = {row["key"]: row for row in context["numbers"]["rows"]}
    assert numbers["unique_participants"]["value"] == organisation["unique_participants"]
    assert numbers["visits"]["value"] == organisation["visits"]
    if plain.seen(year - 1):
        before = plain.reach(year - 1)
        assert numbers["unique_participants"]["previous"] == before["unique_participants"]
        assert numbers["unique_participants"]["change"] == (
            organisation["unique_participants"] - before["unique_participants"])
    else:
        assert context["numbers"]["previous_year"] is None
    if len(active) > 1:
        assert context["reach_table"]["total"]["unique_participants"] == \
            organisation["unique_participants"]

    # each location's chapter and row: its own reach and costs
    for row in context["reach_table"]["rows"]:
        assert_reach(row, plain.reach(year, [row["location_id"]]), row["location_id"])
    for chapter in context["locations"]:
        here = [chapter["id"]]
        assert_reach(chapter["figures"], plain.reach(year, here), chapter["id"])
        assert chapter["costs"]["budget"] == plain.budget_of(year, here)["amount"].sum()
        assert chapter["costs"]["actual"] == plain.actuals_of(year, here)["amount"].sum()

    # budget against actuals: the open locations and the organisation's own lines
    scope = active + [ALL]
    planned, spent = plain.budget_of(year, scope), plain.actuals_of(year, scope)
    assert context["budget"]["total"] == planned["amount"].sum()
    assert context["budget"]["actual"] == spent["amount"].sum()
    assert {c["name"]: c["budget"] for c in context["costs"]["categories"]} == \
        category_totals(planned)
    assert {c["name"]: c["actual"] for c in context["costs"]["categories"]} == \
        category_totals(spent)

    income = plain.funding_of(year, scope)
    realised = income.loc[income["status"].isin(COMMITTED), "amount"].sum()
    assert context["income"]["realised"] == realised
    assert context["income"]["not_granted"] == income.loc[
        income["status"].isin(["requested", "rejected"]), "amount"].sum()
    assert context["income"]["result"] == pytest.approx(realised - spent["amount"].sum())


# ---- organisation-wide reach is a count of people, not a sum ----------------------------------
def test_organisation_wide_reach_counts_each_person_once(plain, specs, builder):
    """FACTS.md: organisation-wide, distinct participant_id over all locations; never the
    sum of the locations (people visit more than one). The example has such people, so a
    sum would show here."""
    checked, told = 0, False
    for spec in specs:
        if spec.kind == "annual-report" or (spec.kind == "application"
                                            and spec.location_id == ALL):
            context = builder.build(spec)
            year = spec.year if spec.kind == "annual-report" else plain.last_year_before(
                spec.year)
            unique = len(plain.seen(year))
            assert context["reach"]["unique_participants"] == unique, spec.path
            assert context["reach_org"]["unique_participants"] == unique, spec.path
            told = told or plain.sum_of_locations(year) > unique
            checked += 1
    assert checked >= 2
    assert told, "nobody visited two locations in a year checked: a sum would pass too"
