"""The rules between tables of ../shared/FACTS.md: keys, references, open periods, agreement."""

from __future__ import annotations

import difflib
import re
from typing import cast

import pandas as pd

from grantgen.core.errors import Problems
from grantgen.core.i18n import _
from grantgen.core.ids import SLUG_PATTERN
from grantgen.facts import tables as t
from grantgen.facts.convert import MAX_CELL_PROBLEMS
from grantgen.facts.dataset import Facts
from grantgen.facts.register import visit_counts


def _rows(facts: Facts, table: str, mask: pd.Series, column: str, problems: Problems,
          message: str, hint: str | None = None, severity: str = "error") -> None:
    """One problem per row in `mask`; `message` may use {value} and any column as {name}."""
    frame = facts[table]
    indexes = mask[mask.fillna(False).astype(bool)].index
    for index in indexes[:MAX_CELL_PROBLEMS]:
        row = frame.loc[index]
        values = {k: ("" if v is None or (isinstance(v, float) and pd.isna(v)) else v)
                  for k, v in row.items()}
        values["value"] = values.get(column, "")
        problems.add(facts.files[table], message.format(**values), row=int(index) + 2,
                     column=column, hint=hint.format(**values) if hint else None,
                     severity=severity)
    if len(indexes) > MAX_CELL_PROBLEMS:
        problems.suppressed(facts.files[table], column, len(indexes) - MAX_CELL_PROBLEMS)


def validate(facts: Facts, problems: Problems) -> None:
    """Add every cross-table problem of `facts` to `problems`."""
    _unique_keys(facts, problems)
    _references(facts, problems)
    _open_periods(facts, problems)
    _participants_source(facts, problems)
    _visits_agree_with_participants(facts, problems)
    _funding_plan(facts, problems)


def _unique_keys(facts: Facts, problems: Problems) -> None:
    for name, table in t.TABLES.items():
        frame = facts[name]
        if not table.key or not len(frame):
            continue
        key = list(table.key)
        duplicated = frame.duplicated(subset=key, keep="first") & frame[key].notna().all(axis=1)
        if not duplicated.any():
            continue
        first_rows: dict[tuple, int] = {}
        for index, values in frame[key].iterrows():
            first_rows.setdefault(tuple(values), int(cast(int, index)) + 2)
        for index in duplicated[duplicated].index[:MAX_CELL_PROBLEMS]:
            found = tuple(frame.loc[index, key])
            shown = ", ".join(f"{k} {v}" for k, v in zip(key, found, strict=True))
            problems.add(facts.files[name],
                         _("duplicate: {shown} is already in row {first}.").format(
                             shown=shown, first=first_rows[found]),
                         row=int(index) + 2, column=key[-1],
                         hint=_("Remove one of the two rows, or merge them."))


def _suggest(value: str, known: list[str]) -> str:
    near = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return _("Did you mean '{near}'?").format(near=near[0]) if near else _(
        "Known: {known}.").format(known=", ".join(known[:12]) + (" ..." if len(known) > 12 else ""))


def _unknown(facts: Facts, table: str, column: str, known: set[str], problems: Problems,
             what: str, allow_all: bool = False) -> None:
    frame = facts[table]
    if column not in frame or not len(frame):
        return
    values = frame[column]
    allowed = set(known) | ({t.ALL} if allow_all else set())
    bad = values.notna() & ~values.isin(allowed)
    if not bad.any():
        return
    listing = sorted(known)
    indexes = bad[bad].index
    for index in indexes[:MAX_CELL_PROBLEMS]:
        value = values[index]
        problems.add(facts.files[table], _("unknown {what} '{value}'.").format(
            what=what, value=value), row=int(index) + 2, column=column,
            hint=_suggest(str(value), listing))
    if len(indexes) > MAX_CELL_PROBLEMS:
        problems.suppressed(facts.files[table], column, len(indexes) - MAX_CELL_PROBLEMS)


