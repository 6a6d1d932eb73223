"""`grantgen deadlines`: every upcoming deadline across funders, and a calendar file."""

import datetime as dt

import pytest
import yaml
from conftest import ROOT

from grantgen.figures.deadlines import on
from grantgen.profiles.funders import Deadline
from workspace_factory import FUNDERS, make_workspace


def example_deadlines() -> list[tuple[str, dict]]:
    found = []
    for path in sorted((ROOT / "funders").glob("*.yaml")):
        profile = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [(profile["name"], d) for d in profile.get("deadlines", [])]
    return found


def test_upcoming_deadlines_sorted_with_days_left(cli, example):
    result = cli(["deadlines", "--workspace", str(example), "--today", "2019-02-15"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Deadlines from 15 februari 2019:"
    rows = lines[3:]
    # Mitros wants a short report on its 2018 grants by 1 March: 14 days left
    assert rows[0].split()[:6] == ["1", "maart", "2019", "14", "Mitros", "report"]
    assert "De Klop, TOP, De Verbinding" in rows[0]
    days = [int(r.split()[3]) for r in rows]
    assert days == sorted(days) and days[0] >= 0
    # the next application round of every funder with an application deadline
    for name in ("Gemeente Utrecht", "Kansfonds", "Oranje Fonds", "VSBfonds", "Portaal Utrecht",
                 "Zilveren Kruis"):
        assert any(name in r and "application" in r and " 2020 " in r for r in rows), name


def test_calendar_holds_every_deadline_of_the_profiles(cli, example, tmp_path):
    from icalendar import Calendar

    ics = tmp_path / "deadlines.ics"
    result = cli(["deadlines", "--workspace", str(example), "--today", "2018-12-01",
                  "--ics", str(ics)])
    assert result.exit_code == 0, result.output
    assert f"deadline(s) written to {ics}" in result.output
    calendar = Calendar.from_ical(ics.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len({str(e["uid"]) for e in events}) == len(events)
    profiles = example_deadlines()
    assert len(profiles) >= 10
    for funder, deadline in profiles:
        label = deadline.get("label")
        matching = [e for e in events if str(e["summary"]).endswith(
            f"{funder} (subsidiejaar {e['dtstart'].dt.year - deadline.get('year_offset', 0)})")
            and str(e["description"]).startswith(label)]
        assert matching, (funder, label)
        for event in matching:
            day = event["dtstart"].dt
            assert (day.day, day.month) == (deadline["day"], deadline["month"])
            assert day >= dt.date(2018, 12, 1)
            alarm = event.walk("VALARM")[0]
            assert alarm["trigger"].dt == dt.timedelta(days=-14)


def test_no_deadlines(cli, tmp_path):
    make_workspace(tmp_path)
    result = cli(["deadlines", "--workspace", str(tmp_path)])
    assert result.exit_code == 0
    assert "No upcoming deadlines" in result.output


def test_one_off_deadline(cli, tmp_path):
    make_workspace(tmp_path, funders={"fonds-a": {**FUNDERS["fonds-a"], "deadlines": [
        {"kind": "application", "label": "Eenmalige ronde", "date": "2018-12-20"}]}})
    result = cli(["deadlines", "--workspace", str(tmp_path), "--today", "2018-12-01"])
    assert "20 december 2018         19  Fonds A  application" in result.output
    assert "De Linde" in result.output
    result = cli(["deadlines", "--workspace", str(tmp_path), "--today", "2018-12-21"])
    assert "No upcoming deadlines" in result.output


@pytest.mark.parametrize("year, expected", [(2020, dt.date(2019, 2, 28)),
                                            (2021, dt.date(2020, 2, 29))])
def test_29_february(year, expected):
    deadline = Deadline(kind="application", day=29, month=2, year_offset=-1)
    assert on(deadline, year) == expected


def test_bad_today_is_a_usage_error(cli, example):
    result = cli(["deadlines", "--workspace", str(example), "--today", "31-02-2019"])
    assert result.exit_code == 2
