"""The `grantgen` command line: parse options, make one library call, report the outcome.

Exit status: 0 done, 1 a problem with the user's input, 2 wrong usage (click's own).
Heavy libraries are imported inside the commands so `grantgen --help` starts quickly.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from grantgen import __version__
from grantgen.cli.help import Argument, Group, command_line_language
from grantgen.core.dates import parse_date
from grantgen.core.errors import GrantgenError, InputError, Problems
from grantgen.core.i18n import N_, _, choose_language, set_language

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar



class _Path(click.Path):
    """click's Path, naming a folder or file in the run's language in its messages."""

    def convert(self, value, param, ctx):
        self.name = (_("directory") if self.dir_okay and not self.file_okay else
                     _("file") if self.file_okay and not self.dir_okay else _("path"))
        return super().convert(value, param, ctx)


FOLDER = _Path(file_okay=False, path_type=Path)
FILE = _Path(dir_okay=False, path_type=Path)


class _Year(click.ParamType):
    """A year as the fact tables write it (2019), from 1900 to 2200."""

    name = "year"

    def convert(self, value, param, ctx):
        text = str(value).strip()
        if not (text.isdigit() and len(text) == 4):
            self.fail(_("'{value}' is not a year.").format(value=value) + " "
                      + _("Write the year in four digits, e.g. 2018."), param, ctx)
        if not 1900 <= int(text) <= 2200:
            self.fail(_("'{value}' is not a year grantgen works with; give one from 1900 to "
                        "2200.").format(value=value), param, ctx)
        return int(text)


class _Date(click.ParamType):
    """A date as the fact tables read one (core/dates.py): 2018-11-30 or 30-11-2018."""

    name = "date"

    def convert(self, value, param, ctx):
        date = parse_date(str(value))
        if date is None:
            self.fail(_("'{value}' is not a date.").format(value=value) + " "
                      + _("Write dates as 2018-11-30 or 30-11-2018."), param, ctx)
        return date


YEAR = _Year()

# Help texts are English msgids marked with N_(), translated where a help page is shown
# (grantgen/cli/help.py); so are metavars, which name a value in the help of an option.
workspace_option = click.option(
    "--workspace", "-w", "workspace", type=FOLDER,
    default=None, metavar=N_("FOLDER"),
    help=N_("The workspace folder (default: the current folder)."))
year_option = click.option("--year", "-y", type=YEAR, default=None,
                           metavar=N_("YEAR"), help=N_("Only the documents about this year."))
out_option = click.option("--out", "-o", type=FOLDER, default=None, metavar=N_("FOLDER"),
                          help=N_("The output folder (default: <workspace>/output)."))
# --today is the option's earlier name, still understood
date_option = click.option(
    "--date", "--today", "date", type=_Date(), default=None, metavar=N_("DATE"),
    help=N_("The document date: documents are dated this day, and deadlines, the age of "
            "attachments and of texts are counted from it (default: settings.document_date "
            "in facts/organisation.yaml, else today)."))


def _echo_problems(problems: Problems, strict: bool = False, fold: bool = False) -> None:
    """Every finding, errors first; `fold`: many warnings of one kind in one line (build)."""
    from grantgen.cli.show import finding_lines

    for line in finding_lines(problems, fold):
        is_warning = line.startswith(_("warning: ").strip())
        click.secho(line, err=True, fg=("red" if strict else "yellow") if is_warning else "red")


def _fail(error: GrantgenError, fold: bool = False) -> None:
    if isinstance(error, InputError):
        _echo_problems(error.problems, fold=fold)
        errors = len(error.problems.errors)
        click.secho(_("{n} problem(s) found; nothing was written.").format(n=errors),
                    err=True, fg="red", bold=True)
    else:
        click.secho(str(error), err=True, fg="red")
    sys.exit(error.exit_code)


class _Progress:
    """A progress bar for builds that take more than a moment: it appears once the command
    has run for DELAY seconds, on the terminal only; where the output is not a terminal (a
    log file, a pipe, a scheduled job) it shows nothing."""

    DELAY = 2.0

    def __init__(self, label: str, file=None, clock=time.monotonic):
        self.label = label
        self.file = file if file is not None else sys.stderr
        self.clock = clock
        self.start = clock()
        self.bar: ProgressBar[int] | None = None

    def _terminal(self) -> bool:
        try:
            return bool(self.file.isatty())
        except (AttributeError, ValueError):
            return False

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if done >= total or self.clock() - self.start < self.DELAY or not self._terminal():
                return
            self.bar = click.progressbar(length=total, label=self.label, file=self.file,
                                         show_pos=True, show_eta=False)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _reader_gone() -> NoReturn:
    """The program reading grantgen's output (`head`, say) stopped reading: end quietly, as
    Python's documentation advises. What is still buffered goes to devnull rather than failing
    once more when Python exits; the exit status is 1, as click's (and Python's) own."""
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        except (OSError, ValueError):  # a stream without a file descriptor (the tests')
            pass
    sys.exit(1)


class _Group(Group):
    """Turns grantgen's own errors into a message and exit status 1, never a traceback;
    its help pages speak the run's language (grantgen/clihelp.py)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GrantgenError as e:
            _fail(e)
        except KeyboardInterrupt:
            click.secho(_("Interrupted; the output folder is as it was."), err=True)
            sys.exit(130)
        except BrokenPipeError:
            _reader_gone()
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception:  # a bug of ours, not the user's mistake: say so briefly
            if os.environ.get("GRANTGEN_DEBUG"):
                raise
            log = Path(os.environ.get("TMPDIR", "/tmp")) / "grantgen-error.log"
            try:
                log.write_text(traceback.format_exc(), encoding="utf-8")
                where = _(" The details are in {log}.").format(log=log)
            except OSError:
                where = ""
            click.secho(_("grantgen stopped on an internal error; this is a bug in grantgen, "
                          "not in your workspace. Please report it.") + where,
                        err=True, fg="red")
            sys.exit(70)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # click's version_option words its message once, when this module is imported
    if value and not ctx.resilient_parsing:
        click.echo(_("%(prog)s, version %(version)s") % {"prog": "grantgen",
                                                          "version": __version__})
        ctx.exit()


