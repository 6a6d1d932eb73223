"""The context of an application: one funder, one grant, one location or the organisation."""

from __future__ import annotations

from grantgen.documents.parts import Parts, no_tenants
from grantgen.facts.tables import ALL
from grantgen.figures.attachments import required
from grantgen.figures.plan import DocumentSpec
from grantgen.texts.fitting import SectionLibrary


def application(parts: Parts, spec: DocumentSpec) -> dict:
    """The application to one funder for one grant: its asked amount against the budget and
    the dekkingsplan, with reach, outcomes and the funder's sections."""
    assert spec.funder_id is not None  # an application is always to a funder
    funder = parts.facts.funders[spec.funder_id]
    language = spec.language
    location_id = spec.location_id or ALL
    scope = parts.scope(location_id, spec.year)
    budget = parts.budget(spec.year, location_id, language)
    funding = parts.funding(spec.year, location_id, language, this_funder=funder.id)
    last = parts.last_year_with_figures(spec.year)
    # who was reached in `last` came to the locations open then (the organisation's reach
    # includes a location that has closed since): age bands and tenants count them
    reached = parts.scope(location_id, last) if last else scope
    amount = float(spec.amount or 0)
    context = parts.base(spec)
    context.update({
        "funder": parts.funder(funder),
        "location": parts.location(location_id, language),
        "locations": parts.locations(scope, language),
        "reach": parts.reach(last, location_id) if last else parts.reach(spec.year, location_id),
        "reach_org": parts.reach(last, ALL) if last else parts.reach(spec.year, ALL),
        "reach_table": parts.reach_table(spec.year, scope, language),
        "outcomes": parts.outcomes(spec.year, scope, funder.themes, language),
        "budget": budget,
        "funding": funding,
        "ask": {"amount": amount,
                "share": (amount / budget["total"]) if budget["total"] else None,
                "gap": funding["gap"],
                # costs minus committed income minus this request: 0 is a sluitende begroting
                "balance": parts.figures.balance(spec.year, location_id, amount),
                "share_of_gap": (amount / funding["gap"]) if funding["gap"] > 0 else None,
                # the budget lines this funder may pay for (not in its excluded costs)
                "pays_for": parts.pays_for(spec.year, location_id, funder, amount, language)},
        "attachments": [a.model_dump() for a in required(funder, spec, parts.facts)],
        "age_bands": parts.age_bands(last, reached, language) if last else [],
        "neighbourhoods": parts.neighbourhoods(last, reached, language) if last else [],
        "tenants": (parts.tenants(last, reached, funder.id) if last and
                    funder.type == "housing-corporation" else no_tenants(last)),
        "sections": SectionLibrary(context["texts"], funder.sections, funder),
    })
    return context
