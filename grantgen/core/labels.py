"""The words for closed lists of the facts (status, legal form, funder type, age band) in
the documents' languages: `label('status', 'committed', 'nl')` is 'toegezegd'."""

from __future__ import annotations

from typing import Any

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "status": {
        "nl": {"requested": "aangevraagd", "committed": "toegezegd", "received": "ontvangen",
               "rejected": "afgewezen"},
        "en": {"requested": "requested", "committed": "committed", "received": "received",
               "rejected": "rejected"},
    },
    "legal_form": {
        "nl": {"stichting": "stichting", "vereniging": "vereniging",
               "cooperatie": "coöperatie"},
        "en": {"stichting": "foundation (stichting)", "vereniging": "association (vereniging)",
               "cooperatie": "cooperative (coöperatie)"},
    },
    "funder_type": {
        "nl": {"municipality": "gemeente", "housing-corporation": "woningcorporatie",
               "private-fund": "fonds", "health-insurer": "zorgverzekeraar"},
        "en": {"municipality": "municipality", "housing-corporation": "housing corporation",
               "private-fund": "private fund", "health-insurer": "health insurer"},
    },
    "age_band": {
        "nl": {"<23": "jonger dan 23 jaar", "18-60": "18 tot 60 jaar", "60+": "60 jaar en ouder"},
        "en": {"<23": "under 23", "18-60": "18 to 60", "60+": "60 and over"},
    },
    "organisation": {"nl": {"all": "Hele organisatie"}, "en": {"all": "Whole organisation"}},
    #: the same inside a sentence ('een bijdrage voor de hele organisatie')
    "organisation_in_sentence": {"nl": {"all": "de hele organisatie"},
                                 "en": {"all": "the whole organisation"}},
}


def label(kind: str, value: Any, language: str) -> str:
    return LABELS[kind].get(language, LABELS[kind]["nl"]).get(value, str(value))