def _open(workspace: Path | None):
    from grantgen.core.workspace import Workspace

    set_language(choose_language(workspace or Path(".")))
    return Workspace.open(workspace)


# named, so a help page says `grantgen` also where the CLI runs in-process (the tests)
@click.group("grantgen", cls=_Group, context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("grantgen: grant applications, reports and annual reports from one facts "
                     "dataset.\n\nKeep the facts in facts/, one profile per funder in "
                     "funders/, and run `grantgen build` to write every document the funding "
                     "plan calls for."))
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_show_version, help=N_("Show the version and exit."))
@click.pass_context
def cli(ctx: click.Context) -> None:
    # messages before a workspace is opened speak the language of the workspace on the
    # command line (or the current folder's, or the computer's)
    set_language(command_line_language(ctx))


pdf_option = click.option("--pdf", is_flag=True,
                          help=N_("Also write a PDF beside every document (needs LibreOffice)."))


@cli.command(help=N_("Write every document the funding plan calls for."))
@workspace_option
@click.option("--out", "-o", type=FOLDER, default=None,
              metavar=N_("FOLDER"),
              help=N_("Where to write the documents (default: <workspace>/output)."))
@year_option
@pdf_option
@date_option
def build(workspace: Path | None, out: Path | None, year: int | None, pdf: bool,
          date: dt.date | None) -> None:
    from grantgen.cli.show import change_summary
    from grantgen.pipeline.build import build as run_build

    progress = _Progress(_("Writing documents"))
    try:
        result = run_build(_open(workspace), out, year, pdf=pdf, progress=progress, date=date)
    except InputError as e:
        _fail(e, fold=True)
    finally:
        progress.close()
    # what matters first: the findings, errors before warnings, warnings of one kind folded
    _echo_problems(result.problems, fold=True)
    if result.problems.errors:
        click.secho(_("The error(s) above do not stop a build: the documents are drafts. "
                      "Correct them before anything is sent; grantgen check lists every "
                      "finding."), err=True, fg="red")
    for path in result.written + result.companions:
        click.echo(f"  {path}")
    for path in result.unchanged:
        click.echo("  " + _("{path} (approved, unchanged)").format(path=path))
    for path, copy in result.edited.items():
        click.secho(_("{path} was changed by hand after grantgen wrote it; that version is "
                      "kept as {copy}, beside the new draft.").format(path=path, copy=copy),
                    fg="yellow")
    click.secho(_("{n} document(s) written to {out}").format(
        n=len(result.written), out=result.out), fg="green")
    if result.companions:
        click.secho(_("{n} online form(s) and budget workbook(s) written beside their "
                      "applications.").format(n=len(result.companions)), fg="green")
    if result.pdfs:
        click.secho(_("{n} PDF(s) written beside them.").format(n=len(result.pdfs)),
                    fg="green")
    for line in change_summary(result.changes):
        click.echo(line)


