"""`grantgen --help` and `grantgen COMMAND --help` speak the run's language, chosen as for
every other message: GRANTGEN_LANGUAGE, the workspace (--workspace, or the current folder),
the computer's language, Dutch."""

from pathlib import Path

import click
import pytest
from test_i18n import NO_LANGUAGE, _catalogue

from grantgen.cli.main import cli as grantgen_cli


def _page(result) -> str:
    """The help page with its lines joined, so a phrase is found wherever it wraps."""
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def _workspace(folder: Path, language: str | None) -> Path:
    (folder / "facts").mkdir(parents=True)
    settings = f"settings:\n  language: {language}\n" if language else ""
    (folder / "facts" / "organisation.yaml").write_text(f"name: X\n{settings}",
                                                        encoding="utf-8")
    return folder


def test_the_overview_in_dutch(cli):
    page = _page(cli(["--help"], env={"GRANTGEN_LANGUAGE": "nl"}))
    assert "Gebruik: grantgen [OPTIES] OPDRACHT [ARGUMENTEN]..." in page
    assert ("grantgen: aanvragen, verantwoordingen en jaarverslagen uit één verzameling "
            "feiten." in page)
    assert "Opties: --version Laat het versienummer zien en stop." in page
    assert "-h, --help Laat deze hulp zien en stop." in page
    assert "Opdrachten: approve Keur een concept goed en schrijf de definitieve versie." in page
    assert "build Maak elk document dat volgens de financiering nodig is." in page
    for english in ("Usage", "Options", "Commands", "Show this message", "Write every"):
        assert english not in page


def test_a_commands_help_in_dutch(cli):
    page = _page(cli(["build", "--help"], env={"GRANTGEN_LANGUAGE": "nl"}))
    assert "Gebruik: grantgen build [OPTIES]" in page
    assert "Maak elk document dat volgens de financiering nodig is." in page
    assert "-w, --workspace MAP De werkmap (standaard: de map waarin je nu bent)." in page
    assert "-y, --year JAAR Alleen de documenten over dit jaar." in page
    assert "--pdf Maak naast elk document ook een PDF (daarvoor is LibreOffice nodig)." in page
    page = _page(cli(["approve", "--help"], env={"GRANTGEN_LANGUAGE": "nl"}))
    assert "Gebruik: grantgen approve [OPTIES] DOCUMENT" in page
    assert ('Wie goedkeurt: een bestuurslid uit facts/organisation.yaml, bijvoorbeeld "Anna de '
            'Vries". [verplicht]') in page
    page = _page(cli(["facts", "to-xlsx", "--help"], env={"GRANTGEN_LANGUAGE": "nl"}))
    assert "-o, --out BESTAND Schrijf het werkboek hier in plaats van in facts/facts.xlsx" in page


def test_the_same_pages_in_english(cli):
    page = _page(cli(["--help"], env={"GRANTGEN_LANGUAGE": "en"}))
    assert "Usage: grantgen [OPTIONS] COMMAND [ARGS]..." in page
    assert "Commands: approve Approve a draft and write its final version." in page
    assert "-h, --help Show this message and exit." in page
    page = _page(cli(["build", "--help"], env={"GRANTGEN_LANGUAGE": "en"}))
    assert "Usage: grantgen build [OPTIONS]" in page
    assert "Write every document the funding plan calls for." in page
    assert "-w, --workspace FOLDER The workspace folder (default: the current folder)." in page


def test_the_computers_language_without_grantgen_language(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a folder that is no workspace: the computer decides
    dutch = {**NO_LANGUAGE, "LANG": "nl_NL.UTF-8"}
    assert "Opdrachten: approve Keur een concept goed" in _page(cli(["--help"], env=dutch))
    assert "De werkmap (standaard:" in _page(cli(["build", "--help"], env=dutch))
    english = {**NO_LANGUAGE, "LANG": "en_US.UTF-8"}
    assert "Commands: approve Approve a draft" in _page(cli(["--help"], env=english))


def test_the_workspace_on_the_command_line_decides(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    english = _workspace(tmp_path / "english", "en")
    dutch = _workspace(tmp_path / "dutch", "nl")
    nl_computer = {**NO_LANGUAGE, "LANG": "nl_NL.UTF-8"}
    en_computer = {**NO_LANGUAGE, "LANG": "en_US.UTF-8"}
    for args in (["build", "-w", str(english), "--help"],
                 ["build", f"--workspace={english}", "--help"],
                 ["facts", "--workspace", str(english), "to-xlsx", "--help"]):
        assert "Usage: grantgen" in _page(cli(args, env=nl_computer)), args
    assert "Gebruik: grantgen check" in _page(
        cli(["check", "-w", str(dutch), "--help"], env=en_computer))
    monkeypatch.chdir(english)  # without --workspace: the current folder's
    assert "Usage: grantgen [OPTIONS]" in _page(cli(["--help"], env=nl_computer))


def test_a_usage_error_speaks_the_language_of_the_help_pages(cli):
    """(tests/test_cli_messages.py has click's messages one by one.)"""
    result = cli(["build", "--no-such-option"], env={"GRANTGEN_LANGUAGE": "nl"})
    assert result.exit_code == 2
    assert "Gebruik: grantgen build [OPTIES]" in result.output
    assert "Fout: De optie '--no-such-option' bestaat niet." in result.output


def _commands(command: click.Command):
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


@pytest.mark.parametrize("command", list(_commands(grantgen_cli)), ids=lambda c: c.name)
def test_every_help_text_has_a_dutch_translation(command):
    """A help text written without N_() (a docstring, say) would stay English on a Dutch
    help page: every text of every help page must be in the catalogue, translated."""
    ctx = click.Context(command, info_name=command.name)
    texts = [command.help, command.short_help, command.epilog]
    for param in command.get_params(ctx):
        texts += [param.help, param.metavar]
    catalogue = _catalogue()
    missing = [text for text in texts if text and not text.startswith("[nl|")
               and (catalogue.get(text) is None or not catalogue.get(text).string)]
    assert not missing, f"help of `{command.name}` without a Dutch translation: {missing}"
