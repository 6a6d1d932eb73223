"""Writes the built-in Word templates into templates/.

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

from grantgen.word.package import normalise_zip  # noqa: E402

OUT = HERE.parent / "templates"
TYPES = ("municipality", "housing-corporation", "private-fund", "health-insurer")
# the organisation's address on one line, whatever parts of it the workspace gives
_ADDRESS = ("{% if org.address %}{{ org.address }}, {% endif %}"
            "{% if org.postcode %}{{ org.postcode }} {% endif %}{{ org.city }}")

# the budget lines a funder excludes, by name, in one sentence
EXCL = ("{% for c in ask.pays_for.excluded %}{% for l in c.lines %}{{ l.item }}"
        "{% if not loop.last %}, {% endif %}{% endfor %}{% if not loop.last %}, {% endif %}"
        "{% endfor %}")

# the organisation's address on one line, whatever parts of it the workspace gives (nothing
# at all when it gives none: check warns about that, and a letter shows no dash)
_ADDRESS = ("{% if org.address %}{{ org.address }}{% if org.postcode or org.city %}, "
            "{% endif %}{% endif %}{% if org.postcode %}{{ org.postcode }} {% endif %}"
            "{% if org.city %}{{ org.city }}{% endif %}")
# the place and the date of a letter or signature: the date alone without a city
_PLACE_DATE = "{% if org.city %}{{ org.city }}, {% endif %}{{ document.date | date }}"

# Static text of the application templates, per language. Tags ({{ }}) stay as they are.
L = {
    "nl": {
        "page": "Pagina", "of": "van",
        "header": "Aanvraag {{ funder.name }} {{ year }}",
        "footer": "{% if org.kvk %}KvK {{ org.kvk }}{% endif %}",
        "to": "Aan", "date_line": _PLACE_DATE,
        "subject": "Betreft",
        "subject_text": {
            "municipality": "Subsidieaanvraag {{ funder.programme or 'gemeente' }} {{ year }} "
                            "voor {{ location.name_in_sentence }}",
            "housing-corporation": "Aanvraag bijdrage leefbaarheid {{ year }} voor "
                                   "{{ location.name_in_sentence }}",
            "private-fund": "Aanvraag {{ funder.programme or 'bijdrage' }} {{ year }} voor "
                            "{{ location.name_in_sentence }}",
            "health-insurer": "Aanvraag {{ funder.programme or 'bijdrage' }} {{ year }} voor "
                              "{{ location.name_in_sentence }}",
        },
        "intro": {
            "municipality": "Hierbij vraagt {{ org.name }} subsidie aan voor het jaar {{ year }} "
                            "voor {{ location.name_in_sentence }}. Wij vragen u een bijdrage van "
                            "{{ ask.amount | amount }} in een totale begroting van "
                            "{{ budget.total | amount }}. In deze aanvraag vindt u het "
                            "activiteitenplan, het bereik van de afgelopen jaren, de resultaten, "
                            "de begroting en het dekkingsplan.",
            "housing-corporation": "Hierbij vraagt {{ org.name }} {{ funder.name_in_sentence }} "
                                   "om een "
                                   "bijdrage van {{ ask.amount | amount }} voor "
                                   "{{ location.name_in_sentence }} in {{ year }}. "
                                   "Onze buurtwerkkamers "
                                   "zijn ontmoetingsplekken in de buurten waar veel van uw "
                                   "huurders wonen; zij dragen bij aan goed samenleven en een "
                                   "leefbare buurt.",
            "private-fund": "Hierbij vraagt {{ org.name }} {{ funder.name_in_sentence }} om een "
                            "bijdrage "
                            "van {{ ask.amount | amount }} voor {{ location.name_in_sentence }} in "
                            "{{ year }}, in een totale begroting van "
                            "{{ budget.total | amount }}.",
            "health-insurer": "Hierbij vraagt {{ org.name }} {{ funder.name_in_sentence }} om "
                              "een bijdrage "
                              "van {{ ask.amount | amount }} voor "
                              "{{ location.name_in_sentence }} in "
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
        "subtitle": "{{ location.name }} · aan {{ funder.name_in_sentence }}",
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
                      ("Adres", _ADDRESS),
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
        # an organisation-wide sum of the locations is never called unique participants
        "reach_sentence": "{% if location.is_organisation %}In {{ reach.year }} kwamen "
                          "{{ reach.unique_participants | number }} "
                          "{% if reach.possibly_double_counted %}deelnemers (opgeteld over de "
                          "locaties; wie meer locaties bezoekt, kan dubbel geteld zijn)"
                          "{% else %}verschillende deelnemers (ieder één keer geteld, ook wie "
                          "meer locaties bezoekt){% endif %} naar onze locaties, samen goed "
                          "voor {{ reach.visits | number }} bezoeken.{% else %}"
                          "In {{ reach.year }} bezochten {{ reach.unique_participants | number }} "
                          "verschillende deelnemers {{ location.name }}, samen goed voor "
                          "{{ reach.visits | number }} bezoeken. "
                          "{% if reach_org.possibly_double_counted %}Opgeteld over de locaties "
                          "waren dat {{ reach_org.unique_participants | number }} deelnemers; "
                          "wie meer locaties bezoekt, kan daarin dubbel geteld zijn.{% else %}"
                          "Organisatiebreed waren dat "
                          "{{ reach_org.unique_participants | number }} unieke deelnemers "
                          "(ieder één keer geteld, ook wie meer locaties bezoekt).{% endif %}"
                          "{% endif %}",
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
                   "{{ funder.name_in_sentence }}{% if tenants.share and not tenants.shown is "
                   "string %} "
                   "({{ tenants.share | percent }}){% endif %}.",
        "tenants_unknown": "Hoeveel deelnemers bij {{ funder.name_in_sentence }} huren, leggen "
                           "wij vanaf "
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
        "gap_sentence": "Na de toezeggingen resteert een tekort van {{ funding.gap | amount }}.",
        "oversubscribed": "De aanvragen samen ({{ funding.requested | amount }}) zijn hoger dan "
                          "het tekort ({{ funding.gap | amount }}): wij vragen meerdere "
                          "financiers tegelijk, omdat niet elke aanvraag wordt toegekend. Wordt "
                          "meer toegezegd dan nodig, dan verlagen of trekken wij de aanvragen in "
                          "die nog open staan, en melden wij dat aan "
                          "{{ funder.name_in_sentence }}.",
        "s_ask": "Gevraagde bijdrage",
        "ask_sentence": "Wij vragen {{ funder.name_in_sentence }} een bijdrage van "
                        "{{ ask.amount | amount }}. Dat is {{ ask.share | percent }} van de "
                        "totale begroting van {{ budget.total | amount }}"
                        "{% if ask.share_of_gap %} en {{ ask.share_of_gap | percent }} van het "
                        "tekort van {{ funding.gap | amount }}{% endif %}.",
        "pays_for_intro": "Uw bijdrage van {{ ask.amount | amount }} is bestemd voor deze kosten "
                          "uit de begroting, die {{ funder.name_in_sentence }} vergoedt (samen "
                          "{{ ask.pays_for.total | amount }}):",
        "pays_for_cols": ("Post", "Bedrag"),
        "pays_for_total": "Samen",
        "pays_for_excluded": "De overige kosten (" + EXCL + ": "
                             "{{ ask.pays_for.excluded_total | amount }}) vallen buiten wat "
                             "{{ funder.name_in_sentence }} vergoedt; die dekken wij uit de "
                             "andere inkomsten in het dekkingsplan.",
        "pays_for_all": "Uw bijdrage is bestemd voor de kosten in de begroting hierboven, samen "
                        "{{ budget.total | amount }}.",
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
        "sign_place": "Plaats en datum: " + _PLACE_DATE,
    },
    "en": {
        "page": "Page", "of": "of",
        "header": "Application {{ funder.name }} {{ year }}",
        "footer": "{% if org.kvk %}Chamber of Commerce {{ org.kvk }}{% endif %}",
        "to": "To", "date_line": _PLACE_DATE,
        "subject": "Subject",
        "subject_text": {t: "Application {{ funder.programme or 'for a grant' }} {{ year }} "
                            "for {{ location.name_in_sentence }}" for t in TYPES},
        "intro": {t: "{{ org.name }} hereby applies to {{ funder.name_in_sentence }} for a "
                     "grant of "
                     "{{ ask.amount | amount }} for {{ location.name_in_sentence }} in "
                     "{{ year }}, within "
                     "a total budget of {{ budget.total | amount }}." for t in TYPES},
        "closing": "We look forward to your reply. For any questions, please contact "
                   "{{ org.contact.name or org.name }}"
                   "{% if org.contact.email %} ({{ org.contact.email }}){% endif %}.",
        "regards": "Yours sincerely,",
        "on_behalf": "on behalf of the board of {{ org.name }}",
        "title": "Application {{ year }}",
        "subtitle": "{{ location.name }} · to {{ funder.name_in_sentence }}",
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
                      ("Address", _ADDRESS),
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
        "reach_sentence": "{% if location.is_organisation %}In {{ reach.year }}, "
                          "{{ reach.unique_participants | number }} "
                          "{% if reach.possibly_double_counted %}participants (the sum of the "
                          "locations; people visiting more than one may be counted twice)"
                          "{% else %}different participants (each counted once, even when "
                          "visiting several locations){% endif %} came to our locations, for "
                          "{{ reach.visits | number }} visits in all.{% else %}"
                          "In {{ reach.year }}, {{ reach.unique_participants | number }} "
                          "different participants visited {{ location.name }}, for "
                          "{{ reach.visits | number }} visits in all. "
                          "{% if reach_org.possibly_double_counted %}Added up over the "
                          "locations, that was {{ reach_org.unique_participants | number }} "
                          "participants; people visiting more than one location may be counted "
                          "twice.{% else %}Across the organisation "
                          "that was {{ reach_org.unique_participants | number }} unique "
                          "participants (each counted once, even when visiting several "
                          "locations).{% endif %}{% endif %}",
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
                   "{{ funder.name_in_sentence }}{% if tenants.share and not tenants.shown is "
                   "string %} "
                   "({{ tenants.share | percent }}){% endif %}.",
        "tenants_unknown": "We are recording from this year on how many participants rent "
                           "from {{ funder.name_in_sentence }}.",
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
        "gap_sentence": "After commitments, a shortfall of {{ funding.gap | amount }} remains.",
        "oversubscribed": "Together, the requests ({{ funding.requested | amount }}) are more "
                          "than the shortfall ({{ funding.gap | amount }}): we apply to several "
                          "funders at once, because not every application is granted. If more "
                          "is pledged than needed, we lower or withdraw the requests still "
                          "open, and let {{ funder.name_in_sentence }} know.",
        "s_ask": "Amount requested",
        "ask_sentence": "We ask {{ funder.name_in_sentence }} for a contribution of "
                        "{{ ask.amount | amount }}. That is {{ ask.share | percent }} of the "
                        "total budget of {{ budget.total | amount }}"
                        "{% if ask.share_of_gap %} and {{ ask.share_of_gap | percent }} of the "
                        "shortfall of {{ funding.gap | amount }}{% endif %}.",
        "pays_for_intro": "Your contribution of {{ ask.amount | amount }} is for these costs in "
                          "the budget, which {{ funder.name_in_sentence }} covers "
                          "({{ ask.pays_for.total | amount }} together):",
        "pays_for_cols": ("Item", "Amount"),
        "pays_for_total": "Together",
        "pays_for_excluded": "The other costs (" + EXCL + ": "
                             "{{ ask.pays_for.excluded_total | amount }}) fall outside what "
                             "{{ funder.name_in_sentence }} covers; we pay for them from the "
                             "other income in the funding plan.",
        "pays_for_all": "Your contribution is for the costs in the budget above, "
                        "{{ budget.total | amount }} together.",
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
        "sign_place": "Place and date: " + _PLACE_DATE,
    },
}

# The narrative sections of the applications. Each shows the section of the funder's form
# (`sections:` in its profile; by default the text block grantgen.profiles.funders.STANDARD_SECTIONS
# names), fitted to the section's word limit, under the profile's title for it or ours.


def section_title(name: str, title: str) -> str:
    """A heading: the profile's title for the section, else the template's own."""
    quoted = title.replace("'", "\\'")
    return "{{ sections." + name + ".title or '" + quoted + "' }}"


def section_text(b: Builder, name: str) -> None:
    b.text_block(f"sections.{name}")


def application(kind: str, language: str) -> Builder:
    t = L[language]
    b = Builder(t["title"], t["header"], t["footer"], language, t["page"], t["of"])
    n = _Numbering()

    # --- the letter -------------------------------------------------------------------------
    _letter(b, t, t["subject_text"][kind], [t["intro"][kind]])

    # --- the application --------------------------------------------------------------------
    b.title(t["title"], t["subtitle"])
    b.key_values(t["facts_table"])

    b.heading(n(section_title("summary", t["s_summary"])))
    section_text(b, "summary")

    if kind == "health-insurer":
        b.heading(n(section_title("health", t["s_health"])))
        section_text(b, "health")

    b.heading(n(section_title("organisation", t["s_org"])))
    section_text(b, "organisation")
    b.key_values(t["org_table"], condition={3: "org.kvk", 4: "org.rsin", 6: "org.iban",
                                            2: "org.founded", 8: "org.website",
                                            7: "org.address or org.postcode or org.city"})
    b.heading(t["mission"], 2)
    b.para("{{ org.mission }}")
    b.tag("{%p if org.board %}")
    b.heading(t["board"], 2)
    b.table([Col(t["board_cols"][0], "{{ m.name }}", 7.0),
             Col(t["board_cols"][1], "{{ m.role }}", 9.4)], loop="for m in org.board")
    b.tag("{%p endif %}")

    b.heading(n(section_title("need", t["s_need"][kind])))
    section_text(b, "need")

    if kind == "housing-corporation":
        b.heading(n(section_title("liveability", t["s_liveability"])))
        section_text(b, "liveability")
        b.tag("{%p if tenants.known %}")
        b.para(t["tenants"])
        b.tag("{%p else %}")
        b.para(t["tenants_unknown"])
        b.tag("{%p endif %}")

    b.heading(n(t["s_activities"][kind]))
    b.para(t["activities_intro"][kind])
    b.tag("{%p for loc in locations %}")
    b.heading("{{ loc.name }}{% if loc.neighbourhood %} ({{ loc.neighbourhood }}){% endif %}", 3)
    b.para((t["open_since"], "i"), "{% if loc.description %} · {{ loc.description }}{% endif %}",
           keep=True)
    b.tag("{%p if loc.activities %}")
    b.table([Col(t["act_cols"][0], "{{ a.name }}", 6.6),
             Col(t["act_cols"][1], "{{ a.category }}", 4.8),
             Col(t["act_cols"][2], "{{ a.frequency or '' }}", 5.0)],
            loop="for a in loc.activities")
    b.tag("{%p else %}")
    b.para(t["no_activities"])
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")

    b.heading(n(section_title("approach", t["s_approach"])))
    section_text(b, "approach")

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
        # a budget that does not close is a finding of check (rules.balanced_budget), never
        # a note in the funder's document
        b.tag("{%p if ask.balance == 0 %}")
        b.para(t["balanced"])
        b.tag("{%p elif funding.gap > 0 %}")
        b.para(t["gap_sentence"])
        b.tag("{%p endif %}")
    else:
        b.tag("{%p if funding.gap > 0 %}")
        b.para(t["gap_sentence"])
        b.tag("{%p endif %}")
    b.tag("{%p if funding.oversubscribed %}")
    b.para(t["oversubscribed"])
    b.tag("{%p endif %}")

    b.heading(n(t["s_ask"]))
    b.para(t["ask_sentence"])
    _pays_for(b, t)

    if kind in ("private-fund", "health-insurer"):
        b.heading(n(section_title("continuity", t["s_continuity"])))
        section_text(b, "continuity")

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
    # without a contact person or a board, check warns, and the document leaves them out
    b.tag("{%p if org.contact.name %}")
    b.key_values(t["contact_table"], condition={1: "org.contact.role", 2: "org.contact.email",
                                                3: "org.contact.phone"})
    b.tag("{%p endif %}")
    b.tag("{%p if org.board %}")
    b.para(t["sign_intro"])
    b.table([Col(t["sign_cols"][0], "{{ m.name }}", 5.5),
             Col(t["sign_cols"][1], "{{ m.role }}", 4.4),
             Col(t["sign_cols"][2], "\u00a0\n\u00a0", 6.5)],
            loop="for m in org.board[:2]")
    b.tag("{%p endif %}")
    b.para(t["sign_place"])
    return b


def _pays_for(b: Builder, t: dict) -> None:
    """What the funder's contribution is for: the budget lines it does not exclude."""
    b.tag("{%p if ask.pays_for.has_exclusions %}")
    b.para(t["pays_for_intro"]).paragraph_format.keep_with_next = True
    cols = [Col(t["pays_for_cols"][0], "{{ l.item }}", 12.4),
            Col(t["pays_for_cols"][1], "{{ l.amount | amount }}", 4.0, True)]
    b.grid(cols, [
        ("header", [c.header for c in cols]),
        ("tag", "{%tr for c in ask.pays_for.categories %}"),
        ("group", ["{{ c.name }}", ""]),
        ("tag", "{%tr for l in c.lines %}"),
        ("data", [c.cell for c in cols]),
        ("tag", "{%tr endfor %}"),
        ("tag", "{%tr endfor %}"),
        ("total", [t["pays_for_total"], "{{ ask.pays_for.total | amount }}"]),
    ], hold_groups=True)
    b.para(t["pays_for_excluded"])
    b.tag("{%p else %}")
    b.para(t["pays_for_all"])
    b.tag("{%p endif %}")


