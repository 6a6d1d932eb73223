"""`grantgen funders`: the funder profiles and the applications the plan calls for, as data.

It reads only the facts: no figures, texts, templates or document libraries are needed to
list them, so it stays quick on a workspace of any size.
"""

from __future__ import annotations

from grantgen.commands.listing import Listing, Table
from grantgen.core.errors import InputError, Problems
from grantgen.core.formatting import amount
from grantgen.core.i18n import _, current_language
from grantgen.core.labels import label
from grantgen.core.workspace import Workspace
from grantgen.facts.reading import load_facts
from grantgen.facts.tables import ALL
from grantgen.figures.plan import applications


def funders_table(workspace: Workspace) -> Listing:
    """The funder profiles with their type, then every application the plan calls for."""

    # only the facts, and not the visits register or the profiles of the participants: no
    # figures, texts or templates are needed to list the applications
    problems = Problems()
    facts = load_facts(workspace, problems, skip=frozenset({"visits", "participant_profiles"}))
    if facts is None or problems.errors:
        raise InputError(problems)
    language = facts.organisation.settings.language
    names = dict(zip(facts.locations["location_id"], facts.locations["name"], strict=True))
    names[ALL] = _("Organisation")
    asks = applications(facts)
    rows = []
    for funder in facts.funders.values():
        mine = [s for s in asks if s.funder_id == funder.id]
        # the type in words, in the language of the table: 'gemeente', 'municipality'
        kind = label("funder_type", funder.type, current_language())
        rows.append([funder.id, funder.name, kind, funder.language, str(len(mine)),
                     amount(sum(s.amount or 0 for s in mine), language=language) if mine
                     else "–"])
    headers = [_("Id"), _("Name"), _("Type"), _("Language"), _("Applications"), _("Asked")]
    table = Table(headers, rows, right={4, 5})
    if not asks:
        return [table]
    detail = [[str(s.year), s.funder_id or "", names.get(s.location_id, s.location_id or ""),
               amount(s.amount, language=language)] for s in asks]
    return [table, "", _("Applications"),
            Table([_("Year"), _("Funder"), _("Location"), _("Asked")], detail, right={3})]