@cli.command(help=N_("Check the workspace and every funder's rules without writing anything; "
                     "lists every problem at once."),
             short_help=N_("Check the workspace and every funder's rules."))
@workspace_option
@year_option
@click.option("--strict", is_flag=True, help=N_("Warnings count as failures too."))
@date_option
@out_option
def check(workspace: Path | None, year: int | None, strict: bool, date: dt.date | None,
          out: Path | None) -> None:
    from grantgen.pipeline.build import check as run_check

    progress = _Progress(_("Checking documents"))
    try:
        problems = run_check(_open(workspace), year, date, out, progress=progress)
    finally:
        progress.close()
    if problems:
        _echo_problems(problems, strict)
    failed = bool(problems.errors) or (strict and bool(problems.warnings))
    if failed:
        click.secho(_("{errors} error(s), {warnings} warning(s).").format(
            errors=len(problems.errors), warnings=len(problems.warnings)), err=True,
            fg="red", bold=True)
        sys.exit(1)
    click.secho(_("No errors ({warnings} warning(s)).").format(
        warnings=len(problems.warnings)), fg="green")


@cli.group(invoke_without_command=True,
           help=N_("The key figures per location and organisation-wide.\n\n`grantgen facts "
                   "to-xlsx` puts the facts in one Excel workbook, facts/facts.xlsx; `grantgen "
                   "facts to-csv` turns the workbook back into CSV files."),
           short_help=N_("The key figures, per location and in all."))
@workspace_option
@year_option
@click.pass_context
def facts(ctx: click.Context, workspace: Path | None, year: int | None) -> None:
    ctx.obj = workspace
    if ctx.invoked_subcommand is None:
        from grantgen.cli.show import shown
        from grantgen.commands.overview import key_figures_table

        click.echo(shown(key_figures_table(_open(workspace), year)))


def _report_conversion(result) -> None:
    for path in result.written:
        click.echo(f"  {result.shown(path)}")
    if result.moved:
        click.echo(_("Moved to {folder} (nothing is deleted): {files}").format(
            folder=result.shown(result.backup), files=", ".join(result.moved)))


@facts.command("to-xlsx",
               help=N_("Put the facts in one Excel workbook, facts/facts.xlsx, with an "
                       "explanation sheet and drop-down lists; the CSV files move to backup/."),
               short_help=N_("Put the facts in one Excel workbook, facts/facts.xlsx."))
@workspace_option
@click.option("--out", "-o", type=FILE, default=None,
              metavar=N_("FILE"),
              help=N_("Write the workbook here instead of facts/facts.xlsx (the CSV files "
                      "stay)."))
@click.pass_obj
def facts_to_xlsx(group_workspace: Path | None, workspace: Path | None, out: Path | None) -> None:
    from grantgen.facts.workbook import to_xlsx

    result = to_xlsx(_open(workspace or group_workspace), out)
    _report_conversion(result)
    click.secho(_("The facts are in {path}. Open it in Excel or LibreOffice; the first sheet "
                  "explains every column.").format(path=result.shown(result.written[0])),
                fg="green")


@facts.command("to-csv",
               help=N_("Turn facts/facts.xlsx into one CSV file per table; the workbook moves "
                       "to backup/."),
               short_help=N_("Turn facts/facts.xlsx into CSV files, one per table."))
@workspace_option
@click.option("--out", "-o", type=FOLDER, default=None,
              metavar=N_("FOLDER"),
              help=N_("Write the CSV files into this folder instead of facts/ (the workbook "
                      "stays)."))
@click.pass_obj
def facts_to_csv(group_workspace: Path | None, workspace: Path | None, out: Path | None) -> None:
    from grantgen.facts.workbook import to_csv

    result = to_csv(_open(workspace or group_workspace), out)
    _report_conversion(result)
    click.secho(_("{n} CSV file(s) written.").format(n=len(result.written)), fg="green")


@cli.command(help=N_("Start a new workspace in FOLDER (a new or empty folder)."))
@click.argument("folder", cls=Argument, type=FOLDER, metavar=N_("FOLDER"))
@click.option("--example", is_flag=True,
              help=N_("Copy the full example workspace (the buurtwerkkamers of Utrecht) "
                      "instead."))
@click.option("--language", type=click.Choice(["nl", "en"]), default=None,
              help=N_("The language of the workspace's messages (default: Dutch, or your "
                      "computer's language)."))
