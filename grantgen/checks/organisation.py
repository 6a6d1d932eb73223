"""What the letters and signatures need of facts/organisation.yaml: an address, a contact
person and a board. Without them a letter would open without a sender's address or sign
with nobody's name; the documents then leave those parts out, and check says so first."""

from __future__ import annotations

from grantgen.core.errors import Problem, Problems
from grantgen.core.i18n import _
from grantgen.core.yamlfile import read_yaml

FILE = "facts/organisation.yaml"


def organisation_problems(prepared) -> list[Problem]:
    """A warning for each of address, contact person and board that is not filled in, when
    the funding plan calls for any document (each one opens with a letter or ends with the
    board's signatures)."""
    if not prepared.specs:
        return []
    organisation = prepared.facts.organisation
    path = prepared.workspace.facts_dir / "organisation.yaml"
    lines = read_yaml(path, FILE, Problems())[1] if path.is_file() else {}

    def line(*keys: str) -> int | None:
        return next((lines[(k,)] for k in keys if (k,) in lines), None)

    problems = []
    empty = [key for key in ("address", "postcode", "city")
             if not (getattr(organisation, key) or "").strip()]
    if empty:
        problems.append(Problem(
            FILE, _("the address is not complete ({keys} empty): the letters to funders show "
                    "no sender's address, and the date line no place.").format(
                keys=", ".join(empty)),
            line=line(*empty), severity="warning", kind="organisation-address",
            hint=_("Fill in address, postcode and city.")))
    contact = organisation.contact
    if contact is None or not contact.name.strip():
        problems.append(Problem(
            FILE, _("there is no contact person: the letters are signed without a name, and "
                    "the applications' contact table stays empty."),
            line=line("contact"), severity="warning", kind="organisation-contact",
            hint=_("Add 'contact:' with the name, role, email and phone of the person funders "
                   "may call.")))
    if not organisation.board:
        problems.append(Problem(
            FILE, _("no board members are listed: the applications and reports have nobody "
                    "to sign on behalf of the board."),
            line=line("board"), severity="warning", kind="organisation-board",
            hint=_("List the board under 'board:', one '- name: ...' and 'role: ...' per "
                   "person.")))
    return problems