def _references(facts: Facts, problems: Problems) -> None:
    locations = set(facts.locations["location_id"].dropna())
    for name, table in t.TABLES.items():
        if name != "locations" and table.column("location_id") is not None:
            # 'all' in the register has a message of its own, below
            _unknown(facts, name, "location_id", locations, problems, _("location"),
                     allow_all=table.allows_all or name == "visits")
        if name == "visits":
            # a location_id 'all' in the register cannot be a place someone visited
            _rows(facts, name, facts[name]["location_id"] == t.ALL, "location_id", problems,
                  _("a visit is always to one location, not 'all'."),
                  _("Use the location's own id."))
    # activities: a visit's activity must exist at its location or organisation-wide
    activities = facts["activities"]
    visits = facts["visits"]
    if len(visits) and visits["activity_id"].notna().any():
        pairs = set(zip(activities["location_id"], activities["activity_id"], strict=True))
        known_ids = sorted(set(activities["activity_id"].dropna()))
        has = visits["activity_id"].notna()
        done = visits.loc[has, ["location_id", "activity_id"]]
        everywhere = done["activity_id"].isin({act for loc, act in pairs if loc == t.ALL})
        here = pd.MultiIndex.from_frame(done).isin(list(pairs))
        pair_ok = pd.Series(everywhere.to_numpy() | here, index=done.index, dtype=bool)
        bad = pair_ok[~pair_ok].index
        for index in bad[:MAX_CELL_PROBLEMS]:
            act = visits.at[index, "activity_id"]
            problems.add(facts.files["visits"], _(
                "unknown activity '{activity}' at location '{location}'.").format(
                activity=act, location=visits.at[index, "location_id"]),
                row=int(index) + 2, column="activity_id",
                hint=_("Add it to {file} for this location.").format(
                    file=facts.files["activities"]) + " " + _suggest(str(act), known_ids))
        if len(bad) > MAX_CELL_PROBLEMS:
            problems.suppressed(facts.files["visits"], "activity_id", len(bad) - MAX_CELL_PROBLEMS)
    # indicators
    if facts.has("outcomes") and "indicators" not in facts.present:
        problems.add(facts.files["indicators"], _("is missing, but outcomes refer to indicators."),
                     hint=_("Add indicators with: indicator_id, label, unit."))
    else:
        _unknown(facts, "outcomes", "indicator_id",
                 set(facts["indicators"]["indicator_id"].dropna()), problems, _("indicator"))
    # housing corporations in the participant profiles are funder profiles
    corporations = {f.id for f in facts.funders.values() if f.type == "housing-corporation"}
    _unknown(facts, "participant_profiles", "housing_corporation", corporations, problems,
             _("housing corporation (a funder_id of type housing-corporation)"))
    # participant profiles of people never seen in the register
    if facts.has("visits") and facts.has("participant_profiles"):
        seen = set(visits["participant_id"].dropna().unique())
        profiles = facts["participant_profiles"]
        _rows(facts, "participant_profiles", ~profiles["participant_id"].isin(seen),
              "participant_id", problems,
              _("this participant has no visits in the register."),
              _("Check the pseudonym against facts/visits."), severity="warning")


def _open_periods(facts: Facts, problems: Problems) -> None:
    locations = facts.locations.drop_duplicates("location_id").set_index("location_id")
    opened = locations["opened"]
    closed = locations["closed"]
    bad_order = closed.notna() & opened.notna() & (closed < opened)
    for location_id in bad_order[bad_order].index:
        index = facts.locations.index[facts.locations["location_id"] == location_id][0]
        problems.add(facts.files["locations"], _("closed before it opened."),
                     row=int(index) + 2, column="closed",
                     hint=_("Check the dates 'opened' and 'closed'."))
    # until the dates are put right, the period of such a location is unknown: nothing is
    # reported as outside it
    opened = opened.where(~bad_order)
    closed = closed.where(~bad_order)
    visits = facts["visits"]
    if len(visits):
        start = visits["location_id"].map(opened)
        end = visits["location_id"].map(closed)
        before = visits["date"].notna() & start.notna() & (visits["date"] < start)
        after = visits["date"].notna() & end.notna() & (visits["date"] > end)
        _rows(facts, "visits", before, "date", problems,
              _("this visit on {date:%Y-%m-%d} is before {location_id} opened."),
              _("Check the date, or the date the location opened in locations."))
        _rows(facts, "visits", after, "date", problems,
              _("this visit on {date:%Y-%m-%d} is after {location_id} closed."),
              _("Check the date, or the date the location closed in locations."))
    first_year = opened.dt.year
    last_year = closed.dt.year
    for name in ("participants", "volunteers", "budget", "actuals", "outcomes"):
        frame = facts[name]
        if not len(frame):
            continue
        first = frame["location_id"].map(first_year)
        last = frame["location_id"].map(last_year)
        outside = frame["year"].notna() & first.notna() & (
            (frame["year"] < first) | (last.notna() & (frame["year"] > last)))
        _rows(facts, name, outside, "year", problems,
              _("{location_id} was not open in {year}."),
              _("Check the year, or the dates of the location."), severity="warning")


def _participants_source(facts: Facts, problems: Problems) -> None:
    if "visits" not in facts.present and "participants" not in facts.present:
        problems.add(facts.files["participants"], _("is missing, and there is no visits "
                                                    "register either."),
                     hint=_("Add facts/visits.csv (one row per visit) or facts/participants.csv "
                            "(yearly counts per location)."))


