"""English documents with Dutch words from the facts (`grantgen check`): a cost category or
item without an English name (documents/glossary.py) shows as the facts write it; a
warning names them and says where the English name goes. (Labels of other income are often
names, such as a sponsor's, so one without an English name is shown as it is.)"""

from __future__ import annotations

from grantgen.core.errors import Problem
from grantgen.core.i18n import _
from grantgen.documents.glossary import CATEGORY_EN, ITEM_EN, Glossary
from grantgen.facts.tables import ALL

#: how many names a finding lists before it says how many more
SHOWN = 6


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN])
    if len(names) > SHOWN:
        shown += " " + _("and {count} more").format(count=len(names) - SHOWN)
    return shown


def english_names(prepared, glossary: Glossary) -> list[Problem]:
    """A warning per English document whose cost categories or lines have no English
    name."""
    facts, figures = prepared.facts, prepared.figures
    found: list[Problem] = []
    for spec in prepared.specs:
        if spec.language != "en" or spec.kind == "review-pack":
            continue
        location = spec.location_id or ALL
        lines = (figures.budget_lines(spec.year, location) if spec.kind == "application"
                 else figures.cost_lines(spec.year))
        missing = [f"{category} / {item}" if item is not None else category
                   for category, item in glossary.untranslated(lines)]
        if missing:
            found.append(Problem(facts.files["budget"], _(
                "this document is in English, but these cost categories and lines have no "
                "English name: {names}.").format(names=_listed(missing)),
                hint=_("Add a column {item_en} to {budget} and write the English name of each "
                       "line on one of its rows (once is enough: it holds for every year and "
                       "location); a category takes its English name from a column "
                       "{category_en}.").format(item_en=ITEM_EN, category_en=CATEGORY_EN,
                                                budget=facts.files["budget"]),
                severity="warning", document=spec.path))
    return found

