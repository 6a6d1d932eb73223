"""Which Word template a document uses: the funder's own, the workspace's, or the built-in one."""

from __future__ import annotations

from pathlib import Path

from grantgen.core.errors import Problem
from grantgen.core.i18n import _
from grantgen.core.resources import shipped
from grantgen.core.workspace import Workspace
from grantgen.profiles.funders import Funder

#: the built-in Word templates (templates/ of the checkout, grantgen/templates in a wheel)
BUILTIN = shipped("templates")


def default_name(kind: str, funder_type: str | None, language: str) -> str:
    """`application-municipality.docx`, `application-private-fund.en.docx`, `annual-report.docx`"""
    stem = f"{kind}-{funder_type}" if funder_type else kind
    return f"{stem}.en.docx" if language == "en" else f"{stem}.docx"


def find_template(workspace: Workspace, kind: str, funder: Funder | None,
                  language: str) -> tuple[Path, str] | Problem:
    """The template file and how messages name it, or the Problem when it is not there.

    A profile's `templates:` names a file in the workspace's templates/ folder. Otherwise the
    workspace's templates/ may hold a file with the default name, which overrides the built-in.
    """
    if funder is not None and kind in funder.templates:
        name = funder.templates[kind]
        path = (workspace.templates_dir / name)
        if path.resolve().parent != workspace.templates_dir.resolve() and \
                workspace.templates_dir.resolve() not in path.resolve().parents:
            return Problem(funder.file, _("the template '{name}' must be inside templates/.")
                           .format(name=name), hint=_("Give only the file name."))
        if not path.is_file():
            return Problem(funder.file, _("the template '{name}' is not in templates/.").format(
                name=name), hint=_("Put the .docx in templates/, or remove the line to use the "
                                   "built-in template."))
        return path, workspace.relative(path)
    name = default_name(kind, funder.type if funder else None, language)
    own = workspace.templates_dir / name
    builtin = BUILTIN / name
    # the example workspace of a checkout keeps the built-in templates in its own templates/
    if own.is_file() and not (builtin.is_file() and own.resolve() == builtin.resolve()):
        return own, workspace.relative(own)
    if builtin.is_file():
        return builtin, f"(built-in) {name}"
    return Problem(funder.file if funder else "templates/", _(
        "there is no template for {kind} documents ({name}).").format(kind=kind, name=name),
        hint=_("Add templates/{name}, or name one under 'templates:' in the profile.").format(
            name=name))
