"""Translation of user-facing messages: `_()` marks a message, the active catalogue translates it.

Messages are written in English in the code (the msgid) and translated through gettext
catalogues; `set_language()` picks the catalogue for this run.
"""

from __future__ import annotations

import gettext as _gettext

_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def set_language(language: str | None) -> None:
    """Use the catalogue of `language` ('nl', 'en', ...); unknown languages fall back to English."""
    global _translations
    _translations = _gettext.NullTranslations()
    del language  # catalogues arrive with the onboarding work (issue 8)


def _(message: str) -> str:
    """Translate `message` with the active catalogue."""
    return _translations.gettext(message)
