"""The figures of a generated workspace (tests/helpers/shapes.py) counted in plain Python from
the rows it wrote, by the rules of ../shared/FACTS.md, apart from grantgen.figures; and the
Dutch and English ways the documents write them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from helpers.shapes import Workspace

COMMITTED = ("committed", "received")


# ---- how the documents write figures ---------------------------------------------------
def number(n: int | float | Decimal | None, language: str = "nl") -> str:
    """1087 -> '1.087' (English '1,087'); unknown -> '–'."""
    if n is None:
        return "–"
    text = f"{Decimal(n).quantize(Decimal(1), ROUND_HALF_UP):,}"
    return text.replace(",", ".") if language == "nl" else text


def amount(n: Decimal | int, language: str = "nl") -> str:
    """'€ 12.700' or '€ 1.234,50' (English '€12,700', '€1,234.50')."""
    value = Decimal(n).quantize(Decimal("0.01"), ROUND_HALF_UP)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    if language == "nl":
        return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")
    return "€" + text


def percent(part: int, whole: int, language: str = "nl") -> str:
    """35 of 99 -> '35,4%' (one decimal, none when it is 0)."""
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    text = str(share).removesuffix(".0")
    return (text.replace(".", ",") if language == "nl" else text) + "%"


@dataclass(frozen=True)
class Whole:
    """An organisation-wide count of participants: `summed` when it is the sum of the
    locations (no register and no `all` row), which may count people twice."""

    count: int | None
    summed: bool = False


class Counts:
    """The figures FACTS.md gives for the rows of one generated workspace."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        tables = ws.tables
        self.register = "visits" in tables
        self.people: dict[tuple[int, str], set[str]] = {}
        self.visit_rows: dict[tuple[int, str], int] = {}
        for v in tables.get("visits", []):
            key = (int(v["date"][:4]), v["location_id"])
            self.people.setdefault(key, set()).add(v["participant_id"])
            self.visit_rows[key] = self.visit_rows.get(key, 0) + 1
        self.register_years = {y for y, _loc in self.people}
        self.participants = {(int(r["year"]), r["location_id"]): r
                             for r in tables.get("participants", [])}
        self.volunteer_rows = {(int(r["year"]), r["location_id"]): r
                               for r in tables.get("volunteers", [])}
        self.profiles = {r["participant_id"]: r for r in tables.get("participant_profiles", [])}

    # ---- reach -------------------------------------------------------------------------
    def unique(self, year: int, location_id: str) -> int | None:
        """Unique participants of one location in one year; 0 for a location open all
        year without a visit in a year the register covers."""
        if self.register:
            if year not in self.register_years or location_id not in self.ws.active(year):
                return None
            return len(self.people.get((year, location_id), set()))
        row = self.participants.get((year, location_id))
        return int(row["unique_participants"]) if row else None

    def visits(self, year: int, location_id: str) -> int | None:
        if self.register:
            if year not in self.register_years or location_id not in self.ws.active(year):
                return None
            return self.visit_rows.get((year, location_id), 0)
        row = self.participants.get((year, location_id))
        return int(row["visits"]) if row and row.get("visits") else None

    def seen(self, year: int, location_ids: list[str]) -> set[str]:
        return set().union(*(self.people.get((year, loc), set()) for loc in location_ids))

    def organisation(self, year: int) -> Whole:
        """Everyone, each person once: the register's pseudonyms, else the `all` row, else
        the sum of the locations (marked)."""
        if self.register:
            return Whole(len(self.seen(year, self.ws.active(year)))
                         if year in self.register_years else None)
        if (year, "all") in self.participants:
            return Whole(int(self.participants[(year, "all")]["unique_participants"]))
        counts = [int(r["unique_participants"]) for (y, loc), r in self.participants.items()
                  if y == year]
        return Whole(sum(counts) if counts else None, summed=len(counts) > 1)

    def organisation_visits(self, year: int) -> int | None:
        if self.register:
            return sum(n for (y, _loc), n in self.visit_rows.items() if y == year) or None
        row = self.participants.get((year, "all"))
        if row:
            return int(row["visits"])
        counts = [int(r["visits"]) for (y, _loc), r in self.participants.items() if y == year]
        return sum(counts) if counts else None

    def together(self, year: int, location_ids: list[str]) -> Whole:
        """Several locations together: every location open that year is the organisation;
        otherwise each person once with a register, else the sum (marked)."""
        if set(location_ids) == set(self.ws.active(year)):
            return self.organisation(year)
        if len(location_ids) == 1:
            return Whole(self.unique(year, location_ids[0]))
        if self.register:
            return Whole(len(self.seen(year, location_ids)))
        counts = [self.unique(year, loc) for loc in location_ids]
        known = [c for c in counts if c is not None]
        return Whole(sum(known) if known else None, summed=len(known) > 1)

    def tenants(self, year: int, location_ids: list[str], corporation: str) -> tuple[int, int]:
        """(tenants of `corporation`, everyone) among those who came to these locations."""
        seen = self.seen(year, location_ids)
        rent = sum(1 for p in seen
                   if self.profiles.get(p, {}).get("housing_corporation") == corporation)
        return rent, len(seen)

    # ---- volunteers --------------------------------------------------------------------
    def volunteers(self, year: int, location_id: str, column: str = "volunteers") -> int | None:
        """A location's volunteers (or hours); organisation-wide the `all` row, else the sum."""
        row = self.volunteer_rows.get((year, location_id))
        if row:
            return int(row[column])
        if location_id == "all":
            values = [int(r[column]) for (y, loc), r in self.volunteer_rows.items()
                      if y == year and loc != "all"]
            return sum(values) if values else None
        return None

    # ---- money -------------------------------------------------------------------------
    def money(self, table: str, year: int, location_ids: list[str] | None) -> Decimal:
        """The total of `table` (budget or actuals) in `year` for these locations (None: every
        row of the year, the organisation's own lines too)."""
        return sum((Decimal(r["amount"]) for r in self.ws.tables.get(table, [])
                    if int(r["year"]) == year
                    and (location_ids is None or r["location_id"] in location_ids)), Decimal(0))

    def funding(self, year: int, location_ids: list[str] | None, statuses: tuple[str, ...],
                source: str | None = None) -> Decimal:
        return sum((Decimal(r["amount"]) for r in self.ws.tables["funding"]
                    if int(r["year"]) == year and r["status"] in statuses
                    and (location_ids is None or r["location_id"] in location_ids)
                    and (source is None or r["source"] == source)), Decimal(0))

    # ---- the plan ----------------------------------------------------------------------
    def finished_years(self) -> list[int]:
        return sorted({int(r["year"]) for r in self.ws.tables.get("actuals", [])})

    def plan(self) -> list[tuple]:
        """(kind, year, funder_id, location_id) of every document FACTS.md's plan calls for."""
        funding = [r for r in self.ws.tables["funding"] if r["source"] in self.ws.funders]
        finished = self.finished_years()
        documents = {("application", int(r["year"]), r["source"], r["location_id"])
                     for r in funding if r["status"] == "requested"}
        documents |= {("report", int(r["year"]), r["source"], None) for r in funding
                      if r["status"] in COMMITTED and int(r["year"]) in finished}
        documents |= {("annual-report", year, None, None) for year in finished}
        return sorted(documents, key=str)