# Static text of the review pack for the board, per language.
R = {
    "nl": {
        "page": "Pagina", "of": "van",
        "header": "Beoordelingspakket {{ review.scope }}",
        "footer": "Vertrouwelijk: voor het bestuur",
        "title": "Beoordelingspakket {{ review.scope }}",
        "subtitle": "{{ org.name }} · voor het bestuur · {{ review.date | date }}",
        "intro": "Dit pakket toont elk document dat klaarstaat om te verzenden: aan wie, "
                 "waarvoor, tot wanneer, wat de controle vond, de kerncijfers en wat er "
                 "veranderde sinds de laatst goedgekeurde versie. Concepten dragen het "
                 "kenmerk CONCEPT en een versienummer; na goedkeuring (grantgen approve) "
                 "verdwijnt het kenmerk en verandert het document niet meer.",
        "facts": [("Documenten", "{{ review.count }}"),
                  ("Concepten ter beoordeling", "{{ review.drafts }}"),
                  ("Al goedgekeurd", "{{ review.approved }}"),
                  ("Gevraagd in de concepten", "{{ review.asked | amount }}"),
                  ("Bevindingen", "{{ review.errors }} fout(en), {{ review.warnings }} let op")],
        "stale": "Let op: de documenten zijn niet bijgewerkt. Draai grantgen build en maak "
                 "dit pakket opnieuw:",
        "s_overview": "Overzicht",
        "overview_cols": ("Nr.", "Document", "Financier", "Locatie", "Bedrag", "Deadline",
                          "Status", "Bevindingen"),
        "s_documents": "De documenten",
        "doc_table": [("Bestand", "{{ d.path }}"),
                      ("Soort", "{{ d.kind_label }} {{ d.year }}"),
                      ("Financier", "{{ d.funder }}"),
                      ("Locatie", "{{ d.location }}"),
                      ("Bedrag", "{{ d.amount | amount }}{% if d.kind == 'application' %} "
                                 "gevraagd{% endif %}"),
                      ("Deadline", "{{ d.deadline_text }}{% if d.deadline_label %} · "
                                   "{{ d.deadline_label }}{% endif %}"),
                      ("Status", "{{ d.status_label }}, versie {{ d.version }}"
                                 "{% if d.approved_by %} (goedgekeurd door {{ d.approved_by }} "
                                 "op {{ d.approved_at | date }}){% endif %}")],
        "findings": "Bevindingen van de controle",
        "findings_cols": ("Ernst", "Waar", "Bevinding en wat te doen"),
        "no_findings": "Geen bevindingen.",
        "figures": "Kerncijfers in het document",
        "figures_cols": ("Cijfer", "Waarde"),
        "changes": "Gewijzigd sinds de goedgekeurde versie",
        "changes_cols": ("Cijfer", "Goedgekeurd (versie {{ d.compared_with.version }})",
                         "Nu (versie {{ d.version }})"),
        "no_changes": "Geen kerncijfer gewijzigd sinds versie {{ d.compared_with.version }}, "
                      "goedgekeurd door {{ d.compared_with.approved_by }}; de tekst of opmaak "
                      "kan wel veranderd zijn.",
        "first": "Nog niet eerder goedgekeurd: er is geen eerdere versie om mee te vergelijken.",
        "is_approved": "Deze versie is goedgekeurd en verandert niet meer.",
        "s_decision": "Besluit van het bestuur",
        "decision_intro": "Het bestuur heeft de documenten hierboven beoordeeld en besluit:",
        "decision_cols": ("Nr.", "Document", "Akkoord", "Niet akkoord", "Opmerking"),
        "sign_intro": "Ondertekening:",
        "sign_cols": ("Naam", "Functie", "Datum", "Handtekening"),
    },
    "en": {
        "page": "Page", "of": "of",
        "header": "Review pack {{ review.scope }}",
        "footer": "Confidential: for the board",
        "title": "Review pack {{ review.scope }}",
        "subtitle": "{{ org.name }} · for the board · {{ review.date | date }}",
        "intro": "This pack shows every document ready to be sent: to whom, for what, by "
                 "when, what the check found, the key figures and what changed since the last "
                 "approved version. Drafts carry a DRAFT mark and a version number; once "
                 "approved (grantgen approve) the mark goes and the document no longer "
                 "changes.",
        "facts": [("Documents", "{{ review.count }}"),
                  ("Drafts to review", "{{ review.drafts }}"),
                  ("Already approved", "{{ review.approved }}"),
                  ("Requested in the drafts", "{{ review.asked | amount }}"),
                  ("Findings", "{{ review.errors }} error(s), {{ review.warnings }} "
                               "warning(s)")],
        "stale": "Note: the documents are not up to date. Run grantgen build and make this "
                 "pack again:",
        "s_overview": "Overview",
        "overview_cols": ("No.", "Document", "Funder", "Location", "Amount", "Deadline",
                          "Status", "Findings"),
        "s_documents": "The documents",
        "doc_table": [("File", "{{ d.path }}"),
                      ("Kind", "{{ d.kind_label }} {{ d.year }}"),
                      ("Funder", "{{ d.funder }}"),
                      ("Location", "{{ d.location }}"),
                      ("Amount", "{{ d.amount | amount }}{% if d.kind == 'application' %} "
                                 "requested{% endif %}"),
                      ("Deadline", "{{ d.deadline_text }}{% if d.deadline_label %} · "
                                   "{{ d.deadline_label }}{% endif %}"),
                      ("Status", "{{ d.status_label }}, version {{ d.version }}"
                                 "{% if d.approved_by %} (approved by {{ d.approved_by }} on "
                                 "{{ d.approved_at | date }}){% endif %}")],
        "findings": "Findings of the check",
        "findings_cols": ("Severity", "Where", "Finding and what to do"),
        "no_findings": "No findings.",
        "figures": "Key figures in the document",
        "figures_cols": ("Figure", "Value"),
        "changes": "Changed since the approved version",
        "changes_cols": ("Figure", "Approved (version {{ d.compared_with.version }})",
                         "Now (version {{ d.version }})"),
        "no_changes": "No key figure changed since version {{ d.compared_with.version }}, "
                      "approved by {{ d.compared_with.approved_by }}; the text or layout may "
                      "have changed.",
        "first": "Not approved before: there is no earlier version to compare with.",
        "is_approved": "This version is approved and no longer changes.",
        "s_decision": "Decision of the board",
        "decision_intro": "The board has reviewed the documents above and decides:",
        "decision_cols": ("No.", "Document", "Approved", "Not approved", "Remarks"),
        "sign_intro": "Signed:",
        "sign_cols": ("Name", "Role", "Date", "Signature"),
    },
}