def init(folder: Path, example: bool, language: str | None) -> None:
    from grantgen.commands.init import init_workspace

    if language:
        set_language(language)
    result = init_workspace(folder, example=example, language=language)
    for path in result.created:
        click.echo(f"  {path}")
    click.secho(_("A new workspace is ready in {folder}. Read {readme} for what to do next.")
                .format(folder=result.root, readme=result.readme), fg="green")


@cli.command(help=N_("Every name a template may use, with its meaning and its value in one "
                     "document.\n\nFUNDER is a funder id (oranje-fonds), or the path of a "
                     "document in the output folder (2018/mitros/verantwoording-2018.docx): its "
                     "kind, funder and year then choose."),
             short_help=N_("Every name a template may use, with its value."))
# optional: the brackets are part of the name click shows
@click.argument("funder", cls=Argument, required=False, metavar=N_("[FUNDER]"))
@workspace_option
@click.option("--year", "-y", type=YEAR, default=None,
              metavar=N_("YEAR"), help=N_("The year of the application to show the values of."))
@click.option("--location", "-l", default=None, metavar=N_("LOCATION"),
              help=N_("The location of the application to show the values of."))
@click.option("--kind", "-k", default=None, metavar=N_("KIND"),
              type=click.Choice(["application", "report", "annual-report", "review-pack",
                                 "aanvraag", "verantwoording", "jaarverslag", "beoordeling"],
                                case_sensitive=False),
              help=N_("The kind of document whose template you change: application "
                      "(default), report, annual-report or review-pack."))
def variables(funder: str | None, workspace: Path | None, year: int | None,
              location: str | None, kind: str | None) -> None:
    from grantgen.commands.variables import listing

    click.echo(listing(_open(workspace), funder, year, location, kind))


@cli.command(help=N_("The funder profiles, and what is asked of each."))
@workspace_option
def funders(workspace: Path | None) -> None:
    from grantgen.cli.show import shown
    from grantgen.commands.funders import funders_table

    click.echo(shown(funders_table(_open(workspace))))


@cli.command(help=N_("Approve the draft DOCUMENT (its path in the output folder) and write "
                     "its final version, without the CONCEPT mark. Several documents are "
                     "approved together as one decision of the board."),
             short_help=N_("Approve a draft and write its final version."))
@click.argument("documents", nargs=-1, required=True, cls=Argument,
              metavar=N_("DOCUMENT..."))
@click.option("--by", "by", required=True, metavar=N_("NAME"),
              help=N_("Who approves: a board member in facts/organisation.yaml, e.g. "
                      "\"Anna de Vries\"."))
@click.option("--meeting", default=None, metavar=N_("TEXT"),
              help=N_("The meeting that decided, e.g. \"bestuursvergadering 28 november "
                      "2018\" (kept in the log of decisions)."))
@click.option("--reason", default=None, metavar=N_("TEXT"),
              help=N_("Why the board approves a draft in which check finds errors (needed "
                      "then; kept in the log of decisions)."))
@workspace_option
@out_option
@pdf_option
def approve(documents: tuple[str, ...], by: str, meeting: str | None, reason: str | None,
            workspace: Path | None, out: Path | None, pdf: bool) -> None:
    from grantgen.commands.approve import approve as run_approve
    from grantgen.commands.approve import approved_on

    result = run_approve(_open(workspace), list(documents), by, out, pdf=pdf, meeting=meeting,
                         reason=reason)
    for entry in result.entries:
        click.secho(_("{path}: approved by {by} on {at} (version {version}, sha256 {sha}).")
                    .format(path=entry.path, by=entry.approved_by,
                            at=approved_on(entry.approved_at), version=entry.version,
                            sha=entry.sha256), fg="green")
    for path in result.pdfs:
        click.echo("  " + path)
    click.echo(_("Decision {id} recorded in {log}.").format(
        id=result.decision_id, log=result.out / "decisions.jsonl"))


@cli.command(help=N_("Withdraw the approval of DOCUMENT (its path in the output folder): it "
                     "becomes a draft again, with the CONCEPT mark, and the log of decisions "
                     "records the withdrawal."),
             short_help=N_("Withdraw an approval: the document is a draft again."))
@click.argument("documents", nargs=-1, required=True, cls=Argument,
              metavar=N_("DOCUMENT..."))
@click.option("--by", "by", required=True, metavar=N_("NAME"),
              help=N_("Who withdraws: a board member in facts/organisation.yaml."))
