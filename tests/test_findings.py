"""What is for us goes to check, build and the review, never into a funder's document; a
build says what matters (#13): errors first, many warnings of one kind in one line, the
same findings as check."""

from __future__ import annotations

import re
from pathlib import Path

from grantgen.core.workspace import Workspace
from grantgen.pipeline.build import build, check
from helpers.docs import all_docx, docx_text
from workspace_factory import FUNDERS, make_workspace

#: what a note to us looks like in a document: a warning word, a file or a command of ours,
#: a bracketed remark
NOTES = re.compile(r"Let op|Note:|ontbreekt|missing|facts/|\.csv|\.yaml|grantgen|\[|\]")


def raise_rent(root: Path) -> None:
    """The tour of README.md: De Klop's rent for 2019 goes up by € 1.000."""
    path = root / "facts" / "budget.csv"
    text = path.read_text(encoding="utf-8")
    assert "2019,de-klop,Huisvesting,Huur,12700" in text
    path.write_text(text.replace("2019,de-klop,Huisvesting,Huur,12700",
                                 "2019,de-klop,Huisvesting,Huur,13700"), encoding="utf-8")


def test_no_note_to_us_in_any_document_of_the_example(example_build):
    for path in all_docx(example_build):
        for line in docx_text(path).splitlines():
            assert not NOTES.search(line), f"{path.name}: {line}"


def test_a_budget_that_does_not_close_is_a_finding_not_a_note(cli, example):
    """The municipality wants a sluitende begroting; after the rent rise De Klop's is not.
    The application shows nothing about it; check and build both say it, the same way."""
    raise_rent(example)
    checked = cli(["check", "--workspace", str(example)])
    assert checked.exit_code == 1  # gemeente-utrecht states the rule: an error
    finding = ("[2019/gemeente-utrecht/aanvraag-2019-de-klop.docx] facts/funding.csv, row "
               "37, column amount: the budget for De Klop in 2019 is not sluitend")
    assert finding in checked.output
    built = cli(["build", "--workspace", str(example)])
    assert built.exit_code == 0, built.output  # a build writes drafts whatever the rules say
    lines = built.output.splitlines()
    assert lines[0].startswith(finding)  # errors first
    assert lines[0] in checked.output.splitlines()
    assert "do not stop a build" in built.output
    text = docx_text(example / "output" / "2019" / "gemeente-utrecht" /
                     "aanvraag-2019-de-klop.docx")
    assert "Let op" not in text and " verschillen €" not in text
    assert "Na de toezeggingen resteert een tekort van € 41.000." in text


def test_build_and_check_report_the_same_findings(example, tmp_path):
    raise_rent(example)
    workspace = Workspace.open(example)
    checked = check(workspace)
    built = build(workspace, tmp_path / "out").problems
    assert checked.errors  # the budget that does not close
    assert checked.warnings
    assert set(built.summary_lines()) == set(checked.summary_lines())


def test_a_build_folds_many_warnings_of_one_kind_and_check_lists_them_all(cli, example):
    """Dated eight years on, every text of the example is stale: the build says so in one
    line with the count, check lists each; together they are the same findings."""
    date = ["--date", "2026-12-01"]
    built = cli(["build", "--workspace", str(example), *date])
    checked = cli(["check", "--workspace", str(example), *date])
    assert built.exit_code == 0 and checked.exit_code == 0
    stale = [line for line in checked.output.splitlines() if "was last reviewed on" in line]
    assert len(stale) >= 3
    assert (f"warning: texts/: {len(stale)} texts were last reviewed more than 12 months "
            "before the date of the documents (grantgen check shows them all).") \
        in built.output
    assert "was last reviewed on" not in built.output
    # every line of the build's is one of check's, or a fold of check's lines of one kind
    warnings = [line for line in built.output.splitlines() if line.startswith("warning: ")]
    folded = [line for line in warnings if "(grantgen check shows them all)" in line]
    checked_warnings = [line for line in checked.output.splitlines()
                        if line.startswith("warning: ")]
    assert set(warnings) - set(folded) <= set(checked_warnings)
    counted = sum(int(re.search(r"warning: (?:\S+: )?(\d+) ", line).group(1))
                  for line in folded)
    assert counted + len(warnings) - len(folded) == len(checked_warnings)


