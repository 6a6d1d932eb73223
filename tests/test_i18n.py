"""Messages in the user's language: the Dutch catalogue is complete and current, and the
language follows GRANTGEN_LANGUAGE, the workspace and the computer, in that order."""

import csv
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import ROOT

from grantgen.core.i18n import choose_language, language_from_environment, set_language

PO = ROOT / "grantgen" / "locale" / "nl" / "LC_MESSAGES" / "grantgen.po"
MO = PO.with_suffix(".mo")
#: run with these to see what a person without GRANTGEN_LANGUAGE sees
NO_LANGUAGE = {"GRANTGEN_LANGUAGE": None, "LANGUAGE": None, "LC_ALL": None,
               "LC_MESSAGES": None, "LANG": None}


def _code_msgids() -> dict[str, str]:
    """Every message marked with _() or N_() in grantgen/ (the web page's templates too),
    with the file it is in."""
    found = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
            ROOT / "grantgen", method_map=[("**.py", "python"),
                                           ("web/templates/**.html", "jinja2")],
            keywords={"_": None, "N_": None}):
        found.setdefault(message, filename)
    return found


def _catalogue():
    with PO.open("rb") as f:
        return read_po(f)


def test_every_message_in_the_code_has_a_dutch_translation():
    catalogue = _catalogue()
    untranslated = []
    for msgid, filename in sorted(_code_msgids().items()):
        entry = catalogue.get(msgid)
        if entry is None or not entry.string or entry.fuzzy:
            untranslated.append(f"{filename}: {msgid!r}")
    assert not untranslated, (
        "messages without a Dutch translation: run `make messages`, then translate them in "
        f"{PO.relative_to(ROOT)}:\n" + "\n".join(untranslated))


def _fields(text: str) -> list[str]:
    try:
        return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text)
                      if name is not None)
    except ValueError:  # '{% if %}' in a hint is text, not a placeholder
        return sorted(part for part in text.split("{")[1:])


def test_translations_keep_the_placeholders():
    wrong = [f"{m.id!r} -> {m.string!r}" for m in _catalogue()
             if m.id and m.string and _fields(m.id) != _fields(m.string)]
    assert not wrong, "translations whose {placeholders} differ:\n" + "\n".join(wrong)


def test_the_compiled_catalogue_is_current():
    with MO.open("rb") as f:
        compiled = {m.id: m.string for m in read_mo(f) if m.id}
    written = {m.id: m.string for m in _catalogue() if m.id and m.string and not m.fuzzy}
    assert compiled == written, "grantgen.mo is older than grantgen.po: run `make messages`"


@pytest.mark.parametrize("environ, expected", [
    ({}, None),
    ({"LANG": "C.UTF-8"}, None),
    ({"LANG": "nl_NL.UTF-8"}, "nl"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LC_ALL": "nl_BE.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
    ({"LANGUAGE": "en:nl", "LANG": "nl_NL.UTF-8"}, "en"),
])
def test_the_computers_language(environ, expected):
    assert language_from_environment(environ) == expected


def test_precedence(tmp_path: Path):
    workspace = tmp_path / "ws"
    (workspace / "facts").mkdir(parents=True)
    organisation = workspace / "facts" / "organisation.yaml"
    organisation.write_text("name: X\n", encoding="utf-8")
    assert choose_language(workspace, {}) == "nl"
    assert choose_language(workspace, {"LANG": "en_US.UTF-8"}) == "en"
    organisation.write_text("name: X\nsettings:\n  language: nl\n", encoding="utf-8")
    assert choose_language(workspace, {"LANG": "en_US.UTF-8"}) == "nl"
    assert choose_language(workspace, {"LANG": "en_US.UTF-8", "GRANTGEN_LANGUAGE": "en"}) == "en"
    organisation.write_text("name: [broken\n", encoding="utf-8")
    assert choose_language(workspace, {"LANG": "en_GB.UTF-8"}) == "en"


def _break_a_budget_line(example: Path) -> None:
    """The first budget line's amount becomes -500, as a typo would."""
    budget = example / "facts" / "budget.csv"
    with budget.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("amount")] = "-500"
    with budget.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_a_check_finding_in_dutch_for_the_example(cli, example):
    _break_a_budget_line(example)
    result = cli(["check", "--workspace", str(example)], env=NO_LANGUAGE)
    assert result.exit_code == 1
    assert ("facts/budget.csv, rij 2, kolom amount: '-500' is kleiner dan nul. Bedragen en "
            "aantallen kunnen niet onder nul; zet terugbetalingen bij de inkomsten."
            in result.output)
    assert "1 fout(en), 0 waarschuwing(en)." in result.output


def test_a_check_finding_in_english_with_an_english_locale(cli, example):
    _break_a_budget_line(example)
    result = cli(["check", "--workspace", str(example)],
                 env={**NO_LANGUAGE, "LANG": "en_US.UTF-8"})
    assert result.exit_code == 1
    assert ("facts/budget.csv, row 2, column amount: '-500' is negative. Amounts and counts "
            "cannot be below zero; record refunds as income." in result.output)
    assert "1 error(s), 0 warning(s)." in result.output


def test_the_workspace_setting_beats_the_computers_language(cli, example):
    organisation = example / "facts" / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8")
    # the example has settings of its own already (its document date): add the language there
    text = (text.replace("\nsettings:\n", "\nsettings:\n  language: nl\n", 1)
            if "\nsettings:\n" in text else text + "settings:\n  language: nl\n")
    organisation.write_text(text, encoding="utf-8")
    result = cli(["check", "--workspace", str(example), "--year", "1999"],
                 env={**NO_LANGUAGE, "LANG": "en_US.UTF-8"})
    assert "Geen fouten" in result.output


def test_messages_before_a_workspace_is_opened(cli, tmp_path):
    result = cli(["check", "--workspace", str(tmp_path / "nergens")], env=NO_LANGUAGE)
    assert result.exit_code == 1
    assert "deze werkmap bestaat niet" in result.output


def test_library_use_without_the_cli_speaks_english():
    set_language(None)
    from grantgen.core.i18n import _

    assert _("is missing.") == "is missing."
    set_language("nl")
    assert _("is missing.") == "ontbreekt."
