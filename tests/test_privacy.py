"""Privacy: no pseudonym and no story without consent in any document, and small groups in
breakdowns shown as `< 5` (the threshold set per workspace).

Every build of the whole suite is scanned by the `cli` fixture (tests/helpers/privacy.py); the
tests here show the scan finds what it looks for, and what the example's documents hold.
"""

import pandas as pd
from conftest import ROOT

from helpers.docs import docx_text
from helpers.privacy import Secrets, file_text, scan_output
from workspace_factory import ORGANISATION, TABLES, W_NS, make_template, make_workspace


def test_the_scan_finds_a_pseudonym_split_over_runs_and_a_story_without_consent(tmp_path):
    make_workspace(tmp_path, tables={"stories": [
        ["story_id", "location_id", "year", "quote", "consent", "title"],
        ["s-1", "linde", "2017", "Ik kom hier graag.", "yes", "Graag"],
        ["s-2", "linde", "2017", "Mijn buurman weet niet dat ik hier kom.", "no",
         "Niet voor de folder"]]})
    secrets = Secrets.of(tmp_path)
    assert "q-a1" in secrets.pseudonyms
    assert "Mijn buurman weet niet dat ik hier kom." in secrets.stories
    assert "Ik kom hier graag." not in secrets.stories
    out = tmp_path / "out"
    make_template(out / "leaky.docx", ["Mijn buurman weet niet", "dat ik hier kom."], raw=[
        f'<w:p {W_NS}><w:r><w:t>Bezoeker q-</w:t></w:r><w:r><w:t>a1 kwam vaak.</w:t></w:r>'
        '</w:p>'], footer="Niet voor de folder")
    files, leaks = scan_output(tmp_path, out)
    assert files == 1
    # the quote spread over two paragraphs is still found
    assert leaks == ["leaky.docx: q-a1", "leaky.docx: Mijn buurman weet niet dat ik hier kom.",
                     "leaky.docx: Niet voor de folder"]
    assert "Bezoeker q-a1 kwam vaak." in file_text(out / "leaky.docx")


def test_example_documents_hold_no_pseudonym_and_no_story_without_consent(example_build):
    secrets = Secrets.of(ROOT)
    visits = pd.read_csv(ROOT / "facts" / "visits.csv")
    assert secrets.pseudonyms >= set(visits["participant_id"])
    stories = pd.read_csv(ROOT / "facts" / "stories.csv")
    refused = stories[stories["consent"] == "no"]
    assert len(refused) and set(refused["quote"]) <= secrets.stories
    files, leaks = scan_output(ROOT, example_build)
    assert files >= 9  # the documents and the manifest
    assert leaks == []


# ---- small groups ---------------------------------------------------------------------------
#: 12 people at De Linde in 2018: where they live, their age band and landlord
PEOPLE = [(f"p-{i:02d}", band, landlord, hood) for i, (hood, band, landlord) in enumerate(
    [("Schothorst", "60+", "mitros")] * 6 + [("Schothorst", "60+", "")]
    + [("Liendert", "18-60", "")] * 3 + [("", "<23", "")] + [("", "", "")])]
#: and two more, from a neighbourhood of one (it sorts before Liendert's three only by name)
PEOPLE += [("p-12", "<23", "", "Hoogland"), ("p-13", "", "", "")]


def small_groups_workspace(root, threshold=None):
    visits = [list(TABLES["visits"][0])] + [
        ["2018-02-01", "linde", pid, "koffie"] for pid, *_ in PEOPLE]
    profiles = [["participant_id", "age_band", "housing_corporation", "neighbourhood"]] + [
        list(p) for p in PEOPLE]
    funding = [list(r) for r in TABLES["funding"]] + [
        ["2019", "linde", "gemeente", "4000", "requested"],
        ["2019", "linde", "mitros", "3000", "requested"]]
    organisation = dict(ORGANISATION)
    if threshold is not None:
        organisation["settings"] = {"privacy_threshold": threshold}
    make_workspace(root, tables={"visits": visits, "participant_profiles": profiles,
                                 "funding": funding},
                   funders={"mitros": {"id": "mitros", "name": "Mitros",
                                       "type": "housing-corporation"}},
                   organisation=organisation)
    return root


def expected_counts(root):
    """Age bands, neighbourhoods and Mitros tenants of De Linde in 2018, in plain pandas."""
    visits = pd.read_csv(root / "facts" / "visits.csv", parse_dates=["date"])
    seen = visits[(visits["date"].dt.year == 2018) & (visits["location_id"] == "linde")]
    profiles = pd.read_csv(root / "facts" / "participant_profiles.csv")
    people = profiles[profiles["participant_id"].isin(seen["participant_id"])]
    return (people["age_band"].fillna("?").value_counts().to_dict(),
            people["neighbourhood"].fillna("?").value_counts().to_dict(),
            int((people["housing_corporation"] == "mitros").sum()))


def test_small_groups_are_shown_as_less_than_five(cli, tmp_path):
    root = small_groups_workspace(tmp_path)
    ages, hoods, tenants = expected_counts(root)
    assert ages == {"60+": 7, "18-60": 3, "<23": 2, "?": 2}
    assert hoods == {"Schothorst": 7, "Liendert": 3, "Hoogland": 1, "?": 3}
    assert tenants == 6
    assert cli(["build", "--workspace", str(root)]).exit_code == 0

    municipality = docx_text(root / "output/2019/gemeente/aanvraag-2019-linde.docx")
    assert "60 jaar en ouder | 7\n" in municipality
    assert "18 tot 60 jaar | < 5\n" in municipality
    assert "jonger dan 23 jaar | < 5\n" in municipality
    assert "onbekend | < 5\n" in municipality
    assert "18 tot 60 jaar | 3" not in municipality
    assert "staan als ‘< 5’, zodat niemand herkenbaar is." in municipality

    corporation = docx_text(root / "output/2019/mitros/aanvraag-2019-linde.docx")
    assert "Schothorst | 7\nHoogland | < 5\nLiendert | < 5\nonbekend | < 5\n" in corporation
    assert "huren er 6 een woning van Mitros (42,9%)." in corporation


def test_the_threshold_is_set_per_workspace(cli, tmp_path):
    root = small_groups_workspace(tmp_path, threshold=10)
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    corporation = docx_text(root / "output/2019/mitros/aanvraag-2019-linde.docx")
    assert "Hoogland | < 10\nLiendert | < 10\nSchothorst | < 10\nonbekend | < 10\n" in corporation
    # a suppressed count gets no share either, which would give the number away
    assert "huren er < 10 een woning van Mitros." in corporation
    assert "%" not in corporation.split("huren er", 1)[1].split("\n", 1)[0]
    assert "staan als ‘< 10’" in corporation


def test_a_threshold_below_one_is_refused(cli, tmp_path):
    root = small_groups_workspace(tmp_path, threshold=0)
    result = cli(["check", "--workspace", str(root)])
    assert result.exit_code == 1
    assert "facts/organisation.yaml, line" in result.output
    assert "settings.privacy_threshold: 0 is not valid" in result.output
