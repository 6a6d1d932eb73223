"""`grantgen init`: a starter workspace that is whole (#13): a text for every block the
templates use, each with its header, and funder profiles whose attachments match what the
documents themselves contain; a first build and check of it miss no text."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from grantgen.profiles.funders import STANDARD_SECTIONS
from helpers.docs import docx_text
from workspace_factory import TABLES, YEAR_END_TABLES, write_csv

ROOT = Path(__file__).resolve().parent.parent


def template_blocks() -> set[str]:
    """Every text block the built-in templates show: `texts.<block>` (or `texts['<block>']`)
    and the block of each standard section `sections.<name>` they show."""
    blocks: set[str] = set()
    for template in sorted((ROOT / "templates").glob("*.docx")):
        text = docx_text(template)
        blocks |= set(re.findall(r"texts\.([a-z0-9_]+)", text))
        blocks |= set(re.findall(r"texts\['([a-z0-9_-]+)'\]", text))
        blocks |= {STANDARD_SECTIONS[name]["block"]
                   for name in re.findall(r"sections\.([a-z_]+)", text)
                   if name in STANDARD_SECTIONS}
    return blocks


def test_every_text_block_the_templates_use_has_a_skeleton_with_a_header(cli, tmp_path):
    root = tmp_path / "nieuw"
    assert cli(["init", str(root)]).exit_code == 0
    blocks = template_blocks()
    assert {"samenvatting", "voorwoord", "terugblik"} <= blocks  # applications and year-end
    assert blocks <= {p.stem for p in (root / "texts").glob("*.md")}
    for block in blocks:
        source = (root / "texts" / f"{block}.md").read_text(encoding="utf-8")
        header, body = re.fullmatch(r"---\n(.*?)\n---\n(.*)", source, re.S).groups()
        fields = yaml.safe_load(header)
        assert fields["title"] and fields["language"] == "nl", block
        assert set(fields) == {"title", "owner", "reviewed", "language"}, block
        assert body.startswith("[Nog te schrijven: "), block


def _fill_in(root: Path) -> None:
    """What a coordinator types into a new workspace: the organisation, a location with two
    years of figures, a finished year (2018) and a request of 2019 to each starter funder."""
    path = root / "facts" / "organisation.yaml"
    organisation = yaml.safe_load(path.read_text(encoding="utf-8"))
    organisation.update(
        name="Stichting Buurthuis De Linde", legal_form="stichting",
        mission="Een open huis voor iedereen in de wijk.", address="Lindelaan 1",
        postcode="3811 AB", city="Amersfoort",
        board=[{"name": "Els Bakker", "role": "voorzitter"}],
        contact={"name": "Els Bakker", "role": "voorzitter", "email": "els@delinde.example"})
    path.write_text(yaml.safe_dump(organisation, allow_unicode=True), encoding="utf-8")
    tables = {**YEAR_END_TABLES, "activities": TABLES["activities"]}
    tables["funding"] = [
        ["year", "location_id", "source", "amount", "status"],
        ["2018", "linde", "fonds", "6000", "received"],
        ["2018", "eik", "eigen bijdragen", "900", "received"],
        ["2019", "linde", "eigen bijdragen", "1000", "committed"],
        ["2019", "linde", "gemeente", "11000", "requested"],       # a sluitende begroting
        ["2019", "linde", "fonds", "6000", "requested"],
        ["2019", "linde", "woningcorporatie", "2000", "requested"],
        ["2019", "linde", "zorgverzekeraar", "1500", "requested"]]
    for name, rows in tables.items():
        write_csv(root / "facts" / f"{name}.csv", rows)


def test_a_starter_workspace_builds_and_checks_without_missing_texts(cli, tmp_path):
    root = tmp_path / "buurthuis"
    assert cli(["init", str(root)]).exit_code == 0
    _fill_in(root)
    build = cli(["build", "--workspace", str(root)])
    assert build.exit_code == 0, build.output
    written = {p.relative_to(root / "output").as_posix()
               for p in (root / "output").rglob("*.docx")}
    assert {"2019/gemeente/aanvraag-2019-linde.docx", "2019/fonds/aanvraag-2019-linde.docx",
            "2019/woningcorporatie/aanvraag-2019-linde.docx",
            "2019/zorgverzekeraar/aanvraag-2019-linde.docx",
            "2018/fonds/verantwoording-2018.docx", "2018/jaarverslag-2018.docx"} <= written
    check = cli(["check", "--workspace", str(root)])
    assert check.exit_code == 0, check.output
    for output in (build.output, check.output):
        assert "is missing" not in output
        assert "has no Dutch version" not in output
    # every text still to write is named, once, by check
    unwritten = re.findall(r"warning: (texts/[a-z_]+\.md): holds only the writing hint",
                           check.output)
    assert len(unwritten) == len(set(unwritten))
    assert {f"texts/{block}.md" for block in ("samenvatting", "voorwoord", "terugblik")} \
        <= set(unwritten)


def test_the_starter_profiles_ask_no_file_for_what_the_document_holds(cli, tmp_path):
    """An attachment the application itself is (its budget, its activity plan) is marked
    in_document, so check never asks for a file of it; what the documents do not hold
    stays a file to add."""
    root = tmp_path / "buurthuis"
    assert cli(["init", str(root)]).exit_code == 0
    _fill_in(root)
    check = cli(["check", "--workspace", str(root)])
    assert check.exit_code == 0, check.output
    asked = set(re.findall(r"the attachment '([^']+)' that [^.]+ wants is not there",
                           check.output))
    for path in sorted((root / "funders").glob("*.yaml")):
        for attachment in yaml.safe_load(path.read_text(encoding="utf-8")).get(
                "attachments") or []:
            itself = "deze aanvraag" in attachment["name"]
            assert bool(attachment.get("in_document")) == itself, (path.name, attachment)
            if itself:
                assert attachment["name"] not in asked
    assert "Meest recente jaarrekening" in asked  # a file the documents do not hold
    # what in_document says is there: the activity plan and the budget in the application
    assert cli(["build", "--workspace", str(root)]).exit_code == 0
    text = docx_text(root / "output" / "2019" / "gemeente" / "aanvraag-2019-linde.docx")
    assert "Activiteitenplan" in text and "Begroting 2019" in text and "Dekkingsplan" in text


def test_init_example_copies_the_attachments(cli, tmp_path):
    root = tmp_path / "voorbeeld"
    assert cli(["init", "--example", str(root)]).exit_code == 0
    files = sorted(p.relative_to(ROOT / "attachments").as_posix()
                   for p in (ROOT / "attachments").rglob("*") if p.is_file())
    assert files
    assert sorted(p.relative_to(root / "attachments").as_posix()
                  for p in (root / "attachments").rglob("*") if p.is_file()) == files
    for name in files:
        assert (root / "attachments" / name).read_bytes() == \
            (ROOT / "attachments" / name).read_bytes()
    # the copy finds every attachment the example's funders want
    check = cli(["check", "--workspace", str(root)])
    assert check.exit_code == 0, check.output
    assert "is not there" not in check.output
