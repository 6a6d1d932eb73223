"""Help pages in the run's language: `grantgen --help` and `grantgen COMMAND --help`.

The help of every command and option is written in English in grantgen/cli.py and marked
with N_() (`help=N_("...")`, `short_help=N_("...")`, `metavar=N_("FOLDER")`); the classes
here translate it when a help page is shown, in the language grantgen/i18n.py chooses for
the workspace named on the command line (`--workspace`/`-w`), else for the current folder,
as the commands themselves do once they run.

click's own words on a help page (Usage:, Options, Commands, [OPTIONS], the help of --help
and --version, [required]) are in our catalogue too, as CLICK_WORDS. click's messages about
wrong usage ("No such option", "Missing argument", "Try ... for help") are not: click
writes them itself, in English, and the usage line printed above them stays English with
them.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grantgen.core.i18n import N_, _, choose_language, set_language

#: click's words on a help page, for our catalogue (click's own catalogue has no Dutch)
CLICK_WORDS = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("[OPTIONS]"), N_("COMMAND [ARGS]..."),
    N_("[COMMAND] [ARGS]..."), N_("Show this message and exit."),
    N_("Show the version and exit."), N_("required"),
)

#: where the root command keeps the command line, for the help of the commands below it
_COMMAND_LINE = "grantgen.command_line"


def workspace_on_command_line(args: Sequence[str]) -> Path | None:
    """The folder given with --workspace/-w on this command line (the last one), if any."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--workspace", "-w"):
            found = args[i + 1] if i + 1 < len(args) else None
        elif arg.startswith("--workspace="):
            found = arg.split("=", 1)[1]
        elif arg.startswith("-w") and not arg.startswith("--"):
            found = arg[2:]
    return Path(found) if found else None


def help_language(ctx: click.Context) -> str:
    """The language of a help page: that of the workspace on the command line, or of the
    current folder, chosen as for every other message (grantgen/i18n.py)."""
    workspace = workspace_on_command_line(ctx.meta.get(_COMMAND_LINE, ()))
    return choose_language(workspace or Path("."))


def _short(text: str, limit: int) -> str:
    """The first sentence of `text`, cut at a word with '...' when longer than `limit`."""
    first = inspect.cleandoc(text).split("\n\n")[0].replace("\n", " ")
    sentence = first.split(". ")[0]
    sentence = sentence if sentence.endswith(".") or sentence == first else sentence + "."
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 3].rsplit(" ", 1)[0] + "..."


class HelpPage(click.HelpFormatter):
    """click's layout of a help page, with click's words in the run's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage:") + " " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading))


if TYPE_CHECKING:  # what the mixin is mixed into, for the type checker only
    _Mixin = click.Command
else:
    _Mixin = object


class _Translated(_Mixin):
    """Mixed into click's Command and Group: the help page translated where it is shown."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:  # the whole command line, for the language of any help page
            ctx.meta.setdefault(_COMMAND_LINE, list(args))
        return super().parse_args(ctx, args)

    def get_help(self, ctx: click.Context) -> str:
        set_language(help_language(ctx))
        page = HelpPage(width=ctx.terminal_width, max_width=ctx.max_content_width)
        self.format_help(ctx, page)
        return page.getvalue().rstrip("\n")

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if not isinstance(formatter, HelpPage):  # above click's English usage error
            super().format_usage(ctx, formatter)
            return
        pieces = [_(piece) for piece in self.collect_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(inspect.cleandoc(_(self.help)))

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.epilog:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(inspect.cleandoc(_(self.epilog)))

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            return inspect.cleandoc(_(self.short_help))
        return _short(_(self.help), limit) if self.help else ""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and not isinstance(param, click.Argument):
                rows.append(_option_row(param, *record))
        if rows:
            with formatter.section("Options"):
                formatter.write_dl(rows)


def _option_row(param: click.Parameter, term: str, text: str) -> tuple[str, str]:
    """click's row of an option (`-y, --year YEAR`, `help  [extras]`), translated: its
    metavar, its help and the word 'required' among click's extras."""
    metavar = param.metavar
    if metavar and term.endswith(" " + metavar):
        term = term[: -len(metavar)] + _(metavar)
    help_text = param.help or ""
    if help_text and text.startswith(help_text):
        text = _(help_text) + text[len(help_text):]
    return term, text.replace("required]", _("required") + "]")


class Command(_Translated, click.Command):
    """A command whose help page speaks the run's language."""


class Group(_Translated, click.Group):
    """A group whose help page, and its commands' pages, speak the run's language."""

    command_class = Command

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)


Group.group_class = Group
