"""Translation of user-facing messages: `_()` marks a message, the active catalogue translates it.

Messages are written in English in the code (the msgid, with `.format` placeholders) and
translated through the gettext catalogues in grantgen/locale/ (`make messages` extracts and
updates them). Which language a run speaks, first that says something wins:

1. the environment variable GRANTGEN_LANGUAGE (`nl` or `en`), for one person or one run;
2. the workspace: `settings.language` in facts/organisation.yaml, when it is written there;
3. the computer's language: LANGUAGE, LC_ALL, LC_MESSAGES or LANG (`nl_NL.UTF-8` gives
   Dutch; another language such as `en_US.UTF-8` or `de_DE.UTF-8` gives English; `C` and
   `POSIX` say nothing);
4. Dutch.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

LOCALE_DIR = Path(__file__).parent.parent / "locale"
DOMAIN = "grantgen"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
#: environment variables naming the computer's language, in gettext's order
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def N_(message: str) -> str:  # noqa: N802  (gettext's own name for it)
    """Mark `message` for translation without translating it now (translated where shown)."""
    return message


def set_language(language: str | None) -> None:
    """Use the catalogue of `language` ('nl', 'en'); English (the msgids) for anything else."""
    global _translations, _language
    _language = language if language in LANGUAGES else "en"
    if _language == "en":
        _translations = _gettext.NullTranslations()
    else:
        _translations = _gettext.translation(DOMAIN, LOCALE_DIR, [_language], fallback=True)


def current_language() -> str:
    """The language messages are shown in now: 'nl' or 'en'."""
    return _language


def language_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """'nl' or 'en' from the computer's locale variables, None when they name no language."""
    environ = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        for part in (environ.get(variable) or "").split(":"):
            code = part.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
            if code in ("", "c", "posix"):
                continue
            return "nl" if code == "nl" else "en"
    return None


def language_of_workspace(root: str | Path | None) -> str | None:
    """`settings.language` as written in the workspace's facts/organisation.yaml, if at all.

    Read leniently: a damaged file says nothing here (its problems are reported where the
    file is loaded, in the language chosen without it).
    """
    if root is None:
        return None
    path = Path(root) / "facts" / "organisation.yaml"
    try:
        import yaml

        data = yaml.safe_load(path.read_bytes().decode("utf-8-sig"))
    except Exception:  # missing, unreadable or not YAML: the loader reports it
        return None
    settings = data.get("settings") if isinstance(data, dict) else None
    language = settings.get("language") if isinstance(settings, dict) else None
    return language if language in LANGUAGES else None


def choose_language(workspace: str | Path | None = None,
                    environ: Mapping[str, str] | None = None) -> str:
    """The language of this run, by the order in this module's docstring."""
    environ = os.environ if environ is None else environ
    explicit = (environ.get("GRANTGEN_LANGUAGE") or "").strip().lower()
    if explicit in LANGUAGES:
        return explicit
    return (language_of_workspace(workspace) or language_from_environment(environ)
            or DEFAULT_LANGUAGE)


def _(message: str) -> str:
    """Translate `message` with the active catalogue."""
    return _translations.gettext(message)