def review_pack(language: str) -> Builder:
    """The review pack for the board (landscape: its tables are wide)."""
    t = R[language]
    b = Builder(t["title"], t["header"], t["footer"], language, t["page"], t["of"],
                landscape=True)
    n = _Numbering()
    b.title(t["title"], t["subtitle"])
    b.para(t["intro"])
    b.key_values(t["facts"], widths=(7.0, 18.1))
    b.tag("{%p if review.stale %}")
    b.para((t["stale"], "b"))
    b.tag("{%p for line in review.stale %}")
    b.bullet("{{ line }}")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")

    b.heading(n(t["s_overview"]))
    c = t["overview_cols"]
    b.table([Col(c[0], "{{ d.number }}", 1.2, True),
             Col(c[1], "{{ d.title }}", 6.6),
             Col(c[2], "{{ d.funder }}", 3.4),
             Col(c[3], "{{ d.location }}", 3.4),
             Col(c[4], "{{ d.amount | amount }}", 2.5, True),
             Col(c[5], "{{ d.deadline_text }}", 3.4),
             Col(c[6], "{{ d.status_label }} v{{ d.version }}", 2.2),
             Col(c[7], "{{ d.findings_text }}", 2.4)],
            loop="for d in documents")

    b.heading(n(t["s_documents"]))
    b.tag("{%p for d in documents %}")
    b.heading("{{ d.number }}. {{ d.title }}", 2)
    b.key_values(t["doc_table"], widths=(5.0, 20.1))
    b.heading(t["findings"], 3)
    b.tag("{%p if d.findings %}")
    c = t["findings_cols"]
    b.table([Col(c[0], "{{ f.severity_label }}", 2.4, bold=True),
             Col(c[1], "{{ f.where }}", 6.2),
             Col(c[2], "{{ f.message }} {{ f.hint }}", 16.5)],
            loop="for f in d.findings")
    b.tag("{%p else %}")
    b.para(t["no_findings"])
    b.tag("{%p endif %}")
    b.heading(t["figures"], 3)
    c = t["figures_cols"]
    b.table([Col(c[0], "{{ f.label }}", 9.0), Col(c[1], "{{ f.shown }}", 4.0, True)],
            loop="for f in d.figures")
    b.heading(t["changes"], 3)
    b.tag("{%p if d.changes %}")
    c = t["changes_cols"]
    b.table([Col(c[0], "{{ c.label }}", 9.0), Col(c[1], "{{ c.old }}", 5.0, True),
             Col(c[2], "{{ c.new }}", 5.0, True)], loop="for c in d.changes")
    b.tag("{%p elif d.compared_with %}")
    b.para(t["no_changes"])
    b.tag("{%p elif d.status == 'approved' %}")
    b.para(t["is_approved"])
    b.tag("{%p else %}")
    b.para(t["first"])
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")

    b.page_break()
    b.heading(n(t["s_decision"]))
    b.para(t["decision_intro"])
    c = t["decision_cols"]
    b.table([Col(c[0], "{{ d.number }}", 1.2, True),
             Col(c[1], "{{ d.title }}", 10.4),
             Col(c[2], "", 2.6), Col(c[3], "", 2.6), Col(c[4], "\u00a0\n\u00a0", 8.3)],
            loop="for d in documents")
    b.para(t["sign_intro"])
    c = t["sign_cols"]
    b.table([Col(c[0], "{{ m.name }}", 6.5), Col(c[1], "{{ m.role }}", 5.0),
             Col(c[2], "", 4.0), Col(c[3], "\u00a0\n\u00a0", 9.6)],
            loop="for m in review.signers")
    return b


class _Numbering:
    """Numbers the chapters of a template: '1  Samenvatting', '2  De aanvrager', ..."""

    def __init__(self):
        self.count = 0

    def __call__(self, text: str) -> str:
        self.count += 1
        return f"{self.count}\u2003{text}"


# ---- year-end documents (#3): the accountability report per funder type and the annual report