def _visits_agree_with_participants(facts: Facts, problems: Problems) -> None:
    """Where both the register and the yearly counts cover a year, they must agree."""
    if not (facts.has("visits") and facts.has("participants")):
        return
    counted = visit_counts(facts["visits"])  # index (year, location_id)
    register_years = set(counted.index.get_level_values("year"))
    participants = facts["participants"]
    for index, row in participants.iterrows():
        year = row["year"]
        if pd.isna(year) or int(year) not in register_years:
            continue
        key = (int(year), row["location_id"])
        unique = int(counted["unique_participants"].get(key, 0))
        visits = int(counted["visits"].get(key, 0))
        where = _("{location} in {year}").format(location=row["location_id"], year=int(year))
        if pd.notna(row["unique_participants"]) and int(row["unique_participants"]) != unique:
            problems.add(facts.files["participants"], _(
                "{where}: {given} unique participants here, but {counted} different "
                "participant_ids in {visits_file}.").format(
                where=where, given=int(row["unique_participants"]), counted=unique,
                visits_file=facts.files["visits"]),
                row=int(cast(int, index)) + 2, column="unique_participants",
                hint=_("Correct one of the two files, or remove this row and let grantgen "
                       "count from the register."))
        if pd.notna(row.get("visits")) and int(row["visits"]) != visits:
            problems.add(facts.files["participants"], _(
                "{where}: {given} visits here, but {counted} rows in {visits_file}.").format(
                where=where, given=int(row["visits"]), counted=visits,
                visits_file=facts.files["visits"]),
                row=int(cast(int, index)) + 2, column="visits",
                hint=_("Correct one of the two files, or leave the visits cell empty."))


def _funding_plan(facts: Facts, problems: Problems) -> None:
    funding = facts["funding"]
    if not len(funding):
        return
    funder_ids = sorted(facts.funders)
    # a profile that did not load is reported already; its funding rows are not "other income"
    unknown_ok = set(funder_ids) | facts.failed_funders
    requested = funding[(funding["status"] == "requested") & funding["source"].isin(funder_ids)]
    twice = requested.duplicated(subset=["year", "location_id", "source"], keep="first")
    _rows(facts, "funding", twice, "source", problems,
          _("a second request to {source} for {location_id} in {year}; one application per "
            "funder, year and location."),
          _("Add the amounts up in one row."))
    others = funding["source"][~funding["source"].isin(unknown_ok)].dropna()
    typos = {source: _typo_of(source, funder_ids) for source in others.unique()}
    for index in others.index:
        _unknown_source(facts, index, typos[others[index]], problems)


def _typo_of(source: str, funder_ids: list[str]) -> str | None:
    """The funder id `source` is a slip of: the id in other capitals, spaces or underscores
    (`Oranje Fonds`, `oranje_fonds`), or a slug a letter or two off (`oranje-fodns`). Ids
    that differ only in a number or a single letter (`fonds-a`, `fonds-b`; `fonds-2018`,
    `fonds-2019`) are different funders, not slips."""
    written = re.sub(r"[\s_]+", "-", source.strip().lower())
    if written in funder_ids:
        return written
    if not re.fullmatch(SLUG_PATTERN, source):
        return None  # a label of other income, written as a name
    for near in difflib.get_close_matches(source, funder_ids, n=3, cutoff=0.8):
        if _words(source) != _words(near):
            return near
    return None


def _words(funder_id: str) -> list[str]:
    """The words of an id that are not a number or a single letter."""
    return [w for w in funder_id.split("-") if len(w) > 1 and not w.isdigit()]


def _unknown_source(facts: Facts, index, near: str | None, problems: Problems) -> None:
    """A funding source without a profile: an error when it is a slip of a funder id (a
    document would silently not be made, or the money be counted as other income), a
    warning when a request names no profile at all, and else a label of other income, as
    FACTS.md allows. `near`: the funder id the source is a slip of."""
    funding = facts["funding"]
    source, status = str(funding.at[index, "source"]), funding.at[index, "status"]
    file, where = facts.files["funding"], {"row": int(index) + 2, "column": "source"}
    slug = re.fullmatch(SLUG_PATTERN, source) is not None
    if near is None:
        if status == "requested" and slug:
            problems.warn(file, _(
                "'{source}' has no profile in funders/, so no application is written for "
                "it.").format(source=source), **where,
                hint=_("Add funders/{source}.yaml to generate the application.").format(
                    source=source))
        return
    message = (_("'{source}' is no funder profile, so no application would be written for "
                 "this request.") if status == "requested" else
               _("'{source}' is no funder profile, so this would count as other income, not "
                 "as money from {near}.")).format(source=source, near=near)
    if slug:
        label = " ".join(w.capitalize() for w in source.split("-") if w)
        hint = _("Did you mean '{near}'? If it is another funder, add funders/{source}.yaml; "
                 "if it is income without a profile, write it as a name, such as "
                 "'{label}'.").format(near=near, source=source, label=label)
    else:
        hint = _("It is the funder '{near}' written as a name: write its id, '{near}'.").format(
            near=near)
    problems.add(file, message, **where, hint=hint)
