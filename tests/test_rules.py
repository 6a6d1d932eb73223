"""`grantgen check` holds every document against its funder's rules (funders/<id>.yaml).

Each kind of rule gets a purpose-built workspace (tests/helpers/factory.py) where it must fire, with
the exact message; the example's own documents raise no false finding.
"""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from grantgen.core.formatting import amount
from workspace_factory import FUNDERS, TABLES, make_workspace

FONDS = FUNDERS["fonds-a"]
GEMEENTE = FUNDERS["gemeente"]


def check(cli, root: Path, *extra: str):
    return cli(["check", "--workspace", str(root), *extra])


def lines_of(result) -> list[str]:
    return result.output.splitlines()


def fonds(**profile) -> dict:
    return {"funders": {"fonds-a": {**FONDS, **profile}}}


# ---- the example --------------------------------------------------------------------------
def test_example_has_no_false_findings(cli, example):
    """The example passes; what it reports is true of the example (see README.md): the
    private funds may refuse a coöperatie (a type default, so a warning), and its 2019
    applications were written after the funders' deadlines: they are dated 1 december 2018,
    the document date the example's settings give."""
    result = check(cli, example)
    assert result.exit_code == 0, result.output
    findings = [line for line in lines_of(result) if line.startswith("warning: ")]
    legal = [f for f in findings if "may refuse the application" in f]
    late = [f for f in findings if "deadline of" in f]
    assert sorted(f.split("]")[0] for f in legal) == [
        "warning: [2019/kansfonds/aanvraag-2019-de-klop.docx",
        "warning: [2019/oranje-fonds/aanvraag-2019-de-klop.docx",
        "warning: [2019/vsbfonds/aanvraag-2019-de-verbinding.docx",
        "warning: [2019/vsbfonds/aanvraag-2019-organisatie.docx"]
    # one per funder asked for 2019 with an application deadline: they had all passed
    funding = pd.read_csv(example / "facts" / "funding.csv")
    asked = set(funding[(funding.year == 2019) & (funding.status == "requested")]["source"])
    with_deadline = {p.stem for p in (example / "funders").glob("*.yaml")
                     if any(d.get("kind", "application") == "application"
                            for d in yaml.safe_load(p.read_text()).get("deadlines", []))}
    applications = [f for f in late if "after the deadline of" in f]
    assert len(applications) == len(asked & with_deadline)
    assert all("are dated 1 december 2018, " in f or "is dated 1 december 2018, " in f
               for f in applications)
    assert all("days before 1 december 2018" in f for f in set(late) - set(applications))
    # several funders asked at once for the same gap: one finding for 2019 that names each
    # location whose requests exceed its gap (computed here with plain pandas)
    over = [f for f in findings if "together are more than the gap" in f]
    budget = pd.read_csv(example / "facts" / "budget.csv")
    locations = pd.read_csv(example / "facts" / "locations.csv").set_index("location_id")
    year = funding[funding.year == 2019]
    for location_id, rows in year[year.location_id != "all"].groupby("location_id"):
        gap = (budget[(budget.year == 2019) & (budget.location_id == location_id)].amount.sum()
               - rows[rows.status.isin(["committed", "received"])].amount.sum())
        asked = rows[rows.status == "requested"].amount.sum()
        assert (f"{locations.loc[location_id, 'name']}: {amount(asked)} asked" in over[0]) == \
            (asked > gap), over
    assert len(over) == 1, over
    assert set(findings) == set(legal) | set(late) | set(over), "\n".join(
        set(findings) - set(legal) - set(late) - set(over))
    assert f"No errors ({len(findings)} warning(s))." in result.output


def test_example_is_checked_against_another_date(cli, example):
    """A KvK extract of November 2018 is too old for an application dated in 2026; --date
    (formerly --today, still understood) overrides the workspace's document date."""
    result = check(cli, example, "--today", "2026-07-14")
    assert result.exit_code == 0, result.output
    assert ("warning: [2019/vsbfonds/aanvraag-2019-de-verbinding.docx] "
            "attachments/kvk-uittreksel-2018-11-20.pdf: was issued on 20 november 2018, more "
            "than 12 months before 14 juli 2026; VSBfonds wants 'KvK-uittreksel, niet ouder "
            "dan een jaar' at most 12 months old.") in result.output
    # gemeente: 1 oktober 2018
    assert "are dated 14 juli 2026, 2843 days after the deadline of Gemeente Utrecht" in \
        result.output
    assert check(cli, example, "--date", "14-7-2026").output == result.output