# Static text of the year-end templates, per language. Tags ({{ }}) stay as they are.
Y = {
    "nl": {
        "page": "Pagina", "of": "van",
        "footer": "{% if org.kvk %}KvK {{ org.kvk }}{% endif %}",
        "budget": "Begroting", "actual": "Realisatie", "difference": "Verschil", "pct": "%",
        "item": "Post", "category": "Kostensoort", "location": "Locatie",
        "subtotal": "Subtotaal {{ c.name | lower }}",
        "total_costs": "Totale kosten",
        "total_of": "Totaal {{ blk.name }}",
        "deviation_mark": "* Afwijking van meer dan {{ costs.threshold | percent(0) }} ten "
                          "opzichte van de begroting; zie de toelichting hieronder.",
        "deviations_title": "Toelichting op de afwijkingen",
        "deviations_intro": "Kostenposten die meer dan {{ costs.threshold | percent(0) }} "
                            "afwijken van de begroting:",
        "deviation_line": ("{{ d.location }}, {{ d.item }} ({{ d.category | lower }}): ",
                           "{{ d.actual | amount }} gerealiseerd tegen {{ d.budget | amount }} "
                           "begroot ({% if d.share is not none %}"
                           "{{ d.share | percent(signed=True) }}{% else %}niet begroot"
                           "{% endif %})."),
        "this_funder": " (deze bijdrage)",
        "no_deviations": "Geen enkele kostenpost wijkt meer dan "
                         "{{ costs.threshold | percent(0) }} af van de begroting.",
        "not_reported": "Voor {{ blk.name }} zijn nog geen gerealiseerde kosten vastgelegd.",
        "income_title": "Inkomsten",
        "income_cols": ("Bron", "Status", "Bedrag"),
        "income_realised": "Ontvangen en toegezegd",
        "income_costs": "Werkelijke kosten",
        "income_result": "Resultaat (inkomsten min kosten)",
        "not_granted": "Niet toegekend, en daarom niet bij de inkomsten: "
                       "{% for s in income.not_granted_sources %}{{ s.name }} "
                       "({{ s.amount | amount }}, {{ s.status_label }})"
                       "{% if not loop.last %}, {% endif %}{% endfor %}.",
        "open_period": "Open sinds {{ loc.opened | date('month') }}",
        "opened_in_year": "{{ loc.name }} ging open op {{ loc.period.start | date }}; de cijfers "
                          "gaan over {{ loc.period.start | date }} tot en met "
                          "{{ loc.period.end | date }}.",
        "closed_in_year": "{{ loc.name }} is gesloten op {{ loc.period.closed | date }}. De "
                          "cijfers gaan over {{ loc.period.start | date }} tot en met "
                          "{{ loc.period.closed | date }}, de sluitingsdatum.",
        "loc_figures": [
            ("Unieke deelnemers", "{{ loc.figures.unique_participants | number }}"
             "{% if loc.figures.previous %} ({{ year - 1 }}: "
             "{{ loc.figures.previous.unique_participants | number }}){% endif %}"),
            ("Bezoeken", "{{ loc.figures.visits | number }}{% if loc.figures.previous %} "
             "({{ year - 1 }}: {{ loc.figures.previous.visits | number }}){% endif %}"),
            ("Nieuwe deelnemers", "{{ loc.figures.new_participants | number }}"),
            ("Vrijwilligers", "{{ loc.figures.volunteers | number }}"
             "{% if loc.figures.volunteer_hours %}, samen "
             "{{ loc.figures.volunteer_hours | number(0) }} uur{% endif %}"),
            ("Perspectiefbanen", "{{ loc.figures.perspectiefbanen | number }}"),
            ("Kosten", "{{ loc.costs.actual | amount }} (begroot "
             "{{ loc.costs.budget | amount }})"),
        ],
        "act_cols": ("Activiteit", "Soort", "Hoe vaak"),
        "outcome_cols": ("Indicator", "Doel", "Resultaat", "Gehaald"),
        "met": "{% if o.met %}ja{% elif o.met is none %}–{% else %}nee{% endif %}",
        "stories": "Uit de buurt",
        "story_source": "— {{ s.person or '' }}",
        "attachments": "Bijlagen",
        "sign_cols": ("Naam", "Functie", "Handtekening"),
        "sign_place": "Plaats en datum: " + _PLACE_DATE,
        # --- the accountability report ---
        "r_header": "Verantwoording {{ funder.name }} {{ year }}",
        "r_title": "Verantwoording {{ year }}",
        "r_subtitle": "{{ grant.locations_text }} · aan {{ funder.name_in_sentence }}",
        "to": "Aan", "subject": "Betreft",
        "date_line": _PLACE_DATE,
        "r_subject": {
            "municipality": "Verantwoording subsidie{% if funder.programme %} "
                            "{{ funder.programme }}{% endif %} {{ year }} en verzoek tot "
                            "vaststelling",
            "housing-corporation": "Verslag bijdrage leefbaarheid {{ year }}",
            "private-fund": "Eindverslag bijdrage{% if funder.programme %} "
                            "{{ funder.programme }}{% endif %} {{ year }}",
            "health-insurer": "Evaluatie {{ funder.programme or 'bijdrage' }} {{ year }}",
        },
        "r_intro": {
            "municipality": "Hierbij leggen wij verantwoording af over de subsidie van "
                            "{{ grant.amount | amount }} die u {{ org.name }} voor {{ year }} "
                            "verleende voor {{ grant.locations_text }}. Wij verzoeken u de "
                            "subsidie vast te stellen op dit bedrag.",
            "housing-corporation": "Hierbij sturen wij u het verslag over de bijdrage van "
                                   "{{ grant.amount | amount }} die {{ funder.name_in_sentence "
                                   "}} in "
                                   "{{ year }} gaf voor {{ grant.locations_text }}. U leest "
                                   "hoeveel van uw huurders we bereikten en wat de "
                                   "buurtwerkkamers voor de leefbaarheid deden.",
            "private-fund": "Hierbij sturen wij u het inhoudelijke en financiële verslag over "
                            "de bijdrage van {{ grant.amount | amount }} die {{ "
                            "funder.name_in_sentence }} "
                            "voor {{ year }} toekende aan {{ grant.locations_text }}.",
            "health-insurer": "Hierbij sturen wij u de evaluatie van de bijdrage van "
                              "{{ grant.amount | amount }} die {{ funder.name_in_sentence }} voor "
                              "{{ year }} gaf aan {{ grant.locations_text }}.",
        },
        "r_intro2": "U vindt erin wat wij in de aanvraag beloofden en wat we realiseerden, "
                    "het bereik, de activiteiten en de besteding per begrotingspost, met een "
                    "toelichting op elke afwijking van meer dan "
                    "{{ costs.threshold | percent(0) }}.",
        "closing": "Voor vragen kunt u contact opnemen met {{ org.contact.name or org.name }}"
                   "{% if org.contact.email %} ({{ org.contact.email }}){% endif %}.",
        "regards": "Met vriendelijke groet,",
        "on_behalf": "namens het bestuur van {{ org.name }}",
        "r_facts": [("Ontvanger", "{{ org.name }}"),
                    ("Verstrekker", "{{ funder.name }}{% if funder.programme %}, "
                                    "{{ funder.programme }}{% endif %}"),
                    ("Periode", "1 januari tot en met 31 december {{ year }}"),
                    ("Toegekend bedrag", "{{ grant.amount | amount }}"),
                    ("Voor", "{{ grant.locations_text }}"),
                    ("Verantwoordingsniveau", "{{ tier.label if tier else '–' }}"),
                    ("In te dienen voor", "{{ deadline | date }}")],
        "r_facts_condition": {6: "deadline"},
        "s_summary": "Samenvatting",
        "summary": "In {{ year }} kwamen {{ reach.unique_participants | number }} "
                   "{% if not promised.possibly_double_counted %}verschillende {% endif %}"
                   "deelnemers naar {{ grant.locations_text }}"
                   "{% if promised.stated %} (in {{ promised.year }}: "
                   "{{ promised.stated | number }}){% endif %}"
                   "{% if promised.possibly_double_counted %}; dat is een optelling van de "
                   "locaties, waarin wie meer locaties bezoekt dubbel geteld kan zijn"
                   "{% endif %}. "
                   "{% if promised.with_target %}Van de "
                   "{{ promised.with_target }} doelen met een gemeten resultaat haalden we er "
                   "{{ promised.met }}. {% endif %}{% if costs.actual is not none %}De kosten "
                   "kwamen uit op {{ costs.actual | amount }} tegen {{ costs.budget | amount }} "
                   "begroot{% if costs.share is not none %} "
                   "({{ costs.share | percent(signed=True) }}){% endif %}.{% else %}De "
                   "gerealiseerde kosten zijn nog niet volledig vastgelegd.{% endif %}",
        "s_grant": "De toekenning",
        "grant_cols": ("Locatie", "Status", "Bedrag"),
        "grant_total": "Totaal toegekend",
        "s_promised": "Beloofd en gerealiseerd",
        "reach_title": "Bereik",
        "reach_intro": "In de aanvraag voor {{ year }} noemden wij het bereik van "
                       "{{ promised.year }}; daarnaast staat wat in {{ year }} is gerealiseerd.",
        "reach_intro_none": "Bij de aanvraag voor {{ year }} waren er nog geen bereikcijfers; "
                            "dit is wat in {{ year }} is gerealiseerd.",
        "promised_cols": ("Locatie", "Unieke deelnemers in de aanvraag ({{ promised.year }})",
                          "Gerealiseerd ({{ year }})", "Verschil"),
        "goals_title": "Doelen",
        "goals_intro": "De doelen voor {{ year }} uit de aanvraag, tegen het gemeten resultaat.",
        "goal_cols": ("Indicator", "Locatie", "Doel", "Resultaat", "Gehaald"),
        "no_goals": "Voor {{ year }} zijn geen doelen met een gemeten resultaat vastgelegd.",
        "s_reach_terms": {
            "municipality": "Bereik naar leeftijd en activering",
            "housing-corporation": "Uw huurders",
            "private-fund": "Vrijwilligers",
            "health-insurer": "Gezondheid en meedoen",
        },
        "age_intro": "Unieke deelnemers in {{ year }} naar leeftijdsgroep, voor zover hun "
                     "leeftijd bekend is.",
        "age_cols": ("Leeftijdsgroep", "Unieke deelnemers"),
        "no_ages": "Van de deelnemers is geen leeftijd vastgelegd.",
        "tenants": "Van de {{ reach.unique_participants | number }} unieke deelnemers in "
                   "{{ year }} huren er {{ tenants.shown | number }} een "
                   "woning van {{ funder.name_in_sentence }}{% if tenants.share and not "
                   "tenants.shown is "
                   "string %} ({{ tenants.share | percent }}){% endif %}.",
        "tenants_unknown": "Hoeveel deelnemers een woning van {{ funder.name_in_sentence }} "
                           "huren, is "
                           "niet vastgelegd.",
        "vol_intro": "Vrijwilligers zijn de kern van het werk{% if volunteers.minimum %}; "
                     "{{ funder.name_in_sentence }} vraagt er minstens {{ volunteers.minimum }} "
                     "per "
                     "locatie{% endif %}.",
        "vol_cols": ("Locatie", "Vrijwilligers", "Uren", "Perspectiefbanen"),
        "s_activities": "Activiteiten per locatie",
        "s_finance": "Financiële verantwoording",
        "finance_intro": "Begroting en realisatie {{ year }} per begrotingspost"
                         "{% if requires.result_per_budget_line %}, het resultaat per "
                         "begrotingspost zoals het verantwoordingsprotocol vraagt{% endif %}.",
        "finance_total_title": "Totaal per kostensoort",
        "s_stories": "Verhalen uit de buurt",
        "no_stories": "Er zijn voor {{ year }} geen verhalen vastgelegd die gedeeld mogen "
                      "worden.",
        "s_reflection": "Terugblik en vervolg",
        "s_requirements": "Verantwoordingseisen en bijlagen",
        "tiers_intro": "Bij een bijdrage van {{ grant.amount | amount }} vraagt "
                       "{{ funder.name_in_sentence }}:",
        "tier_line": "{{ t.label }}{% if t.above %} (vanaf {{ t.above | amount }}){% endif %}",
        "no_tiers": "{{ funder.name_at_start }} stelt geen bijzondere eisen aan deze "
                    "verantwoording.",
        "attachments_intro": "Met deze verantwoording sturen wij mee:",
        "no_attachments": "Er zijn geen bijlagen gevraagd.",
        "s_sign": "Ondertekening",
        "sign_intro": "Aldus naar waarheid opgemaakt en ondertekend namens het bestuur:",
        # --- the annual report ---
        "a_header": "Jaarverslag {{ year }}",
        "a_title": "Jaarverslag {{ year }}",
        "a_subtitle": "{{ org.name }}",
        "a_period": "Over de periode 1 januari tot en met 31 december {{ year }}",
        "a_cover": [("{% if reach.possibly_double_counted %}Deelnemers (opgeteld over de "
                     "locaties){% else %}Unieke deelnemers{% endif %}",
                     "{{ reach.unique_participants | number }}"),
                    ("Bezoeken", "{{ reach.visits | number }}"),
                    ("Vrijwilligers", "{{ reach.volunteers | number }}"),
                    ("Uren vrijwilligerswerk", "{{ reach.volunteer_hours | number(0) }}"),
                    ("Locaties", "{{ locations | length }}")],
        "a_status": "Concept van {{ document.date | date }}. Vastgesteld door het bestuur "
                    "op: ………………………",
        "toc": "Inhoud",
        "toc_placeholder": "De inhoudsopgave wordt bijgewerkt als het document opent.",
        "s_foreword": "Voorwoord",
        "s_org": "Organisatie en bestuur",
        "org_table": [("Naam", "{{ org.name }}"),
                      ("Rechtsvorm", "{{ org.legal_form_label }}"),
                      ("Opgericht", "{{ org.founded | date }}"),
                      ("KvK-nummer", "{{ org.kvk }}"),
                      ("RSIN", "{{ org.rsin }}"),
                      ("Adres", _ADDRESS),
                      ("Website", "{{ org.website }}")],
        "org_condition": {2: "org.founded", 3: "org.kvk", 4: "org.rsin", 5: "org.address",
                          6: "org.website"},
        "mission": "Missie",
        "board": "Bestuur",
        "board_cols": ("Naam", "Functie"),
        "s_numbers": "Het jaar in cijfers",
        "numbers_intro": "De belangrijkste cijfers van {{ year }}{% if numbers.previous_year %}, "
                         "vergeleken met {{ numbers.previous_year }}{% endif %}. "
                         "{% if numbers.possibly_double_counted %}De deelnemers zijn een "
                         "optelling van de locaties; wie meer locaties bezoekt, kan dubbel "
                         "geteld zijn.{% else %}Unieke deelnemers tellen organisatiebreed één "
                         "keer, ook wie meer locaties bezoekt.{% endif %}",
        "numbers_cols": ("Kengetal", "{{ year - 1 }}", "{{ year }}", "Verschil", "%"),
        "numbers_cols_first": ("Kengetal", "{{ year }}"),
        "per_location": "Per locatie",
        "loc_cols": ("Locatie", "Unieke deelnemers", "t.o.v. {{ year - 1 }}", "Bezoeken",
                     "Vrijwil­ligers", "Uren", "Perspec­tiefbanen"),
        "new": "nieuw",
        "org_total": "Organisatie {% if reach_table.total.possibly_double_counted %}"
                     "(opgeteld){% else %}(uniek){% endif %}",
        "no_figures": "geen cijfers",
        "org_wide": "De organisatie als geheel",
        "org_wide_intro": "Wat de hele organisatie betreft, niet één locatie:",
        "overlap": "Opgeteld over de locaties zijn het "
                   "{{ reach_table.sum_of_locations | number }} deelnemers; organisatiebreed "
                   "{{ reach_table.total.unique_participants | number }} verschillende mensen, "
                   "omdat een deel van hen meer dan één locatie bezoekt.",
        "double_note": "Het organisatiebrede aantal is een optelling van de locaties; wie meer "
                       "locaties bezoekt kan dubbel geteld zijn.",
        "figure1": "Figuur 1. {{ charts.participants.caption }}",
        "figure2": "Figuur 2. {{ charts.budget.caption }}",
        "s_locations": "De locaties",
        "locations_intro": "In {{ year }} {% if locations | length == 1 %}was 1 locatie open"
                           "{% else %}waren {{ locations | length }} locaties open{% endif %}"
                           "{% if opened %}; nieuw open: {% for l in opened %}{{ l.name }}"
                           "{% if not loop.last %}, {% endif %}{% endfor %}{% endif %}"
                           "{% if closed %}; gesloten: {% for l in closed %}{{ l.name }} "
                           "({{ l.period.closed | date }}){% if not loop.last %}, {% endif %}"
                           "{% endfor %}{% endif %}.",
        "loc_activities": "Activiteiten",
        "loc_outcomes": "Resultaten",
        "no_activities": "Voor deze locatie zijn geen activiteiten vastgelegd.",
        "s_outcomes": "Resultaten tegen doelen",
        "outcomes_intro": "Van de {{ outcomes.with_target }} doelen voor {{ year }} met een "
                          "gemeten resultaat zijn er {{ outcomes.met }} gehaald. Per indicator:",
        "outcome_sum_cols": ("Indicator", "Doel gehaald", "Niet gehaald bij"),
        "outcome_sum_met": "{{ o.met }} van {{ o.with_target }}",
        "no_outcomes": "Voor {{ year }} zijn geen doelen met een gemeten resultaat vastgelegd.",
        "s_finance_a": "Financiën",
        "fin_categories": "Begroting en realisatie per kostensoort",
        "fin_locations": "Per locatie",
        "s_outlook": "Vooruitblik",
        "s_anbi": "Gegevens voor de ANBI-publicatie",
        "anbi_intro": "{{ org.name }} is een algemeen nut beogende instelling (ANBI). Deze "
                      "gegevens publiceren wij volgens de eisen van de Belastingdienst.",
        "anbi_table": [("Naam", "{{ org.name }}"),
                       ("RSIN", "{{ org.rsin }}"),
                       ("Contactgegevens", _ADDRESS +
                                           "{% if org.email %} · {{ org.email }}{% endif %}"
                                           "{% if org.phone %} · {{ org.phone }}{% endif %}"),
                       ("Doelstelling", "{{ org.mission }}"),
                       ("Bestuur", "{% for m in org.board %}{{ m.name }} ({{ m.role }})"
                                   "{% if not loop.last %}, {% endif %}{% endfor %}"),
                       ("Activiteiten", "Zie hoofdstuk De locaties"),
                       ("Financiële verantwoording", "Zie hoofdstuk Financiën")],
        "policy": "Beleidsplan in hoofdlijnen",
        "pay": "Beloningsbeleid",
        "a_sign_intro": "Vastgesteld door het bestuur:",
    },
    "en": {
        "page": "Page", "of": "of",
        "footer": "{% if org.kvk %}Chamber of Commerce {{ org.kvk }}{% endif %}",
        "budget": "Budget", "actual": "Actual", "difference": "Difference", "pct": "%",
        "item": "Item", "category": "Category", "location": "Location",
        "subtotal": "Subtotal {{ c.name | lower }}",
        "total_costs": "Total costs",
        "total_of": "Total {{ blk.name }}",
        "deviation_mark": "* A difference of more than {{ costs.threshold | percent(0) }} from "
                          "the budget; see the explanation below.",
        "deviations_title": "Explanation of the differences",
        "deviations_intro": "Cost items that differ from the budget by more than "
                            "{{ costs.threshold | percent(0) }}:",
        "deviation_line": ("{{ d.location }}, {{ d.item }} ({{ d.category | lower }}): ",
                           "{{ d.actual | amount }} spent against {{ d.budget | amount }} "
                           "budgeted ({% if d.share is not none %}"
                           "{{ d.share | percent(signed=True) }}{% else %}not budgeted"
                           "{% endif %})."),
        "this_funder": " (this grant)",
        "no_deviations": "No cost item differs from the budget by more than "
                         "{{ costs.threshold | percent(0) }}.",
        "not_reported": "No actual costs have been recorded for {{ blk.name }} yet.",
        "income_title": "Income",
        "income_cols": ("Source", "Status", "Amount"),
        "income_realised": "Received and committed",
        "income_costs": "Actual costs",
        "income_result": "Result (income minus costs)",
        "not_granted": "Not granted, and so not part of the income: "
                       "{% for s in income.not_granted_sources %}{{ s.name }} "
                       "({{ s.amount | amount }}, {{ s.status_label }})"
                       "{% if not loop.last %}, {% endif %}{% endfor %}.",
        "open_period": "Open since {{ loc.opened | date('month') }}",
        "opened_in_year": "{{ loc.name }} opened on {{ loc.period.start | date }}; the figures "
                          "cover {{ loc.period.start | date }} to {{ loc.period.end | date }}.",
        "closed_in_year": "{{ loc.name }} closed on {{ loc.period.closed | date }}. The figures "
                          "cover {{ loc.period.start | date }} to "
                          "{{ loc.period.closed | date }}, the closing date.",
        "loc_figures": [
            ("Unique participants", "{{ loc.figures.unique_participants | number }}"
             "{% if loc.figures.previous %} ({{ year - 1 }}: "
             "{{ loc.figures.previous.unique_participants | number }}){% endif %}"),
            ("Visits", "{{ loc.figures.visits | number }}{% if loc.figures.previous %} "
             "({{ year - 1 }}: {{ loc.figures.previous.visits | number }}){% endif %}"),
            ("New participants", "{{ loc.figures.new_participants | number }}"),
            ("Volunteers", "{{ loc.figures.volunteers | number }}"
             "{% if loc.figures.volunteer_hours %}, "
             "{{ loc.figures.volunteer_hours | number(0) }} hours together{% endif %}"),
            ("Supported jobs", "{{ loc.figures.perspectiefbanen | number }}"),
            ("Costs", "{{ loc.costs.actual | amount }} (budget {{ loc.costs.budget | amount }})"),
        ],
        "act_cols": ("Activity", "Kind", "How often"),
        "outcome_cols": ("Indicator", "Target", "Result", "Met"),
        "met": "{% if o.met %}yes{% elif o.met is none %}–{% else %}no{% endif %}",
        "stories": "From the neighbourhood",
        "story_source": "— {{ s.person or '' }}",
        "attachments": "Attachments",
        "sign_cols": ("Name", "Role", "Signature"),
        "sign_place": "Place and date: " + _PLACE_DATE,
        "r_header": "Report {{ funder.name }} {{ year }}",
        "r_title": "Report {{ year }}",
        "r_subtitle": "{{ grant.locations_text }} · to {{ funder.name_in_sentence }}",
        "to": "To", "subject": "Subject",
        "date_line": _PLACE_DATE,
        "r_subject": {t: "Report on the grant{% if funder.programme %} "
                         "{{ funder.programme }}{% endif %} {{ year }}" for t in TYPES},
        "r_intro": {t: "Please find enclosed our report on the grant of "
                       "{{ grant.amount | amount }} that {{ funder.name_in_sentence }} awarded to "
                       "{{ org.name }} for {{ grant.locations_text }} in {{ year }}."
                    for t in TYPES},
        "r_intro2": "It sets what we promised in the application beside what we achieved: the "
                    "reach, the activities and the spending per budget item, with an "
                    "explanation of every difference of more than "
                    "{{ costs.threshold | percent(0) }}.",
        "closing": "For any questions, please contact {{ org.contact.name or org.name }}"
                   "{% if org.contact.email %} ({{ org.contact.email }}){% endif %}.",
        "regards": "Yours sincerely,",
        "on_behalf": "on behalf of the board of {{ org.name }}",
        "r_facts": [("Recipient", "{{ org.name }}"),
                    ("Funder", "{{ funder.name }}{% if funder.programme %}, "
                               "{{ funder.programme }}{% endif %}"),
                    ("Period", "1 January to 31 December {{ year }}"),
                    ("Amount granted", "{{ grant.amount | amount }}"),
                    ("For", "{{ grant.locations_text }}"),
                    ("Reporting level", "{{ tier.label if tier else '–' }}"),
                    ("Due by", "{{ deadline | date }}")],
        "r_facts_condition": {6: "deadline"},
        "s_summary": "Summary",
        "summary": "In {{ year }}, {{ reach.unique_participants | number }} "
                   "{% if not promised.possibly_double_counted %}different {% endif %}"
                   "participants came to {{ grant.locations_text }}"
                   "{% if promised.stated %} ({{ promised.year }}: "
                   "{{ promised.stated | number }}){% endif %}"
                   "{% if promised.possibly_double_counted %}; this is the sum of the "
                   "locations, in which people visiting more than one may be counted twice"
                   "{% endif %}. "
                   "{% if promised.with_target %}Of the "
                   "{{ promised.with_target }} targets with a measured result, we met "
                   "{{ promised.met }}. {% endif %}{% if costs.actual is not none %}Costs came "
                   "to {{ costs.actual | amount }} against a budget of "
                   "{{ costs.budget | amount }}{% if costs.share is not none %} "
                   "({{ costs.share | percent(signed=True) }}){% endif %}.{% else %}The actual "
                   "costs have not all been recorded yet.{% endif %}",
        "s_grant": "The grant",
        "grant_cols": ("Location", "Status", "Amount"),
        "grant_total": "Total granted",
        "s_promised": "Promised and achieved",
        "reach_title": "Reach",
        "reach_intro": "The application for {{ year }} stated the reach of {{ promised.year }}; "
                       "beside it is what was achieved in {{ year }}.",
        "reach_intro_none": "When we applied for {{ year }} there were no reach figures yet; "
                            "this is what was achieved in {{ year }}.",
        "promised_cols": ("Location", "Unique participants in the application "
                          "({{ promised.year }})", "Achieved ({{ year }})", "Difference"),
        "goals_title": "Targets",
        "goals_intro": "The targets for {{ year }} from the application, against the measured "
                       "result.",
        "goal_cols": ("Indicator", "Location", "Target", "Result", "Met"),
        "no_goals": "No targets with a measured result have been recorded for {{ year }}.",
        "s_reach_terms": {
            "municipality": "Reach by age and activation",
            "housing-corporation": "Your tenants",
            "private-fund": "Volunteers",
            "health-insurer": "Health and taking part",
        },
        "age_intro": "Unique participants in {{ year }} by age group, where their age is "
                     "known.",
        "age_cols": ("Age group", "Unique participants"),
        "no_ages": "The participants' ages have not been recorded.",
        "tenants": "Of the {{ reach.unique_participants | number }} unique participants in "
                   "{{ year }}, {{ tenants.shown | number }} rent their "
                   "home from {{ funder.name_in_sentence }}{% if tenants.share and not "
                   "tenants.shown is "
                   "string %} ({{ tenants.share | percent }}){% endif %}.",
        "tenants_unknown": "How many participants rent from {{ funder.name_in_sentence }} has "
                           "not been "
                           "recorded.",
        "vol_intro": "Volunteers are at the heart of the work{% if volunteers.minimum %}; "
                     "{{ funder.name_in_sentence }} asks for at least {{ volunteers.minimum }} per "
                     "location{% endif %}.",
        "vol_cols": ("Location", "Volunteers", "Hours", "Supported jobs"),
        "s_activities": "Activities per location",
        "s_finance": "Financial report",
        "finance_intro": "Budget and actual costs {{ year }} per budget item"
                         "{% if requires.result_per_budget_line %}, the result per budget "
                         "item as the reporting protocol asks{% endif %}.",
        "finance_total_title": "Total per category",
        "s_stories": "Stories from the neighbourhood",
        "no_stories": "No stories that may be shared have been recorded for {{ year }}.",
        "s_reflection": "Looking back and ahead",
        "s_requirements": "Reporting requirements and attachments",
        "tiers_intro": "For a grant of {{ grant.amount | amount }}, {{ funder.name_in_sentence "
                       "}} asks for:",
        "tier_line": "{{ t.label }}{% if t.above %} (from {{ t.above | amount }}){% endif %}",
        "no_tiers": "{{ funder.name_at_start }} sets no particular requirements for this report.",
        "attachments_intro": "Enclosed with this report:",
        "no_attachments": "No attachments have been requested.",
        "s_sign": "Signature",
        "sign_intro": "Drawn up truthfully and signed on behalf of the board:",
        "a_header": "Annual report {{ year }}",
        "a_title": "Annual report {{ year }}",
        "a_subtitle": "{{ org.name }}",
        "a_period": "For the period 1 January to 31 December {{ year }}",
        "a_cover": [("{% if reach.possibly_double_counted %}Participants (sum of the "
                     "locations){% else %}Unique participants{% endif %}",
                     "{{ reach.unique_participants | number }}"),
                    ("Visits", "{{ reach.visits | number }}"),
                    ("Volunteers", "{{ reach.volunteers | number }}"),
                    ("Volunteer hours", "{{ reach.volunteer_hours | number(0) }}"),
                    ("Locations", "{{ locations | length }}")],
        "a_status": "Draft of {{ document.date | date }}. Adopted by the board on: "
                    "………………………",
        "toc": "Contents",
        "toc_placeholder": "The table of contents is updated when the document opens.",
        "s_foreword": "Foreword",
        "s_org": "Organisation and board",
        "org_table": [("Name", "{{ org.name }}"),
                      ("Legal form", "{{ org.legal_form_label }}"),
                      ("Founded", "{{ org.founded | date }}"),
                      ("Chamber of Commerce no.", "{{ org.kvk }}"),
                      ("RSIN (tax number)", "{{ org.rsin }}"),
                      ("Address", _ADDRESS),
                      ("Website", "{{ org.website }}")],
        "org_condition": {2: "org.founded", 3: "org.kvk", 4: "org.rsin", 5: "org.address",
                          6: "org.website"},
        "mission": "Mission",
        "board": "Board",
        "board_cols": ("Name", "Role"),
        "s_numbers": "The year in numbers",
        "numbers_intro": "The key figures of {{ year }}{% if numbers.previous_year %}, compared "
                         "with {{ numbers.previous_year }}{% endif %}. "
                         "{% if numbers.possibly_double_counted %}The participants are the sum "
                         "of the locations; people visiting more than one location may be "
                         "counted twice.{% else %}Organisation-wide, every participant counts "
                         "once, even when visiting several locations.{% endif %}",
        "numbers_cols": ("Figure", "{{ year - 1 }}", "{{ year }}", "Difference", "%"),
        "numbers_cols_first": ("Figure", "{{ year }}"),
        "per_location": "Per location",
        "loc_cols": ("Location", "Unique participants", "vs {{ year - 1 }}", "Visits",
                     "Volun­teers", "Hours", "Supported jobs"),
        "new": "new",
        "org_total": "Organisation {% if reach_table.total.possibly_double_counted %}"
                     "(sum){% else %}(unique){% endif %}",
        "no_figures": "no figures",
        "org_wide": "The organisation as a whole",
        "org_wide_intro": "What concerns the whole organisation rather than one location:",
        "overlap": "Added up over the locations there are "
                   "{{ reach_table.sum_of_locations | number }} participants; "
                   "organisation-wide {{ reach_table.total.unique_participants | number }} "
                   "different people, because some of them visit more than one location.",
        "double_note": "The organisation-wide figure is the sum of the locations; people "
                       "visiting more than one location may be counted twice.",
        "figure1": "Figure 1. {{ charts.participants.caption }}",
        "figure2": "Figure 2. {{ charts.budget.caption }}",
        "s_locations": "The locations",
        "locations_intro": "In {{ year }}, {% if locations | length == 1 %}1 location was "
                           "open{% else %}{{ locations | length }} locations were open"
                           "{% endif %}"
                           "{% if opened %}; newly opened: {% for l in opened %}{{ l.name }}"
                           "{% if not loop.last %}, {% endif %}{% endfor %}{% endif %}"
                           "{% if closed %}; closed: {% for l in closed %}{{ l.name }} "
                           "({{ l.period.closed | date }}){% if not loop.last %}, {% endif %}"
                           "{% endfor %}{% endif %}.",
        "loc_activities": "Activities",
        "loc_outcomes": "Results",
        "no_activities": "No activities have been recorded for this location.",
        "s_outcomes": "Results against targets",
        "outcomes_intro": "Of the {{ outcomes.with_target }} targets for {{ year }} with a "
                          "measured result, {{ outcomes.met }} were met. Per indicator:",
        "outcome_sum_cols": ("Indicator", "Target met", "Not met at"),
        "outcome_sum_met": "{{ o.met }} of {{ o.with_target }}",
        "no_outcomes": "No targets with a measured result have been recorded for {{ year }}.",
        "s_finance_a": "Finances",
        "fin_categories": "Budget and actual costs per category",
        "fin_locations": "Per location",
        "s_outlook": "Outlook",
        "s_anbi": "Public benefit (ANBI) information",
        "anbi_intro": "{{ org.name }} is a public benefit organisation (ANBI). We publish this "
                      "information as the Dutch Tax Administration requires.",
        "anbi_table": [("Name", "{{ org.name }}"),
                       ("RSIN (tax number)", "{{ org.rsin }}"),
                       ("Contact details", _ADDRESS +
                                           "{% if org.email %} · {{ org.email }}{% endif %}"
                                           "{% if org.phone %} · {{ org.phone }}{% endif %}"),
                       ("Objective", "{{ org.mission }}"),
                       ("Board", "{% for m in org.board %}{{ m.name }} ({{ m.role }})"
                                 "{% if not loop.last %}, {% endif %}{% endfor %}"),
                       ("Activities", "See the chapter The locations"),
                       ("Financial statement", "See the chapter Finances")],
        "policy": "Policy plan in outline",
        "pay": "Remuneration policy",
        "a_sign_intro": "Adopted by the board:",
    },
}

