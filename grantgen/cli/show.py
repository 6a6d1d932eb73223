"""Laying out what the commands return for the terminal: plain-text tables and the review."""

from __future__ import annotations

from grantgen.commands.listing import Listing, Table
from grantgen.core.formatting import amount
from grantgen.core.formatting import date as format_date
from grantgen.core.i18n import _
from grantgen.output.changes import Changes


def text_table(headers: list[str], rows: list[list[str]], right: set[int]) -> str:
    """A plain-text table; columns in `right` are right-aligned (numbers, amounts)."""
    widths = [max(len(str(x)) for x in [h] + [r[i] for r in rows]) for i, h in enumerate(headers)]

    def line(cells):
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def shown(listing: Listing) -> str:
    """A command's listing as terminal text, a line per paragraph ("" a blank line)."""
    return "\n".join(text_table(block.headers, block.rows, block.right)
                     if isinstance(block, Table) else block for block in listing)


def review_summary(documents: list[dict], stale: list[str], language: str) -> str:
    """The review in the terminal: one line per document, then what needs doing."""
    statuses = {"draft": _("draft"), "approved": _("approved")}
    rows = [[str(d["number"]), d["path"],
             amount(d["amount"], language=language) if d["amount"] is not None else "–",
             format_date(d["deadline"], "short", language) if d["deadline"] else "–",
             str(d["days_left"]) if d["days_left"] is not None else "",
             f"{statuses.get(d['status'], d['status'])} v{d['version']}",
             str(d["errors"]), str(d["warnings"]), str(len(d["changes"]))]
            for d in documents]
    headers = [_("#"), _("Document"), _("Amount"), _("Deadline"), _("Days left"), _("Status"),
               _("Errors"), _("Warnings"), _("Changed")]
    lines = [text_table(headers, rows, right={0, 2, 4, 6, 7, 8})]
    for d in documents:
        for change in d["changes"]:
            lines.append(_("  {number}. {label}: {old} -> {new}").format(
                number=d["number"], label=change["label"], old=change["old"],
                new=change["new"]))
    for line in stale:
        lines.append(_("warning: {line} Run grantgen build, then review again.").format(
            line=line))
    lines.append(_("{drafts} draft(s) to decide on; check found {errors} error(s) and "
                   "{warnings} warning(s) (grantgen check lists them; the review pack shows "
                   "them per document).").format(
        drafts=sum(d["status"] == "draft" for d in documents),
        errors=sum(d["errors"] for d in documents),
        warnings=sum(d["warnings"] for d in documents)))
    return "\n".join(lines)


def change_summary(changes: Changes) -> list[str]:
    """What changed since the last build, as the last lines of `grantgen build`: the counts,
    then each document no longer made, by name, with why and where it is now."""
    if changes.first:
        lines = [_("First build of these documents here: {n} new.").format(
            n=len(changes.new))]
    else:
        lines = [_("Since the last build: {new} new, {changed} changed, {unchanged} "
                   "unchanged, {gone} no longer made.").format(
            new=len(changes.new), changed=len(changes.changed),
            unchanged=len(changes.unchanged), gone=len(changes.gone))]
    for gone in changes.gone:
        line = _("{title} is no longer made: {reason}.").format(
            title=gone.entry.title or gone.entry.path, reason=gone.reason)
        if gone.kept:
            line += " " + _("Its approved version stays in the output folder: {path}.").format(
                path=gone.kept)
        for path, backup in gone.moved_to.items():
            line += " " + _("Its draft {path} was moved to {backup}.").format(
                path=path, backup=backup)
        lines.append("  " + line)
    return lines
