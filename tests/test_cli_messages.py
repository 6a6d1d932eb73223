"""click's own messages about a command typed wrongly speak the run's language, with exit
status 2; and a closed pipe (`grantgen check | head -1`) ends quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from conftest import ROOT, record_output
from test_i18n import NO_LANGUAGE, _catalogue

from grantgen import __version__
from grantgen.cli.help import CLICK_MESSAGES, CLICK_WORDS

DUTCH = {"GRANTGEN_LANGUAGE": "nl"}
#: (command line, what click says in Dutch, what it says in English)
USAGE_ERRORS = [
    (["approve", "2019/fonds-a/aanvraag-2019-linde.docx"],
     "Fout: Ontbrekende optie '--by'.", "Error: Missing option '--by'."),
    (["biuld"], "Fout: De opdracht 'biuld' bestaat niet. Bedoel je 'build'?",
     "Error: No such command 'biuld'. Did you mean 'build'?"),
    (["build", "--yaer", "2019"],
     "Fout: De optie '--yaer' bestaat niet. (Bedoel je een van deze: '--date', '--year'?)",
     "Error: No such option '--yaer'. (Did you mean one of: '--date', '--year'?)"),
    (["build", "--year", "twintig"],
     "Fout: Ongeldige waarde voor '--year' / '-y': 'twintig' is geen jaartal. Schrijf het jaar "
     "in vier cijfers, bijv. 2018.",
     "Error: Invalid value for '--year' / '-y': 'twintig' is not a year. Write the year in four "
     "digits, e.g. 2018."),
    (["check", "--today", "31-02-2018"],
     "Fout: Ongeldige waarde voor '--date' / '--today': '31-02-2018' is geen datum. Schrijf "
     "datums als 30-11-2018 of 2018-11-30.",
     "Error: Invalid value for '--date' / '--today': '31-02-2018' is not a date. Write dates as "
     "2018-11-30 or 30-11-2018."),
    (["build", "2019"], "Fout: Onverwacht extra argument (2019)",
     "Error: Got unexpected extra argument (2019)"),
    (["init"], "Fout: Ontbrekend argument 'MAP'.", "Error: Missing argument 'FOLDER'."),
    (["variables", "--kind", "brief"],
     "Fout: Ongeldige waarde voor '--kind' / '-k': 'brief' is geen van deze: 'application', ",
     "Error: Invalid value for '--kind' / '-k': 'brief' is not one of 'application', "),
    (["build", "--year"], "Fout: De optie '--year' heeft een waarde nodig.",
     "Error: Option '--year' requires an argument."),
    (["build", "--pdf=ja"], "Fout: De optie '--pdf' krijgt geen waarde.",
     "Error: Option '--pdf' does not take a value."),
]
#: what shows that click spoke English
ENGLISH = ("Usage:", "Error:", "Try '", "Missing", "No such", "Invalid value", "Did you mean",
           "unexpected", "requires", "[OPTIONS]", "is not")


@pytest.mark.parametrize(("args", "dutch", "english"), USAGE_ERRORS,
                         ids=[" ".join(e[0]) for e in USAGE_ERRORS])
def test_a_usage_error_in_dutch(cli, args, dutch, english):
    result = cli(args, env=DUTCH)
    assert result.exit_code == 2, result.output
    assert dutch in result.output
    for words in ENGLISH:
        assert words not in result.output, result.output


@pytest.mark.parametrize(("args", "dutch", "english"), USAGE_ERRORS,
                         ids=[" ".join(e[0]) for e in USAGE_ERRORS])
def test_the_same_usage_error_in_english(cli, args, dutch, english):
    result = cli(args, env={"GRANTGEN_LANGUAGE": "en"})
    assert result.exit_code == 2, result.output
    assert english in result.output


def test_the_usage_line_and_the_way_to_help(cli):
    result = cli(["approve", "x.docx"], env=DUTCH)
    assert result.output.splitlines()[:2] == [
        "Gebruik: grantgen approve [OPTIES] DOCUMENT...",
        "Typ 'grantgen approve --help' voor hulp."]
    result = cli(["approve", "x.docx"], env={"GRANTGEN_LANGUAGE": "en"})
    assert result.output.splitlines()[:2] == [
        "Usage: grantgen approve [OPTIONS] DOCUMENT...", "Try 'grantgen approve --help' for help."]


def test_a_file_where_a_folder_belongs(cli, tmp_path):
    (tmp_path / "notities.txt").write_text("x", encoding="utf-8")
    result = cli(["build", "-w", str(tmp_path / "notities.txt")], env=DUTCH)
    assert result.exit_code == 2
    assert f"Fout: Ongeldige waarde voor '--workspace' / '-w': Map '{tmp_path}/notities.txt' " \
           "is een bestand." in " ".join(result.output.split())


def test_the_workspace_on_the_command_line_chooses_the_language(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    workspace = tmp_path / "ws"
    (workspace / "facts").mkdir(parents=True)
    (workspace / "facts" / "organisation.yaml").write_text(
        "name: X\nsettings:\n  language: nl\n", encoding="utf-8")
    english_computer = {**NO_LANGUAGE, "LANG": "en_US.UTF-8"}
    result = cli(["build", "-w", str(workspace), "--yaer", "2019"], env=english_computer)
    assert "Fout: De optie '--yaer' bestaat niet." in result.output
    result = cli(["build", "--yaer", "2019"], env=english_computer)
    assert "Error: No such option '--yaer'." in result.output


def test_the_version_in_dutch(cli):
    assert cli(["--version"], env=DUTCH).output == f"grantgen, versie {__version__}\n"
    assert cli(["--version"], env={"GRANTGEN_LANGUAGE": "en"}).output == \
        f"grantgen, version {__version__}\n"


def test_today_is_a_date_as_the_facts_write_it(cli, example):
    for today in ("15-08-2018", "2018-08-15"):
        result = cli(["deadlines", "--workspace", str(example), "--today", today])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Deadlines from 15 augustus 2018:")  # dates: Dutch


#: click's messages a grantgen user cannot meet, and why; every other one must be translated
UNREACHABLE = {
    "d": "the unit of an ETA in a progress bar, which never shows an ETA",
    "{editor}: Editing failed": "grantgen opens no editor",
    "{editor}: Editing failed: {e}": "grantgen opens no editor",
    "Windows error: {error}": "a failure of the Windows console itself",
    "deprecated": "no command or option is deprecated",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "idem",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "idem",
    "Value must be an iterable.": "no option takes several values",
    "Takes {nargs} values but 1 was given.": "idem",
    "Takes {nargs} values but {len} were given.": "idem",
    "{len_type} values are required, but {len_value} was given.": "idem",
    "{len_type} values are required, but {len_value} were given.": "idem",
    "Name '{name}' defined twice": "a mistake in grantgen's own code, found by the tests",
    "Boolean option {decl!r} cannot use the same flag for true/false.": "idem",
    "Could not determine name for option with declarations {decls!r}": "idem",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?": "idem",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": "idem",
    "Invalid start character for option ({option})": "idem",
    "Unknown color {colour!r}": "idem",
    "Unknown standard stream '{name}'": "idem",
    "env var: {var}": "no option shows its environment variable",
    "default: {default}": "no option shows its default",
    "(dynamic)": "idem",
    "Do you want to continue?": "grantgen asks no questions",
    "Confirm the action without prompting.": "idem",
    "Repeat for confirmation": "idem",
    "Error: The two entered values do not match.": "idem",
    "Error: invalid input": "idem",
    "Press any key to continue...": "idem",
    "Choose from:\n\t{choices}": "only for a required choice, and no choice is required",
    "Choice({choices})": "a developer's view of a type",
    "{value!r} does not match the format {format}.": "dates are grantgen's own type",
    "{value!r} does not match the formats {formats}.": "idem",
    "{value!r} is not a valid boolean. Recognized values: {states}": "flags take no value",
    "{value!r} is not a valid UUID.": "no option takes a UUID",
    "{name} {filename!r} is not executable.": "no option names a program",
    "Could not open file {filename!r}: {message}": "no option opens a file through click",
    "unknown error": "idem",
    "Shell completion is not supported for Bash versions older than 4.4.": "grantgen offers "
    "no shell completion",
    "Couldn't detect Bash version, shell completion is not supported.": "idem",
}


def _clicks_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            Path(click.__file__).parent, method_map=[("**.py", "python")],
            keywords={"_": None, "ngettext": (1, 2)}):
        found.update([message] if isinstance(message, str) else message)
    return found


def test_every_message_of_click_a_user_can_meet_is_translated():
    """Against the click that is installed: a new version's new message fails here."""
    clicks = _clicks_messages()
    ours = set(CLICK_MESSAGES) | set(CLICK_WORDS)
    assert not (ours - clicks - {"[OPTIONS]", "COMMAND [ARGS]...", "[COMMAND] [ARGS]...",
                                 "required"}), "not click's words (any more)"
    assert not (set(UNREACHABLE) - clicks), "not click's words (any more)"
    untranslated = sorted(clicks - ours - set(UNREACHABLE))
    assert not untranslated, f"click's messages not in CLICK_MESSAGES: {untranslated}"
    catalogue = _catalogue()
    for message in ours:
        assert catalogue.get(message) is not None and catalogue.get(message).string, message