@click.option("--meeting", default=None, metavar=N_("TEXT"),
              help=N_("The meeting that decided (kept in the log of decisions)."))
@click.option("--reason", default=None, metavar=N_("TEXT"),
              help=N_("Why the approval is withdrawn (kept in the log of decisions)."))
@workspace_option
@out_option
def unapprove(documents: tuple[str, ...], by: str, meeting: str | None, reason: str | None,
              workspace: Path | None, out: Path | None) -> None:
    from grantgen.commands.approve import withdraw

    result = withdraw(_open(workspace), list(documents), by, out, meeting=meeting,
                      reason=reason)
    for entry in result.entries:
        if entry.path in result.lost:
            click.secho(_("{path}: approval withdrawn by {by}; its file was gone, so it is no "
                          "longer listed, and the next build makes a new draft.").format(
                path=entry.path, by=result.records[0].by), fg="green")
            continue
        click.secho(_("{path}: approval withdrawn by {by}; it is a draft again (version "
                      "{version}).").format(path=entry.path, by=result.records[0].by,
                                            version=entry.version), fg="green")
    click.echo(_("Decision {id} recorded in {log}.").format(
        id=result.decision_id, log=result.out / "decisions.jsonl"))


@cli.command(help=N_("Write the review pack for the board: every document with its "
                     "findings, key figures and changes since its last approved version, and "
                     "a sign-off table."),
             short_help=N_("Write the review pack for the board."))
@workspace_option
@year_option
@out_option
@date_option
def review(workspace: Path | None, year: int | None, out: Path | None,
           date: dt.date | None) -> None:
    from grantgen.cli.show import review_summary
    from grantgen.commands.review import review as run_review

    result = run_review(_open(workspace), out, year, date)
    click.echo(review_summary(result.documents, result.stale, result.language))
    click.secho(_("Review pack written to {path}").format(path=result.out / result.path),
                fg="green")


@cli.command(help=N_("Every upcoming application and report deadline across funders, with "
                     "days left."),
             short_help=N_("Every upcoming deadline, with days left."))
@workspace_option
@date_option
@click.option("--ics", type=FILE, default=None,
              metavar=N_("FILE"), help=N_("Also write the deadlines to this calendar file "
                                          "(.ics)."))
def deadlines(workspace: Path | None, date: dt.date | None, ics: Path | None) -> None:
    from grantgen.cli.show import shown
    from grantgen.commands.deadlines import deadlines_overview

    click.echo(shown(deadlines_overview(_open(workspace), date, ics)))


@cli.command(help=N_("Start the board's web page on this computer: the documents, what "
                     "changed, approval and building, in a browser. It runs until Ctrl-C."),
             short_help=N_("The board's web page: review, compare and approve."))
@workspace_option
@out_option
@click.option("--port", type=click.IntRange(0, 65535), default=0, metavar=N_("PORT"),
              help=N_("The port to listen on (default: a free one)."))
@click.option("--host", default="127.0.0.1", metavar=N_("ADDRESS"),
              help=N_("The address to listen on (default: 127.0.0.1, this computer only). "
                      "0.0.0.0 lets others on the local network in, with the token."))
@click.option("--no-browser", is_flag=True, help=N_("Do not open the browser."))
def serve(workspace: Path | None, out: Path | None, port: int, host: str,
          no_browser: bool) -> None:
    import webbrowser

    from grantgen.web.server import open_server

    opened = _open(workspace)
    try:
        server = open_server(opened, out, host, port)
    except OSError as e:
        raise GrantgenError(_("Cannot listen on {host}:{port} ({error}). Choose another "
                              "--port, or leave it out for a free one.").format(
            host=host, port=port, error=e.strerror or e)) from e
    if not server.local:
        click.secho(_("Warning: the page is open to every computer on this network that "
                      "has the address with its token. Use this only at a board meeting on "
                      "a network you trust, and stop it afterwards with Ctrl-C."),
                    err=True, fg="yellow")
    try:
        click.echo(_("The board's page is at {url}").format(url=server.url))
        click.echo(_("Open it in a browser on this computer; stop with Ctrl-C."))
        sys.stdout.flush()
        if not no_browser:
            webbrowser.open(server.url)
        server.run()
    except KeyboardInterrupt:  # Ctrl-C: uvicorn has stopped, or was not running yet
        pass
    finally:
        server.close()
    click.echo(_("Stopped."))


def main() -> None:
    try:
        cli(prog_name="grantgen")
    except BrokenPipeError:  # while click writes a usage error or a help page
        _reader_gone()