def test_build_of_the_example_says_what_matters_in_a_few_lines(cli, example):
    result = cli(["build", "--workspace", str(example)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning: ")]
    assert 0 < len(warnings) <= 15, "\n".join(warnings)
    # the findings come before the documents written
    lines = result.output.splitlines()
    first_document = next(i for i, line in enumerate(lines) if line.startswith("  "))
    assert all(i < first_document for i, line in enumerate(lines)
               if line.startswith("warning: "))


EMPTY = {"name": "Stichting Buurthuis De Linde", "legal_form": "stichting",
         "mission": "Een open huis voor iedereen in de wijk."}


def test_an_organisation_without_address_contact_or_board(cli, tmp_path):
    """check warns before a letter would open with a dash or sign with nobody; the
    documents leave those parts out."""
    make_workspace(tmp_path, organisation=EMPTY,
                   funders={"gemeente": {**FUNDERS["gemeente"],
                                         "rules": {"balanced_budget": False}}})
    result = cli(["check", "--workspace", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for warning in (
            "warning: facts/organisation.yaml: the address is not complete (address, postcode, "
            "city empty): the letters to funders show no sender's address, and the date line "
            "no place. Fill in address, postcode and city.",
            "warning: facts/organisation.yaml: there is no contact person: the letters are "
            "signed without a name, and the applications' contact table stays empty.",
            "warning: facts/organisation.yaml: no board members are listed: the applications "
            "and reports have nobody to sign on behalf of the board."):
        assert warning in result.output
    built = cli(["build", "--workspace", str(tmp_path)])
    assert built.exit_code == 0, built.output
    assert "the address is not complete" in built.output
    for path in all_docx(tmp_path / "output"):
        lines = docx_text(path).splitlines()
        assert "1 december 2018" in lines, path.name  # the date line, without a place
        assert "Plaats en datum: 1 december 2018" in lines, path.name
        for line in lines:
            assert not line.startswith("–"), (path.name, line)
            assert "–," not in line and "– –" not in line, (path.name, line)
            assert not line.startswith("Handtekening") and "| Handtekening" not in line
            assert not line.startswith("Contactpersoon"), (path.name, line)
            assert not line.startswith("Adres"), (path.name, line)


def test_a_partial_address_shows_what_there_is(cli, tmp_path):
    make_workspace(tmp_path, organisation={**EMPTY, "city": "Amersfoort",
                                           "board": [{"name": "Els Bakker",
                                                      "role": "voorzitter"}],
                                           "contact": {"name": "Els Bakker"}})
    result = cli(["check", "--workspace", str(tmp_path)])
    assert ("the address is not complete (address, postcode empty)" in result.output)
    assert "contact person" not in result.output and "board members" not in result.output
    assert cli(["build", "--workspace", str(tmp_path)]).exit_code == 0
    lines = docx_text(tmp_path / "output/2019/fonds-a/aanvraag-2019-linde.docx").splitlines()
    assert "Amersfoort, 1 december 2018" in lines
    assert "Adres | Amersfoort" in lines
    assert "Contactpersoon | Els Bakker" in lines
    assert not any(line.startswith(("Functie |", "E-mail |", "Telefoon |")) for line in lines)
    assert "Naam | Functie | Handtekening" in lines  # the signature table
    assert any(line.startswith("Els Bakker | voorzitter |") for line in lines)


def test_the_review_pack_shows_the_findings_a_document_no_longer_shows(cli, example):
    """A budget that does not close reaches the board through the review pack."""
    raise_rent(example)
    assert cli(["build", "--workspace", str(example)]).exit_code == 0
    result = cli(["review", "--workspace", str(example), "--year", "2019"])
    assert result.exit_code == 0, result.output
    text = docx_text(example / "output" / "2019" / "beoordeling-2019.docx")
    assert "is not sluitend" in text or "niet sluitend" in text