YEAR_END_BLOCKS = {
    "foreword": "texts.voorwoord",
    "organisation": "texts.organisatie",
    "outlook": "texts.vooruitblik",
    "policy": "texts.beleidsplan",
    "pay": "texts.beloningsbeleid",
    "reflection": "texts.terugblik",
}

# the widths of a money table: label, then four right-aligned columns (16.4 cm in all);
# a table of budget lines has a narrow fifth for the mark of a deviation
_MONEY = (6.4, 2.5, 2.5, 2.5, 2.5)
_MARK = 0.5


def _money_cols(t: dict, label: str, cell: str, var: str, marked: bool = False) -> list[Col]:
    cols = [Col(label, cell, _MONEY[0] - (_MARK if marked else 0)),
            Col(t["budget"], "{{ " + var + ".budget | amount }}", _MONEY[1], True),
            Col(t["actual"], "{{ " + var + ".actual | amount }}", _MONEY[2], True),
            Col(t["difference"], "{{ " + var + ".difference | amount }}", _MONEY[3], True),
            Col(t["pct"], "{{ " + var + ".share | percent(fixed=True) }}", _MONEY[4], True)]
    if marked:
        cols.append(Col("", "{% if " + var + ".deviates %}*{% endif %}", _MARK))
    return cols


def _totals(label: str, var: str, marked: bool = False) -> list[str]:
    return [label, "{{ " + var + ".budget | amount }}", "{{ " + var + ".actual | amount }}",
            "{{ " + var + ".difference | amount }}",
            "{{ " + var + ".share | percent(fixed=True) }}"] + ([""] if marked else [])