# ---- one workspace per kind of rule ----------------------------------------------------------
CASES = {
    "min-amount": (
        fonds(rules={"min_amount": 20000}),
        "facts/funding.csv, row 3, column amount: € 10.000 is asked of Fonds A, less than the "
        "€ 20.000 it gives at least. Ask at least € 20.000, or ask a fund for smaller amounts. "
        "The rule is rules.min_amount in funders/fonds-a.yaml, line 5."),
    "max-amount": (
        fonds(rules={"max_amount": 7500}),
        "facts/funding.csv, row 3, column amount: € 10.000 is asked of Fonds A, more than the "
        "€ 7.500 it gives at most. Ask at most € 7.500 and find the other € 2.500 elsewhere."),
    "max-share": (
        fonds(rules={"max_share": 0.5}),
        "facts/funding.csv, row 3, column amount: € 10.000 is 83,3% of the budget of € 12.000 "
        "for De Linde; Fonds A carries at most 50% of a budget. Ask at most € 6.000"),
    "min-cofunding": (
        fonds(rules={"min_cofunding": 0.25}),
        "facts/funding.csv, row 3, column amount: Fonds A wants at least 25% of the budget to "
        "come from others; asking € 10.000 of € 12.000 leaves 16,7% to others. Ask at most "
        "€ 9.000"),
    "excluded-costs": (
        fonds(rules={"excluded_costs": ["Huur"]}),
        "facts/funding.csv, row 3, column amount: € 10.000 is asked of Fonds A, but it does not "
        "pay for Huur (€ 9.000); the costs it may pay for come to € 3.000. Ask at most € 3.000, "
        "and cover the excluded costs from other income."),
    "excluded-cost-unknown": (
        fonds(rules={"excluded_costs": ["Energie"]}),
        "warning: [2019/fonds-a/aanvraag-2019-linde.docx] funders/fonds-a.yaml, line 5: "
        "rules.excluded_costs: 'Energie' is neither a category nor an item in "
        "facts/budget.csv."),
    "balanced-budget": (
        {"funders": {"gemeente": {**GEMEENTE, "rules": {"balanced_budget": True}}},
         "tables": {"funding": TABLES["funding"][:3] + [["2019", "eik", "gemeente", "5000",
                                                         "requested"]]}},
        "[2019/gemeente/aanvraag-2019-eik.docx] facts/funding.csv, row 4, column amount: the "
        "budget for De Eik in 2019 is not sluitend: the costs of € 6.000 minus the committed "
        "income of € 0 and this request of € 5.000 leave € 1.000 uncovered."),
    "no-budget": (
        {"funders": {"gemeente": {**GEMEENTE, "rules": {"balanced_budget": True}}},
         "tables": {"budget": TABLES["budget"][:3]}},
        "[2019/gemeente/aanvraag-2019-eik.docx] facts/budget.csv: there is no budget for De Eik "
        "in 2019, so Gemeente Amersfoort's rules on the budget cannot be met."),
    "legal-form": (
        fonds(rules={"legal_forms": ["vereniging"]}),
        "[2019/fonds-a/aanvraag-2019-linde.docx] facts/organisation.yaml, line 2: Fonds A "
        "accepts applications from a vereniging only, and the applicant is a stichting."),
    "volunteers-too-few": (
        fonds(rules={"requires_volunteers": True, "min_volunteers": 10}),
        "facts/volunteers.csv, row 2, column volunteers: De Linde had 6 volunteers in 2017; "
        "Fonds A requires at least 10."),
    "volunteers-none": (
        {**fonds(rules={"requires_volunteers": True}),
         "tables": {"volunteers": [TABLES["volunteers"][0], TABLES["volunteers"][2]]}},
        "[2019/fonds-a/aanvraag-2019-linde.docx] facts/volunteers.csv: no volunteers are "
        "recorded for De Linde, and Fonds A requires volunteers."),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_finding(cli, tmp_path, name):
    setup, expected = CASES[name]
    make_workspace(tmp_path, **setup)
    result = check(cli, tmp_path, "--today", "2018-06-01")
    assert expected in result.output, result.output
    is_warning = expected.startswith("warning: ")
    assert result.exit_code == (0 if is_warning else 1), result.output


def test_rule_findings_never_stop_a_build(cli, tmp_path):
    """The board sees the draft with its findings in the review pack."""
    make_workspace(tmp_path, **fonds(rules={"max_amount": 7500, "legal_forms": ["vereniging"],
                                            "excluded_costs": ["Huur"]}))
    assert check(cli, tmp_path).exit_code == 1
    result = cli(["build", "--workspace", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output/2019/fonds-a/aanvraag-2019-linde.docx").is_file()


def test_rule_from_type_defaults_is_a_warning(cli, tmp_path):
    """Private funds usually take stichtingen and verenigingen only: our reading, so a
    warning until the profile states it."""
    make_workspace(tmp_path, organisation={"name": "Buurtcoöperatie", "legal_form": "cooperatie",
                                           "mission": "Samen.", "city": "Amersfoort"})
    result = check(cli, tmp_path)
    assert result.exit_code == 0, result.output
    assert ("warning: [2019/fonds-a/aanvraag-2019-linde.docx] facts/organisation.yaml, line 2: "
            "Fonds A may refuse the application: a private fund usually accepts applications "
            "from a stichting or vereniging only, and the applicant is a coöperatie. Ask Fonds A "
            "whether it accepts a coöperatie, and write the answer in funders/fonds-a.yaml as "
            "rules: legal_forms: [...].") in result.output
    assert check(cli, tmp_path, "--strict").exit_code == 1


def test_word_limit(cli, tmp_path):
    make_workspace(tmp_path, **fonds(sections={"summary": {
        "block": "samenvatting", "title": "Samenvatting", "max_words": 5}}))
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "samenvatting.md").write_text(
        "# Samenvatting\n\nDe Linde is een *open huis* voor iedereen in de wijk Schothorst.\n",
        encoding="utf-8")
    result = check(cli, tmp_path)
    assert result.exit_code == 1
    assert ("[2019/fonds-a/aanvraag-2019-linde.docx] funders/fonds-a.yaml: Fonds A allows at "
            "most 5 words in the section 'summary', but no Dutch version of the text block "
            "'samenvatting' fits: texts/samenvatting.md has 13 words.") in result.output


def test_contact_above_is_a_warning(cli, tmp_path):
    make_workspace(tmp_path, **fonds(rules={"contact_above": 6000}))
    result = check(cli, tmp_path)
    assert result.exit_code == 0
    assert ("warning: [2019/fonds-a/aanvraag-2019-linde.docx] facts/funding.csv, row 3, "
            "column amount: € 10.000 is asked of Fonds A, more than € 6.000: the fund wants to "
            "be contacted before an application like this.") in result.output


# ---- attachments ------------------------------------------------------------------------------
ATTACHMENTS = {"attachments": [
    {"id": "statuten", "name": "Statuten"},
    {"id": "kvk-uittreksel", "name": "KvK-uittreksel", "max_age_months": 12},
    {"id": "begroting", "name": "Begroting (deze aanvraag)", "in_document": True},
    {"id": "jaarrekening", "name": "Jaarrekening", "above": 25000},
    {"id": "projectplan", "name": "Projectplan"},
]}


def test_missing_attachments_are_listed(cli, tmp_path):
    make_workspace(tmp_path, **fonds(**ATTACHMENTS))
    result = check(cli, tmp_path, "--today", "2018-06-01")
    assert result.exit_code == 0, result.output
    for name, attachment_id, line in (("Statuten", "statuten", 5),
                                      ("KvK-uittreksel", "kvk-uittreksel", 7),
                                      ("Projectplan", "projectplan", 16)):
        assert (f"warning: [2019/fonds-a/aanvraag-2019-linde.docx] attachments/: the attachment "
                f"'{name}' that Fonds A wants is not there. Save it in attachments/ as "
                f"{attachment_id} followed by its type, e.g. attachments/{attachment_id}.pdf (in "
                f"attachments/fonds-a/ when it is for Fonds A only; see funders/fonds-a.yaml, "
                f"line {line}).") in result.output
    assert "'Begroting (deze aanvraag)'" not in result.output  # the document holds it
    assert "'Jaarrekening'" not in result.output  # only from € 25.000


def test_attachments_found_by_name_date_funder_and_location(cli, tmp_path):
    make_workspace(tmp_path, **fonds(**ATTACHMENTS))
    folder = tmp_path / "attachments"
    (folder / "fonds-a").mkdir(parents=True)
    (folder / "Statuten.pdf").write_bytes(b"%PDF")
    (folder / "KvK uittreksel 2017-01-10.pdf").write_bytes(b"%PDF")
    (folder / "fonds-a" / "kvk-uittreksel_20-05-2018.pdf").write_bytes(b"%PDF")
    (folder / "fonds-a" / "projectplan-eik.docx").write_bytes(b"PK")  # another location's
    result = check(cli, tmp_path, "--today", "2018-06-01")
    assert "'Statuten'" not in result.output
    assert "'KvK-uittreksel'" not in result.output  # the funder's own, of May 2018, counts
    assert "the attachment 'Projectplan' that Fonds A wants is not there" in result.output
    (folder / "fonds-a" / "projectplan-linde.docx").write_bytes(b"PK")
    result = check(cli, tmp_path, "--today", "2019-06-01")
    assert "'Projectplan'" not in result.output
    assert ("warning: [2019/fonds-a/aanvraag-2019-linde.docx] "
            "attachments/fonds-a/kvk-uittreksel_20-05-2018.pdf: was issued on 20 mei 2018, more "
            "than 12 months before 1 juni 2019; Fonds A wants 'KvK-uittreksel' at most 12 "
            "months old. Get a new one and save it with its date in the file name, e.g. "
            "kvk-uittreksel-2019-06-01.pdf.") in result.output


def test_attachment_without_a_date(cli, tmp_path):
    make_workspace(tmp_path, **fonds(**ATTACHMENTS))
    (tmp_path / "attachments").mkdir()
    (tmp_path / "attachments" / "kvk-uittreksel.pdf").write_bytes(b"%PDF")
    result = check(cli, tmp_path)
    assert ("attachments/kvk-uittreksel.pdf: Fonds A wants 'KvK-uittreksel' at most 12 months "
            "old, and its file name does not say when it was issued. Add the date it was issued "
            "to the file name, e.g. kvk-uittreksel-2018-11-20.pdf.") in result.output


def test_first_application_only(cli, tmp_path):
    profile = {"attachments": [{"id": "statuten", "name": "Statuten",
                                "first_application_only": True}]}
    make_workspace(tmp_path, **fonds(**profile))
    assert "'Statuten'" in check(cli, tmp_path).output
    funding = TABLES["funding"] + [["2018", "linde", "fonds-a", "4000", "received"]]
    make_workspace(tmp_path, tables={"funding": funding}, **fonds(**profile))
    assert "'Statuten'" not in check(cli, tmp_path).output


# ---- deadlines -------------------------------------------------------------------------------
DEADLINE = {"deadlines": [{"kind": "application", "label": "Ronde 1", "day": 1, "month": 10,
                           "year_offset": -1}]}


@pytest.mark.parametrize("today, expected", [
    ("2018-09-20", "warning: [2019/fonds-a/aanvraag-2019-linde.docx] funders/fonds-a.yaml, "
                   "line 5: 11 day(s) left: the application deadline of Fonds A for 2019 is "
                   "1 oktober 2018 (Ronde 1). Have the board review and approve it in time"),
    ("2018-10-03", "warning: [2019/fonds-a/aanvraag-2019-linde.docx] funders/fonds-a.yaml, "
                   "line 5: the application is dated 3 oktober 2018, 2 days after the deadline "
                   "of Fonds A for 2019: 1 oktober 2018 (Ronde 1). Ask Fonds A whether it "
                   "still accepts it, or plan it for the next round."),
    ("2018-09-01", None),
])
def test_deadline_findings(cli, tmp_path, today, expected):
    make_workspace(tmp_path, **fonds(**DEADLINE))
    result = check(cli, tmp_path, "--today", today)
    assert result.exit_code == 0
    if expected:
        assert expected in result.output
        assert check(cli, tmp_path, "--today", today, "--strict").exit_code == 1
    else:
        assert "deadline" not in result.output


def test_today_follows_source_date_epoch(cli, tmp_path):
    make_workspace(tmp_path, **fonds(**DEADLINE))
    result = cli(["check", "--workspace", str(tmp_path)],
                 env={"SOURCE_DATE_EPOCH": str(1538697600)})  # 5 October 2018
    assert "is dated 5 oktober 2018, 4 days after the deadline" in result.output


def test_no_deadline_findings_for_approved_documents(cli, tmp_path):
    make_workspace(tmp_path, **fonds(**DEADLINE))
    assert cli(["build", "--workspace", str(tmp_path)]).exit_code == 0
    assert cli(["approve", "2019/fonds-a/aanvraag-2019-linde.docx", "--by", "Els Bakker",
                "--workspace", str(tmp_path)]).exit_code == 0
    result = check(cli, tmp_path, "--today", "2018-10-03")
    assert "deadline" not in result.output
