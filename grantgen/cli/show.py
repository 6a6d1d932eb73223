"""Laying out what the commands return for the terminal: plain-text tables and the review."""

from __future__ import annotations

from grantgen.commands.listing import Listing, Table
from grantgen.core.errors import Problem, Problems
from grantgen.core.formatting import amount
from grantgen.core.formatting import date as format_date
from grantgen.core.i18n import N_, _
from grantgen.output.changes import Changes

#: a build folds this many warnings of one kind, or more, into one line
FOLD_FROM = 3
#: the line a build shows for many warnings of one kind (Problem.kind); kinds not listed
#: here fold into their first warning and a count
FOLDED = {
    "text-stale": N_("{n} texts were last reviewed more than 12 months before the date of the "
                     "documents"),
    "text-unreviewed": N_("{n} texts have no 'reviewed:' date in their header"),
    "text-year": N_("{n} times a text mentions a typed-in year other than the year its "
                    "document is about"),
    "text-missing": N_("{n} text blocks that documents use are missing"),
    "text-unwritten": N_("{n} texts still hold only their writing hint"),
    "text-empty": N_("{n} texts are empty"),
    "legal-form": N_("{n} applications may be refused for the applicant's legal form"),
    "deadline": N_("{n} deadlines passed before the date of the documents or are within 14 "
                   "days"),
    "attachment-missing": N_("{n} times an attachment a funder wants is not in attachments/"),
    "attachment-age": N_("{n} times an attachment may be older than its funder wants"),
    "explanation-missing": N_("{n} cost lines differ from their budget without an "
                              "explanation"),
    "explanation-unused": N_("{n} explanations match no cost line"),
    "actuals-missing": N_("{n} times a finished year has no realised costs for a location"),
}


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


def finding_lines(problems: Problems, fold: bool = False) -> list[str]:
    """Every finding as a line, errors first, then warnings. With `fold` (a build), warnings
    of one kind that come FOLD_FROM times or more are one line with their count instead,
    after the others; `grantgen check` lists them all."""
    if not fold:
        return problems.summary_lines()
    kinds: dict[str, list[Problem]] = {}
    for problem in problems.warnings:
        if problem.kind:
            kinds.setdefault(problem.kind, []).append(problem)
    folded = {kind for kind, found in kinds.items() if len(found) >= FOLD_FROM}
    kept = Problems(items=[p for p in problems.items
                           if p.severity == "error" or p.kind not in folded],
                    _suppressed=dict(problems._suppressed))
    lines = kept.summary_lines()
    for kind in kinds:
        if kind in folded:
            lines.append(_("warning: {problem}").format(
                problem=folded_line(kind, kinds[kind])))
    return lines


def folded_line(kind: str, found: list[Problem]) -> str:
    """Many findings of one kind said in one line, named by the file they share (or their
    folder), with where to see them all."""
    if kind not in FOLDED:
        return "{first} {more}".format(first=found[0], more=_(
            "({n} more like this; grantgen check shows them all)").format(n=len(found) - 1))
    said = "{what} {all}.".format(what=_(FOLDED[kind]).format(n=len(found)),
                                  all=_("(grantgen check shows them all)"))
    where = _shared_place([p.file for p in found])
    return f"{where}: {said}" if where else said


def _shared_place(files: list[str]) -> str:
    """The one file all of `files` are, else the folder they share (texts/), else ''."""
    if len(set(files)) == 1:
        return files[0]
    folders = {file.split("/", 1)[0] for file in files}
    return f"{folders.pop()}/" if len(folders) == 1 and all("/" in f for f in files) else ""