def _cost_lines(b: Builder, t: dict, heading_level: int | None = 3) -> None:
    """Per location (block) a table of its budget lines by category against the actuals."""
    b.tag("{%p for blk in costs.blocks %}")
    if heading_level:
        b.tag("{%p if costs.blocks | length > 1 %}")
        b.heading("{{ blk.name }}", heading_level)
        b.tag("{%p endif %}")
    b.tag("{%p if not blk.reported %}")
    b.para((t["not_reported"], "i"))
    b.tag("{%p endif %}")
    cols = _money_cols(t, t["item"], "{{ l.item }}", "l", marked=True)
    b.grid(cols, [
        ("header", [c.header for c in cols]),
        ("tag", "{%tr for c in blk.categories %}"),
        ("group", ["{{ c.name }}", "", "", "", "", ""]),
        ("tag", "{%tr for l in c.lines %}"),
        ("data", [c.cell for c in cols]),
        ("tag", "{%tr endfor %}"),
        ("subtotal", _totals(t["subtotal"], "c", marked=True)),
        ("tag", "{%tr endfor %}"),
        ("total", _totals(t["total_of"], "blk", marked=True)),
    ], hold_groups=True)
    b.tag("{%p endfor %}")
    b.tag("{%p if costs.deviations %}")
    b.para((t["deviation_mark"], "small"))
    b.tag("{%p endif %}")


