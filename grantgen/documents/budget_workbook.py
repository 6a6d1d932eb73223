"""The budget and dekkingsplan of an application as an Excel workbook, for a portal that
asks for the budget as a file: the figures of the application's context, with live
formulas for the subtotals, the totals, the gap and the share asked, in the funder's
language. Same facts, same bytes: the parts carry a fixed time stamp."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from grantgen.core.files import normalise_zip
from grantgen.core.formatting import date
from grantgen.core.labels import label
from grantgen.documents.application import application
from grantgen.documents.form import with_path
from grantgen.documents.parts import Parts
from grantgen.figures.plan import DocumentSpec

#: the library the workbook is written with, for a build to load ahead (pipeline/warmup.py)
MODULES = ("openpyxl",)

#: the time stamp of every part of the workbook (as of every .docx grantgen writes)
#: the words of the workbook, in the funder's language (document text, not messages)
_WORDS: dict[str, dict[str, Any]] = {
    "nl": {"sheet": "Begroting", "title": "Begroting en dekkingsplan {year}: {location}",
           "subtitle": "Aanvraag aan {funder}, {date}", "budget": "Begroting {year}",
           "budget_cols": ("Post", "", "Bedrag"), "subtotal": "Subtotaal {category}",
           "total": "Totale kosten", "no_budget": "Er is nog geen begroting voor {year}.",
           "funding": "Dekkingsplan", "funding_cols": ("Bron", "Status", "Bedrag"),
           "this_request": " (deze aanvraag)", "committed": "Toegezegd en ontvangen",
           "requested": "Aangevraagd (nog niet toegezegd)", "gap": "Tekort na toezeggingen",
           "ask": "Deze aanvraag", "asked": "Gevraagd van {funder}",
           "share": "Aandeel in de begroting", "share_of_gap": "Aandeel in het tekort",
           "balance": "Kosten min toegezegde inkomsten en deze aanvraag",
           "open": "Open na alle aanvragen",
           "note": "De bedragen in kolom C zijn formules: pas een post of bron aan en de "
                   "totalen rekenen mee."},
    "en": {"sheet": "Budget", "title": "Budget and funding plan {year}: {location}",
           "subtitle": "Application to {funder}, {date}", "budget": "Budget {year}",
           "budget_cols": ("Item", "", "Amount"), "subtotal": "Subtotal {category}",
           "total": "Total costs", "no_budget": "There is no budget for {year} yet.",
           "funding": "Funding plan", "funding_cols": ("Source", "Status", "Amount"),
           "this_request": " (this application)", "committed": "Committed and received",
           "requested": "Requested (not yet committed)",
           "gap": "Shortfall after commitments", "ask": "This application",
           "asked": "Requested of {funder}", "share": "Share of the budget",
           "share_of_gap": "Share of the shortfall",
           "balance": "Costs less committed income and this request",
           "open": "Open after all applications",
           "note": "The totals in column C are formulas: change an item or a source and "
                   "they follow."},
}
#: amounts in euros, whole or with cents, and shares (the locale keeps `€ 1.234,50` Dutch)
_EUROS = {"nl": ('[$€-413] #,##0;[$€-413] -#,##0', '[$€-413] #,##0.00;[$€-413] -#,##0.00'),
          "en": ('[$€-809]#,##0;-[$€-809]#,##0', '[$€-809]#,##0.00;-[$€-809]#,##0.00')}
_SHARE = "0.0%"


def budget_workbook(parts: Parts, spec: DocumentSpec) -> dict:
    """The context of an application's budget workbook: the application's own."""
    return with_path(application(parts, spec.application), spec)


@dataclass
class _Sheet:
    """The rows written so far, and the cells that later formulas refer to."""

    sheet: Any
    words: dict
    money: str
    row: int = 0
    cells: dict[str, str] = field(default_factory=dict)

    def put(self, text: str = "", amount: Any = None, status: str = "", style: str = "",
            share: bool = False) -> int:
        """One row: its text in A, a status in B, an amount or formula in C."""
        from openpyxl.styles import Font

        self.row += 1
        row = self.row
        self.sheet.cell(row, 1, text or None)
        if status:
            self.sheet.cell(row, 2, status)
        if amount is not None:
            cell = self.sheet.cell(row, 3, amount)
            cell.number_format = _SHARE if share else self.money
        if style:
            size = {"title": 14, "heading": 12}.get(style)
            for column in (1, 2, 3):
                self.sheet.cell(row, column).font = Font(bold=True, size=size)
        return row


def _budget(out: _Sheet, budget: dict, year: int) -> str:
    """The budget, a subtotal per category; the cell of the total costs."""
    words = out.words
    out.put(words["budget"].format(year=year), style="heading")
    cols = words["budget_cols"]
    out.put(cols[0], cols[2], status=cols[1], style="bold")
    subtotals = []
    for category in budget["categories"]:
        out.put(category["name"], style="bold")
        first = out.row + 1
        for line in category["lines"]:
            out.put(f"  {line['item']}", line["amount"])
        formula = f"=SUM(C{first}:C{out.row})" if category["lines"] else 0
        name = str(category["name"])
        subtotals.append(out.put(words["subtotal"].format(category=name.lower()), formula,
                                 style="bold"))
    if not budget["categories"]:
        out.put(words["no_budget"].format(year=year))
    total = out.put(words["total"], "=" + "+".join(f"C{r}" for r in subtotals)
                    if subtotals else 0, style="bold")
    return f"C{total}"


def _funding(out: _Sheet, funding: dict, language: str) -> dict[str, str]:
    """The dekkingsplan, with what is committed and requested summed by status; the cells
    of those sums and of this request."""
    words = out.words
    out.put()
    out.put(words["funding"], style="heading")
    cols = words["funding_cols"]
    out.put(cols[0], cols[2], status=cols[1], style="bold")
    first = out.row + 1
    cells: dict[str, str] = {}
    for source in funding["sources"]:
        name = source["name"] + (words["this_request"] if source["is_this_request"] else "")
        row = out.put(name, source["amount"], status=source["status_label"])
        if source["is_this_request"]:
            cells["this"] = f"C{row}"
    last = out.row

    def summed(*statuses: str) -> str | int:
        if last < first:
            return 0
        return "=" + "+".join(f'SUMIF(B{first}:B{last},"{label("status", s, language)}",'
                              f"C{first}:C{last})" for s in statuses)

    cells["committed"] = f"C{out.put(words['committed'], summed('committed', 'received'))}"
    cells["requested"] = f"C{out.put(words['requested'], summed('requested'))}"
    return cells


def _ask(out: _Sheet, total: str, cells: dict[str, str], asked: float, funder: str) -> None:
    """The gap, this request and its share, each a formula on the cells above."""
    words = out.words
    committed = cells["committed"]
    gap = f"C{out.put(words['gap'], f'={total}-{committed}', style='bold')}"
    out.put()
    out.put(words["ask"], style="heading")
    this = "=" + cells["this"] if "this" in cells else asked
    ask = f"C{out.put(words['asked'].format(funder=funder), this)}"
    out.put(words["share"], f'=IF({total}=0,"",{ask}/{total})', share=True)
    out.put(words["share_of_gap"], f'=IF({gap}>0,{ask}/{gap},"")', share=True)
    out.put(words["balance"], f"={gap}-{ask}")
    out.put(words["open"], f"={gap}-{cells['requested']}")


def workbook_file(context: dict) -> bytes:
    """The budget workbook of an application, as .xlsx bytes."""
    from openpyxl import Workbook

    language = context["language"]
    words = _WORDS.get(language, _WORDS["nl"])
    budget, funding = context["budget"], context["funding"]
    amounts = [line["amount"] for c in budget["categories"] for line in c["lines"]] + \
        [s["amount"] for s in funding["sources"]] + [context["ask"]["amount"]]
    whole, cents = _EUROS.get(language, _EUROS["nl"])
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = words["sheet"]
    out = _Sheet(sheet, words, cents if any(float(a) % 1 for a in amounts) else whole)
    funder = context["funder"]["name"]
    out.put(words["title"].format(year=context["year"], location=context["location"]["name"]),
            style="title")
    out.put(words["subtitle"].format(funder=funder, date=date(
        context["document"]["date"], language=language)))
    out.put()
    total = _budget(out, budget, context["year"])
    cells = _funding(out, funding, language)
    _ask(out, total, cells, context["ask"]["amount"], funder)
    out.put()
    out.put(words["note"])
    for letter, width in zip("ABC", (52, 16, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    when = dt.datetime.combine(context["document"]["date"], dt.time(0))
    properties = workbook.properties
    properties.title = words["title"].format(year=context["year"],
                                             location=context["location"]["name"])
    properties.creator = properties.lastModifiedBy = context["org"]["name"]
    properties.language = language
    properties.created = properties.modified = when
    return normalise_zip(_saved(workbook))


def _saved(workbook) -> bytes:
    """The workbook's bytes, its properties as set (saving would date them now)."""
    buffer = io.BytesIO()
    try:
        from openpyxl.writer.excel import ExcelWriter

        ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    except (ImportError, AttributeError, TypeError):  # openpyxl's writer changed
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


