"""The command line in the run's language: help pages, and click's own messages about a
command typed wrongly.

The help of every command and option is written in English in grantgen/cli/main.py and
marked with N_() (`help=N_("...")`, `short_help=N_("...")`, `metavar=N_("FOLDER")`); the
classes here translate it when a help page is shown, in the language grantgen/core/i18n.py
chooses for the workspace named on the command line (`--workspace`/`-w`), else for the
current folder, as the commands themselves do once they run.

click's own words (Usage:, Options, [OPTIONS], the help of --help and --version, and its
messages about wrong usage: "No such option", "Missing option", "Try ... for help", ...)
are in our catalogue too, as CLICK_WORDS and CLICK_MESSAGES. click asks gettext for them
through the names `_` and `ngettext` of its own modules; route_clicks_messages() points
those names at our catalogue, so that a usage error speaks the language its command line
chose, before any command runs.
"""

from __future__ import annotations

import importlib
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

#: click's messages about a command typed wrongly, for our catalogue: exactly as click writes
#: them (tests/test_cli_messages.py holds them against click's source)
CLICK_MESSAGES = (
    N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("No such command {name!r}."), N_("No such option {name!r}."),
    N_("Did you mean {possibility}?"), N_("(Did you mean one of: {possibilities}?)"),
    N_("Missing argument"), N_("Missing option"), N_("Missing parameter"),
    N_("Missing {param_type}"), N_("Missing parameter: {param_name}"), N_("Missing command."),
    N_("Invalid value for {param_hint}: {message}"), N_("Invalid value: {message}"),
    N_("Got unexpected extra argument ({args})"), N_("Got unexpected extra arguments ({args})"),
    N_("Option {name!r} requires an argument."), N_("Option {name!r} requires {nargs} arguments."),
    N_("Option {name!r} does not take a value."), N_("Argument {name!r} takes {nargs} values."),
    N_("{value!r} is not {choice}."), N_("{value!r} is not one of {choices}."),
    N_("{value!r} is not a valid {number_type}."), N_("{value} is not in the range {range}."),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."), N_("file"), N_("directory"), N_("path"),
    N_("Positional arguments"), N_("%(prog)s, version %(version)s"), N_("Aborted!"),
)
#: the modules of click that ask gettext for their words
_CLICK_MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting",
                  "click.parser", "click.termui", "click.types")


_ROUTED = frozenset(CLICK_MESSAGES)


def _click_gettext(message: str) -> str:
    # only the messages: click words some of CLICK_WORDS once and keeps them (the help of
    # --help), and the classes below translate those where a help page shows them
    return _(message) if message in _ROUTED else message


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    return _click_gettext(singular if n == 1 else plural)  # Dutch has English's two forms


def route_clicks_messages() -> None:
    """click's messages through our catalogue, in the language set with set_language()."""
    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # another version of click, with its modules named otherwise
            continue
        if hasattr(module, "_"):
            module._ = _click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]


route_clicks_messages()

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


def command_line_language(ctx: click.Context) -> str:
    """The language of a help page or a usage error: that of the workspace on the command
    line, or of the current folder, chosen as for every other message (core/i18n.py)."""
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


class Context(click.Context):
    """click's context, laying out the usage line above a usage error as a help page does."""

    formatter_class = HelpPage


class _Translated(_Mixin):
    """Mixed into click's Command and Group: the help page translated where it is shown."""

    context_class = Context

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:  # the whole command line: the language of a help page or a
            ctx.meta.setdefault(_COMMAND_LINE, list(args))  # usage error in any command
            set_language(command_line_language(ctx))
        return super().parse_args(ctx, args)

    def get_help(self, ctx: click.Context) -> str:
        set_language(command_line_language(ctx))
        page = HelpPage(width=ctx.terminal_width, max_width=ctx.max_content_width)
        self.format_help(ctx, page)
        return page.getvalue().rstrip("\n")

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
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


class Argument(click.Argument):
    """An argument named in the run's language in a usage error (`Missing argument 'MAP'`),
    as the usage line above it names it."""

    def make_metavar(self, ctx: click.Context) -> str:
        return _(super().make_metavar(ctx))


class Command(_Translated, click.Command):
    """A command whose help page and usage errors speak the run's language."""


class Group(_Translated, click.Group):
    """A group whose help page, and its commands' pages, speak the run's language."""

    command_class = Command

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)


Group.group_class = Group
