"""Writes the built-in Word templates into grantgen/builtin_templates/.

Run `python scripts/make_templates.py` after changing this file; a test checks that the
committed templates are what this script writes. The templates are ordinary .docx files:
users copy one into their workspace's templates/ folder and change it in Word.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from docx_builder import Builder, Col  # noqa: E402

from grantgen.render import normalise_zip  # noqa: E402

OUT = HERE.parent / "grantgen" / "builtin_templates"
TYPES = ("municipality", "housing-corporation", "private-fund", "health-insurer")

# Static text of the application templates, per language. Tags ({{ }}) stay as they are.
L = {
    "nl": {
        "page": "Pagina", "of": "van",
        "header": "Aanvraag {{ funder.name }} {{ year }}",
        "footer": "{% if org.kvk %}KvK {{ org.kvk }}{% endif %}",
        "to": "Aan", "date_line": "{{ org.city }}, {{ document.date | date }}",
        "subject": "Betreft",
        "subject_text": {
            "municipality": "Subsidieaanvraag {{ funder.programme or 'gemeente' }} {{ year }} "
                            "voor {{ location.name }}",
            "housing-corporation": "Aanvraag bijdrage leefbaarheid {{ year }} voor "
                                   "{{ location.name }}",
            "private-fund": "Aanvraag {{ funder.programme or 'bijdrage' }} {{ year }} voor "
                            "{{ location.name }}",
            "health-insurer": "Aanvraag {{ funder.programme or 'bijdrage' }} {{ year }} voor "
                              "{{ location.name }}",
        },
        "intro": {
            "municipality": "Hierbij vraagt {{ org.name }} subsidie aan voor het jaar {{ year }} "
                            "voor {{ location.name }}. Wij vragen u een bijdrage van "
                            "{{ ask.amount | amount }} in een totale begroting van "
                            "{{ budget.total | amount }}. In deze aanvraag vindt u het "
                            "activiteitenplan, het bereik van de afgelopen jaren, de resultaten, "
                            "de begroting en het dekkingsplan.",
            "housing-corporation": "Hierbij vraagt {{ org.name }} {{ funder.name }} om een "
                                   "bijdrage van {{ ask.amount | amount }} voor "
                                   "{{ location.name }} in {{ year }}. Onze buurtwerkkamers "
                                   "zijn ontmoetingsplekken in de buurten waar veel van uw "
                                   "huurders wonen; zij dragen bij aan goed samenleven en een "
                                   "leefbare buurt.",
            "private-fund": "Hierbij vraagt {{ org.name }} {{ funder.name }} om een bijdrage "
                            "van {{ ask.amount | amount }} voor {{ location.name }} in "
                            "{{ year }}, in een totale begroting van "
                            "{{ budget.total | amount }}.",
            "health-insurer": "Hierbij vraagt {{ org.name }} {{ funder.name }} om een bijdrage "
                              "van {{ ask.amount | amount }} voor {{ location.name }} in "
                              "{{ year }}. Onze buurtwerkkamers brengen bewoners in beweging "
                              "en met elkaar in contact; dat is goed voor hun gezondheid en "
                              "gaat eenzaamheid tegen.",
        },
        "closing": "Wij zien uw reactie met belangstelling tegemoet. Voor vragen kunt u contact "
                   "opnemen met {{ org.contact.name or org.name }}"
                   "{% if org.contact.email %} ({{ org.contact.email }}){% endif %}.",
        "regards": "Met vriendelijke groet,",
        "on_behalf": "namens het bestuur van {{ org.name }}",
        "title": "Aanvraag {{ year }}",
        "subtitle": "{{ location.name }} · aan {{ funder.name }}",
        "facts_table": [("Aanvrager", "{{ org.name }}"),
                        ("Locatie", "{{ location.name }}{% if location.neighbourhood %} "
                                    "({{ location.neighbourhood }}){% endif %}"),
                        ("Periode", "1 januari tot en met 31 december {{ year }}"),
                        ("Gevraagd bedrag", "{{ ask.amount | amount }}"),
                        ("Totale begroting", "{{ budget.total | amount }}"),
                        ("Aandeel in de begroting", "{{ ask.share | percent }}")],
        "s_summary": "Samenvatting",
        "s_org": "De aanvrager",
        "org_table": [("Naam", "{{ org.name }}"),
                      ("Rechtsvorm", "{{ org.legal_form_label }}"),
                      ("Opgericht", "{{ org.founded | date }}"),
                      ("KvK-nummer", "{{ org.kvk }}"),
                      ("RSIN", "{{ org.rsin }}"),
                      ("ANBI-status", "{% if org.anbi %}ja{% else %}nee{% endif %}"),
                      ("IBAN", "{{ org.iban }}"),
                      ("Adres", "{{ org.address }}, {{ org.postcode }} {{ org.city }}"),
                      ("Website", "{{ org.website }}")],
        "mission": "Missie",
        "board": "Bestuur",
        "board_cols": ("Naam", "Functie"),
        "s_need": {"municipality": "Aanleiding en maatschappelijke opgave",
                   "housing-corporation": "Aanleiding",
                   "private-fund": "Aanleiding en probleemstelling",
                   "health-insurer": "Aanleiding"},
        "s_health": "Gezondheid en eenzaamheid",
        "s_liveability": "Leefbaarheid en uw huurders",
        "s_activities": {"municipality": "Activiteitenplan",
                         "housing-corporation": "Activiteiten in de buurt",
                         "private-fund": "Projectplan: activiteiten",
                         "health-insurer": "Activiteiten"},
        "activities_intro": {
            "municipality": "De activiteiten dragen bij aan activering, zelfredzaamheid en "
                            "het tegengaan van sociaal isolement. Ze zijn vrij toegankelijk "
                            "als algemene voorziening in de wijk.",
            "housing-corporation": "De activiteiten brengen buren met elkaar in contact en "
                                   "maken problemen achter de voordeur eerder zichtbaar.",
            "private-fund": "Een vrij toegankelijke ontmoetingsplek met een vast programma, "
                            "gedragen door bewoners en vrijwilligers.",
            "health-insurer": "Bewegen, samen eten en ontmoeten: activiteiten die bijdragen "
                              "aan ervaren gezondheid en minder eenzaamheid.",
        },
        "open_since": "Open sinds {{ loc.opened | date('month') }}",
        "act_cols": ("Activiteit", "Soort", "Hoe vaak"),
        "no_activities": "Voor deze locatie zijn nog geen activiteiten vastgelegd.",
        "s_approach": "Aanpak",
        "s_reach": "Bereik",
        "reach_sentence": "In {{ reach.year }} bezochten {{ reach.unique_participants | number }} "
                          "verschillende deelnemers {{ location.name }}, samen goed voor "
                          "{{ reach.visits | number }} bezoeken. Organisatiebreed waren dat "
                          "{{ reach_org.unique_participants | number }} unieke deelnemers "
                          "(ieder één keer geteld, ook wie meer locaties bezoekt).",
        "reach_cols": ("Locatie", "Jaar", "Unieke deelnemers", "Bezoeken", "Vrijwilligers"),
        "org_total": "Organisatie",
        "double_note": "De organisatiebrede deelnemersaantallen zijn een optelling van de "
                       "locaties; wie meer locaties bezoekt kan dubbel geteld zijn.",
        "no_reach": "Er zijn nog geen cijfers over het bereik.",
        "age_title": "Deelnemers naar leeftijd ({{ reach.year }})",
        "age_cols": ("Leeftijdsgroep", "Unieke deelnemers"),
        "hood_title": "Deelnemers naar woonwijk ({{ reach.year }})",
        "hood_cols": ("Wijk", "Unieke deelnemers"),
        "small_note": "Groepen van minder dan {{ privacy.threshold }} deelnemers staan als "
                      "\u2018< {{ privacy.threshold }}\u2019, zodat niemand herkenbaar is.",
        "tenants": "Van de {{ reach.unique_participants | number }} deelnemers in "
                   "{{ tenants.year }} huren er {{ tenants.shown | number }} een woning van "
                   "{{ funder.name }}{% if tenants.share and not tenants.shown is string %} "
                   "({{ tenants.share | percent }}){% endif %}.",
        "tenants_unknown": "Hoeveel deelnemers bij {{ funder.name }} huren, leggen wij vanaf "
                           "dit jaar vast.",
        "s_outcomes": "Resultaten en doelen",
        "outcomes_intro": "Resultaten in {{ outcomes.year }} tegen de doelen, en de doelen voor "
                          "{{ year }}.",
        "out_cols": ("Indicator", "Locatie", "Resultaat {{ outcomes.year }}",
                     "Doel {{ outcomes.year }}", "Doel {{ year }}"),
        "no_outcomes": "Er zijn nog geen gemeten resultaten.",
        "s_budget": "Begroting {{ year }}",
        "budget_cols": ("Post", "Bedrag"),
        "subtotal": "Subtotaal {{ c.name | lower }}",
        "total_costs": "Totale kosten",
        "no_budget": "Er is nog geen begroting voor {{ year }}.",
        "s_funding": "Dekkingsplan",
        "funding_cols": ("Bron", "Status", "Bedrag"),
        "this_request": " (deze aanvraag)",
        "funding_committed": "Toegezegd en ontvangen",
        "funding_requested": "Aangevraagd (nog niet toegezegd)",
        "funding_gap": "Tekort na toezeggingen",
        "balanced": "De begroting is sluitend: de totale kosten ({{ budget.total | amount }}) "
                    "zijn gelijk aan de toegezegde inkomsten ({{ funding.committed | amount }}) "
                    "plus de gevraagde subsidie ({{ ask.amount | amount }}).",
        "not_balanced": "Let op: de kosten ({{ budget.total | amount }}) en de inkomsten "
                        "inclusief deze aanvraag ({{ (funding.committed + ask.amount) | amount }})"
                        " verschillen {{ ask.balance | amount }}.",
        "gap_sentence": "Na de toezeggingen resteert een tekort van {{ funding.gap | amount }}.",
        "s_ask": "Gevraagde bijdrage",
        "ask_sentence": "Wij vragen {{ funder.name }} een bijdrage van "
                        "{{ ask.amount | amount }}. Dat is {{ ask.share | percent }} van de "
                        "totale begroting van {{ budget.total | amount }}"
                        "{% if ask.share_of_gap %} en {{ ask.share_of_gap | percent }} van het "
                        "tekort van {{ funding.gap | amount }}{% endif %}.",
        "s_continuity": "Continuïteit",
        "s_attachments": "Bijlagen",
        "attachments_intro": "Met deze aanvraag sturen wij mee:",
        "no_attachments": "Er zijn geen bijlagen gevraagd.",
        "s_contact": "Contact en ondertekening",
        "contact_table": [("Contactpersoon", "{{ org.contact.name }}"),
                          ("Functie", "{{ org.contact.role }}"),
                          ("E-mail", "{{ org.contact.email }}"),
                          ("Telefoon", "{{ org.contact.phone }}")],
        "sign_intro": "Aldus naar waarheid ingevuld en ondertekend namens het bestuur:",
        "sign_cols": ("Naam", "Functie", "Handtekening"),
        "sign_place": "Plaats en datum: {{ org.city }}, {{ document.date | date }}",
    },
    "en": {
        "page": "Page", "of": "of",
        "header": "Application {{ funder.name }} {{ year }}",
        "footer": "{% if org.kvk %}Chamber of Commerce {{ org.kvk }}{% endif %}",
        "to": "To", "date_line": "{{ org.city }}, {{ document.date | date }}",
        "subject": "Subject",
        "subject_text": {t: "Application {{ funder.programme or 'for a grant' }} {{ year }} "
                            "for {{ location.name }}" for t in TYPES},
        "intro": {t: "{{ org.name }} hereby applies to {{ funder.name }} for a grant of "
                     "{{ ask.amount | amount }} for {{ location.name }} in {{ year }}, within "
                     "a total budget of {{ budget.total | amount }}." for t in TYPES},
        "closing": "We look forward to your reply. For any questions, please contact "
                   "{{ org.contact.name or org.name }}"
                   "{% if org.contact.email %} ({{ org.contact.email }}){% endif %}.",
        "regards": "Yours sincerely,",
        "on_behalf": "on behalf of the board of {{ org.name }}",
        "title": "Application {{ year }}",
        "subtitle": "{{ location.name }} · to {{ funder.name }}",
        "facts_table": [("Applicant", "{{ org.name }}"),
                        ("Location", "{{ location.name }}{% if location.neighbourhood %} "
                                     "({{ location.neighbourhood }}){% endif %}"),
                        ("Period", "1 January to 31 December {{ year }}"),
                        ("Amount requested", "{{ ask.amount | amount }}"),
                        ("Total budget", "{{ budget.total | amount }}"),
                        ("Share of the budget", "{{ ask.share | percent }}")],
        "s_summary": "Summary",
        "s_org": "The applicant",
        "org_table": [("Name", "{{ org.name }}"),
                      ("Legal form", "{{ org.legal_form_label }}"),
                      ("Founded", "{{ org.founded | date }}"),
                      ("Chamber of Commerce no.", "{{ org.kvk }}"),
                      ("RSIN (tax number)", "{{ org.rsin }}"),
                      ("ANBI (public benefit) status", "{% if org.anbi %}yes{% else %}no"
                                                       "{% endif %}"),
                      ("IBAN", "{{ org.iban }}"),
                      ("Address", "{{ org.address }}, {{ org.postcode }} {{ org.city }}"),
                      ("Website", "{{ org.website }}")],
        "mission": "Mission",
        "board": "Board",
        "board_cols": ("Name", "Role"),
        "s_need": {t: "Background and need" for t in TYPES},
        "s_health": "Health and loneliness",
        "s_liveability": "Liveability and your tenants",
        "s_activities": {t: "Activities" for t in TYPES},
        "activities_intro": {t: "Freely accessible meeting places with a regular programme, "
                                "run by residents and volunteers." for t in TYPES},
        "open_since": "Open since {{ loc.opened | date('month') }}",
        "act_cols": ("Activity", "Kind", "How often"),
        "no_activities": "No activities have been recorded for this location yet.",
        "s_approach": "Approach",
        "s_reach": "Reach",
        "reach_sentence": "In {{ reach.year }}, {{ reach.unique_participants | number }} "
                          "different participants visited {{ location.name }}, for "
                          "{{ reach.visits | number }} visits in all. Across the organisation "
                          "that was {{ reach_org.unique_participants | number }} unique "
                          "participants (each counted once, even when visiting several "
                          "locations).",
        "reach_cols": ("Location", "Year", "Unique participants", "Visits", "Volunteers"),
        "org_total": "Organisation",
        "double_note": "The organisation-wide participant figures are the sum of the "
                       "locations; people visiting more than one location may be counted "
                       "twice.",
        "no_reach": "There are no reach figures yet.",
        "age_title": "Participants by age ({{ reach.year }})",
        "age_cols": ("Age group", "Unique participants"),
        "hood_title": "Participants by neighbourhood ({{ reach.year }})",
        "hood_cols": ("Neighbourhood", "Unique participants"),
        "small_note": "Groups of fewer than {{ privacy.threshold }} participants are shown as "
                      "\u2018< {{ privacy.threshold }}\u2019, so that no one can be "
                      "recognised.",
        "tenants": "Of the {{ reach.unique_participants | number }} participants in "
                   "{{ tenants.year }}, {{ tenants.shown | number }} rent their home from "
                   "{{ funder.name }}{% if tenants.share and not tenants.shown is string %} "
                   "({{ tenants.share | percent }}){% endif %}.",
        "tenants_unknown": "We are recording from this year on how many participants rent "
                           "from {{ funder.name }}.",
        "s_outcomes": "Results and targets",
        "outcomes_intro": "Results in {{ outcomes.year }} against the targets, and the targets "
                          "for {{ year }}.",
        "out_cols": ("Indicator", "Location", "Result {{ outcomes.year }}",
                     "Target {{ outcomes.year }}", "Target {{ year }}"),
        "no_outcomes": "No results have been measured yet.",
        "s_budget": "Budget {{ year }}",
        "budget_cols": ("Item", "Amount"),
        "subtotal": "Subtotal {{ c.name | lower }}",
        "total_costs": "Total costs",
        "no_budget": "There is no budget for {{ year }} yet.",
        "s_funding": "Funding plan",
        "funding_cols": ("Source", "Status", "Amount"),
        "this_request": " (this application)",
        "funding_committed": "Committed and received",
        "funding_requested": "Requested (not yet committed)",
        "funding_gap": "Shortfall after commitments",
        "balanced": "The budget balances: the total costs ({{ budget.total | amount }}) equal "
                    "the committed income ({{ funding.committed | amount }}) plus the amount "
                    "requested ({{ ask.amount | amount }}).",
        "not_balanced": "Note: the costs ({{ budget.total | amount }}) and the income including "
                        "this request ({{ (funding.committed + ask.amount) | amount }}) differ by "
                        "{{ ask.balance | amount }}.",
        "gap_sentence": "After commitments, a shortfall of {{ funding.gap | amount }} remains.",
        "s_ask": "Amount requested",
        "ask_sentence": "We ask {{ funder.name }} for a contribution of "
                        "{{ ask.amount | amount }}. That is {{ ask.share | percent }} of the "
                        "total budget of {{ budget.total | amount }}"
                        "{% if ask.share_of_gap %} and {{ ask.share_of_gap | percent }} of the "
                        "shortfall of {{ funding.gap | amount }}{% endif %}.",
        "s_continuity": "Continuity",
        "s_attachments": "Attachments",
        "attachments_intro": "Enclosed with this application:",
        "no_attachments": "No attachments have been requested.",
        "s_contact": "Contact and signature",
        "contact_table": [("Contact person", "{{ org.contact.name }}"),
                          ("Role", "{{ org.contact.role }}"),
                          ("Email", "{{ org.contact.email }}"),
                          ("Phone", "{{ org.contact.phone }}")],
        "sign_intro": "Completed truthfully and signed on behalf of the board:",
        "sign_cols": ("Name", "Role", "Signature"),
        "sign_place": "Place and date: {{ org.city }}, {{ document.date | date }}",
    },
}

# Which text block fills which narrative section (a profile's `sections:` may point
# elsewhere; these are the names the example workspace's texts/ folder uses).
BLOCKS = {
    "summary": "texts.samenvatting",
    "organisation": "texts.organisatie",
    "need": "texts.aanleiding",
    "approach": "texts.aanpak",
    "continuity": "texts.continuiteit",
    "health": "texts.gezondheid",
    "liveability": "texts.leefbaarheid",
}


def application(kind: str, language: str) -> Builder:
    t = L[language]
    b = Builder(t["title"], t["header"], t["footer"], language, t["page"], t["of"])
    n = _Numbering()

    # --- the letter -------------------------------------------------------------------------
    b.para(("{{ org.name }}", "b"), space_after=0)
    b.para("{% if org.address %}{{ org.address }}, {% endif %}{{ org.postcode }} {{ org.city }}",
           space_after=0)
    b.para("{% if org.email %}{{ org.email }}{% endif %}{% if org.email and org.website %} · "
           "{% endif %}{% if org.website %}{{ org.website }}{% endif %}", space_after=18)
    b.para((t["to"] + ":", "b"), space_after=0)
    b.para("{{ funder.name }}", space_after=0)
    b.tag("{%p if funder.contact.department %}")
    b.para("{{ funder.contact.department }}", space_after=0)
    b.tag("{%p endif %}")
    b.tag("{%p if funder.contact.name %}")
    b.para("{{ funder.contact.name }}", space_after=0)
    b.tag("{%p endif %}")
    b.tag("{%p if funder.contact.address %}")
    b.para("{{ funder.contact.address }}", space_after=0)
    b.para("{{ funder.contact.postcode }} {{ funder.contact.city }}", space_after=0)
    b.tag("{%p endif %}")
    b.para("", space_after=6)
    b.para(t["date_line"], space_after=12)
    b.para((t["subject"] + ": ", "b"), t["subject_text"][kind], space_after=18)
    b.para("{{ funder.salutation }},")
    b.para(t["intro"][kind])
    b.para(t["closing"])
    b.para(t["regards"], space_after=30)
    b.para("{{ org.contact.name or '' }}", space_after=0)
    b.para("{{ org.contact.role or '' }}", space_after=0)
    b.para(t["on_behalf"])
    b.page_break()

    # --- the application --------------------------------------------------------------------
    b.title(t["title"], t["subtitle"])
    b.key_values(t["facts_table"])

    b.heading(n(t["s_summary"]))
    b.text_block(BLOCKS["summary"])

    if kind == "health-insurer":
        b.heading(n(t["s_health"]))
        b.text_block(BLOCKS["health"])

    b.heading(n(t["s_org"]))
    b.text_block(BLOCKS["organisation"])
    b.key_values(t["org_table"], condition={3: "org.kvk", 4: "org.rsin", 6: "org.iban",
                                            2: "org.founded", 8: "org.website"})
    b.heading(t["mission"], 2)
    b.para("{{ org.mission }}")
    b.tag("{%p if org.board %}")
    b.heading(t["board"], 2)
    b.table([Col(t["board_cols"][0], "{{ m.name }}", 7.0),
             Col(t["board_cols"][1], "{{ m.role }}", 9.4)], loop="for m in org.board")
    b.tag("{%p endif %}")

    b.heading(n(t["s_need"][kind]))
    b.text_block(BLOCKS["need"])

    if kind == "housing-corporation":
        b.heading(n(t["s_liveability"]))
        b.text_block(BLOCKS["liveability"])
        b.tag("{%p if tenants.known %}")
        b.para(t["tenants"])
        b.tag("{%p else %}")
        b.para(t["tenants_unknown"])
        b.tag("{%p endif %}")

    b.heading(n(t["s_activities"][kind]))
    b.para(t["activities_intro"][kind])
    b.tag("{%p for loc in locations %}")
    b.heading("{{ loc.name }}{% if loc.neighbourhood %} ({{ loc.neighbourhood }}){% endif %}", 3)
    b.para((t["open_since"], "i"), "{% if loc.description %} · {{ loc.description }}{% endif %}")
    b.tag("{%p if loc.activities %}")
    b.table([Col(t["act_cols"][0], "{{ a.name }}", 6.6),
             Col(t["act_cols"][1], "{{ a.category }}", 4.8),
             Col(t["act_cols"][2], "{{ a.frequency or '' }}", 5.0)],
            loop="for a in loc.activities")
    b.tag("{%p else %}")
    b.para(t["no_activities"])
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")

    b.heading(n(t["s_approach"]))
    b.text_block(BLOCKS["approach"])

    b.heading(n(t["s_reach"]))
    b.tag("{%p if reach_table.rows %}")
    b.para(t["reach_sentence"])
    reach_cols = [Col(t["reach_cols"][0], "{{ r.location }}", 5.2),
                  Col(t["reach_cols"][1], "{{ r.year }}", 1.8),
                  Col(t["reach_cols"][2], "{{ r.unique_participants | number }}", 3.4, True),
                  Col(t["reach_cols"][3], "{{ r.visits | number }}", 3.0, True),
                  Col(t["reach_cols"][4], "{{ r.volunteers | number }}", 3.0, True)]
    b.grid(reach_cols, [
        ("header", [c.header for c in reach_cols]),
        ("tag", "{%tr for r in reach_table.rows %}"),
        ("data", [c.cell for c in reach_cols]),
        ("tag", "{%tr endfor %}"),
        ("tag", "{%tr for r in reach_table.total %}"),
        ("total", ["{% if loop.first %}" + t["org_total"] + "{% endif %}"]
         + [c.cell for c in reach_cols[1:]]),
        ("tag", "{%tr endfor %}"),
    ])
    b.tag("{%p if reach_table.double_counted %}")
    b.para((t["double_note"], "small"))
    b.tag("{%p endif %}")
    b.tag("{%p else %}")
    b.para(t["no_reach"])
    b.tag("{%p endif %}")
    if kind == "municipality":
        b.tag("{%p if age_bands %}")
        b.heading(t["age_title"], 3)
        b.table([Col(t["age_cols"][0], "{{ a.label }}", 7.0),
                 Col(t["age_cols"][1], "{{ a.shown | number }}", 4.0, True)],
                loop="for a in age_bands")
        b.tag("{%p if age_bands | selectattr('small') | list %}")
        b.para((t["small_note"], "small"))
        b.tag("{%p endif %}")
        b.tag("{%p endif %}")
    if kind == "housing-corporation":
        b.tag("{%p if neighbourhoods %}")
        b.heading(t["hood_title"], 3)
        b.table([Col(t["hood_cols"][0], "{{ h.label }}", 7.0),
                 Col(t["hood_cols"][1], "{{ h.count | number }}", 4.0, True)],
                loop="for h in neighbourhoods")
        b.tag("{%p if neighbourhoods | selectattr('small') | list %}")
        b.para((t["small_note"], "small"))
        b.tag("{%p endif %}")
        b.tag("{%p endif %}")

    b.heading(n(t["s_outcomes"]))
    b.tag("{%p if outcomes.rows %}")
    b.para(t["outcomes_intro"])
    b.table([Col(t["out_cols"][0], "{{ o.label }}", 5.6),
             Col(t["out_cols"][1], "{{ o.location }}", 3.4),
             Col(t["out_cols"][2], "{{ o.value | indicator(o.unit) }}", 2.5, True),
             Col(t["out_cols"][3], "{{ o.target | indicator(o.unit) }}", 2.4, True),
             Col(t["out_cols"][4], "{{ o.next_target | indicator(o.unit) }}", 2.5, True)],
            loop="for o in outcomes.rows")
    b.tag("{%p else %}")
    b.para(t["no_outcomes"])
    b.tag("{%p endif %}")

    b.heading(n(t["s_budget"]))
    b.tag("{%p if budget.has_lines %}")
    budget_cols = [Col(t["budget_cols"][0], "{{ l.item }}", 12.4),
                   Col(t["budget_cols"][1], "{{ l.amount | amount }}", 4.0, True)]
    b.grid(budget_cols, [
        ("header", [c.header for c in budget_cols]),
        ("tag", "{%tr for c in budget.categories %}"),
        ("group", ["{{ c.name }}", ""]),
        ("tag", "{%tr for l in c.lines %}"),
        ("data", [c.cell for c in budget_cols]),
        ("tag", "{%tr endfor %}"),
        ("subtotal", [t["subtotal"], "{{ c.subtotal | amount }}"]),
        ("tag", "{%tr endfor %}"),
        ("total", [t["total_costs"], "{{ budget.total | amount }}"]),
    ])
    b.tag("{%p else %}")
    b.para(t["no_budget"])
    b.tag("{%p endif %}")

    b.heading(n(t["s_funding"]))
    b.table([Col(t["funding_cols"][0], "{{ s.name }}{% if s.is_this_request %}"
                 + t["this_request"] + "{% endif %}", 8.4),
             Col(t["funding_cols"][1], "{{ s.status_label }}", 4.0),
             Col(t["funding_cols"][2], "{{ s.amount | amount }}", 4.0, True)],
            loop="for s in funding.sources",
            footer=[[t["funding_committed"], "", "{{ funding.committed | amount }}"],
                    [t["funding_requested"], "", "{{ funding.requested | amount }}"],
                    [t["funding_gap"], "", "{{ funding.gap | amount }}"]])
    if kind == "municipality":
        b.tag("{%p if ask.balance == 0 %}")
        b.para(t["balanced"])
        b.tag("{%p else %}")
        b.para(t["not_balanced"])
        b.tag("{%p endif %}")
    else:
        b.tag("{%p if funding.gap > 0 %}")
        b.para(t["gap_sentence"])
        b.tag("{%p endif %}")

    b.heading(n(t["s_ask"]))
    b.para(t["ask_sentence"])

    if kind in ("private-fund", "health-insurer"):
        b.heading(n(t["s_continuity"]))
        b.text_block(BLOCKS["continuity"])

    b.heading(n(t["s_attachments"]))
    b.tag("{%p if attachments %}")
    b.para(t["attachments_intro"])
    b.tag("{%p for a in attachments %}")
    b.bullet("{{ a.name }}")
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.para(t["no_attachments"])
    b.tag("{%p endif %}")

    b.heading(n(t["s_contact"]))
    b.key_values(t["contact_table"])
    b.para(t["sign_intro"])
    b.table([Col(t["sign_cols"][0], "{{ m.name }}", 5.5),
             Col(t["sign_cols"][1], "{{ m.role }}", 4.4),
             Col(t["sign_cols"][2], "\u00a0\n\u00a0", 6.5)],
            loop="for m in org.board[:2]")
    b.para(t["sign_place"])
    return b


class _Numbering:
    """Numbers the chapters of a template: '1  Samenvatting', '2  De aanvrager', ..."""

    def __init__(self):
        self.count = 0

    def __call__(self, text: str) -> str:
        self.count += 1
        return f"{self.count}\u2003{text}"


def templates() -> dict[str, Builder]:
    """Every built-in template by file name."""
    result = {}
    for kind in TYPES:
        for language in ("nl", "en"):
            suffix = ".en" if language == "en" else ""
            result[f"application-{kind}{suffix}.docx"] = application(kind, language)
    return result


def write(folder: Path = OUT) -> list[Path]:
    import io

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in templates().items():
        buffer = io.BytesIO()
        builder.save(buffer)
        path = folder / name
        path.write_bytes(normalise_zip(buffer.getvalue()))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write():
        print(path.relative_to(HERE.parent))