def _deviations(b: Builder, t: dict) -> None:
    b.tag("{%p if costs.deviations %}")
    b.heading(t["deviations_title"], 3)
    b.para(t["deviations_intro"])
    b.tag("{%p for d in costs.deviations %}")
    b.para((t["deviation_line"][0], "b"), t["deviation_line"][1], space_after=0)
    # a deviation without an explanation is a finding of check, never a note to us here
    b.tag("{%p if d.explanation %}")
    b.para("{{ d.explanation }}")
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p elif costs.actual is not none %}")
    b.para(t["no_deviations"])
    b.tag("{%p endif %}")


def _income(b: Builder, t: dict, highlight: bool = False) -> None:
    mark = "{% if s.is_this_funder %}" + t["this_funder"] + "{% endif %}" if highlight else ""
    b.table([Col(t["income_cols"][0], "{{ s.name }}" + mark, 8.4),
             Col(t["income_cols"][1], "{{ s.status_label }}", 4.0),
             Col(t["income_cols"][2], "{{ s.amount | amount }}", 4.0, True)],
            loop="for s in income.sources",
            footer=[[t["income_realised"], "", "{{ income.realised | amount }}"],
                    [t["income_costs"], "", "{{ income.actual_costs | amount }}"],
                    [t["income_result"], "", "{{ income.result | amount }}"]],
            keep_together=True)
    b.tag("{%p if income.not_granted_sources %}")
    b.para((t["not_granted"], "small"))
    b.tag("{%p endif %}")


def _stories(b: Builder, t: dict, var: str, where: bool = False) -> None:
    b.tag("{%p for s in " + var + " %}")
    b.quote("\u201c{{ s.quote }}\u201d",
            t["story_source"] + ("{% if s.location %}, {{ s.location }}{% endif %}"
                                 if where else ""), title="{{ s.title or '' }}")
    b.tag("{%p endfor %}")


def _outcomes_table(b: Builder, t: dict, var: str) -> None:
    b.table([Col(t["outcome_cols"][0], "{{ o.label }}", 8.8),
             Col(t["outcome_cols"][1], "{{ o.target | indicator(o.unit) }}", 2.5, True),
             Col(t["outcome_cols"][2], "{{ o.value | indicator(o.unit) }}", 2.5, True),
             Col(t["outcome_cols"][3], t["met"], 2.6, True)], loop="for o in " + var,
            keep_together=True)


def _location_chapter(b: Builder, t: dict, outcomes: bool = True, stories: bool = True) -> None:
    """The part about one location `loc`: its period, figures, activities, results, stories
    (a report shows its results and stories in chapters of their own)."""
    b.para((t["open_period"], "i"), "{% if loc.description %} · {{ loc.description }}"
                                     "{% endif %}", keep=True)
    b.tag("{%p if loc.period.closed_this_year %}")
    b.para((t["closed_in_year"], "b"), keep=True)
    b.tag("{%p elif loc.period.opened_this_year %}")
    b.para(t["opened_in_year"], keep=True)
    b.tag("{%p endif %}")
    b.key_values(t["loc_figures"], widths=(5.0, 11.4), keep_together=True)
    b.heading(t["loc_activities"], 3)
    b.tag("{%p if loc.activities %}")
    b.table([Col(t["act_cols"][0], "{{ a.name }}", 6.6),
             Col(t["act_cols"][1], "{{ a.category }}", 4.8),
             Col(t["act_cols"][2], "{{ a.frequency or '' }}", 5.0)],
            loop="for a in loc.activities", keep_together=True)
    b.tag("{%p else %}")
    b.para(t["no_activities"])
    b.tag("{%p endif %}")
    if outcomes:
        b.tag("{%p if loc.outcomes %}")
        b.heading(t["loc_outcomes"], 3)
        _outcomes_table(b, t, "loc.outcomes")
        b.tag("{%p endif %}")
    if stories:
        b.tag("{%p if loc.stories %}")
        b.heading(t["stories"], 3)
        _stories(b, t, "loc.stories")
        b.tag("{%p endif %}")


def _letter(b: Builder, t: dict, subject: str, body: list[str]) -> None:
    """The covering letter on the first page: sender, addressee, date, subject, the
    paragraphs of `body`, and the signature of the contact person for the board."""
    b.para(("{{ org.name }}", "b"), space_after=0)
    b.para(_ADDRESS, space_after=0)
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
    b.para((t["subject"] + ": ", "b"), subject, space_after=18)
    b.para("{{ funder.salutation }},")
    for paragraph in body:
        b.para(paragraph)
    b.para(t["closing"])
    b.para(t["regards"], space_after=30)
    b.para("{{ org.contact.name or '' }}", space_after=0)
    b.para("{{ org.contact.role or '' }}", space_after=0)
    b.para(t["on_behalf"])
    b.page_break()


def _signatures(b: Builder, t: dict, intro: str, who: str = "org.board[:2]") -> None:
    # without a board check warns, and the document shows no empty signature table
    b.tag("{%p if org.board %}")
    b.para(intro).paragraph_format.keep_with_next = True
    b.table([Col(t["sign_cols"][0], "{{ m.name }}", 5.5),
             Col(t["sign_cols"][1], "{{ m.role }}", 4.4),
             Col(t["sign_cols"][2], "\u00a0\n\u00a0", 6.5)],
            loop="for m in " + who, keep_together=True)
    b.tag("{%p endif %}")
    b.para(t["sign_place"])


def report(kind: str, language: str) -> Builder:
    """The accountability report (verantwoording) to a funder of type `kind`."""
    t = Y[language]
    b = Builder(t["r_title"], t["r_header"], t["footer"], language, t["page"], t["of"])
    n = _Numbering()
    _letter(b, t, t["r_subject"][kind], [t["r_intro"][kind], t["r_intro2"]])

    b.title(t["r_title"], t["r_subtitle"])
    b.key_values(t["r_facts"], condition=t["r_facts_condition"])

    b.heading(n(t["s_summary"]))
    b.para(t["summary"])

    b.heading(n(t["s_grant"]))
    b.table([Col(t["grant_cols"][0], "{{ g.location }}", 8.4),
             Col(t["grant_cols"][1], "{{ g.status_label }}", 4.0),
             Col(t["grant_cols"][2], "{{ g.amount | amount }}", 4.0, True)],
            loop="for g in grant.rows",
            footer=[[t["grant_total"], "", "{{ grant.amount | amount }}"]])

    b.heading(n(t["s_promised"]))
    b.heading(t["reach_title"], 3)
    b.tag("{%p if promised.year %}")
    b.para(t["reach_intro"])
    b.tag("{%p else %}")
    b.para(t["reach_intro_none"])
    b.tag("{%p endif %}")
    b.table([Col(t["promised_cols"][0], "{{ r.name }}", 5.6),
             Col(t["promised_cols"][1], "{{ r.stated | number }}", 4.0, True),
             Col(t["promised_cols"][2], "{{ r.realised | number }}", 3.4, True),
             Col(t["promised_cols"][3], "{% if r.change.value is not none %}"
                                        "{{ r.change.value | number(signed=True) }}"
                                        "{% else %}–{% endif %}", 3.4, True)],
            loop="for r in promised.rows")
    b.heading(t["goals_title"], 3)
    b.tag("{%p if promised.outcomes %}")
    b.para(t["goals_intro"])
    cols = [Col(t["goal_cols"][0], "{{ o.label }}", 9.0),
            Col(t["goal_cols"][2], "{{ o.target | indicator(o.unit) }}", 2.4, True),
            Col(t["goal_cols"][3], "{{ o.value | indicator(o.unit) }}", 2.4, True),
            Col(t["goal_cols"][4], t["met"], 2.6, True)]
    b.grid(cols, [
        ("header", [c.header for c in cols]),
        ("tag", "{%tr for o in promised.outcomes %}"),
        ("tag", "{%tr if promised.rows | length > 1 and loop.changed(o.location) %}"),
        ("group", ["{{ o.location }}", "", "", ""]),
        ("tag", "{%tr endif %}"),
        ("data", [c.cell for c in cols]),
        ("tag", "{%tr endfor %}"),
    ])
    b.tag("{%p else %}")
    b.para(t["no_goals"])
    b.tag("{%p endif %}")

    b.heading(n(t["s_reach_terms"][kind]))
    if kind == "municipality":
        b.tag("{%p if age_bands %}")
        b.para(t["age_intro"])
        b.table([Col(t["age_cols"][0], "{{ a.label }}", 7.0),
                 Col(t["age_cols"][1], "{{ a.shown | number }}", 4.0, True)],
                loop="for a in age_bands")
        b.tag("{%p else %}")
        b.para(t["no_ages"])
        b.tag("{%p endif %}")
    if kind == "housing-corporation":
        b.tag("{%p if tenants.known %}")
        b.para(t["tenants"])
        b.tag("{%p else %}")
        b.para(t["tenants_unknown"])
        b.tag("{%p endif %}")
        b.text_block("texts.leefbaarheid")
    else:
        if kind == "health-insurer":
            b.text_block("texts.gezondheid")
        b.para(t["vol_intro"])
        b.table([Col(t["vol_cols"][0], "{{ v.name }}", 6.4),
                 Col(t["vol_cols"][1], "{{ v.volunteers | number }}", 3.0, True),
                 Col(t["vol_cols"][2], "{{ v.volunteer_hours | number(0) }}", 3.0, True),
                 Col(t["vol_cols"][3], "{{ v.perspectiefbanen | number }}", 4.0, True)],
                loop="for v in volunteers.rows", keep_together=True)

    b.heading(n(t["s_activities"]))
    b.tag("{%p for loc in locations %}")
    b.heading("{{ loc.name }}{% if loc.neighbourhood %} ({{ loc.neighbourhood }}){% endif %}",
              2)
    _location_chapter(b, t, outcomes=False, stories=False)
    b.tag("{%p endfor %}")

    b.heading(n(t["s_finance"]))
    b.para(t["finance_intro"], keep=True)
    _cost_lines(b, t)
    b.tag("{%p if costs.blocks | length > 1 %}")
    b.heading(t["finance_total_title"], 3)
    cols = _money_cols(t, t["category"], "{{ c.name }}", "c")
    b.table(cols, loop="for c in costs.categories", footer=[_totals(t["total_costs"], "costs")],
            keep_together=True)
    b.tag("{%p endif %}")
    _deviations(b, t)
    b.heading(t["income_title"], 3)
    _income(b, t, highlight=True)

    b.heading(n(t["s_stories"]))
    b.tag("{%p if stories %}")
    _stories(b, t, "stories", where=True)
    b.tag("{%p else %}")
    b.para(t["no_stories"])
    b.tag("{%p endif %}")

    b.heading(n(t["s_reflection"]))
    b.text_block(YEAR_END_BLOCKS["reflection"])

    b.heading(n(t["s_requirements"]))
    b.tag("{%p if tiers %}")
    b.para(t["tiers_intro"])
    b.tag("{%p for t in tiers %}")
    b.bullet(t["tier_line"])
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.para(t["no_tiers"])
    b.tag("{%p endif %}")
    b.tag("{%p if attachments %}")
    b.para(t["attachments_intro"])
    b.tag("{%p for a in attachments %}")
    b.bullet("{{ a.name }}")
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.para(t["no_attachments"])
    b.tag("{%p endif %}")

    b.heading(n(t["s_sign"]))
    _signatures(b, t, t["sign_intro"])
    return b