# -- a closed pipe -----------------------------------------------------------------------


def _run_into_closed_pipe(args: list[str], stderr_too: bool = False):
    """grantgen with its output going to a pipe whose reader has already gone."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run([sys.executable, "-m", "grantgen", *args], stdout=write,
                                stderr=write if stderr_too else subprocess.PIPE,
                                cwd=ROOT, timeout=120, text=True)
    finally:
        os.close(write)
    record_output(result.stderr or "")
    return result


@pytest.mark.parametrize("args", [["funders"], ["check"], ["facts"], ["--help"],
                                  ["build", "--help"], ["variables", "oranje-fonds"],
                                  ["deadlines", "--today", "2018-11-01"]],
                         ids=lambda args: " ".join(args))
def test_a_closed_pipe_ends_quietly(example, args):
    command = args + (["--workspace", str(example)] if args[-1] != "--help" else [])
    result = _run_into_closed_pipe(command)
    assert result.returncode == 1, result.stderr
    for words in ("Traceback", "BrokenPipeError", "Exception ignored", "internal error",
                  "Broken pipe"):
        assert words not in result.stderr


@pytest.mark.parametrize("args", [["check"], ["biuld"], ["build", "--year", "twintig"]],
                         ids=lambda args: " ".join(args))
def test_a_closed_pipe_for_the_messages_too(example, args):
    result = _run_into_closed_pipe(args + ["--workspace", str(example)], stderr_too=True)
    assert result.returncode == 1


def test_grantgen_variables_into_head(example):
    """As typed in a shell: `grantgen variables oranje-fonds | head -1`."""
    grantgen = subprocess.Popen([sys.executable, "-m", "grantgen", "variables", "oranje-fonds",
                                 "--workspace", str(example)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=ROOT)
    head = subprocess.run(["head", "-1"], stdin=grantgen.stdout, capture_output=True,
                          text=True, timeout=120)
    grantgen.stdout.close()
    stderr = grantgen.stderr.read().decode("utf-8")
    grantgen.wait(timeout=120)
    record_output(stderr)
    assert head.stdout.startswith("The names a Word template may use")
    assert grantgen.returncode in (0, 1) and "Traceback" not in stderr
    assert "internal error" not in stderr and "Exception ignored" not in stderr
