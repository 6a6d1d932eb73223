"""Where the files grantgen ships live: inside the installed package, or in a checkout."""

from __future__ import annotations

from pathlib import Path

#: the package folder (grantgen/)
PACKAGE = Path(__file__).resolve().parent.parent
#: the root of a checkout, where templates/ and the example workspace live
CHECKOUT = PACKAGE.parent


def shipped(folder: str) -> Path:
    """A folder that a wheel carries inside the package (grantgen/<folder>) and a checkout
    keeps at its root (<folder>): templates, and the example's facts, funders and texts."""
    packaged = PACKAGE / folder
    return packaged if packaged.is_dir() else CHECKOUT / folder


def example_root() -> Path | None:
    """The example workspace: grantgen/example in a wheel, the checkout's root otherwise."""
    packaged = PACKAGE / "example"
    if (packaged / "facts").is_dir():
        return packaged
    if (CHECKOUT / "facts" / "organisation.yaml").is_file() and (CHECKOUT / "funders").is_dir():
        return CHECKOUT
    return None