def annual_report(language: str) -> Builder:
    """The annual report (jaarverslag) of the organisation."""
    t = Y[language]
    b = Builder(t["a_title"], t["a_header"], t["footer"], language, t["page"], t["of"])
    n = _Numbering()

    b.para("", space_after=48)
    b.title(t["a_title"], t["a_subtitle"])
    b.para((t["a_period"], "i"), space_after=18)
    b.key_values(t["a_cover"], widths=(6.0, 4.0))
    b.para((t["a_status"], "small"), space_after=12)
    b.toc(t["toc"], t["toc_placeholder"])
    b.page_break()

    b.heading(n(t["s_foreword"]))
    b.text_block(YEAR_END_BLOCKS["foreword"])

    b.heading(n(t["s_org"]))
    b.text_block(YEAR_END_BLOCKS["organisation"])
    b.key_values(t["org_table"], condition=t["org_condition"])
    b.heading(t["mission"], 3)
    b.para("{{ org.mission }}")
    b.tag("{%p if org.board %}")
    b.heading(t["board"], 3)
    b.table([Col(t["board_cols"][0], "{{ m.name }}", 7.0),
             Col(t["board_cols"][1], "{{ m.role }}", 9.4)], loop="for m in org.board")
    b.tag("{%p endif %}")

    b.heading(n(t["s_numbers"]))
    b.para(t["numbers_intro"]).paragraph_format.keep_with_next = True
    b.tag("{%p if numbers.previous_year %}")
    cols = [Col(t["numbers_cols"][0], "{{ r.label }}", 6.4),
            Col(t["numbers_cols"][1], "{{ r.previous | number(0) }}", 2.5, True),
            Col(t["numbers_cols"][2], "{{ r.value | number(0) }}", 2.5, True),
            Col(t["numbers_cols"][3], "{{ r.change | number(0, signed=True) }}", 2.5, True),
            Col(t["numbers_cols"][4], "{{ r.change_share | percent(signed=True, fixed=True) }}",
                2.5, True)]
    b.table(cols, loop="for r in numbers.rows", keep_together=True)
    b.tag("{%p else %}")
    b.table([Col(t["numbers_cols_first"][0], "{{ r.label }}", 6.4),
             Col(t["numbers_cols_first"][1], "{{ r.value | number(0) }}", 2.5, True)],
            loop="for r in numbers.rows", keep_together=True)
    b.tag("{%p endif %}")
    b.heading(t["per_location"], 2)
    lc = t["loc_cols"]
    cols = [Col(lc[0], "{{ r.name }}", 3.6),
            Col(lc[1], "{{ r.unique_participants | number }}", 2.4, True),
            Col(lc[2], "{% if r.previous and r.previous.unique_participants is not none %}"
                       "{{ r.change.unique_participants.share | "
                       "percent(signed=True, fixed=True) }}{% elif r.opened_this_year %}"
                       + t["new"] + "{% else %}" + t["no_figures"] + "{% endif %}",
                2.0, True),
            Col(lc[3], "{{ r.visits | number }}", 2.0, True),
            Col(lc[4], "{{ r.volunteers | number }}", 2.1, True),
            Col(lc[5], "{{ r.volunteer_hours | number(0) }}", 1.7, True),
            Col(lc[6], "{{ r.perspectiefbanen | number }}", 2.6, True)]
    total = reach_total = "reach_table.total"
    b.grid(cols, [
        ("header", [c.header for c in cols]),
        ("tag", "{%tr for r in reach_table.rows %}"),
        ("data", [c.cell for c in cols]),
        ("tag", "{%tr endfor %}"),
        ("tag", "{%tr if " + total + " %}"),
        ("total", [t["org_total"],
                   "{{ " + reach_total + ".unique_participants | number }}",
                   "{% if " + reach_total + ".previous %}{{ " + reach_total
                   + ".change.unique_participants.share | percent(signed=True, fixed=True) }}"
                   "{% endif %}",
                   "{{ " + reach_total + ".visits | number }}",
                   "{{ " + reach_total + ".volunteers | number }}",
                   "{{ " + reach_total + ".volunteer_hours | number(0) }}",
                   "{{ " + reach_total + ".perspectiefbanen | number }}"]),
        ("tag", "{%tr endif %}"),
    ])
    b.tag("{%p if reach_table.total and reach_table.total.possibly_double_counted %}")
    b.para((t["double_note"], "small"))
    b.tag("{%p elif reach_table.counted_more_than_once %}")
    b.para(t["overlap"])
    b.tag("{%p endif %}")
    b.picture("charts.participants", t["figure1"])

    b.heading(n(t["s_locations"]))
    b.para(t["locations_intro"], keep=True)
    b.tag("{%p for loc in locations %}")
    b.heading("{{ loc.name }}{% if loc.neighbourhood %} ({{ loc.neighbourhood }}){% endif %}",
              2)
    _location_chapter(b, t)
    b.tag("{%p endfor %}")
    b.tag("{%p if organisation_wide.outcomes or organisation_wide.stories %}")
    b.heading(t["org_wide"], 2)
    b.para(t["org_wide_intro"])
    b.tag("{%p if organisation_wide.outcomes %}")
    b.heading(t["loc_outcomes"], 3)
    _outcomes_table(b, t, "organisation_wide.outcomes")
    b.tag("{%p endif %}")
    b.tag("{%p if organisation_wide.stories %}")
    b.heading(t["stories"], 3)
    _stories(b, t, "organisation_wide.stories")
    b.tag("{%p endif %}")
    b.tag("{%p endif %}")

    b.heading(n(t["s_outcomes"]))
    b.tag("{%p if outcomes.with_target %}")
    b.para(t["outcomes_intro"])
    b.table([Col(t["outcome_sum_cols"][0], "{{ o.label }}", 8.4),
             Col(t["outcome_sum_cols"][1], t["outcome_sum_met"], 2.8, True),
             Col(t["outcome_sum_cols"][2], "{{ o.not_met | join(', ') }}", 5.2)],
            loop="for o in outcomes.summary")
    b.tag("{%p else %}")
    b.para(t["no_outcomes"])
    b.tag("{%p endif %}")

    b.heading(n(t["s_finance_a"]))
    b.heading(t["fin_categories"], 2)
    cols = _money_cols(t, t["category"], "{{ c.name }}", "c")
    b.table(cols, loop="for c in costs.categories", footer=[_totals(t["total_costs"], "costs")],
            keep_together=True)
    b.picture("charts.budget", t["figure2"])
    b.heading(t["fin_locations"], 2)
    cols = _money_cols(t, t["location"], "{{ blk.name }}", "blk")
    b.table(cols, loop="for blk in costs.blocks", footer=[_totals(t["total_costs"], "costs")],
            keep_together=True)
    _deviations(b, t)
    b.heading(t["income_title"], 2)
    _income(b, t)

    b.heading(n(t["s_outlook"]))
    b.text_block(YEAR_END_BLOCKS["outlook"])

    b.tag("{%p if org.anbi %}")
    b.heading(n(t["s_anbi"]))
    b.para(t["anbi_intro"])
    b.key_values(t["anbi_table"], condition={1: "org.rsin"})
    b.heading(t["policy"], 3)
    b.text_block(YEAR_END_BLOCKS["policy"])
    b.heading(t["pay"], 3)
    b.text_block(YEAR_END_BLOCKS["pay"])
    b.tag("{%p endif %}")

    b.para("", space_after=12)
    _signatures(b, t, t["a_sign_intro"], who="org.board")
    return b


def templates() -> dict[str, Builder]:
    """Every built-in template by file name."""
    result = {}
    for kind in TYPES:
        for language in ("nl", "en"):
            suffix = ".en" if language == "en" else ""
            result[f"application-{kind}{suffix}.docx"] = application(kind, language)
    for language in ("nl", "en"):
        suffix = ".en" if language == "en" else ""
        result[f"review-pack{suffix}.docx"] = review_pack(language)
    for kind in TYPES:
        for language in ("nl", "en"):
            suffix = ".en" if language == "en" else ""
            result[f"report-{kind}{suffix}.docx"] = report(kind, language)
    for language in ("nl", "en"):
        suffix = ".en" if language == "en" else ""
        result[f"annual-report{suffix}.docx"] = annual_report(language)
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
